#!/usr/bin/env bash
# One command for BENCHMARKS.md: builds portscope, opens the socket load, runs portscope, ss and
# netstat side by side, prints a Markdown report, and tears the load down.
#   bench/run.sh [--sockets N] [--runs N]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
sockets=108000
runs=11
while [ $# -gt 0 ]; do
  case "$1" in
    --sockets) sockets="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    *) echo "usage: bench/run.sh [--sockets N] [--runs N]" >&2; exit 2 ;;
  esac
done
. "$here/scripts/find-jdk.sh"
command -v netstat >/dev/null && command -v lsof >/dev/null || { echo "bench: needs netstat and lsof; apt-get install net-tools lsof" >&2; exit 1; }
"$here/portscope" --version >/dev/null          # build the jar and train its AOT cache first
ps="$here/portscope"

. "$here/bench/load.sh"
wait_for_time_wait_to_expire
# Start-up of every view on the quiet machine (who of a port nobody uses exits 1: '|| true').
quiet_tln=$(python3 "$here/bench/compare.py" --runs "$runs" --baseline "ss -tln" "$ps -tln" "$ps --version" "$ps --help" \
  "$ps who --help" "$ps port 80" "$ps who 9 || true" "$ps who 22 || true" "$ps pairs" "$ps top" "$ps -s" "ss -tln")
start_load "$sockets"

echo "## $(date -u +%Y-%m-%d) — $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, Linux $(uname -r), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1 2>/dev/null || true)"
echo
echo "Load: $(head -1 "$LOAD_OUT" | cut -d' ' -f2) established loopback TCP sockets, $(ss -Htln | wc -l) TCP listeners, $(ss -Huan | wc -l) UDP sockets. $runs runs each, alternating; output read through a pipe."
echo
python3 "$here/bench/compare.py" --runs "$runs" --baseline "ss -tan" \
  "$ps -tan" "$ps -ta" "$ps -tan --source procfs" "$ps -tan --json" "ss -tan" "netstat -tan"
echo
echo "Filters and formats: one socket of $(head -1 "$LOAD_OUT" | cut -d' ' -f2) selected by ss's filter (kernel-side), every socket as JSON lines and CSV, and a reader that stops after one line:"
echo
python3 "$here/bench/compare.py" --runs "$runs" --baseline "ss -tan dport = :30998" \
  "$ps -tan dport = :30998" "ss -tan dport = :30998" "$ps -tan" "$ps -tan --jsonl" "$ps -tan --csv" \
  "$ps -tan | head -1" "ss -tan | head -1"
echo
echo "Owners (-p); fewer runs, ss -tanp alone takes seconds:"
echo
python3 "$here/bench/compare.py" --runs 3 --warmup 0 --baseline "ss -tanp" \
  "$ps -tanp" "ss -tanp" "netstat -tanp" "lsof -nP -iTCP"
echo
echo "who: a quiet listener (port 30999, nobody connected) and a busy one (41002: 9,000 connections in, 9,000 sockets out):"
echo
python3 "$here/bench/compare.py" --runs "$runs" --baseline "ss -Htlnp sport = :30999" \
  "$ps who 30999" "ss -Htlnp sport = :30999" "$ps who 41002" "ss -Hanp '( sport = :41002 or dport = :41002 )'"
echo
echo "Start-up of every view, quiet machine (before the load):"
echo
echo "$quiet_tln"
