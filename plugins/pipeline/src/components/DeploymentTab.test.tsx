import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import type { PipelineView } from '@internal/backstage-plugin-pipeline-common';
import {
  entityWithAnnotations,
  mockBackendBaseUrl,
  setupRecordingMsw,
} from '@internal/backstage-plugin-pipeline-react/testUtils';
import { DeploymentTab } from './DeploymentTab';
import { renderWithEntity } from '../__testUtils__/renderWithEntity';

const { server, requests } = setupRecordingMsw();
const base = mockBackendBaseUrl('pipeline');
// The entity says team-b owns it; the registry says team-a: the tab shows the registry's owner.
const entity = entityWithAnnotations(
  { 'dataplatform.io/flink-job-name': 'orders-lakehouse' },
  {
    name: 'orders-lakehouse',
    spec: { type: 'flink-job', owner: 'group:default/team-b', lifecycle: 'x' },
  },
);

const view = (over: Partial<PipelineView> = {}): PipelineView => ({
  id: 'default/orders-lakehouse',
  name: 'orders-lakehouse',
  namespace: 'default',
  entityRef: 'component:default/orders-lakehouse',
  owner: 'group:default/team-a',
  platform: false,
  status: 'deployed',
  specDigest: 'aaaaaaaaaaaaaaaa',
  deployedAt: '2026-12-03T10:00:00.000Z',
  deployedBy: 'user:default/alice',
  repository: 'data-platform/orders-lakehouse',
  objects: [
    {
      kind: 'flink-job',
      instance: 'local',
      name: 'orders-lakehouse',
      ref: 'flink-job:local/orders-lakehouse',
    },
  ],
  history: [
    {
      id: 1,
      operation: 'deploy',
      actor: 'user:default/alice',
      startedAt: '2026-12-03T10:00:00.000Z',
      outcome: 'succeeded',
      specDigest: 'aaaaaaaaaaaaaaaa',
      steps: [],
    },
  ],
  savepoints: [
    {
      id: 7,
      jobId: '0123456789abcdef0123456789abcdef',
      location: 's3://flink/savepoints/savepoint-1',
      takenAt: '2026-12-03T11:00:00.000Z',
      reason: 'stop',
      actor: 'user:default/alice',
    },
  ],
  allowed: { deploy: true, stop: true, decommission: true },
  head: {
    source:
      'http://git.example/data-platform/orders-lakehouse/raw/main/pipeline.yaml',
    specDigest: 'bbbbbbbbbbbbbbbb',
    inSync: false,
  },
  ...over,
});

const operation = (message: string, steps: any[] = []) => ({
  pipeline: 'default/orders-lakehouse',
  operation: 'deploy',
  record: {
    id: 2,
    operation: 'deploy',
    actor: 'user:default/alice',
    startedAt: '2026-12-03T12:00:00.000Z',
    outcome: 'succeeded',
    specDigest: 'bbbbbbbbbbbbbbbb',
    previousDigest: 'aaaaaaaaaaaaaaaa',
    steps,
    message,
  },
});

// POST bodies, read as each request starts (a handler consumes the body afterwards).
const posted: Promise<[string, unknown]>[] = [];
server.events.on('request:start', ({ request }) => {
  if (request.method === 'POST')
    posted.push(
      request
        .clone()
        .json()
        .then(body => [new URL(request.url).pathname, body]),
    );
});
beforeEach(() => {
  posted.length = 0;
});
const posts = () => Promise.all(posted);

