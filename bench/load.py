#!/usr/bin/env python3
"""Socket load for benchmarks: >= 100,000 established loopback TCP sockets, plus listeners and UDP.

A process may hold only ~20,000 fds here, so the load is spread over worker processes. Worker i
listens on 127.0.0.1:BASE+i and connects CONNECTIONS clients to worker i+1's listener, so each
worker holds CONNECTIONS client ends, CONNECTIONS accepted ends, a listener and some UDP sockets.
Clients bind to distinct 127.x source addresses so the ephemeral range is never the limit.

The parent process also listens on 127.0.0.1:QUIET (30999, below the ephemeral range so that no
client socket shares the number) with nobody connected: a quiet service, for timing `who` on the
question asked most ("who listens on this port?"), and on QUIET-1 (30998) with one connection, so
that `dport = :30998` selects exactly one socket out of 100k.

Runs until stdin closes or SIGTERM/SIGINT, then closes everything. Prints "ready N" once every
worker has its sockets, N being the number of established TCP sockets.
Loopback only: every address used is in 127.0.0.0/8.
"""
import argparse
import multiprocessing as mp
import os
import resource
import selectors
import signal
import socket
import struct
import sys


def worker(index, workers, connections, base_port, udp, listening, stop):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", base_port + index))
    listener.listen(4096)
    listener.setblocking(False)
    listening.wait()  # a barrier: every listener exists before anyone connects
    target = ("127.0.0.1", base_port + (index + 1) % workers)
    held = []
    accepted = 0
    for n in range(connections):
        c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        # distinct source addresses: 127.<1+index>.<n // 250>.<n % 250 + 1>
        c.bind(("127.%d.%d.%d" % (1 + index, n // 250, n % 250 + 1), 0))
        c.connect(target)
        held.append(c)
        while True:  # drain the accept queue as we go, so the backlog never overflows
            try:
                s, _ = listener.accept()
                held.append(s)
                accepted += 1
            except BlockingIOError:
                break
    listener.setblocking(True)
    while accepted < connections:
        s, _ = listener.accept()
        held.append(s)
        accepted += 1
    for n in range(udp):
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        u.bind(("127.0.0.1", 0))
        held.append(u)
    stop.wait()
    linger = struct.pack("ii", 1, 0)  # close with RST: no 100k TIME-WAIT sockets left to skew the next run
    for s in held:
        if s.type == socket.SOCK_STREAM:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
        s.close()
    listener.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sockets", type=int, default=108_000, help="established TCP sockets (two per connection)")
    parser.add_argument("--workers", type=int, default=6)
    parser.add_argument("--base-port", type=int, default=41000)
    parser.add_argument("--quiet-port", type=int, default=30999)
    parser.add_argument("--udp", type=int, default=100, help="UDP sockets per worker")
    args = parser.parse_args()
    per_worker = args.sockets // 2 // args.workers
    if 2 * per_worker + args.udp + 16 > resource.getrlimit(resource.RLIMIT_NOFILE)[1]:
        sys.exit("load.py: %d sockets per worker exceed the fd limit; use more --workers" % (2 * per_worker + args.udp))
    ctx = mp.get_context("fork")
    listening, stop = ctx.Barrier(args.workers), ctx.Event()
    procs = [ctx.Process(target=worker, args=(i, args.workers, per_worker, args.base_port, args.udp, listening, stop))
             for i in range(args.workers)]
    for p in procs:
        p.start()
    # after the fork, so that no worker inherits it
    quiet = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    quiet.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    quiet.bind(("127.0.0.1", args.quiet_port))
    quiet.listen(16)
    # One connection to 127.0.0.1:30998: `dport = :30998` matches exactly one socket (its client end).
    single = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    single.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    single.bind(("127.0.0.1", args.quiet_port - 1))
    single.listen(16)
    single_client = socket.create_connection(("127.0.0.1", args.quiet_port - 1))
    single_server, _ = single.accept()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    # Ready when ss counts every socket in place.
    expected = 2 * per_worker * args.workers
    import subprocess, time
    while not stop.is_set():
        out = subprocess.run(["ss", "-Htn", "state", "established"], capture_output=True, text=True).stdout
        if out.count("\n") >= expected:
            break
        if not all(p.is_alive() for p in procs):
            stop.set()
            sys.exit("load.py: a worker died")
        time.sleep(0.5)
    print("ready %d" % expected, flush=True)
    sel = selectors.DefaultSelector()
    sel.register(sys.stdin, selectors.EVENT_READ)
    while not stop.is_set():
        if sel.select(timeout=0.5) and not sys.stdin.read(1):
            break
    stop.set()
    for p in procs:
        p.join()


if __name__ == "__main__":
    main()
