#!/usr/bin/env bash
# Builds the base images cafe's containers start from, when they are missing or the files here they are built
# from changed (no registry is needed):
#   cafe/debian:12     a minimal Debian bookworm made by debootstrap from Debian's packages, with curl
#                      (podman runs a manifest's httpGet probes as curl inside the container)
#   cafe/jre:25        that Debian, a JDK 25 runtime jlink-ed from the installed JDK with only the modules
#                      in jre-modules.txt, and the non-root user 1001
#   cafe/postgres:15   that Debian and Debian's PostgreSQL 15, for `make up`
# Usage: build-base.sh [--force]   (JAVA_HOME: the JDK 25 to jlink from)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
podman="$here/podman.sh"
force=${1:-}
work="$(cd "$here/../.." && pwd)/target/containers"
: "${JAVA_HOME:?JAVA_HOME must point at a JDK 25 (make finds one)}"

exists() { [ "$force" != --force ] && "$podman" image exists "$1"; }
# an image built from files here is current while it carries their digest: a change to them builds it again
digest() { (cd "$here" && cat "$@") | sha256sum | cut -c1-16; }
current() { [ "$force" != --force ] && [ "$("$podman" image inspect --format '{{index .Labels "cafe.inputs"}}' "$1" 2>/dev/null)" = "$2" ]; }

if ! exists localhost/cafe/debian:12; then
  command -v debootstrap >/dev/null || { echo "debootstrap is missing: apt-get install -y debootstrap" >&2; exit 127; }
  echo "Building cafe/debian:12 with debootstrap (about 30 s) ..."
  rm -rf "$work/rootfs" && mkdir -p "$work"
  debootstrap --variant=minbase --include=curl bookworm "$work/rootfs" http://deb.debian.org/debian > "$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
  # what a runtime image never reads: docs, manuals, translations, package caches
  rm -rf "$work"/rootfs/usr/share/{doc,man,info,locale,lintian} "$work"/rootfs/var/cache/apt/* \
         "$work"/rootfs/var/lib/apt/lists/* "$work"/rootfs/var/log/*
  tar -C "$work/rootfs" -c . | "$podman" import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["/bin/bash"]' - localhost/cafe/debian:12 >/dev/null
  rm -rf "$work/rootfs"
fi

jre_inputs=$(digest Containerfile.jre jre-modules.txt)
if ! current localhost/cafe/jre:25 "$jre_inputs"; then
  echo "Building cafe/jre:25: jlink of $(grep -v -e '^#' -e '^$' "$here/jre-modules.txt" | wc -l) modules from $JAVA_HOME ..."
  rm -rf "$work/jre" && mkdir -p "$work/jre"
  "$JAVA_HOME/bin/jlink" --add-modules "$(grep -v -e '^#' -e '^$' "$here/jre-modules.txt" | paste -sd,)" \
    --strip-debug --no-header-files --no-man-pages --compress zip-6 --output "$work/jre/java" > "$work/jlink.log" 2>&1 \
    || { cat "$work/jlink.log" >&2; exit 1; }
  cp "$here/Containerfile.jre" "$work/jre/Containerfile"
  "$podman" build --quiet --label cafe.inputs="$jre_inputs" --tag localhost/cafe/jre:25 "$work/jre" >/dev/null
  rm -rf "$work/jre"
fi

postgres_inputs=$(digest Containerfile.postgres postgres-entrypoint.sh)
if ! current localhost/cafe/postgres:15 "$postgres_inputs"; then
  echo "Building cafe/postgres:15 from Debian's package ..."
  mkdir -p "$work/postgres"
  cp "$here/Containerfile.postgres" "$work/postgres/Containerfile"
  cp "$here/postgres-entrypoint.sh" "$work/postgres/"
  "$podman" build --quiet --network host --label cafe.inputs="$postgres_inputs" --tag localhost/cafe/postgres:15 "$work/postgres" >/dev/null
fi
