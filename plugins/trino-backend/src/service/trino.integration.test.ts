import { startTrinoBackend, tableEntity } from '../__testUtils__/testBackend';

/** The live pipeline of the local stack writes commerce.finance_fact; Trino reads it as lakehouse.commerce.finance_fact. */
const trinoUrl = process.env.TRINO_URL ?? 'http://127.0.0.1:8085';
const orders = 'resource:default/commerce.finance_fact';
const entities = [
  tableEntity('commerce.finance_fact', 'commerce.finance_fact'),
  tableEntity('never-deployed', 'commerce.no_such_table_yet'),
];

async function requireTrino() {
  const res = await fetch(`${trinoUrl}/v1/info`, {
    signal: AbortSignal.timeout(3000),
  }).catch(e => e as Error);
  if (res instanceof Error || !res.ok) {
    throw new Error(
      `trino at ${trinoUrl} is not reachable (${
        res instanceof Error ? res.message : res.status
      }): start infra/local first`,
    );
  }
}

describe('trino backend against the real Trino', () => {
  let backend: Awaited<ReturnType<typeof startTrinoBackend>>;
  beforeAll(async () => {
    await requireTrino();
    backend = await startTrinoBackend({ trinoUrl, entities });
  });

  it('previews real rows with the real columns and respects the limit', async () => {
    const { status, body } = await backend.preview({
      entityRef: orders,
      query: 'preview',
      limit: 3,
    });
    expect(status).toBe(200);
    expect(body.columns.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['id', 'status', 'amount', 'updated_at']),
    );
    expect(body.rows).toHaveLength(3);
    expect(backend.success).toHaveBeenCalledWith({
      meta: expect.objectContaining({ rowCount: 3, queryKind: 'preview' }),
    });
  });

  it('counts more than zero rows', async () => {
    const { status, body } = await backend.preview({
      entityRef: orders,
      query: 'count',
    });
    expect(status).toBe(200);
    expect(body.columns).toEqual([
      expect.objectContaining({ name: 'row_count', type: 'bigint' }),
    ]);
    expect(body.rows[0][0]).toBeGreaterThan(0);
  });

  it('lists snapshots and time-travels by snapshot id', async () => {
    const { status, body } = await backend.call(
      `/snapshots?entityRef=${orders}`,
    );
    expect(status).toBe(200);
    expect(body.snapshots.length).toBeGreaterThan(0);
    const ids: string[] = body.snapshots.map(
      (s: { snapshotId: string }) => s.snapshotId,
    );
    for (const id of ids) expect(id).toMatch(/^[0-9]+$/);
    // The oldest retained snapshot is readable (it may hold no rows: after Paimon expires
    // snapshots, the oldest one read through the Iceberg metadata was seen empty).
    const oldest = await backend.preview({
      entityRef: orders,
      query: 'timeTravel',
      snapshotId: ids[ids.length - 1],
      limit: 5,
    });
    expect(oldest.status).toBe(200);
    expect(oldest.body.sql).toContain(
      `FOR VERSION AS OF CAST(${ids[ids.length - 1]} AS BIGINT)`,
    );
    expect(oldest.body.columns.map((c: { name: string }) => c.name)).toContain(
      'updated_at',
    );
    // The latest snapshot holds the rows the live pipeline wrote.
    const latest = await backend.preview({
      entityRef: orders,
      query: 'timeTravel',
      snapshotId: ids[0],
      limit: 5,
    });
    expect(latest.status).toBe(200);
    expect(latest.body.rows.length).toBeGreaterThan(0);
  });

  it('gives an overview with the real columns, a timestamp column for freshness and the latest snapshot', async () => {
    const { status, body } = await backend.call(
      `/overview?entityRef=${orders}`,
    );
    expect(status).toBe(200);
    expect(body.status).toBe('ready');
    expect(body.freshnessColumn).toBe('updated_at');
    expect(body.latestSnapshotId).toMatch(/^[0-9]+$/);
    // The prepared queries the user copies run on the real Trino.
    for (const kind of [
      'preview',
      'count',
      'freshness',
      'snapshots',
      'timeTravel',
    ]) {
      const run = await backend.preview({
        entityRef: orders,
        query: kind,
        snapshotId: body.latestSnapshotId,
        limit: 2,
      });
      expect({ kind, status: run.status }).toEqual({ kind, status: 200 });
    }
  });

  it('measures freshness against the default SLO', async () => {
    const { status, body } = await backend.call(
      `/freshness?entityRef=${orders}`,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      source: 'column',
      column: 'updated_at',
      sloSeconds: 120,
      sloSource: 'default',
    });
    expect(Date.parse(body.newestDataAt)).toBeGreaterThan(
      Date.parse('2020-01-01'),
    );
    expect(Date.parse(body.lastCommitAt)).toBeGreaterThan(
      Date.parse('2020-01-01'),
    );
    expect(body.ageSeconds).toBeGreaterThanOrEqual(0);
  });

  it('answers 404 for a table Trino does not have, and the overview says it is missing', async () => {
    const ref = 'resource:default/never-deployed';
    const run = await backend.preview({ entityRef: ref, query: 'preview' });
    expect(run.status).toBe(404);
    expect(run.body.error.message).toContain(
      '"lakehouse"."commerce"."no_such_table_yet" is not readable in Trino yet',
    );
    const overview = await backend.call(`/overview?entityRef=${ref}`);
    expect(overview.body.status).toBe('missing');
  });

  it('answers 404 for a snapshot that does not exist', async () => {
    const run = await backend.preview({
      entityRef: orders,
      query: 'timeTravel',
      snapshotId: '9999999999',
    });
    expect(run.status).toBe(404);
    expect(run.body.error.message).toMatch(/snapshot not found/);
  });
});
