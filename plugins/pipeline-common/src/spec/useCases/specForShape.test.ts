import { parsePipelineSpec, PipelineSpec } from '../pipelineSpec';
import { renderFlinkJob, renderPaimonDdl, toSqlScript } from '../render';
import { fraudAlertsSelect } from './fraud';
import { ShapeParams } from './shapeParamsSchema';
import {
  ShapeParamsError,
  specForShape,
  USE_CASE_SHAPES,
} from './specForShape';

const base = { name: 'team-fraud', owner: 'group:default/risk-team' };

function spec(shape: string, params: Partial<ShapeParams> = {}): PipelineSpec {
  const parsed = parsePipelineSpec(specForShape(shape, { ...base, ...params }));
  if (!parsed.success) throw new Error(parsed.message);
  return parsed.spec;
}

const problems = (shape: string, params: unknown): string[] => {
  try {
    specForShape(shape, params);
  } catch (e) {
    if (e instanceof ShapeParamsError) return e.problems;
    throw e;
  }
  throw new Error('specForShape accepted the params');
};

/** What the schema picker answers for MariaDB commerce.orders. */
const ordersPick = (names: string[]) => ({
  source: 'commerce_mariadb',
  table: 'orders',
  primaryKey: ['id'],
  columns: [
    { name: 'id', type: 'bigint(20)', nullable: false },
    { name: 'customer_id', type: 'int(11)', nullable: false },
    { name: 'status', type: 'varchar(16)', nullable: false },
    { name: 'amount', type: 'decimal(12,2)', nullable: false },
    { name: 'currency', type: 'char(3)', nullable: false },
    { name: 'created_at', type: 'timestamp', nullable: false },
    { name: 'updated_at', type: 'timestamp', nullable: false },
  ].filter(c => names.includes(c.name)),
});

