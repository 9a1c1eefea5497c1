import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupRecordingMsw } from '@internal/backstage-plugin-pipeline-react/testUtils';
import {
  annotated,
  deployedSummary,
  entity,
  flinkBase,
  notDeployed,
} from '../__testUtils__/fixtures';
import { EntityFlinkJobCard } from './EntityFlinkJobCard';
import { renderWithEntity } from '../__testUtils__/renderWithEntity';

const { server, requests } = setupRecordingMsw();

describe('EntityFlinkJobCard', () => {
  it('shows a running job: state, uptime, restarts, checkpoint, backpressure, rates and the dashboard link', async () => {
    server.use(
      http.get(`${flinkBase}/summary`, () =>
        HttpResponse.json(deployedSummary()),
      ),
    );
    await renderWithEntity(<EntityFlinkJobCard />, { entity: annotated });
    expect(await screen.findByText('RUNNING')).toBeInTheDocument();
    expect(screen.getByText(/^2h 5m$/)).toBeInTheDocument();
    expect(screen.getByText('3')).toBeInTheDocument();
    expect(screen.getByText(/^1[2-4]s ago$/)).toBeInTheDocument();
    expect(screen.getByText('126 ms / 5.1 KiB')).toBeInTheDocument();
    expect(screen.getByText('LOW')).toBeInTheDocument();
    expect(screen.getByText('0.12/s / 0.17/s')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Open in Flink dashboard' }),
    ).toHaveAttribute(
      'href',
      'http://localhost:8081/#/job/running/4ec96998348a84e924d6448cafea94e5/overview',
    );
    expect(new URL(requests[0].url).searchParams.get('entityRef')).toBe(
      'component:default/orders-job',
    );
  });

  it('says the TaskManager is down when the cluster has none, above the job figures', async () => {
    server.use(
      http.get(`${flinkBase}/summary`, () =>
        HttpResponse.json({
          ...deployedSummary(),
          cluster: { taskManagers: 0, slotsTotal: 0, slotsAvailable: 0 },
        }),
      ),
    );
    await renderWithEntity(<EntityFlinkJobCard />, { entity: annotated });
    expect(
      await screen.findByText('No TaskManager (flink-taskmanager is down)'),
    ).toBeInTheDocument();
    expect(screen.getByText('RUNNING')).toBeInTheDocument();
  });

  it('says nothing about TaskManagers while the cluster has one', async () => {
    server.use(
      http.get(`${flinkBase}/summary`, () =>
        HttpResponse.json({
          ...deployedSummary(),
          cluster: { taskManagers: 1, slotsTotal: 16, slotsAvailable: 9 },
        }),
      ),
    );
    await renderWithEntity(<EntityFlinkJobCard />, { entity: annotated });
    expect(await screen.findByText('RUNNING')).toBeInTheDocument();
    expect(screen.queryByText(/No TaskManager/)).not.toBeInTheDocument();
  });

  it('says the job is not deployed when the cluster has no job of that name', async () => {
    server.use(
      http.get(`${flinkBase}/summary`, () => HttpResponse.json(notDeployed)),
    );
    await renderWithEntity(<EntityFlinkJobCard />, { entity: annotated });
    expect(
      await screen.findByText(
        'Job "commerce-orders-to-paimon" is not deployed',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'Open in Flink dashboard' }),
    ).toBeNull();
  });

  it('explains an unreachable Flink with the component and what to check', async () => {
    server.use(
      http.get(`${flinkBase}/summary`, () =>
        HttpResponse.json(
          {
            error: {
              message:
                'flink-rest: GET /jobs/overview failed: cannot reach http://127.0.0.1:8081 (ECONNREFUSED)',
            },
          },
          { status: 503 },
        ),
      ),
    );
    await renderWithEntity(<EntityFlinkJobCard />, { entity: annotated });
    expect(
      await screen.findByText('Flink is not answering'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /cannot reach http:\/\/127.0.0.1:8081 \(ECONNREFUSED\).*JobManager REST API/,
      ),
    ).toBeInTheDocument();
  });

  it('tells how to add the annotation, without calling the backend', async () => {
    await renderWithEntity(<EntityFlinkJobCard />, { entity: entity() });
    expect(
      await screen.findByText('No Flink job is linked to this entity'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('dataplatform.io/flink-job-name: <job name>'),
    ).toBeInTheDocument();
    expect(requests).toHaveLength(0);
  });
});
