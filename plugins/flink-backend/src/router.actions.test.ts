import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { jobEntity, startFlinkBackend } from './__testUtils__/testBackend';

const flinkUrl = 'http://flink.test:8081';
const flink = [{ name: 'local', restUrl: flinkUrl }];
const jid = 'dddddddddddddddddddddddddddddddd';
const trigger = 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee';
const server = setupServer(
  http.all(/^http:\/\/localhost:\d+\//, () => passthrough()),
);
registerMswTestHooks(server);
const calls: string[] = [];
server.events.on('request:start', ({ request }) => {
  if (request.url.startsWith(flinkUrl))
    calls.push(`${request.method} ${new URL(request.url).pathname}`);
});
beforeEach(() => {
  calls.length = 0;
  server.use(
    http.get(`${flinkUrl}/jobs/overview`, () =>
      HttpResponse.json({
        jobs: [
          {
            jid,
            name: 'orders',
            state: 'RUNNING',
            'start-time': 1,
            duration: 1,
            tasks: {},
          },
        ],
      }),
    ),
    http.patch(`${flinkUrl}/jobs/${jid}`, () =>
      HttpResponse.json({}, { status: 202 }),
    ),
    http.post(`${flinkUrl}/jobs/${jid}/stop`, () =>
      HttpResponse.json({ 'request-id': trigger }),
    ),
    http.get(`${flinkUrl}/jobs/${jid}/savepoints/${trigger}`, () =>
      HttpResponse.json({
        status: { id: 'COMPLETED' },
        operation: { location: 's3://flink/savepoints/sp-1' },
      }),
    ),
  );
});
const entities = [jobEntity('orders-job', 'orders')];
const cancel = {
  method: 'POST',
  body: { entityRef: 'component:default/orders-job' },
};

describe('flink router: cancel and stop-with-savepoint', () => {
  it('cancels when allowed and audits the job id and outcome', async () => {
    const { call, audits } = await startFlinkBackend({
      entities,
      flink,
      permission: AuthorizeResult.ALLOW,
    });
    const { status, body } = await call('/cancel', cancel);
    expect(status).toBe(200);
    expect(body).toEqual({
      entityRef: 'component:default/orders-job',
      jobName: 'orders',
      jid,
      action: 'cancel',
    });
    expect(calls).toContain(`PATCH /jobs/${jid}`);
    expect(audits).toEqual([
      expect.objectContaining({
        options: expect.objectContaining({
          eventId: 'flink-job-action',
          severityLevel: 'high',
        }),
        outcome: 'success',
        meta: expect.objectContaining({
          action: 'cancel',
          entityRef: 'component:default/orders-job',
          jid,
          outcome: 'done',
        }),
      }),
    ]);
  });

  it('stops with a savepoint and returns its location', async () => {
    const { call, audits } = await startFlinkBackend({
      entities,
      flink,
      permission: AuthorizeResult.ALLOW,
    });
    const { status, body } = await call('/stop-with-savepoint', cancel);
    expect(status).toBe(200);
    expect(body.savepointLocation).toBe('s3://flink/savepoints/sp-1');
    expect(calls).toContain(`POST /jobs/${jid}/stop`);
    expect(audits[0].meta).toMatchObject({
      action: 'stop-with-savepoint',
      jid,
      outcome: 'done',
    });
  });

  it.each(['/cancel', '/stop-with-savepoint'])(
    '%s: a DENY answers 403, calls nothing and is audited',
    async path => {
      const { call, audits } = await startFlinkBackend({
        entities,
        flink,
        permission: AuthorizeResult.DENY,
      });
      const { status } = await call(path, cancel);
      expect(status).toBe(403);
      expect(calls).toEqual([]);
      expect(audits).toEqual([
        expect.objectContaining({
          outcome: 'fail',
          meta: expect.objectContaining({
            outcome: 'denied',
            entityRef: 'component:default/orders-job',
          }),
        }),
      ]);
    },
  );

  it('audits a failed cancel with the job id', async () => {
    server.use(
      http.patch(`${flinkUrl}/jobs/${jid}`, () =>
        HttpResponse.json({ errors: ['boom'] }, { status: 500 }),
      ),
    );
    const { call, audits } = await startFlinkBackend({
      entities,
      flink,
      permission: AuthorizeResult.ALLOW,
    });
    const { status, body } = await call('/cancel', cancel);
    expect(status).toBe(503);
    expect(body.error.message).toContain('flink-rest');
    expect(audits[0]).toMatchObject({
      outcome: 'fail',
      meta: { jid, outcome: 'failed' },
    });
  });

  it.each([
    [{}],
    [{ entityRef: 'component:default/orders-job', jid }],
    [{ entityRef: 42 }],
    [{ entityRef: 'component:default/orders job' }],
  ])('rejects body %j with 400 and calls nothing', async body => {
    const { call, audits } = await startFlinkBackend({
      entities,
      flink,
      permission: AuthorizeResult.ALLOW,
    });
    const res = await call('/cancel', { method: 'POST', body });
    expect(res.status).toBe(400);
    expect(calls).toEqual([]);
    expect(audits).toEqual([]);
  });
});
