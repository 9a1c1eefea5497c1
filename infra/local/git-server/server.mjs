// A small git server for the portal's scaffolder, on 127.0.0.1 only, without npm dependencies:
//   git smart HTTP    /<owner>/<repo>.git/...         (Debian's `git http-backend` as CGI; clone + push)
//   repositories      GET|POST /api/repos             (JSON {owner, name, description?, defaultBranch?})
//   raw files         GET /<owner>/<repo>/raw/<branch>/<path>   (what the catalog reads)
//   browsable page    GET /<owner>/<repo>             (files of the default branch)
// Environment: GIT_SERVER_ROOT (required, repositories live there), GIT_SERVER_PORT (9419; 0 = any free port).
import { spawn } from 'node:child_process';
import http from 'node:http';
import {
  gitEnv,
  RepoStore,
  validBranch,
  validName,
  validPath,
} from './repos.mjs';
import { contentType, directoryPage, repoPage } from './pages.mjs';

const HOST = '127.0.0.1';
const root = process.env.GIT_SERVER_ROOT;
if (!root) throw new Error('GIT_SERVER_ROOT is not set');
const store = new RepoStore(root);
const GIT_SERVICES = new Set(['git-upload-pack', 'git-receive-pack']);

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}
const fail = (status, message) => {
  throw new HttpError(status, message);
};

function send(
  res,
  status,
  body,
  type = 'text/plain; charset=utf-8',
  headers = {},
) {
  res.writeHead(status, {
    'Content-Type': type,
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(body);
}
const sendJson = (res, status, value) =>
  send(res, status, `${JSON.stringify(value, null, 2)}\n`, 'application/json');

async function readJson(req, limit = 16 * 1024) {
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json'))
    fail(415, 'send Content-Type: application/json');
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > limit) fail(413, 'request body too large');
  }
  try {
    return JSON.parse(body);
  } catch {
    return fail(400, 'the body is not JSON');
  }
}

async function createRepo(req, res) {
  const {
    owner,
    name,
    description = '',
    defaultBranch = 'main',
  } = (await readJson(req)) ?? {};
  if (!validName(owner) || !validName(name))
    fail(400, 'owner and name must match ^[a-z0-9][a-z0-9-]{0,62}$');
  if (
    typeof description !== 'string' ||
    typeof defaultBranch !== 'string' ||
    !validBranch(defaultBranch)
  )
    fail(
      400,
      'description must be a string and defaultBranch a plain branch name',
    );
  const outcome = await store.create(owner, name, description, defaultBranch);
  if (outcome === 'exists') fail(409, `repository ${owner}/${name} exists`);
  sendJson(res, 201, await store.describe(owner, name));
}

