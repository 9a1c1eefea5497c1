import type { Admin } from 'kafkajs';
import { KafkaClient } from './KafkaClient';
import {
  InvalidIdentifierError,
  UpstreamAbortedError,
  UpstreamError,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
} from '../../lib/errors';
import { caught } from '../../__testUtils__/msw';

function mockAdmin(overrides: Partial<Record<keyof Admin, jest.Mock>> = {}) {
  const admin = {
    connect: jest.fn().mockResolvedValue(undefined),
    disconnect: jest.fn().mockResolvedValue(undefined),
    createTopics: jest.fn().mockResolvedValue(true),
    deleteTopics: jest.fn().mockResolvedValue(undefined),
    listTopics: jest.fn().mockResolvedValue([]),
    fetchTopicMetadata: jest.fn().mockResolvedValue({
      topics: [
        {
          name: 't',
          partitions: [0, 1].map(p => ({
            partitionId: p,
            leader: 1,
            replicas: [1],
            isr: [1],
          })),
        },
      ],
    }),
    fetchTopicOffsets: jest.fn().mockResolvedValue([
      { partition: 1, offset: '5', high: '5', low: '0' },
      { partition: 0, offset: '10', high: '10', low: '2' },
    ]),
    fetchOffsets: jest.fn().mockResolvedValue([
      {
        topic: 't',
        partitions: [
          { partition: 0, offset: '7' },
          { partition: 1, offset: '-1' },
        ],
      },
    ]),
    describeConfigs: jest.fn().mockResolvedValue({
      resources: [
        {
          configEntries: [
            { configName: 'retention.ms', configValue: '604800000' },
            { configName: 'cleanup.policy', configValue: 'delete' },
          ],
        },
      ],
    }),
    describeGroups: jest.fn().mockResolvedValue({
      groups: [{ groupId: 'g', state: 'Stable', members: [{}, {}] }],
    }),
    ...overrides,
  };
  const client = new KafkaClient({
    brokers: ['b:9092'],
    kafka: { admin: () => admin as unknown as Admin },
    timeoutMs: 200,
  });
  return { admin, client };
}

