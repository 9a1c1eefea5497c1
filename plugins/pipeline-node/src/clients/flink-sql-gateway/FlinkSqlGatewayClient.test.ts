import { http, HttpResponse } from 'msw';
import {
  extractJobId,
  FlinkSqlGatewayClient,
  redactSql,
} from './FlinkSqlGatewayClient';
import {
  InvalidIdentifierError,
  QueryError,
  UpstreamError,
  UpstreamTimeoutError,
} from '../../lib/errors';
import { caught, setupMsw } from '../../__testUtils__/msw';

const base = 'http://gateway.test:8090';
const sh = 'a26cd7d3-7ef8-4163-93b0-dc8389ffa84a';
const oh = '2100ad1b-9903-45ab-ab27-1023520ac103';
const jobId = '3fe32d44beba994ded14f11c50e03b0b';
const { server, requests } = setupMsw();
const client = new FlinkSqlGatewayClient({ baseUrl: base, timeoutMs: 500 });
const opts = { pollIntervalMs: 1 };

const resultUri = (token: number) =>
  `/v2/sessions/${sh}/operations/${oh}/result/${token}?rowFormat=JSON`;
const columns = [
  { name: 'id', logicalType: { type: 'INTEGER', nullable: false } },
  { name: 'status', logicalType: { type: 'VARCHAR', nullable: true } },
];

/** Serves the given result pages in order for tokens 0, 1, 2, … */
function pages(
  ...bodies: Array<Record<string, unknown> | ((token: number) => Response)>
) {
  return http.get(
    `${base}/v2/sessions/${sh}/operations/${oh}/result/:token`,
    ({ params, request }) => {
      expect(new URL(request.url).searchParams.get('rowFormat')).toBe('JSON');
      const token = Number(params.token);
      const body = bodies[Math.min(token, bodies.length - 1)];
      return typeof body === 'function' ? body(token) : HttpResponse.json(body);
    },
  );
}

const submit = (check?: (body: any) => void) =>
  http.post(`${base}/v2/sessions/${sh}/statements`, async ({ request }) => {
    check?.(await request.json());
    return HttpResponse.json({ operationHandle: oh });
  });

