import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupRecordingMsw } from '@internal/backstage-plugin-pipeline-react/testUtils';
import {
  ordersEntity,
  readyOverview,
  trinoBase as base,
} from '../__testUtils__/fixtures';
import { renderWithEntity } from '../__testUtils__/renderWithEntity';
import { TrinoContent } from './TrinoContent';

const { server } = setupRecordingMsw();
const renderTab = () => renderWithEntity(<TrinoContent />, ordersEntity);

beforeEach(() => {
  server.use(
    http.get(`${base}/overview`, () => HttpResponse.json(readyOverview)),
    http.get(`${base}/freshness`, () =>
      HttpResponse.json({
        source: 'snapshot',
        ageSeconds: 600,
        sloSeconds: 300,
        sloSource: 'annotation',
        withinSlo: false,
      }),
    ),
  );
});

describe('TrinoContent', () => {
  it('runs the preview and shows rows with column names and types', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(`${base}/preview`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({
          kind: 'preview',
          sql: 'SELECT * FROM "lakehouse"."commerce"."orders" LIMIT 50',
          columns: [
            { name: 'id', type: 'bigint' },
            { name: 'status', type: 'varchar' },
          ],
          rows: [
            [1, 'PAID'],
            [2, null],
          ],
          truncated: false,
          queryId: 'q1',
        });
      }),
    );
    await renderTab();
    expect(await screen.findByText('SLO missed')).toBeInTheDocument();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Run preview' }),
    );
    const table = await screen.findByRole('table', { name: 'Preview rows' });
    expect(within(table).getByText('status')).toBeInTheDocument();
    expect(within(table).getByText('varchar')).toBeInTheDocument();
    expect(within(table).getByText('PAID')).toBeInTheDocument();
    expect(within(table).getByText('NULL')).toBeInTheDocument();
    expect(screen.getByText(/2 rows/)).toBeInTheDocument();
    expect(bodies).toEqual([
      {
        entityRef: 'resource:default/commerce.orders',
        query: 'preview',
        limit: 50,
      },
    ]);
  });

  it('says so when the permission is denied', async () => {
    server.use(
      http.post(`${base}/preview`, () =>
        HttpResponse.json(
          { error: { name: 'NotAllowedError', message: 'not allowed' } },
          { status: 403 },
        ),
      ),
    );
    await renderTab();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Run preview' }),
    );
    expect(
      await screen.findByText(
        /not allowed to run Trino previews of this entity/,
      ),
    ).toBeInTheDocument();
  });

  it('shows the backend message when the table is gone', async () => {
    server.use(
      http.post(`${base}/preview`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotFoundError',
              message:
                '"lakehouse"."commerce"."orders" is not readable in Trino yet',
            },
          },
          { status: 404 },
        ),
      ),
    );
    await renderTab();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Run preview' }),
    );
    expect(
      await screen.findByText(/is not readable in Trino yet/),
    ).toBeInTheDocument();
  });
});
