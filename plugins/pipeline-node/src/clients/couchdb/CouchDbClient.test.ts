import { delay, http, HttpResponse } from 'msw';
import { CouchDbClient } from './CouchDbClient';
import {
  ConflictError,
  InvalidIdentifierError,
  UpstreamError,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
} from '../../lib/errors';
import { caught, setupMsw } from '../../__testUtils__/msw';

const base = 'http://couch.test:5984';
const { server, requests } = setupMsw();
const client = new CouchDbClient({
  baseUrl: base,
  user: 'admin',
  password: 'secret',
  timeoutMs: 300,
});
const couchError = (status: number, error: string, reason: string) =>
  HttpResponse.json({ error, reason }, { status });
const design = {
  _id: '_design/customer_case',
  language: 'javascript',
  views: {
    customer_case: { map: 'function (doc) { emit(doc.customer_id, null); }' },
  },
};

describe('CouchDbClient', () => {
  it('sends basic auth and reads the database info; a missing database is undefined', async () => {
    server.use(
      http.get(`${base}/customer_case`, () =>
        HttpResponse.json({ db_name: 'customer_case', doc_count: 3 }),
      ),
      http.get(`${base}/nope`, () =>
        couchError(404, 'not_found', 'Database does not exist.'),
      ),
    );
    expect(await client.databaseInfo('customer_case')).toMatchObject({
      doc_count: 3,
    });
    expect(await client.databaseInfo('nope')).toBeUndefined();
    expect(requests[0].headers.get('authorization')).toBe(
      `Basic ${Buffer.from('admin:secret').toString('base64')}`,
    );
  });

  it('creates a database, and says false when it already existed (412)', async () => {
    let exists = false;
    server.use(
      http.put(`${base}/customer_case`, () => {
        if (exists)
          return couchError(
            412,
            'file_exists',
            'The database could not be created, the file already exists.',
          );
        exists = true;
        return HttpResponse.json({ ok: true }, { status: 201 });
      }),
    );
    expect(await client.createDatabase('customer_case')).toBe(true);
    expect(await client.createDatabase('customer_case')).toBe(false);
  });

  it('reads, creates and updates a design document with its _rev', async () => {
    const seen: unknown[] = [];
    server.use(
      http.get(`${base}/customer_case/_design/customer_case`, () =>
        HttpResponse.json({ ...design, _rev: '1-a' }),
      ),
      http.get(`${base}/customer_case/_design/missing`, () =>
        couchError(404, 'not_found', 'missing'),
      ),
      http.put(
        `${base}/customer_case/_design/customer_case`,
        async ({ request }) => {
          seen.push(await request.json());
          return HttpResponse.json(
            { ok: true, id: design._id, rev: '2-b' },
            { status: 201 },
          );
        },
      ),
    );
    expect(
      await client.getDesignDocument('customer_case', '_design/missing'),
    ).toBeUndefined();
    const current = await client.getDesignDocument(
      'customer_case',
      '_design/customer_case',
    );
    expect(current?._rev).toBe('1-a');
    expect(
      await client.putDesignDocument('customer_case', {
        ...design,
        _rev: '1-a',
      }),
    ).toEqual({ rev: '2-b' });
    expect(seen[0]).toMatchObject({ _rev: '1-a', views: design.views });
  });

  it('maps a 409 on a design document to ConflictError', async () => {
    server.use(
      http.put(`${base}/customer_case/_design/customer_case`, () =>
        couchError(409, 'conflict', 'Document update conflict.'),
      ),
    );
    const error = await caught(() =>
      client.putDesignDocument('customer_case', design),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toBe(
      'couchdb: PUT /customer_case/_design/customer_case failed (409): Document update conflict.',
    );
  });

  it('queries a view by a JSON key, row-limited, with the documents', async () => {
    server.use(
      http.get(
        `${base}/customer_case/_design/customer_case/_view/customer_case`,
        ({ request }) => {
          const q = new URL(request.url).searchParams;
          expect([
            q.get('key'),
            q.get('limit'),
            q.get('include_docs'),
            q.get('reduce'),
          ]).toEqual(['42', '3', 'true', 'false']);
          return HttpResponse.json({
            total_rows: 9,
            offset: 0,
            rows: [1, 2, 3].map(i => ({
              id: `42:${i}`,
              key: 42,
              value: null,
              doc: { _id: `42:${i}`, customer_id: 42 },
            })),
          });
        },
      ),
    );
    const page = await client.queryView(
      'customer_case',
      '_design/customer_case',
      'customer_case',
      { key: 42, limit: 2 },
    );
    expect(page.rows.map(r => r.id)).toEqual(['42:1', '42:2']);
    expect(page.truncated).toBe(true);
  });

  it('sends a hostile key only as an encoded JSON query parameter', async () => {
    server.use(
      http.get(
        `${base}/customer_case/_design/customer_case/_view/customer_case`,
        () => HttpResponse.json({ rows: [] }),
      ),
    );
    const key = '../_all_dbs?x=1&limit=99999#';
    await client.queryView(
      'customer_case',
      '_design/customer_case',
      'customer_case',
      { key, limit: 5 },
    );
    const url = new URL(requests[0].url);
    expect(url.pathname).toBe(
      '/customer_case/_design/customer_case/_view/customer_case',
    );
    expect(url.searchParams.get('key')).toBe(JSON.stringify(key));
    expect(url.searchParams.get('limit')).toBe('6');
  });

  it('reads the newest changes and the design documents', async () => {
    server.use(
      http.get(`${base}/customer_case/_changes`, ({ request }) => {
        const q = new URL(request.url).searchParams;
        expect([q.get('descending'), q.get('limit')]).toEqual(['true', '5']);
        return HttpResponse.json({
          results: [{ id: '42', seq: '9-x', doc: { _id: '42' } }],
        });
      }),
      http.get(`${base}/customer_case/_all_docs`, ({ request }) => {
        const q = new URL(request.url).searchParams;
        expect([q.get('startkey'), q.get('endkey')]).toEqual([
          '"_design/"',
          '"_design0"',
        ]);
        expect(q.get('include_docs')).toBe('true');
        return HttpResponse.json({
          rows: [{ id: design._id, doc: { ...design, _rev: '1-a' } }],
        });
      }),
    );
    expect(
      (await client.latestChanges('customer_case', { limit: 5 }))[0].id,
    ).toBe('42');
    expect(requests[0].url).toContain('descending=true');
    expect(
      (await client.designDocuments('customer_case')).map(d => d._id),
    ).toEqual(['_design/customer_case']);
  });

  it('refuses bad database, design and view names before any request', async () => {
    for (const bad of ['_users', 'A', 'a/b', '../x', 'a b', ''])
      expect(await caught(() => client.databaseInfo(bad))).toBeInstanceOf(
        InvalidIdentifierError,
      );
    expect(
      await caught(() => client.getDesignDocument('db', 'customer_case')),
    ).toBeInstanceOf(InvalidIdentifierError);
    expect(
      await caught(() => client.getDesignDocument('db', '_design/../_all')),
    ).toBeInstanceOf(InvalidIdentifierError);
    expect(
      await caught(() =>
        client.queryView('db', '_design/a', '_all_docs', {
          key: 1,
          limit: 1,
        }),
      ),
    ).toBeInstanceOf(InvalidIdentifierError);
    expect(
      await caught(() =>
        client.queryView('db', '_design/a', 'v', {
          key: 'x'.repeat(500),
          limit: 1,
        }),
      ),
    ).toBeInstanceOf(InvalidIdentifierError);
    expect(requests).toHaveLength(0);
  });

  it('needs both user and password or neither', () => {
    expect(() => new CouchDbClient({ baseUrl: base, user: 'admin' })).toThrow(
      /both user and password/,
    );
  });

  it('names couchdb when the server is down, slow or refuses the credentials', async () => {
    server.use(
      http.get(`${base}/`, () => HttpResponse.error()),
      http.get(`${base}/slow`, async () => {
        await delay(1000);
        return HttpResponse.json({});
      }),
      http.get(`${base}/locked`, () =>
        couchError(401, 'unauthorized', 'Name or password is incorrect.'),
      ),
    );
    const down = await caught(() => client.serverInfo());
    expect(down).toBeInstanceOf(UpstreamUnavailableError);
    expect(down.message).toMatch(/^couchdb: GET \/ failed: cannot reach/);
    const slow = await caught(() => client.databaseInfo('slow'));
    expect(slow).toBeInstanceOf(UpstreamTimeoutError);
    expect(slow.message).toBe('couchdb: GET /slow timed out after 300 ms');
    const locked = await caught(() => client.databaseInfo('locked'));
    expect(locked).toBeInstanceOf(UpstreamError);
    expect(locked.message).toBe(
      'couchdb: GET /locked failed (401): Name or password is incorrect.',
    );
  });

  it('reads a numeric-sequence server forward from update_seq − limit, newest first', async () => {
    server.use(
      http.get(`${base}/customer_case/_changes`, ({ request }) => {
        const q = new URL(request.url).searchParams;
        expect([q.get('since'), q.get('descending')]).toEqual(['95', null]);
        return HttpResponse.json({
          results: [
            { id: 'a', seq: 97 },
            { id: 'b', seq: 100 },
          ],
        });
      }),
    );
    const changes = await client.latestChanges('customer_case', {
      limit: 5,
      updateSeq: 100,
    });
    expect(changes.map(c => c.id)).toEqual(['b', 'a']);
  });
});
