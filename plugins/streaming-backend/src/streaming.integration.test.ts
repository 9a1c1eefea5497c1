import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { startStreaming, streamingEntity } from './__testUtils__/backend';

// The local stack (infra/local): its live pipeline and its Connect worker.
const KAFKA = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const CONNECT = process.env.KAFKA_CONNECT_URL ?? 'http://127.0.0.1:8083';

// Annotated like component:default/finance-fact-sink in catalog/pipelines/finance-fact-sink/catalog-info.yaml.
const ordersJob = streamingEntity('finance-fact-sink', {
  'dataplatform.io/kafka-topic': 'finance-fact-sink-my.commerce.orders',
  'dataplatform.io/kafka-consumer-group':
    'flink-finance-fact-sink-finance_fact',
  'dataplatform.io/kafka-connector': 'finance-fact-sink-commerce-mariadb',
});

// A throwaway connector whose task fails on start: a copy of finance-fact-sink-commerce-mariadb (same secrets
// references, so its config validates) whose schema history points at a port where no Kafka
// listens. The task gives up after ~1.5 s; it never reads the binlog.
const broken = `streaming-it-${Date.now()}`;
const brokenEntity = streamingEntity('broken-cdc', {
  'dataplatform.io/kafka-connector': broken,
});

async function connect(path: string, init?: RequestInit) {
  const res = await fetch(`${CONNECT}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json' },
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 500));
  }
}

describe('streaming routes against the local Kafka and Kafka Connect', () => {
  let api: Awaited<ReturnType<typeof startStreaming>>;

  beforeAll(async () => {
    const live = await connect(
      '/connectors/finance-fact-sink-commerce-mariadb/config',
    );
    if (live.status !== 200)
      throw new Error(
        `Kafka Connect at ${CONNECT} has no finance-fact-sink-commerce-mariadb (${live.status}); is infra/local up?`,
      );
    const created = await connect(`/connectors/${broken}/config`, {
      method: 'PUT',
      body: JSON.stringify({
        ...live.body,
        name: broken,
        'topic.prefix': broken,
        'database.server.id': String(90000 + Math.floor(Math.random() * 9000)),
        'snapshot.mode': 'no_data',
        'table.include.list': 'commerce.orders',
        'schema.history.internal.kafka.bootstrap.servers': '127.0.0.1:1',
        'schema.history.internal.kafka.topic': `_schema-history.${broken}`,
        'schema.history.internal.kafka.query.timeout.ms': '1500',
        'schema.history.internal.consumer.default.api.timeout.ms': '1500',
        'schema.history.internal.producer.max.block.ms': '1500',
      }),
    });
    if (created.status !== 201)
      throw new Error(
        `could not create ${broken}: ${created.status} ${JSON.stringify(
          created.body,
        )}`,
      );
    api = await startStreaming({
      entities: [ordersJob, brokenEntity],
      upstreams: { kafkaBrokers: KAFKA, connectUrl: CONNECT },
      extraFeatures: [
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      ],
    });
  }, 30_000);

  afterAll(async () => {
    const deleted = await connect(`/connectors/${broken}`, {
      method: 'DELETE',
    });
    if (![204, 404].includes(deleted.status))
      throw new Error(`could not delete ${broken}: ${deleted.status}`);
  });

  it('describes the topic: partitions with leader and ISR, end offsets, retention', async () => {
    const res = await api.get(
      '/topic?entityRef=component:default/finance-fact-sink',
    );
    expect(res.status).toBe(200);
    const topic = await res.json();
    expect(topic.topic).toBe('finance-fact-sink-my.commerce.orders');
    expect(topic.partitions.length).toBeGreaterThan(0);
    for (const p of topic.partitions) {
      expect(p.replicas).toContain(p.leader);
      expect(p.isr).toContain(p.leader);
      expect(p.endOffset).toBeGreaterThanOrEqual(p.startOffset);
    }
    expect(
      topic.partitions.some((p: { endOffset: number }) => p.endOffset > 0),
    ).toBe(true);
    expect(topic.totalMessages).toBeGreaterThan(0);
    expect(topic.config.cleanupPolicy).toMatch(/delete|compact/);
    expect(topic.config.retentionMs).toEqual(expect.any(Number));
  });

  it("reports the Flink job's consumer lag: committed offsets at most the end offsets", async () => {
    const res = await api.get(
      '/consumer-lag?entityRef=component:default/finance-fact-sink',
    );
    expect(res.status).toBe(200);
    const lag = await res.json();
    expect(lag).toMatchObject({
      groupId: 'flink-finance-fact-sink-finance_fact',
      topic: 'finance-fact-sink-my.commerce.orders',
    });
    // Flink assigns partitions itself: the group has no members but commits on checkpoints.
    expect(['Empty', 'Stable']).toContain(lag.state);
    const committed = lag.partitions.filter(
      (p: { committedOffset: number | null }) => p.committedOffset !== null,
    );
    expect(committed.length).toBeGreaterThan(0);
    for (const p of committed) {
      expect(p.committedOffset).toBeGreaterThan(0);
      expect(p.lag).toBe(p.endOffset - p.committedOffset);
    }
    expect(lag.totalLag).toBe(
      committed.reduce((s: number, p: { lag: number }) => s + p.lag, 0),
    );
  });

  it('shows finance-fact-sink-commerce-mariadb RUNNING with its tasks and worker', async () => {
    const res = await api.get(
      '/connectors?entityRef=component:default/finance-fact-sink',
    );
    expect(res.status).toBe(200);
    const { connectors } = await res.json();
    expect(connectors).toHaveLength(1);
    expect(connectors[0]).toMatchObject({
      name: 'finance-fact-sink-commerce-mariadb',
      state: 'RUNNING',
      type: 'source',
      failedTasks: 0,
    });
    expect(connectors[0].workerId).toMatch(/:\d+$/);
    expect(connectors[0].tasks.length).toBeGreaterThan(0);
    expect(
      connectors[0].tasks.every(
        (t: { state: string }) => t.state === 'RUNNING',
      ),
    ).toBe(true);
  });

  it('shows the failed task of a broken connector with its trace, and restarts it', async () => {
    const failed = await waitFor('the throwaway task to fail', async () => {
      const res = await api.get(
        '/connectors?entityRef=component:default/broken-cdc',
      );
      const c = (await res.json()).connectors?.[0];
      return c?.failedTasks > 0 ? c : undefined;
    });
    expect(failed.tasks[0]).toMatchObject({ id: 0, state: 'FAILED' });
    expect(failed.tasks[0].trace).toMatch(/Exception/);

    const res = await api.post('/connectors/restart-failed', {
      entityRef: 'component:default/broken-cdc',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      restarted: [{ connector: broken, tasks: [0], connectorRestarted: false }],
    });
  }, 90_000);

  it('answers within 5 s naming Kafka when no broker listens', async () => {
    const down = await startStreaming({
      entities: [ordersJob],
      upstreams: {
        kafkaBrokers: ['127.0.0.1:1'],
        connectUrl: 'http://127.0.0.1:1',
      },
    });
    for (const path of ['/topic', '/consumer-lag', '/connectors']) {
      const started = Date.now();
      const res = await down.get(
        `${path}?entityRef=component:default/finance-fact-sink`,
      );
      expect(res.status).toBe(503);
      expect((await res.json()).error.message).toMatch(/kafka/);
      expect(Date.now() - started).toBeLessThan(5000);
    }
  }, 30_000);
});
