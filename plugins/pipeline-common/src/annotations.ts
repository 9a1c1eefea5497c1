import type { Entity } from '@backstage/catalog-model';

/**
 * Annotations the data-platform plugins read from catalog entities.
 * Each has a predicate so plugins can show "how to add it" instead of failing.
 */
export const ANNOTATION_PREFIX = 'dataplatform.io';

/** Comma-separated ids of monitoring links (see MONITORING_LINK_IDS). */
export const MONITORING_LINKS_ANNOTATION = `${ANNOTATION_PREFIX}/monitoring-links`;
/** Kebab-case name of the use case a System stands for. */
export const USE_CASE_ANNOTATION = `${ANNOTATION_PREFIX}/use-case`;
/** Kafka topic name a Resource stands for. */
export const KAFKA_TOPIC_ANNOTATION = `${ANNOTATION_PREFIX}/kafka-topic`;
/** Domain-style Paimon table name, `<database>.<table>`. */
export const PAIMON_TABLE_ANNOTATION = `${ANNOTATION_PREFIX}/paimon-table`;
/** Name of the Flink job a Component deploys. */
export const FLINK_JOB_NAME_ANNOTATION = `${ANNOTATION_PREFIX}/flink-job-name`;
/** Nessie branch a pipeline commits to. */
export const NESSIE_BRANCH_ANNOTATION = `${ANNOTATION_PREFIX}/nessie-branch`;

function annotation(entity: Entity, key: string): string | undefined {
  const value = entity.metadata.annotations?.[key]?.trim();
  return value ? value : undefined;
}

export const getKafkaTopic = (e: Entity) =>
  annotation(e, KAFKA_TOPIC_ANNOTATION);
export const getPaimonTable = (e: Entity) =>
  annotation(e, PAIMON_TABLE_ANNOTATION);
export const getFlinkJobName = (e: Entity) =>
  annotation(e, FLINK_JOB_NAME_ANNOTATION);
export const getNessieBranch = (e: Entity) =>
  annotation(e, NESSIE_BRANCH_ANNOTATION);

export const isKafkaTopicAvailable = (e: Entity) => Boolean(getKafkaTopic(e));
export const isPaimonTableAvailable = (e: Entity) => Boolean(getPaimonTable(e));
export const isFlinkJobAvailable = (e: Entity) => Boolean(getFlinkJobName(e));
export const isNessieBranchAvailable = (e: Entity) =>
  Boolean(getNessieBranch(e));

/**
 * Which configured instance of each upstream (`dataPlatform.upstreams.<kind>[].name`) an
 * entity lives on; the first configured instance when absent.
 */
export const UPSTREAM_INSTANCE_ANNOTATION = `${ANNOTATION_PREFIX}/instance`;
export const getUpstreamInstance = (e: Entity) =>
  annotation(e, UPSTREAM_INSTANCE_ANNOTATION);

/** Kafka Connect connector(s) feeding the entity, comma-separated. */
export const KAFKA_CONNECTOR_ANNOTATION = `${ANNOTATION_PREFIX}/kafka-connector`;
/** Consumer group whose lag the entity answers for (a Flink job's `properties.group.id`). */
export const KAFKA_CONSUMER_GROUP_ANNOTATION = `${ANNOTATION_PREFIX}/kafka-consumer-group`;

export const getKafkaConnectors = (e: Entity) =>
  (annotation(e, KAFKA_CONNECTOR_ANNOTATION) ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
export const getKafkaConsumerGroup = (e: Entity) =>
  annotation(e, KAFKA_CONSUMER_GROUP_ANNOTATION);
export const isKafkaConnectorAvailable = (e: Entity) =>
  getKafkaConnectors(e).length > 0;
export const isStreamingAvailable = (e: Entity) =>
  isKafkaTopicAvailable(e) ||
  isKafkaConnectorAvailable(e) ||
  Boolean(getKafkaConsumerGroup(e));

/**
 * Freshness SLO of the data an entity serves, in whole seconds (the pipeline spec's
 * `slo.freshnessSeconds`, default 120). Absent or not a positive integer: undefined.
 */
export const FRESHNESS_SLO_ANNOTATION = `${ANNOTATION_PREFIX}/freshness-slo-seconds`;
export const getFreshnessSloSeconds = (e: Entity): number | undefined => {
  const value = annotation(e, FRESHNESS_SLO_ANNOTATION);
  return value && /^[1-9][0-9]{0,6}$/.test(value) ? Number(value) : undefined;
};

/**
 * Serving stores an entity's data lands in, comma-separated `<store>:<target>`:
 * `cassandra:<keyspace>.<table>` or `couchdb:<database>`, e.g.
 * `cassandra:inventory.inventory_projection,couchdb:customer_case`.
 */
export const SERVING_SINKS_ANNOTATION = `${ANNOTATION_PREFIX}/serving-sinks`;
export const SERVING_STORES = ['cassandra', 'couchdb'] as const;
export type ServingStore = (typeof SERVING_STORES)[number];
export interface ServingSinkRef {
  store: ServingStore;
  target: string;
  /** `<store>:<target>`, as the annotation spells it. */
  id: string;
}

/**
 * The entries of the serving-sinks annotation with a known store. Names are not validated
 * here (the backend does, before they reach CQL or a URL).
 */
export const getServingSinks = (e: Entity): ServingSinkRef[] =>
  (annotation(e, SERVING_SINKS_ANNOTATION) ?? '')
    .split(',')
    .map(s => s.trim())
    .flatMap(entry => {
      const at = entry.indexOf(':');
      const store = entry.slice(0, at) as ServingStore;
      const target = entry.slice(at + 1).trim();
      return at > 0 && SERVING_STORES.includes(store) && target
        ? [{ store, target, id: `${store}:${target}` }]
        : [];
    });
export const isServingSinkAvailable = (e: Entity) =>
  getServingSinks(e).length > 0;
