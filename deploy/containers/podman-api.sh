#!/usr/bin/env bash
# podman's Docker-compatible API on a socket, for the tools that talk to a Docker daemon (Jib, and the
# @QuarkusIntegrationTests that run a service's image): `podman-api.sh start` prints the DOCKER_HOST to
# export; `podman-api.sh stop` ends it. The socket and pid file live in target/containers.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="$(cd "$here/../.." && pwd)/target/containers"
socket="$dir/podman.sock" pidfile="$dir/podman-api.pid"
case "${1:-}" in
  start)
    mkdir -p "$dir"
    if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then echo "unix://$socket"; exit 0; fi
    rm -f "$socket"
    nohup "$here/podman.sh" system service --time=0 "unix://$socket" > "$dir/podman-api.log" 2>&1 &
    echo $! > "$pidfile"
    for _ in $(seq 100); do [ -S "$socket" ] && break; sleep 0.1; done
    [ -S "$socket" ] || { echo "podman's API did not start (see $dir/podman-api.log)" >&2; exit 1; }
    echo "unix://$socket" ;;
  stop)
    if [ -f "$pidfile" ]; then kill "$(cat "$pidfile")" 2>/dev/null || true; rm -f "$pidfile" "$socket"; fi ;;
  *) echo "usage: podman-api.sh start|stop" >&2; exit 2 ;;
esac
