import type { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  mockBackendBaseUrl,
  mockBackendDeps,
  setupRecordingMsw,
} from '@internal/backstage-plugin-pipeline-react/testUtils';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import {
  member,
  ordersMembers,
  ordersPlatform,
  ordersSystem,
} from '../../__testUtils__/ordersLakehouse';
import {
  PipelineStatusClient,
  pipelineStatusApiRef,
} from '../../api/PipelineStatusApi';
import { EntityLineageCard } from './EntityLineageCard';

// The serving stage of the lineage card: a Cassandra and a CouchDB target after the job, each
// with its live chip from the serving backend (reachable, rows, last write).
const { server, requests } = setupRecordingMsw();
const serving = mockBackendBaseUrl('serving');
const servingTarget = (name: string, id: string) =>
  member(
    'Resource',
    name,
    id.startsWith('cassandra') ? 'cassandra-table' : 'couchdb-database',
    {
      system: 'orders-lakehouse',
      dependsOn: ['component:commerce-orders-to-paimon'],
      annotations: { 'dataplatform.io/serving-sinks': id },
    },
  );
const projection = servingTarget(
  'cassandra.inventory.inventory_projection',
  'cassandra:inventory.inventory_projection',
);
const cases = servingTarget('couchdb.customer_case', 'couchdb:customer_case');

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
          entities: [
            ordersSystem,
            ...ordersMembers,
            projection,
            cases,
            ...ordersPlatform,
          ],
        }),
        mockApis.permission(),
      ],
    },
  );

describe('EntityLineageCard: serving stage', () => {
  it('shows the serving targets after the job with their rows and last write, or why not', async () => {
    server.use(
      http.get(`${serving}/stats`, ({ request }) => {
        const ref = new URL(request.url).searchParams.get('entityRef');
        if (ref === 'resource:default/couchdb.customer_case')
          return HttpResponse.json(
            {
              error: {
                message:
                  'couchdb: GET /customer_case failed: cannot reach http://127.0.0.1:5984 (ECONNREFUSED)',
              },
            },
            { status: 503 },
          );
        return HttpResponse.json({
          id: 'cassandra:inventory.inventory_projection',
          store: 'cassandra',
          target: 'inventory.inventory_projection',
          instance: 'local',
          status: 'ready',
          checkedAt: new Date().toISOString(),
          rows: { count: 42, method: 'exact', note: '' },
          lastWrite: {
            at: new Date(Date.now() - 5000).toISOString(),
            source: '',
          },
        });
      }),
      http.get('*', () => HttpResponse.json({}, { status: 503 })),
    );
    await render(ordersSystem);
    const stages = await screen.findAllByRole('region', { name: /^Stage/ });
    const last = stages[stages.length - 1];
    expect(last.getAttribute('aria-label')).toMatch(/: Serving$/);
    const cassandra = within(last).getByRole('listitem', {
      name: 'cassandra.inventory.inventory_projection',
    });
    expect(await within(cassandra).findByText('42 rows')).toHaveAttribute(
      'data-color',
      'success',
    );
    expect(
      within(cassandra).getByText(
        /^Cassandra reachable · last write [56] s ago$/,
      ),
    ).toBeInTheDocument();
    const couch = within(last).getByRole('listitem', {
      name: 'couchdb.customer_case',
    });
    expect(await within(couch).findByText('unavailable')).toBeInTheDocument();
    expect(
      within(couch).getByText(
        /couchdb: .*cannot reach http:\/\/127.0.0.1:5984/,
      ),
    ).toBeInTheDocument();
    expect(
      requests
        .filter(r => new URL(r.url).pathname === '/api/serving/stats')
        .map(r => new URL(r.url).searchParams.get('entityRef'))
        .sort(),
    ).toEqual([
      'resource:default/cassandra.inventory.inventory_projection',
      'resource:default/couchdb.customer_case',
    ]);
  });
});
