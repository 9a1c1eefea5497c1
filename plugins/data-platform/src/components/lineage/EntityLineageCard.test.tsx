import type { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  entityWithAnnotations,
  mockBackendBaseUrl,
  mockBackendDeps,
  setupRecordingMsw,
} from '@internal/backstage-plugin-pipeline-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse, delay } from 'msw';
import {
  ordersMembers,
  ordersPlatform,
  ordersSystem,
} from '../../__testUtils__/ordersLakehouse';
import {
  PipelineStatusClient,
  pipelineStatusApiRef,
} from '../../api/PipelineStatusApi';
import { isSystemOrMember } from '../../plugin';
import { EntityLineageCard } from './EntityLineageCard';

const { server, requests } = setupRecordingMsw();
const flink = mockBackendBaseUrl('flink');
const streaming = mockBackendBaseUrl('streaming');
const trino = mockBackendBaseUrl('trino');

const freshness = (ageSeconds: number, sloSeconds = 120) => ({
  source: 'column',
  column: 'updated_at',
  ageSeconds,
  sloSeconds,
  sloSource: 'annotation',
  withinSlo: ageSeconds <= sloSeconds,
});

/** The four backends of the demo pipeline, all well; a test overrides one. */
const healthy = [
  http.get(`${flink}/summary`, () =>
    HttpResponse.json({
      status: 'deployed',
      entityRef: 'component:default/commerce-orders-to-paimon',
      jobName: 'commerce-orders-to-paimon',
      instance: 'local',
      job: {
        state: 'RUNNING',
        lastCheckpoint: {
          id: 7,
          status: 'COMPLETED',
          isSavepoint: false,
          ageMs: 8_000,
        },
      },
    }),
  ),
  http.get(`${streaming}/connectors`, () =>
    HttpResponse.json({
      instance: 'local',
      connectors: [
        {
          name: 'commerce-mariadb',
          state: 'RUNNING',
          tasks: [{ id: 0, state: 'RUNNING' }],
          failedTasks: 0,
        },
      ],
    }),
  ),
  http.get(`${streaming}/consumer-lag`, () =>
    HttpResponse.json({
      instance: 'local',
      groupId: 'flink-commerce-orders',
      topic: 't',
      state: 'Empty',
      members: 0,
      totalLag: 3,
      partitions: [],
    }),
  ),
  http.get(`${trino}/freshness`, () => HttpResponse.json(freshness(79))),
];

const render = (entity: Entity) =>
  renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityLineageCard />
    </EntityProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [
        [pipelineStatusApiRef, new PipelineStatusClient(mockBackendDeps())],
        catalogApiMock({
          entities: [ordersSystem, ...ordersMembers, ...ordersPlatform],
        }),
        mockApis.permission(),
      ],
    },
  );

const node = (name: string) => screen.getByRole('listitem', { name });
const verdict = () => screen.getByRole('status', { name: 'Pipeline verdict' });

