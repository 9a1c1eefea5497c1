import { KafkaClient } from './KafkaClient';
import { UpstreamUnavailableError } from '../../lib/errors';
import {
  deleteGroups,
  endpoints,
  requireStack,
  runSuffix,
  tailTopic,
  testKafka,
  testProducer,
} from '../../__testUtils__/stack';

jest.setTimeout(60_000);

const run = runSuffix();
const topic = `pn-it-kafka-${run}`;
const groupId = `pn-it-kafka-${run}`;
const kafka = testKafka();
const client = new KafkaClient({
  brokers: endpoints.kafkaBrokers,
  clientId: 'pipeline-node-it',
});

describe('KafkaClient against the local stack', () => {
  beforeAll(() => requireStack('kafka'));

  afterAll(async () => {
    await deleteGroups(kafka, [groupId]).catch(() => undefined);
    await client.deleteTopic(topic).catch(() => undefined);
  });

  it('creates a topic, reports drift on re-run, and round-trips messages', async () => {
    const spec = {
      topic,
      partitions: 2,
      replicationFactor: 1,
      config: { 'retention.ms': '3600000' },
    };
    expect(await client.ensureTopic(spec)).toEqual({
      topic,
      created: true,
      drift: [],
    });
    expect(await client.ensureTopic(spec)).toEqual({
      topic,
      created: false,
      drift: [],
    });
    const drifted = await client.ensureTopic({
      ...spec,
      partitions: 3,
      config: { 'retention.ms': '7200000' },
    });
    expect(drifted.created).toBe(false);
    expect(drifted.drift).toEqual([
      { setting: 'partitions', expected: '3', actual: '2' },
      { setting: 'retention.ms', expected: '7200000', actual: '3600000' },
    ]);

    const sent = Array.from({ length: 6 }, (_, i) => ({
      key: `k${i}`,
      value: JSON.stringify({ run, i }),
    }));
    const producer = testProducer(kafka);
    await producer.connect();
    try {
      await producer.send({ topic, messages: sent });
    } finally {
      await producer.disconnect();
    }

    const described = await client.describeTopic(topic);
    expect(described.partitions.map(p => p.partition)).toEqual([0, 1]);
    expect(
      described.partitions.reduce(
        (n, p) => n + p.endOffset - p.earliestOffset,
        0,
      ),
    ).toBe(6);

    const tail = await tailTopic(kafka, topic, groupId);
    try {
      await tail.waitFor('all 6 messages consumed', 30_000, m => m.length >= 6);
    } finally {
      await tail.stop(); // commits the consumed offsets
    }
    const received = tail.messages.map(m => ({
      key: m.key,
      value: JSON.stringify(m.value),
    }));
    expect(received.sort((a, b) => a.key!.localeCompare(b.key!))).toEqual(sent);

    const lag = await client.consumerGroupLag(groupId, topic);
    expect(lag.totalLag).toBe(0);
    for (const p of lag.partitions.filter(x => x.endOffset > 0)) {
      expect(p.committedOffset).toBe(p.endOffset);
    }
  });

  it('says so when no broker answers', async () => {
    const nowhere = new KafkaClient({
      brokers: ['127.0.0.1:1'],
      timeoutMs: 20_000,
    });
    const error = await nowhere.describeTopic(topic).catch(e => e);
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error.message).toMatch(
      /^kafka: describeTopic pn-it-kafka-\d+ failed: cannot reach 127\.0\.0\.1:1/,
    );
  });

  it('deletes the topic and reports a second delete as a no-op', async () => {
    await expect(client.deleteTopic(topic)).resolves.toBe(true);
    await expect(client.deleteTopic(topic)).resolves.toBe(false);
  });
});