describe('DeploymentTab', () => {
  it("shows the registry's owner, HEAD against the deployed spec, history and savepoints", async () => {
    server.use(http.get(`${base}/by-entity`, () => HttpResponse.json(view())));
    await renderWithEntity(<DeploymentTab />, entity);
    expect(await screen.findByText('group:default/team-a')).toBeInTheDocument();
    expect(screen.queryByText('group:default/team-b')).not.toBeInTheDocument();
    expect(
      screen.getByText(/HEAD differs from the deployed spec/),
    ).toBeInTheDocument();
    expect(screen.getByText(/bbbbbbbbbbbbbbbb/)).toBeInTheDocument();
    const savepoints = screen.getByRole('grid', { name: 'Savepoints' });
    expect(
      within(savepoints).getByText('s3://flink/savepoints/savepoint-1'),
    ).toBeInTheDocument();
    expect(requests[0].url).toContain(
      'entityRef=component%3Adefault%2Forders-lakehouse',
    );
  });

  it('offers no action to who may not change the pipeline', async () => {
    server.use(
      http.get(`${base}/by-entity`, () =>
        HttpResponse.json(
          view({
            allowed: { deploy: false, stop: false, decommission: false },
          }),
        ),
      ),
    );
    await renderWithEntity(<DeploymentTab />, entity);
    expect(
      await screen.findByText(
        /Only the pipeline's owner \(group:default\/team-a\) and platform operators can change it/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /deploy/i })).toBeNull();
    expect(
      screen.queryByRole('button', { name: /Resume from this/ }),
    ).toBeNull();
  });

  it('shows the plan before anything changes, then deploys HEAD', async () => {
    server.use(
      http.get(`${base}/by-entity`, () => HttpResponse.json(view())),
      http.post(`${base}/deploy`, async ({ request }) => {
        const body = (await request.json()) as { dryRun?: boolean };
        return HttpResponse.json(
          body.dryRun
            ? operation('dry run: nothing was changed', [
                {
                  step: 'flink-job',
                  component: 'flink-rest',
                  dryRun: true,
                  changes: [
                    {
                      target: 'orders-lakehouse',
                      outcome: 'planned',
                      detail: 'would stop 0123 with a savepoint and resubmit',
                    },
                  ],
                },
              ])
            : operation('deployed'),
        );
      }),
    );
    await renderWithEntity(<DeploymentTab />, entity);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Plan and deploy HEAD…' }),
    );
    const plan = await screen.findByRole('grid', { name: 'Plan' });
    expect(
      within(plan).getByText('would stop 0123 with a savepoint and resubmit'),
    ).toBeInTheDocument();
    expect(await posts()).toEqual([
      [
        '/api/pipeline/deploy',
        { pipeline: 'default/orders-lakehouse', dryRun: true },
      ],
    ]);
    await userEvent.click(
      screen.getByRole('checkbox', { name: /start that state empty/ }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Deploy' }));
    expect(await screen.findByText(/Deployed: deployed/)).toBeInTheDocument();
    expect((await posts())[1]).toEqual([
      '/api/pipeline/deploy',
      { pipeline: 'default/orders-lakehouse', acceptStateLoss: true },
    ]);
  });

  it('decommissions only after both data choices are made', async () => {
    server.use(
      http.get(`${base}/by-entity`, () => HttpResponse.json(view())),
      http.post(`${base}/decommission`, () =>
        HttpResponse.json(
          operation('decommissioned; topics kept, tables dropped'),
        ),
      ),
    );
    await renderWithEntity(<DeploymentTab />, entity);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Decommission…' }),
    );
    const confirm = screen.getByRole('button', { name: 'Decommission' });
    expect(confirm).toBeDisabled();
    await userEvent.click(
      screen.getByRole('radio', { name: 'Keep the topics' }),
    );
    expect(confirm).toBeDisabled();
    await userEvent.click(
      screen.getByRole('radio', { name: 'Drop the tables' }),
    );
    expect(confirm).toBeEnabled();
    await userEvent.click(confirm);
    expect(
      await screen.findByText(/decommissioned; topics kept, tables dropped/),
    ).toBeInTheDocument();
    expect(await posts()).toEqual([
      [
        '/api/pipeline/decommission',
        {
          pipeline: 'default/orders-lakehouse',
          dropTopics: false,
          dropTables: true,
        },
      ],
    ]);
  });

  it('resumes from a chosen savepoint', async () => {
    server.use(
      http.get(`${base}/by-entity`, () => HttpResponse.json(view())),
      http.post(`${base}/resume`, () =>
        HttpResponse.json(
          operation('resumed from savepoint s3://flink/savepoints/savepoint-1'),
        ),
      ),
    );
    await renderWithEntity(<DeploymentTab />, entity);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Resume from savepoint 7' }),
    );
    expect(
      await screen.findByText(
        'resumed from savepoint s3://flink/savepoints/savepoint-1',
      ),
    ).toBeInTheDocument();
    expect(await posts()).toEqual([
      [
        '/api/pipeline/resume',
        { pipeline: 'default/orders-lakehouse', savepointId: 7 },
      ],
    ]);
  });

  it('says so when the entity is not a registered pipeline', async () => {
    server.use(
      http.get(`${base}/by-entity`, () =>
        HttpResponse.json(
          { error: { name: 'NotFoundError', message: 'no pipeline' } },
          { status: 404 },
        ),
      ),
    );
    await renderWithEntity(<DeploymentTab />, entity);
    expect(
      await screen.findByText(/is not a pipeline in the pipeline registry/),
    ).toBeInTheDocument();
  });
});