describe('FlinkSqlGatewayClient', () => {
  it('opens and closes a session with properties', async () => {
    server.use(
      http.post(`${base}/v2/sessions`, async ({ request }) => {
        expect(await request.json()).toEqual({
          sessionName: 'deploy',
          properties: { 'execution.runtime-mode': 'streaming' },
        });
        return HttpResponse.json({ sessionHandle: sh });
      }),
      http.delete(`${base}/v2/sessions/${sh}`, () =>
        HttpResponse.json({ status: 'CLOSED' }),
      ),
    );
    const handle = await client.openSession({
      sessionName: 'deploy',
      properties: { 'execution.runtime-mode': 'streaming' },
    });
    expect(handle).toBe(sh);
    await client.closeSession(handle);
    expect(requests.map(r => r.method)).toEqual(['POST', 'DELETE']);
  });

  it('waits through NOT_READY and pages PAYLOAD until EOS', async () => {
    let notReadyOnce = 1;
    server.use(
      submit(body =>
        expect(body).toEqual({
          statement: 'SELECT id, status FROM t',
          executionConfig: { 'pipeline.name': 'q' },
        }),
      ),
      pages(
        // token 0: NOT_READY on the first fetch (same token again), then an empty PAYLOAD
        token =>
          token === 0 && notReadyOnce-- > 0
            ? HttpResponse.json({
                resultType: 'NOT_READY',
                nextResultUri: resultUri(0),
              })
            : HttpResponse.json({
                resultType: 'PAYLOAD',
                resultKind: 'SUCCESS_WITH_CONTENT',
                results: { columns, data: [] },
                nextResultUri: resultUri(1),
              }),
        {
          resultType: 'PAYLOAD',
          results: {
            columns,
            data: [
              { kind: 'INSERT', fields: [1, 'NEW'] },
              { kind: 'INSERT', fields: [2, 'PAID'] },
            ],
          },
          nextResultUri: resultUri(2),
        },
        {
          resultType: 'EOS',
          results: { columns, data: [] },
          nextResultUri: null,
        },
      ),
    );
    const result = await client.executeStatement(
      sh,
      'SELECT id, status FROM t',
      { ...opts, executionConfig: { 'pipeline.name': 'q' } },
    );
    expect(result.columns.map(c => c.name)).toEqual(['id', 'status']);
    expect(result.rows).toEqual([
      [1, 'NEW'],
      [2, 'PAID'],
    ]);
    expect(result.rowKinds).toEqual(['INSERT', 'INSERT']);
    expect(result.truncated).toBe(false);
  });

  it('returns the job id of an INSERT', async () => {
    server.use(
      submit(),
      pages(
        {
          resultType: 'PAYLOAD',
          resultKind: 'SUCCESS_WITH_CONTENT',
          jobID: jobId,
          results: {
            columns: [
              {
                name: 'job id',
                logicalType: { type: 'VARCHAR', nullable: false },
              },
            ],
            data: [{ kind: 'INSERT', fields: [jobId] }],
          },
          nextResultUri: resultUri(1),
        },
        { resultType: 'EOS', jobID: jobId, results: { columns: [], data: [] } },
      ),
    );
    const result = await client.executeStatement(
      sh,
      'INSERT INTO t SELECT * FROM s',
      opts,
    );
    expect(extractJobId(result)).toBe(jobId);
    expect(extractJobId({ ...result, jobId: undefined })).toBe(jobId);
  });

  it('surfaces the gateway errors array as a QueryError, secrets redacted', async () => {
    const sql =
      "CREATE CATALOG lake WITH ('type'='paimon', 's3.secret-key'='hunter2', 'warehouse'='s3://x')";
    server.use(
      submit(),
      pages(() =>
        HttpResponse.json(
          {
            errors: [
              'Internal server error.',
              "<Exception on server side:\norg.apache.flink.table.gateway.api.utils.SqlGatewayException: Failed to fetchResults.\nCaused by: org.apache.flink.table.api.ValidationException: Unable to create catalog 'lake' with 's3.secret-key'='hunter2'\n>",
            ],
          },
          { status: 500 },
        ),
      ),
    );
    const error = (await caught(() =>
      client.executeStatement(sh, sql, opts),
    )) as QueryError;
    expect(error).toBeInstanceOf(QueryError);
    expect(error.upstreamCode).toBe('ValidationException');
    expect(error.message).toMatch(
      /^flink-sql-gateway: statement "CREATE CATALOG lake WITH .*" failed \(500\): ValidationException: Unable to create catalog 'lake'/,
    );
    expect(error.message).not.toContain('hunter2');
  });

  it('stops at maxRows and closes the operation', async () => {
    const closed = jest.fn();
    server.use(
      submit(),
      pages(token =>
        HttpResponse.json({
          resultType: 'PAYLOAD',
          results: {
            columns,
            data: [{ kind: 'INSERT', fields: [token, 'x'] }],
          },
          nextResultUri: resultUri(token + 1),
        }),
      ),
      http.delete(`${base}/v2/sessions/${sh}/operations/${oh}/close`, () => {
        closed();
        return HttpResponse.json({ status: 'CLOSED' });
      }),
    );
    const result = await client.executeStatement(
      sh,
      'SELECT * FROM unbounded',
      { ...opts, maxRows: 3 },
    );
    expect(result.rows).toEqual([
      [0, 'x'],
      [1, 'x'],
      [2, 'x'],
    ]);
    expect(result.truncated).toBe(true);
    expect(closed).toHaveBeenCalledTimes(1);
  });

  it('times out waiting for results, closes the operation and says so', async () => {
    const closed = jest.fn();
    server.use(
      submit(),
      pages({ resultType: 'NOT_READY', nextResultUri: resultUri(0) }),
      http.delete(`${base}/v2/sessions/${sh}/operations/${oh}/close`, () => {
        closed();
        return HttpResponse.json({ status: 'CLOSED' });
      }),
    );
    const error = await caught(() =>
      client.executeStatement(sh, 'SELECT 1', {
        pollIntervalMs: 10,
        waitTimeoutMs: 80,
      }),
    );
    expect(error).toBeInstanceOf(UpstreamTimeoutError);
    expect(error.message).toBe(
      'flink-sql-gateway: statement "SELECT 1" timed out after 80 ms',
    );
    expect(closed).toHaveBeenCalled();
  });

  it('refuses a nextResultUri outside the operation', async () => {
    server.use(
      submit(),
      pages({
        resultType: 'NOT_READY',
        nextResultUri: '/v2/sessions/other/operations/x/result/0',
      }),
    );
    const error = await caught(() =>
      client.executeStatement(sh, 'SELECT 1', opts),
    );
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.message).toContain('unexpected nextResultUri');
  });

  it('runs statements in one session and closes it even when one fails', async () => {
    const statements: string[] = [];
    let closed = 0;
    server.use(
      http.post(`${base}/v2/sessions`, () =>
        HttpResponse.json({ sessionHandle: sh }),
      ),
      submit(body => statements.push(body.statement)),
      pages(() =>
        statements.length < 2
          ? HttpResponse.json({
              resultType: 'EOS',
              resultKind: 'SUCCESS',
              results: { columns: [], data: [] },
            })
          : HttpResponse.json(
              {
                errors: [
                  'org.apache.flink.table.api.SqlParserException: SQL parse failed.',
                ],
              },
              { status: 500 },
            ),
      ),
      http.delete(`${base}/v2/sessions/${sh}`, () => {
        closed++;
        return HttpResponse.json({ status: 'CLOSED' });
      }),
    );
    const error = await caught(() =>
      client.runStatements(["SET 'a' = 'b'", 'SELEC x', 'SELECT 1'], opts),
    );
    expect(error).toBeInstanceOf(QueryError);
    expect(error.message).toContain('SqlParserException: SQL parse failed.');
    expect(statements).toEqual(["SET 'a' = 'b'", 'SELEC x']);
    expect(closed).toBe(1);
  });

  it.each(['', 'not-a-uuid', `${sh}/../x`])(
    'rejects session handle %j before any request',
    async bad => {
      await expect(
        client.executeStatement(bad, 'SELECT 1'),
      ).rejects.toBeInstanceOf(InvalidIdentifierError);
      await expect(client.closeSession(bad)).rejects.toBeInstanceOf(
        InvalidIdentifierError,
      );
      expect(requests).toHaveLength(0);
    },
  );

  it('redacts credential options in SQL', () => {
    expect(
      redactSql(
        "WITH ('s3.access-key' = 'AK', 's3.secret-key'='SK', 'password'='p''w', 'bucket'='1')",
      ),
    ).toBe(
      "WITH ('s3.access-key' = '***', 's3.secret-key'='***', 'password'='***', 'bucket'='1')",
    );
  });
});
