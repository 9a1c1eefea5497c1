import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/backend-test-utils';

export const FAKE_TRINO = 'http://trino.test:8085';

const orderColumns = [
  { name: 'id', type: 'bigint' },
  { name: 'status', type: 'varchar' },
  { name: 'updated_at', type: 'timestamp(6)' },
];

type Answer = {
  columns?: Array<{ name: string; type: string }>;
  data?: unknown[][];
  error?: Record<string, string>;
};

/** What the fake Trino answers to the SQL the service builds (one page per query). */
function answer(sql: string): Answer {
  if (sql.includes('information_schema.columns')) {
    return sql.includes("table_name = 'orders'")
      ? {
          columns: [
            { name: 'column_name', type: 'varchar' },
            { name: 'data_type', type: 'varchar' },
          ],
          data: orderColumns.map(c => [c.name, c.type]),
        }
      : { columns: [], data: [] };
  }
  if (/finance_fact/.test(sql)) {
    return {
      error: {
        errorName: 'TABLE_NOT_FOUND',
        errorType: 'USER_ERROR',
        message: "Table 'lakehouse.commerce.finance_fact' does not exist",
      },
    };
  }
  if (sql.includes('to_unixtime'))
    return {
      columns: [
        { name: '_col0', type: 'double' },
        { name: '_col1', type: 'double' },
      ],
      data: [[1_795_509_700, 1_795_509_710.5]],
    };
  if (sql.includes('$snapshots')) {
    return {
      columns: [
        { name: 'snapshot_id', type: 'bigint' },
        { name: 'committed_at', type: 'timestamp(3) with time zone' },
        { name: 'operation', type: 'varchar' },
        { name: 'parent_id', type: 'bigint' },
      ],
      data: [
        [72, '2026-11-24 08:39:57.472 UTC', 'overwrite', 71],
        [71, '2026-11-24 08:39:57.098 UTC', 'append', 70],
      ],
    };
  }
  if (sql.includes('count(*)'))
    return { columns: [{ name: 'row_count', type: 'bigint' }], data: [[87]] };
  return {
    columns: orderColumns,
    data: [
      [1, 'PAID', '2026-11-24 08:39:52.000'],
      [2, 'NEW', '2026-11-24 08:39:50.000'],
    ],
  };
}

/** An msw Trino at FAKE_TRINO; `statements` holds every SQL text it received. */
export function setupFakeTrino() {
  const statements: string[] = [];
  const server = setupServer(
    // The test backend itself is real: let requests to it through.
    http.all(/^http:\/\/localhost:\d+\/api\//, () => passthrough()),
    http.post(`${FAKE_TRINO}/v1/statement`, async ({ request }) => {
      const sql = await request.text();
      statements.push(sql);
      const { error, ...page } = answer(sql);
      return HttpResponse.json({
        id: `q${statements.length}`,
        ...(error
          ? { error, stats: { state: 'FAILED' } }
          : { ...page, stats: { state: 'FINISHED' } }),
      });
    }),
  );
  registerMswTestHooks(server);
  beforeEach(() => {
    statements.length = 0;
  });
  return { server, statements };
}
