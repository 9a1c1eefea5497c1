import type { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import {
  entityWithAnnotations,
  mockBackendBaseUrl,
  mockBackendDeps,
  setupRecordingMsw,
} from '@internal/backstage-plugin-pipeline-react/testUtils';
import { streamingApiRef } from '../api/StreamingApi';
import { StreamingClient } from '../api/StreamingClient';
import { StreamingCard } from './StreamingCard';
import { StreamingContent } from './StreamingContent';

const BASE = mockBackendBaseUrl('streaming');
const { server } = setupRecordingMsw();
const client = new StreamingClient(mockBackendDeps());
const full = entityWithAnnotations({
  'dataplatform.io/kafka-topic': 'mariadb.commerce.orders',
  'dataplatform.io/kafka-consumer-group': 'flink-commerce-orders',
  'dataplatform.io/kafka-connector': 'orders-cdc',
});

const topic = {
  instance: 'local',
  topic: 'mariadb.commerce.orders',
  totalMessages: 138,
  config: { retentionMs: 259200000, cleanupPolicy: 'delete' },
  partitions: [
    {
      partition: 0,
      leader: 1,
      replicas: [1],
      isr: [1],
      underReplicated: false,
      startOffset: 0,
      endOffset: 138,
      messages: 138,
    },
  ],
};
const lag = (totalLag: number) => ({
  instance: 'local',
  groupId: 'flink-commerce-orders',
  topic: 'mariadb.commerce.orders',
  state: 'Empty',
  members: 0,
  totalLag,
  partitions: [
    {
      partition: 0,
      endOffset: 138,
      committedOffset: 138 - totalLag,
      lag: totalLag,
    },
  ],
});
const connectors = (taskState: string) => ({
  instance: 'local',
  connectors: [
    {
      name: 'orders-cdc',
      state: 'RUNNING',
      type: 'source',
      workerId: '127.0.0.1:8083',
      failedTasks: taskState === 'FAILED' ? 1 : 0,
      tasks: [
        {
          id: 0,
          state: taskState,
          workerId: '127.0.0.1:8083',
          trace:
            taskState === 'FAILED'
              ? 'org.apache.kafka.common.errors.TimeoutException: boom'
              : undefined,
        },
      ],
    },
  ],
});

function upstreams(
  options: { totalLag?: number; taskState?: string; kafkaDown?: boolean } = {},
) {
  const down = () =>
    HttpResponse.json(
      {
        error: {
          name: 'ServiceUnavailableError',
          message: 'kafka is unreachable at 127.0.0.1:9092',
        },
        request: { method: 'GET', url: '/api/streaming/topic' },
        response: { statusCode: 503 },
      },
      { status: 503 },
    );
  server.use(
    http.get(`${BASE}/topic`, () =>
      options.kafkaDown ? down() : HttpResponse.json(topic),
    ),
    http.get(`${BASE}/consumer-lag`, () =>
      options.kafkaDown
        ? down()
        : HttpResponse.json(lag(options.totalLag ?? 2)),
    ),
    http.get(`${BASE}/connectors`, () =>
      HttpResponse.json(connectors(options.taskState ?? 'RUNNING')),
    ),
  );
}

function render(element: JSX.Element, e: Entity, allow = true) {
  return renderInTestApp(
    <EntityProvider entity={e}>{element}</EntityProvider>,
    {
      config: { dataPlatform: { streaming: { lagWarningThreshold: 100 } } },
      apis: [
        [streamingApiRef, client],
        [
          permissionApiRef,
          mockApis.permission({
            authorize: allow ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
          }),
        ],
      ],
    },
  );
}

describe('StreamingCard', () => {
  it('shows topic end offsets, lag and a running connector; no restart button', async () => {
    upstreams();
    await render(<StreamingCard />, full);
    expect(await screen.findByText(/p0 138/)).toBeInTheDocument();
    expect(await screen.findAllByText('RUNNING')).toHaveLength(2); // connector and task 0
    expect(screen.getByTestId('total-lag')).toHaveTextContent('2');
    expect(screen.queryByText(/above/)).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Restart failed tasks' }),
    ).not.toBeInTheDocument();
  });

  it('flags lag above the threshold', async () => {
    upstreams({ totalLag: 5000 });
    await render(<StreamingCard />, full);
    expect(await screen.findByText(/above 100/)).toBeInTheDocument();
  });

  it('keeps the connector part when Kafka is down, and says Kafka is down', async () => {
    upstreams({ kafkaDown: true });
    await render(<StreamingCard />, full);
    expect(await screen.findAllByText(/kafka is unreachable/)).toHaveLength(2);
    expect(await screen.findAllByText('RUNNING')).toHaveLength(2);
  });

  it('restarts failed tasks after confirmation', async () => {
    upstreams({ taskState: 'FAILED' });
    const posted: unknown[] = [];
    server.use(
      http.post(`${BASE}/connectors/restart-failed`, async ({ request }) => {
        posted.push(await request.json());
        return HttpResponse.json({
          restarted: [
            { connector: 'orders-cdc', tasks: [0], connectorRestarted: false },
          ],
        });
      }),
    );
    await render(<StreamingCard />, full);
    const button = await screen.findByRole('button', {
      name: 'Restart failed tasks',
    });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Restart' }),
    );
    await waitFor(() =>
      expect(posted).toEqual([{ entityRef: 'component:default/orders-job' }]),
    );
  });

  it('disables the restart for a user without the permission', async () => {
    upstreams({ taskState: 'FAILED' });
    // usePermission caches answers per request (SWR): another entity, so ALLOW from above is not reused.
    const other = {
      ...full,
      metadata: { ...full.metadata, name: 'someone-elses-job' },
    };
    await render(<StreamingCard />, other, false);
    expect(
      await screen.findByText(/Only owners of this entity/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Restart failed tasks' }),
    ).toBeDisabled();
  });

  it('says which annotations to add', async () => {
    upstreams();
    await render(
      <StreamingCard />,
      entityWithAnnotations({
        'dataplatform.io/kafka-connector': 'orders-cdc',
      }),
    );
    expect(
      await screen.findByText(
        /dataplatform.io\/kafka-topic: mariadb.commerce.orders/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /dataplatform.io\/kafka-consumer-group: flink-commerce-orders/,
      ),
    ).toBeInTheDocument();
  });
});

describe('StreamingContent', () => {
  it('lists partitions with lag and tasks with their trace', async () => {
    upstreams({ taskState: 'FAILED' });
    await render(<StreamingContent />, full);
    expect(
      await screen.findByRole('rowheader', { name: '0' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/TimeoutException: boom/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('grid', {
        name: 'Partitions of mariadb.commerce.orders',
      }),
    ).toHaveTextContent('136');
  });
});
