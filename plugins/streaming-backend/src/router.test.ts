import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { startStreaming, streamingEntity } from './__testUtils__/backend';

const CONNECT = 'http://connect.test';
const server = setupServer();
// The test backend itself is reached over loopback: let that through, answer Connect here.
beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
const connectCalls: string[] = [];
server.events.on('request:start', ({ request }) => {
  if (request.url.startsWith(CONNECT))
    connectCalls.push(`${request.method} ${new URL(request.url).pathname}`);
});

const job = streamingEntity('orders-job', {
  'dataplatform.io/kafka-topic': 'mariadb.commerce.orders',
  'dataplatform.io/kafka-connector': 'orders-cdc, orders-backup',
});
const bare = streamingEntity('plain-service', {});

function auditorWithEvents() {
  const event = { success: jest.fn(), fail: jest.fn() };
  const auditor = mockServices.auditor.mock({
    createEvent: jest.fn().mockResolvedValue(event),
  });
  return { auditor, event };
}

async function start(decision: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
  const { auditor, event } = auditorWithEvents();
  const permissions = mockServices.permissions.mock({
    authorize: jest.fn().mockResolvedValue([{ result: decision }]),
  });
  const api = await startStreaming({
    entities: [job, bare],
    // Port 1: nothing listens; Kafka is not needed by these routes.
    upstreams: { kafkaBrokers: ['127.0.0.1:1'], connectUrl: CONNECT },
    extraFeatures: [auditor.factory, permissions.factory],
  });
  return { api, auditor, event, permissions };
}

const failedStatus = (name: string) => ({
  name,
  type: 'source',
  connector: { state: 'RUNNING', worker_id: 'w1:8083' },
  tasks: [
    { id: 1, state: 'RUNNING', worker_id: 'w1:8083' },
    {
      id: 0,
      state: 'FAILED',
      worker_id: 'w1:8083',
      trace: Array.from({ length: 40 }, (_, i) => `line ${i}`).join('\n'),
    },
  ],
});

beforeEach(() => {
  connectCalls.length = 0;
});