/** Runs `git http-backend` as a CGI: request body streamed in, CGI headers parsed out, the rest streamed back. */
function gitHttpBackend(req, res, url, pathInfo) {
  const env = {
    ...gitEnv(),
    GIT_PROJECT_ROOT: store.root,
    GIT_HTTP_EXPORT_ALL: '1',
    REMOTE_USER: 'portal',
    REMOTE_ADDR: req.socket.remoteAddress ?? '',
    REQUEST_METHOD: req.method,
    PATH_INFO: pathInfo,
    QUERY_STRING: url.search.slice(1),
    CONTENT_TYPE: req.headers['content-type'] ?? '',
    ...(req.headers['content-length'] && {
      CONTENT_LENGTH: req.headers['content-length'],
    }),
    ...(req.headers['content-encoding'] && {
      HTTP_CONTENT_ENCODING: req.headers['content-encoding'],
    }),
    ...(req.headers['git-protocol'] && {
      GIT_PROTOCOL: req.headers['git-protocol'],
    }),
  };
  const cgi = spawn('git', ['http-backend'], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  cgi.stdin.on('error', () => {}); // the backend may answer before reading the whole body
  req.pipe(cgi.stdin);
  let head = Buffer.alloc(0);
  let stderr = '';
  cgi.stderr.on(
    'data',
    d => (stderr += d).length > 4000 && (stderr = stderr.slice(-4000)),
  );
  const onData = chunk => {
    head = Buffer.concat([head, chunk]);
    const m = /\r?\n\r?\n/.exec(head.toString('latin1'));
    if (!m) return;
    cgi.stdout.off('data', onData);
    const headers = {};
    let status = 200;
    for (const line of head
      .subarray(0, m.index)
      .toString('latin1')
      .split(/\r?\n/)) {
      const i = line.indexOf(':');
      if (i <= 0) continue;
      const [key, value] = [line.slice(0, i).trim(), line.slice(i + 1).trim()];
      if (key.toLowerCase() === 'status') status = parseInt(value, 10) || 500;
      else headers[key] = value;
    }
    res.writeHead(status, headers);
    res.write(head.subarray(m.index + m[0].length));
    cgi.stdout.pipe(res);
  };
  cgi.stdout.on('data', onData);
  cgi.on(
    'error',
    e =>
      !res.headersSent &&
      send(res, 500, `git http-backend failed: ${e.message}\n`),
  );
  cgi.on('close', code => {
    if (code)
      process.stderr.write(
        `git http-backend exited ${code}: ${stderr.trim()}\n`,
      );
    if (!res.headersSent) send(res, 502, 'git http-backend gave no response\n');
  });
}

async function raw(req, res, owner, name, branch, file) {
  if (!validBranch(branch)) fail(400, 'invalid branch name');
  if (file !== '' && !validPath(file)) fail(400, 'invalid file path');
  const object = await store.resolve(owner, name, branch, file);
  if (!object) fail(404, `${file || '/'} not found on ${branch}`);
  if (object.type === 'tree') {
    const files = await store.files(owner, name, object.oid);
    return send(
      res,
      200,
      directoryPage({ owner, name, branch, dir: file, files }),
      'text/html; charset=utf-8',
    );
  }
  const etag = `"${object.oid}"`;
  if (req.headers['if-none-match'] === etag)
    return send(res, 304, '', undefined, { ETag: etag });
  send(res, 200, await store.blob(owner, name, object.oid), contentType(file), {
    ETag: etag,
    'Cache-Control': 'no-cache',
  });
}

async function route(req, res, url) {
  const segments = url.pathname.split('/').slice(1);
  let parts;
  try {
    parts = segments.map(decodeURIComponent);
  } catch {
    return fail(400, 'malformed percent-encoding');
  }
  const [owner, repo, ...rest] = parts;
  if (owner === 'api' && repo === 'repos' && rest.length === 0) {
    if (req.method === 'GET') return sendJson(res, 200, await store.list());
    if (req.method === 'POST') return createRepo(req, res);
    return fail(405, 'GET or POST');
  }
  if (!validName(owner) || typeof repo !== 'string') fail(404, 'no such route');
  if (repo.endsWith('.git')) {
    const name = repo.slice(0, -4);
    const service =
      rest.join('/') === 'info/refs'
        ? url.searchParams.get('service')
        : rest.length === 1
        ? rest[0]
        : null;
    const method = rest.length === 1 ? 'POST' : 'GET';
    if (!validName(name) || !GIT_SERVICES.has(service) || req.method !== method)
      fail(404, 'only git smart HTTP is served');
    if (!(await store.exists(owner, name)))
      fail(404, `repository ${owner}/${name} does not exist (POST /api/repos)`);
    return gitHttpBackend(
      req,
      res,
      url,
      `/${owner}/${name}.git/${rest.join('/')}`,
    );
  }
  if (!validName(repo)) fail(404, 'no such route');
  if (req.method !== 'GET' && req.method !== 'HEAD') fail(405, 'read-only');
  if (!(await store.exists(owner, repo)))
    fail(404, `repository ${owner}/${repo} does not exist`);
  if (rest.length === 0 || (rest.length === 1 && rest[0] === '')) {
    const { description } = await store.describe(owner, repo);
    const branch = await store.defaultBranch(owner, repo);
    const tree = await store.resolve(owner, repo, branch, '');
    const files = tree ? await store.files(owner, repo, tree.oid) : [];
    const cloneUrl = `http://${req.headers.host}/${owner}/${repo}.git`;
    return send(
      res,
      200,
      repoPage({ owner, name: repo, description, branch, files, cloneUrl }),
      'text/html; charset=utf-8',
    );
  }
  if (rest[0] === 'raw' && rest.length >= 2)
    return raw(
      req,
      res,
      owner,
      repo,
      rest[1],
      rest.slice(2).join('/').replace(/\/$/, ''),
    );
  return fail(404, 'no such route');
}

const server = http.createServer(async (req, res) => {
  const started = Date.now();
  res.on('finish', () => {
    const what = String(req.url)
      .replace(/[^\x21-\x7e]/g, '?')
      .slice(0, 300);
    process.stdout.write(
      `${new Date().toISOString()} ${req.method} ${what} ${res.statusCode} ${
        Date.now() - started
      }ms\n`,
    );
  });
  try {
    // Only loopback names: a page on another host name (DNS rebinding) cannot drive this server.
    const port = server.address().port;
    if (
      ![`127.0.0.1:${port}`, `localhost:${port}`].includes(
        req.headers.host ?? '',
      )
    )
      fail(421, 'unexpected Host header');
    await route(req, res, new URL(req.url, `http://${HOST}:${port}`));
  } catch (e) {
    const status = e instanceof HttpError ? e.status : 500;
    if (status === 500) process.stderr.write(`${e.stack ?? e}\n`);
    if (!res.headersSent)
      send(res, status, `${status === 500 ? 'internal error' : e.message}\n`);
    else res.destroy();
  }
});

server.listen(Number(process.env.GIT_SERVER_PORT ?? 9419), HOST, () => {
  process.stdout.write(
    `git-server listening on http://${HOST}:${server.address().port} root=${
      store.root
    }\n`,
  );
});
for (const signal of ['SIGTERM', 'SIGINT'])
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref(); // a push in flight gets two seconds
  });
