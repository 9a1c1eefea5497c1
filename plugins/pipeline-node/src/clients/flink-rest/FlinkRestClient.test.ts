import { http, HttpResponse, delay } from 'msw';
import { FlinkRestClient } from './FlinkRestClient';
import { readFlinkErrors } from './flinkErrors';
import {
  InvalidIdentifierError,
  NotFoundError,
  UpstreamError,
  UpstreamTimeoutError,
} from '../../lib/errors';
import { caught, setupMsw } from '../../__testUtils__/msw';

const base = 'http://flink.test:8081';
const jid = '7933aa07dab51d2ccac82bdee47cef1d';
const vid = 'cbc357ccb763df2852fee8c4fc7d55f2';
const trigger = '0123456789abcdef0123456789abcdef';
const { server, requests } = setupMsw();
const client = new FlinkRestClient({ baseUrl: `${base}/`, timeoutMs: 500 });

// Shape of a real Flink 2.0 error body (trimmed stack trace).
const notFound = {
  errors: [
    `org.apache.flink.runtime.rest.NotFoundException: Job ${jid} not found\n\tat org.apache.flink.runtime.rest.handler.job.AbstractExecutionGraphHandler.lambda$handleRequest$1(AbstractExecutionGraphHandler.java:99)\nCaused by: org.apache.flink.runtime.messages.FlinkJobNotFoundException: Could not find Flink job (${jid})\n\tat x.y(Z.java:1)\n`,
  ],
};

