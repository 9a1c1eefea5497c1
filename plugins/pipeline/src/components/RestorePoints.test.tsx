import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import type {
  PipelineRestorePlan,
  PipelineRestorePointView,
  PipelineView,
} from '@internal/backstage-plugin-pipeline-common';
import {
  entityWithAnnotations,
  mockBackendBaseUrl,
  setupRecordingMsw,
} from '@internal/backstage-plugin-pipeline-react/testUtils';
import { DeploymentTab } from './DeploymentTab';
import { renderWithEntity } from '../__testUtils__/renderWithEntity';

const { server, requests } = setupRecordingMsw();
const base = mockBackendBaseUrl('pipeline');
const entity = entityWithAnnotations(
  { 'dataplatform.io/flink-job-name': 'orders-lakehouse' },
  {
    name: 'orders-lakehouse',
    spec: { type: 'flink-job', owner: 'group:default/team-a', lifecycle: 'x' },
  },
);

const offsets = (pos: number) => [
  {
    partition: { server: 'orders-lakehouse-my' },
    offset: { file: 'binlog.000001', pos, gtids: '0-101-5357' },
  },
];
const point: PipelineRestorePointView = {
  id: 3,
  name: 'orders/restore-20261203-101500',
  createdAt: '2026-12-03T10:15:00.000Z',
  createdBy: 'user:default/alice',
  specDigest: 'aaaaaaaaaaaaaaaa',
  savepoint: {
    jobId: '0123456789abcdef0123456789abcdef',
    location: 's3://flink/savepoints/savepoint-rp',
  },
  nessie: { tag: 'orders/restore-20261203-101500', hash: 'ab'.repeat(32) },
  tables: [
    {
      table: 'commerce.orders',
      snapshotId: 42,
      paimonTag: 'orders-restore-20261203-101500',
    },
  ],
  connectors: [{ name: 'orders-lakehouse-mariadb', offsets: offsets(1744007) }],
};

const view = (over: Partial<PipelineView> = {}): PipelineView => ({
  id: 'default/orders-lakehouse',
  name: 'orders-lakehouse',
  namespace: 'default',
  entityRef: 'component:default/orders-lakehouse',
  owner: 'group:default/team-a',
  platform: false,
  status: 'deployed',
  specDigest: 'aaaaaaaaaaaaaaaa',
  objects: [],
  history: [],
  savepoints: [],
  allowed: {
    deploy: true,
    stop: true,
    decommission: true,
    restorePoint: true,
    restore: true,
  },
  restorePoints: [point],
  ...over,
});

const plan = (
  over: Partial<PipelineRestorePlan> = {},
): PipelineRestorePlan => ({
  pipeline: 'default/orders-lakehouse',
  restorePoint: point,
  job: {
    name: 'orders-lakehouse',
    liveJobId: 'fedcba9876543210fedcba9876543210',
    state: 'RUNNING',
    resumeFrom: 's3://flink/savepoints/savepoint-rp',
  },
  tables: [{ ...point.tables[0], currentSnapshotId: 57, restorable: true }],
  connectors: [
    {
      name: 'orders-lakehouse-mariadb',
      state: 'RUNNING',
      current: offsets(1900000),
      target: offsets(1744007),
    },
  ],
  problems: [],
  confirm: point.name,
  ...over,
});

const operation = (message: string) => ({
  pipeline: 'default/orders-lakehouse',
  operation: 'restore',
  record: {
    id: 9,
    operation: 'restore',
    actor: 'user:default/alice',
    startedAt: '2026-12-03T12:00:00.000Z',
    outcome: 'succeeded',
    steps: [],
    message,
  },
  restorePoint: point,
});

const posts = () =>
  Promise.all(
    requests
      .filter(r => r.method === 'POST')
      .map(async r => [new URL(r.url).pathname, await r.clone().json()]),
  );

