# shellcheck shell=bash
# Component `generator`: steady, realistic traffic for every source and stream the seed's five use
# cases read (infra/local/generator, Node with the portal's dependencies). It owns the storefront's
# event stream `behavior` (created when missing) and writes inventory deltas into Cassandra, whose
# CDC agent (component cassandra-cdc) publishes them as `cassandra.inventory.inventory_deltas`.
# Healthy once both streams exist: the pipelines that read them are deployed after it.
GENERATOR_STREAMS=(behavior cassandra.inventory.inventory_deltas)

# The portal's Node and installed dependencies (scripts/start and scripts/test install them).
portal_node_modules() {
  [[ -d "$HERE/../../node_modules/kafkajs" ]] \
    || die "the generator and the seed pipelines run on the portal's dependencies: run ./scripts/start (or yarn install) first"
}
node_ts() { # node_ts <file.ts> args... : TypeScript through Backstage's own Node transform
  local N; N="$(git_node)" || return 1
  (cd "$HERE/../.." && exec "$N" --require @backstage/cli/config/nodeTransform.cjs "$@")
}

start_generator() {
  local N; N="$(git_node)" || return 1
  health cassandra || { log "the generator writes inventory deltas into cassandra: start it first"; return 1; }
  spawn generator env GENERATOR_RATE="$GENERATOR_RATE" MARIADB_SOCKET="$RUN/mariadb.sock" \
    bash -c "cd '$HERE/../..' && exec '$N' --require @backstage/cli/config/nodeTransform.cjs infra/local/generator/src/main.ts"
  wait_healthy generator
}

generator_streams_exist() {
  local topics
  topics="$(kafka_topics_cached)" || return 1
  has_streams <<<"$topics"
}
has_streams() { local t all; all="$(cat)"; for t in "${GENERATOR_STREAMS[@]}"; do grep -qxF "$t" <<<"$all" || return 1; done; }
# Listing topics starts a JVM: remember the answer once both streams were seen.
kafka_topics_cached() {
  local f="$RUN/generator.topics"
  if [[ -f "$f" && "$(pid_of generator)" == "$(head -1 "$f")" ]]; then tail -n +2 "$f"; return 0; fi
  local out; out="$(kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --list 2>/dev/null)" || return 1
  if has_streams <<<"$out"; then
    { pid_of generator; echo "$out"; } >"$f"
  fi
  echo "$out"
}
