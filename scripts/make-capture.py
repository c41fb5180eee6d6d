#!/usr/bin/env python3
"""Writes a synthetic Ethernet pcap for the capture benchmark: CONNECTIONS interleaved TCP
connections (handshake, request/response data, close) totalling about PACKETS packets.

    scripts/make-capture.py OUT.pcap [PACKETS=1000000] [CONNECTIONS=10000]
"""
import random, struct, sys

out = sys.argv[1]
total = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
count = int(sys.argv[3]) if len(sys.argv) > 3 else 10_000
per = total // count
rng = random.Random(7)

def frame(src, dst, sport, dport, seq, ack, flags, payload):
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF, 0x50, flags, 65535, 0, 0) + b"x" * payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0, 0x4000, 64, 6, 0, src, dst) + tcp
    return b"\x02" * 6 + b"\x04" * 6 + b"\x08\x00" + ip

def connection(index):
    """The packets of one connection as (offset µs, bytes)."""
    client = bytes([10, 1, index >> 8 & 0xFF, index & 0xFF])
    server = bytes([10, 2, 0, 1])
    sport, dport = 20000 + index % 40000, 443
    cs, ss = rng.getrandbits(32), rng.getrandbits(32)
    S, SA, A, PA, FA = 0x02, 0x12, 0x10, 0x18, 0x11
    packets = [(client, server, sport, dport, cs, 0, S, 0), (server, client, dport, sport, ss, cs + 1, SA, 0),
               (client, server, sport, dport, cs + 1, ss + 1, A, 0)]
    cs += 1; ss += 1
    while len(packets) < per - 4:
        packets.append((client, server, sport, dport, cs, ss, PA, 100)); cs += 100
        packets.append((server, client, dport, sport, ss, cs, PA, 300)); ss += 300
    packets += [(client, server, sport, dport, cs, ss, FA, 0), (server, client, dport, sport, ss, cs + 1, A, 0),
                (server, client, dport, sport, ss, cs + 1, FA, 0), (client, server, sport, dport, cs + 1, ss + 1, A, 0)]
    return [frame(*p) for p in packets]

with open(out, "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
    # 100 connections open at a time, their packets interleaved round-robin.
    active, next_index, t = [], 0, 1_700_000_000 * 1_000_000
    while active or next_index < count:
        while len(active) < 100 and next_index < count:
            active.append(iter(connection(next_index))); next_index += 1
        for it in list(active):
            packet = next(it, None)
            if packet is None:
                active.remove(it); continue
            t += 7
            f.write(struct.pack("<IIII", t // 1_000_000, t % 1_000_000, len(packet), len(packet)) + packet)
