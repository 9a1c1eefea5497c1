import { Admin, ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { assertName, assertTopic } from '../../lib/identifiers';
import { CallOptions } from '../../lib/http';
import {
  UpstreamAbortedError,
  UpstreamError,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
} from '../../lib/errors';

/** @public */
export interface KafkaClientOptions {
  /** `host:port` list, e.g. `['127.0.0.1:9092']`. */
  brokers: string[];
  clientId?: string;
  /** Timeout of one client call, admin connect included (default 15 s). */
  timeoutMs?: number;
  /** Replaces the kafkajs instance (tests). */
  kafka?: Pick<Kafka, 'admin'>;
}

/** @public */
export interface TopicSpec {
  topic: string;
  /** Default: the broker's num.partitions. */
  partitions?: number;
  /** Default: the broker's default.replication.factor. */
  replicationFactor?: number;
  /** Topic configs such as `cleanup.policy` or `retention.ms`. */
  config?: Record<string, string>;
}

/** A setting of an existing topic that differs from the spec; ensureTopic never alters it. @public */
export interface TopicDrift {
  setting: string;
  expected: string;
  actual: string | undefined;
}

/** @public */
export interface EnsureTopicResult {
  topic: string;
  created: boolean;
  drift: TopicDrift[];
}

/** @public */
export interface TopicPartitionInfo {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
  earliestOffset: number;
  endOffset: number;
}

/** @public */
export interface TopicDescription {
  topic: string;
  partitions: TopicPartitionInfo[];
}

/** @public */
export interface ConsumerGroupLag {
  groupId: string;
  topic: string;
  /** Sum over partitions with a committed offset. */
  totalLag: number;
  partitions: Array<{
    partition: number;
    endOffset: number;
    /** null when the group never committed on this partition. */
    committedOffset: number | null;
    lag: number | null;
  }>;
}

/** @public */
export interface ConsumerGroupDescription {
  groupId: string;
  /** Stable, Empty, PreparingRebalance, CompletingRebalance, Dead (unknown group). */
  state: string;
  members: number;
}

function kafkaErrorDetails(error: unknown): {
  message?: string;
  code?: string;
} {
  const e = error as {
    message?: string;
    type?: string;
    errors?: Array<{ type?: string; message?: string }>;
  };
  const inner = e?.errors?.[0];
  return {
    message: inner?.message ?? e?.message,
    code: inner?.type ?? e?.type,
  };
}

// kafkajs wraps the connection failure after its retries: KafkaJSNumberOfRetriesExceeded
// with cause KafkaJSConnectionError.
function isConnectionError(error: unknown): boolean {
  for (
    let e = error as Error | undefined, depth = 0;
    e && depth < 4;
    e = e.cause as Error, depth++
  ) {
    if (['KafkaJSConnectionError', 'KafkaJSBrokerNotFound'].includes(e.name))
      return true;
  }
  return false;
}

/**
 * Kafka admin operations through kafkajs 2.2.4. Each call connects its own admin client and
 * disconnects afterwards: callers are occasional (actions, periodic health), not hot paths.
 *
 * @public
 */
/** Until every partition of a just-created topic has a leader (a busy broker takes a while). */
async function waitForLeaders(admin: Admin, topic: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (let attempt = 0; ; attempt++) {
    const meta = await admin
      .fetchTopicMetadata({ topics: [topic] })
      .catch(() => undefined);
    const partitions = meta?.topics[0]?.partitions ?? [];
    if (partitions.length && partitions.every(p => p.leader >= 0)) return;
    if (Date.now() > deadline)
      throw new Error(
        `topic ${topic} was created but has no leader after 30 s`,
      );
    await new Promise(r => setTimeout(r, Math.min(500, 50 * 2 ** attempt)));
  }
}

export class KafkaClient {
  private readonly kafka: Pick<Kafka, 'admin'>;
  private readonly timeoutMs: number;
  private readonly brokers: string[];

  constructor(options: KafkaClientOptions) {
    if (!options.kafka && !options.brokers?.length) {
      throw new TypeError('kafka: at least one broker is required');
    }
    this.brokers = options.brokers ?? [];
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.kafka =
      options.kafka ??
      new Kafka({
        clientId: options.clientId ?? 'backstage-pipeline',
        brokers: this.brokers,
        connectionTimeout: 3000,
        requestTimeout: 10_000,
        retry: { retries: 2 },
        // Failures surface as UpstreamError; kafkajs' own log would duplicate them on stdout.
        logLevel: logLevel.NOTHING,
      });
  }

  /**
   * Creates the topic if it is missing. For an existing topic it reports partitions,
   * replication factor and config entries that differ from the spec.
   */
  async ensureTopic(
    spec: TopicSpec,
    options?: CallOptions,
  ): Promise<EnsureTopicResult> {
    const topic = assertTopic(spec.topic);
    const config = spec.config ?? {};
    return this.withAdmin('ensureTopic', topic, options, async admin => {
      const created = await admin.createTopics({
        // Waiting is done below: kafkajs' own wait gives up with "This server does not host
        // this topic-partition" when a busy broker has not published the new topic yet.
        waitForLeaders: false,
        topics: [
          {
            topic,
            numPartitions: spec.partitions,
            replicationFactor: spec.replicationFactor,
            configEntries: Object.entries(config).map(([name, value]) => ({
              name,
              value,
            })),
          },
        ],
      });
      if (created) {
        await waitForLeaders(admin, topic);
        return { topic, created: true, drift: [] };
      }

      const drift: TopicDrift[] = [];
      const meta = await admin.fetchTopicMetadata({ topics: [topic] });
      const partitions = meta.topics[0]?.partitions ?? [];
      if (
        spec.partitions !== undefined &&
        partitions.length !== spec.partitions
      ) {
        drift.push({
          setting: 'partitions',
          expected: String(spec.partitions),
          actual: String(partitions.length),
        });
      }
      const rf = partitions[0]?.replicas.length;
      if (
        spec.replicationFactor !== undefined &&
        rf !== spec.replicationFactor
      ) {
        drift.push({
          setting: 'replicationFactor',
          expected: String(spec.replicationFactor),
          actual: rf?.toString(),
        });
      }
      const names = Object.keys(config);
      if (names.length) {
        const described = await admin.describeConfigs({
          includeSynonyms: false,
          resources: [
            {
              type: ConfigResourceTypes.TOPIC,
              name: topic,
              configNames: names,
            },
          ],
        });
        const actual = new Map(
          (described.resources[0]?.configEntries ?? []).map(e => [
            e.configName,
            e.configValue,
          ]),
        );
        for (const name of names) {
          if (actual.get(name) !== config[name]) {
            drift.push({
              setting: name,
              expected: config[name],
              actual: actual.get(name) ?? undefined,
            });
          }
        }
      }
      return { topic, created: false, drift };
    });
  }

  async describeTopic(
    topic: string,
    options?: CallOptions,
  ): Promise<TopicDescription> {
    assertTopic(topic);
    return this.withAdmin('describeTopic', topic, options, async admin => {
      const meta = await admin.fetchTopicMetadata({ topics: [topic] });
      const offsets = new Map(
        (await admin.fetchTopicOffsets(topic)).map(o => [o.partition, o]),
      );
      const partitions = (meta.topics[0]?.partitions ?? [])
        .map(p => ({
          partition: p.partitionId,
          leader: p.leader,
          replicas: p.replicas,
          isr: p.isr,
          earliestOffset: Number(offsets.get(p.partitionId)?.low ?? 0),
          endOffset: Number(offsets.get(p.partitionId)?.high ?? 0),
        }))
        .sort((a, b) => a.partition - b.partition);
      return { topic, partitions };
    });
  }

  /** Lag per partition = end offset − committed offset of the group. */
  async consumerGroupLag(
    groupId: string,
    topic: string,
    options?: CallOptions,
  ): Promise<ConsumerGroupLag> {
    assertName('consumer group', groupId);
    assertTopic(topic);
    return this.withAdmin(
      'consumerGroupLag',
      `${groupId} on ${topic}`,
      options,
      async admin => {
        const ends = await admin.fetchTopicOffsets(topic);
        const committed = await admin.fetchOffsets({
          groupId,
          topics: [topic],
        });
        const byPartition = new Map(
          (committed[0]?.partitions ?? []).map(p => [
            p.partition,
            Number(p.offset),
          ]),
        );
        let totalLag = 0;
        const partitions = ends
          .map(o => {
            const endOffset = Number(o.high);
            const c = byPartition.get(o.partition);
            const committedOffset = c === undefined || c < 0 ? null : c;
            const lag =
              committedOffset === null
                ? null
                : Math.max(0, endOffset - committedOffset);
            totalLag += lag ?? 0;
            return { partition: o.partition, endOffset, committedOffset, lag };
          })
          .sort((a, b) => a.partition - b.partition);
        return { groupId, topic, totalLag, partitions };
      },
    );
  }

  /** The topic's values of the named configs (defaults included); names the broker lacks are left out. */
  async topicConfig(
    topic: string,
    names: string[],
    options?: CallOptions,
  ): Promise<Record<string, string>> {
    assertTopic(topic);
    return this.withAdmin('topicConfig', topic, options, async admin => {
      const described = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [
          { type: ConfigResourceTypes.TOPIC, name: topic, configNames: names },
        ],
      });
      const config: Record<string, string> = {};
      for (const e of described.resources[0]?.configEntries ?? []) {
        if (e.configValue !== null && e.configValue !== undefined)
          config[e.configName] = e.configValue;
      }
      return config;
    });
  }

  /** A group nobody ever joined or committed for is reported as `Dead`. */
  async describeConsumerGroup(
    groupId: string,
    options?: CallOptions,
  ): Promise<ConsumerGroupDescription> {
    assertName('consumer group', groupId);
    return this.withAdmin(
      'describeConsumerGroup',
      groupId,
      options,
      async admin => {
        const { groups } = await admin.describeGroups([groupId]);
        const group = groups.find(g => g.groupId === groupId);
        return {
          groupId,
          state: group?.state ?? 'Dead',
          members: group?.members.length ?? 0,
        };
      },
    );
  }

  /** Whether the topic exists (an unreachable broker is an error, not a "no"). */
  async topicExists(topic: string, options?: CallOptions): Promise<boolean> {
    assertTopic(topic);
    return this.withAdmin('topicExists', topic, options, async admin =>
      (await admin.listTopics()).includes(topic),
    );
  }

  /** Returns false when the topic did not exist. */
  async deleteTopic(topic: string, options?: CallOptions): Promise<boolean> {
    assertTopic(topic);
    return this.withAdmin('deleteTopic', topic, options, async admin => {
      // kafkajs retries UNKNOWN_TOPIC_OR_PARTITION for a long time; ask first.
      if (!(await admin.listTopics()).includes(topic)) return false;
      await admin.deleteTopics({ topics: [topic] });
      return true;
    });
  }

  private async withAdmin<T>(
    operation: string,
    target: string,
    options: CallOptions | undefined,
    fn: (admin: Admin) => Promise<T>,
  ): Promise<T> {
    const details = {
      component: 'kafka' as const,
      operation,
      request: `${operation} ${target}`,
    };
    const timeoutMs = options?.timeoutMs ?? this.timeoutMs;
    if (options?.signal?.aborted) throw new UpstreamAbortedError(details);
    const admin = this.kafka.admin();
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    const stop = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new UpstreamTimeoutError({ ...details, timeoutMs })),
        timeoutMs,
      );
      onAbort = () => reject(new UpstreamAbortedError(details));
      options?.signal?.addEventListener('abort', onAbort, { once: true });
    });
    const work = (async () => {
      await admin.connect();
      return fn(admin);
    })();
    try {
      return await Promise.race([work, stop]);
    } catch (error) {
      if (error instanceof UpstreamError) throw error;
      const said = kafkaErrorDetails(error);
      if (isConnectionError(error)) {
        throw new UpstreamUnavailableError({
          ...details,
          target: this.brokers.join(','),
          upstreamMessage: said.message,
          cause: error,
        });
      }
      throw new UpstreamError({
        ...details,
        upstreamMessage: said.message,
        upstreamCode: said.code,
        cause: error,
      });
    } finally {
      clearTimeout(timer);
      if (onAbort) options?.signal?.removeEventListener('abort', onAbort);
      work.catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
    }
  }
}
