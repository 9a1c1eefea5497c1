# shellcheck shell=bash
# Debezium's Cassandra connector (debezium-connector-cassandra-5, maven/cassandra-cdc) as the standalone
# agent it is: beside the node, it reads the commit log segments Cassandra hard-links into cdc_raw for
# tables created `WITH cdc = true` (near real time through the segments' _cdc.idx files), and produces
# one event per change to Kafka topic cassandra.<keyspace>.<table>. Values are flat JSON rows
# (infra/jvm/cassandra-cdc-json, a Connect Converter), so spec streams read them like any JSON topic.
# Processed segments are deleted; its commit-log offsets live in .state/data/cassandra-cdc/offsets.
# Health: the agent's own HTTP health check on 127.0.0.1:9044. Sourced by infra/local/stack.

: "${CASSANDRA_CDC_HEAP:=-Xms64m -Xmx256m}"

cassandra_cdc_conf() {
  local etc="$CONF/cassandra-cdc" d="$DATA/cassandra-cdc"
  mkdir -p "$etc" "$d/offsets" "$d/relocation"
  cat >"$etc/driver.conf" <<CONF
datastax-java-driver {
  basic.contact-points = ["127.0.0.1:9042"]
  basic.load-balancing-policy.local-datacenter = datacenter1
  basic.request.timeout = 20 seconds
}
CONF
  cat >"$etc/cassandra-cdc.properties" <<CONF
connector.name=cassandra-cdc
topic.prefix=cassandra
cassandra.config=$CONF/cassandra/cassandra.yaml
cassandra.cluster.name=local-stack
cassandra.driver.config.file=$etc/driver.conf
commit.log.relocation.dir=$d/relocation
commit.log.real.time.processing.enabled=true
commit.log.marked.complete.poll.interval.ms=1000
cdc.dir.poll.interval.ms=1000
schema.refresh.interval.ms=5000
offset.backing.store.dir=$d/offsets
snapshot.mode=NEVER
http.port=9044
kafka.producer.bootstrap.servers=127.0.0.1:9092
kafka.producer.acks=all
kafka.producer.linger.ms=5
kafka.producer.key.serializer=org.apache.kafka.common.serialization.ByteArraySerializer
kafka.producer.value.serializer=org.apache.kafka.common.serialization.ByteArraySerializer
key.converter=io.dataplatform.cdc.FlatRowJsonConverter
value.converter=io.dataplatform.cdc.FlatRowJsonConverter
CONF
  echo "$etc"
}

start_cassandra-cdc() {
  health cassandra || { log "cassandra-cdc needs cassandra"; return 1; }
  health kafka || { log "cassandra-cdc needs kafka"; return 1; }
  local J etc conv; J="$(java17)"; etc="$(cassandra_cdc_conf)"
  conv="$(ls "$LIB"/flink-ext/cassandra-cdc-json-*.jar 2>/dev/null | head -1)"
  [[ -n "$conv" ]] || { log "cassandra-cdc-json converter jar missing (infra/jvm build)"; return 1; }
  # The agent initialises Cassandra's own classes from the node's cassandra.yaml (it reads the node's
  # schema and commit logs from disk, read-only); same Java 17 module flags as the node.
  # shellcheck disable=SC2046,SC2086
  spawn cassandra-cdc "$J" $CASSANDRA_CDC_HEAP -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -Djava.net.preferIPv4Stack=true \
    $(cassandra_jvm_opts) -Dcassandra.storagedir="$DATA/cassandra-cdc" -Dlogback.configurationFile="$CONF/cassandra/logback.xml" \
    -cp "$LIB/cassandra-cdc/*:$conv" io.debezium.connector.cassandra.CassandraConnectorTask "$etc/cassandra-cdc.properties"
  wait_healthy cassandra-cdc
}

cassandra_cdc_probe() {
  curl -fsS -m 3 http://127.0.0.1:9044/health 2>/dev/null | jq -e 'to_entries | all(.value.healthy)' >/dev/null 2>&1
}
