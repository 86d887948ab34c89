#!/usr/bin/env bash
# `make images`: the base images when missing (build-base.sh), then one image per service, built by Jib and
# trained inside itself (the root pom's `images` profile), and cafe/stack for `make up`'s Kafka, Keycloak and
# edge. Every image is tagged <version>-<commit> (TAG), as the manifests name it. Needs the modules installed
# (make build) and podman. Prints each image with its size.
# IMAGE_BASE=<image> builds the services on another JDK 25 runtime instead of cafe/jre:25, e.g. where a
# registry is reachable: IMAGE_BASE=registry.access.redhat.com/ubi9/openjdk-25-runtime (or eclipse-temurin:25-jre).
set -euo pipefail
source "$(dirname "$0")/common.sh"
: "${TAG:?TAG=<version>-<commit> (the Makefile sets it)}"

"$here/build-base.sh"

export DOCKER_HOST; DOCKER_HOST=$("$here/podman-api.sh" start)
export CONTAINERS_CONF="$here/containers.conf"
for s in "${services[@]}"; do
  # the training run inside the image writes its cache here, as the image's user
  rm -rf "$root/$s/target/aot" && install -d -m 1777 "$root/$s/target/aot"
  # the image build packages the service again: keep the host's jars with the AOT cache trained for them
  rm -rf "$root/$s/target/quarkus-app.host" && cp -a "$root/$s/target/quarkus-app" "$root/$s/target/quarkus-app.host"
  cp -a "$root/$s/target/quarkus-artifact.properties" "$root/$s/target/quarkus-app.host/"
done
restore_host_apps() {
  for s in "${services[@]}"; do
    if [ -d "$root/$s/target/quarkus-app.host" ]; then
      mv "$root/$s/target/quarkus-app.host/quarkus-artifact.properties" "$root/$s/target/"
      rm -rf "$root/$s/target/quarkus-app" && mv "$root/$s/target/quarkus-app.host" "$root/$s/target/quarkus-app"
    fi
  done
}
trap 'restore_host_apps; "$here/podman-api.sh" stop' EXIT
echo "Building the service images with Jib, each trained by its *ResourceIT inside itself (about a minute each) ..."
base=${IMAGE_BASE:-docker://localhost/cafe/jre:25}
(cd "$root" && mvn ${MVN_FLAGS:--B -ntp} -q verify -Pimages -Dcafe.image.prefix="$prefix" -Dcafe.image.source="${IMAGE_SOURCE:-unknown}" \
  -Dcafe.image.base="$base" \
  -pl "$(IFS=,; echo "${services[*]}")" \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test='*ResourceIT' -Dfailsafe.failIfNoSpecifiedTests=false)
for s in "${services[@]}"; do
  # the trained image (Quarkus tags it <tag>-aot) takes the tag the manifests name; the untrained one goes
  "$podman" tag "$prefix/$s:$TAG-aot" "$prefix/$s:$TAG"
  "$podman" rmi "$prefix/$s:$TAG-aot" >/dev/null
done

echo "Building cafe/stack (Kafka, Keycloak, the edge) ..."
ctx="$root/target/containers/stack"
rm -rf "$ctx" && mkdir -p "$ctx/launcher" "$ctx/kafka"
cp "$root"/local-stack/launcher/target/cafe-local-stack-*.jar "$ctx/launcher/"
tr ':' '\n' < "$root/local-stack/launcher/target/launcher.classpath" | xargs -I{} cp {} "$ctx/launcher/"
tr ':' '\n' < "$root/local-stack/kafka-broker/target/broker.classpath" | xargs -I{} cp {} "$ctx/kafka/"
cp "$root/deploy/platform/gateway.yaml" "$root/deploy/platform/kafka-users.yaml" "$root/deploy/platform/keycloak/cafe-realm.json" "$ctx/"
# Keycloak as `make build` prepared it, but for the AOT cache: it was trained on this machine's JDK, not the image's
prepared="$root/local-stack/keycloak/target/prepared"
mkdir -p "$ctx/keycloak"
cp -r "$(readlink -f "$prepared/dist")" "$ctx/keycloak/dist"
cp -r "$prepared/template" "$prepared/admin.properties" "$prepared/java-opts" "$prepared/inputs.sha256" "$ctx/keycloak/"
cp "$here/Containerfile.stack" "$ctx/Containerfile"
"$podman" build --quiet --tag "localhost/cafe/stack:$TAG" \
  --label org.opencontainers.image.revision="$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)" \
  --label org.opencontainers.image.version="${TAG%-*}" --label org.opencontainers.image.source="${IMAGE_SOURCE:-unknown}" \
  "$ctx" >/dev/null
rm -rf "$ctx"
"$podman" image prune -f >/dev/null
echo
"$podman" images --filter "reference=localhost/cafe/*" --filter "reference=$prefix/*" --format '{{.Repository}}:{{.Tag}}  {{.Size}}' | sort -u
