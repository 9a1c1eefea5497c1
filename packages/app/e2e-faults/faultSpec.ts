import {
  financeReconciliationExample,
  PipelineSpec,
} from '@internal/backstage-plugin-pipeline-common';
import { parsed } from '@internal/backstage-plugin-pipeline-node/testUtils';

/** The source table of the fault suite's pipelines (MariaDB, like commerce.orders). */
export const sourceTableDdl = (table: string) =>
  `CREATE TABLE IF NOT EXISTS ${table} (id BIGINT PRIMARY KEY, customer_id INT NOT NULL,
    status VARCHAR(16) NOT NULL, amount DECIMAL(12,2) NOT NULL, currency CHAR(3) NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)`;

/**
 * A CDC copy of one table into Paimon, served from Cassandra and CouchDB too, so a deploy
 * touches every upstream but Trino: topics, connectors, Nessie, Paimon (SQL Gateway + S3),
 * serving stores, the job (REST + TaskManager).
 */
export function faultSpec(
  name: string,
  table: string,
  run: string,
): PipelineSpec {
  const example = financeReconciliationExample;
  const source = example.sources[0];
  const prefix = `${name}-my`;
  return parsed({
    ...example,
    name,
    owner: 'group:default/data-platform-team',
    sources: [
      {
        ...source,
        tables: [{ ...source.tables[0], name: table }],
        connector: {
          ...source.connector,
          name: `${name}-mariadb`,
          topicPrefix: prefix,
          user: '${env:CDC_MARIADB_USER}',
          password: '${env:CDC_MARIADB_PASSWORD}',
        },
      },
    ],
    topics: [{ name: `${prefix}.commerce.${table}`, partitions: 1 }],
    catalog: { database: table },
    paimonTables: [
      {
        ...example.paimonTables[0],
        name: 'facts',
        from: { source: source.name, table },
      },
    ],
    flinkJob: { name, checkpointIntervalSeconds: 5 },
    servingSinks: [
      {
        kind: 'cassandra',
        paimonTable: 'facts',
        keyspace: `faults_${run}`,
        name: table,
      },
      {
        kind: 'couchdb',
        paimonTable: 'facts',
        name: `faults_${run}_${table.slice(-6)}`,
      },
    ],
    nessie: { branch: `${name}/daily`, tagPolicy: `${name}/daily-yyyymmdd` },
    slo: { freshnessSeconds: 60 },
  });
}
