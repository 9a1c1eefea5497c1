import type { Entity } from '@backstage/catalog-model';
import type { TableOverview } from '../api/TrinoApi';

export const ordersEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'commerce.orders',
    namespace: 'default',
    annotations: { 'dataplatform.io/paimon-table': 'commerce.orders' },
  },
  spec: { type: 'paimon-table', owner: 'data-platform-team' },
};

export const bareEntity: Entity = {
  ...ordersEntity,
  metadata: { name: 'bare', namespace: 'default' },
};

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
