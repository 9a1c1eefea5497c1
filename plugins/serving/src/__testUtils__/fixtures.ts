import {
  entityWithAnnotations,
  mockBackendBaseUrl,
} from '@internal/backstage-plugin-pipeline-react/testUtils';
import type {
  ServingStats,
  ServingTargets,
} from '@internal/backstage-plugin-pipeline-common';

/** Where mockBackendDeps() puts the serving backend. */
export const servingBase = mockBackendBaseUrl('serving');

export const jobEntity = entityWithAnnotations(
  {
    'dataplatform.io/serving-sinks':
      'cassandra:inventory.inventory_projection,couchdb:customer_case',
  },
  { name: 'inventory-aggregation' },
);
export const jobRef = 'component:default/inventory-aggregation';
export const bareEntity = entityWithAnnotations({}, { name: 'bare' });

export const targets: ServingTargets = {
  entityRef: jobRef,
  targets: [
    {
      id: 'cassandra:inventory.inventory_projection',
      store: 'cassandra',
      target: 'inventory.inventory_projection',
      instance: 'local',
    },
    {
      id: 'couchdb:customer_case',
      store: 'couchdb',
      target: 'customer_case',
      instance: 'local',
      uiUrl: 'http://couch.ui/_utils/',
    },
  ],
};

export const cassandraStats: ServingStats = {
  ...targets.targets[0],
  status: 'ready',
  checkedAt: '2026-03-01T10:00:30.000Z',
  rows: {
    count: 1234,
    method: 'exact',
    note: 'counted by a full scan of the table',
  },
  lastWrite: {
    at: '2026-03-01T10:00:24.000Z',
    source: 'newest WRITETIME(updated_at) over all rows',
  },
  latency: {
    p50Ms: 1500,
    p95Ms: 4000,
    samples: 50,
    column: 'updated_at',
    definition:
      'WRITETIME(updated_at) − updated_at: from the source change the row carries to Cassandra’s write of it',
  },
  lookup: {
    via: 'inventory.inventory_projection',
    fields: [
      { name: 'sku', type: 'text', required: true },
      { name: 'warehouse', type: 'text', required: false },
    ],
  },
};

export const couchStats: ServingStats = {
  ...targets.targets[1],
  status: 'ready',
  checkedAt: '2026-03-01T10:00:30.000Z',
  rows: { count: 2, method: 'exact', note: "CouchDB's document count" },
  latencyNote: 'the documents carry no written_at',
  lookup: {
    via: 'customer_case/_design/customer_case/_view/customer_case',
    fields: [{ name: 'key', type: 'view key', required: true }],
  },
};
