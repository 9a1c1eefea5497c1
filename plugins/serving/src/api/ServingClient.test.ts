import { http, HttpResponse } from 'msw';
import { DataPlatformApiError } from '@internal/backstage-plugin-pipeline-react';
import {
  mockBackendDeps,
  setupRecordingMsw,
} from '@internal/backstage-plugin-pipeline-react/testUtils';
import { servingBase as base } from '../__testUtils__/fixtures';
import { ServingClient } from './ServingClient';

const { server, requests } = setupRecordingMsw();
const client = new ServingClient(mockBackendDeps());
const ref = 'component:default/inventory-aggregation';

describe('ServingClient (frontend)', () => {
  it('asks for the stats of one target of an entity', async () => {
    server.use(
      http.get(`${base}/stats`, () => HttpResponse.json({ status: 'ready' })),
    );
    await client.stats(ref, 'couchdb:customer_case');
    const url = new URL(requests[0].url);
    expect([...url.searchParams]).toEqual([
      ['entityRef', ref],
      ['target', 'couchdb:customer_case'],
    ]);
  });

  it('posts the lookup as JSON', async () => {
    server.use(
      http.post(`${base}/lookup`, async ({ request }) =>
        HttpResponse.json({ got: await request.json() }),
      ),
    );
    expect(
      await client.lookup({ entityRef: ref, key: { sku: 'SKU-1' }, limit: 5 }),
    ).toEqual({ got: { entityRef: ref, key: { sku: 'SKU-1' }, limit: 5 } });
  });

  it("throws a DataPlatformApiError with the backend's message when a store is down", async () => {
    server.use(
      http.get(`${base}/stats`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'ServiceUnavailableError',
              message:
                'cassandra: describeTable inventory.inventory_projection failed: cannot reach 127.0.0.1:9042',
            },
          },
          { status: 503 },
        ),
      ),
    );
    const error = await client.stats(ref).catch(e => e);
    expect(error).toBeInstanceOf(DataPlatformApiError);
    expect(error.upstreamDown).toBe(true);
    expect(error.message).toMatch(/^cassandra: .*cannot reach/);
  });
});
