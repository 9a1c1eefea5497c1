import { ordersMembers } from '../__testUtils__/ordersLakehouse';
import { buildLineage } from './buildLineage';
import type { LiveStatus, NodeStatus } from './status';
import { pipelineVerdict } from './verdict';

const nodes = buildLineage(ordersMembers).stages.flatMap(s => s.nodes);
const ready = (status: Partial<NodeStatus>): LiveStatus => ({
  state: 'ready',
  status: { health: 'ok', label: 'x', phrase: 'x', ...status },
});
const fresh = ready({
  phrase: 'data 79 s old, SLO 120 s',
  freshness: { ageSeconds: 79, sloSeconds: 120 },
});
const all = {
  'component:default/commerce-mariadb-cdc': ready({
    phrase: 'connector RUNNING',
  }),
  'resource:default/topic-mariadb-commerce-orders': ready({ phrase: 'lag 0' }),
  'component:default/commerce-orders-to-paimon': ready({
    phrase: 'Flink job RUNNING',
  }),
  'resource:default/commerce.orders': fresh,
};
const text = (v: { headline: string; detail: string }) =>
  `${v.headline}: ${v.detail}`;

describe('pipelineVerdict', () => {
  it('is healthy with the age of the data against its SLO', () => {
    expect(text(pipelineVerdict(nodes, all))).toBe(
      'Healthy: data 79 s old, SLO 120 s',
    );
  });

  it('names what is broken, in flow order, even while other nodes load', () => {
    const v = pipelineVerdict(nodes, {
      ...all,
      'component:default/commerce-mariadb-cdc': ready({
        health: 'error',
        phrase: 'connector FAILED',
      }),
      'resource:default/commerce.orders': { state: 'loading' },
    });
    expect([v.tone, text(v)]).toEqual(['error', 'Degraded: connector FAILED']);
  });

  it('waits for every node, then says which ones gave no status', () => {
    expect(
      pipelineVerdict(nodes, {
        ...all,
        'resource:default/commerce.orders': { state: 'loading' },
      }).tone,
    ).toBe('pending');
    const v = pipelineVerdict(nodes, {
      ...all,
      'resource:default/commerce.orders': {
        state: 'unavailable',
        message: 'trino down',
      },
    });
    expect([v.tone, text(v)]).toEqual([
      'warning',
      'Unknown: no status for commerce.orders',
    ]);
  });

  it('says so when no node has a live status', () => {
    expect(pipelineVerdict(nodes, {}).tone).toBe('none');
  });
});
