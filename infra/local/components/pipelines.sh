# shellcheck shell=bash
# Component `pipelines`: the seed's five use cases, each from its pipeline spec
# (catalog/pipelines/<name>/pipeline.yaml), deployed through PipelineDeployer — the code the
# templates' deploy action runs — so the platform runs from specs. Idempotent: a second deploy
# reports `unchanged` everywhere; healthy when every seed job is RUNNING.

SEED_DIR="$HERE/../../catalog/pipelines"
seed_specs() { ls "$SEED_DIR"/*/pipeline.yaml 2>/dev/null; }
# Job names from the rendered SQL (`SET 'pipeline.name' = '<job>'`), so bash needs no YAML parser.
seed_jobs() { sed -n "s/^SET 'pipeline.name' = '\(.*\)';$/\1/p" "$SEED_DIR"/*/rendered/flink-job.sql; }

jobs_in_state() { # jobs_in_state <STATE> -> names of jobs in that state
  curl -fsS -m 3 http://127.0.0.1:8081/jobs/overview 2>/dev/null | jq -r --arg s "$1" '.jobs[] | select(.state==$s) | .name'
}
pipelines_running() {
  local running job
  running="$(jobs_in_state RUNNING)" || return 1
  [[ -n "$(seed_jobs)" ]] || return 1
  for job in $(seed_jobs); do grep -qx "$job" <<<"$running" || return 1; done
}

deploy_pipelines() { # deploy_pipelines [--dry-run] [pipeline.yaml...]
  local args=() files=()
  for a in "$@"; do [[ "$a" == --* ]] && args+=("$a") || files+=("$(readlink -f "$a")"); done
  (( ${#files[@]} )) || mapfile -t files < <(seed_specs)
  (( ${#files[@]} )) || { log "no seed pipelines under $SEED_DIR"; return 1; }
  portal_node_modules
  node_ts plugins/pipeline-node/src/cli/deployPipelines.ts --config app-config.yaml "${args[@]}" "${files[@]}"
}

start_pipelines() {
  health sql-gateway && health connect && health kafka || { log "pipelines need kafka, connect and the SQL gateway"; return 1; }
  echo "flink-jobs" >"$(pidfile pipelines)"
  deploy_pipelines >>"$LOGS/pipelines.log" 2>&1 || { tail -n 20 "$LOGS/pipelines.log" >&2; return 1; }
  wait_healthy pipelines
}

# Cancels the seed jobs (a whole-stack stop takes Flink down anyway; the next start resubmits them).
stop_pipelines() {
  local jid name
  http_ok http://127.0.0.1:8081/overview || return 0
  while read -r jid name; do
    grep -qx "$name" <<<"$(seed_jobs)" && curl -s -o /dev/null -X PATCH "http://127.0.0.1:8081/jobs/$jid?mode=cancel"
  done < <(curl -fsS -m 3 http://127.0.0.1:8081/jobs/overview | jq -r '.jobs[] | select(.state=="RUNNING" or .state=="RESTARTING" or .state=="CREATED") | "\(.jid) \(.name)"')
}
