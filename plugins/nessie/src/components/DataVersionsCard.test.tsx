import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupRecordingMsw } from '@internal/backstage-plugin-pipeline-react/testUtils';
import {
  annotated,
  entity,
  h2,
  nessieBase,
  paimon,
} from '../__testUtils__/fixtures';
import { renderWithEntity } from '../__testUtils__/renderWithEntity';
import { DataVersionsCard } from './DataVersionsCard';

const { server, requests } = setupRecordingMsw();

describe('DataVersionsCard', () => {
  it("shows main's newest commit of the table, the latest Paimon snapshot and the latest tag, in one call", async () => {
    server.use(
      http.get(`${nessieBase}/paimon`, () => HttpResponse.json(paimon())),
    );
    await renderWithEntity(<DataVersionsCard />, { entity: annotated });
    expect(await screen.findByText(h2.slice(0, 12))).toHaveAttribute(
      'title',
      h2,
    );
    expect(
      await screen.findByText('#86 at 2026-11-24 08:43:27'),
    ).toBeInTheDocument();
    expect(screen.getByText('finance-daily-20261124')).toBeInTheDocument();
    expect(screen.getByText('Latest commit on main')).toBeInTheDocument();
    // The card needs no Nessie references: one request.
    expect(requests.map(r => new URL(r.url).pathname)).toEqual([
      '/api/nessie/paimon',
    ]);
  });

  it('keeps the Paimon rows when Nessie is down, and says so in the Nessie row', async () => {
    server.use(
      http.get(`${nessieBase}/paimon`, () =>
        HttpResponse.json({
          ...paimon(),
          nessieLinkError:
            'nessie: GET /trees failed: cannot reach http://127.0.0.1:19120',
        }),
      ),
    );
    await renderWithEntity(<DataVersionsCard />, { entity: annotated });
    expect(await screen.findByText('Nessie not answering')).toBeInTheDocument();
    expect(
      await screen.findByText('#86 at 2026-11-24 08:43:27'),
    ).toBeInTheDocument();
  });

  it('says a table that is not deployed, without asking for references', async () => {
    server.use(
      http.get(`${nessieBase}/paimon`, () =>
        HttpResponse.json({
          entityRef: 'x',
          tables: [
            {
              table: 'commerce.finance_fact',
              state: 'missing',
              snapshots: [],
              tags: [],
            },
          ],
        }),
      ),
    );
    await renderWithEntity(<DataVersionsCard />, {
      entity: entity({
        'dataplatform.io/paimon-table': 'commerce.finance_fact',
      }),
    });
    expect(await screen.findByText('table not deployed')).toBeInTheDocument();
    expect(requests.map(r => new URL(r.url).pathname)).toEqual([
      '/api/nessie/paimon',
    ]);
  });
});
