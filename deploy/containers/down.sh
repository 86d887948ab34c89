#!/usr/bin/env bash
# `make down`: stops and removes everything `make up` started (containers, pods, their volumes and secrets).
set -euo pipefail
source "$(dirname "$0")/common.sh"
[ -f "$root/.stack/up/cafe.yaml" ] && "$podman" kube down "$root/.stack/up/cafe.yaml" >/dev/null 2> >(quiet_systemd) || true
for pod in $("$podman" pod ps --format '{{.Name}}' | grep -E '^(order|payment|barista|status)-service-pod' || true); do
  "$podman" pod rm -f -t 0 "$pod" >/dev/null 2> >(quiet_systemd)
done
# no grace period: everything they hold goes with their volumes
"$podman" rm -f --ignore -t 0 cafe-edge cafe-keycloak cafe-kafka cafe-postgres >/dev/null
for volume in cafe-postgres-data cafe-kafka-data {order,payment,barista,status}-service-tmp; do
  if "$podman" volume exists "$volume"; then "$podman" volume rm -f "$volume" >/dev/null; fi
done
for s in {order,payment,barista,status}-service-{db,kafka} order-service-oidc; do
  "$podman" secret rm "$s" >/dev/null 2>&1 || true
done
rm -rf "$root/.stack/up/overlay" "$root/.stack/up/cafe.yaml"
left=$("$podman" ps -a --format '{{.Names}}' | grep -E '^(cafe-|(order|payment|barista|status)-service-pod)' || true)
[ -z "$left" ] || { echo "Still there: $left" >&2; exit 1; }
echo "The café's containers are stopped and removed."
