#!/usr/bin/env bash
# top --live (issue 19): the CPU the live view uses over 108k sockets at --interval 1s, drawn in a
# real terminal (tmux, 200x50), by remote host (no process scan) and by process (every descriptor
# scanned each second), and what a narrow filter (sport = :9) saves. Each runs SECONDS (default
# 30), then q; user+system seconds from /usr/bin/time.
# Usage (root): bench/live.sh [SOCKETS] [SECONDS]
set -euo pipefail
here="$(cd "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)"
sockets="${1:-108000}"
seconds="${2:-30}"
"$here/portscope" --version >/dev/null
. "$here/bench/load.sh"
wait_for_time_wait_to_expire
start_load "$sockets"
session="psbenchlive$$"
echo "CPU of top --live over $(ss -Htan | wc -l) TCP sockets, ${seconds} s at --interval 1s in a 200x50 tmux:"
echo
echo "| command | wall (s) | user+system CPU (s) | CPU % of one core |"
echo "|---|---|---|---|"
for args in "--by remote-host" "--by process" "--by remote-host sport = :9"; do
  out=$(mktemp)
  tmux new-session -d -s "$session" -x 200 -y 50 \
    "/usr/bin/time -f '%e %U %S' -o $out $here/portscope top --live --interval 1s $args"
  sleep "$seconds"
  tmux send-keys -t "$session" q
  for _ in $(seq 1 100); do [ -s "$out" ] && break; sleep 0.1; done
  tmux kill-session -t "$session" 2>/dev/null || true
  read -r wall user sys < "$out"
  cpu=$(python3 -c "print(f'{$user + $sys:.2f}')")
  pct=$(python3 -c "print(f'{100 * ($user + $sys) / $wall:.1f}')")
  echo "| \`portscope top --live --interval 1s $args\` | $wall | $cpu | $pct |"
  rm -f "$out"
done
