#!/usr/bin/env bash
# portscope watch (issue 16): the CPU it uses over 108k idle sockets, and the close rate it follows
# without loss, beside ss -E for the close stream.
#   1. CPU: `watch` for SECONDS (default 60) at --interval 1s over the load (108,000 sockets), with
#      no filter and with a narrow one (sport = :9), user+system seconds from /usr/bin/time.
#   2. Rate: a python process opens and closes loopback connections as fast as it can for 10 s
#      (each end's close is one destroy event); watch --jsonl and ss -E run alongside, and their
#      close lines are counted against the connections made.
#   3. Remote rate: the same against a server in a namespace behind a veth pair (a peer elsewhere:
#      no pairing, TIME-WAIT lookups instead), counted beside ss -E.
# Usage (root): bench/watch.sh [SOCKETS] [SECONDS]
set -euo pipefail
here="$(cd "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)"
sockets="${1:-108000}"
seconds="${2:-60}"
"$here/portscope" --version >/dev/null
. "$here/bench/load.sh"
wait_for_time_wait_to_expire
start_load "$sockets"
echo "CPU of watch over $(ss -Htan | wc -l) TCP sockets, ${seconds} s at --interval 1s:"
echo
echo "| command | wall (s) | user+system CPU (s) | CPU % of one core | events |"
echo "|---|---|---|---|---|"
for args in "" "sport = :9"; do
  out=$(mktemp)
  /usr/bin/time -f "%e %U %S" -o "$out.time" "$here/portscope" watch -n --jsonl --duration "${seconds}s" $args > "$out" 2>/dev/null
  read -r wall user sys < "$out.time"
  cpu=$(python3 -c "print(f'{$user + $sys:.2f}')")
  pct=$(python3 -c "print(f'{100 * ($user + $sys) / $wall:.1f}')")
  echo "| \`portscope watch --duration ${seconds}s${args:+ $args}\` | $wall | $cpu | $pct | $(wc -l < "$out") |"
  rm -f "$out" "$out.time"
done
exec 3>&-; wait "$LOAD_PID" 2>/dev/null || true
echo
echo "Close rate: loopback connections opened and closed as fast as one python process can, 10 s:"
echo
churn='
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", 7077)); s.listen(4096)
n = 0; end = time.time() + 10
while time.time() < end:
    c = socket.create_connection(("127.0.0.1", 7077)); a, _ = s.accept(); c.close(); a.close(); n += 1
print(n)'
work=$(mktemp -d)
"$here/portscope" watch --jsonl --duration 14s -t 'sport = :7077 or dport = :7077' > "$work/watch" 2> "$work/watch.err" &
watch_pid=$!
timeout 14 ss -E -tn 'sport = :7077 or dport = :7077' > "$work/ss" 2>/dev/null &
ss_pid=$!
sleep 2
made=$(/usr/bin/python3 -c "$churn")
wait "$watch_pid" || true
wait "$ss_pid" || true
closes=$(grep -c '"event":"close"' "$work/watch" || true)
lost=$(grep -c '"event":"lost"' "$work/watch" || true)
ss_closes=$(grep -c ':7077' "$work/ss" || true)
echo "| | closes expected (2 per connection) | closes reported | lost events |"
echo "|---|---|---|---|"
echo "| \`portscope watch --jsonl\` | $((2 * made)) | $closes | $lost |"
echo "| \`ss -E\` | $((2 * made)) | $ss_closes | (not said) |"
echo
echo "$made connections in 10 s ($((made / 10))/s); watch's summary: $(tail -1 "$work/watch.err")"
rm -rf "$work"
echo
echo "Close rate to a peer elsewhere (a namespace behind a veth pair), 10 s:"
echo
ns=psbenchr$$
ip netns add $ns
ip link add ${ns}h type veth peer name ${ns}p netns $ns
ip addr add 10.79.0.1/30 dev ${ns}h; ip link set ${ns}h up
ip netns exec $ns ip addr add 10.79.0.2/30 dev ${ns}p; ip netns exec $ns ip link set ${ns}p up
ip netns exec $ns /usr/bin/python3 -c '
import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("10.79.0.2", 7078)); s.listen(4096)
while True:
    a, _ = s.accept(); a.recv(100); a.sendall(b"y" * 10); a.close()' &
work=$(mktemp -d)
/usr/bin/time -f "%U %S" -o "$work/time" "$here/portscope" watch --jsonl --duration 14s -t 'dport = :7078' > "$work/watch" 2> "$work/watch.err" &
watch_pid=$!
timeout -s INT 15 stdbuf -oL ss -Etn 'dport = :7078' > "$work/ss" 2>/dev/null &
ss_pid=$!
sleep 2
made=$(/usr/bin/python3 -c '
import socket, time
n = 0; end = time.time() + 10
while time.time() < end:
    c = socket.create_connection(("10.79.0.2", 7078)); c.sendall(b"x" * 5); c.recv(100); c.close(); n += 1
print(n)')
wait "$watch_pid" || true
wait "$ss_pid" || true
ip netns pids $ns | xargs -r kill; ip netns delete $ns
closes=$(grep -c '"event":"close"' "$work/watch" || true)
exact=$(grep '"event":"close"' "$work/watch" | grep -c '"sentBytes":5,"receivedBytes":10' || true)
read -r user sys < "$work/time"
echo "| | closes expected | closes reported | with exact received bytes | CPU (s) |"
echo "|---|---|---|---|---|"
echo "| \`portscope watch --jsonl\` | $made | $closes | $exact | $(python3 -c "print(f'{$user + $sys:.2f}')") |"
echo "| \`ss -E\` | $made | $(grep -c ':7078' "$work/ss" || true) | – | – |"
echo
echo "$made connections in 10 s ($((made / 10))/s); watch's summary: $(tail -1 "$work/watch.err")"
rm -rf "$work"
