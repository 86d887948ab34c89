#!/usr/bin/env bash
# Writes the env files deploy/platform/kustomization.yaml turns into Secrets (secretGenerator), one per
# Secret, with random passwords. Run it once before the first `kubectl apply -k deploy/<target>`.
# It never overwrites a file that exists: a database keeps the password it was created with, and a
# client secret pasted from the identity provider stays. The files are git-ignored: keep them out of
# the repository (or put them in your secret manager and let it write the files).
#   deploy/generate-secrets.sh [DIR]     DIR defaults to deploy/platform/secrets
set -euo pipefail
dir=${1:-"$(dirname "$0")/platform/secrets"}
mkdir -p "$dir"

# 32 letters and digits: safe in SQL quotes, env files and JDBC URLs alike
random() { head -c 48 /dev/urandom | base64 | tr -d '/+=\n' | cut -c1-32; }

# write NAME CONTENT: creates $dir/NAME.env unless it exists; readable by its owner only
write() {
  local file="$dir/$1.env"
  if [ -e "$file" ]; then echo "kept    $file"; return; fi
  (umask 077; printf '%s\n' "$2" > "$file")
  echo "created $file"
}

# one database user per service; the user names are the database names postgres.yaml creates
for pair in order-service:orders payment-service:payments barista-service:barista status-service:status; do
  write "${pair%%:*}-db" "QUARKUS_DATASOURCE_USERNAME=${pair#*:}
QUARKUS_DATASOURCE_PASSWORD=$(random)"
done

# one Kafka login per service (deploy/platform/kafka-users.yaml names them after the services)
for service in order-service payment-service barista-service status-service; do
  write "$service-kafka" "CAFE_KAFKA_PASSWORD=$(random)"
done
# Knative Eventing's, with the keys its KafkaSources and KafkaSinks read
write cafe-eventing-kafka "user=cafe-eventing
password=$(random)
protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512"

write cafe-postgres-admin "POSTGRES_PASSWORD=$(random)"

write order-service-oidc "# The secret of the client \`order-service\` in your OIDC provider (client credentials grant).
# Paste the secret the provider generated for that client here, or register the client with this value.
QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET=$(random)"
