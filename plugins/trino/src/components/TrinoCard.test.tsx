import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupRecordingMsw } from '@internal/backstage-plugin-pipeline-react/testUtils';
import {
  bareEntity,
  ordersEntity,
  readyOverview,
  trinoBase as base,
} from '../__testUtils__/fixtures';
import { renderWithEntity } from '../__testUtils__/renderWithEntity';
import { TrinoCard } from './TrinoCard';

const { server } = setupRecordingMsw();
const renderCard = (entity = ordersEntity) =>
  renderWithEntity(<TrinoCard />, entity);

describe('TrinoCard', () => {
  it('shows the Trino table, UI link, freshness vs SLO and copies the prepared SQL', async () => {
    server.use(
      http.get(`${base}/overview`, () => HttpResponse.json(readyOverview)),
      http.get(`${base}/freshness`, () =>
        HttpResponse.json({
          source: 'column',
          column: 'updated_at',
          ageSeconds: 45,
          sloSeconds: 120,
          sloSource: 'default',
          withinSlo: true,
        }),
      ),
    );
    const writeText = jest.fn(async () => {});
    Object.assign(navigator, { clipboard: { writeText } });
    await renderCard();
    expect(
      await screen.findByText('lakehouse.commerce.orders'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open Trino UI' })).toHaveAttribute(
      'href',
      'http://trino.ui/ui/',
    );
    expect(await screen.findByText('Within SLO')).toBeInTheDocument();
    expect(
      screen.getByText(
        /Newest data 45 s old \(max\(updated_at\)\); SLO 120 s \(pipeline default\)/,
      ),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Copy Row count SQL' }),
    );
    expect(writeText).toHaveBeenCalledWith(
      'SELECT count(*) AS row_count FROM "lakehouse"."commerce"."orders"',
    );
  });

  it('says Trino is down but still shows the SQL', async () => {
    server.use(
      http.get(`${base}/overview`, () =>
        HttpResponse.json({
          ...readyOverview,
          status: 'unavailable',
          message: 'trino: POST /v1/statement timed out after 4000 ms',
        }),
      ),
    );
    await renderCard();
    expect(
      await screen.findByText('Trino is not answering'),
    ).toBeInTheDocument();
    expect(screen.getByText(/timed out after 4000 ms/)).toBeInTheDocument();
    expect(screen.getByText(readyOverview.queries[0].sql)).toBeInTheDocument();
  });

  it('says a table that is not created yet is not readable yet', async () => {
    server.use(
      http.get(`${base}/overview`, () =>
        HttpResponse.json({ ...readyOverview, status: 'missing' }),
      ),
    );
    await renderCard();
    expect(
      await screen.findByText('lakehouse.commerce.orders is not readable yet'),
    ).toBeInTheDocument();
  });

  it('tells how to add the annotation, without asking the backend', async () => {
    const overview = jest.fn();
    server.use(http.get(`${base}/overview`, overview));
    await renderCard(bareEntity);
    expect(
      screen.getByText('No Paimon table on this entity'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('dataplatform.io/paimon-table: commerce.<table>'),
    ).toBeInTheDocument();
    await waitFor(() => expect(overview).not.toHaveBeenCalled());
  });
});