describe('EntityLineageCard', () => {
  it('shows the stages in flow order while each node is still loading', async () => {
    server.use(
      ...healthy.map(() => http.get('*', async () => delay('infinite'))),
    );
    await render(ordersSystem);
    const stages = await screen.findAllByRole('region', { name: /^Stage/ });
    expect(stages.map(s => s.getAttribute('aria-label'))).toEqual([
      'Stage 1: Source',
      'Stage 2: Connector',
      'Stage 3: Topic',
      'Stage 4: Job',
      'Stage 5: Paimon table',
    ]);
    expect(
      within(stages[0]).getByText(/Resource · database · external/),
    ).toBeInTheDocument();
    expect(screen.getAllByText('checking…')).toHaveLength(4);
    expect(verdict()).toHaveTextContent('Checking');
  });

  it('shows each live status and a healthy verdict with the data age against the SLO', async () => {
    server.use(...healthy);
    await render(ordersSystem);
    const table = await screen.findByRole('listitem', {
      name: 'commerce.orders',
    });
    expect(await within(table).findByText('79 s of 120 s SLO')).toHaveAttribute(
      'data-color',
      'success',
    );
    expect(
      await within(node('Orders to Paimon job')).findByText('RUNNING'),
    ).toBeInTheDocument();
    expect(
      within(node('Orders to Paimon job')).getByText('checkpoint 8 s ago'),
    ).toBeInTheDocument();
    expect(
      within(node('MariaDB orders CDC connector')).getByText('RUNNING'),
    ).toBeInTheDocument();
    expect(
      await within(node('mariadb.commerce.orders')).findByText('lag 3'),
    ).toBeInTheDocument();
    expect(
      within(node('mariadb.commerce')).queryByText(/checking|unavailable/),
    ).toBeNull();
    expect(verdict()).toHaveTextContent('Healthy' + 'data 79 s old, SLO 120 s');
    expect(
      within(node('Orders to Paimon job')).getByRole('link', {
        name: 'Orders to Paimon job',
      }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/commerce-orders-to-paimon',
    );
    const refs = requests.map(
      r =>
        `${new URL(r.url).pathname} ${new URL(r.url).searchParams.get(
          'entityRef',
        )}`,
    );
    expect(refs.sort()).toEqual([
      '/api/flink/summary component:default/commerce-orders-to-paimon',
      '/api/streaming/connectors component:default/commerce-mariadb-cdc',
      '/api/streaming/consumer-lag resource:default/topic-mariadb-commerce-orders',
      '/api/trino/freshness resource:default/commerce.orders',
    ]);
  });

  it('marks a node whose upstream is down as unavailable, and the rest of the card still works', async () => {
    server.use(
      http.get(`${flink}/summary`, () =>
        HttpResponse.json(
          {
            error: {
              message:
                'flink-rest: cannot reach http://127.0.0.1:8081 (ECONNREFUSED)',
            },
          },
          { status: 503 },
        ),
      ),
      ...healthy,
    );
    await render(ordersSystem);
    const job = await screen.findByRole('listitem', {
      name: 'Orders to Paimon job',
    });
    expect(await within(job).findByText('unavailable')).toBeInTheDocument();
    expect(
      within(job).getByText(/cannot reach http:\/\/127.0.0.1:8081/),
    ).toBeInTheDocument();
    expect(
      await within(node('commerce.orders')).findByText('79 s of 120 s SLO'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('no status for Orders to Paimon job'),
    ).toBeInTheDocument();
    expect(verdict()).toHaveTextContent('Unknown');
  });

  it('shows a breached SLO in red and says the pipeline is degraded', async () => {
    server.use(
      http.get(`${trino}/freshness`, () => HttpResponse.json(freshness(600))),
      ...healthy,
    );
    await render(ordersSystem);
    const chip = await within(
      await screen.findByRole('listitem', { name: 'commerce.orders' }),
    ).findByText('10 min of 120 s SLO');
    expect(chip).toHaveAttribute('data-color', 'danger');
    expect(
      within(node('commerce.orders')).getByText('breaches its SLO'),
    ).toBeInTheDocument();
    expect(verdict()).toHaveTextContent(
      'Degraded' + 'data 10 min old, SLO 120 s',
    );
  });

  it('highlights the current member and links its system', async () => {
    server.use(...healthy);
    const job = ordersMembers.find(
      m => m.metadata.name === 'commerce-orders-to-paimon',
    )!;
    await render(job);
    const current = await screen.findByRole('listitem', {
      name: 'Orders to Paimon job',
    });
    expect(current).toHaveAttribute('aria-current', 'true');
    expect(within(current).getByText(/this entity/)).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'orders-lakehouse' }),
    ).toHaveAttribute('href', '/catalog/default/system/orders-lakehouse');
  });

  it('renders nothing, and asks nothing, for an entity outside any system', async () => {
    const loner = entityWithAnnotations({
      'dataplatform.io/flink-job-name': 'x',
    });
    expect(isSystemOrMember(loner)).toBe(false);
    expect(isSystemOrMember(ordersSystem)).toBe(true);
    await render(loner);
    expect(screen.queryByText('Pipeline lineage')).toBeNull();
    expect(requests).toHaveLength(0);
  });

  it('renders nothing for a system whose members name no pipeline object', async () => {
    await render(
      entityWithAnnotations(
        {},
        { kind: 'System', name: 'data-platform', spec: { owner: 'x' } },
      ),
    );
    await waitFor(() =>
      expect(screen.queryByText('Pipeline lineage')).toBeNull(),
    );
    expect(requests).toHaveLength(0);
  });
});