describe('streaming router', () => {
  it.each([
    ['no entityRef', '/topic'],
    [
      'an unknown query parameter',
      '/topic?entityRef=component:default/orders-job&topic=other',
    ],
    ['a malformed ref', '/connectors?entityRef=component:a:b/c/d'],
  ])('answers 400 for %s', async (_, path) => {
    const { api } = await start(AuthorizeResult.ALLOW);
    const res = await api.get(path);
    expect(res.status).toBe(400);
    expect(connectCalls).toEqual([]);
  });

  it('says which annotation to add when the entity has none', async () => {
    const { api } = await start(AuthorizeResult.ALLOW);
    const res = await api.get(
      '/connectors?entityRef=component:default/plain-service',
    );
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toContain(
      'dataplatform.io/kafka-connector',
    );
  });

  it('summarizes each annotated connector; a missing one is marked, traces are cut', async () => {
    server.use(
      http.get(`${CONNECT}/connectors/orders-cdc/status`, () =>
        HttpResponse.json(failedStatus('orders-cdc')),
      ),
      http.get(`${CONNECT}/connectors/orders-backup/status`, () =>
        HttpResponse.json(
          {
            error_code: 404,
            message: 'No status found for connector orders-backup',
          },
          { status: 404 },
        ),
      ),
    );
    const { api } = await start(AuthorizeResult.ALLOW);
    const res = await api.get(
      '/connectors?entityRef=component:default/orders-job',
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.connectors[0]).toMatchObject({
      name: 'orders-cdc',
      state: 'RUNNING',
      workerId: 'w1:8083',
      failedTasks: 1,
    });
    expect(body.connectors[0].tasks.map((t: { id: number }) => t.id)).toEqual([
      0, 1,
    ]);
    expect(body.connectors[0].tasks[0].trace.split('\n')).toHaveLength(9);
    expect(body.connectors[0].tasks[1].trace).toBeUndefined();
    expect(body.connectors[1]).toMatchObject({
      name: 'orders-backup',
      missing: true,
    });
  });

  it('answers 503 naming Kafka Connect when it is down', async () => {
    server.use(
      http.get(`${CONNECT}/connectors/:name/status`, () =>
        HttpResponse.error(),
      ),
    );
    const { api } = await start(AuthorizeResult.ALLOW);
    const res = await api.get(
      '/connectors?entityRef=component:default/orders-job',
    );
    expect(res.status).toBe(503);
    expect((await res.json()).error.message).toMatch(/kafka-connect/);
  });

  it('restarts failed tasks when allowed, audits the attempt with entity and connector', async () => {
    server.use(
      http.post(`${CONNECT}/connectors/orders-cdc/restart`, ({ request }) => {
        const q = new URL(request.url).searchParams;
        expect([q.get('includeTasks'), q.get('onlyFailed')]).toEqual([
          'true',
          'true',
        ]);
        return HttpResponse.json(
          {
            ...failedStatus('orders-cdc'),
            tasks: [
              { id: 0, state: 'RESTARTING' },
              { id: 1, state: 'RUNNING' },
            ],
          },
          { status: 202 },
        );
      }),
    );
    const { api, auditor, event, permissions } = await start(
      AuthorizeResult.ALLOW,
    );
    const res = await api.post('/connectors/restart-failed', {
      entityRef: 'component:default/orders-job',
      connector: 'orders-cdc',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      restarted: [
        { connector: 'orders-cdc', tasks: [0], connectorRestarted: false },
      ],
    });
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        expect.objectContaining({
          permission: expect.objectContaining({
            name: 'dataplatform.connect.task.restart',
          }),
          // The connector itself: the registry resolves it to the pipeline that claims it.
          resourceRef: 'connector:local/orders-cdc',
        }),
      ],
      expect.anything(),
    );
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'connector-task-restart',
        meta: {
          entityRef: 'component:default/orders-job',
          connectors: ['orders-cdc'],
        },
      }),
    );
    expect(event.success).toHaveBeenCalledWith({
      meta: expect.objectContaining({ outcome: 'restarted' }),
    });
  });

  it('answers 403 on DENY, calls nothing on Connect, and audits the denial', async () => {
    const { api, event } = await start(AuthorizeResult.DENY);
    const res = await api.post('/connectors/restart-failed', {
      entityRef: 'component:default/orders-job',
    });
    expect(res.status).toBe(403);
    expect(connectCalls).toEqual([]);
    expect(event.fail).toHaveBeenCalledWith(
      expect.objectContaining({ meta: { outcome: 'denied' } }),
    );
  });

  it.each([
    [
      'a connector the entity does not name',
      {
        entityRef: 'component:default/orders-job',
        connector: 'commerce-postgres',
      },
      400,
    ],
    [
      'an entity without connectors',
      { entityRef: 'component:default/plain-service' },
      400,
    ],
    [
      'extra fields',
      { entityRef: 'component:default/orders-job', url: 'http://evil' },
      400,
    ],
    [
      'an entity that does not exist',
      { entityRef: 'component:default/nope' },
      404,
    ],
  ])('refuses %s without calling Connect', async (_, body, status) => {
    const { api, permissions } = await start(AuthorizeResult.ALLOW);
    const res = await api.post('/connectors/restart-failed', body);
    expect(res.status).toBe(status);
    expect(connectCalls).toEqual([]);
    expect(permissions.authorize).not.toHaveBeenCalled();
  });

  it('answers 503 when Connect fails the restart, and audits the failure', async () => {
    server.use(
      http.post(`${CONNECT}/connectors/:name/restart`, () =>
        HttpResponse.error(),
      ),
    );
    const { api, event } = await start(AuthorizeResult.ALLOW);
    const res = await api.post('/connectors/restart-failed', {
      entityRef: 'component:default/orders-job',
      connector: 'orders-cdc',
    });
    expect(res.status).toBe(503);
    expect(event.fail).toHaveBeenCalledWith(
      expect.objectContaining({ meta: { outcome: 'failed' } }),
    );
  });
});