describe('FlinkRestClient', () => {
  it('reads the cluster overview and the job list', async () => {
    server.use(
      http.get(`${base}/overview`, () =>
        HttpResponse.json({
          taskmanagers: 1,
          'slots-total': 4,
          'slots-available': 3,
          'jobs-running': 1,
          'flink-version': '2.0.0',
        }),
      ),
      http.get(`${base}/jobs/overview`, () =>
        HttpResponse.json({
          jobs: [
            {
              jid,
              name: 'orders',
              state: 'RUNNING',
              'start-time': 1,
              'end-time': -1,
              duration: 5,
              tasks: { running: 2 },
            },
          ],
        }),
      ),
    );
    expect((await client.overview())['slots-available']).toBe(3);
    expect(await client.listJobs()).toEqual([
      expect.objectContaining({ jid, state: 'RUNNING' }),
    ]);
  });

  it('reads the global job parameters, as strings, and none as empty', async () => {
    server.use(
      http.get(`${base}/jobs/${jid}/config`, () =>
        HttpResponse.json({
          jid,
          name: 'orders',
          'execution-config': {
            'execution-mode': 'PIPELINED',
            'user-config': { 'dataplatform.spec-digest': 'abc123', n: 7 },
          },
        }),
      ),
      http.get(`${base}/jobs/${'f'.repeat(32)}/config`, () =>
        HttpResponse.json({ jid, name: 'x', 'execution-config': {} }),
      ),
    );
    await expect(client.jobParameters(jid)).resolves.toEqual({
      'dataplatform.spec-digest': 'abc123',
      n: '7',
    });
    await expect(client.jobParameters('f'.repeat(32))).resolves.toEqual({});
  });

  it('reads job details, checkpoints, exceptions and backpressure', async () => {
    server.use(
      http.get(`${base}/jobs/${jid}`, () =>
        HttpResponse.json({
          jid,
          name: 'orders',
          state: 'RUNNING',
          vertices: [
            { id: vid, name: 'Source', parallelism: 1, status: 'RUNNING' },
          ],
        }),
      ),
      http.get(`${base}/jobs/${jid}/checkpoints`, () =>
        HttpResponse.json({
          counts: {
            total: 3,
            in_progress: 0,
            completed: 3,
            failed: 0,
            restored: 0,
          },
          latest: {
            completed: {
              id: 3,
              status: 'COMPLETED',
              latest_ack_timestamp: 99,
              external_path: 's3://flink/checkpoints/x/chk-3',
            },
            failed: null,
            savepoint: null,
            restored: null,
          },
        }),
      ),
      http.get(`${base}/jobs/${jid}/exceptions`, ({ request }) => {
        expect(new URL(request.url).searchParams.get('maxExceptions')).toBe(
          '5',
        );
        return HttpResponse.json({
          exceptionHistory: {
            entries: [
              {
                exceptionName: 'java.io.IOException',
                stacktrace: '…',
                timestamp: 1,
              },
            ],
            truncated: false,
          },
        });
      }),
      http.get(`${base}/jobs/${jid}/vertices/${vid}/backpressure`, () =>
        HttpResponse.json({
          status: 'ok',
          backpressureLevel: 'low',
          subtasks: [{ subtask: 0, backpressureLevel: 'low', ratio: 0.2 }],
        }),
      ),
    );
    expect((await client.job(jid)).vertices[0].id).toBe(vid);
    expect(
      (await client.checkpoints(jid)).latest.completed?.latest_ack_timestamp,
    ).toBe(99);
    expect(
      (await client.exceptions(jid, 5)).exceptionHistory.entries,
    ).toHaveLength(1);
    expect((await client.backpressure(jid, vid)).backpressureLevel).toBe('low');
  });

  it('turns the bare metrics array of string values into numbers', async () => {
    server.use(
      http.get(`${base}/jobs/${jid}/metrics`, ({ request }) => {
        expect(new URL(request.url).searchParams.get('get')).toBe(
          'numRestarts,lastCheckpointDuration',
        );
        return HttpResponse.json([
          { id: 'numRestarts', value: '3' },
          { id: 'lastCheckpointDuration', value: '695' },
        ]);
      }),
    );
    expect(
      await client.metrics(jid, ['numRestarts', 'lastCheckpointDuration']),
    ).toEqual({
      numRestarts: 3,
      lastCheckpointDuration: 695,
    });
  });

  it('reads aggregated subtask metrics of a vertex', async () => {
    server.use(
      http.get(
        `${base}/jobs/${jid}/vertices/${vid}/subtasks/metrics`,
        ({ request }) => {
          const q = new URL(request.url).searchParams;
          expect(q.get('get')).toBe(
            'numRecordsInPerSecond,numRecordsOutPerSecond',
          );
          expect(q.get('agg')).toBe('sum');
          return HttpResponse.json([
            { id: 'numRecordsInPerSecond', sum: 0.25 },
            { id: 'numRecordsOutPerSecond', sum: 'NaN' },
          ]);
        },
      ),
    );
    expect(
      await client.vertexMetrics(jid, vid, [
        'numRecordsInPerSecond',
        'numRecordsOutPerSecond',
      ]),
    ).toEqual({ numRecordsInPerSecond: 0.25 });
    await expect(
      client.vertexMetrics(jid, '../x', ['numRecordsInPerSecond']),
    ).rejects.toBeInstanceOf(InvalidIdentifierError);
  });

  it('cancels with PATCH ?mode=cancel', async () => {
    server.use(
      http.patch(`${base}/jobs/${jid}`, ({ request }) => {
        expect(new URL(request.url).searchParams.get('mode')).toBe('cancel');
        return HttpResponse.json({}, { status: 202 });
      }),
    );
    await client.cancel(jid);
    expect(requests).toHaveLength(1);
  });

  it('stops with a savepoint and polls until it completes', async () => {
    let polls = 0;
    server.use(
      http.post(`${base}/jobs/${jid}/stop`, async ({ request }) => {
        expect(await request.json()).toEqual({
          targetDirectory: 's3://flink/savepoints',
          drain: false,
        });
        return HttpResponse.json({ 'request-id': trigger }, { status: 202 });
      }),
      http.get(`${base}/jobs/${jid}/savepoints/${trigger}`, () =>
        ++polls < 3
          ? HttpResponse.json({ status: { id: 'IN_PROGRESS' } })
          : HttpResponse.json({
              status: { id: 'COMPLETED' },
              operation: { location: 's3://flink/savepoints/savepoint-1' },
            }),
      ),
    );
    const sp = await client.stopWithSavepoint(jid, {
      targetDirectory: 's3://flink/savepoints',
      pollIntervalMs: 5,
    });
    expect(sp.location).toBe('s3://flink/savepoints/savepoint-1');
    expect(polls).toBe(3);
  });

  it("reports a failed savepoint with Flink's cause", async () => {
    server.use(
      http.post(`${base}/jobs/${jid}/stop`, () =>
        HttpResponse.json({ 'request-id': trigger }),
      ),
      http.get(`${base}/jobs/${jid}/savepoints/${trigger}`, () =>
        HttpResponse.json({
          status: { id: 'COMPLETED' },
          operation: {
            'failure-cause': {
              class: 'java.util.concurrent.CompletionException',
              'stack-trace':
                'java.util.concurrent.CompletionException: x\nCaused by: org.apache.flink.runtime.checkpoint.CheckpointException: Checkpoint Coordinator is suspending.\n\tat a.b(C.java:1)',
            },
          },
        }),
      ),
    );
    const error = await caught(() =>
      client.stopWithSavepoint(jid, { pollIntervalMs: 5 }),
    );
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.message).toContain(
      'CheckpointException: Checkpoint Coordinator is suspending.',
    );
  });

  it('gives up waiting for a savepoint after waitTimeoutMs', async () => {
    server.use(
      http.post(`${base}/jobs/${jid}/stop`, () =>
        HttpResponse.json({ 'request-id': trigger }),
      ),
      http.get(`${base}/jobs/${jid}/savepoints/${trigger}`, () =>
        HttpResponse.json({ status: { id: 'IN_PROGRESS' } }),
      ),
    );
    const error = await caught(() =>
      client.stopWithSavepoint(jid, { pollIntervalMs: 10, waitTimeoutMs: 60 }),
    );
    expect(error).toBeInstanceOf(UpstreamTimeoutError);
    expect(error.message).toBe(
      `flink-rest: stop-with-savepoint of job ${jid} timed out after 60 ms`,
    );
  });

  it("maps errors to the first meaningful line of Flink's errors array", async () => {
    server.use(
      http.get(`${base}/jobs/${jid}`, () =>
        HttpResponse.json(notFound, { status: 404 }),
      ),
    );
    const error = await caught(() => client.job(jid));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(
      `flink-rest: GET /jobs/${jid} failed (404): NotFoundException: Job ${jid} not found`,
    );
  });

  it('times out naming the call', async () => {
    server.use(
      http.get(`${base}/overview`, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    const error = await caught(() => client.overview({ timeoutMs: 30 }));
    expect(error.message).toBe(
      'flink-rest: GET /overview timed out after 30 ms',
    );
  });

  it.each(['', 'zz', '../overview', `${jid}/x`, jid.toUpperCase()])(
    'rejects job id %j before any request',
    async bad => {
      await expect(client.job(bad)).rejects.toBeInstanceOf(
        InvalidIdentifierError,
      );
      await expect(client.cancel(bad)).rejects.toBeInstanceOf(
        InvalidIdentifierError,
      );
      await expect(client.backpressure(jid, bad)).rejects.toBeInstanceOf(
        InvalidIdentifierError,
      );
      expect(requests).toHaveLength(0);
    },
  );
});

describe('readFlinkErrors', () => {
  it('skips the SQL Gateway wrappers and keeps the root cause', () => {
    const body = {
      errors: [
        'Internal server error.',
        "<Exception on server side:\norg.apache.flink.table.gateway.api.utils.SqlGatewayException: org.apache.flink.table.gateway.api.utils.SqlGatewayException: Failed to fetchResults.\n\tat a.b(C.java:1)\nCaused by: org.apache.flink.table.gateway.api.utils.SqlGatewayException: Failed to fetchResults.\nCaused by: org.apache.flink.table.gateway.service.utils.SqlExecutionException: Failed to execute the operation a6277172.\nCaused by: org.apache.flink.table.api.ValidationException: SQL validation failed. From line 1, column 15 to line 1, column 18: Object 'nope' not found\nCaused by: org.apache.calcite.runtime.CalciteContextException: From line 1, column 15 to line 1, column 18: Object 'nope' not found\n\nEnd of exception on server side>",
      ],
    };
    expect(readFlinkErrors(body)).toEqual({
      message:
        "ValidationException: SQL validation failed. From line 1, column 15 to line 1, column 18: Object 'nope' not found",
      code: 'ValidationException',
    });
  });

  it('copes with bodies that are not Flink errors', () => {
    expect(readFlinkErrors('oops')).toEqual({});
    expect(readFlinkErrors({ errors: ['plain words'] })).toEqual({
      message: 'plain words',
    });
  });
});
