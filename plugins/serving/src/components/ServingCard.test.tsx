import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupRecordingMsw } from '@internal/backstage-plugin-pipeline-react/testUtils';
import {
  cassandraStats,
  couchStats,
  jobEntity,
  jobRef,
  servingBase as base,
  targets,
} from '../__testUtils__/fixtures';
import { renderWithEntity } from '../__testUtils__/renderWithEntity';
import { ServingCard } from './ServingCard';

const { server, requests } = setupRecordingMsw();
const statsHandler = http.get(`${base}/stats`, ({ request }) => {
  const target = new URL(request.url).searchParams.get('target');
  return HttpResponse.json(
    target === 'couchdb:customer_case' ? couchStats : cassandraStats,
  );
});

describe('ServingCard', () => {
  beforeEach(() => {
    jest.useFakeTimers({
      now: new Date('2026-03-01T10:00:36Z'),
      advanceTimers: true,
    });
  });
  afterEach(() => jest.useRealTimers());

  it('shows rows, last write and write latency per target', async () => {
    server.use(
      http.get(`${base}/targets`, () => HttpResponse.json(targets)),
      statsHandler,
    );
    await renderWithEntity(<ServingCard />, jobEntity);
    const cassandra = await screen.findByRole('region', {
      name: 'cassandra:inventory.inventory_projection',
    });
    expect(
      await within(cassandra).findByText('1,234 (exact)'),
    ).toBeInTheDocument();
    expect(
      within(cassandra).getByText(
        /^2026-03-01 10:00:24 UTC \(1\d\.\d s ago\)$/,
      ),
    ).toBeInTheDocument();
    expect(
      within(cassandra).getByText('p50 1.5 s · p95 4.0 s over 50 rows'),
    ).toBeInTheDocument();
    expect(
      within(cassandra).getByText(/^WRITETIME\(updated_at\) − updated_at/),
    ).toBeInTheDocument();
    const couch = screen.getByRole('region', { name: 'couchdb:customer_case' });
    expect(await within(couch).findByText('2 (exact)')).toBeInTheDocument();
    expect(
      within(couch).getAllByText('the documents carry no written_at'),
    ).toHaveLength(2);
    expect(
      within(couch).getByRole('link', { name: 'Open CouchDB UI' }),
    ).toHaveAttribute('href', 'http://couch.ui/_utils/');
  });

  it('looks up the stock of one SKU and shows the rows', async () => {
    const posted: unknown[] = [];
    server.use(
      http.get(`${base}/targets`, () => HttpResponse.json(targets)),
      statsHandler,
      http.post(`${base}/lookup`, async ({ request }) => {
        posted.push(await request.json());
        return HttpResponse.json({
          id: 'cassandra:inventory.inventory_projection',
          store: 'cassandra',
          query:
            'SELECT * FROM inventory.inventory_projection WHERE sku = ? LIMIT 20',
          rows: [{ sku: 'SKU-1', warehouse: 'w1', available: 7 }],
          truncated: false,
          limit: 20,
        });
      }),
    );
    await renderWithEntity(<ServingCard />, jobEntity);
    const cassandra = await screen.findByRole('region', {
      name: 'cassandra:inventory.inventory_projection',
    });
    const button = await within(cassandra).findByRole('button', {
      name: 'Look up',
    });
    expect(button).toBeDisabled();
    await userEvent.type(
      within(cassandra).getByRole('textbox', { name: /sku/ }),
      'SKU-1',
    );
    expect(button).toBeEnabled();
    await userEvent.click(button);
    const table = await within(cassandra).findByRole('grid', {
      name: 'Lookup rows',
    });
    expect(await within(table).findByText('SKU-1')).toBeInTheDocument();
    expect(within(table).getByText('7')).toBeInTheDocument();
    expect(posted).toEqual([
      {
        entityRef: jobRef,
        target: 'cassandra:inventory.inventory_projection',
        key: { sku: 'SKU-1', warehouse: '' },
        limit: 20,
      },
    ]);
    expect(within(cassandra).getByText(/^1 row/)).toBeInTheDocument();
  });

  it("says so when a customer's case is not there, and when the lookup is refused", async () => {
    let refuse = false;
    server.use(
      http.get(`${base}/targets`, () => HttpResponse.json(targets)),
      statsHandler,
      http.post(`${base}/lookup`, () =>
        refuse
          ? HttpResponse.json({ error: { message: 'no' } }, { status: 403 })
          : HttpResponse.json({
              id: 'couchdb:customer_case',
              store: 'couchdb',
              query:
                'customer_case/_design/customer_case/_view/customer_case?key=404',
              rows: [],
              truncated: false,
              limit: 20,
            }),
      ),
    );
    await renderWithEntity(<ServingCard />, jobEntity);
    const couch = await screen.findByRole('region', {
      name: 'couchdb:customer_case',
    });
    await userEvent.type(
      await within(couch).findByRole('textbox', { name: /Key/ }),
      '404',
    );
    await userEvent.click(
      within(couch).getByRole('button', { name: 'Look up' }),
    );
    expect(
      await within(couch).findByText(/No row for this key/),
    ).toBeInTheDocument();
    refuse = true;
    await userEvent.click(
      within(couch).getByRole('button', { name: 'Look up' }),
    );
    expect(
      await within(couch).findByText(
        /not allowed to look up rows of this entity/,
      ),
    ).toBeInTheDocument();
  });

  it('names the store that is down, and still shows the other one', async () => {
    server.use(
      http.get(`${base}/targets`, () => HttpResponse.json(targets)),
      http.get(`${base}/stats`, ({ request }) =>
        new URL(request.url).searchParams.get('target') ===
        'couchdb:customer_case'
          ? HttpResponse.json(couchStats)
          : HttpResponse.json(
              {
                error: {
                  message:
                    'cassandra: describeTable inventory.inventory_projection failed: cannot reach 127.0.0.1:9042 (connect ECONNREFUSED)',
                },
              },
              { status: 503 },
            ),
      ),
    );
    await renderWithEntity(<ServingCard />, jobEntity);
    expect(
      await screen.findByText('Cassandra is not answering'),
    ).toBeInTheDocument();
    expect(screen.getByText(/cannot reach 127.0.0.1:9042/)).toBeInTheDocument();
    expect(await screen.findByText('2 (exact)')).toBeInTheDocument();
  });

  it('says a table that is not created yet does not exist yet', async () => {
    server.use(
      http.get(`${base}/targets`, () =>
        HttpResponse.json({ ...targets, targets: [targets.targets[0]] }),
      ),
      http.get(`${base}/stats`, () =>
        HttpResponse.json({
          ...targets.targets[0],
          status: 'missing',
          checkedAt: '2026-03-01T10:00:30.000Z',
          message:
            'inventory.inventory_projection does not exist in Cassandra yet: deploy the pipeline',
        }),
      ),
    );
    await renderWithEntity(<ServingCard />, jobEntity);
    expect(
      await screen.findByText(
        'inventory.inventory_projection does not exist yet',
      ),
    ).toBeInTheDocument();
    await waitFor(() => expect(requests).toHaveLength(2));
    expect(
      screen.queryByRole('button', { name: 'Look up' }),
    ).not.toBeInTheDocument();
  });
});
