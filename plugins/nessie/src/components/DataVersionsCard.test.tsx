import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupRecordingMsw } from '@internal/backstage-plugin-pipeline-react/testUtils';
import {
  annotated,
  entity,
  h2,
  nessieBase,
  paimon,
  references,
  upstreamDown,
} from '../__testUtils__/fixtures';
import { renderWithEntity } from '../__testUtils__/renderWithEntity';
import { DataVersionsCard } from './DataVersionsCard';

const { server, requests } = setupRecordingMsw();

describe('DataVersionsCard', () => {
  it('shows the branch head, the latest Paimon snapshot and the latest tag', async () => {
    server.use(
      http.get(`${nessieBase}/references`, () =>
        HttpResponse.json(references()),
      ),
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
  });

  it('keeps the Paimon rows when Nessie is down, and says so in the Nessie row', async () => {
    server.use(
      http.get(`${nessieBase}/references`, () =>
        HttpResponse.json(
          upstreamDown(
            'nessie: GET /trees failed: cannot reach http://127.0.0.1:19120',
          ),
          { status: 503 },
        ),
      ),
      http.get(`${nessieBase}/paimon`, () => HttpResponse.json(paimon())),
    );
    await renderWithEntity(<DataVersionsCard />, { entity: annotated });
    expect(await screen.findByText('Nessie not answering')).toBeInTheDocument();
    expect(
      await screen.findByText('#86 at 2026-11-24 08:43:27'),
    ).toBeInTheDocument();
  });

  it('says a table that is not deployed, and names the annotations an entity lacks', async () => {
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
    expect(
      screen.getByText('add dataplatform.io/nessie-branch: finance/daily'),
    ).toBeInTheDocument();
    expect(requests.map(r => new URL(r.url).pathname)).toEqual([
      '/api/nessie/paimon',
    ]);
  });
});
