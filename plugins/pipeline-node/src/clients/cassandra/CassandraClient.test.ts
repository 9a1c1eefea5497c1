import net from 'node:net';
import { errors as driverErrors, types } from 'cassandra-driver';
import {
  CassandraClient,
  CassandraDriver,
  CassandraTable,
} from './CassandraClient';
import {
  AlreadyExistsError,
  InvalidIdentifierError,
  NotFoundError,
  UpstreamAbortedError,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
} from '../../lib/errors';
import { caught } from '../../__testUtils__/msw';

type Call = { query: string; params: unknown[]; options: any };

/** A driver that records every statement and answers from `answer`. */
function fakeDriver(
  answer: (call: Call) => {
    rows: Array<Record<string, unknown>>;
    pageState?: string;
  } = () => ({ rows: [] }),
) {
  const calls: Call[] = [];
  const driver: CassandraDriver & { connects: number } = {
    connects: 0,
    connect: jest.fn(async () => {
      driver.connects++;
    }),
    execute: jest.fn(async (query, params = [], options = {}) => {
      const call = { query, params, options };
      calls.push(call);
      return answer(call);
    }),
    shutdown: jest.fn(async () => undefined),
  };
  return { driver, calls };
}

const projection: CassandraTable = {
  keyspace: 'inventory',
  table: 'inventory_projection',
  partitionKey: ['sku'],
  primaryKey: ['sku', 'warehouse'],
  columns: [
    { name: 'available', type: 'int', kind: 'regular', position: -1 },
    { name: 'sku', type: 'text', kind: 'partition_key', position: 0 },
    { name: 'warehouse', type: 'text', kind: 'clustering', position: 0 },
    { name: 'updated_at', type: 'timestamp', kind: 'regular', position: -1 },
  ],
};

