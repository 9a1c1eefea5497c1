import { ConfigReader } from '@backstage/config';
import {
  parsePipelineSpec,
  PipelineSpec,
  specForShape,
} from '@internal/backstage-plugin-pipeline-common';
import { requireStack, stackUpstreamsConfig } from '../__testUtils__/stack';
import { runInLakeSession } from '../service/lakeSession';
import { UpstreamRegistry } from '../service/UpstreamRegistry';
import { checkAuthoredSelect } from './selectCheck';

// The form's SELECT check against the real SQL Gateway: the planner's own verdict, with its
// line and column moved onto the SELECT as the user typed it.

// A check creates and drops a scratch database with the spec's Paimon tables on S3: seconds
// each on a warm stack, longer on a busy 2-core machine.
jest.setTimeout(120_000);

const flink = () =>
  UpstreamRegistry.fromConfig(
    new ConfigReader({ dataPlatform: { upstreams: stackUpstreamsConfig() } }),
  ).get('flink');

function fraudSpec(params: Record<string, unknown> = {}): PipelineSpec {
  const parsed = parsePipelineSpec(
    specForShape('fraud-cep', {
      name: `select-check-${Date.now()}`,
      owner: 'group:default/risk-team',
      ...params,
    }),
  );
  if (!parsed.success) throw new Error(parsed.message);
  return parsed.spec;
}

const withSelect = (table: string, select: string) =>
  fraudSpec({ selects: { [table]: select } });

const scratchDatabases = async () => {
  const [, databases] = await runInLakeSession(flink(), [
    'USE CATALOG `lake`',
    'SHOW DATABASES',
  ]);
  return databases.rows
    .map(r => String(r[0]))
    .filter(d => d.startsWith('portal_plan_'));
};

describe('checkAuthoredSelect (real SQL Gateway, Paimon scratch tables on S3)', () => {
  let before: string[] = [];
  beforeAll(async () => {
    await requireStack('gateway');
    before = await scratchDatabases();
  });

  it('accepts the shape’s SELECT for its parameters, with the planner’s plan', async () => {
    const started = Date.now();
    const outcome = await checkAuthoredSelect(
      flink(),
      fraudSpec({ cep: { failedAttempts: 4, windowMinutes: 20 } }),
      'fraud_signals',
    );
    expect(outcome).toMatchObject({ status: 'accepted' });
    expect(outcome.plan).toMatch(/^== Abstract Syntax Tree ==/);
    // The form's threshold and window, as the planner read them.
    expect(outcome.plan).toContain(
      "pattern=[(PATTERN_QUANTIFIER(_UTF-16LE'F', 4, -1, false), _UTF-16LE'C')]",
    );
    expect(outcome.plan).toContain('interval=[1200000:INTERVAL MINUTE]');
    expect(outcome.planLines).toBeGreaterThan(5);
    // Bounded: a form waits for this while the user types.
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('places a parse error at the line and column of the SELECT as typed', async () => {
    const outcome = await checkAuthoredSelect(
      flink(),
      withSelect(
        'fraud_signals',
        'SELECT customer_id, first_failure_at,\n  failed_attempts\n  FROMM behavior',
      ),
      'fraud_signals',
    );
    expect(outcome).toMatchObject({
      status: 'rejected',
      scope: 'select',
      position: { line: 3, column: 9 },
    });
    expect(outcome.message).toMatch(
      /^SqlParserException: SQL parse failed\. Encountered "behavior" at line 3, column 9/,
    );
  });

  it('places an unknown column where the planner found it', async () => {
    const outcome = await checkAuthoredSelect(
      flink(),
      withSelect(
        'fraud_alerts',
        [
          'SELECT customer_id,',
          '       CAST(NULL AS BIGINT) AS order_id,',
          '       CAST(NULL AS DECIMAL(12, 2)) AS order_amount, no_such_column,',
          '       event_time, event_type',
          'FROM behavior',
        ].join('\n'),
      ),
      'fraud_alerts',
    );
    expect(outcome).toMatchObject({
      status: 'rejected',
      scope: 'select',
      position: { line: 3, column: 54, endLine: 3, endColumn: 67 },
    });
    expect(outcome.message).toBe(
      "ValidationException: SQL validation failed. From line 3, column 54 to line 3, column 67: Column 'no_such_column' not found in any table",
    );
    expect(outcome.message).not.toMatch(/portal_plan_/);
  });

  it('rejects what the table cannot take (updates into the Kafka sink)', async () => {
    const outcome = await checkAuthoredSelect(
      flink(),
      withSelect(
        'fraud_alerts',
        `SELECT customer_id, MAX(order_id) AS order_id, CAST(NULL AS DECIMAL(12, 2)) AS order_amount,
       COUNT(*) AS failed_attempts, MAX(event_time) AS first_failure_at, 'x' AS reason
FROM behavior GROUP BY customer_id`,
      ),
      'fraud_alerts',
    );
    expect(outcome.status).toBe('rejected');
    expect(outcome.message).toMatch(/update/i);
  });

  it('checks the SELECT against the columns the form picked', async () => {
    const spec = fraudSpec({
      sourceTables: {
        fraud_orders: {
          source: 'commerce_mariadb',
          table: 'orders',
          primaryKey: ['id'],
          columns: [
            { name: 'id', type: 'bigint(20)', nullable: false },
            { name: 'customer_id', type: 'int(11)', nullable: false },
          ],
        },
      },
    });
    const outcome = await checkAuthoredSelect(flink(), spec, 'fraud_alerts');
    expect(outcome).toMatchObject({ status: 'rejected', scope: 'select' });
    expect(outcome.message).toContain("Column 'amount' not found");
  });

  it('leaves no scratch database behind', async () => {
    const left = (await scratchDatabases()).filter(d => !before.includes(d));
    expect(left).toEqual([]);
  });
});
