import { http, HttpResponse, delay } from 'msw';
import { NessieClient } from './NessieClient';
import {
  AlreadyExistsError,
  ConflictError,
  InvalidIdentifierError,
  NotFoundError,
  UpstreamTimeoutError,
} from '../../lib/errors';
import { caught, setupMsw } from '../../__testUtils__/msw';

const root = 'http://nessie.test:19120';
const api = `${root}/api/v2`;
const h0 = '2e1cfa82b035c26cbbbdae632cea070514eb8b773f616aaeaf668e2f0be8f10d';
const h1 = 'a5d5cc11bd4156d489468d3aabe26002112d7c8755c3d0b92f2fd31e1b7146bb';
const { server, requests } = setupMsw();
const client = new NessieClient({ baseUrl: root, timeoutMs: 500 });

const nessieError = (status: number, errorCode: string, message: string) =>
  HttpResponse.json(
    { status, reason: 'x', message, errorCode, serverStackTrace: null },
    { status },
  );

describe('NessieClient', () => {
  it('lists references across pages', async () => {
    server.use(
      http.get(`${api}/trees`, ({ request }) =>
        new URL(request.url).searchParams.get('page-token') === 't1'
          ? HttpResponse.json({
              references: [{ type: 'TAG', name: 'v1', hash: h0 }],
              hasMore: false,
              token: null,
            })
          : HttpResponse.json({
              references: [{ type: 'BRANCH', name: 'main', hash: h0 }],
              hasMore: true,
              token: 't1',
            }),
      ),
    );
    expect((await client.listReferences()).map(r => r.name)).toEqual([
      'main',
      'v1',
    ]);
  });

  it('accepts a baseUrl that already ends in /api/v2', async () => {
    server.use(
      http.get(`${api}/trees/main`, () =>
        HttpResponse.json({
          reference: { type: 'BRANCH', name: 'main', hash: h0 },
        }),
      ),
    );
    const c = new NessieClient({ baseUrl: `${api}/` });
    expect((await c.getReference('main')).hash).toBe(h0);
  });

  it('creates a branch with "/" in its name from the head of main', async () => {
    server.use(
      http.get(`${api}/trees/main`, () =>
        HttpResponse.json({
          reference: { type: 'BRANCH', name: 'main', hash: h0 },
        }),
      ),
      http.post(`${api}/trees`, async ({ request }) => {
        const q = new URL(request.url).searchParams;
        expect([q.get('name'), q.get('type')]).toEqual([
          'finance/daily-20261124',
          'BRANCH',
        ]);
        expect(await request.json()).toEqual({
          type: 'BRANCH',
          name: 'main',
          hash: h0,
        });
        return HttpResponse.json({
          reference: {
            type: 'BRANCH',
            name: 'finance/daily-20261124',
            hash: h0,
          },
        });
      }),
    );
    const ref = await client.createBranch('finance/daily-20261124', {
      name: 'main',
    });
    expect(ref).toEqual({
      type: 'BRANCH',
      name: 'finance/daily-20261124',
      hash: h0,
    });
  });

  it('creates a tag at a given hash without looking the source up', async () => {
    server.use(
      http.post(`${api}/trees`, async ({ request }) => {
        expect(new URL(request.url).searchParams.get('type')).toBe('TAG');
        expect(await request.json()).toEqual({
          type: 'BRANCH',
          name: 'main',
          hash: h1,
        });
        return HttpResponse.json({
          reference: { type: 'TAG', name: 'daily', hash: h1 },
        });
      }),
    );
    await client.createTag('daily', { name: 'main', hash: h1 });
    expect(requests).toHaveLength(1);
  });

  it('maps 409 REFERENCE_ALREADY_EXISTS to AlreadyExistsError', async () => {
    server.use(
      http.post(`${api}/trees`, () =>
        nessieError(
          409,
          'REFERENCE_ALREADY_EXISTS',
          "Named reference 'dev' already exists.",
        ),
      ),
    );
    const error = await caught(() =>
      client.createBranch('dev', { name: 'main', hash: h0 }),
    );
    expect(error).toBeInstanceOf(AlreadyExistsError);
    expect(error.message).toBe(
      "nessie: POST /trees failed (409): Named reference 'dev' already exists.",
    );
  });

  it('reads the commit log with paging', async () => {
    server.use(
      http.get(`${api}/trees/dev/history`, ({ request }) => {
        const q = new URL(request.url).searchParams;
        expect([q.get('max-records'), q.get('page-token')]).toEqual([
          '1',
          'p0',
        ]);
        return HttpResponse.json({
          logEntries: [
            {
              commitMeta: {
                hash: h1,
                message: 'add ns',
                authors: ['ci'],
                parentCommitHashes: [h0],
              },
            },
          ],
          hasMore: true,
          token: 'p1',
        });
      }),
    );
    const page = await client.commitLog('dev', {
      maxRecords: 1,
      pageToken: 'p0',
    });
    expect(page.entries[0]).toMatchObject({
      hash: h1,
      message: 'add ns',
      authors: ['ci'],
    });
    expect(page.nextPageToken).toBe('p1');
  });

  it('diffs two references', async () => {
    server.use(
      http.get(`${api}/trees/main/diff/team%2Fdev`, () =>
        HttpResponse.json({
          diffs: [
            {
              key: { elements: ['ns'] },
              from: null,
              to: { type: 'NAMESPACE' },
            },
          ],
          hasMore: false,
        }),
      ),
    );
    expect(await client.diff('main', 'team/dev')).toEqual([
      { key: { elements: ['ns'] }, from: null, to: { type: 'NAMESPACE' } },
    ]);
    expect(requests[0].url).toBe(`${api}/trees/main/diff/team%2Fdev`);
  });

  it('rolls a branch back by assigning it, guarded by the expected hash', async () => {
    server.use(
      http.put(`${api}/trees/team%2Fdev@${h1}`, async ({ request }) => {
        expect(new URL(request.url).searchParams.get('type')).toBe('BRANCH');
        expect(await request.json()).toEqual({ type: 'DETACHED', hash: h0 });
        return HttpResponse.json({
          reference: { type: 'BRANCH', name: 'team/dev', hash: h0 },
        });
      }),
      http.put(`${api}/trees/team%2Fdev@${h0}`, () =>
        nessieError(
          409,
          'REFERENCE_CONFLICT',
          `Named-reference 'team/dev' is not at expected hash '${h0}', but at '${h1}'.`,
        ),
      ),
    );
    expect((await client.assignBranch('team/dev', h1, h0)).hash).toBe(h0);
    const error = await caught(() => client.assignBranch('team/dev', h0, h0));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).not.toBeInstanceOf(AlreadyExistsError);
  });

  it('deletes a reference at its expected hash; 404 is NotFoundError', async () => {
    server.use(
      http.delete(`${api}/trees/dev@${h0}`, () =>
        HttpResponse.json({
          reference: { type: 'BRANCH', name: 'dev', hash: h0 },
        }),
      ),
      http.delete(`${api}/trees/gone@${h0}`, () =>
        nessieError(
          404,
          'REFERENCE_NOT_FOUND',
          "Named reference 'gone' not found",
        ),
      ),
    );
    await client.deleteReference('dev', h0);
    await expect(client.deleteReference('gone', h0)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('times out naming the call', async () => {
    server.use(
      http.get(`${api}/trees`, async () => {
        await delay('infinite');
        return HttpResponse.json({ references: [] });
      }),
    );
    const error = await caught(() => client.listReferences({ timeoutMs: 30 }));
    expect(error).toBeInstanceOf(UpstreamTimeoutError);
    expect(error.message).toBe('nessie: GET /trees timed out after 30 ms');
  });

  it.each([
    '',
    '..',
    'a/../main',
    '/main',
    'main/',
    'a//b',
    '1abc',
    'main@abc',
    'x y',
  ])('rejects reference name %j before any request', async bad => {
    await expect(client.getReference(bad)).rejects.toBeInstanceOf(
      InvalidIdentifierError,
    );
    await expect(
      client.createBranch(bad, { name: 'main', hash: h0 }),
    ).rejects.toBeInstanceOf(InvalidIdentifierError);
    await expect(
      client.createBranch('ok', { name: bad, hash: h0 }),
    ).rejects.toBeInstanceOf(InvalidIdentifierError);
    await expect(client.deleteReference(bad, h0)).rejects.toBeInstanceOf(
      InvalidIdentifierError,
    );
    expect(requests).toHaveLength(0);
  });

  it.each(['', 'xyz', 'ABCDEF12', `${h0}0`])(
    'rejects hash %j before any request',
    async bad => {
      await expect(client.assignBranch('dev', bad, h0)).rejects.toBeInstanceOf(
        InvalidIdentifierError,
      );
      await expect(client.assignBranch('dev', h0, bad)).rejects.toBeInstanceOf(
        InvalidIdentifierError,
      );
      expect(requests).toHaveLength(0);
    },
  );
});
