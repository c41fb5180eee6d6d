#!/usr/bin/env python3
"""Makes a real capture for the tests: tcpdump on the loopback interface while Python sockets
open, send, half-close, close or reset a connection.

    capture.py STORY OUT.pcap [--iface lo|any] [--ipv6] [--link LINUX_SLL2] [--nano] [--pcapng] [--big-endian]

    capture.py STORY OUT.jsonl --live PATH/TO/tcpstep

Stories: client-closes-first, server-closes-first, half-close, reset, closed-port.
Exits non-zero with a message on stderr if tcpdump cannot start or the story fails; every wait
is bounded, and tcpdump is always stopped.
"""
import argparse, os, signal, socket, struct, subprocess, sys, threading, time

signal.alarm(30)  # never hang a test run

def start_tcpdump(iface, port, out, link, nano, live):
    if live:
        # `tcpstep live` instead of tcpdump: its JSON lines are the output.
        command = [live, "live", "-i", iface, "--json", "--seconds", "15", "tcp", "port", str(port)]
        ready, stdout = "capturing on", open(out, "w")
    else:
        # --immediate-mode: packets leave the kernel ring at once, so none is lost when tcpdump stops.
        command = ["tcpdump", "-i", iface, "--immediate-mode", "-U", "-n", "-s", "262144", "-w", out]
        if link: command += ["-y", link]
        if nano: command += ["--time-stamp-precision=nano"]
        command += ["tcp port %d" % port]
        ready, stdout = "listening on", subprocess.DEVNULL
    err = open(out + ".stderr", "w+")
    proc = subprocess.Popen(command, stdout=stdout, stderr=err)
    deadline = time.time() + 10
    while time.time() < deadline:
        err.seek(0)
        if ready in err.read():
            time.sleep(float(os.environ.get("CAPTURE_SETTLE", "0")))
            return proc, err
        if proc.poll() is not None:
            err.seek(0)
            sys.exit(command[0] + " exited: " + err.read())
        time.sleep(0.02)
    proc.kill()
    sys.exit("tcpdump did not start listening within 10 s")

def stop_tcpdump(proc, err, out):
    time.sleep(0.3)  # the last segments reach the capture
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    err.close()
    os.unlink(out + ".stderr")

def serve(listener, story, done):
    conn, _ = listener.accept()
    if story == "client-closes-first":
        conn.recv(1000)
        conn.sendall(b"s" * 200)
        while conn.recv(1000):
            pass
        time.sleep(0.1)  # let the delayed ACK of the client's FIN go out on its own
        conn.close()
    elif story == "server-closes-first":
        conn.recv(1000)
        conn.sendall(b"s" * 200)
        time.sleep(0.1)
        conn.close()
    elif story == "half-close":
        conn.recv(1000)
        while conn.recv(1000):
            pass
        time.sleep(0.1)
        conn.sendall(b"s" * 300)  # still sending after the client's FIN (CLOSE_WAIT)
        time.sleep(0.1)
        conn.close()
    elif story == "reset":
        conn.recv(1000)
        while True:
            try:
                if not conn.recv(1000):
                    break
            except ConnectionResetError:
                break
        conn.close()
    done.set()

def client(family, address, port, story):
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.settimeout(5)
    if story == "closed-port":
        try:
            sock.connect((address, port))
            sys.exit("connect to a closed port succeeded")
        except ConnectionRefusedError:
            return
    sock.connect((address, port))
    sock.sendall(b"c" * 100)
    if story == "client-closes-first":
        sock.recv(1000)
        time.sleep(0.1)
        sock.close()
    elif story == "server-closes-first":
        sock.recv(1000)
        while sock.recv(1000):
            pass
        time.sleep(0.1)
        sock.close()
    elif story == "half-close":
        time.sleep(0.05)
        sock.shutdown(socket.SHUT_WR)
        received = 0
        while True:
            data = sock.recv(1000)
            if not data:
                break
            received += len(data)
        time.sleep(0.1)
        sock.close()
    elif story == "reset":
        time.sleep(0.1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()  # SO_LINGER 0: close sends RST (ABORT)

def to_pcapng(path):
    """Rewrites a little-endian microsecond or nanosecond pcap as pcapng (SHB, IDB, EPBs)."""
    data = open(path, "rb").read()
    magic, _, _, _, _, snaplen, link = struct.unpack("<IHHiIII", data[:24])
    nano = magic == 0xA1B23C4D
    def block(kind, body):
        body += b"\0" * (-len(body) % 4)
        return struct.pack("<II", kind, len(body) + 12) + body + struct.pack("<I", len(body) + 12)
    out = block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
    options = struct.pack("<HHB3x", 9, 1, 9 if nano else 6) + struct.pack("<HH", 0, 0)  # if_tsresol
    out += block(1, struct.pack("<HHI", link, 0, snaplen) + options)
    offset = 24
    while offset + 16 <= len(data):
        sec, frac, caplen, length = struct.unpack("<IIII", data[offset:offset + 16])
        packet = data[offset + 16:offset + 16 + caplen]
        stamp = sec * (10**9 if nano else 10**6) + frac
        out += block(6, struct.pack("<IIIII", 0, stamp >> 32, stamp & 0xFFFFFFFF, caplen, length) + packet)
        offset += 16 + caplen
    open(path, "wb").write(out)

def to_big_endian(path):
    data = bytearray(open(path, "rb").read())
    header = struct.unpack("<IHHiIII", data[:24])
    out = bytearray(struct.pack(">IHHiIII", *header))
    offset = 24
    while offset + 16 <= len(data):
        fields = struct.unpack("<IIII", data[offset:offset + 16])
        out += struct.pack(">IIII", *fields) + data[offset + 16:offset + 16 + fields[2]]
        offset += 16 + fields[2]
    open(path, "wb").write(bytes(out))

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("story")
    parser.add_argument("out")
    parser.add_argument("--iface", default="lo")
    parser.add_argument("--ipv6", action="store_true")
    parser.add_argument("--link")
    parser.add_argument("--nano", action="store_true")
    parser.add_argument("--pcapng", action="store_true")
    parser.add_argument("--big-endian", action="store_true")
    parser.add_argument("--live", help="capture with this tcpstep binary's `live --json` instead of tcpdump")
    args = parser.parse_args()
    family = socket.AF_INET6 if args.ipv6 else socket.AF_INET
    address = "::1" if args.ipv6 else "127.0.0.1"
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.bind((address, 0))  # holds the port even when nobody listens (closed-port)
    port = listener.getsockname()[1]
    proc, err = start_tcpdump(args.iface, port, args.out, args.link, args.nano, args.live)
    try:
        done = threading.Event()
        if args.story != "closed-port":
            listener.listen(1)
            threading.Thread(target=serve, args=(listener, args.story, done), daemon=True).start()
        client(family, address, port, args.story)
        if args.story != "closed-port" and not done.wait(10):
            sys.exit("the server side did not finish")
    finally:
        stop_tcpdump(proc, err, args.out)
    if args.pcapng: to_pcapng(args.out)
    if args.big_endian: to_big_endian(args.out)
    print(port)

main()
