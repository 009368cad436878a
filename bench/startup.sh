#!/usr/bin/env bash
# Start-up of every view on a quiet machine, side by side with ss -tln (the rows bench/run.sh
# prints before its load): bash/launcher included, output through a pipe.
# Usage: bench/startup.sh [RUNS]   (default 21)
set -euo pipefail
here="$(cd "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)"
runs="${1:-21}"
"$here/portscope" --version >/dev/null          # build the jar and train its AOT cache first
ps="$here/portscope"
python3 "$here/bench/compare.py" --runs "$runs" --baseline "ss -tln" "$ps -tln" "$ps --version" "$ps --help" \
  "$ps who --help" "$ps port 80" "$ps who 9 || true" "$ps who 22 || true" "$ps pairs" "$ps top" "$ps -s" "ss -tln" "netstat -tln"
