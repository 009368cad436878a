#!/usr/bin/env bash
# Before and after: two builds of portscope side by side under the same socket load, alternating
# run by run, with the launcher's JVM flags and each jar's own AOT cache (trained here).
#   bench/ab.sh BEFORE.jar [AFTER.jar] [--sockets N] [--runs N]
# AFTER defaults to this checkout's cli/target/portscope.jar (built by ./portscope first).
# Make BEFORE from an older commit: git worktree add /tmp/before REV && (cd /tmp/before && ./build -DskipTests package)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
sockets=108000
runs=11
jars=()
while [ $# -gt 0 ]; do
  case "$1" in
    --sockets) sockets="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    -*) echo "usage: bench/ab.sh BEFORE.jar [AFTER.jar] [--sockets N] [--runs N]" >&2; exit 2 ;;
    *) jars+=("$1"); shift ;;
  esac
done
[ ${#jars[@]} -ge 1 ] || { echo "usage: bench/ab.sh BEFORE.jar [AFTER.jar] [--sockets N] [--runs N]" >&2; exit 2; }
. "$here/scripts/find-jdk.sh"
if [ ${#jars[@]} -lt 2 ]; then
  "$here/portscope" --version >/dev/null
  jars+=("$here/cli/target/portscope.jar")
fi
work=$(mktemp -d)
flags="@$here/dist/jvm.options"
cmd=()
for name in before after; do
  jar="${jars[$([ $name = before ] && echo 0 || echo 1)]}"
  cp "$jar" "$work/$name.jar"
  "$JAVA_HOME/bin/java" $flags -XX:AOTCacheOutput="$work/$name.aot" -Dportscope.aot.training=true -jar "$work/$name.jar" >/dev/null 2>&1
  cmd+=("$JAVA_HOME/bin/java $flags -XX:AOTCache=$work/$name.aot -jar $work/$name.jar")
done
before="${cmd[0]}"
after="${cmd[1]}"

. "$here/bench/load.sh"
wait_for_time_wait_to_expire
echo "Quiet machine, before the load ($runs runs each, alternating; before = ${jars[0]}, after = ${jars[1]}):"
echo
python3 "$here/bench/compare.py" --runs "$runs" --baseline "$before -tln" "$before -tln" "$after -tln" | sed "s|$work/||g; s|$JAVA_HOME/bin/java $flags -XX:AOTCache=[^ ]* -jar ||g"
start_load "$sockets"
echo
echo "Load: $(head -1 "$LOAD_OUT" | cut -d' ' -f2) established loopback TCP sockets."
echo
python3 "$here/bench/compare.py" --runs "$runs" --baseline "$before -tan" \
  "$before -tan" "$after -tan" "$before -ta" "$after -ta" "$before -tan --json" "$after -tan --json" \
  "$before -tan --csv" "$after -tan --csv" "$before -s" "$after -s" "$before who 30999" "$after who 30999" \
  | sed "s|$work/||g; s|$JAVA_HOME/bin/java $flags -XX:AOTCache=[^ ]* -jar ||g"
echo
python3 "$here/bench/compare.py" --runs 5 --baseline "$before -tanp" "$before -tanp" "$after -tanp" "$before who 41002" "$after who 41002" \
  | sed "s|$work/||g; s|$JAVA_HOME/bin/java $flags -XX:AOTCache=[^ ]* -jar ||g"
rm -rf "$work"
