#!/usr/bin/env bash
# Start-up from the installed package (issue 20) beside ./portscope from the checkout and ss -tln, on
# a quiet machine: scripts/package.sh, the tarball installed under a temporary prefix with its
# install.sh (which trains the AOT cache with the package's own runtime), then every command
# alternately through bench/compare.py. Also the packages' sizes.
# Usage: bench/package.sh [RUNS]   (default 21)
set -euo pipefail
here="$(cd "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)"
runs="${1:-21}"
bash "$here/scripts/package.sh" >/dev/null
"$here/portscope" --version >/dev/null          # the checkout's jar and AOT cache
prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT
tar -C "$prefix" -xzf "$here"/target/dist/portscope-*-linux-x86_64.tar.gz
sh "$prefix"/portscope-*/install.sh "$prefix/usr" >/dev/null
pkg="$prefix/usr/bin/portscope"
co="$here/portscope"
echo "Sizes: $(du -h "$here"/target/dist/*.deb | cut -f1) .deb, $(du -h "$here"/target/dist/*.tar.gz | cut -f1) tarball, \
$(du -sh "$prefix/usr/lib/portscope" | cut -f1) installed (AOT cache $(du -h "$prefix/usr/lib/portscope/lib/portscope.aot" | cut -f1))"
echo
python3 "$here/bench/compare.py" --runs "$runs" --baseline "ss -tln" \
  "$pkg --version" "$co --version" "$pkg port 80" "$co port 80" "$pkg -tln" "$co -tln" "$pkg who 22 || true" "$co who 22 || true" \
  "ss -tln" | sed "s|$prefix/usr/bin/portscope|package|g; s|$here/portscope|./portscope|g"
