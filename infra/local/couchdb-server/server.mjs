// A server speaking the subset of CouchDB's HTTP API the platform uses, on 127.0.0.1 only,
// without npm dependencies (Apache CouchDB is not packaged for Debian; pouchdb-server does not
// run on Node 22 — see infra/local/README.md):
//   GET /, GET /_up, GET /_all_dbs
//   PUT|GET|DELETE /{db}                      databases
//   POST /{db}, PUT|GET|DELETE /{db}/{docid}  documents with _rev (MVCC: a stale _rev is 409 conflict)
//   POST /{db}/_bulk_docs                     per-document results, conflicts reported per doc
//   GET|POST /{db}/_all_docs                  key, keys, startkey/endkey, limit, skip, include_docs
//   PUT|GET|DELETE /{db}/_design/{name}       design docs; views with JavaScript map functions
//   GET|POST /{db}/_design/{d}/_view/{v}      key, keys, startkey/endkey, descending, limit, skip,
//                                             include_docs, reduce/group (_count, _sum)
//   GET /{db}/_changes                        since, limit, include_docs, feed=normal|longpoll, timeout
// Every route but / and /_up needs HTTP basic auth as the admin (COUCHDB_USER / COUCHDB_PASSWORD).
// Environment: COUCHDB_DATA_DIR (required), COUCHDB_PORT (5984; 0 = any free port), COUCHDB_USER, COUCHDB_PASSWORD.
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { CouchError, Store } from './store.mjs';
import {
  reduceRows,
  selectRows,
  validateDesignDoc,
  viewIndex,
} from './views.mjs';

const HOST = '127.0.0.1';
const root = process.env.COUCHDB_DATA_DIR;
const user = process.env.COUCHDB_USER;
const password = process.env.COUCHDB_PASSWORD;
if (!root) throw new Error('COUCHDB_DATA_DIR is not set');
if (!user || !password)
  throw new Error(
    'COUCHDB_USER and COUCHDB_PASSWORD must be set (admin credentials)',
  );
const port = Number(process.env.COUCHDB_PORT ?? 5984);
const store = new Store(root);
const BODY_LIMIT = 16 * 1024 * 1024;
const fail = (status, error, reason) => {
  throw new CouchError(status, error, reason);
};

function sendJson(res, status, value, headers = {}) {
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Cache-Control': 'must-revalidate',
    ...headers,
  });
  res.end(`${JSON.stringify(value)}\n`);
}

