import type { Entity } from '@backstage/catalog-model';
import { entityWithAnnotations } from '@internal/backstage-plugin-pipeline-react/testUtils';

/** A member of a system: kind, name, spec.type, spec.system and dependsOn. */
export const member = (
  kind: string,
  name: string,
  type: string,
  options: {
    system?: string;
    dependsOn?: string[];
    annotations?: Record<string, string>;
    title?: string;
  } = {},
): Entity => {
  const entity = entityWithAnnotations(options.annotations ?? {}, {
    kind,
    name,
    spec: {
      type,
      owner: 'data-platform-team',
      ...(options.system !== undefined && { system: options.system }),
      ...(options.dependsOn && { dependsOn: options.dependsOn }),
    },
  });
  if (options.title) entity.metadata.title = options.title;
  return entity;
};

export const ordersSystem: Entity = {
  ...entityWithAnnotations(
    { 'dataplatform.io/use-case': 'orders-lakehouse' },
    {
      kind: 'System',
      name: 'orders-lakehouse',
      spec: { owner: 'data-platform-team' },
    },
  ),
};

/** The live demo pipeline of catalog/use-cases/orders-lakehouse.yaml, listed out of order. */
export const ordersMembers: Entity[] = [
  member('Resource', 'commerce.orders', 'paimon-table', {
    system: 'orders-lakehouse',
    dependsOn: [
      'component:commerce-orders-to-paimon',
      'resource:paimon-warehouse',
    ],
    annotations: { 'dataplatform.io/paimon-table': 'commerce.orders' },
  }),
  member('Component', 'commerce-orders-to-paimon', 'flink-job', {
    system: 'orders-lakehouse',
    title: 'Orders to Paimon job',
    dependsOn: [
      'resource:topic-mariadb-commerce-orders',
      'component:flink-jobmanager',
    ],
    annotations: {
      'dataplatform.io/flink-job-name': 'commerce-orders-to-paimon',
      'dataplatform.io/kafka-topic': 'mariadb.commerce.orders',
      'dataplatform.io/kafka-consumer-group': 'flink-commerce-orders',
      'dataplatform.io/kafka-connector': 'commerce-mariadb',
      'dataplatform.io/paimon-table': 'commerce.orders',
    },
  }),
  member('Resource', 'topic-mariadb-commerce-orders', 'kafka-topic', {
    system: 'orders-lakehouse',
    title: 'mariadb.commerce.orders',
    dependsOn: ['component:commerce-mariadb-cdc'],
    annotations: {
      'dataplatform.io/kafka-topic': 'mariadb.commerce.orders',
      'dataplatform.io/kafka-consumer-group': 'flink-commerce-orders',
    },
  }),
  member('Component', 'commerce-mariadb-cdc', 'kafka-connector', {
    system: 'orders-lakehouse',
    title: 'MariaDB orders CDC connector',
    dependsOn: ['resource:kafka-cluster', 'resource:mariadb.commerce'],
    annotations: {
      'dataplatform.io/kafka-connector': 'commerce-mariadb',
      'dataplatform.io/kafka-topic': 'mariadb.commerce.orders',
    },
  }),
];

/** What the members depend on outside the system: platform pieces, and one source database. */
export const ordersPlatform: Entity[] = [
  member('Resource', 'kafka-cluster', 'kafka-cluster', {
    system: 'data-platform',
  }),
  member('Resource', 'paimon-warehouse', 'lakehouse-warehouse', {
    system: 'data-platform',
  }),
  member('Component', 'flink-jobmanager', 'service', {
    system: 'data-platform',
  }),
  member('Resource', 'mariadb.commerce', 'database', {
    system: 'data-platform',
    dependsOn: ['resource:mariadb'],
  }),
];
