#!/bin/sh
# Installs this portscope tree: ./install.sh [PREFIX]  (default /usr/local as root, else ~/.local).
# PREFIX/lib/portscope holds the runtime, the jar and the launcher; PREFIX/bin/portscope links to it;
# the man page and the bash, zsh and fish completions go under PREFIX/share.
set -eu
here="$(cd "$(dirname -- "$0")" && pwd)"
if [ "$(id -u)" = 0 ]; then prefix="${1:-/usr/local}"; else prefix="${1:-$HOME/.local}"; fi
dest="$prefix/lib/portscope"
rm -rf "$dest"
mkdir -p "$dest" "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" \
  "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
cp -R "$here/bin" "$here/lib" "$dest/"
ln -sf "$dest/bin/portscope" "$prefix/bin/portscope"
cp "$here/share/man/man1/portscope.1" "$prefix/share/man/man1/"
cp "$here/share/bash-completion/completions/portscope" "$prefix/share/bash-completion/completions/"
cp "$here/share/zsh/site-functions/_portscope" "$prefix/share/zsh/site-functions/"
cp "$here/share/fish/vendor_completions.d/portscope.fish" "$prefix/share/fish/vendor_completions.d/"
sh "$here/lib/train-aot.sh" "$dest/lib"
echo "portscope installed in $dest; $prefix/bin/portscope runs it"
