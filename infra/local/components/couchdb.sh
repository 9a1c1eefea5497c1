# shellcheck shell=bash
# The CouchDB-API server (couchdb-server/server.mjs, Node, no npm dependencies) on 127.0.0.1:5984:
# databases, documents with _rev, _bulk_docs, _all_docs, design-doc views (JavaScript map), _changes,
# basic auth as the admin from .state/secrets/stack.env (COUCHDB_USER / COUCHDB_PASSWORD).
# Data: one JSON-lines file per database under .state/data/couchdb. Sourced by infra/local/stack.

start_couchdb() {
  local N; N="$(git_node)" || return 1
  mkdir -p "$DATA/couchdb"
  # The credentials reach the server through its environment (exported by ensure_secrets), never argv.
  spawn couchdb env COUCHDB_DATA_DIR="$DATA/couchdb" COUCHDB_PORT=5984 "$N" "$HERE/couchdb-server/server.mjs"
  wait_healthy couchdb
}

# Healthy = it answers /_up AND accepts the admin's credentials (a wrong secret fails the check).
couchdb_probe() {
  http_ok http://127.0.0.1:5984/_up || return 1
  [[ -n "${COUCHDB_USER:-}" ]] || ensure_secrets
  curl -fsS -m 3 -o /dev/null -K - http://127.0.0.1:5984/_all_dbs 2>/dev/null <<<"user = \"$COUCHDB_USER:$COUCHDB_PASSWORD\""
}
