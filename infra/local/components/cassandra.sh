# shellcheck shell=bash
# Apache Cassandra (cassandra-all from Maven Central, see maven/cassandra) as a plain process:
# one node, CQL on 127.0.0.1:9042 only, datacenter `datacenter1` (SimpleSnitch), no authentication
# (AllowAllAuthenticator: only loopback reaches it), CDC enabled so tables created `WITH cdc = true`
# leave their commit log segments in cdc_raw for a CDC reader. Sourced by infra/local/stack.

# Heap ≤ 1 GiB on a 2-core machine shared with the rest of the stack; memtables on heap so the
# process stays near its heap (no large off-heap arenas). Override with CASSANDRA_HEAP.
: "${CASSANDRA_HEAP:=-Xms384m -Xmx768m}"

cassandra_conf() {
  local etc="$CONF/cassandra" d="$DATA/cassandra"
  mkdir -p "$etc" "$d/data" "$d/commitlog" "$d/saved_caches" "$d/hints" "$d/cdc_raw"
  # Sizes are for one small node on 2 cores: few concurrent readers/writers, one compactor, small
  # caches, small commit log segments (CDC readers get whole segments sooner).
  cat >"$etc/cassandra.yaml" <<EOF
cluster_name: local-stack
num_tokens: 16
allocate_tokens_for_local_replication_factor: 1
partitioner: org.apache.cassandra.dht.Murmur3Partitioner
endpoint_snitch: SimpleSnitch
seed_provider:
  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
    parameters:
      - seeds: "127.0.0.1:7000"
listen_address: 127.0.0.1
storage_port: 7000
rpc_address: 127.0.0.1
native_transport_port: 9042
start_native_transport: true
authenticator: AllowAllAuthenticator
authorizer: AllowAllAuthorizer
role_manager: CassandraRoleManager
data_file_directories:
  - $d/data
commitlog_directory: $d/commitlog
saved_caches_directory: $d/saved_caches
hints_directory: $d/hints
cdc_enabled: true
cdc_raw_directory: $d/cdc_raw
cdc_total_space: 256MiB
commitlog_sync: periodic
commitlog_sync_period: 1000ms
commitlog_segment_size: 8MiB
commitlog_total_space: 256MiB
concurrent_reads: 4
concurrent_writes: 4
concurrent_counter_writes: 2
concurrent_materialized_view_writes: 2
concurrent_compactors: 1
compaction_throughput: 16MiB/s
memtable_allocation_type: heap_buffers
memtable_heap_space: 96MiB
memtable_offheap_space: 32MiB
key_cache_size: 16MiB
counter_cache_size: 4MiB
file_cache_size: 32MiB
native_transport_max_threads: 16
disk_failure_policy: stop
commit_failure_policy: stop
materialized_views_enabled: false
sasi_indexes_enabled: false
EOF
  cat >"$etc/logback.xml" <<EOF
<configuration scan="false">
  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%-5level [%thread] %date{ISO8601} %F:%L - %msg%n</pattern></encoder>
  </appender>
  <logger name="org.apache.cassandra" level="INFO"/>
  <root level="WARN"><appender-ref ref="STDOUT"/></root>
</configuration>
EOF
  echo "$etc"
}

# Java 17 module flags Cassandra needs (its conf/jvm17-server.options), kept to the ones a node uses.
cassandra_jvm_opts() {
  local e o
  for e in java.base/jdk.internal.misc java.management.rmi/com.sun.jmx.remote.internal.rmi java.rmi/sun.rmi.registry \
           java.rmi/sun.rmi.server java.sql/java.sql java.base/java.lang.ref jdk.unsupported/sun.misc \
           jdk.compiler/com.sun.tools.javac.file jdk.attach/sun.tools.attach; do
    printf -- '--add-exports %s=ALL-UNNAMED ' "$e"
  done
  for o in java.base/java.lang.module java.base/jdk.internal.loader java.base/jdk.internal.ref java.base/jdk.internal.reflect \
           java.base/jdk.internal.math java.base/jdk.internal.module java.base/jdk.internal.util.jar \
           jdk.management/com.sun.management.internal java.base/sun.nio.ch java.base/java.io java.base/java.lang.reflect \
           jdk.compiler/com.sun.tools.javac java.base/java.lang java.base/java.util; do
    printf -- '--add-opens %s=ALL-UNNAMED ' "$o"
  done
}

