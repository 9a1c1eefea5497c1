import {
  member,
  ordersMembers,
  ordersPlatform,
} from '../__testUtils__/ordersLakehouse';
import { buildLineage, type Lineage } from './buildLineage';

const columns = (lineage: Lineage) =>
  lineage.stages.map(
    s => `${s.label}: ${s.nodes.map(n => n.entity.metadata.name).join(', ')}`,
  );

describe('buildLineage', () => {
  it('orders the live demo pipeline from its source to its table, whatever the listing order', () => {
    const lineage = buildLineage(ordersMembers, ordersPlatform);
    expect(columns(lineage)).toEqual([
      'Source: mariadb.commerce',
      'Connector: commerce-mariadb-cdc',
      'Topic: topic-mariadb-commerce-orders',
      'Job: commerce-orders-to-paimon',
      'Paimon table: commerce.orders',
    ]);
    expect(lineage.unlinked).toEqual([]);
  });

  it('shows only source data from outside the system, faded as external; never the platform it runs on', () => {
    const lineage = buildLineage(ordersMembers, ordersPlatform);
    const nodes = lineage.stages.flatMap(s => s.nodes);
    expect(nodes.filter(n => n.external).map(n => [n.ref, n.role])).toEqual([
      ['resource:default/mariadb.commerce', 'source'],
    ]);
    expect(nodes.map(n => n.ref)).not.toContain(
      'resource:default/kafka-cluster',
    );
    expect(buildLineage(ordersMembers).stages[0].label).toBe('Connector');
  });

  it('places nodes by the graph, not by their type: a database that is written to comes last', () => {
    const lineage = buildLineage([
      member('Component', 'writer', 'flink-job', {
        dependsOn: ['resource:events'],
      }),
      member('Resource', 'events', 'kafka-topic'),
      member('Resource', 'cassandra.views', 'database', {
        dependsOn: ['component:writer'],
      }),
    ]);
    expect(columns(lineage)).toEqual([
      'Topic: events',
      'Job: writer',
      'Serving: cassandra.views',
    ]);
  });

  it('puts a node after the longest chain feeding it, and keeps fan-in and fan-out in one column', () => {
    const lineage = buildLineage([
      member('Component', 'mysql-cdc', 'kafka-connector'),
      member('Component', 'pg-cdc', 'kafka-connector'),
      member('Resource', 'invoices', 'kafka-topic', {
        dependsOn: ['component:mysql-cdc'],
      }),
      member('Resource', 'payments', 'kafka-topic', {
        dependsOn: ['component:pg-cdc'],
      }),
      member('Component', 'sink', 'flink-job', {
        dependsOn: [
          'resource:invoices',
          'resource:payments',
          'component:mysql-cdc',
        ],
      }),
      member('Resource', 'fact', 'paimon-table', {
        dependsOn: ['component:sink'],
      }),
      member('Component', 'report', 'spark-job', {
        dependsOn: ['resource:fact'],
      }),
      member('Resource', 'doris.report', 'doris-table', {
        dependsOn: ['component:report'],
      }),
      member('API', 'report-api', 'sql'),
    ]);
    expect(columns(lineage)).toEqual([
      'Connector: mysql-cdc, pg-cdc',
      'Topic: invoices, payments',
      'Job: sink',
      'Paimon table: fact',
      'Job: report',
      'Serving: doris.report',
    ]);
    expect(lineage.unlinked.map(n => n.entity.metadata.name)).toEqual([
      'report-api',
    ]);
  });

  it('survives a dependsOn cycle, self-references and unknown kinds and types', () => {
    const lineage = buildLineage([
      member('Component', 'a', 'weird', {
        dependsOn: ['component:c', 'component:a'],
      }),
      member('Component', 'b', '', { dependsOn: ['component:a'] }),
      member('Component', 'c', 'other', {
        dependsOn: ['component:b', 'not a ref:::'],
      }),
      member('Gizmo', 'd', 'thing', { dependsOn: ['component:c'] }),
    ]);
    expect(
      lineage.stages
        .flatMap(s => s.nodes)
        .map(n => n.entity.metadata.name)
        .sort(),
    ).toEqual(['a', 'b', 'c', 'd']);
    expect(lineage.stages.map(s => s.label)).toEqual([
      'Source',
      'Stage 2',
      'Serving',
    ]); // the cycle is cut where the walk met it
  });

  it('matches refs across namespaces and letter case, and reads catalog relations too', () => {
    const topic = member('Resource', 'Orders', 'kafka-topic');
    topic.metadata.namespace = 'shop';
    const job = member('Component', 'job', 'flink-job', {
      dependsOn: ['resource:shop/orders'],
    });
    const table = member('Resource', 'table', 'paimon-table');
    table.relations = [
      { type: 'dependsOn', targetRef: 'component:default/job' },
    ];
    expect(columns(buildLineage([table, job, topic]))).toEqual([
      'Topic: Orders',
      'Job: job',
      'Paimon table: table',
    ]);
  });

  it('is empty for no members', () => {
    expect(buildLineage([])).toEqual({ stages: [], unlinked: [] });
  });
});
