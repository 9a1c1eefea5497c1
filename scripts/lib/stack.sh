# shellcheck shell=bash
# The local streaming stack (infra/local) for tests that need real engines. A stack that was
# already running before the tests is left running; one the tests started is stopped after them.

stack_started_here=0

stack_all_healthy() {
  infra/local/stack status --json 2>/dev/null | node -e '
    let s = ""; process.stdin.on("data", d => (s += d)).on("end", () => {
      try { process.exit(JSON.parse(s).every(c => c.healthy) ? 0 : 1); } catch { process.exit(1); }
    });'
}

stack_up() {
  if stack_all_healthy; then
    log "local stack already running; the tests use it and leave it running"
    return 0
  fi
  stack_started_here=1
  infra/local/stack start > "$RESULTS/stack-start.log" 2>&1 \
    || { tail -40 "$RESULTS/stack-start.log" >&2; return 1; }
  stack_all_healthy || { infra/local/stack status >&2; return 1; }
}

# Healthy is not warm: the first Trino query, SQL Gateway session and Connect rebalance of a cold
# stack take far longer than later ones. Tests start once all three answered.
stack_warm() {
  infra/local/stack warmup 600 > "$RESULTS/stack-warmup.log" 2>&1 \
    || { cat "$RESULTS/stack-warmup.log" >&2; return 1; }
}

stack_down() {
  ((stack_started_here)) || return 0
  # A developer working against the stack keeps it up across test runs with this marker.
  [[ -f "$REPO_ROOT/.cache/keep-stack" ]] && { log "keeping the local stack running (.cache/keep-stack)"; return 0; }
  infra/local/stack stop > "$RESULTS/stack-stop.log" 2>&1 || tail -20 "$RESULTS/stack-stop.log" >&2
  stack_started_here=0
}
