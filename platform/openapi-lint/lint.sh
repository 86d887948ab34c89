#!/usr/bin/env bash
# Lints every service's OpenAPI document as its build stored it (<service>/target/openapi/openapi.yaml)
# with Redocly's recommended rules (redocly.yaml); `make test` runs it after the build. Any error fails.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
  echo "openapi-lint: skipped, no Node.js here (Debian: apt-get install nodejs npm; .ci/run installs them)" >&2
  exit 0
fi
documents=()
for service in order-service payment-service barista-service status-service; do
  document=../../$service/target/openapi/openapi.yaml
  [ -f "$document" ] || { echo "openapi-lint: $document is missing: build first (make build)" >&2; exit 1; }
  documents+=("$document")
done
npm ci --silent --no-audit --no-fund
npx --no-install redocly lint --config redocly.yaml --format stylish "${documents[@]}"
