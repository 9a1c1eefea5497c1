import { http, HttpResponse, delay } from 'msw';
import { TrinoClient } from './TrinoClient';
import {
  InvalidIdentifierError,
  QueryError,
  UpstreamAbortedError,
  UpstreamError,
  UpstreamTimeoutError,
} from '../../lib/errors';
import { caught, setupMsw } from '../../__testUtils__/msw';

const base = 'http://trino.test:8085';
const qid = '20261124_070307_00003_fwhy8';
const { server, requests } = setupMsw();
const client = new TrinoClient({
  baseUrl: base,
  user: 'portal',
  catalog: 'lakehouse',
  source: 'backstage',
  timeoutMs: 500,
});

const next = (n: number, host = base) =>
  `${host}/v1/statement/executing/${qid}/y1/${n}`;
const columns = [
  { name: 'id', type: 'bigint' },
  { name: 'status', type: 'varchar' },
];

/** Serves page n of a query at /v1/statement/executing/…/n. */
function executing(page: (n: number) => Record<string, unknown>) {
  return http.get(`${base}/v1/statement/executing/${qid}/y1/:n`, ({ params }) =>
    HttpResponse.json({ id: qid, ...page(Number(params.n)) }),
  );
}

describe('TrinoClient', () => {
  it('follows nextUri until done and returns columns + rows', async () => {
    server.use(
      http.post(`${base}/v1/statement`, async ({ request }) => {
        expect(await request.text()).toBe('SELECT id, status FROM orders');
        expect(request.headers.get('X-Trino-User')).toBe('portal');
        expect(request.headers.get('X-Trino-Catalog')).toBe('lakehouse');
        expect(request.headers.get('X-Trino-Schema')).toBe('commerce');
        expect(request.headers.get('X-Trino-Source')).toBe('backstage');
        return HttpResponse.json({
          id: qid,
          infoUri: `${base}/ui/query.html?${qid}`,
          nextUri: next(1),
          stats: { state: 'QUEUED' },
        });
      }),
      executing(
        n =>
          [
            {},
            { columns, data: [[1, 'NEW']], nextUri: next(2) },
            { columns, data: [[2, 'PAID']], nextUri: next(3) },
            { columns, stats: { state: 'FINISHED' } },
          ][n],
      ),
    );
    const result = await client.query('SELECT id, status FROM orders', {
      schema: 'commerce',
    });
    expect(result).toEqual({
      queryId: qid,
      infoUri: `${base}/ui/query.html?${qid}`,
      columns,
      rows: [
        [1, 'NEW'],
        [2, 'PAID'],
      ],
      truncated: false,
    });
    for (const r of requests)
      expect(r.headers.get('X-Trino-User')).toBe('portal');
  });

  it("raises a QueryError with Trino's errorName", async () => {
    server.use(
      http.post(`${base}/v1/statement`, () =>
        HttpResponse.json({ id: qid, nextUri: next(1) }),
      ),
      executing(() => ({
        stats: { state: 'FAILED' },
        error: {
          message: "line 1:15: Schema 'nope' does not exist",
          errorCode: 45,
          errorName: 'SCHEMA_NOT_FOUND',
          errorType: 'USER_ERROR',
        },
      })),
    );
    const error = (await caught(() =>
      client.query('SELECT * FROM nope.x'),
    )) as QueryError;
    expect(error).toBeInstanceOf(QueryError);
    expect(error).toMatchObject({
      upstreamCode: 'SCHEMA_NOT_FOUND',
      errorType: 'USER_ERROR',
      queryId: qid,
    });
    expect(error.message).toBe(
      `trino: query ${qid} failed: line 1:15: Schema 'nope' does not exist`,
    );
  });

  it('retries 502/503/504', async () => {
    let posts = 0;
    server.use(
      http.post(`${base}/v1/statement`, () =>
        ++posts < 3
          ? new HttpResponse('busy', { status: posts === 1 ? 503 : 502 })
          : HttpResponse.json({ id: qid, columns, data: [[1, 'x']] }),
      ),
    );
    expect((await client.query('SELECT 1')).rows).toEqual([[1, 'x']]);
    expect(posts).toBe(3);
  });

  it('maps a non-retryable HTTP error', async () => {
    server.use(
      http.post(
        `${base}/v1/statement`,
        () =>
          new HttpResponse(
            'Basic authentication or X-Trino-User must be sent',
            { status: 401 },
          ),
      ),
    );
    const error = await caught(() => client.query('SELECT 1'));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.message).toBe(
      'trino: POST /v1/statement failed (401): Basic authentication or X-Trino-User must be sent',
    );
  });

  it('cancels the query with DELETE nextUri when the caller aborts', async () => {
    const deleted = jest.fn();
    server.use(
      http.post(`${base}/v1/statement`, () =>
        HttpResponse.json({ id: qid, nextUri: next(1) }),
      ),
      http.get(
        `${base}/v1/statement/executing/${qid}/y1/:n`,
        async ({ params }) => {
          await delay(30);
          return HttpResponse.json({
            id: qid,
            nextUri: next(Number(params.n) + 1),
          });
        },
      ),
      http.delete(`${base}/v1/statement/executing/${qid}/y1/:n`, () => {
        deleted();
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await caught(() =>
      client.query('SELECT * FROM big', { signal: controller.signal }),
    );
    expect(error).toBeInstanceOf(UpstreamAbortedError);
    expect(deleted).toHaveBeenCalledTimes(1);
  });

  it('times out the whole query, cancels it and says so', async () => {
    const deleted = jest.fn();
    server.use(
      http.post(`${base}/v1/statement`, () =>
        HttpResponse.json({ id: qid, nextUri: next(1) }),
      ),
      executing(n => ({ nextUri: next(n + 1) })),
      http.delete(`${base}/v1/statement/executing/${qid}/y1/:n`, () => {
        deleted();
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const error = await caught(() =>
      client.query('SELECT * FROM big', { waitTimeoutMs: 120 }),
    );
    expect(error).toBeInstanceOf(UpstreamTimeoutError);
    expect(error.message).toBe(`trino: query ${qid} timed out after 120 ms`);
    expect(deleted).toHaveBeenCalled();
  });

  it('times out a single request that hangs', async () => {
    server.use(
      http.post(`${base}/v1/statement`, async () => {
        await delay('infinite');
        return HttpResponse.json({ id: qid });
      }),
    );
    const error = await caught(() =>
      client.query('SELECT 1', { timeoutMs: 40 }),
    );
    expect(error).toBeInstanceOf(UpstreamTimeoutError);
    expect(error.message).toBe(
      'trino: POST /v1/statement timed out after 40 ms',
    );
  });

  it('stays on the configured base when Trino echoes another host in nextUri', async () => {
    server.use(
      http.post(`${base}/v1/statement`, () =>
        HttpResponse.json({
          id: qid,
          nextUri: next(1, 'http://internal-node:8080'),
        }),
      ),
      executing(() => ({ columns, data: [[7, 'x']] })),
    );
    expect((await client.query('SELECT 1')).rows).toEqual([[7, 'x']]);
    expect(requests[1].url).toBe(next(1));
  });

  it('stops at maxRows and cancels the rest', async () => {
    const deleted = jest.fn();
    server.use(
      http.post(`${base}/v1/statement`, () =>
        HttpResponse.json({ id: qid, nextUri: next(1) }),
      ),
      executing(n => ({
        columns,
        data: [
          [n, 'a'],
          [n, 'b'],
        ],
        nextUri: next(n + 1),
      })),
      http.delete(`${base}/v1/statement/executing/${qid}/y1/:n`, () => {
        deleted();
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const result = await client.query('SELECT * FROM big', { maxRows: 3 });
    expect(result.rows).toEqual([
      [1, 'a'],
      [1, 'b'],
      [2, 'a'],
    ]);
    expect(result.truncated).toBe(true);
    expect(deleted).toHaveBeenCalledTimes(1);
  });

  it('trims a last page that holds more than maxRows', async () => {
    server.use(
      http.post(`${base}/v1/statement`, () =>
        HttpResponse.json({
          id: qid,
          columns,
          data: [
            [1, 'a'],
            [2, 'b'],
          ],
        }),
      ),
    );
    const result = await client.query('SELECT * FROM t', { maxRows: 1 });
    expect(result.rows).toEqual([[1, 'a']]);
    expect(result.truncated).toBe(true);
  });

  it('rejects bad identifiers before any request', async () => {
    expect(() => new TrinoClient({ baseUrl: base, user: '' })).toThrow(
      InvalidIdentifierError,
    );
    await expect(
      client.query('SELECT 1', { schema: '../x' }),
    ).rejects.toBeInstanceOf(InvalidIdentifierError);
    await expect(
      client.query('SELECT 1', { catalog: 'a\r\nX-Trino-User: admin' }),
    ).rejects.toBeInstanceOf(InvalidIdentifierError);
    expect(requests).toHaveLength(0);
  });
});
