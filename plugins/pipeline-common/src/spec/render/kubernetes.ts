import { z } from 'zod';
import type { PipelineSpec } from '../pipelineSpec';
import { renderConnectorConfig } from './connectorConfig';
import { renderTopics } from './topics';

/**
 * Strimzi custom resources (kafka.strimzi.io/v1, the only API Strimzi 1.x serves) for teams
 * that run the platform on Kubernetes and deploy through GitOps: one KafkaTopic per topic
 * (plus the schema-history topic of each MariaDB/MySQL connector) and one KafkaConnector per
 * source, following infra/k8s/kafka/*.yaml (clusters `platform` and `debezium`).
 */

const k8sName = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

export const kubernetesTargetSchema = z.object({
  /** `strimzi.io/cluster` of KafkaTopics: the Kafka cluster. */
  kafkaCluster: z.string().regex(k8sName).default('platform'),
  /** `strimzi.io/cluster` of KafkaConnectors: the KafkaConnect cluster. */
  connectCluster: z.string().regex(k8sName).default('debezium'),
  namespace: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/)
    .optional(),
  /** Bootstrap servers as the Connect pods see them (Debezium's schema history). */
  kafkaBootstrapServers: z
    .string()
    .regex(/^[A-Za-z0-9.-]+:\d{1,5}(,[A-Za-z0-9.-]+:\d{1,5})*$/)
    .default('platform-kafka-bootstrap:9092'),
});
export type KubernetesTargetInput = z.input<typeof kubernetesTargetSchema>;

export interface StrimziResource {
  apiVersion: 'kafka.strimzi.io/v1';
  kind: 'KafkaTopic' | 'KafkaConnector';
  metadata: {
    name: string;
    namespace?: string;
    labels: Record<string, string>;
  };
  spec: Record<string, unknown>;
}

/** FNV-1a, hex: a short stable suffix for names that had to be changed. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * Kafka allows `_` and upper case in topic names, Kubernetes names do not: such topics get a
 * lowercase resource name with a hash suffix (so `Orders` and `orders` never collide) and keep
 * their real name in `spec.topicName`.
 */
export function topicResourceName(topic: string): string {
  if (k8sName.test(topic)) return topic;
  const cleaned = topic
    .toLowerCase()
    .replace(/[^a-z0-9.-]/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 200)
    .replace(/[^a-z0-9]+$/, '');
  return `${cleaned || 'topic'}-${shortHash(topic)}`;
}

export function renderKubernetesResources(
  spec: PipelineSpec,
  target?: KubernetesTargetInput,
): StrimziResource[] {
  const t = kubernetesTargetSchema.parse(target ?? {});
  const metadata = (name: string, cluster: string) => ({
    name,
    ...(t.namespace ? { namespace: t.namespace } : {}),
    labels: {
      'strimzi.io/cluster': cluster,
      'data-platform/use-case': spec.name,
    },
  });
  const topic = (
    name: string,
    spec_: Record<string, unknown>,
  ): StrimziResource => {
    const resourceName = topicResourceName(name);
    return {
      apiVersion: 'kafka.strimzi.io/v1',
      kind: 'KafkaTopic',
      metadata: metadata(resourceName, t.kafkaCluster),
      spec: { ...(resourceName === name ? {} : { topicName: name }), ...spec_ },
    };
  };
  const resources = renderTopics(spec).map(rendered =>
    topic(rendered.name, {
      partitions: rendered.partitions,
      replicas: rendered.replicationFactor,
      config: Object.fromEntries(
        rendered.configEntries.map(e => [e.name, e.value]),
      ),
    }),
  );
  const connectors = renderConnectorConfig(spec, {
    kafkaBootstrapServers: t.kafkaBootstrapServers,
  });
  for (const connector of connectors) {
    const history = connector.config['schema.history.internal.kafka.topic'];
    // Debezium's schema history: one partition, never deleted (as infra/k8s declares it).
    if (history)
      resources.push(
        topic(history, {
          partitions: 1,
          replicas: spec.topics[0].replicationFactor,
          config: {
            'cleanup.policy': 'delete',
            'retention.ms': '-1',
            'retention.bytes': '-1',
          },
        }),
      );
  }
  for (const connector of connectors) {
    // Strimzi names the connector after the resource: renaming it would orphan the running one.
    if (!k8sName.test(connector.name))
      throw new Error(
        `renderKubernetesResources: connector name "${connector.name}" is not a Kubernetes resource name (lowercase letters, digits, "-" and "."); Strimzi uses it as the connector name, so rename the connector in the spec`,
      );
    const {
      'connector.class': connectorClass,
      'tasks.max': tasksMax,
      ...config
    } = connector.config;
    resources.push({
      apiVersion: 'kafka.strimzi.io/v1',
      kind: 'KafkaConnector',
      metadata: metadata(connector.name, t.connectCluster),
      spec: { class: connectorClass, tasksMax: Number(tasksMax), config },
    });
  }
  return resources;
}
