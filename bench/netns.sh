#!/usr/bin/env bash
# Many network namespaces at once (issue 15): N namespaces (ip netns add) x ~100 sockets each (a
# python process per namespace: a listener and 50 loopback connections to it, plus a UDP socket),
# then portscope --all-netns beside the loop people write with ss, with and without -p; portscope -tuan
# (its own namespace only, a handful of sockets) as the start-up floor; and the same read in a warm JVM.
# Usage (root): bench/netns.sh [NAMESPACES] [RUNS] [without-p]   (defaults 50, 11; "without-p" leaves out
# the -p pair, whose ss loop takes minutes at hundreds of namespaces)
set -euo pipefail
here="$(cd "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)"
count="${1:-50}"
runs="${2:-11}"
"$here/portscope" --version >/dev/null          # build the jar and train its AOT cache first
prefix="psbench$$-"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for i in $(seq 1 "$count"); do ip netns delete "$prefix$i" 2>/dev/null || true; done
}
trap cleanup EXIT
mix='
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 7000)); s.listen(128)
keep = []
for i in range(50):
    c = socket.create_connection(("127.0.0.1", 7000)); a, _ = s.accept(); keep += [c, a]
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("127.0.0.1", 7001))
print("ready", flush=True)
time.sleep(3600)'
for i in $(seq 1 "$count"); do
  ip netns add "$prefix$i"
  ip netns exec "$prefix$i" ip link set lo up
  ip netns exec "$prefix$i" /usr/bin/python3 -c "$mix" > "/tmp/$prefix$i.ready" &
  pids+=($!)
done
for i in $(seq 1 "$count"); do
  until grep -q ready "/tmp/$prefix$i.ready" 2>/dev/null; do sleep 0.05; done
  rm -f "/tmp/$prefix$i.ready"
done
loop="for ns in \$(ip netns list | awk '/^$prefix/ {print \$1}'); do ip netns exec \$ns ss -tuan; done"
loopp="for ns in \$(ip netns list | awk '/^$prefix/ {print \$1}'); do ip netns exec \$ns ss -tuanp; done"
echo "$count namespaces x $(ip netns exec "${prefix}1" ss -Htuan | wc -l) sockets; $runs runs each, alternating:"
echo
with_p=("$here/portscope --all-netns -tuanp" "$loopp")
[ "${3:-}" = without-p ] && with_p=()
python3 "$here/bench/compare.py" --runs "$runs" --baseline "$loop" "$here/portscope --all-netns -tuan" "$loop" \
  "${with_p[@]}" "$here/portscope -tuan" | sed "s|$here/||g; s|$prefix|PREFIX|g"
echo
. "$here/scripts/find-jdk.sh"
"$JAVA_HOME/bin/java" "@$here/dist/jvm.options" --enable-native-access=ALL-UNNAMED -cp "$here/cli/target/portscope.jar" \
  "$here/bench/InProcess.java" 20 --all-netns -tuan
