#!/usr/bin/env bash
# podman with the project's containers.conf; fails with the fix named when podman is missing.
set -euo pipefail
if ! command -v podman >/dev/null 2>&1; then
  echo "podman is not installed. On Debian/Ubuntu: sudo apt-get install -y podman runc (see deploy/containers/README.md)" >&2
  exit 127
fi
CONTAINERS_CONF="$(cd "$(dirname "$0")" && pwd)/containers.conf" exec podman "$@"
