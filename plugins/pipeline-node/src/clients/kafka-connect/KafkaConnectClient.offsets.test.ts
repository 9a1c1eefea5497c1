import { http, HttpResponse } from 'msw';
import { KafkaConnectClient } from './KafkaConnectClient';
import { InvalidIdentifierError, UpstreamError } from '../../lib/errors';
import { caught, setupMsw } from '../../__testUtils__/msw';

const base = 'http://connect.test:8083';
const { server, requests } = setupMsw();
const client = new KafkaConnectClient({ baseUrl: base, timeoutMs: 200 });

// What Connect 4.3.1 answers for a Debezium MariaDB connector (GET /connectors/x/offsets).
const offsets = [
  {
    partition: { server: 'orders-my' },
    offset: {
      file: 'binlog.000001',
      pos: 1744007,
      gtids: '0-101-5357',
      row: 1,
      server_id: 101,
      event: 2,
    },
  },
];

describe('KafkaConnectClient offsets (KIP-875)', () => {
  it('reads the committed offsets of a connector', async () => {
    server.use(
      http.get(`${base}/connectors/orders-mariadb/offsets`, () =>
        HttpResponse.json({ offsets }),
      ),
    );
    expect(await client.getOffsets('orders-mariadb')).toEqual(offsets);
  });

  it('stops, alters the offsets of the stopped connector verbatim, and resumes it', async () => {
    let patched: unknown;
    server.use(
      http.put(
        `${base}/connectors/orders-mariadb/stop`,
        () => new HttpResponse(null, { status: 202 }),
      ),
      http.patch(
        `${base}/connectors/orders-mariadb/offsets`,
        async ({ request }) => {
          patched = await request.json();
          return HttpResponse.json({
            message:
              'The offsets for this connector have been altered successfully',
          });
        },
      ),
      http.put(
        `${base}/connectors/orders-mariadb/resume`,
        () => new HttpResponse(null, { status: 202 }),
      ),
    );
    await client.stop('orders-mariadb');
    expect(await client.alterOffsets('orders-mariadb', offsets)).toBe(
      'The offsets for this connector have been altered successfully',
    );
    await client.resume('orders-mariadb');
    expect(patched).toEqual({ offsets });
    expect(requests.map(r => `${r.method} ${new URL(r.url).pathname}`)).toEqual(
      [
        'PUT /connectors/orders-mariadb/stop',
        'PATCH /connectors/orders-mariadb/offsets',
        'PUT /connectors/orders-mariadb/resume',
      ],
    );
  });

  it("surfaces Connect's refusal to alter the offsets of a running connector", async () => {
    server.use(
      http.patch(`${base}/connectors/orders-mariadb/offsets`, () =>
        HttpResponse.json(
          {
            error_code: 400,
            message:
              'Connectors must be in the STOPPED state before their offsets can be modified.',
          },
          { status: 400 },
        ),
      ),
    );
    const error = await caught(() =>
      client.alterOffsets('orders-mariadb', offsets),
    );
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.message).toContain('must be in the STOPPED state');
  });

  it('refuses a connector name that would leave its path segment, before any request', async () => {
    for (const call of [
      () => client.getOffsets('../connectors'),
      () => client.stop('a/b'),
      () => client.alterOffsets(' lead', offsets),
    ])
      expect(await caught(call)).toBeInstanceOf(InvalidIdentifierError);
    expect(requests).toHaveLength(0);
  });
});
