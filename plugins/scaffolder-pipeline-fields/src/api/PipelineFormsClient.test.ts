import { http, HttpResponse } from 'msw';
import {
  mockBackendBaseUrl,
  mockBackendDeps,
  setupRecordingMsw,
} from '@internal/backstage-plugin-pipeline-react/testUtils';
import { PipelineFormsClient } from './PipelineFormsClient';

const { server, requests } = setupRecordingMsw();

const request = {
  shape: 'fraud-cep',
  table: 'fraud_signals',
  select: 'SELECT 1',
  params: { name: 'team-fraud', owner: 'group:default/risk-team' },
};

describe('PipelineFormsClient', () => {
  it('posts the check to the flink backend and remembers its answer', async () => {
    server.use(
      http.post(`${mockBackendBaseUrl('flink')}/select-check`, () =>
        HttpResponse.json({ status: 'accepted', planLines: 3, elapsedMs: 5 }),
      ),
    );
    const client = new PipelineFormsClient(mockBackendDeps());
    const first = await client.checkSelect(request);
    const again = await client.checkSelect({ ...request });
    expect(first).toEqual(again);
    expect(requests).toHaveLength(1);
    expect(await requests[0].json()).toEqual(request);
    await client.checkSelect({ ...request, select: 'SELECT 2' });
    expect(requests).toHaveLength(2);
  });

  it('reads the source schema from the trino backend, names URL-encoded', async () => {
    server.use(
      http.get(
        `${mockBackendBaseUrl('trino')}/sources/:s/tables/:t/columns`,
        () => HttpResponse.json({ columns: [] }),
      ),
    );
    await new PipelineFormsClient(mockBackendDeps()).listColumns(
      'commerce_pg',
      'a/b',
    );
    expect(new URL(requests[0].url).pathname).toBe(
      '/api/trino/sources/commerce_pg/tables/a%2Fb/columns',
    );
  });
});
