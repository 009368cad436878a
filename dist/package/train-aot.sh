#!/bin/sh
# Trains the AOT cache of an installed portscope (LIB = the directory holding runtime/ and
# portscope.jar) with the views' representative runs; run at install time, as the cache must be made
# by the very runtime and jar path it serves. Quiet; without it portscope just starts slower.
lib="$1"
tmp="$lib/portscope.aot.$$"
if "$lib/runtime/bin/java" "@$lib/jvm.options" --enable-native-access=ALL-UNNAMED \
    -XX:AOTCacheOutput="$tmp" -Dportscope.aot.training=true -jar "$lib/portscope.jar" >/dev/null 2>&1 && [ -s "$tmp" ]; then
  mv -f "$tmp" "$lib/portscope.aot"
fi
rm -f "$tmp" "$tmp.config"
