# Sourced by ./portscope and ./build: sets JAVA_HOME to a JDK >= 25 or exits with a hint.
# Order: JAVA_HOME if it is new enough, then the usual install places.

portscope_java_major() {  # prints the feature version of the JDK at $1, or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  local line version
  if [ -f "$1/release" ]; then
    # bash builtins only: this runs on every ./portscope start
    while IFS= read -r line; do
      case "$line" in
        JAVA_VERSION=*) version="${line#JAVA_VERSION=\"}"; printf '%s\n' "${version%%[!0-9]*}"; return 0 ;;
      esac
    done < "$1/release"
  else
    "$1/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p'
  fi
}

portscope_find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [ -n "$candidate" ] && [ -d "$candidate" ] || continue
    major=$(portscope_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  return 1
}

if ! PORTSCOPE_JDK=$(portscope_find_jdk); then
  echo "portscope: no JDK 25 or newer found (looked at JAVA_HOME and /usr/lib/jvm/*); install one, e.g. 'apt-get install temurin-25-jdk', or set JAVA_HOME" >&2
  exit 1
fi
export JAVA_HOME="$PORTSCOPE_JDK"
