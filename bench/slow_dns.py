#!/usr/bin/env python3
"""Issue #5's deadline target with the real system resolver: 1,000 distinct peers whose reverse
lookups each take 5 s. Run inside a private network and mount namespace (bench/slow-dns.sh does):
  - /etc/resolv.conf and /etc/hosts are bind-mounted to files naming a DNS server on 127.0.0.53
    that answers every query after --delay seconds (NXDOMAIN), and only localhost;
  - a listener on 127.0.0.1:30080 and --peers clients, each bound to its own 127.0.x.y;
  - then each command runs --runs times; prints a Markdown table of wall times and exit codes.
"""
import argparse
import os
import socket
import statistics
import struct
import subprocess
import sys
import threading
import time


def serve_slow_dns(delay):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.53", 53))

    def answer_later(query, peer):
        time.sleep(delay)
        flags = 0x8183  # response, recursion desired + available, NXDOMAIN
        sock.sendto(query[:2] + struct.pack("!H", flags) + query[4:6] + b"\0\0\0\0\0\0" + query[12:], peer)

    while True:
        query, peer = sock.recvfrom(4096)
        threading.Thread(target=answer_later, args=(query, peer), daemon=True).start()


def open_peers(count, port):
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(4096)
    kept = [listener]
    for i in range(count):
        c = socket.socket()
        c.bind(("127.0.%d.%d" % (1 + i // 250, 1 + i % 250), 0))
        c.connect(("127.0.0.1", port))
        kept.append(c)
        kept.append(listener.accept()[0])
    return kept


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("commands", nargs="+")
    parser.add_argument("--peers", type=int, default=1000)
    parser.add_argument("--delay", type=float, default=5.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=float, default=20.0, help="a run taking longer is stopped and reported as such")
    args = parser.parse_args()
    with open("/etc/resolv.conf") as f:
        if "127.0.0.53" not in f.read():
            sys.exit("slow_dns.py: run me through bench/slow-dns.sh (needs its namespace and resolv.conf)")
    threading.Thread(target=serve_slow_dns, args=(args.delay,), daemon=True).start()
    kept = open_peers(args.peers, 30080)
    print("%d distinct peer addresses, every reverse lookup answered after %.0f s; %d runs each.\n"
          % (args.peers, args.delay, args.runs))
    print("| command | median wall (s) | max wall (s) | rows | stderr |")
    print("|---|---:|---:|---:|---|")
    for command in args.commands:
        walls, rows, note = [], 0, ""
        for _ in range(args.runs):
            start = time.perf_counter()
            try:
                p = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=args.limit)
                walls.append(time.perf_counter() - start)
                rows = len(p.stdout.splitlines())
                note = (p.stderr.strip().splitlines() or [""])[-1]
            except subprocess.TimeoutExpired:
                walls.append(float("inf"))
                note = "stopped after %.0f s" % args.limit
                break  # one run is enough to show it
        show = lambda w: "> %.0f" % args.limit if w == float("inf") else "%.2f" % w
        print("| `%s` | %s | %s | %d | %s |" % (command, show(statistics.median(walls)), show(max(walls)), rows, note))
    del kept


if __name__ == "__main__":
    main()
