#!/usr/bin/env bash
# Issue #5's deadline target: portscope -ta with 1,000 peers whose reverse lookups each take 5 s
# (a local DNS server that answers late, in a private namespace) must return within
# --dns-timeout + 0.5 s. Needs root (unshare, bind mounts).   bench/slow-dns.sh [--runs N]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
runs=3
[ "${1:-}" = "--runs" ] && runs="$2"
"$here/portscope" --version >/dev/null   # build and train outside the namespace
etc=$(mktemp -d)
trap 'rm -rf "$etc"' EXIT
printf 'nameserver 127.0.0.53\noptions timeout:5 attempts:1\n' > "$etc/resolv.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$etc/hosts"
ps="$here/portscope"
exec unshare --net --mount bash -c "
  set -e
  ip link set lo up
  mount --bind '$etc/resolv.conf' /etc/resolv.conf
  mount --bind '$etc/hosts' /etc/hosts
  python3 '$here/bench/slow_dns.py' --runs $runs \
    '$ps -tan' '$ps -ta' '$ps -ta --dns-timeout 0.5' 'ss -tar' 'netstat -ta'
"
