import { http, HttpResponse, delay } from 'msw';
import { KafkaConnectClient } from './KafkaConnectClient';
import {
  InvalidIdentifierError,
  NotFoundError,
  UpstreamAbortedError,
  UpstreamError,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
} from '../../lib/errors';
import { caught, setupMsw } from '../../__testUtils__/msw';

const base = 'http://connect.test:8083';
const { server, requests } = setupMsw();
const client = new KafkaConnectClient({ baseUrl: base, timeoutMs: 200 });

const running = (name: string) => ({
  name,
  type: 'source',
  connector: { state: 'RUNNING', worker_id: 'w1' },
  tasks: [{ id: 0, state: 'RUNNING', worker_id: 'w1' }],
});

describe('KafkaConnectClient', () => {
  it('lists connectors with status and info expanded', async () => {
    server.use(
      http.get(`${base}/connectors`, ({ request }) => {
        expect(new URL(request.url).searchParams.getAll('expand')).toEqual([
          'status',
          'info',
        ]);
        return HttpResponse.json({
          'b-conn': {
            status: running('b-conn'),
            info: {
              name: 'b-conn',
              type: 'source',
              config: { 'connector.class': 'x.B' },
            },
          },
          'a-conn': {
            status: {
              ...running('a-conn'),
              tasks: [{ id: 0, state: 'FAILED', trace: 'boom' }],
            },
          },
        });
      }),
    );
    const list = await client.listConnectors();
    expect(list.map(c => c.name)).toEqual(['a-conn', 'b-conn']);
    expect(list[0].status?.tasks[0]).toMatchObject({
      state: 'FAILED',
      trace: 'boom',
    });
    expect(list[1].connectorClass).toBe('x.B');
  });

  it('reads the status of one connector, encoding its name', async () => {
    server.use(
      http.get(`${base}/connectors/orders%20cdc/status`, () =>
        HttpResponse.json(running('orders cdc')),
      ),
    );
    expect((await client.getStatus('orders cdc')).connector.state).toBe(
      'RUNNING',
    );
    expect(requests[0].url).toBe(`${base}/connectors/orders%20cdc/status`);
  });

  describe('upsertConfig', () => {
    const config = {
      'connector.class': 'io.debezium.connector.mariadb.MariaDbConnector',
      'tasks.max': '1',
    };

    it('creates a missing connector', async () => {
      server.use(
        http.get(`${base}/connectors/orders-cdc/config`, () =>
          HttpResponse.json(
            { error_code: 404, message: 'Connector orders-cdc not found' },
            { status: 404 },
          ),
        ),
        http.put(
          `${base}/connectors/orders-cdc/config`,
          async ({ request }) => {
            expect(await request.json()).toEqual({
              ...config,
              name: 'orders-cdc',
            });
            return HttpResponse.json(
              { name: 'orders-cdc', config: { ...config, name: 'orders-cdc' } },
              { status: 201 },
            );
          },
        ),
      );
      expect((await client.upsertConfig('orders-cdc', config)).outcome).toBe(
        'created',
      );
    });

    it('updates a connector whose config differs', async () => {
      server.use(
        http.get(`${base}/connectors/orders-cdc/config`, () =>
          HttpResponse.json({
            ...config,
            'tasks.max': '2',
            name: 'orders-cdc',
          }),
        ),
        http.put(`${base}/connectors/orders-cdc/config`, () =>
          HttpResponse.json({
            name: 'orders-cdc',
            config: { ...config, name: 'orders-cdc' },
          }),
        ),
      );
      expect((await client.upsertConfig('orders-cdc', config)).outcome).toBe(
        'updated',
      );
    });

    it('leaves an equal config alone (no PUT, no task restart)', async () => {
      server.use(
        http.get(`${base}/connectors/orders-cdc/config`, () =>
          HttpResponse.json({ ...config, name: 'orders-cdc' }),
        ),
      );
      expect((await client.upsertConfig('orders-cdc', config)).outcome).toBe(
        'unchanged',
      );
      expect(requests.map(r => r.method)).toEqual(['GET']);
    });

    it('maps an upstream 400 to an UpstreamError naming component, call and message', async () => {
      server.use(
        http.get(
          `${base}/connectors/orders-cdc/config`,
          () => new HttpResponse(null, { status: 404 }),
        ),
        http.put(`${base}/connectors/orders-cdc/config`, () =>
          HttpResponse.json(
            {
              error_code: 400,
              message:
                'Connector configuration is invalid and contains 1 error(s)',
            },
            { status: 400 },
          ),
        ),
      );
      const error = (await caught(() =>
        client.upsertConfig('orders-cdc', {
          ...config,
          'database.password': 's3cret',
        }),
      )) as UpstreamError;
      expect(error).toBeInstanceOf(UpstreamError);
      expect(error.message).toBe(
        'kafka-connect: PUT /connectors/orders-cdc/config failed (400): Connector configuration is invalid and contains 1 error(s)',
      );
      expect(error).toMatchObject({
        component: 'kafka-connect',
        operation: 'PUT /connectors/{name}/config',
        status: 400,
      });
      expect(error.message).not.toContain('s3cret');
    });

    it('rejects a config whose name disagrees with the path', async () => {
      await expect(
        client.upsertConfig('a', { name: 'b' }),
      ).rejects.toBeInstanceOf(InvalidIdentifierError);
      expect(requests).toHaveLength(0);
    });
  });

  it('validates a config and returns per-field errors', async () => {
    server.use(
      http.put(
        `${base}/connector-plugins/io.debezium.connector.mariadb.MariaDbConnector/config/validate`,
        async ({ request }) => {
          expect(await request.json()).toMatchObject({
            'connector.class': 'io.debezium.connector.mariadb.MariaDbConnector',
          });
          return HttpResponse.json({
            name: 'io.debezium.connector.mariadb.MariaDbConnector',
            error_count: 2,
            configs: [
              {
                value: {
                  name: 'tasks.max',
                  errors: ['Invalid value x for configuration tasks.max'],
                },
              },
              { value: { name: 'topic.prefix', errors: [] } },
              {
                value: {
                  name: 'database.hostname',
                  errors: ['A value is required'],
                },
              },
            ],
          });
        },
      ),
    );
    const v = await client.validateConfig(
      'io.debezium.connector.mariadb.MariaDbConnector',
      { 'tasks.max': 'x' },
    );
    expect(v.errorCount).toBe(2);
    expect(v.fieldErrors).toEqual({
      'tasks.max': ['Invalid value x for configuration tasks.max'],
      'database.hostname': ['A value is required'],
    });
  });

  it('restarts only failed tasks', async () => {
    server.use(
      http.post(`${base}/connectors/orders-cdc/restart`, ({ request }) => {
        const q = new URL(request.url).searchParams;
        expect([q.get('includeTasks'), q.get('onlyFailed')]).toEqual([
          'true',
          'true',
        ]);
        return HttpResponse.json(running('orders-cdc'), { status: 202 });
      }),
    );
    expect((await client.restartFailed('orders-cdc'))?.name).toBe('orders-cdc');
  });

  it('deletes, and reports a missing connector as false', async () => {
    server.use(
      http.delete(
        `${base}/connectors/gone`,
        () => new HttpResponse(null, { status: 404 }),
      ),
      http.delete(
        `${base}/connectors/here`,
        () => new HttpResponse(null, { status: 204 }),
      ),
    );
    await expect(client.delete('here')).resolves.toBe(true);
    await expect(client.delete('gone')).resolves.toBe(false);
  });

  it('retries a 409 (rebalance) before giving up', async () => {
    let calls = 0;
    server.use(
      http.get(`${base}/connectors/c/status`, () =>
        ++calls < 2
          ? HttpResponse.json(
              { error_code: 409, message: 'rebalance in progress' },
              { status: 409 },
            )
          : HttpResponse.json(running('c')),
      ),
    );
    expect((await client.getStatus('c')).name).toBe('c');
    expect(calls).toBe(2);
  });

  it('retries a 500 that says a rebalance is expected, but not other 500s', async () => {
    let calls = 0;
    server.use(
      http.get(`${base}/connectors/c/config`, () =>
        ++calls < 3
          ? HttpResponse.json(
              {
                error_code: 500,
                message:
                  'Request cannot be completed because a rebalance is expected',
              },
              { status: 500 },
            )
          : HttpResponse.json({ name: 'c' }),
      ),
      http.get(`${base}/connectors/broken/config`, () => {
        calls += 100;
        return HttpResponse.json(
          { error_code: 500, message: 'worker crashed' },
          { status: 500 },
        );
      }),
    );
    await expect(client.getConfig('c')).resolves.toEqual({ name: 'c' });
    expect(calls).toBe(3);
    await expect(client.getConfig('broken')).rejects.toThrow(
      'kafka-connect: GET /connectors/broken/config failed (500): worker crashed',
    );
    expect(calls).toBe(103);
  });

  it('maps 404 to NotFoundError', async () => {
    server.use(
      http.get(`${base}/connectors/nope/status`, () =>
        HttpResponse.json(
          { error_code: 404, message: 'No status found for connector nope' },
          { status: 404 },
        ),
      ),
    );
    const error = await caught(() => client.getStatus('nope'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(
      'kafka-connect: GET /connectors/nope/status failed (404): No status found for connector nope',
    );
  });

  it('times out and says which call', async () => {
    server.use(
      http.get(`${base}/connectors/slow/status`, async () => {
        await delay('infinite');
        return HttpResponse.json(running('slow'));
      }),
    );
    const error = await caught(() =>
      client.getStatus('slow', { timeoutMs: 50 }),
    );
    expect(error).toBeInstanceOf(UpstreamTimeoutError);
    expect(error.message).toBe(
      'kafka-connect: GET /connectors/slow/status timed out after 50 ms',
    );
  });

  it('stops when the caller aborts', async () => {
    server.use(
      http.get(`${base}/connectors/slow/status`, async () => {
        await delay('infinite');
        return HttpResponse.json(running('slow'));
      }),
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    await expect(
      client.getStatus('slow', { signal: controller.signal }),
    ).rejects.toBeInstanceOf(UpstreamAbortedError);
  });

  it('reports an unreachable worker', async () => {
    const refused = new KafkaConnectClient({
      baseUrl: base,
      fetch: async () => {
        throw new TypeError('fetch failed', {
          cause: { code: 'ECONNREFUSED' },
        });
      },
    });
    const error = await caught(() => refused.listConnectors());
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error.message).toBe(
      `kafka-connect: GET /connectors failed: cannot reach ${base} (ECONNREFUSED)`,
    );
  });

  it.each(['', '..', '../connectors', 'a/b', ' lead', 'tab\tname'])(
    'rejects connector name %j before any request',
    async name => {
      await expect(client.getStatus(name)).rejects.toBeInstanceOf(
        InvalidIdentifierError,
      );
      await expect(client.upsertConfig(name, {})).rejects.toBeInstanceOf(
        InvalidIdentifierError,
      );
      await expect(client.delete(name)).rejects.toBeInstanceOf(
        InvalidIdentifierError,
      );
      expect(requests).toHaveLength(0);
    },
  );

  it('rejects a connector class that is not a Java class name', async () => {
    await expect(client.validateConfig('../x', {})).rejects.toBeInstanceOf(
      InvalidIdentifierError,
    );
    expect(requests).toHaveLength(0);
  });
});
