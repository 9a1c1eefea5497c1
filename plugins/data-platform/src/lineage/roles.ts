import type { Entity } from '@backstage/catalog-model';
import {
  getFlinkJobName,
  getKafkaConsumerGroup,
  getKafkaTopic,
  getPaimonTable,
  isKafkaConnectorAvailable,
  isServingSinkAvailable,
} from '@internal/backstage-plugin-pipeline-common';

/**
 * What a node does in the pipeline. Only a label and the choice of its live status: where a
 * node stands in the flow comes from the dependsOn graph, since types alone mislead (a
 * `database` resource may be a CDC source or a serving store).
 */
export type LineageRole =
  | 'source'
  | 'connector'
  | 'topic'
  | 'job'
  | 'table'
  | 'serving'
  | 'other';

export const ROLE_LABELS: Record<LineageRole, string> = {
  source: 'Source',
  connector: 'Connector',
  topic: 'Topic',
  job: 'Job',
  table: 'Paimon table',
  serving: 'Serving',
  other: 'Other',
};

const typeOf = (entity: Entity) =>
  typeof entity.spec?.type === 'string' ? entity.spec.type.toLowerCase() : '';

export function roleOf(entity: Entity): LineageRole {
  const kind = entity.kind.toLowerCase();
  const type = typeOf(entity);
  if (getFlinkJobName(entity) || type.endsWith('-job')) return 'job';
  if (
    type === 'kafka-connector' ||
    (kind === 'component' && isKafkaConnectorAvailable(entity))
  ) {
    return 'connector';
  }
  if (type === 'kafka-topic') return 'topic';
  if (getPaimonTable(entity) || type === 'paimon-table') return 'table';
  if (kind === 'api' || isServingSinkAvailable(entity)) return 'serving';
  return 'other';
}

/** The annotations that name a live pipeline object (what the status chips read). */
export const hasPipelineAnnotation = (entity: Entity) =>
  Boolean(
    getFlinkJobName(entity) ||
      isKafkaConnectorAvailable(entity) ||
      getKafkaTopic(entity) ||
      getKafkaConsumerGroup(entity) ||
      getPaimonTable(entity) ||
      isServingSinkAvailable(entity),
  );

/**
 * A dependency outside the system that is data the pipeline reads (a source database or
 * table), as opposed to the platform it runs on (Kafka cluster, Flink, warehouse, ...).
 */
export function isSourceData(entity: Entity): boolean {
  const type = typeOf(entity);
  return (
    entity.kind.toLowerCase() === 'resource' &&
    (type === 'database' || type.endsWith('-table'))
  );
}
