import type { Entity } from '@backstage/catalog-model';
import { NotFoundError as HttpNotFoundError } from '@backstage/errors';
import {
  type ConnectorsStatus,
  type ConsumerLagStatus,
  getKafkaConnectors,
  getKafkaConsumerGroup,
  getKafkaTopic,
  getUpstreamInstance,
  KAFKA_CONNECTOR_ANNOTATION,
  KAFKA_CONSUMER_GROUP_ANNOTATION,
  KAFKA_TOPIC_ANNOTATION,
  type TopicStatus,
} from '@internal/backstage-plugin-pipeline-common';
import {
  CoalescingCache,
  NotFoundError,
  UpstreamError,
  UpstreamRegistry,
  toHttpError,
} from '@internal/backstage-plugin-pipeline-node';
import { summarizeConnector } from './connectorView';

const TOPIC_CONFIGS = [
  'retention.ms',
  'retention.bytes',
  'cleanup.policy',
  'min.insync.replicas',
];

function required(
  value: string | undefined,
  entity: Entity,
  annotation: string,
  example: string,
) {
  if (!value) {
    throw new HttpNotFoundError(
      `${entity.kind}:${entity.metadata.name} has no ${annotation} annotation (e.g. ${annotation}: ${example})`,
    );
  }
  return value;
}

const numberOr = (v: string | undefined) =>
  v === undefined ? undefined : Number(v);

/**
 * Reads what an entity's annotations name from Kafka and Kafka Connect. Answers are cached per
 * upstream object (not per caller): the caller's right to see them comes from loading the
 * entity with the caller's credentials before any of these calls.
 */
export class StreamingStatusService {
  constructor(
    private readonly registry: UpstreamRegistry,
    private readonly cache: CoalescingCache,
    private readonly timeoutMs: number,
  ) {}

  async topic(entity: Entity): Promise<TopicStatus> {
    const topic = required(
      getKafkaTopic(entity),
      entity,
      KAFKA_TOPIC_ANNOTATION,
      'mariadb.commerce.orders',
    );
    const { name: instance, client } = this.kafka(entity);
    return this.load(
      `topic:${instance}:${topic}`,
      async () => {
        const options = { timeoutMs: this.timeoutMs };
        const [description, config] = await Promise.all([
          client.describeTopic(topic, options),
          client.topicConfig(topic, TOPIC_CONFIGS, options),
        ]);
        const partitions = description.partitions.map(p => ({
          partition: p.partition,
          leader: p.leader,
          replicas: p.replicas,
          isr: p.isr,
          underReplicated: p.replicas.some(r => !p.isr.includes(r)),
          startOffset: p.earliestOffset,
          endOffset: p.endOffset,
          messages: Math.max(0, p.endOffset - p.earliestOffset),
        }));
        return {
          instance,
          topic,
          partitions,
          totalMessages: partitions.reduce((sum, p) => sum + p.messages, 0),
          config: {
            retentionMs: numberOr(config['retention.ms']),
            retentionBytes: numberOr(config['retention.bytes']),
            cleanupPolicy: config['cleanup.policy'],
            minInsyncReplicas: numberOr(config['min.insync.replicas']),
          },
        };
      },
      `topic ${topic}`,
    );
  }

  async consumerLag(entity: Entity): Promise<ConsumerLagStatus> {
    const groupId = required(
      getKafkaConsumerGroup(entity),
      entity,
      KAFKA_CONSUMER_GROUP_ANNOTATION,
      'flink-commerce-orders',
    );
    const topic = required(
      getKafkaTopic(entity),
      entity,
      KAFKA_TOPIC_ANNOTATION,
      'mariadb.commerce.orders',
    );
    const { name: instance, client } = this.kafka(entity);
    return this.load(
      `lag:${instance}:${groupId}:${topic}`,
      async () => {
        const options = { timeoutMs: this.timeoutMs };
        const [lag, group] = await Promise.all([
          client.consumerGroupLag(groupId, topic, options),
          client.describeConsumerGroup(groupId, options),
        ]);
        return { instance, ...lag, state: group.state, members: group.members };
      },
      `topic ${topic}`,
    );
  }

  async connectors(entity: Entity): Promise<ConnectorsStatus> {
    const names = getKafkaConnectors(entity);
    required(names[0], entity, KAFKA_CONNECTOR_ANNOTATION, 'commerce-mariadb');
    const { name: instance, client } = this.connect(entity);
    const connectors = await Promise.all(
      names.map(name =>
        this.load(`connector:${instance}:${name}`, async () => {
          try {
            return summarizeConnector(
              await client.getStatus(name, { timeoutMs: this.timeoutMs }),
            );
          } catch (error) {
            if (error instanceof NotFoundError) {
              return { name, missing: true, tasks: [], failedTasks: 0 };
            }
            throw error;
          }
        }),
      ),
    );
    return { instance, connectors };
  }

  /** After a restart the cached status is stale. */
  forgetConnector(instance: string, name: string) {
    this.cache.invalidate(`connector:${instance}:${name}`);
  }

  kafka(entity: Entity) {
    return this.resolve(() =>
      this.registry.get('kafka', getUpstreamInstance(entity)),
    );
  }

  connect(entity: Entity) {
    return this.resolve(() =>
      this.registry.get('kafkaConnect', getUpstreamInstance(entity)),
    );
  }

  private resolve<T>(get: () => T): T {
    try {
      return get();
    } catch (error) {
      throw toHttpError(error);
    }
  }

  private async load<T>(
    key: string,
    loader: () => Promise<T>,
    what?: string,
  ): Promise<T> {
    try {
      return await this.cache.get(key, loader);
    } catch (error) {
      // kafkajs names a missing topic UNKNOWN_TOPIC_OR_PARTITION: an object that is not there, not a down broker.
      if (
        error instanceof UpstreamError &&
        error.upstreamCode === 'UNKNOWN_TOPIC_OR_PARTITION'
      ) {
        throw new HttpNotFoundError(`kafka has no ${what ?? 'such topic'}`);
      }
      throw toHttpError(error);
    }
  }
}
