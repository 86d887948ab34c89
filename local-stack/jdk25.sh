#!/usr/bin/env bash
# Prints the home of a JDK 25 or newer: JAVA_HOME when it is one, else the first found where JDKs are
# usually installed. Prints nothing and exits 1 when there is none.
major() { sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null; }
for home in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25* /usr/lib/jvm/* /opt/java/* /opt/jdk* \
            "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
  version=$(major "$home")
  if [ -n "$home" ] && [ -x "$home/bin/java" ] && [ "${version:-0}" -ge 25 ]; then
    echo "$home"
    exit 0
  fi
done
exit 1
