import { http, HttpResponse } from 'msw';
import { DataPlatformApiError } from '@internal/backstage-plugin-pipeline-react';
import {
  mockBackendDeps,
  setupRecordingMsw,
} from '@internal/backstage-plugin-pipeline-react/testUtils';
import { deployedSummary, flinkBase } from '../__testUtils__/fixtures';
import { FlinkClient } from './FlinkClient';

const { server, requests } = setupRecordingMsw();
const client = new FlinkClient(mockBackendDeps());

describe('FlinkClient', () => {
  it('asks for the summary of an entity by its ref', async () => {
    server.use(
      http.get(`${flinkBase}/summary`, () =>
        HttpResponse.json(deployedSummary()),
      ),
    );
    const res = await client.getJobSummary('component:default/orders-job');
    expect(res.status).toBe('deployed');
    expect(new URL(requests[0].url).searchParams.get('entityRef')).toBe(
      'component:default/orders-job',
    );
  });

  it('passes the history sizes of the details call', async () => {
    server.use(
      http.get(`${flinkBase}/details`, () =>
        HttpResponse.json({ status: 'not-deployed' }),
      ),
    );
    await client.getJobDetails('component:default/x', {
      checkpoints: 5,
      exceptions: 3,
    });
    const q = new URL(requests[0].url).searchParams;
    expect([q.get('checkpoints'), q.get('exceptions')]).toEqual(['5', '3']);
  });

  it('posts the entity ref, and only it, to cancel and stop', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(`${flinkBase}/cancel`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({
          action: 'cancel',
          jid: 'a',
          jobName: 'j',
          entityRef: 'r',
        });
      }),
      http.post(`${flinkBase}/stop-with-savepoint`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({
          action: 'stop-with-savepoint',
          savepointLocation: 's3://x',
        });
      }),
    );
    await client.cancelJob('component:default/a');
    expect(
      (await client.stopJobWithSavepoint('component:default/a'))
        .savepointLocation,
    ).toBe('s3://x');
    expect(bodies).toEqual([
      { entityRef: 'component:default/a' },
      { entityRef: 'component:default/a' },
    ]);
  });

  it("keeps the backend's message and tells an unreachable Flink (503) apart", async () => {
    server.use(
      http.get(`${flinkBase}/summary`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'ServiceUnavailableError',
              message:
                'flink-rest: GET /jobs/overview failed: cannot reach http://127.0.0.1:8081',
            },
          },
          { status: 503 },
        ),
      ),
    );
    const error = await client
      .getJobSummary('component:default/a')
      .catch(e => e);
    expect(error).toBeInstanceOf(DataPlatformApiError);
    expect(error.upstreamDown).toBe(true);
    expect(error.message).toBe(
      'flink-rest: GET /jobs/overview failed: cannot reach http://127.0.0.1:8081',
    );
  });

  it('reports a 403 as such, with a readable message even without a JSON body', async () => {
    server.use(
      http.post(
        `${flinkBase}/cancel`,
        () => new HttpResponse('Forbidden', { status: 403 }),
      ),
    );
    const error = await client.cancelJob('component:default/a').catch(e => e);
    expect(error.status).toBe(403);
    expect(error.upstreamDown).toBe(false);
    expect(error.message).toBe('Forbidden');
  });
});
