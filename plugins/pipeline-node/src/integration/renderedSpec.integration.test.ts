import {
  financeReconciliationExample,
  parsePipelineSpec,
  renderFlinkJob,
  renderPaimonDdl,
} from '@internal/backstage-plugin-pipeline-common';
import { FlinkSqlGatewayClient } from '../clients/flink-sql-gateway/FlinkSqlGatewayClient';
import {
  endpoints,
  requireStack,
  runSuffix,
  stackCatalogDdl,
} from '../__testUtils__/stack';

// The pipeline spec's renderers against the real SQL Gateway: the Paimon DDL it renders
// creates the table, and the Flink job it renders plans (EXPLAIN) against it.
jest.setTimeout(180_000);

const db = `pn_spec_${runSuffix()}`;
const gateway = new FlinkSqlGatewayClient({
  baseUrl: endpoints.sqlGateway,
  timeoutMs: 60_000,
});

function exampleSpec() {
  const parsed = parsePipelineSpec({
    ...financeReconciliationExample,
    catalog: { ...financeReconciliationExample.catalog, database: db },
  });
  if (!parsed.success) throw new Error(parsed.message);
  return parsed.spec;
}

describe('rendered pipeline spec on the real SQL Gateway', () => {
  let created = false;
  beforeAll(() => requireStack('gateway'));

  afterAll(async () => {
    if (!created) return;
    await gateway.runStatements([
      stackCatalogDdl(),
      `DROP TABLE IF EXISTS lake.${db}.finance_fact`,
      `DROP DATABASE IF EXISTS lake.${db}`,
    ]);
  });

  it('creates the Paimon table from the rendered DDL, twice without error', async () => {
    const spec = exampleSpec();
    const ddl = renderPaimonDdl(spec);
    await gateway.runStatements([stackCatalogDdl(), ...ddl]);
    created = true;
    await gateway.runStatements([stackCatalogDdl(), ...ddl]);
    const [, described] = await gateway.runStatements([
      stackCatalogDdl(),
      `DESCRIBE lake.${db}.finance_fact`,
    ]);
    const columns = described.rows.map(r => String(r[0]));
    expect(columns).toEqual([
      'id',
      'customer_id',
      'status',
      'amount',
      'currency',
      'created_at',
      'updated_at',
    ]);
  });

  it('plans the rendered Flink job (EXPLAIN of its INSERT)', async () => {
    const statements = renderFlinkJob(exampleSpec());
    const insert = statements[statements.length - 1];
    expect(insert).toMatch(/^INSERT INTO /);
    const results = await gateway.runStatements([
      stackCatalogDdl(),
      ...statements.slice(0, -1),
      `EXPLAIN ${insert}`,
    ]);
    const plan = results[results.length - 1].rows
      .map(r => String(r[0]))
      .join('\n');
    expect(plan).toContain('finance_fact');
    expect(plan).toMatch(/TableSourceScan/);
  });
});
