print("tcpstep")
