import { http, HttpResponse } from 'msw';
import { DataPlatformApiError } from '@internal/backstage-plugin-pipeline-react';
import {
  mockBackendDeps,
  setupRecordingMsw,
} from '@internal/backstage-plugin-pipeline-react/testUtils';
import { trinoBase as base } from '../__testUtils__/fixtures';
import { TrinoClient } from './TrinoClient';

const { server } = setupRecordingMsw();
const client = new TrinoClient(mockBackendDeps());
const ref = 'resource:default/commerce.orders';

describe('TrinoClient (frontend)', () => {
  it('asks for the overview of an entity, with the chosen snapshot', async () => {
    server.use(
      http.get(`${base}/overview`, ({ request }) => {
        const url = new URL(request.url);
        return HttpResponse.json({
          status: 'ready',
          entityRef: url.searchParams.get('entityRef'),
          snapshot: url.searchParams.get('snapshotId'),
        });
      }),
    );
    expect(await client.overview(ref, '7')).toMatchObject({
      status: 'ready',
      entityRef: ref,
      snapshot: '7',
    });
  });

  it('posts the preview request as JSON', async () => {
    server.use(
      http.post(`${base}/preview`, async ({ request }) =>
        HttpResponse.json({ got: await request.json() }),
      ),
    );
    expect(
      await client.preview({
        entityRef: ref,
        query: 'timeTravel',
        limit: 10,
        snapshotId: '3',
      }),
    ).toEqual({
      got: { entityRef: ref, query: 'timeTravel', limit: 10, snapshotId: '3' },
    });
  });

  it('unwraps the snapshots list', async () => {
    server.use(
      http.get(`${base}/snapshots`, () =>
        HttpResponse.json({ snapshots: [{ snapshotId: '72' }] }),
      ),
    );
    expect(await client.snapshots(ref)).toEqual([{ snapshotId: '72' }]);
  });

  it("throws a DataPlatformApiError carrying the backend's message", async () => {
    server.use(
      http.get(`${base}/freshness`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'ServiceUnavailableError',
              message:
                'trino: POST /v1/statement failed: cannot reach http://127.0.0.1:8085',
            },
          },
          { status: 503 },
        ),
      ),
    );
    const error = await client.freshness(ref).catch(e => e);
    expect(error).toBeInstanceOf(DataPlatformApiError);
    expect([error.status, error.upstreamDown]).toEqual([503, true]);
    expect(error.message).toBe(
      'trino: POST /v1/statement failed: cannot reach http://127.0.0.1:8085',
    );
  });
});