describe('specForShape with a form’s answers', () => {
  it.each(USE_CASE_SHAPES)(
    '%s: a default form gives the shape’s SQL under the pipeline’s names',
    shape => {
      const s = spec(shape);
      expect(s.flinkJob.name).toBe('team-fraud');
      expect(toSqlScript(renderFlinkJob(s))).toContain('INSERT INTO');
    },
  );

  it('puts the CEP threshold and window into both fraud SELECTs', () => {
    const s = spec('fraud-cep', {
      cep: { failedAttempts: 4, windowMinutes: 30 },
    });
    for (const select of [s.derivedTables[0].select, s.kafkaSinks[0].select]) {
      expect(select).toContain('PATTERN (F{4,} C)');
      expect(select).toContain("WITHIN INTERVAL '30' MINUTE");
    }
    // One parameter left out keeps its default.
    expect(
      spec('fraud-cep', { cep: { windowMinutes: 5 } }).kafkaSinks[0].select,
    ).toContain('PATTERN (F{3,} C)');
  });

  it('puts the interest thresholds into the enrichment', () => {
    const select = spec('stream-enrichment', {
      interest: { hotAddToCarts: 2, warmEvents: 40 },
    }).derivedTables[0].select;
    expect(select).toContain(">= 2 THEN 'hot'");
    expect(select).toContain(">= 40 THEN 'warm'");
  });

  it('sets partitions of the CDC topics and of the Kafka sink topic', () => {
    const s = spec('fraud-cep', { partitions: { cdc: 2, fraud_alerts: 12 } });
    expect(s.topics.map(t => [t.name, t.partitions])).toEqual([
      ['team-fraud-my.commerce.orders', 2],
      ['team-fraud-pg.public.payments', 2],
      // Named inside the pipeline's namespace, so two fraud pipelines never share it.
      ['team-fraud.fraud_alerts', 12],
    ]);
    expect(s.kafkaSinks[0].topic).toBe('team-fraud.fraud_alerts');
    expect(
      problems('fraud-cep', { ...base, partitions: { behavior: 3 } }),
    ).toEqual([
      'partitions: "behavior" is not a topic this pipeline owns; use cdc, fraud_alerts',
    ]);
  });

  it('replaces the SELECT of the named table only; an empty one keeps the shape’s', () => {
    const mine =
      'SELECT customer_id, CAST(NULL AS TIMESTAMP(3)) AS t FROM behavior';
    const s = spec('fraud-cep', {
      selects: { fraud_signals: mine, fraud_alerts: '  ' },
    });
    expect(s.derivedTables[0].select).toBe(mine);
    expect(s.kafkaSinks[0].select).toBe(fraudAlertsSelect());
    expect(
      problems('inventory-360', { ...base, selects: { nope: mine } }),
    ).toEqual([
      'selects.nope: the shape has no derived table or Kafka sink "nope"; it has: inventory_snapshot',
    ]);
  });

  it('leaves an authored SELECT to the spec’s rules: no statement can be appended', () => {
    const input = specForShape('fraud-cep', {
      ...base,
      selects: { fraud_signals: 'SELECT 1; DROP TABLE fraud_orders' },
    });
    expect(parsePipelineSpec(input)).toMatchObject({
      success: false,
      errors: [
        'derivedTables.0.select: authoredSelect: must not contain ";" (one SELECT per field; the renderer ends the statement)',
      ],
    });
  });

  it('captures the picked columns with their source types and copies exactly those', () => {
    const s = spec('fraud-cep', {
      sourceTables: {
        fraud_orders: ordersPick(['id', 'customer_id', 'amount', 'created_at']),
      },
    });
    const mariadb = s.sources.find(x => x.name === 'commerce_mariadb')!;
    expect(mariadb.tables).toEqual([
      {
        name: 'orders',
        primaryKey: ['id'],
        columns: [
          { name: 'id', type: 'bigint(20)', nullable: false },
          { name: 'customer_id', type: 'int(11)', nullable: false },
          { name: 'amount', type: 'decimal(12,2)', nullable: false },
          { name: 'created_at', type: 'timestamp', nullable: false },
        ],
      },
    ]);
    expect(s.paimonTables[0].columns).toEqual([
      'id',
      'customer_id',
      'amount',
      'created_at',
    ]);
    const ddl = renderPaimonDdl(s).find(d => d.includes('`fraud_orders`'))!;
    expect(ddl).toContain('`amount` DECIMAL(12, 2) NOT NULL');
    expect(ddl).not.toContain('`status`');
  });

  it('captures a picked table under its own CDC topic', () => {
    const pick = { ...ordersPick(['id', 'customer_id']), table: 'orders_v2' };
    const s = spec('inventory-360', {
      sourceTables: { inventory_orders: pick },
    });
    expect(s.paimonTables[0].from).toEqual({
      source: 'commerce_mariadb',
      table: 'orders_v2',
    });
    expect(s.topics.map(t => t.name)).toEqual([
      'team-fraud-my.commerce.orders_v2',
      'team-fraud-my.commerce.inventory',
    ]);
  });

  it.each([
    [
      'a source the copy table does not read',
      { fraud_orders: { ...ordersPick(['id']), source: 'commerce_pg' } },
      'sourceTables.fraud_orders.source: fraud_orders reads source commerce_mariadb, not commerce_pg',
    ],
    [
      'a table without its primary key',
      { fraud_orders: ordersPick(['customer_id']) },
      'sourceTables.fraud_orders.columns: the primary key column id of orders must be picked',
    ],
    [
      'a copy table the shape does not have',
      { fraud_things: ordersPick(['id']) },
      'sourceTables.fraud_things: the shape has no copy table "fraud_things"; its copy tables: fraud_orders, fraud_payments',
    ],
  ])('refuses %s', (_, sourceTables, message) => {
    expect(problems('fraud-cep', { ...base, sourceTables })).toEqual([message]);
  });

  it.each([
    [
      'a CEP threshold as text',
      { cep: { failedAttempts: '3' } },
      'cep.failedAttempts',
    ],
    [
      'a fractional window',
      { cep: { windowMinutes: 1.5 } },
      'cep.windowMinutes',
    ],
    [
      'a window over a day',
      { cep: { windowMinutes: 1441 } },
      'cep.windowMinutes',
    ],
    ['an unknown CEP key', { cep: { pattern: 'F{1,}' } }, 'cep'],
    ['zero partitions', { partitions: { cdc: 0 } }, 'partitions.cdc'],
    [
      'a checkpoint of an hour and more',
      { checkpointSeconds: 3601 },
      'checkpointSeconds',
    ],
    [
      'a column name that breaks out of a quote',
      {
        sourceTables: {
          fraud_orders: {
            ...ordersPick(['id']),
            columns: [{ name: 'id` INT) --', type: 'bigint', nullable: false }],
          },
        },
      },
      'sourceTables.fraud_orders.columns.0.name',
    ],
    [
      'a table name with a dot',
      {
        sourceTables: { fraud_orders: { ...ordersPick(['id']), table: 'x.y' } },
      },
      'sourceTables.fraud_orders.table',
    ],
    [
      'a catalog database that is no identifier',
      { catalogDatabase: 'a-b' },
      'catalogDatabase',
    ],
    ['an unknown answer', { mode: 'x' }, '(params)'],
  ])('refuses %s at its field', (_, params, path) => {
    const found = problems('fraud-cep', { ...base, ...params });
    expect(found.length).toBeGreaterThan(0);
    expect(found[0].startsWith(`${path}:`)).toBe(true);
    expect(found.join('\n')).not.toContain('--');
  });

  it('refuses parameters of another shape', () => {
    expect(
      problems('inventory-360', { ...base, cep: { failedAttempts: 3 } }),
    ).toEqual(['cep: applies to the fraud-cep shape only']);
    expect(
      problems('fraud-cep', { ...base, interest: { warmEvents: 3 } }),
    ).toEqual(['interest: applies to the stream-enrichment shape only']);
  });

  it('treats unanswered optional fields ("" or null) as not set', () => {
    const s = spec('fraud-cep', {
      description: '',
      catalogDatabase: null as any,
      selects: { fraud_signals: '' },
      sourceTables: { fraud_orders: '' as any },
    });
    // Unset database and domain: the pipeline's own namespace, never the platform's `commerce`.
    expect(s.catalog.database).toBe('team_fraud');
    expect(s.nessie.branch).toBe('team-fraud/daily');
    expect(s.derivedTables[0].select).toContain('MATCH_RECOGNIZE');
  });

  it("serves from a keyspace and CouchDB databases of the pipeline's own", () => {
    const s = spec('customer-support-360', {});
    expect(
      s.servingSinks
        .filter(k => k.kind !== 'trino')
        .map(k => [k.kind, k.keyspace, k.name]),
    ).toEqual([
      ['couchdb', undefined, 'team_fraud_customer_case'],
      ['cassandra', 'team_fraud', 'customer_case_cache'],
    ]);
  });

  it('keeps a database and domain the form names', () => {
    const s = spec('fraud-cep', {
      catalogDatabase: 'risk_lab',
      domain: 'risk-lab',
    });
    expect([s.catalog.database, s.nessie.branch]).toEqual([
      'risk_lab',
      'risk-lab/daily',
    ]);
  });

  it('names an unknown shape without echoing an unsafe one', () => {
    expect(() => specForShape('batch-etl', base)).toThrow(
      /^unknown use-case shape 'batch-etl'; known: cdc-lakehouse, /,
    );
    expect(() => specForShape('x\n<script>', base)).toThrow(
      /^unknown use-case shape; known: /,
    );
  });
});
