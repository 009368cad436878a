#!/usr/bin/env python3
"""Runs commands side by side, alternating, and reports median wall, CPU and peak RSS per command.

Each command's output goes into a pipe that is read to the end (as `cmd | cat` would), so
formatting and writing are measured too. Usage:
  compare.py --runs 11 --baseline "ss -tan" "portscope -tan" "ss -tan" "netstat -tan"
Prints a Markdown table; ratios are against the baseline command.
"""
import argparse
import os
import shlex
import statistics
import subprocess
import time


def measure(command):
    start = time.perf_counter()
    proc = subprocess.Popen(command, shell=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    size = 0
    while True:
        chunk = proc.stdout.read(1 << 16)
        if not chunk:
            break
        size += len(chunk)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("compare.py: '%s' failed with exit %d" % (command, os.waitstatus_to_exitcode(status)))
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0, size


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("commands", nargs="+")
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--baseline", help="command the ratios refer to (default: the last)")
    args = parser.parse_args()
    baseline = args.baseline or args.commands[-1]
    results = {c: [] for c in args.commands}
    for _ in range(args.warmup):
        for c in args.commands:
            measure(c)
    for _ in range(args.runs):
        for c in args.commands:  # alternate, so drift hits every command alike
            results[c].append(measure(c))
    med = {c: tuple(statistics.median(r[i] for r in results[c]) for i in range(4)) for c in args.commands}
    base = med[baseline][0]
    print("| command | median wall (s) | median CPU (s) | peak RSS (MiB) | output (KiB) | wall vs `%s` |" % baseline)
    print("|---|---|---|---|---|---|")
    for c in args.commands:
        wall, cpu, rss, size = med[c]
        print("| `%s` | %.3f | %.3f | %.0f | %.0f | %.2fx |" % (c, wall, cpu, rss, size / 1024, wall / base))


if __name__ == "__main__":
    main()
