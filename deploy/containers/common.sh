# Sourced by the scripts here: where things are, the images' tag and prefix, the services.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
podman="$here/podman.sh"
prefix=${IMAGE_PREFIX:-localhost/cafe}
services=(order-service payment-service barista-service status-service)
# podman without systemd says at each pod start and stop that it cannot schedule the probes' timers
quiet_systemd() { grep -v 'unable to get systemd connection' >&2 || true; }
