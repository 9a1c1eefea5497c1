import { http, HttpResponse } from 'msw';
import { DataPlatformApiError } from '@internal/backstage-plugin-pipeline-react';
import {
  mockBackendDeps,
  setupRecordingMsw,
} from '@internal/backstage-plugin-pipeline-react/testUtils';
import {
  h1,
  h2,
  nessieBase,
  references,
  upstreamDown,
} from '../__testUtils__/fixtures';
import { NessieClient } from './NessieClient';

const { server, requests } = setupRecordingMsw();
const client = new NessieClient(mockBackendDeps());
const entityRef = 'resource:default/commerce.finance_fact';

describe('NessieClient (frontend)', () => {
  it('reads references with the entity ref as a query parameter', async () => {
    server.use(
      http.get(`${nessieBase}/references`, () =>
        HttpResponse.json(references()),
      ),
    );
    expect((await client.getReferences(entityRef)).branchHead).toBe(h2);
    expect(new URL(requests[0].url).searchParams.get('entityRef')).toBe(
      entityRef,
    );
  });

  it('encodes ref names with "/" and passes paging', async () => {
    server.use(
      http.get(`${nessieBase}/log`, () =>
        HttpResponse.json({ ref: 'finance/daily', entries: [] }),
      ),
    );
    await client.getCommitLog(entityRef, 'finance/daily', {
      limit: 50,
      pageToken: 'p1',
    });
    const url = new URL(requests[0].url);
    expect([
      url.searchParams.get('ref'),
      url.searchParams.get('limit'),
      url.searchParams.get('pageToken'),
    ]).toEqual(['finance/daily', '50', 'p1']);
    expect(url.search).toContain('ref=finance%2Fdaily');
  });

  it('posts a rollback with the expected and target hashes', async () => {
    server.use(
      http.post(`${nessieBase}/rollback`, async ({ request }) => {
        expect(await request.json()).toEqual({
          entityRef,
          branch: 'finance/daily',
          expectedHash: h2,
          targetHash: h1,
        });
        return HttpResponse.json({
          reference: { type: 'BRANCH', name: 'finance/daily', hash: h1 },
          previousHash: h2,
        });
      }),
    );
    expect(
      (
        await client.rollback(entityRef, {
          branch: 'finance/daily',
          expectedHash: h2,
          targetHash: h1,
        })
      ).reference.hash,
    ).toBe(h1);
  });

  it('surfaces the backend message and tells a conflict from an upstream that is down', async () => {
    server.use(
      http.post(`${nessieBase}/rollback`, () =>
        HttpResponse.json(
          {
            error: {
              message: 'branch finance/daily is no longer at 9f86d081884c',
            },
          },
          { status: 409 },
        ),
      ),
      http.get(`${nessieBase}/paimon`, () =>
        HttpResponse.json(
          upstreamDown(
            'flink-sql-gateway: POST /v2/sessions failed: cannot reach http://127.0.0.1:8090',
          ),
          {
            status: 503,
          },
        ),
      ),
    );
    const conflict = await client
      .rollback(entityRef, {
        branch: 'finance/daily',
        expectedHash: h2,
        targetHash: h1,
      })
      .catch(e => e);
    expect(conflict).toBeInstanceOf(DataPlatformApiError);
    expect([conflict.status, conflict.conflict, conflict.message]).toEqual([
      409,
      true,
      'branch finance/daily is no longer at 9f86d081884c',
    ]);
    const down = await client.getPaimonVersions(entityRef).catch(e => e);
    expect(down.upstreamDown).toBe(true);
    expect(down.message).toMatch(/^flink-sql-gateway: .*cannot reach/);
  });
});
