import type { ServingStats } from '@internal/backstage-plugin-pipeline-common';
import { member } from '../__testUtils__/ordersLakehouse';
import { roleOf } from './roles';
import { servingStatus } from './servingStatus';
import { probeOf } from './status';

const now = Date.parse('2026-03-01T10:01:00Z');
const stats = (s: Partial<ServingStats>): ServingStats => ({
  id: 'cassandra:inventory.inventory_projection',
  store: 'cassandra',
  target: 'inventory.inventory_projection',
  instance: 'local',
  status: 'ready',
  checkedAt: '2026-03-01T10:01:00Z',
  ...s,
});

describe('servingStatus', () => {
  it('a serving target is a serving node with the serving probe; the job keeps its own', () => {
    const table = member(
      'Resource',
      'cassandra.inventory.inventory_projection',
      'cassandra-table',
      {
        annotations: {
          'dataplatform.io/serving-sinks':
            'cassandra:inventory.inventory_projection',
        },
      },
    );
    expect([roleOf(table), probeOf(table)]).toEqual(['serving', 'serving']);
    const job = member('Component', 'inventory-aggregation', 'flink-job', {
      annotations: {
        'dataplatform.io/flink-job-name': 'inventory-aggregation',
        'dataplatform.io/serving-sinks':
          'cassandra:inventory.inventory_projection',
      },
    });
    expect([roleOf(job), probeOf(job)]).toEqual(['job', 'flink-job']);
  });

  it('rows and the age of the last write', () => {
    expect(
      servingStatus(
        stats({
          rows: { count: 1234, method: 'exact', note: '' },
          lastWrite: { at: '2026-03-01T10:00:48Z', source: '' },
        }),
        now,
      ),
    ).toEqual({
      health: 'ok',
      label: '1,234 rows',
      detail: 'Cassandra reachable · last write 12 s ago',
      phrase: 'Cassandra inventory.inventory_projection: 1,234 rows',
    });
    expect(
      servingStatus(
        stats({ rows: { count: 9000, method: 'estimate', note: '' } }),
        now,
      ).label,
    ).toBe('≈ 9,000 rows');
  });

  it('an empty store is a warning, a missing table an error', () => {
    expect(
      servingStatus(
        stats({
          store: 'couchdb',
          target: 'customer_case',
          rows: { count: 0, method: 'exact', note: '' },
        }),
        now,
      ),
    ).toMatchObject({
      health: 'warning',
      label: 'EMPTY',
      detail: 'CouchDB reachable · last write unknown',
    });
    expect(servingStatus(stats({ status: 'missing' }), now)).toMatchObject({
      health: 'error',
      label: 'NOT CREATED',
      phrase: 'Cassandra inventory.inventory_projection not created',
    });
  });
});