start_cassandra() {
  local J etc; J="$(java17)"; etc="$(cassandra_conf)"
  # shellcheck disable=SC2046,SC2086
  spawn cassandra "$J" $CASSANDRA_HEAP -XX:+UseG1GC -XX:MaxGCPauseMillis=300 -XX:+ParallelRefProcEnabled \
    -XX:MaxDirectMemorySize=256m -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true -Djava.net.preferIPv4Stack=true \
    -Djdk.attach.allowAttachSelf=true -Dio.netty.tryReflectionSetAccessible=true $(cassandra_jvm_opts) \
    -javaagent:"$(ls "$LIB"/cassandra/jamm-*.jar | head -1)" \
    -Dcassandra.config="file://$etc/cassandra.yaml" -Dcassandra.storagedir="$DATA/cassandra" \
    -Dcassandra.logdir="$LOGS" -Dlogback.configurationFile="$etc/logback.xml" -Dcassandra-foreground=yes \
    -Dcassandra.skip_wait_for_gossip_to_settle=0 -Dcassandra.ring_delay_ms=1000 \
    -cp "$LIB/cassandra/*" org.apache.cassandra.service.CassandraDaemon
  wait_healthy cassandra || return 1
  cassandra_seed
}

# The seed's Cassandra source: inventory deltas (one row per reservation/release of stock) in a CDC
# table; component cassandra-cdc streams its changes to Kafka (see infra/local/README.md, contract).
cassandra_seed() {
  cassandra_cql "CREATE KEYSPACE IF NOT EXISTS inventory WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}" 60 >/dev/null \
    && cassandra_cql "CREATE TABLE IF NOT EXISTS inventory.inventory_deltas (sku text, event_time timestamp, delta_id timeuuid, warehouse text, order_id bigint, delta int, PRIMARY KEY ((sku), event_time, delta_id)) WITH cdc = true" 60 >/dev/null \
    || { log "Cassandra seed (inventory.inventory_deltas) failed"; return 1; }
}

# CQL over the native protocol (v4) with bash alone — no JVM, no cqlsh, no nodetool: STARTUP must
# answer READY (opcode 0x02), then one QUERY (consistency ONE) must answer RESULT (0x08); an ERROR
# (0x00) prints the server's message. dd reads byte-exact so no frame is lost. Prints the RESULT body
# (NULs dropped). cassandra_cql "<statement>" [read-timeout-seconds]
u32_escapes() { printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(( ($1 >> 24) & 255 )) $(( ($1 >> 16) & 255 )) $(( ($1 >> 8) & 255 )) $(( $1 & 255 )); }
cassandra_cql() {
  local q="$1" wait="${2:-3}" hdr len body qlen
  qlen="$(printf '%s' "$q" | wc -c)"
  { exec 3<>/dev/tcp/127.0.0.1/9042; } 2>/dev/null || return 1
  printf '\x04\x00\x00\x01\x01\x00\x00\x00\x16\x00\x01\x00\x0bCQL_VERSION\x00\x053.0.0' >&3
  hdr="$(timeout "$wait" dd bs=1 count=9 status=none <&3 | od -An -tx1 | tr -d ' \n')"
  [[ "${hdr:8:2}" == 02 ]] || { exec 3>&-; return 1; }
  # QUERY body: [long string query][short consistency=ONE][byte flags=0]
  # shellcheck disable=SC2059
  { printf "\\x04\\x00\\x00\\x02\\x07$(u32_escapes $((qlen + 7)))$(u32_escapes "$qlen")"; printf '%s' "$q"; printf '\x00\x01\x00'; } >&3
  hdr="$(timeout "$wait" dd bs=1 count=9 status=none <&3 | od -An -tx1 | tr -d ' \n')"
  [[ ${#hdr} == 18 ]] || { exec 3>&-; return 1; }
  len=$((16#${hdr:10:8}))
  body="$(timeout "$wait" dd bs=1 count="$len" status=none <&3 | tr -d '\0')"
  exec 3>&-
  if [[ "${hdr:8:2}" != 08 ]]; then log "CQL error: $(tr -cd "[:print:]" <<<"$body")"; return 1; fi
  printf '%s' "$body"
}

# Health: a real CQL round trip whose rows carry the server's version.
cassandra_cql_probe() {
  [[ "$(cassandra_cql 'SELECT release_version FROM system.local' 2>/dev/null)" =~ [0-9]+\.[0-9]+\.[0-9]+ ]]
}
