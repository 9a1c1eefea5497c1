# shellcheck shell=bash
# Backstage's own gates, run by scripts/test before the unit tests: lint, formatting and a strict
# config check of every app-config combination the README documents.

# Each overlay is checked on top of app-config.yaml, as scripts/start and scripts/test load them.
CONFIG_OVERLAYS=("" production compose k8s e2e)

# config:check resolves ${VAR} substitutions: give every variable the configs name a stand-in
# value, so the check sees the configuration's shape rather than this shell's environment.
config_check_all() {
  local overlay args rc=0
  for overlay in "${CONFIG_OVERLAYS[@]}"; do
    args=(--config app-config.yaml)
    [[ -n "$overlay" ]] && args+=(--config "app-config.$overlay.yaml")
    if ! env S3_ACCESS_KEY=check S3_SECRET_KEY=check COUCHDB_USER=check COUCHDB_PASSWORD=check \
        PLATFORM_DOMAIN=example.org \
        POSTGRES_HOST=127.0.0.1 POSTGRES_PORT=5432 POSTGRES_USER=check POSTGRES_PASSWORD=check \
        PORTAL_TEST_PG_HOST=127.0.0.1 PORTAL_TEST_PG_PORT=5432 PORTAL_TEST_PG_USER=check \
        PORTAL_TEST_PG_DATABASE=check PORTAL_TEST_TOKEN=check-token-of-24-characters \
        yarn backstage-cli config:check --strict "${args[@]}" >"$RESULTS/config-check-${overlay:-base}.log" 2>&1; then
      echo "config:check --strict failed for app-config.yaml${overlay:+ + app-config.$overlay.yaml}:" >&2
      tail -20 "$RESULTS/config-check-${overlay:-base}.log" >&2
      rc=1
    fi
  done
  return $rc
}

repo_lint() { yarn backstage-cli repo lint; }
prettier_check() { yarn prettier --check . >"$RESULTS/prettier.log" 2>&1 || { grep -v '^Checking' "$RESULTS/prettier.log" | head -40 >&2; return 1; }; }
