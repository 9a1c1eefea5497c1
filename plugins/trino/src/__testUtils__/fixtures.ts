import {
  entityWithAnnotations,
  mockBackendBaseUrl,
} from '@internal/backstage-plugin-pipeline-react/testUtils';
import type { TableOverview } from '@internal/backstage-plugin-pipeline-common';

/** Where mockBackendDeps() puts the trino backend. */
export const trinoBase = mockBackendBaseUrl('trino');

const paimonTable = (name: string, annotations: Record<string, string>) =>
  entityWithAnnotations(annotations, {
    kind: 'Resource',
    name,
    spec: { type: 'paimon-table', owner: 'data-platform-team' },
  });

export const ordersEntity = paimonTable('commerce.orders', {
  'dataplatform.io/paimon-table': 'commerce.orders',
});

export const bareEntity = paimonTable('bare', {});

export const readyOverview: TableOverview = {
  entityRef: 'resource:default/commerce.orders',
  instance: 'local',
  table: {
    catalog: 'lakehouse',
    schema: 'commerce',
    table: 'orders',
    qualifiedName: '"lakehouse"."commerce"."orders"',
  },
  uiUrl: 'http://trino.ui/ui/',
  status: 'ready',
  columns: [
    { name: 'id', type: 'bigint' },
    { name: 'status', type: 'varchar' },
  ],
  freshnessColumn: 'updated_at',
  latestSnapshotId: '72',
  queries: [
    {
      kind: 'preview',
      title: 'Preview',
      sql: 'SELECT * FROM "lakehouse"."commerce"."orders" LIMIT 100',
      runnable: true,
    },
    {
      kind: 'count',
      title: 'Row count',
      sql: 'SELECT count(*) AS row_count FROM "lakehouse"."commerce"."orders"',
      runnable: true,
    },
  ],
};
