import { stringify } from 'yaml';
import {
  cdcTopicName,
  externalStreamTopics,
  PipelineSpec,
  renderConnectorConfig,
  renderServingSinks,
  SERVING_SINKS_ANNOTATION,
} from '@internal/backstage-plugin-pipeline-common';

export interface CatalogInfoOptions {
  /** The System the pipeline belongs to, e.g. `system:default/finance-reconciliation`. */
  system?: string;
  /** Browsable repository URL (backstage.io/source-location). */
  repoUrl?: string;
  /**
   * Lifecycle of the job and connectors: `experimental` for what a team just created; the
   * platform's own seed pipelines, which the stack runs, are `production`.
   */
  lifecycle?: 'experimental' | 'production';
}

/** Backstage entity names allow [a-z0-9] separated by -_. , at most 63 characters. */
const entityName = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
    .slice(0, 63);

/**
 * catalog-info.yaml of a use-case repository, from its spec: the Flink job as a Component, each
 * connector as a Component, each topic, Paimon table and serving target (Cassandra table, CouchDB
 * database) as a Resource, related source → connector → topic → job → table / serving target,
 * with the annotations the portal's plugins read.
 */
export function renderCatalogInfo(
  spec: PipelineSpec,
  options: CatalogInfoOptions = {},
): string {
  const db = spec.catalog.database;
  const tables = [
    ...spec.paimonTables.map(t => t.name),
    ...spec.derivedTables.map(t => t.name),
  ];
  const connectors = renderConnectorConfig(spec).map(c => c.name);
  const topicOwner = new Map<string, string>();
  for (const source of spec.sources)
    for (const table of source.tables)
      topicOwner.set(cdcTopicName(source, table.name), source.connector.name);
  const firstInput = spec.paimonTables[0]?.name ?? spec.streams[0]?.name;
  // Serving targets the portal reads (serving-store card, lineage): `<store>:<target>`.
  const serving = renderServingSinks(spec).flatMap(s =>
    s.kind === 'cassandra' || s.kind === 'couchdb'
      ? [{ store: s.kind, target: s.target, id: `${s.kind}:${s.target}` }]
      : [],
  );
  const system = options.system ? { system: options.system } : {};
  const common = (extra: Record<string, string>) => ({
    ...extra,
    'dataplatform.io/nessie-branch': spec.nessie.branch,
  });

  const job = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: spec.name,
      title: spec.name,
      description: spec.description ?? `Flink job ${spec.flinkJob.name}`,
      annotations: {
        'backstage.io/techdocs-ref': 'dir:.',
        ...(options.repoUrl
          ? { 'backstage.io/source-location': `url:${options.repoUrl}` }
          : {}),
        'dataplatform.io/flink-job-name': spec.flinkJob.name,
        ...(spec.topics[0]
          ? { 'dataplatform.io/kafka-topic': spec.topics[0].name }
          : {}),
        ...(firstInput
          ? {
              'dataplatform.io/kafka-consumer-group': `flink-${spec.flinkJob.name}-${firstInput}`,
            }
          : {}),
        ...(connectors.length
          ? { 'dataplatform.io/kafka-connector': connectors.join(',') }
          : {}),
        ...(tables[0]
          ? {
              'dataplatform.io/paimon-table': `${db}.${
                tables[tables.length - 1]
              }`,
            }
          : {}),
        ...common({
          'dataplatform.io/freshness-slo-seconds': String(
            spec.slo.freshnessSeconds,
          ),
        }),
        ...(serving.length
          ? { [SERVING_SINKS_ANNOTATION]: serving.map(t => t.id).join(',') }
          : {}),
        'dataplatform.io/monitoring-links':
          'flinkDashboard,kafkaConnect,nessieUi,trinoUi',
      },
      tags: ['flink', 'data-pipeline'],
    },
    spec: {
      type: 'flink-job',
      lifecycle: options.lifecycle ?? 'experimental',
      owner: spec.owner,
      ...system,
      // Owned topics, and the shared event streams it reads (their entities are the platform's).
      dependsOn: [
        ...spec.topics.map(t => t.name),
        ...externalStreamTopics(spec),
      ].map(topic => `resource:${entityName(`topic-${topic}`)}`),
    },
  };
  const connectorEntities = connectors.map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: entityName(name),
      title: name,
      description: `Debezium connector ${name} of ${spec.name}.`,
      annotations: {
        'dataplatform.io/kafka-connector': name,
        'dataplatform.io/monitoring-links': 'kafkaConnect',
      },
      tags: ['debezium', 'cdc'],
    },
    spec: {
      type: 'kafka-connector',
      lifecycle: options.lifecycle ?? 'experimental',
      owner: spec.owner,
      ...system,
    },
  }));
  const topicEntities = spec.topics.map(t => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: entityName(`topic-${t.name}`),
      title: t.name,
      description: topicOwner.has(t.name)
        ? `Change events written by connector ${topicOwner.get(t.name)}.`
        : `Kafka topic ${t.name} read or written by ${spec.flinkJob.name}.`,
      annotations: {
        'dataplatform.io/kafka-topic': t.name,
        ...(topicOwner.has(t.name)
          ? { 'dataplatform.io/kafka-connector': topicOwner.get(t.name)! }
          : {}),
        'dataplatform.io/monitoring-links': 'kafkaConnect',
      },
      tags: ['kafka'],
    },
    spec: {
      type: 'kafka-topic',
      owner: spec.owner,
      ...system,
      ...(topicOwner.has(t.name)
        ? { dependsOn: [`component:${entityName(topicOwner.get(t.name)!)}`] }
        : {}),
    },
  }));
  const tableEntities = tables.map(table => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: entityName(`${db}.${table}`),
      title: `${db}.${table}`,
      description: `Paimon table written by ${spec.flinkJob.name}; Trino reads it as lakehouse.${db}.${table}.`,
      annotations: common({
        'dataplatform.io/paimon-table': `${db}.${table}`,
        'dataplatform.io/freshness-slo-seconds': String(
          spec.slo.freshnessSeconds,
        ),
        'dataplatform.io/monitoring-links': 'trinoUi,nessieUi',
      }),
      tags: ['paimon', 'lakehouse'],
    },
    spec: {
      type: 'paimon-table',
      owner: spec.owner,
      ...system,
      dependsOn: [`component:${spec.name}`],
    },
  }));
  const servingEntities = serving.map(t => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: entityName(`${t.store}.${t.target}`),
      title: `${t.store}.${t.target}`,
      description:
        t.store === 'cassandra'
          ? `Cassandra table ${t.target} written by ${spec.flinkJob.name}, read by key by low-latency APIs.`
          : `CouchDB database ${t.target} and its view, written by ${spec.flinkJob.name}, read by key by low-latency APIs.`,
      annotations: {
        [SERVING_SINKS_ANNOTATION]: t.id,
        // The store's console where the stack has one, and the dashboard of the job writing it.
        'dataplatform.io/monitoring-links': `${
          t.store === 'cassandra' ? 'cassandraMetrics' : 'couchdbUi'
        },flinkDashboard`,
      },
      tags: [t.store, 'serving'],
    },
    spec: {
      type: t.store === 'cassandra' ? 'cassandra-table' : 'couchdb-database',
      owner: spec.owner,
      ...system,
      dependsOn: [`component:${spec.name}`],
    },
  }));
  return [
    job,
    ...connectorEntities,
    ...topicEntities,
    ...tableEntities,
    ...servingEntities,
  ]
    .map(e => stringify(e))
    .join('---\n');
}
