# shellcheck shell=bash
# The portal end to end: built app served by the backend on PORTAL_URL, catalog on PostgreSQL.

export PORTAL_TEST_PG_HOST="${PORTAL_TEST_PG_HOST:-127.0.0.1}"
export PORTAL_TEST_PG_PORT="${PORTAL_TEST_PG_PORT:-5432}"
export PORTAL_TEST_PG_USER="${PORTAL_TEST_PG_USER:-postgres}"
export PORTAL_TEST_PG_DATABASE="${PORTAL_TEST_PG_DATABASE:-portal_e2e}"
export PORTAL_URL="${PORTAL_URL:-http://localhost:7077}"
export PORTAL_TEST_TOKEN="${PORTAL_TEST_TOKEN:-$(head -c 24 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9')}"

backend_pid=""
stop_backend() {
  [[ -n "$backend_pid" ]] || return 0
  kill -TERM -- "-$backend_pid" 2>/dev/null
  for _ in $(seq 1 30); do kill -0 "$backend_pid" 2>/dev/null || break; sleep 0.5; done
  kill -KILL -- "-$backend_pid" 2>/dev/null
  backend_pid=""
}

# A fresh database each run, so the backend's migrations run from scratch.
prepare_database() {
  local psql=(psql -v ON_ERROR_STOP=1 -q -h "$PORTAL_TEST_PG_HOST" -p "$PORTAL_TEST_PG_PORT" -U "$PORTAL_TEST_PG_USER" -d postgres)
  if ! pg_isready -q -h "$PORTAL_TEST_PG_HOST" -p "$PORTAL_TEST_PG_PORT"; then
    echo "PostgreSQL is not reachable at $PORTAL_TEST_PG_HOST:$PORTAL_TEST_PG_PORT (set PORTAL_TEST_PG_HOST/PORT/USER)" >&2
    return 1
  fi
  [[ "$PORTAL_TEST_PG_DATABASE" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "bad database name" >&2; return 1; }
  "${psql[@]}" -c "DROP DATABASE IF EXISTS $PORTAL_TEST_PG_DATABASE WITH (FORCE)" \
    && "${psql[@]}" -c "CREATE DATABASE $PORTAL_TEST_PG_DATABASE"
}

start_backend() {
  local port="${PORTAL_URL##*:}"
  if curl -fs -o /dev/null "$PORTAL_URL/.backstage/health/v1/liveness"; then
    echo "something already listens on $PORTAL_URL; stop it first" >&2
    return 1
  fi
  # Docs built by an earlier run would hide a build that no longer works.
  rm -rf node_modules/@backstage/plugin-techdocs-backend/static/docs
  export_stack_secrets
  (cd packages/backend && exec setsid yarn backstage-cli package start \
      --config ../../app-config.yaml --config ../../app-config.e2e.yaml) \
    > "$RESULTS/backend.log" 2>&1 &
  backend_pid=$!
  for _ in $(seq 1 180); do
    if curl -fs -o /dev/null "$PORTAL_URL/.backstage/health/v1/readiness"; then
      log "backend ready on port $port"
      return 0
    fi
    kill -0 "$backend_pid" 2>/dev/null || break
    sleep 1
  done
  echo "backend did not become ready; last lines of $RESULTS/backend.log:" >&2
  tail -40 "$RESULTS/backend.log" >&2
  return 1
}

build_app() {
  yarn workspace app build > "$RESULTS/app-build.log" 2>&1 || { tail -40 "$RESULTS/app-build.log" >&2; return 1; }
}

run_e2e_tests() {
  stage "postgres database for e2e" prepare_database || return 1
  stage "app build" build_app || return 1
  stage "backend start on PostgreSQL" start_backend || return 1
  log "== end-to-end tests (Playwright, Debian chromium)"
  # E2E_ARGS narrows a run while working on one page, e.g. E2E_ARGS='-g Flink'.
  # shellcheck disable=SC2086
  if ((run_e2e_suite)); then yarn playwright test ${E2E_ARGS:-} || true; fi
  # The fault suite runs last: it stops and restarts the stack's components one by one.
  if ((run_faults)); then
    log "== faults (each upstream stopped in turn under the portal)"
    yarn playwright test -c playwright.faults.config.ts ${FAULTS_ARGS:-} || true
  fi
  stop_backend
  log "screenshots: $RESULTS/screenshots"
}