describe('CassandraClient', () => {
  it('reads a table from system_schema, key columns in key order', async () => {
    const { driver, calls } = fakeDriver(() => ({
      rows: [
        {
          column_name: 'warehouse',
          kind: 'clustering',
          position: 0,
          type: 'text',
        },
        { column_name: 'qty', kind: 'regular', position: -1, type: 'int' },
        {
          column_name: 'region',
          kind: 'partition_key',
          position: 1,
          type: 'text',
        },
        {
          column_name: 'sku',
          kind: 'partition_key',
          position: 0,
          type: 'text',
        },
      ],
    }));
    const client = new CassandraClient({
      contactPoints: [],
      localDataCenter: '',
      driver,
    });
    const table = await client.describeTable('inventory', 'stock');
    expect(table?.partitionKey).toEqual(['sku', 'region']);
    expect(table?.primaryKey).toEqual(['sku', 'region', 'warehouse']);
    expect(calls[0].params).toEqual(['inventory', 'stock']);
    expect(calls[0].options.prepare).toBe(true);
    expect(driver.connects).toBe(1);
    await client.keyspaceExists('inventory');
    expect(driver.connects).toBe(1);
  });

  it('says a table that is not there is undefined', async () => {
    const { driver } = fakeDriver();
    const client = new CassandraClient({
      contactPoints: [],
      localDataCenter: '',
      driver,
    });
    expect(await client.describeTable('inventory', 'nope')).toBeUndefined();
  });

  it('looks rows up by key with typed, prepared parameters and a limit', async () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    const { driver, calls } = fakeDriver(() => ({
      rows: [
        { sku: 'SKU-1', warehouse: 'w1', available: 7, updated_at: at },
        { sku: 'SKU-1', warehouse: 'w2', available: 1, updated_at: at },
      ],
    }));
    const client = new CassandraClient({
      contactPoints: [],
      localDataCenter: '',
      driver,
    });
    const page = await client.selectByKey(
      projection,
      { sku: 'SKU-1' },
      { limit: 1 },
    );
    expect(calls[0].query).toBe(
      'SELECT * FROM "inventory"."inventory_projection" WHERE "sku" = ? LIMIT 2',
    );
    expect(calls[0].params).toEqual(['SKU-1']);
    expect(page).toEqual({
      rows: [
        {
          sku: 'SKU-1',
          warehouse: 'w1',
          available: 7,
          updated_at: '2026-01-02T03:04:05.678Z',
        },
      ],
      truncated: true,
    });
  });

  it('parses key values into the column type and refuses the wrong ones unsent', async () => {
    const { driver, calls } = fakeDriver();
    const client = new CassandraClient({
      contactPoints: [],
      localDataCenter: '',
      driver,
    });
    const byId: CassandraTable = {
      keyspace: 'support',
      table: 'customer_case_cache',
      partitionKey: ['customer_id'],
      primaryKey: ['customer_id'],
      columns: [
        {
          name: 'customer_id',
          type: 'int',
          kind: 'partition_key',
          position: 0,
        },
      ],
    };
    await client.selectByKey(byId, { customer_id: ' 42 ' }, { limit: 5 });
    expect(calls[0].params).toEqual([42]);
    for (const bad of ['42; DROP', '1e3', '99999999999', ''])
      expect(
        await caught(() =>
          client.selectByKey(byId, { customer_id: bad }, { limit: 5 }),
        ),
      ).toBeInstanceOf(InvalidIdentifierError);
    const long = { ...byId, columns: [{ ...byId.columns[0], type: 'bigint' }] };
    await client.selectByKey(
      long,
      { customer_id: '9007199254740993' },
      { limit: 5 },
    );
    expect(String(calls[1].params[0])).toBe('9007199254740993');
    expect(calls[1].params[0]).toBeInstanceOf(types.Long);
    expect(calls).toHaveLength(2);
  });

  it('needs the partition key, then clustering columns in order, and nothing else', async () => {
    const { driver, calls } = fakeDriver();
    const client = new CassandraClient({
      contactPoints: [],
      localDataCenter: '',
      driver,
    });
    const refused: Array<Record<string, string>> = [
      { warehouse: 'w1' },
      { sku: 'a', available: '1' },
      { sku: 'a', 'x" OR 1=1 --': 'b' },
    ];
    for (const key of refused) {
      const error = await caught(() =>
        client.selectByKey(projection, key, { limit: 5 }),
      );
      expect(error).toBeInstanceOf(InvalidIdentifierError);
    }
    expect(calls).toHaveLength(0);
    await client.selectByKey(
      projection,
      { sku: 'a', warehouse: 'w1' },
      { limit: 5 },
    );
    expect(calls[0].query).toContain('WHERE "sku" = ? AND "warehouse" = ?');
  });

  it('scans page by page up to a cap: count, newest write time and samples', async () => {
    const micros = (iso: string) =>
      types.Long.fromNumber(Date.parse(iso)).multiply(1000);
    const pages = [
      {
        rows: [
          {
            sku: 'a',
            wt: micros('2026-01-01T00:00:02Z'),
            v: new Date('2026-01-01T00:00:01Z'),
          },
          {
            sku: 'b',
            wt: micros('2026-01-01T00:00:05Z'),
            v: new Date('2026-01-01T00:00:03Z'),
          },
        ],
        pageState: 'p1',
      },
      { rows: [{ sku: 'c', wt: null, v: null }] },
    ];
    const { driver, calls } = fakeDriver(c =>
      c.options.pageState === 'p1' ? pages[1] : pages[0],
    );
    const client = new CassandraClient({
      contactPoints: [],
      localDataCenter: '',
      driver,
    });
    const scan = await client.scan(projection, {
      maxRows: 100,
      writetimeColumn: 'updated_at',
    });
    expect(calls[0].query).toBe(
      'SELECT "sku", WRITETIME("updated_at") AS wt, "updated_at" AS v FROM "inventory"."inventory_projection"',
    );
    expect(scan.rowsSeen).toBe(3);
    expect(scan.complete).toBe(true);
    expect(scan.lastWriteAt?.toISOString()).toBe('2026-01-01T00:00:05.000Z');
    expect(scan.samples).toHaveLength(2);

    const capped = await client.scan(projection, { maxRows: 2 });
    expect(capped).toMatchObject({ rowsSeen: 2, complete: false });
  });

  it('runs only CREATE KEYSPACE|TABLE IF NOT EXISTS statements', async () => {
    const { driver, calls } = fakeDriver();
    const client = new CassandraClient({
      contactPoints: [],
      localDataCenter: '',
      driver,
    });
    await client.executeSchemaStatement(
      "CREATE KEYSPACE IF NOT EXISTS inventory WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
    );
    for (const cql of [
      'DROP KEYSPACE inventory',
      'CREATE TABLE t (a int PRIMARY KEY)',
      'CREATE TABLE IF NOT EXISTS a.b (x int PRIMARY KEY); DROP KEYSPACE a',
    ])
      await expect(client.executeSchemaStatement(cql)).rejects.toThrow(
        /only one CREATE KEYSPACE\|TABLE IF NOT EXISTS/,
      );
    expect(calls).toHaveLength(1);
  });

  it('refuses bad keyspace and table names before any request', async () => {
    const { driver, calls } = fakeDriver();
    const client = new CassandraClient({
      contactPoints: [],
      localDataCenter: '',
      driver,
    });
    for (const bad of ['Inventory', 'a"b', 'a.b', '_x', 'x'.repeat(49), ''])
      expect(await caught(() => client.keyspaceExists(bad))).toBeInstanceOf(
        InvalidIdentifierError,
      );
    expect(
      await caught(() => client.describeTable('ok', 'x; DROP')),
    ).toBeInstanceOf(InvalidIdentifierError);
    expect(driver.connect).not.toHaveBeenCalled();
    expect(calls).toHaveLength(0);
  });

  it("maps the driver's errors onto UpstreamErrors naming cassandra", async () => {
    const fail = (error: Error) =>
      new CassandraClient({
        contactPoints: ['10.0.0.1:9042'],
        localDataCenter: 'dc',
        driver: {
          connect: async () => undefined,
          execute: async () => {
            throw error;
          },
          shutdown: async () => undefined,
        },
      });
    const missing = await caught(() =>
      fail(
        new driverErrors.ResponseError(
          0x2200,
          'table inventory.nope does not exist',
        ),
      ).describeTable('inventory', 'nope'),
    );
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing.message).toBe(
      'cassandra: describeTable inventory.nope failed: table inventory.nope does not exist',
    );
    expect(
      await caught(() =>
        fail(
          new driverErrors.ResponseError(0x2400, 'already exists'),
        ).keyspaceExists('k'),
      ),
    ).toBeInstanceOf(AlreadyExistsError);
    const down = await caught(() =>
      fail(
        new driverErrors.NoHostAvailableError({
          '10.0.0.1:9042': new Error('connect ECONNREFUSED 10.0.0.1:9042'),
        }),
      ).keyspaceExists('k'),
    );
    expect(down).toBeInstanceOf(UpstreamUnavailableError);
    expect(down.message).toBe(
      'cassandra: keyspaceExists k failed: cannot reach 10.0.0.1:9042 (connect ECONNREFUSED 10.0.0.1:9042)',
    );
  });

  it('retries connecting on the next call after a failed connect', async () => {
    let attempts = 0;
    const client = new CassandraClient({
      contactPoints: ['h'],
      localDataCenter: 'dc',
      driver: {
        connect: async () => {
          attempts++;
          if (attempts === 1)
            throw new driverErrors.NoHostAvailableError({}, 'all down');
        },
        execute: async () => ({ rows: [{ keyspace_name: 'k' }] }),
        shutdown: async () => undefined,
      },
    });
    await expect(client.keyspaceExists('k')).rejects.toBeInstanceOf(
      UpstreamUnavailableError,
    );
    expect(await client.keyspaceExists('k')).toBe(true);
    expect(attempts).toBe(2);
  });

  it('bounds a call that hangs by its timeout, and honours an AbortSignal', async () => {
    const hanging: CassandraDriver = {
      connect: async () => undefined,
      execute: () => new Promise(() => undefined),
      shutdown: async () => undefined,
    };
    const client = new CassandraClient({
      contactPoints: ['h'],
      localDataCenter: 'dc',
      timeoutMs: 100,
      driver: hanging,
    });
    const slow = await caught(() => client.keyspaceExists('k'));
    expect(slow).toBeInstanceOf(UpstreamTimeoutError);
    expect(slow.message).toBe(
      'cassandra: keyspaceExists k timed out after 100 ms',
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    expect(
      await caught(() =>
        client.keyspaceExists('k', {
          signal: controller.signal,
          timeoutMs: 5000,
        }),
      ),
    ).toBeInstanceOf(UpstreamAbortedError);
  });

  describe('with the real driver', () => {
    it('reports a port nobody listens on as unavailable, quickly', async () => {
      const closed = net.createServer();
      await new Promise<void>(r => closed.listen(0, '127.0.0.1', r));
      const port = (closed.address() as net.AddressInfo).port;
      await new Promise(r => closed.close(r));
      const client = new CassandraClient({
        contactPoints: [`127.0.0.1:${port}`],
        localDataCenter: 'datacenter1',
        timeoutMs: 3000,
      });
      const started = Date.now();
      const error = await caught(() => client.keyspaceExists('k'));
      await client.close();
      expect(error).toBeInstanceOf(UpstreamUnavailableError);
      expect(error.message).toMatch(
        new RegExp(
          `^cassandra: keyspaceExists k failed: cannot reach 127.0.0.1:${port}`,
        ),
      );
      expect(Date.now() - started).toBeLessThan(3000);
    });

    it('gives up on a server that accepts but never answers within the timeout', async () => {
      const sockets: net.Socket[] = [];
      const silent = net.createServer(s => sockets.push(s));
      await new Promise<void>(r => silent.listen(0, '127.0.0.1', r));
      const port = (silent.address() as net.AddressInfo).port;
      const client = new CassandraClient({
        contactPoints: [`127.0.0.1:${port}`],
        localDataCenter: 'datacenter1',
        timeoutMs: 800,
      });
      const started = Date.now();
      const error = await caught(() => client.keyspaceExists('k'));
      expect(Date.now() - started).toBeLessThan(2500);
      await client.close();
      sockets.forEach(s => s.destroy());
      await new Promise(r => silent.close(r));
      expect(error.name).toMatch(
        /UpstreamTimeoutError|UpstreamUnavailableError/,
      );
      expect(error.message).toMatch(/^cassandra: keyspaceExists k /);
    });
  });
});
