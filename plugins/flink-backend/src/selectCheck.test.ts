import type { AddressInfo } from 'node:net';
import {
  mockServices,
  registerMswTestHooks,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { fraudSignalsSelect } from '@internal/backstage-plugin-pipeline-common';
import { UpstreamRegistry } from '@internal/backstage-plugin-pipeline-node';
import { http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { ExplainAnswer, fakeSqlGateway } from './__testUtils__/fakeSqlGateway';
import flinkPlugin from './index';
import { SelectCheckService } from './service/SelectCheckService';

const gatewayUrl = 'http://gateway.test:8090';
const flinkConfig = [
  {
    name: 'local',
    restUrl: 'http://flink.test:8081',
    sqlGatewayUrl: gatewayUrl,
    paimonCatalog: { name: 'lake', warehouse: 's3://paimon/warehouse' },
  },
];

const server = setupServer(
  http.all(/^http:\/\/localhost:\d+\//, () => passthrough()),
);
registerMswTestHooks(server);

let explain: ExplainAnswer = { plan: '== Optimized Physical Plan ==\nSink' };
let gateway: ReturnType<typeof fakeSqlGateway>;
beforeEach(() => {
  explain = { plan: '== Optimized Physical Plan ==\nSink' };
  gateway = fakeSqlGateway(server, gatewayUrl, () => explain);
});

const form = {
  name: 'team-fraud',
  owner: 'group:default/risk-team',
  cep: { failedAttempts: 3, windowMinutes: 10 },
};
const request = (select: string, extra: Record<string, unknown> = {}) => ({
  shape: 'fraud-cep',
  params: form,
  table: 'fraud_signals',
  select,
  ...extra,
});

async function startBackend() {
  const backend = await startTestBackend({
    features: [
      flinkPlugin,
      catalogServiceMock.factory({ entities: [] }),
      mockServices.rootConfig.factory({
        data: { dataPlatform: { upstreams: { flink: flinkConfig } } },
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  const post = async (body: unknown) => {
    const res = await fetch(`http://localhost:${port}/api/flink/select-check`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };
  return { backend, post };
}

describe('POST /api/flink/select-check', () => {
  it('plans the SELECT as an INSERT into its table in a scratch database, then drops it', async () => {
    const { post } = await startBackend();
    const select = 'SELECT customer_id, first_failure_at FROM behavior';
    const res = await post(request(select));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'accepted',
      planLines: 2,
      plan: '== Optimized Physical Plan ==\nSink',
    });
    expect(typeof res.body.elapsedMs).toBe('number');
    const explained = gateway.statements.find(s => s.startsWith('EXPLAIN'))!;
    expect(explained).toMatch(
      /^EXPLAIN INSERT INTO `lake`\.`portal_plan_[0-9a-f]{12}`\.`fraud_signals`\nSELECT customer_id, first_failure_at FROM behavior$/,
    );
    // Set up like the job: the scratch tables, the session settings, the behaviour stream.
    expect(gateway.statements).toContainEqual(
      expect.stringMatching(
        /^CREATE TABLE IF NOT EXISTS `lake`\.`portal_plan_[0-9a-f]{12}`\.`fraud_orders`/,
      ),
    );
    expect(gateway.statements).toContainEqual(
      expect.stringContaining(
        'CREATE TEMPORARY TABLE IF NOT EXISTS `behavior`',
      ),
    );
    expect(gateway.statements[gateway.statements.length - 1]).toMatch(
      /^DROP DATABASE IF EXISTS `lake`\.`portal_plan_[0-9a-f]{12}`$/,
    );
  });

  it('checks the shape’s own SELECT for the form’s parameters when the field is empty', async () => {
    const { post } = await startBackend();
    const res = await post(
      request('', { params: { ...form, cep: { failedAttempts: 5 } } }),
    );
    expect(res.body.status).toBe('accepted');
    const explained = gateway.statements.find(s => s.startsWith('EXPLAIN'))!;
    expect(explained.split('\n').slice(1).join('\n')).toBe(
      fraudSignalsSelect({ failedAttempts: 5, windowMinutes: 10 }),
    );
  });

  it('answers the planner’s error at the line and column of the SELECT', async () => {
    explain = {
      planner:
        "org.apache.flink.table.api.ValidationException: SQL validation failed. SQL validation failed. At line 3, column 8: Column 'amont' not found in any table",
    };
    const { post } = await startBackend();
    const res = await post(
      request('SELECT customer_id,\n  first_failure_at,\n  o.amont\nFROM x'),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'rejected',
      scope: 'select',
      message:
        "ValidationException: SQL validation failed. At line 2, column 8: Column 'amont' not found in any table",
      position: { line: 2, column: 8 },
    });
  });

  it('refuses what the spec’s rule refuses at its character, without asking the gateway', async () => {
    const { post } = await startBackend();
    const res = await post(request('SELECT 1\nFROM behavior; DROP TABLE x'));
    expect(res.body).toMatchObject({
      status: 'rejected',
      scope: 'select',
      position: { line: 2, column: 14 },
    });
    expect(res.body.message).toMatch(/must not contain ";"/);
    expect(gateway.statements).toEqual([]);
  });

  it('says when the rest of the form does not make a spec yet, without asking the gateway', async () => {
    const { post } = await startBackend();
    const res = await post(
      request('', { params: { ...form, cep: { windowMinutes: 5000 } } }),
    );
    expect(res.body).toMatchObject({ status: 'rejected', scope: 'form' });
    expect(res.body.message).toMatch(/^cep\.windowMinutes: /);
    expect(gateway.statements).toEqual([]);
  });

  it.each([
    ['an unknown shape', { shape: 'batch' }],
    ['a table name that is no identifier', { table: 'x`; --' }],
    [
      'a SELECT over the size limit',
      { select: `SELECT ${'a,'.repeat(10_001)}1` },
    ],
    ['an unknown field', { sql: 'SELECT 1' }],
  ])('refuses %s with 400, without asking the gateway', async (_, change) => {
    const { post } = await startBackend();
    const res = await post(request('SELECT 1', change));
    expect(res.status).toBe(400);
    expect(gateway.statements).toEqual([]);
  });

  it('refuses a table the shape does not have', async () => {
    const { post } = await startBackend();
    const res = await post(request('', { table: 'inventory_snapshot' }));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /fraud-cep has no derived table or Kafka sink inventory_snapshot; it has: fraud_signals, fraud_alerts/,
    );
  });
});

describe('SelectCheckService limits', () => {
  const registry = () =>
    UpstreamRegistry.fromConfig(
      new ConfigReader({ dataPlatform: { upstreams: { flink: flinkConfig } } }),
    );

  it('answers 503 within its bound when the gateway never finishes, and closes the operation', async () => {
    explain = { hang: true };
    const service = new SelectCheckService(registry(), { timeoutMs: 1500 });
    const started = Date.now();
    await expect(service.check(request('SELECT 1'))).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(/did not plan the SELECT within 2 s/),
    });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(gateway.closedOperations.length).toBe(1);
  });

  it('cancels the gateway work when its caller goes away', async () => {
    explain = { hang: true };
    const service = new SelectCheckService(registry(), { timeoutMs: 20_000 });
    const caller = new AbortController();
    const check = service.check(request('SELECT 1'), caller.signal);
    await new Promise(r => setTimeout(r, 300));
    caller.abort();
    await expect(check).rejects.toThrow(/aborted/);
    expect(gateway.closedOperations.length).toBe(1);
    // The scratch database is still dropped.
    await new Promise(r => setTimeout(r, 200));
    expect(gateway.statements[gateway.statements.length - 1]).toMatch(
      /^DROP DATABASE IF EXISTS/,
    );
  });

  it('plans at most maxConcurrent checks at once, the others wait their turn', async () => {
    const service = new SelectCheckService(registry(), { maxConcurrent: 1 });
    const outcomes = await Promise.all(
      [1, 2, 3].map(() => service.check(request('SELECT 1'))),
    );
    expect(outcomes.map(o => o.status)).toEqual([
      'accepted',
      'accepted',
      'accepted',
    ]);
    expect(gateway.statements.filter(s => s.startsWith('EXPLAIN')).length).toBe(
      3,
    );
    expect(gateway.sessions.mostOpen).toBe(1);
  });
});
