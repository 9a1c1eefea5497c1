import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupRecordingMsw } from '@internal/backstage-plugin-pipeline-react/testUtils';
import {
  annotated,
  deployedDetails,
  entity,
  flinkBase,
} from '../__testUtils__/fixtures';
import { FlinkJobTab } from './FlinkJobTab';
import { renderWithEntity } from '../__testUtils__/renderWithEntity';

const { server, requests } = setupRecordingMsw();
const posted = () =>
  requests.filter(r => r.method === 'POST').map(r => new URL(r.url).pathname);

describe('FlinkJobTab', () => {
  beforeEach(() => {
    server.use(
      http.get(`${flinkBase}/details`, () =>
        HttpResponse.json(deployedDetails()),
      ),
      http.post(`${flinkBase}/cancel`, () =>
        HttpResponse.json({
          action: 'cancel',
          entityRef: 'component:default/orders-job',
          jobName: 'commerce-orders-to-paimon',
          jid: '4ec96998348a84e924d6448cafea94e5',
        }),
      ),
    );
  });

  it('shows vertices with their backpressure, the checkpoint history and recent exceptions', async () => {
    await renderWithEntity(<FlinkJobTab />, { entity: annotated });
    const vertices = await screen.findByRole('grid', { name: 'Vertices' });
    const source = within(vertices).getByRole('row', {
      name: /Source: orders_cdc/,
    });
    expect(within(source).getByText('HIGH')).toBeInTheDocument();
    expect(within(source).getByText('80% / 10%')).toBeInTheDocument();
    const history = screen.getByRole('grid', { name: 'Checkpoint history' });
    expect(within(history).getByText('#36')).toBeInTheDocument();
    expect(within(history).getByText('FAILED')).toBeInTheDocument();
    expect(
      screen.getByText('java.io.IOException: Connection reset'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('36 completed, 1 failed, 0 in progress, 0 restored'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Open in Flink dashboard' }),
    ).toHaveAttribute('href', expect.stringContaining('/#/job/running/'));
  });

  it('cancels only after a confirmation that names the job', async () => {
    await renderWithEntity(<FlinkJobTab />, { entity: annotated });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Cancel job' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Cancel job "commerce-orders-to-paimon"?'),
    ).toBeInTheDocument();
    expect(posted()).toEqual([]);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Keep it running' }),
    );
    expect(posted()).toEqual([]);

    await userEvent.click(screen.getByRole('button', { name: 'Cancel job' }));
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Cancel job',
      }),
    );
    expect(
      await screen.findByText(/Cancelled job commerce-orders-to-paimon/),
    ).toBeInTheDocument();
    expect(posted()).toEqual(['/api/flink/cancel']);
  });

  it('hides cancel and stop from who may not use them', async () => {
    // usePermission caches decisions per resourceRef across renders: use an entity of its own.
    const other = {
      ...annotated,
      metadata: { ...annotated.metadata, name: 'denied-job' },
    };
    await renderWithEntity(<FlinkJobTab />, {
      entity: other,
      permission: AuthorizeResult.DENY,
    });
    await screen.findByRole('grid', { name: 'Vertices' });
    expect(screen.queryByRole('button', { name: 'Cancel job' })).toBeNull();
    expect(
      screen.queryByRole('button', { name: 'Stop with savepoint' }),
    ).toBeNull();
  });

  it('keeps the page usable when Flink is down', async () => {
    server.use(
      http.get(`${flinkBase}/details`, () =>
        HttpResponse.json(
          {
            error: {
              message: 'flink-rest: GET /jobs/overview timed out after 4000 ms',
            },
          },
          { status: 503 },
        ),
      ),
    );
    await renderWithEntity(<FlinkJobTab />, { entity: annotated });
    expect(
      await screen.findByText('Flink is not answering'),
    ).toBeInTheDocument();
    expect(screen.getByText(/timed out after 4000 ms/)).toBeInTheDocument();
  });

  it('tells how to add the annotation on a flink-job component without it', async () => {
    await renderWithEntity(<FlinkJobTab />, { entity: entity() });
    expect(
      await screen.findByText('No Flink job is linked to this entity'),
    ).toBeInTheDocument();
    expect(requests).toHaveLength(0);
  });
});
