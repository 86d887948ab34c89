#!/usr/bin/env bash
# Prepares the unpacked Keycloak distribution once, at build time, so that the local stack only starts it:
#   1. Keycloak's build step (kc.sh build): the build-time options below are baked into the distribution;
#   2. a data folder holding Keycloak's schema, its master realm and a local admin client (the bootstrap admin
#      as a service account, its secret made here): each start copies it instead of creating them again;
#   3. a JDK 25 AOT cache trained by a start that imports the cafe realm and serves the calls the stack makes
#      (discovery, key set, login page, admin API, the three grants): a start with it is about 40 % faster.
# Skipped when its inputs (this script, the realm file, the JDK) are those of the last run.
# usage: prepare.sh DIST REALM_FILE OUT    (JAVA_HOME: a JDK 25)
set -euo pipefail
dist=$(cd "$1" && pwd) realm=$2
mkdir -p "$3" && out=$(cd "$3" && pwd)
java="$JAVA_HOME/bin/java"

inputs=$(cat "$0" "$realm" <("$java" -version 2>&1) | sha256sum | cut -d' ' -f1)
if [ -f "$out/inputs.sha256" ] && [ "$(cat "$out/inputs.sha256")" = "$inputs" ]; then
  exit 0
fi
rm -rf "$out" && mkdir -p "$out"
ln -s "$dist" "$out/dist"
log="$out/prepare.log"
echo "Preparing Keycloak in $dist (build step, data folder, AOT cache; about a minute, once) ..."

# the JVM every start runs with (read by the launcher from java-opts): Serial GC and C1 only, as the services,
# measured here to start in 4.5 s instead of 6 s and to hold 340 MB instead of 460; the rest is kc.sh's default
cat > "$out/java-opts" <<'EOF'
-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xms64m -Xmx256m -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=256m -XX:ReservedCodeCacheSize=64m -XX:+ExitOnOutOfMemoryError -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.err.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8 -Djava.security.egd=file:/dev/urandom -Djdk.tls.rejectClientInitiatedRenegotiation=true
EOF

# 1. build-time options: the H2 file database of a home folder, health on the management port
"$dist/bin/kc.sh" build --db=dev-file --health-enabled=true >>"$log" 2>&1

free_port() { # the first port from $1 up that nobody listens on
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}
port=$(free_port 18190)
management=$(free_port $((port + 1)))
url="http://127.0.0.1:$port"

# start HOME [JAVA OPTIONS...]: Keycloak on HOME (its data folder there, the rest the distribution's) in the background
start() {
  local home=$1 part; shift
  mkdir -p "$home/data"
  # Keycloak reads its built configuration from the home's lib: the distribution's, shared
  for part in lib conf providers themes; do ln -sfn "$dist/$part" "$home/$part"; done
  JAVA_OPTS="$(cat "$out/java-opts") $*" "$dist/bin/kc.sh" start --optimized "-Dkc.home.dir=$home" \
    --http-enabled=true --http-host=127.0.0.1 --http-port="$port" --hostname="$url" \
    --http-management-port="$management" --cache=local --import-realm >>"$log" 2>&1 &
  pid=$!
  for _ in $(seq 600); do
    curl -sf -o /dev/null "http://127.0.0.1:$management/health/ready" && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  echo "Keycloak did not start (log: $log)" >&2
  kill "$pid" 2>/dev/null || true
  exit 1
}
stop() {
  kill -TERM "$pid" && wait "$pid" || true
}

# 2. the data folder: schema, master realm, the local admin client
admin_secret=$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
printf 'client-id=cafe-local-admin\nclient-secret=%s\n' "$admin_secret" > "$out/admin.properties"
chmod 600 "$out/admin.properties"
KC_BOOTSTRAP_ADMIN_CLIENT_ID=cafe-local-admin KC_BOOTSTRAP_ADMIN_CLIENT_SECRET=$admin_secret start "$out/home"
stop
mv "$out/home/data" "$out/template" && rm -rf "$out/template/tmp"
rm -rf "$out/home"

# 3. the AOT cache: a start that imports the realm and serves what the stack asks, written when the JVM exits
mkdir -p "$out/training/data/import"
cp -r "$out/template/." "$out/training/data/"
cp "$realm" "$out/training/data/import/"
CAFE_ORDER_SERVICE_SECRET=training start "$out/training" "-XX:AOTCacheOutput=$out/keycloak.aot"
oidc="$url/realms/cafe/protocol/openid-connect"
token() { curl -sf "$@" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'; }
admin=$(token -d grant_type=client_credentials -d client_id=cafe-local-admin -d "client_secret=$admin_secret" \
  "$url/realms/master/protocol/openid-connect/token")
for _ in 1 2 3; do
  curl -sf -o /dev/null "$url/realms/cafe/.well-known/openid-configuration"
  curl -sf -o /dev/null "$oidc/certs"
  curl -sf -o /dev/null "$oidc/auth?client_id=cafe-web&response_type=code&scope=openid&redirect_uri=http://localhost:8080/&code_challenge=Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyMTI&code_challenge_method=S256"
  curl -sf -o /dev/null -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -X POST \
    "$url/admin/realms/cafe/partialImport" --data-binary '{"ifResourceExists":"OVERWRITE",
      "clients":[{"clientId":"cafe-training","publicClient":true,"directAccessGrantsEnabled":true,"standardFlowEnabled":false}],
      "users":[{"id":"t-1","username":"t-1","enabled":true,"firstName":"T","lastName":"One","email":"t-1@cafe.localhost",
        "emailVerified":true,"credentials":[{"type":"password","value":"training","temporary":false}],"realmRoles":["customer"]}]}'
  token -d grant_type=password -d client_id=cafe-training -d username=t-1 -d password=training "$oidc/token" >/dev/null
  token -d grant_type=client_credentials -d client_id=order-service -d client_secret=training "$oidc/token" >/dev/null
done
stop
rm -rf "$out/training"
test -s "$out/keycloak.aot" || { echo "No AOT cache was written (log: $log)" >&2; exit 1; }

echo "$inputs" > "$out/inputs.sha256"
echo "Keycloak prepared: $out"
