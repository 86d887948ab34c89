#!/usr/bin/env bash
# `make up`: the whole café in containers on this machine, and back when every probe passes.
#   PostgreSQL (cafe/postgres), Kafka, Keycloak and the edge (cafe/stack) with `podman run`;
#   the four services from the generated Kubernetes manifests (deploy/local) with `podman kube play`.
# Everything on the host network at the ports of `make run`. `make down` (down.sh) removes all of it.
set -euo pipefail
source "$(dirname "$0")/common.sh"
: "${TAG:?TAG=<version>-<commit> (the Makefile sets it)}"
state="$root/.stack/up"
declare -A db=([order-service]=orders [payment-service]=payments [barista-service]=barista [status-service]=status)
declare -A management=([order-service]=9081 [payment-service]=9082 [barista-service]=9083 [status-service]=9084)
stack_containers=(cafe-postgres cafe-kafka cafe-keycloak cafe-edge)

"$podman" --version >/dev/null
command -v kubectl >/dev/null || { echo "kubectl is missing (its kustomize renders deploy/local): install kubectl" >&2; exit 127; }

running() { [ "$("$podman" inspect --format '{{.State.Running}}' "$1" 2>/dev/null)" = true ]; }
all_running() {
  for c in "${stack_containers[@]}"; do running "$c" || return 1; done
  for s in "${services[@]}"; do running "$s-pod-0-$s" || return 1; done
}
welcome() {
  java -cp "$root/local-stack/launcher/target/cafe-local-stack-1.0.0-SNAPSHOT.jar:$(cat "$root/local-stack/launcher/target/launcher.classpath")" \
    cafe.stack.Main welcome "one login per database (the service's Secret: $state/secrets)"
  echo "Containers    $("$here/podman.sh" ps --format '{{.Names}}' | grep -v infra | sort | paste -sd' ')"
  echo "Logs          deploy/containers/podman.sh logs <container>"
  echo
  echo "Ready. \`make down\` stops and removes every container."
}

if all_running; then
  echo "The café is already up in containers (images $TAG)."
  welcome
  exit 0
fi
if "$podman" ps -a --format '{{.Names}}' | grep -q -E '^(cafe-|(order|payment|barista|status)-service-pod)'; then
  echo "Some of the café's containers are left from an earlier \`make up\`: run \`make down\` first." >&2
  exit 1
fi

