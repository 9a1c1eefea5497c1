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

export const getKafkaTopic = (e: Entity) => annotation(e, KAFKA_TOPIC_ANNOTATION);
export const getPaimonTable = (e: Entity) => annotation(e, PAIMON_TABLE_ANNOTATION);
export const getFlinkJobName = (e: Entity) => annotation(e, FLINK_JOB_NAME_ANNOTATION);
export const getNessieBranch = (e: Entity) => annotation(e, NESSIE_BRANCH_ANNOTATION);

export const isKafkaTopicAvailable = (e: Entity) => Boolean(getKafkaTopic(e));
export const isPaimonTableAvailable = (e: Entity) => Boolean(getPaimonTable(e));
export const isFlinkJobAvailable = (e: Entity) => Boolean(getFlinkJobName(e));
export const isNessieBranchAvailable = (e: Entity) => Boolean(getNessieBranch(e));
