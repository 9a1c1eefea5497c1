#!/bin/sh
# One-shot job of infra/compose (service connect-init): PUTs every connectors/<name>.json to Connect.
# PUT /connectors/<name>/config creates or updates, so a re-run is safe.
set -eu
CONNECT_URL="${CONNECT_URL:-http://connect:8083}"
for f in /connectors/*.json; do
  name="$(basename "$f" .json)"
  code="$(curl -sS -o /tmp/response.json -w '%{http_code}' -X PUT -H 'Content-Type: application/json' \
    --data @"$f" "$CONNECT_URL/connectors/$name/config")"
  case "$code" in
    200|201) echo "connector $name registered ($code)" ;;
    *) echo "registering $name failed ($code): $(cat /tmp/response.json)" >&2; exit 1 ;;
  esac
done
