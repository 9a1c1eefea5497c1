import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { jobEntity, startFlinkBackend } from './__testUtils__/testBackend';

const flinkUrl = 'http://flink.test:8081';
const flink = [
  { name: 'local', restUrl: flinkUrl, dashboardUrl: 'http://dash.test:8081/' },
];
const running = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const older = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const stray = 'cccccccccccccccccccccccccccccccc';
const src = '11111111111111111111111111111111';
const sink = '22222222222222222222222222222222';

const server = setupServer(
  // The test talks to its own backend over real HTTP.
  http.all(/^http:\/\/localhost:\d+\//, () => passthrough()),
);
registerMswTestHooks(server);
const flinkRequests: Request[] = [];
server.events.on('request:start', ({ request }) => {
  if (request.url.startsWith(flinkUrl)) flinkRequests.push(request);
});
beforeEach(() => {
  flinkRequests.length = 0;
});

const job = (jid: string, name: string, state: string, start: number) => ({
  jid,
  name,
  state,
  'start-time': start,
  'end-time': -1,
  duration: 1000,
  'last-modification': start,
  tasks: {},
});

/** A cluster with a RUNNING orders job (plus an older cancelled run) and one job nobody claims. */
function fakeFlink() {
  const now = Date.now();
  server.use(
    http.get(`${flinkUrl}/jobs/overview`, () =>
      HttpResponse.json({
        jobs: [
          job(older, 'orders', 'CANCELED', now - 90_000),
          job(running, 'orders', 'RUNNING', now - 60_000),
          job(stray, 'adhoc-job', 'RUNNING', now - 30_000),
        ],
      }),
    ),
    http.get(`${flinkUrl}/jobs/${running}`, () =>
      HttpResponse.json({
        jid: running,
        name: 'orders',
        state: 'RUNNING',
        'start-time': now - 60_000,
        duration: 60_000,
        vertices: [
          {
            id: src,
            name: 'Source: orders',
            parallelism: 2,
            status: 'RUNNING',
          },
          {
            id: sink,
            name: 'Writer : orders',
            parallelism: 1,
            status: 'RUNNING',
          },
        ],
        plan: { nodes: [{ id: sink, inputs: [{ id: src }] }, { id: src }] },
      }),
    ),
    http.get(`${flinkUrl}/jobs/${running}/checkpoints`, () =>
      HttpResponse.json({
        counts: {
          total: 5,
          in_progress: 0,
          completed: 4,
          failed: 1,
          restored: 0,
        },
        latest: {
          completed: {
            id: 5,
            status: 'COMPLETED',
            latest_ack_timestamp: now - 10_000,
            end_to_end_duration: 120,
            checkpointed_size: 5200,
          },
          failed: null,
          savepoint: null,
          restored: null,
        },
        history: [5, 4, 3, 2].map(id => ({
          id,
          status: 'COMPLETED',
          latest_ack_timestamp: now - id * 1000,
          end_to_end_duration: id,
          checkpointed_size: 100,
        })),
      }),
    ),
    http.get(`${flinkUrl}/jobs/${running}/metrics`, () =>
      HttpResponse.json([{ id: 'numRestarts', value: '2' }]),
    ),
    http.get(`${flinkUrl}/jobs/${running}/exceptions`, () =>
      HttpResponse.json({
        exceptionHistory: {
          entries: [
            {
              exceptionName: 'java.io.IOException: broken pipe',
              stacktrace: 'java.io.IOException\n\tat a.b(C.java:1)',
              timestamp: now - 5000,
              taskName: 'Writer',
            },
          ],
          truncated: false,
        },
      }),
    ),
    http.get(
      `${flinkUrl}/jobs/${running}/vertices/:vid/backpressure`,
      ({ params }) =>
        HttpResponse.json(
          params.vid === src
            ? {
                status: 'ok',
                backpressureLevel: 'high',
                subtasks: [
                  {
                    subtask: 0,
                    backpressureLevel: 'high',
                    ratio: 0.8,
                    busyRatio: 0.1,
                  },
                ],
              }
            : {
                status: 'ok',
                backpressureLevel: 'ok',
                subtasks: [
                  {
                    subtask: 0,
                    backpressureLevel: 'ok',
                    ratio: 0,
                    busyRatio: 0.9,
                  },
                ],
              },
        ),
    ),
    http.get(
      `${flinkUrl}/jobs/${running}/vertices/:vid/subtasks/metrics`,
      ({ params }) =>
        HttpResponse.json([
          { id: 'numRecordsInPerSecond', sum: params.vid === src ? 10 : 12 },
          { id: 'numRecordsOutPerSecond', sum: params.vid === src ? 12 : 0 },
        ]),
    ),
  );
}

const entities = [
  jobEntity('orders-job', 'orders'),
  jobEntity('ghost-job', 'never-deployed'),
  jobEntity('plain-service'),
];

describe('flink router', () => {
  it('summarises the RUNNING run of the entity’s job', async () => {
    fakeFlink();
    const { call } = await startFlinkBackend({ entities, flink });
    const { status, body } = await call(
      '/summary?entityRef=component:default/orders-job',
    );
    expect(status).toBe(200);
    expect(body.status).toBe('deployed');
    expect(body.job).toMatchObject({
      jid: running,
      state: 'RUNNING',
      restarts: 2,
      failedCheckpoints: 1,
      completedCheckpoints: 4,
      backpressure: 'high',
      recordsInPerSecond: 10,
      recordsOutPerSecond: 12,
      otherRuns: 1,
      lastCheckpoint: { id: 5, durationMs: 120, sizeBytes: 5200 },
      dashboardUrl: `http://dash.test:8081/#/job/running/${running}/overview`,
    });
    expect(body.job.lastCheckpoint.ageMs).toBeGreaterThanOrEqual(10_000);
  });

  it('answers "not deployed" when the annotated name matches no job', async () => {
    fakeFlink();
    const { call } = await startFlinkBackend({ entities, flink });
    const { status, body } = await call(
      '/summary?entityRef=component:default/ghost-job',
    );
    expect(status).toBe(200);
    expect(body).toEqual(
      expect.objectContaining({
        status: 'not-deployed',
        jobName: 'never-deployed',
        instance: 'local',
      }),
    );
  });

  it('returns details: vertices, the last N checkpoints and exceptions', async () => {
    fakeFlink();
    const { call } = await startFlinkBackend({ entities, flink });
    const { status, body } = await call(
      '/details?entityRef=component:default/orders-job&checkpoints=2',
    );
    expect(status).toBe(200);
    expect(body.details.vertices).toEqual([
      expect.objectContaining({
        id: src,
        parallelism: 2,
        backpressure: 'high',
        backpressureRatio: 0.8,
      }),
      expect.objectContaining({ id: sink, backpressure: 'ok', busyRatio: 0.9 }),
    ]);
    expect(body.details.checkpoints.history.map((c: any) => c.id)).toEqual([
      5, 4,
    ]);
    expect(body.details.exceptions.entries[0]).toMatchObject({
      exceptionName: 'java.io.IOException: broken pipe',
      taskName: 'Writer',
    });
  });

  it.each([
    ['/summary', /entityRef/],
    ['/summary?entityRef=', /entityRef/],
    [
      '/summary?entityRef=component:default/orders-job&jobName=other',
      /jobName/,
    ],
    ['/summary?entityRef=component:default/../x', /entityRef must look like/],
    [
      '/details?entityRef=component:default/orders-job&checkpoints=0',
      /checkpoints/,
    ],
    [
      '/details?entityRef=component:default/orders-job&exceptions=abc',
      /exceptions/,
    ],
    ['/fleet?all=1', /all/],
  ])('rejects %s with 400 before calling Flink', async (path, message) => {
    fakeFlink();
    const { call } = await startFlinkBackend({ entities, flink });
    const { status, body } = await call(path);
    expect(status).toBe(400);
    expect(body.error.message).toMatch(message);
    expect(flinkRequests).toHaveLength(0);
  });

  it('tells how to add the annotation when the entity has none', async () => {
    const { call } = await startFlinkBackend({ entities, flink });
    const { status, body } = await call(
      '/summary?entityRef=component:default/plain-service',
    );
    expect(status).toBe(400);
    expect(body.error.message).toContain(
      'dataplatform.io/flink-job-name: <job name>',
    );
  });

  it('answers 503 naming flink-rest when the cluster is unreachable', async () => {
    server.use(
      http.get(`${flinkUrl}/jobs/overview`, () => HttpResponse.error()),
    );
    const { call } = await startFlinkBackend({ entities, flink });
    const { status, body } = await call(
      '/summary?entityRef=component:default/orders-job',
    );
    expect(status).toBe(503);
    expect(body.error.message).toMatch(
      /^flink-rest: GET \/jobs\/overview failed: cannot reach http:\/\/flink.test:8081/,
    );
  });

  it('maps the fleet to claiming entities, unclaimed jobs and missing ones', async () => {
    fakeFlink();
    const { call } = await startFlinkBackend({ entities, flink });
    const { status, body } = await call('/fleet');
    expect(status).toBe(200);
    expect(body.instances).toEqual([
      expect.objectContaining({ name: 'local', jobCount: 3 }),
    ]);
    const byJid = Object.fromEntries(body.jobs.map((j: any) => [j.jid, j]));
    expect(byJid[running].claimedBy).toEqual([
      {
        entityRef: 'component:default/orders-job',
        owner: 'group:default/data-platform-team',
      },
    ]);
    expect(byJid[stray].claimedBy).toEqual([]);
    expect(byJid[older].dashboardUrl).toBe(
      `http://dash.test:8081/#/job/completed/${older}/overview`,
    );
    expect(body.jobs.map((j: any) => j.state)).toEqual([
      'RUNNING',
      'RUNNING',
      'CANCELED',
    ]);
    expect(body.missing).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/ghost-job',
        jobName: 'never-deployed',
      }),
    ]);
  });
});
