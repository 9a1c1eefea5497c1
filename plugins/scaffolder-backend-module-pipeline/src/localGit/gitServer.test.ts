import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  git,
  rawGet,
  startTempGitServer,
  TempGitServer,
} from '../__testUtils__/gitServer';

// Routes of infra/local/git-server on a private instance: hostile paths and names are refused and
// nothing outside the repository's committed files is ever served.
const SECRET = `secret-${Date.now()}`;
let server: TempGitServer;

const post = (body: unknown, contentType = 'application/json') =>
  fetch(`${server.url}/api/repos`, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

beforeAll(async () => {
  server = await startTempGitServer();
  const created = await post({ owner: 'team', name: 'demo' });
  if (created.status !== 201)
    throw new Error(`creating the test repository answered ${created.status}`);
  const work = await mkdtemp(path.join(os.tmpdir(), 'git-server-work-'));
  await mkdir(path.join(work, 'docs'));
  await writeFile(path.join(work, 'catalog-info.yaml'), 'kind: Component\n');
  await writeFile(
    path.join(work, 'docs', 'index.md'),
    '# docs <script>alert(1)</script>\n',
  );
  await git(work, 'init', '-q', '-b', 'main');
  await git(work, 'add', '-A');
  await git(
    work,
    '-c',
    'user.name=t',
    '-c',
    'user.email=t@t',
    'commit',
    '-qm',
    'init',
  );
  await git(work, 'push', '-q', `${server.url}/team/demo.git`, 'main');
  await rm(work, { recursive: true, force: true });
  // Files that must never be served: beside the root, in the root, inside the bare repository.
  await writeFile(path.join(server.dir, 'SECRET'), SECRET);
  await writeFile(path.join(server.root, 'SECRET'), SECRET);
  await writeFile(path.join(server.root, 'team', 'demo.git', 'SECRET'), SECRET);
  await writeFile(
    path.join(server.root, 'team', 'demo.git', 'description'),
    SECRET,
  );
});
afterAll(() => server.stop());

describe('git server routes', () => {
  it('serves committed files (positive control)', async () => {
    expect(
      await rawGet(server.url, '/team/demo/raw/main/catalog-info.yaml'),
    ).toEqual({ status: 200, body: 'kind: Component\n' });
    const page = await rawGet(server.url, '/team/demo');
    expect(page.status).toBe(200);
    expect(page.body).toContain('href="/team/demo/raw/main/docs/index.md"');
  });

  it.each([
    '/team/demo/raw/main/../../etc/passwd',
    '/team/demo/raw/main/../../../SECRET',
    '/team/demo/raw/main/..%2F..%2F..%2FSECRET',
    '/team/demo/raw/main/..%2fSECRET',
    '/team/demo/raw/main/%2e%2e/%2e%2e/SECRET',
    '/team/demo/raw/main/%2E%2E%2FSECRET',
    '/team/demo/raw/main/..%252F..%252FSECRET',
    '/team/demo/raw/main/docs/..%2F..%2F..%2F..%2FSECRET',
    '/team/demo/raw/main/%5C..%5CSECRET',
    '/team/demo/raw/main/SECRET%00.yaml',
    '/team/demo/raw/main/-h',
    '/team/demo/raw/main/./SECRET',
    '/team/demo/raw/main/SECRET',
    '/team/demo/raw/main/description',
    '/team/demo/raw/-h/catalog-info.yaml',
    '/team/demo/raw/main:SECRET/x',
    '/team/demo/raw/main~1/catalog-info.yaml',
    '/team/demo/raw/HEAD%3ASECRET/x',
    '/team/demo/raw/..%2F..%2FSECRET/x',
    '/team/demo/raw/main%0Aorigin/catalog-info.yaml',
    '/team/demo/raw/main/%ZZ',
    '/team/demo.git/SECRET',
    '/team/demo.git/description',
    '/team/demo.git/config',
    '/team/demo.git/HEAD',
    '/team/demo.git/objects/info/packs',
    '/team/demo.git/info/refs',
    '/team/demo.git/info/refs?service=git-upload-archive',
    '/team/demo.git/../SECRET',
    '/team/..%2Fteam%2Fdemo',
    '/..%2F..%2FSECRET/demo',
    '/Team/demo',
    '/team/Demo/raw/main/catalog-info.yaml',
    '/team/missing/raw/main/catalog-info.yaml',
    '/team/missing.git/info/refs?service=git-upload-pack',
    '/SECRET',
    '/',
  ])(
    '%s is refused (400/404) and reads nothing outside the repository',
    async rawPath => {
      const res = await rawGet(server.url, rawPath);
      expect([400, 404]).toContain(res.status);
      expect(res.body).not.toContain(SECRET);
    },
  );

  it.each([
    [{ owner: 'team', name: 'Demo' }, 400],
    [{ owner: '../x', name: 'demo' }, 400],
    [{ owner: 'team', name: 'de mo' }, 400],
    [{ owner: 'team', name: '-demo' }, 400],
    [{ owner: 'team', name: 'a'.repeat(64) }, 400],
    [{ owner: 'team', name: 7 }, 400],
    [{ owner: 'team' }, 400],
    [{ owner: 'team', name: 'ok', defaultBranch: '--bare' }, 400],
    [{ owner: 'team', name: 'ok', description: { x: 1 } }, 400],
    ['not json', 400],
    [{ owner: 'team', name: 'demo' }, 409],
  ])('POST /api/repos %j → %i', async (body, status) => {
    expect((await post(body)).status).toBe(status);
  });

  it('creates nothing for refused requests and needs a JSON content type', async () => {
    expect(
      (
        await post(
          { owner: 'team', name: 'form' },
          'application/x-www-form-urlencoded',
        )
      ).status,
    ).toBe(415);
    expect(
      (await fetch(`${server.url}/api/repos`, { method: 'DELETE' })).status,
    ).toBe(405);
    expect(
      (
        await fetch(`${server.url}/team/demo/raw/main/catalog-info.yaml`, {
          method: 'POST',
        })
      ).status,
    ).toBe(405);
    expect(await (await fetch(`${server.url}/api/repos`)).json()).toEqual([
      { owner: 'team', name: 'demo', description: SECRET },
    ]);
    expect((await readdir(server.root)).sort()).toEqual(['SECRET', 'team']);
    expect(await readdir(path.join(server.root, 'team'))).toEqual(['demo.git']);
  });

  it('refuses a Host other than loopback (DNS rebinding)', async () => {
    const { port } = new URL(server.url);
    expect(
      (await rawGet(server.url, '/api/repos', `evil.example:${port}`)).status,
    ).toBe(421);
    expect(
      (await rawGet(server.url, '/api/repos', `localhost:${port}`)).status,
    ).toBe(200);
  });

  it('serves HTML and scripts from a repository as plain text, escapes listings, and logs one line per request', async () => {
    const res = await fetch(`${server.url}/team/demo/raw/main/docs/index.md`);
    expect(res.headers.get('content-type')).toBe(
      'text/markdown; charset=utf-8',
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const etag = res.headers.get('etag')!;
    expect(
      (await fetch(res.url, { headers: { 'If-None-Match': etag } })).status,
    ).toBe(304);
    const listing = await (
      await fetch(`${server.url}/team/demo/raw/main/docs/`)
    ).text();
    expect(listing).toContain('href="/team/demo/raw/main/docs/index.md"');
    expect(server.log.join('')).toMatch(
      /GET \/team\/demo\/raw\/main\/docs\/index\.md 200 \d+ms\n/,
    );
  });
});