function authorized(req) {
  const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(req.headers.authorization ?? '');
  if (!m) return false;
  const given = Buffer.from(m[1], 'base64');
  const expected = Buffer.from(`${user}:${password}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function readJson(req) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > BODY_LIMIT)
      fail(413, 'too_large', 'the request entity is too large');
  }
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return fail(400, 'bad_request', 'invalid UTF-8 JSON');
  }
}

/** View/_all_docs query parameters are JSON values in CouchDB (key="a", limit=5, descending=true). */
function queryOf(url, body) {
  const q = {};
  for (const [k, raw] of url.searchParams) {
    if (
      ['key', 'keys', 'startkey', 'endkey', 'start_key', 'end_key'].includes(k)
    ) {
      try {
        q[k.replace('_key', 'key')] = JSON.parse(raw);
      } catch {
        fail(400, 'bad_request', `invalid JSON in ${k}`);
      }
    } else if (['limit', 'skip'].includes(k)) {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 0)
        fail(400, 'query_parse_error', `invalid ${k}`);
      q[k] = n;
    } else if (
      [
        'descending',
        'include_docs',
        'reduce',
        'group',
        'inclusive_end',
      ].includes(k)
    ) {
      q[k] = raw === 'true';
    }
  }
  if (body?.keys !== undefined) q.keys = body.keys;
  if (q.keys !== undefined && !Array.isArray(q.keys))
    fail(400, 'bad_request', '`keys` must be an array');
  return q;
}

function allDocs(db, q) {
  const rowOf = d => ({
    id: d.id,
    key: d.id,
    value: d.deleted ? { rev: d.rev, deleted: true } : { rev: d.rev },
    ...(q.include_docs
      ? { doc: d.deleted ? null : { _id: d.id, _rev: d.rev, ...d.body } }
      : {}),
  });
  let rows;
  if (q.keys) {
    rows = q.keys.map(k => {
      const d = db.docs.get(k);
      return d ? rowOf(d) : { key: k, error: 'not_found' };
    });
  } else {
    const live = [...db.docs.values()].filter(d => !d.deleted).map(rowOf);
    rows = selectRows(
      live.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      q,
    );
  }
  return {
    total_rows: [...db.docs.values()].filter(d => !d.deleted).length,
    offset: q.skip ?? 0,
    rows,
  };
}

function queryView(db, ddocId, viewName, q) {
  const index = viewIndex(db, ddocId, viewName);
  const rows = selectRows(index.rows(), {
    ...q,
    limit: index.reduce && q.reduce !== false ? undefined : q.limit,
  });
  if (index.reduce && q.reduce !== false) {
    const reduced = reduceRows(rows, index.reduce, q.group === true);
    return {
      rows: q.limit === undefined ? reduced : reduced.slice(0, q.limit),
    };
  }
  return {
    total_rows: index.rows().length,
    offset: q.skip ?? 0,
    rows: q.include_docs
      ? rows.map(r => {
          const d = db.docs.get(r.id);
          return {
            ...r,
            doc: d && !d.deleted ? { _id: d.id, _rev: d.rev, ...d.body } : null,
          };
        })
      : rows,
  };
}

async function changes(db, url, res) {
  const since = url.searchParams.get('since');
  let from = since === 'now' ? db.seq : Number(since ?? 0);
  if (!Number.isInteger(from) || from < 0)
    fail(400, 'bad_request', 'invalid since');
  const limit = url.searchParams.has('limit')
    ? Number(url.searchParams.get('limit'))
    : undefined;
  const includeDocs = url.searchParams.get('include_docs') === 'true';
  if (
    url.searchParams.get('feed') === 'longpoll' &&
    db.changesSince(from).length === 0
  ) {
    const timeout = Math.min(
      Number(url.searchParams.get('timeout') ?? 60000) || 60000,
      60000,
    );
    await new Promise(resolve => {
      const done = () => {
        clearTimeout(timer);
        db.listeners.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeout);
      db.listeners.add(done);
      res.on('close', done);
    });
  }
  const all = db.changesSince(from);
  const results = (limit === undefined ? all : all.slice(0, limit)).map(d => ({
    seq: d.seq,
    id: d.id,
    changes: [{ rev: d.rev }],
    ...(d.deleted ? { deleted: true } : {}),
    ...(includeDocs
      ? {
          doc: d.deleted
            ? { _id: d.id, _rev: d.rev, _deleted: true }
            : { _id: d.id, _rev: d.rev, ...d.body },
        }
      : {}),
  }));
  from = results.length ? results[results.length - 1].seq : from;
  return { results, last_seq: from, pending: all.length - results.length };
}

function writeDoc(db, doc) {
  if (
    typeof doc._id === 'string' &&
    doc._id.startsWith('_design/') &&
    !doc._deleted
  )
    validateDesignDoc(doc);
  const [result] = db.write([doc]);
  if (result.error)
    fail(
      result.error === 'conflict'
        ? 409
        : result.error === 'not_found'
        ? 404
        : 400,
      result.error,
      result.reason,
    );
  return result;
}

async function route(req, res, url) {
  const parts = url.pathname.split('/').slice(1).map(decodeURIComponent);
  const [dbName, ...rest] = parts;
  const method = req.method;
  if (url.pathname === '/' && method === 'GET')
    return sendJson(res, 200, {
      couchdb: 'Welcome',
      version: '3.3.3',
      vendor: { name: 'data-platform local CouchDB-API server' },
    });
  if (url.pathname === '/_up' && method === 'GET')
    return sendJson(res, 200, { status: 'ok' });
  if (!authorized(req))
    return sendJson(
      res,
      401,
      { error: 'unauthorized', reason: 'Name or password is incorrect.' },
      { 'WWW-Authenticate': 'Basic realm="server"' },
    );
  if (url.pathname === '/_all_dbs' && method === 'GET')
    return sendJson(res, 200, store.names());
  if (dbName.startsWith('_'))
    fail(404, 'not_found', 'Database does not exist.');

  if (rest.length === 0 || (rest.length === 1 && rest[0] === '')) {
    if (method === 'PUT')
      return store.create(dbName), sendJson(res, 201, { ok: true });
    if (method === 'DELETE')
      return store.drop(dbName), sendJson(res, 200, { ok: true });
    if (method === 'GET' || method === 'HEAD')
      return sendJson(res, 200, store.db(dbName).info());
    if (method === 'POST')
      return sendJson(
        res,
        201,
        writeDoc(store.db(dbName), (await readJson(req)) ?? {}),
      );
    fail(405, 'method_not_allowed', 'Only GET,HEAD,PUT,DELETE,POST allowed');
  }
  const db = store.db(dbName);
  const [first, second, third, fourth] = rest;
  if (first === '_bulk_docs' && method === 'POST') {
    const body = await readJson(req);
    if (!Array.isArray(body?.docs))
      fail(400, 'bad_request', 'POST body must include `docs` parameter.');
    for (const doc of body.docs)
      if (doc?._id?.startsWith?.('_design/') && !doc._deleted)
        validateDesignDoc(doc);
    return sendJson(res, 201, db.write(body.docs));
  }
  if (first === '_all_docs' && (method === 'GET' || method === 'POST'))
    return sendJson(
      res,
      200,
      allDocs(
        db,
        queryOf(url, method === 'POST' ? await readJson(req) : undefined),
      ),
    );
  if (first === '_changes' && method === 'GET')
    return sendJson(res, 200, await changes(db, url, res));
  if (
    first === '_design' &&
    second &&
    third === '_view' &&
    fourth &&
    (method === 'GET' || method === 'POST')
  )
    return sendJson(
      res,
      200,
      queryView(
        db,
        `_design/${second}`,
        fourth,
        queryOf(url, method === 'POST' ? await readJson(req) : undefined),
      ),
    );

  const isDesign = first === '_design' && second && rest.length === 2;
  if (!isDesign && (rest.length !== 1 || first.startsWith('_')))
    fail(404, 'not_found', 'missing');
  const id = isDesign ? `_design/${second}` : first;
  const rev =
    url.searchParams.get('rev') ?? req.headers['if-match']?.replace(/"/g, '');
  if (method === 'GET' || method === 'HEAD') {
    const doc = db.get(id);
    return sendJson(res, 200, doc, { ETag: `"${doc._rev}"` });
  }
  if (method === 'PUT') {
    const doc = (await readJson(req)) ?? {};
    if (typeof doc !== 'object' || Array.isArray(doc))
      fail(400, 'bad_request', 'Document must be a JSON object');
    if (doc._id !== undefined && doc._id !== id)
      fail(400, 'bad_request', 'Document id must match the URL');
    const result = writeDoc(db, {
      ...doc,
      _id: id,
      ...(doc._rev === undefined && rev ? { _rev: rev } : {}),
    });
    return sendJson(res, 201, result, { ETag: `"${result.rev}"` });
  }
  if (method === 'DELETE') {
    if (!rev) fail(409, 'conflict', 'Document update conflict.');
    return sendJson(
      res,
      200,
      writeDoc(db, { _id: id, _rev: rev, _deleted: true }),
    );
  }
  fail(405, 'method_not_allowed', 'Only GET,HEAD,PUT,DELETE allowed');
}

const server = http.createServer(async (req, res) => {
  const started = Date.now();
  // Loopback only, and only under its own host name (no DNS-rebinding access from a browser page).
  const hostOk = [
    `127.0.0.1:${server.address().port}`,
    `localhost:${server.address().port}`,
  ].includes(req.headers.host ?? '');
  try {
    if (!hostOk) fail(421, 'misdirected_request', 'unknown host');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    await route(req, res, url);
  } catch (e) {
    if (e instanceof CouchError)
      sendJson(res, e.status, { error: e.error, reason: e.reason });
    else {
      console.error(e);
      sendJson(res, 500, {
        error: 'internal_server_error',
        reason: String(e?.message ?? e).slice(0, 200),
      });
    }
  }
  console.log(
    `${new Date().toISOString()} ${req.method} ${req.url} ${res.statusCode} ${
      Date.now() - started
    }ms`,
  );
});
server.listen(port, HOST, () =>
  console.log(
    `couchdb-server listening on http://${HOST}:${server.address().port}`,
  ),
);
// Every write is on disk before it is acknowledged (appendFileSync), so stopping drops nothing;
// open longpoll _changes requests are cut rather than waited for.
for (const signal of ['SIGTERM', 'SIGINT'])
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  });
