import type { ConnectorStatusView } from '@internal/backstage-plugin-pipeline-common';
import { member, ordersMembers } from '../__testUtils__/ordersLakehouse';
import {
  connectorsStatus,
  consumerLagStatus,
  flinkJobStatus,
  freshnessStatus,
  probeOf,
} from './status';

const connector = (c: Partial<ConnectorStatusView>): ConnectorStatusView => ({
  name: 'commerce-mariadb',
  state: 'RUNNING',
  tasks: [{ id: 0, state: 'RUNNING' }],
  failedTasks: 0,
  ...c,
});

describe('probeOf', () => {
  it('gives each node of the demo pipeline the status of what it is', () => {
    expect(ordersMembers.map(m => [m.metadata.name, probeOf(m)])).toEqual([
      ['commerce.orders', 'freshness'],
      ['commerce-orders-to-paimon', 'flink-job'],
      ['topic-mariadb-commerce-orders', 'consumer-lag'],
      ['commerce-mariadb-cdc', 'connectors'],
    ]);
    expect(probeOf(member('Resource', 'doris', 'doris-table'))).toBeUndefined();
  });
});

describe('live status summaries', () => {
  it('Flink: the state, and the age of the last checkpoint from its completion time', () => {
    const now = 1_000_000_000;
    const job = {
      state: 'RUNNING',
      lastCheckpoint: { completedAt: now - 12_400 },
    } as any;
    const answer = {
      status: 'deployed',
      entityRef: 'r',
      jobName: 'j',
      instance: 'local',
      job,
    } as const;
    expect(flinkJobStatus(answer, now)).toMatchObject({
      health: 'ok',
      label: 'RUNNING',
      detail: 'checkpoint 12 s ago',
    });
    expect(
      flinkJobStatus({ ...answer, job: { ...job, state: 'FAILED' } }, now),
    ).toMatchObject({
      health: 'error',
      phrase: 'Flink job FAILED',
    });
    expect(
      flinkJobStatus({
        status: 'not-deployed',
        entityRef: 'r',
        jobName: 'j',
        instance: 'local',
      }),
    ).toMatchObject({
      health: 'error',
      label: 'NOT DEPLOYED',
    });
  });

  it('connectors: the worst of them, failed tasks included', () => {
    expect(
      connectorsStatus({ instance: 'local', connectors: [connector({})] }),
    ).toMatchObject({
      health: 'ok',
      label: 'RUNNING',
      detail: '1/1 tasks running',
    });
    const failedTask = connector({
      tasks: [{ id: 0, state: 'FAILED' }],
      failedTasks: 1,
    });
    expect(
      connectorsStatus({
        instance: 'local',
        connectors: [connector({ name: 'ok' }), failedTask],
      }),
    ).toMatchObject({
      health: 'error',
      label: '1 task FAILED',
      detail: 'commerce-mariadb: 0/1 tasks running (2 connectors)',
    });
    expect(
      connectorsStatus({
        instance: 'local',
        connectors: [connector({ state: 'FAILED' })],
      }).phrase,
    ).toBe('connector FAILED');
    expect(
      connectorsStatus({
        instance: 'local',
        connectors: [connector({ missing: true, state: undefined })],
      }).label,
    ).toBe('NOT DEPLOYED');
  });

  it('consumer lag: the total, and a warning when Kafka does not know the group', () => {
    const lag = {
      instance: 'local',
      groupId: 'g',
      topic: 't',
      state: 'Empty',
      members: 0,
      totalLag: 12345,
      partitions: [],
    };
    expect(consumerLagStatus(lag)).toMatchObject({
      health: 'ok',
      label: 'lag 12,345',
      detail: 'group g (Empty)',
    });
    expect(consumerLagStatus({ ...lag, state: 'Dead' }).health).toBe('warning');
  });

  it('freshness: the age against the SLO, red when breached', () => {
    const base = {
      source: 'column',
      sloSeconds: 120,
      sloSource: 'annotation',
    } as const;
    expect(
      freshnessStatus({ ...base, ageSeconds: 79, withinSlo: true }),
    ).toMatchObject({
      health: 'ok',
      label: '79 s of 120 s SLO',
      phrase: 'data 79 s old, SLO 120 s',
    });
    expect(
      freshnessStatus({
        ...base,
        ageSeconds: 600,
        withinSlo: false,
        sloSource: 'default',
      }),
    ).toMatchObject({
      health: 'error',
      label: '10 min of 120 s SLO',
      detail: 'breaches the default SLO',
    });
    expect(freshnessStatus(base).label).toBe('NO DATA YET');
  });
});
