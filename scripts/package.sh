#!/usr/bin/env bash
# Builds the installable portscope (issue 20) into target/dist/:
#   portscope-VERSION/            bin/portscope (launcher), lib/{portscope.jar, jvm.options, runtime/ (jlink), train-aot.sh},
#                                 share/{man/man1/portscope.1, bash, zsh and fish completions}, install.sh
#   portscope-VERSION-linux-x86_64.tar.gz   that tree
#   portscope_VERSION_amd64.deb   /usr/lib/portscope, /usr/bin/portscope, the man page, the completions; no JDK needed
# Reproducible: every time stamp is the last commit's (SOURCE_DATE_EPOCH), archives sorted, owners root.
# The AOT cache is not in the packages (it is trained by the installed runtime at install time).
# Usage: scripts/package.sh
set -euo pipefail
here="$(cd "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$here"
. scripts/find-jdk.sh
commit="$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}"
./mvnw -B -q -ntp -DskipTests -Dportscope.commit="$commit" package
version="$(sed -n 's/^version=//p' cli/target/classes/dev/portscope/cli/version.properties)"
version="${version%-SNAPSHOT}"
out="$here/target/dist"
tree="$out/portscope-$version"
rm -rf "$out"
mkdir -p "$tree/bin" "$tree/lib" "$tree/share/man/man1" "$tree/share/bash-completion/completions" \
  "$tree/share/zsh/site-functions" "$tree/share/fish/vendor_completions.d"
# the modules jdeps finds in portscope's own code (JLine's Swing and JMX extras are never loaded)
"$JAVA_HOME/bin/jlink" --add-modules java.base,java.net.http,jdk.httpserver --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 --output "$tree/lib/runtime"
cp cli/target/portscope.jar "$tree/lib/portscope.jar"
cp dist/package/portscope "$tree/bin/portscope"
cp dist/package/train-aot.sh "$tree/lib/train-aot.sh"
cp dist/jvm.options "$tree/lib/jvm.options"
cp dist/package/install.sh "$tree/install.sh"
docs() { "$tree/lib/runtime/bin/java" -cp "$tree/lib/portscope.jar" dev.portscope.cli.Docs "$1"; }
docs man > "$tree/share/man/man1/portscope.1"
docs bash > "$tree/share/bash-completion/completions/portscope"
docs zsh > "$tree/share/zsh/site-functions/_portscope"
docs fish > "$tree/share/fish/vendor_completions.d/portscope.fish"
chmod 755 "$tree/bin/portscope" "$tree/install.sh" "$tree/lib/train-aot.sh"
find "$tree" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
reproducible_tar() { # DIR NAME > tar.gz
  tar -C "$1" --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime -cf - "$2" | gzip -9n
}
reproducible_tar "$out" "portscope-$version" > "$out/portscope-$version-linux-x86_64.tar.gz"

# the .deb: the same tree under /usr/lib/portscope, links and docs where Debian keeps them
root="$out/deb"
mkdir -p "$root/DEBIAN" "$root/usr/lib/portscope" "$root/usr/bin" "$root/usr/share/man/man1" \
  "$root/usr/share/bash-completion/completions" "$root/usr/share/zsh/vendor-completions" "$root/usr/share/fish/vendor_completions.d" \
  "$root/usr/share/doc/portscope"
cp -R "$tree/bin" "$tree/lib" "$root/usr/lib/portscope/"
ln -s ../lib/portscope/bin/portscope "$root/usr/bin/portscope"
gzip -9n < "$tree/share/man/man1/portscope.1" > "$root/usr/share/man/man1/portscope.1.gz"
cp "$tree/share/bash-completion/completions/portscope" "$root/usr/share/bash-completion/completions/portscope"
cp "$tree/share/zsh/site-functions/_portscope" "$root/usr/share/zsh/vendor-completions/_portscope"
cp "$tree/share/fish/vendor_completions.d/portscope.fish" "$root/usr/share/fish/vendor_completions.d/portscope.fish"
printf 'portscope %s (commit %s): https://example.invalid/portscope\nLicense: see the source tree.\n' "$version" "$commit" \
  > "$root/usr/share/doc/portscope/copyright"
cat > "$root/DEBIAN/control" <<CONTROL
Package: portscope
Version: $version
Architecture: amd64
Maintainer: portscope developers <portscope@example.invalid>
Depends: libc6
Section: net
Priority: optional
Installed-Size: $(du -sk "$root/usr" | cut -f1)
Description: fast, modern netstat for Linux
 Lists TCP, UDP, UNIX, packet and netlink sockets as the kernel reports them, with their
 processes, containers and traffic; who uses a port; a live view; a Prometheus exporter.
 Carries its own Java runtime: no JDK needed.
CONTROL
cat > "$root/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
# the AOT cache must be made by this runtime for this jar: trained here, once per install
sh /usr/lib/portscope/lib/train-aot.sh /usr/lib/portscope/lib || true
POSTINST
cat > "$root/DEBIAN/prerm" <<'PRERM'
#!/bin/sh
set -e
rm -f /usr/lib/portscope/lib/portscope.aot
PRERM
chmod 755 "$root/DEBIAN/postinst" "$root/DEBIAN/prerm"
find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
dpkg-deb --root-owner-group -Zxz --build "$root" "$out/portscope_${version}_amd64.deb" >/dev/null
rm -rf "$root"
ls -la "$out"
