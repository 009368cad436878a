#!/usr/bin/env bash
# portscope serve (issue 17): scrape time, series count and exporter RSS over the 108k-socket load,
# and RSS growth over 1,000 scrapes of an idle host.
# Usage (root): bench/serve.sh [SOCKETS] [SCRAPES_UNDER_LOAD]
set -euo pipefail
here="$(cd "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)"
sockets="${1:-108000}"
scrapes="${2:-30}"
"$here/portscope" --version >/dev/null
address=127.0.0.1:10811
rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$1/status"; }
scrape_times() { # N: the median and max of N scrapes' wall time, in seconds
  for _ in $(seq "$1"); do curl -s -o /dev/null -w '%{time_total}\n' "http://$address/metrics"; done | sort -n \
    | awk '{a[NR] = $1} END {printf "%.3f %.3f\n", a[int((NR + 1) / 2)], a[NR]}'
}
if curl -s -o /dev/null "http://$address/-/ready"; then
  echo "something already serves at $address: stop it first" >&2
  exit 1
fi
"$here/portscope" serve --web.listen-address "$address" 2>/dev/null &
serve_wrapper=$!
trap 'kill $serve_wrapper 2>/dev/null || true' EXIT   # start_load's own trap replaces this one: the end kills it too
until curl -s -o /dev/null "http://$address/-/ready"; do
  kill -0 "$serve_wrapper" 2>/dev/null || { echo "portscope serve did not start (is $address taken?)" >&2; exit 1; }
  sleep 0.2
done
pid=$(pgrep -f "portscope.jar serve --web.listen-address $address" | head -1)
curl -s -o /dev/null "http://$address/metrics"
idle_rss=$(rss "$pid")
read -r idle_median idle_max < <(scrape_times 1000)
idle_after=$(rss "$pid")
scrape_times 1000 >/dev/null
idle_after2=$(rss "$pid")
idle_series=$(curl -s "http://$address/metrics" | grep -vc '^#')
idle_sockets=$(ss -Htuan | wc -l)
. "$here/bench/load.sh"
wait_for_time_wait_to_expire
start_load "$sockets"
curl -s -o /dev/null "http://$address/metrics"
load_rss=$(rss "$pid")
read -r load_median load_max < <(scrape_times "$scrapes")
load_after=$(rss "$pid")
load_series=$(curl -s "http://$address/metrics" | grep -vc '^#')
listeners=$(curl -s "http://$address/metrics" | grep -c '^portscope_listener_info')
kill "$serve_wrapper"
echo "| host | sockets | scrapes | median scrape (s) | slowest (s) | series | listeners | RSS after the first scrape (MiB) | RSS after the scrapes (MiB) |"
echo "|---|---|---|---|---|---|---|---|---|"
echo "| idle | $idle_sockets | 1000 (2000) | $idle_median | $idle_max | $idle_series | | $idle_rss | $idle_after ($idle_after2) |"
echo "| load | $(ss -Htuan | wc -l) | $scrapes | $load_median | $load_max | $load_series | $listeners | $load_rss | $load_after |"
