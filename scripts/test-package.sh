#!/usr/bin/env bash
# Tests the packages as a user gets them (issue 20), after scripts/package.sh:
#   1. the .deb installed with dpkg into a fresh Debian root (debootstrap, minbase + man-db and
#      bash-completion; no JDK there): portscope -tln, portscope port 80, man portscope, and bash
#      completing "portscope wh" to "who";
#   2. the tarball installed with its install.sh under a prefix and run through a symlink in PATH.
# Needs root (debootstrap, chroot) and Debian's mirror; CI runs it from .ci/run.
# Usage: scripts/test-package.sh [DEBIAN_ROOT]   (reused when it exists: debootstrap once per machine)
set -euo pipefail
here="$(cd "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)"
root="${1:-/var/tmp/portscope-debian-root}"
fail() { echo "test-package: $*" >&2; exit 1; }
command -v debootstrap >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
bash "$here/scripts/package.sh" >/dev/null
deb="$(ls "$here"/target/dist/portscope_*_amd64.deb)"
tarball="$(ls "$here"/target/dist/portscope-*-linux-x86_64.tar.gz)"
if [ ! -x "$root/usr/bin/man" ]; then
  rm -rf "$root"
  debootstrap --variant=minbase --include=man-db,bash-completion bookworm "$root" http://deb.debian.org/debian >/dev/null
fi
[ ! -e "$root/usr/lib/jvm" ] && ! chroot "$root" sh -c 'command -v java' >/dev/null || fail "the Debian root has a Java: it must not"
mounted=""
cleanup() {
  [ -n "$mounted" ] && umount "$root/proc" 2>/dev/null || true
  [ -n "${prefix:-}" ] && rm -rf "$prefix"
}
trap cleanup EXIT
mount -t proc proc "$root/proc" && mounted=yes
chroot "$root" dpkg --purge portscope >/dev/null 2>&1 || true
cp "$deb" "$root/tmp/portscope.deb"
chroot "$root" dpkg -i /tmp/portscope.deb >/dev/null || fail "dpkg -i failed"
chroot "$root" portscope --version | grep -q '^portscope [0-9]' || fail "--version"
chroot "$root" portscope -tln | grep -q '^Active Internet connections (only servers)' || fail "portscope -tln"
chroot "$root" portscope port 80 | grep -q '^class: *System' || fail "portscope port 80"
page="$(chroot "$root" sh -c 'MANPAGER=cat man portscope')"
grep -q 'EXIT STATUS' <<< "$page" || fail "man portscope"
page="$(chroot "$root" sh -c 'man -l /usr/share/man/man1/portscope.1.gz | cat')"
grep -q 'portscope who' <<< "$page" || fail "man -l"
chroot "$root" bash -c 'source /usr/share/bash-completion/bash_completion; _completion_loader portscope; complete -p portscope' \
  | grep -q '_complete_portscope' || fail "complete -p portscope"
got="$(chroot "$root" bash -c 'source /usr/share/bash-completion/bash_completion; _completion_loader portscope
  COMP_WORDS=(portscope wh); COMP_CWORD=1; COMP_LINE="portscope wh"; COMP_POINT=12; _complete_portscope portscope wh portscope 2>/dev/null
  echo "${COMPREPLY[*]}"')"
[ "$got" = who ] || fail "completing 'portscope wh' gave '$got'"
[ -s "$root/usr/lib/portscope/lib/portscope.aot" ] || fail "postinst trained no AOT cache"
chroot "$root" dpkg --purge portscope >/dev/null || fail "dpkg --purge"
[ ! -e "$root/usr/lib/portscope" ] || fail "purge left /usr/lib/portscope"
echo "the .deb: installs, runs (-tln, port 80), man, completion, purges in a Debian root without Java"

prefix="$(mktemp -d)"
tar -C "$prefix" -xzf "$tarball"
sh "$prefix"/portscope-*/install.sh "$prefix/usr" >/dev/null
mkdir -p "$prefix/path"
ln -s "$prefix/usr/bin/portscope" "$prefix/path/portscope"
PATH="$prefix/path:/usr/bin:/bin" portscope -tln | grep -q '^Active Internet connections' || fail "the tarball's portscope through a symlink"
[ -s "$prefix/usr/lib/portscope/lib/portscope.aot" ] || fail "install.sh trained no AOT cache"
# a stale, foreign or broken AOT cache is dropped without a word
cp "$here/cli/target/portscope.aot" "$prefix/usr/lib/portscope/lib/portscope.aot" 2>/dev/null || head -c 100000 /dev/urandom \
  > "$prefix/usr/lib/portscope/lib/portscope.aot"
out="$(PATH="$prefix/path:/usr/bin:/bin" portscope --version 2>&1)"
[[ "$out" =~ ^portscope\ [0-9][^$'\n']*$ ]] || fail "a foreign AOT cache printed: $out"
head -c 100000 /dev/urandom > "$prefix/usr/lib/portscope/lib/portscope.aot"
out="$(PATH="$prefix/path:/usr/bin:/bin" portscope --version 2>&1)"
[[ "$out" =~ ^portscope\ [0-9][^$'\n']*$ ]] || fail "a broken AOT cache printed: $out"
echo "the tarball: install.sh, then portscope through a symlink in PATH; a foreign or broken AOT cache goes unsaid"
