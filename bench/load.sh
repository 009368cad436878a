# Sourced by bench scripts: start_load N opens the socket load (bench/load.py) and waits until it
# is ready; it is torn down when the script exits. LOAD_OUT names the load's log ("ready N" first).
wait_for_time_wait_to_expire() {
  # TIME-WAIT sockets of an earlier load would be listed too and skew the figures: let them expire.
  for _ in $(seq 70); do
    [ "$(ss -Htan state time-wait | wc -l)" -lt 100 ] && break
    sleep 1
  done
}

start_load() {
  local fifo
  fifo=$(mktemp -u); mkfifo "$fifo"
  LOAD_OUT="$fifo.out"
  python3 "$(dirname "${BASH_SOURCE[0]}")/load.py" --sockets "$1" < "$fifo" > "$LOAD_OUT" 2>&1 &
  LOAD_PID=$!
  exec 3>"$fifo"                                   # closing fd 3 tells load.py to tear down
  trap 'exec 3>&-; wait $LOAD_PID 2>/dev/null; rm -f "'"$fifo"'" "$LOAD_OUT"' EXIT
  until grep -q '^ready' "$LOAD_OUT" 2>/dev/null; do
    kill -0 $LOAD_PID 2>/dev/null || { cat "$LOAD_OUT" >&2; exit 1; }
    sleep 1
  done
}
