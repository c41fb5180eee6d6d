#!/usr/bin/env python3
"""A loopback conversation in two acts for the `tcpstep live` test, paced by the test.

    live_talk.py DIR

Listens on 127.0.0.1 (a free port, written to DIR/port), then waits for DIR/go before it
connects and sends 100 bytes, and for DIR/go2 before the server answers 200 bytes and both
close (the client first). Every wait is bounded; exits non-zero with a message on failure.
"""
import os, socket, sys, threading, time

signal_deadline = time.time() + 60
directory = sys.argv[1]

def wait_for(name):
    path = os.path.join(directory, name)
    while not os.path.exists(path):
        if time.time() > signal_deadline:
            sys.exit("live_talk.py: no %s within 60 s" % name)
        time.sleep(0.02)

listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.bind(("127.0.0.1", 0))
listener.listen(1)
with open(os.path.join(directory, "port.tmp"), "w") as out:
    out.write(str(listener.getsockname()[1]))
os.rename(os.path.join(directory, "port.tmp"), os.path.join(directory, "port"))

def serve():
    conn, _ = listener.accept()
    conn.recv(1000)
    wait_for("go2")
    conn.sendall(b"s" * 200)
    while conn.recv(1000):
        pass
    conn.close()

wait_for("go")
server = threading.Thread(target=serve, daemon=True)
server.start()
client = socket.create_connection(("127.0.0.1", listener.getsockname()[1]), timeout=10)
client.sendall(b"c" * 100)
client.recv(1000)
time.sleep(0.1)
client.close()
server.join(10)
with open(os.path.join(directory, "done"), "w") as out:
    out.write("ok")