describe('KafkaClient', () => {
  it('creates a missing topic with partitions, replication and config', async () => {
    const { admin, client } = mockAdmin();
    const result = await client.ensureTopic({
      topic: 'orders.cdc',
      partitions: 3,
      replicationFactor: 1,
      config: { 'cleanup.policy': 'compact' },
    });
    expect(result).toEqual({ topic: 'orders.cdc', created: true, drift: [] });
    expect(admin.createTopics).toHaveBeenCalledWith({
      waitForLeaders: false,
      topics: [
        {
          topic: 'orders.cdc',
          numPartitions: 3,
          replicationFactor: 1,
          configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
        },
      ],
    });
    expect(admin.disconnect).toHaveBeenCalled();
  });

  it('waits until a just-created topic shows in the metadata with leaders', async () => {
    const fetchTopicMetadata = jest
      .fn()
      .mockRejectedValueOnce(
        new Error('This server does not host this topic-partition'),
      )
      .mockResolvedValueOnce({ topics: [{ name: 't', partitions: [] }] })
      .mockResolvedValue({
        topics: [{ name: 't', partitions: [{ partitionId: 0, leader: 1 }] }],
      });
    const { client } = mockAdmin({ fetchTopicMetadata });
    const result = await client.ensureTopic(
      { topic: 't', partitions: 1 },
      { timeoutMs: 5_000 },
    );
    expect(result.created).toBe(true);
    expect(fetchTopicMetadata).toHaveBeenCalledTimes(3);
  });

  it('reports an existing topic and its drift from the spec', async () => {
    const { client } = mockAdmin({
      createTopics: jest.fn().mockResolvedValue(false),
    });
    const result = await client.ensureTopic({
      topic: 't',
      partitions: 3,
      replicationFactor: 1,
      config: { 'cleanup.policy': 'delete', 'retention.ms': '86400000' },
    });
    expect(result.created).toBe(false);
    expect(result.drift).toEqual([
      { setting: 'partitions', expected: '3', actual: '2' },
      { setting: 'retention.ms', expected: '86400000', actual: '604800000' },
    ]);
  });

  it('describes partitions with earliest and end offsets', async () => {
    const { client } = mockAdmin();
    const d = await client.describeTopic('t');
    expect(d.partitions).toEqual([
      {
        partition: 0,
        leader: 1,
        replicas: [1],
        isr: [1],
        earliestOffset: 2,
        endOffset: 10,
      },
      {
        partition: 1,
        leader: 1,
        replicas: [1],
        isr: [1],
        earliestOffset: 0,
        endOffset: 5,
      },
    ]);
  });

  it('computes consumer group lag; a partition without commit has no lag figure', async () => {
    const { admin, client } = mockAdmin();
    const lag = await client.consumerGroupLag('flink-orders', 't');
    expect(admin.fetchOffsets).toHaveBeenCalledWith({
      groupId: 'flink-orders',
      topics: ['t'],
    });
    expect(lag).toEqual({
      groupId: 'flink-orders',
      topic: 't',
      totalLag: 3,
      partitions: [
        { partition: 0, endOffset: 10, committedOffset: 7, lag: 3 },
        { partition: 1, endOffset: 5, committedOffset: null, lag: null },
      ],
    });
  });

  it('reads the named topic configs', async () => {
    const { admin, client } = mockAdmin();
    const config = await client.topicConfig('t', [
      'retention.ms',
      'cleanup.policy',
    ]);
    expect(config).toEqual({
      'retention.ms': '604800000',
      'cleanup.policy': 'delete',
    });
    expect(admin.describeConfigs).toHaveBeenCalledWith(
      expect.objectContaining({
        resources: [
          expect.objectContaining({
            name: 't',
            configNames: ['retention.ms', 'cleanup.policy'],
          }),
        ],
      }),
    );
  });

  it('describes a consumer group; an unknown one is Dead', async () => {
    const { client } = mockAdmin();
    expect(await client.describeConsumerGroup('g')).toEqual({
      groupId: 'g',
      state: 'Stable',
      members: 2,
    });
    const empty = mockAdmin({
      describeGroups: jest.fn().mockResolvedValue({ groups: [] }),
    });
    expect(await empty.client.describeConsumerGroup('g')).toEqual({
      groupId: 'g',
      state: 'Dead',
      members: 0,
    });
    await expect(empty.client.describeConsumerGroup('../g')).rejects.toThrow(
      InvalidIdentifierError,
    );
  });

  it('deletes only a topic that exists', async () => {
    const { admin, client } = mockAdmin({
      listTopics: jest.fn().mockResolvedValue(['t']),
    });
    await expect(client.deleteTopic('t')).resolves.toBe(true);
    await expect(client.deleteTopic('other')).resolves.toBe(false);
    expect(admin.deleteTopics).toHaveBeenCalledTimes(1);
  });

  it('maps kafkajs errors, keeping the protocol error type', async () => {
    const err = Object.assign(new Error('Invalid config value for resource'), {
      name: 'KafkaJSProtocolError',
      type: 'INVALID_CONFIG',
    });
    const { client } = mockAdmin({
      createTopics: jest.fn().mockRejectedValue(err),
    });
    const error = (await caught(() =>
      client.ensureTopic({ topic: 't', config: { 'retention.ms': 'x' } }),
    )) as UpstreamError;
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.upstreamCode).toBe('INVALID_CONFIG');
    expect(error.message).toBe(
      'kafka: ensureTopic t failed: Invalid config value for resource',
    );
  });

  it('reports unreachable brokers', async () => {
    const err = Object.assign(
      new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092'),
      {
        name: 'KafkaJSNumberOfRetriesExceeded',
        cause: Object.assign(new Error('connect ECONNREFUSED'), {
          name: 'KafkaJSConnectionError',
        }),
      },
    );
    const { client } = mockAdmin({ connect: jest.fn().mockRejectedValue(err) });
    const error = await caught(() => client.describeTopic('t'));
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error.message).toBe(
      'kafka: describeTopic t failed: cannot reach b:9092 (Connection error: connect ECONNREFUSED 127.0.0.1:9092)',
    );
  });

  it('times out a call that hangs, and still disconnects', async () => {
    const { admin, client } = mockAdmin({
      connect: jest.fn(() => new Promise(() => {})),
    });
    const error = await caught(() => client.describeTopic('t'));
    expect(error).toBeInstanceOf(UpstreamTimeoutError);
    expect(error.message).toBe('kafka: describeTopic t timed out after 200 ms');
    expect(admin.disconnect).toHaveBeenCalled();
  });

  it("honours the caller's AbortSignal", async () => {
    const { client } = mockAdmin({
      connect: jest.fn(() => new Promise(() => {})),
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    await expect(
      client.describeTopic('t', { signal: controller.signal }),
    ).rejects.toBeInstanceOf(UpstreamAbortedError);
  });

  it.each(['', '..', '.', 'a/b', 'a b', 'x'.repeat(250), 'ünïcode'])(
    'rejects topic %j before touching Kafka',
    async bad => {
      const admin = jest.fn();
      const client = new KafkaClient({
        brokers: ['b:9092'],
        kafka: { admin } as any,
      });
      await expect(client.ensureTopic({ topic: bad })).rejects.toBeInstanceOf(
        InvalidIdentifierError,
      );
      await expect(client.describeTopic(bad)).rejects.toBeInstanceOf(
        InvalidIdentifierError,
      );
      await expect(client.consumerGroupLag('g', bad)).rejects.toBeInstanceOf(
        InvalidIdentifierError,
      );
      await expect(client.deleteTopic(bad)).rejects.toBeInstanceOf(
        InvalidIdentifierError,
      );
      expect(admin).not.toHaveBeenCalled();
    },
  );
});
