import {
  KafkaConnector,
  KafkaTopic,
} from '@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1';
import { parsePipelineSpec } from '../pipelineSpec';
import { USE_CASE_EXAMPLES } from '../examples';
import { addPaymentsSource, parsedExample } from '../testSupport';
import { renderKubernetesResources, topicResourceName } from './kubernetes';

const MODELS = { KafkaTopic, KafkaConnector } as const;

/** Validates a resource against Strimzi's CRD schema (as @kubernetes-models ships it). */
function schemaErrors(resource: { kind: keyof typeof MODELS }): unknown {
  try {
    new MODELS[resource.kind](resource as any).validate();
    return undefined;
  } catch (e) {
    return (e as { errors?: unknown }).errors ?? e;
  }
}

describe('renderKubernetesResources', () => {
  it('renders topics and connectors like infra/k8s/kafka, valid against Strimzi v1 schemas', () => {
    const resources = renderKubernetesResources(
      parsedExample(addPaymentsSource),
    );
    expect(resources.map(r => `${r.kind}/${r.metadata.name}`)).toEqual([
      'KafkaTopic/mariadb.commerce.orders',
      'KafkaTopic/pg.public.payments',
      `KafkaTopic/${topicResourceName(
        '_schema-history.finance-reconciliation-mariadb',
      )}`,
      'KafkaConnector/finance-reconciliation-mariadb',
      'KafkaConnector/finance-reconciliation-postgres',
    ]);
    for (const r of resources) {
      expect(r.apiVersion).toBe('kafka.strimzi.io/v1');
      expect(schemaErrors(r as any)).toBeUndefined();
      expect(r.metadata.labels['data-platform/use-case']).toBe(
        'finance-reconciliation',
      );
    }
    const [orders, payments, history, mariadb] = resources;
    expect(orders.metadata.labels['strimzi.io/cluster']).toBe('platform');
    expect(orders.spec).toEqual({
      partitions: 3,
      replicas: 1,
      config: { 'retention.ms': '604800000', 'cleanup.policy': 'delete' },
    });
    expect(payments.spec).toMatchObject({
      partitions: 6,
      config: { 'cleanup.policy': 'compact' },
    });
    expect(history.spec).toMatchObject({
      topicName: '_schema-history.finance-reconciliation-mariadb',
      partitions: 1,
      config: { 'retention.ms': '-1' },
    });
    expect(mariadb.metadata.labels['strimzi.io/cluster']).toBe('debezium');
    expect(mariadb.spec).toMatchObject({
      class: 'io.debezium.connector.mariadb.MariaDbConnector',
      tasksMax: 1,
      config: {
        'topic.prefix': 'mariadb',
        'schema.history.internal.kafka.bootstrap.servers':
          'platform-kafka-bootstrap:9092',
      },
    });
    expect(mariadb.spec.config).not.toHaveProperty('connector.class');
  });

  it('uses the target clusters and namespace', () => {
    const resources = renderKubernetesResources(parsedExample(), {
      kafkaCluster: 'kafka-prod',
      connectCluster: 'connect-prod',
      namespace: 'finance',
      kafkaBootstrapServers: 'kafka-prod-kafka-bootstrap.kafka:9092',
    });
    const topic = resources.find(r => r.kind === 'KafkaTopic')!;
    const connector = resources.find(r => r.kind === 'KafkaConnector')!;
    expect(topic.metadata).toMatchObject({
      namespace: 'finance',
      labels: { 'strimzi.io/cluster': 'kafka-prod' },
    });
    expect(connector.metadata).toMatchObject({
      namespace: 'finance',
      labels: { 'strimzi.io/cluster': 'connect-prod' },
    });
    expect(
      (connector.spec.config as any)[
        'schema.history.internal.kafka.bootstrap.servers'
      ],
    ).toBe('kafka-prod-kafka-bootstrap.kafka:9092');
    expect(() =>
      renderKubernetesResources(parsedExample(), { namespace: 'Bad_NS' }),
    ).toThrow();
  });

  it('the schema check is not vacuous: a malformed resource fails it', () => {
    const [topic] = renderKubernetesResources(parsedExample());
    expect(
      schemaErrors({ ...topic, spec: { partitions: 'three' } } as any),
    ).toBeDefined();
  });

  it('keeps every use-case example valid against the Strimzi schemas, with unique names', () => {
    for (const example of Object.values(USE_CASE_EXAMPLES)) {
      const parsed = parsePipelineSpec(example);
      if (!parsed.success) throw new Error(parsed.message);
      const resources = renderKubernetesResources(parsed.spec);
      for (const r of resources) expect(schemaErrors(r as any)).toBeUndefined();
      const names = resources.map(r => `${r.kind}/${r.metadata.name}`);
      expect(new Set(names).size).toBe(names.length);
      // fraud_alerts has "_": a valid resource name, the real topic name kept in spec.topicName
      for (const t of resources.filter(r => r.kind === 'KafkaTopic'))
        expect(t.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/);
    }
  });

  it('gives topics Kubernetes cannot name a hashed resource name and keeps the topic name', () => {
    expect(topicResourceName('mariadb.commerce.orders')).toBe(
      'mariadb.commerce.orders',
    );
    expect(topicResourceName('fraud_alerts')).toMatch(
      /^fraud-alerts-[0-9a-f]{8}$/,
    );
    expect(topicResourceName('Orders')).not.toBe(topicResourceName('orders'));
  });

  it('refuses a connector name Strimzi cannot use rather than renaming the connector', () => {
    const spec = parsedExample(
      s => (s.sources[0].connector.name = 'Finance_MariaDB'),
    );
    expect(() => renderKubernetesResources(spec)).toThrow(
      /connector name "Finance_MariaDB" is not a Kubernetes resource name/,
    );
  });
});