for port in 8080 8081 8082 8083 8084 9081 9082 9083 9084 15432 18090 18091 19092 19093; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port is taken (is \`make run\` or another stack running? \`ss -ltnp 'sport = :$port'\` names the process): stop it and run \`make up\` again." >&2
    exit 1
  fi
done
for image in "${services[@]/#/$prefix/}" localhost/cafe/stack; do
  "$podman" image exists "$image:$TAG" || { echo "No image $image:$TAG: run \`make images\` first." >&2; exit 1; }
done
"$podman" image exists localhost/cafe/postgres:15 || { echo "No image cafe/postgres:15: run \`make images\` first." >&2; exit 1; }

mkdir -p "$state"
"$root/deploy/generate-secrets.sh" "$state/secrets" >/dev/null
env_value() { sed -n "s/^$2=//p" "$state/secrets/$1.env"; }

echo "Starting PostgreSQL, Kafka and Keycloak in containers ..."
pg_env=(-e PGPORT=15432 -e "POSTGRES_PASSWORD=$(env_value cafe-postgres-admin POSTGRES_PASSWORD)")
for s in "${services[@]}"; do
  upper=${db[$s]^^}
  pg_env+=(-e "${upper}_USER=$(env_value "$s-db" QUARKUS_DATASOURCE_USERNAME)" -e "${upper}_PASSWORD=$(env_value "$s-db" QUARKUS_DATASOURCE_PASSWORD)")
done
# each stack container as the services run: a non-root user, a read-only root, a writable volume for its data
locked=(--network host --restart always --read-only --tmpfs /tmp --cap-drop ALL --security-opt no-new-privileges)
"$podman" run -d --name cafe-postgres "${locked[@]}" "${pg_env[@]}" \
  -v cafe-postgres-data:/var/lib/postgresql/data localhost/cafe/postgres:15 >/dev/null
# the broker creates each service's login (deploy/platform/kafka-users.yaml) with the password of its Secret
kafka_env=()
for s in "${services[@]}"; do
  upper=${s^^}
  kafka_env+=(-e "CAFE_KAFKA_PASSWORD_${upper//-/_}=$(env_value "$s-kafka" CAFE_KAFKA_PASSWORD)")
done
"$podman" run -d --name cafe-kafka "${locked[@]}" "${kafka_env[@]}" -v cafe-kafka-data:/var/lib/cafe localhost/cafe/stack:"$TAG" kafka >/dev/null
# Keycloak imports the realm and keeps its home (order-service's client secret, the stack's signing key) where
# `make token` and the tests read them, owned by the image's user
rm -rf "$root/.stack/keycloak" && install -d -m 0700 "$root/.stack/keycloak" && chown -R 1001 "$root/.stack/keycloak"
"$podman" run -d --name cafe-keycloak "${locked[@]}" -v "$root/.stack/keycloak:/var/lib/cafe/keycloak" localhost/cafe/stack:"$TAG" keycloak >/dev/null

await() { # await WHAT SECONDS COMMAND...: until COMMAND succeeds
  local what=$1 seconds=$2; shift 2
  for _ in $(seq $((seconds * 5))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "$what is not ready after $seconds s (deploy/containers/podman.sh logs ...)" >&2; exit 1
}
await PostgreSQL 60 "$podman" exec cafe-postgres pg_isready -q -h 127.0.0.1 -p 15432
await Kafka 90 sh -c "'$podman' logs cafe-kafka 2>&1 | grep -q '^Ready.'"
await Keycloak 120 sh -c "'$podman' logs cafe-keycloak 2>&1 | grep -q '^Ready.'"

# the services' Secrets as podman secrets: a JSON map of key -> base64 value (podman 4.3's format for kube play)
secret() { # secret NAME KEY=VALUE...
  local name=$1 json="" pair; shift
  for pair in "$@"; do json+="${json:+,}\"${pair%%=*}\":\"$(printf %s "${pair#*=}" | base64 -w0)\""; done
  "$podman" secret rm "$name" >/dev/null 2>&1 || true
  printf '{%s}' "$json" | "$podman" secret create "$name" - >/dev/null
}
for s in "${services[@]}"; do
  secret "$s-db" "QUARKUS_DATASOURCE_USERNAME=$(env_value "$s-db" QUARKUS_DATASOURCE_USERNAME)" \
    "QUARKUS_DATASOURCE_PASSWORD=$(env_value "$s-db" QUARKUS_DATASOURCE_PASSWORD)"
  secret "$s-kafka" "CAFE_KAFKA_PASSWORD=$(env_value "$s-kafka" CAFE_KAFKA_PASSWORD)"
done
# order-service's client secret, which Keycloak took from the realm file at import (a cluster's Keycloak shows it in its console)
secret order-service-oidc "QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET=$(sed -n 's/^order-service=//p' "$root/.stack/keycloak/clients.properties")"

echo "Starting the four services from the generated manifests (podman kube play) ..."
overlay="$state/overlay"
mkdir -p "$overlay"
{
  echo "apiVersion: kustomize.config.k8s.io/v1beta1"
  echo "kind: Kustomization"
  echo "resources: [../../../deploy/local]"
  echo "images:"
  for s in "${services[@]}"; do echo "  - {name: localhost/cafe/$s, newName: $prefix/$s, newTag: \"$TAG\"}"; done
} > "$overlay/kustomization.yaml"
kubectl kustomize "$overlay" > "$state/cafe.yaml"
started=$(date +%s%N)
"$podman" kube play "$state/cafe.yaml" > "$state/kube-play.log" 2> >(quiet_systemd)

probes_pass() { # startup, readiness and liveness of every service, as their manifests give them
  local s probe
  for s in "${services[@]}"; do
    for probe in started ready live; do curl -sf -o /dev/null "http://127.0.0.1:${management[$s]}/q/health/$probe" || return 1; done
  done
}
await "the services" 120 probes_pass
echo "  four services ready in $(( ($(date +%s%N) - started) / 1000000 )) ms"
"$podman" run -d --name cafe-edge "${locked[@]}" localhost/cafe/stack:"$TAG" edge >/dev/null
await "the edge" 30 curl -sf -o /dev/null http://127.0.0.1:8080/menu
welcome
