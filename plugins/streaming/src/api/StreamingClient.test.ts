import { http, HttpResponse } from 'msw';
import { DataPlatformApiError } from '@internal/backstage-plugin-pipeline-react';
import {
  mockBackendBaseUrl,
  mockBackendDeps,
  setupRecordingMsw,
} from '@internal/backstage-plugin-pipeline-react/testUtils';
import { StreamingClient } from './StreamingClient';

const { server } = setupRecordingMsw();
const BASE = mockBackendBaseUrl('streaming');
const client = new StreamingClient(mockBackendDeps());

describe('StreamingClient', () => {
  it('asks for the topic by entity ref', async () => {
    server.use(
      http.get(`${BASE}/topic`, ({ request }) =>
        HttpResponse.json({
          topic: new URL(request.url).searchParams.get('entityRef'),
          partitions: [],
        }),
      ),
    );
    expect(await client.getTopic('component:default/orders job')).toMatchObject(
      {
        topic: 'component:default/orders job',
      },
    );
  });

  it('posts the restart with the entity ref and, when given, the connector', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(`${BASE}/connectors/restart-failed`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({ restarted: [] });
      }),
    );
    await client.restartFailedTasks('component:default/a');
    await client.restartFailedTasks('component:default/a', 'orders-cdc');
    expect(bodies).toEqual([
      { entityRef: 'component:default/a' },
      { entityRef: 'component:default/a', connector: 'orders-cdc' },
    ]);
  });

  it("throws the backend's message when an upstream is down", async () => {
    server.use(
      http.get(`${BASE}/connectors`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'ServiceUnavailableError',
              message: 'kafka-connect is unreachable at http://x:8083',
            },
            request: { method: 'GET', url: '/api/streaming/connectors' },
            response: { statusCode: 503 },
          },
          { status: 503 },
        ),
      ),
    );
    const error = await client
      .getConnectors('component:default/a')
      .catch(e => e);
    expect(error).toBeInstanceOf(DataPlatformApiError);
    expect(error.upstreamDown).toBe(true);
    expect(error.message).toBe('kafka-connect is unreachable at http://x:8083');
  });
});