describe('Restore points on the Deployment tab', () => {
  it('lists each restore point with what it binds', async () => {
    server.use(http.get(`${base}/by-entity`, () => HttpResponse.json(view())));
    await renderWithEntity(<DeploymentTab />, entity);
    const grid = await screen.findByRole('grid', { name: 'Restore points' });
    expect(within(grid).getByText(point.name)).toBeInTheDocument();
    expect(
      within(grid).getByText(
        'commerce.orders @ orders-restore-20261203-101500 #42',
      ),
    ).toBeInTheDocument();
    expect(
      within(grid).getByText(
        'orders-lakehouse-mariadb: binlog.000001:1744007 (gtids 0-101-5357)',
      ),
    ).toBeInTheDocument();
    expect(
      within(grid).getByText('s3://flink/savepoints/savepoint-rp'),
    ).toBeInTheDocument();
  });

  it('shows what a restore will change before anything happens, then restores with the confirmation', async () => {
    server.use(
      http.get(`${base}/by-entity`, () => HttpResponse.json(view())),
      http.get(
        `${base}/pipelines/default/orders-lakehouse/restore-points/3/plan`,
        () => HttpResponse.json(plan()),
      ),
      http.post(`${base}/restore`, () =>
        HttpResponse.json(
          operation(
            'restored to orders/restore-20261203-101500: job resumed from s3://flink/savepoints/savepoint-rp',
          ),
        ),
      ),
    );
    await renderWithEntity(<DeploymentTab />, entity);
    await userEvent.click(
      await screen.findByRole('button', { name: `Restore to ${point.name}` }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByLabelText('job change'),
    ).toHaveTextContent(
      "Job orders-lakehouse: fedcba9876543210fedcba9876543210 (RUNNING) stops with a savepoint (kept, the way back), then resumes from the restore point's savepoint s3://flink/savepoints/savepoint-rp.",
    );
    const tables = within(dialog).getByRole('grid', {
      name: 'Tables to restore',
    });
    expect(
      within(tables).getByText(
        '57 now → content of 42 (tag orders-restore-20261203-101500)',
      ),
    ).toBeInTheDocument();
    const connectors = within(dialog).getByRole('grid', {
      name: 'Connector offsets to restore',
    });
    expect(
      within(connectors).getByText(
        'RUNNING, binlog.000001:1900000 (gtids 0-101-5357)',
      ),
    ).toBeInTheDocument();
    expect(
      within(connectors).getByText('binlog.000001:1744007 (gtids 0-101-5357)'),
    ).toBeInTheDocument();
    // Nothing was asked to change while the confirmation was shown.
    expect(await posts()).toEqual([]);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Restore' }),
    );
    expect(
      await screen.findByText(
        'restored to orders/restore-20261203-101500: job resumed from s3://flink/savepoints/savepoint-rp',
      ),
    ).toBeInTheDocument();
    expect(await posts()).toEqual([
      [
        '/api/pipeline/restore',
        {
          pipeline: 'default/orders-lakehouse',
          restorePoint: 3,
          confirm: point.name,
          hold: false,
        },
      ],
    ]);
  });

  it('asks to hold when the box is ticked', async () => {
    server.use(
      http.get(`${base}/by-entity`, () => HttpResponse.json(view())),
      http.get(
        `${base}/pipelines/default/orders-lakehouse/restore-points/3/plan`,
        () => HttpResponse.json(plan()),
      ),
      http.post(`${base}/restore`, () => HttpResponse.json(operation('held'))),
    );
    await renderWithEntity(<DeploymentTab />, entity);
    await userEvent.click(
      await screen.findByRole('button', { name: `Restore to ${point.name}` }),
    );
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByLabelText('job change');
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: /Hold after the restore/ }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Restore' }),
    );
    await screen.findByText('held');
    expect((await posts())[0][1]).toMatchObject({ hold: true });
  });

  it('refuses to restore a point the plan says cannot be restored', async () => {
    server.use(
      http.get(`${base}/by-entity`, () => HttpResponse.json(view())),
      http.get(
        `${base}/pipelines/default/orders-lakehouse/restore-points/3/plan`,
        () =>
          HttpResponse.json(
            plan({
              problems: [
                'Paimon tag orders-restore-20261203-101500 of commerce.orders no longer exists',
              ],
            }),
          ),
      ),
    );
    await renderWithEntity(<DeploymentTab />, entity);
    await userEvent.click(
      await screen.findByRole('button', { name: `Restore to ${point.name}` }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText('This restore point cannot be restored'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Restore' }),
    ).toBeDisabled();
  });

  it('creates a restore point after saying what it does', async () => {
    server.use(
      http.get(`${base}/by-entity`, () =>
        HttpResponse.json(view({ restorePoints: [] })),
      ),
      http.post(`${base}/restore-points`, () =>
        HttpResponse.json({
          ...operation('restore point orders/restore-20261203-101500'),
          operation: 'restore-point',
        }),
      ),
    );
    await renderWithEntity(<DeploymentTab />, entity);
    expect(
      await screen.findByText('No restore point yet.'),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Create restore point…' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(/stops with a savepoint\s+and resumes from it/),
    ).toBeInTheDocument();
    expect(await posts()).toEqual([]);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create restore point' }),
    );
    expect(
      await screen.findByText(`Created ${point.name}`),
    ).toBeInTheDocument();
    expect(await posts()).toEqual([
      [
        '/api/pipeline/restore-points',
        { pipeline: 'default/orders-lakehouse' },
      ],
    ]);
  });

  it('offers neither create nor restore to who may not', async () => {
    server.use(
      http.get(`${base}/by-entity`, () =>
        HttpResponse.json(
          view({
            allowed: {
              deploy: false,
              stop: false,
              decommission: false,
              restorePoint: false,
              restore: false,
            },
          }),
        ),
      ),
    );
    await renderWithEntity(<DeploymentTab />, entity);
    await screen.findByRole('grid', { name: 'Restore points' });
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: /restore/i }),
      ).not.toBeInTheDocument(),
    );
  });
});
