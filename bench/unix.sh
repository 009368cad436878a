#!/usr/bin/env bash
# UNIX sockets at scale (issue 18): PAIRS socketpairs (default 20,000: 40,000 sockets) held by four
# python processes (a process may hold ~20,000 descriptors), in a fresh network namespace so that
# only they are listed; then portscope -xa and -xap beside ss -xa, ss -xap and netstat -ax/-axp.
# Usage (root): bench/unix.sh [PAIRS] [RUNS]   (defaults 20000, 11)
set -euo pipefail
here="$(cd "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)"
pairs="${1:-20000}"
runs="${2:-11}"
"$here/portscope" --version >/dev/null          # build the jar and train its AOT cache first
ns="psbenchux$$"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  ip netns delete "$ns" 2>/dev/null || true
}
trap cleanup EXIT
ip netns add "$ns"
holder='
import resource, socket, sys, time
n = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_NOFILE, (2 * n + 64, 2 * n + 64))
keep = [socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM) for _ in range(n)]
print("ready", flush=True)
time.sleep(3600)'
per=$(( (pairs + 3) / 4 ))
for i in 1 2 3 4; do
  ip netns exec "$ns" /usr/bin/python3 -c "$holder" "$per" > "/tmp/$ns.$i" &
  pids+=($!)
done
for i in 1 2 3 4; do
  until grep -q ready "/tmp/$ns.$i" 2>/dev/null; do sleep 0.05; done
  rm -f "/tmp/$ns.$i"
done
in="ip netns exec $ns"
echo "$(ip netns exec "$ns" ss -xaH | wc -l) UNIX sockets in one namespace; $runs runs each, alternating:"
echo
python3 "$here/bench/compare.py" --runs "$runs" --baseline "$in ss -xa" \
  "$in $here/portscope -xa" "$in ss -xa" "$in netstat -ax" \
  "$in $here/portscope -xap" "$in ss -xap" "$in netstat -axp" \
  "$in $here/portscope -xa --json" | sed "s|$here/||g; s|$ns|NS|g"
