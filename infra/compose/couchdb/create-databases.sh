#!/bin/sh
# One-shot job of infra/compose (service couchdb-init): a single-node CouchDB 3 needs its system databases
# (_users, _replicator) created once; customer_case is the serving database of the Customer Support 360 use case.
# PUT of an existing database answers 412, which is fine: a re-run is safe.
set -eu
: "${COUCHDB_USER:?}" "${COUCHDB_PASSWORD:?}"
for db in _users _replicator customer_case; do
  code="$(curl -sS -o /dev/null -w '%{http_code}' -u "$COUCHDB_USER:$COUCHDB_PASSWORD" -X PUT "http://couchdb:5984/$db")"
  case "$code" in
    201|202|412) echo "database $db ready ($code)" ;;
    *) echo "creating $db failed ($code)" >&2; exit 1 ;;
  esac
done
