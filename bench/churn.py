#!/usr/bin/env python3
"""Listings under churn: how often portscope, ss and netstat miss a long-lived socket, or list a
socket twice, while thousands of connections open and close every second.

In a fresh network namespace whose TCP hash is small (net.ipv4.tcp_child_ehash_entries, Linux
6.1+, set only while the namespace is created), generator processes hold BACKGROUND established
connections (so that a dump spans many chunks) and open and close connections as fast as they can;
one connection stays open the whole time. Each tool lists the namespace's TCP sockets RUNS times,
alternating; a run "misses" when a half of the long-lived connection is absent and "repeats" when
some connection's two addresses appear on two rows. Prints a Markdown table. Root; loopback only.
  bench/churn.py [--runs N] [--background N] [--generators N] [--hash N]
"""
import argparse
import collections
import os
import socket
import statistics
import subprocess
import sys
import time

NS = "portscope-churn"
HERE = os.path.dirname(os.path.abspath(__file__))
LISTEN = 5000          # the generators' server
LONG = 5001            # the long-lived connection's server


def generate(background, index):
    """In the namespace: hold `background` connections, then connect and close in a loop; print the rate."""
    import resource
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    held = []
    while len(held) < background:
        try:
            held.append(socket.create_connection(("127.0.0.1", LISTEN)))
        except OSError:
            time.sleep(0.01)
    print("ready", flush=True)
    made, last = 0, time.time()
    while True:
        c = socket.socket()
        c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")  # RST: no TIME-WAIT pile-up
        try:
            c.connect(("127.0.0.1", LISTEN))
            made += 1
        except OSError:
            pass  # the backlog is full for a moment
        c.close()
        now = time.time()
        if now - last >= 2:  # connections made per second over the last two seconds
            print("rate %.0f" % (made / (now - last)), flush=True)
            made, last = 0, now


def serve(background):
    """In the namespace: accept on LISTEN and LONG; keep the long-lived and the first `background` connections, close the rest."""
    import selectors
    sel = selectors.DefaultSelector()
    for port in (LISTEN, LONG):
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", port))
        s.listen(4096)
        s.setblocking(False)
        sel.register(s, selectors.EVENT_READ, port)
    kept = []
    long_client = None
    print("serving", flush=True)
    while True:
        for key, _ in sel.select(1):
            try:
                conn, _ = key.fileobj.accept()
            except BlockingIOError:
                continue
            if key.data == LONG or len(kept) < background + 1:
                kept.append(conn)
            else:
                conn.close()  # a churn connection
        if long_client is None:
            long_client = socket.create_connection(("127.0.0.1", LONG))
            print("long %d" % long_client.getsockname()[1], flush=True)


def rows(tool, out):
    """(local, remote) of each TCP row of a tool's output."""
    pairs = []
    for line in out.splitlines():
        f = line.split()
        if tool == "ss" and len(f) >= 5:
            pairs.append((f[3], f[4]))
        elif tool != "ss" and len(f) >= 6 and f[0].startswith("tcp"):
            pairs.append((f[3], f[4]))
    return pairs


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--generate":
        generate(int(sys.argv[2]), int(sys.argv[3]))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--serve":
        serve(int(sys.argv[2]))
        return
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=60)
    p.add_argument("--background", type=int, default=3000)
    p.add_argument("--generators", type=int, default=2)
    p.add_argument("--hash", type=int, default=128)
    a = p.parse_args()
    portscope = os.path.join(HERE, "..", "portscope")
    subprocess.run([portscope, "--version"], check=True, stdout=subprocess.DEVNULL)  # build and train first
    sysctl = "/proc/sys/net/ipv4/tcp_child_ehash_entries"
    old = open(sysctl).read().strip() if os.path.exists(sysctl) else None
    subprocess.run(["ip", "netns", "del", NS], stderr=subprocess.DEVNULL)
    if old is not None:
        open(sysctl, "w").write(str(a.hash))
    try:
        subprocess.run(["ip", "netns", "add", NS], check=True)
    finally:
        if old is not None:
            open(sysctl, "w").write(old)
    procs = []
    try:
        subprocess.run(["ip", "netns", "exec", NS, "ip", "link", "set", "lo", "up"], check=True)
        server = subprocess.Popen(["ip", "netns", "exec", NS, sys.executable, __file__, "--serve", str(a.background)],
                                  stdout=subprocess.PIPE, text=True)
        procs.append(server)
        assert server.stdout.readline().startswith("serving")
        long_port = int(server.stdout.readline().split()[1])
        gens = []
        for i in range(a.generators):
            g = subprocess.Popen(["ip", "netns", "exec", NS, sys.executable, __file__, "--generate", str(a.background // a.generators), str(i)],
                                 stdout=subprocess.PIPE, text=True)
            procs.append(g)
            gens.append(g)
        for g in gens:
            assert g.stdout.readline().startswith("ready")
        rates = []
        for g in gens:
            g.stdout.readline()  # the first two seconds
            line = g.stdout.readline()
            rates.append(float(line.split()[1]) if line.startswith("rate") else 0)
        tools = {
            "portscope -tan": [portscope, "-tanH"],
            "portscope -tan --source procfs": [portscope, "-tanH", "--source", "procfs"],
            "ss -tan": ["ss", "-Htan"],
            "netstat -tan": ["netstat", "-tan"],
        }
        missed = collections.Counter()
        repeated = collections.Counter()
        sizes = collections.defaultdict(list)
        want = {("127.0.0.1:%d" % long_port, "127.0.0.1:%d" % LONG), ("127.0.0.1:%d" % LONG, "127.0.0.1:%d" % long_port)}
        for _ in range(a.runs):
            for name, cmd in tools.items():
                out = subprocess.run(["ip", "netns", "exec", NS] + cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
                pairs = rows(name.split()[0], out)
                sizes[name].append(len(pairs))
                if not want <= set(pairs):
                    missed[name] += 1
                if any(n > 1 for n in collections.Counter(pairs).values()):
                    repeated[name] += 1
        print("Churn: %d generators at ~%.0f connections/s in all, %d background connections, TCP hash of %d buckets; %d runs each, alternating."
              % (a.generators, sum(rates), a.background, a.hash, a.runs))
        print()
        print("| tool | runs missing the long-lived connection | runs listing a connection twice | median rows |")
        print("|---|---|---|---|")
        for name in tools:
            print("| `%s` | %d | %d | %d |" % (name, missed[name], repeated[name], statistics.median(sizes[name])))
    finally:
        for pr in procs:
            pr.kill()
        subprocess.run(["ip", "netns", "del", NS], stderr=subprocess.DEVNULL)


if __name__ == "__main__":
    main()
