import {
  financeReconciliationExample,
  parsePipelineSpec,
} from '@internal/backstage-plugin-pipeline-common';
import { planScopeProblems, scannedTables } from './planScope';

// The syntax tree the SQL Gateway answered for an EXPLAIN on the local stack (Flink 2.0), cut
// to its scans: a stream, a lookup join, the catalog's sys database and a Paimon system table.
const plan = (scans: string[]) =>
  [
    '== Abstract Syntax Tree ==',
    'LogicalSink(table=[lake.commerce.order_copy], fields=[k, status])',
    '+- LogicalUnion(all=[true])',
    ...scans.map(s => `   :  +- LogicalTableScan(table=[[${s}]])`),
    '',
    '== Optimized Physical Plan ==',
    'Sink(table=[lake.commerce.order_copy], fields=[k, status])',
    '+- TableSourceScan(table=[[lake, elsewhere, not_in_the_tree]], fields=[id])',
  ].join('\n');

const parsed = parsePipelineSpec({
  ...financeReconciliationExample,
  derivedTables: [
    {
      name: 'order_copy',
      columns: [{ name: 'k', type: 'STRING', nullable: false }],
      primaryKey: ['k'],
      select: 'SELECT CAST(id AS STRING) AS k FROM finance_fact',
    },
  ],
});
if (!parsed.success) throw new Error(parsed.message);
const spec = parsed.spec;

describe('plan scope', () => {
  it('reads the scans of the syntax tree only', () => {
    expect(
      scannedTables(
        plan([
          'lake, commerce, finance_fact_cdc',
          'lake, sys, catalog_options',
          'lake, commerce, orders$snapshots',
        ]),
      ),
    ).toEqual([
      'lake.commerce.finance_fact_cdc',
      'lake.sys.catalog_options',
      'lake.commerce.orders$snapshots',
    ]);
  });

  it("lets a job read the spec's own tables", () => {
    expect(
      planScopeProblems(
        spec,
        plan([
          'lake, commerce, finance_fact_cdc',
          'lake, commerce, finance_fact',
        ]),
        'lake',
      ),
    ).toEqual([]);
  });

  it.each([
    [
      'the catalog options',
      'lake, sys, catalog_options',
      'lake.sys.catalog_options',
    ],
    ["another team's table", 'lake, commerce, orders', 'lake.commerce.orders'],
    [
      'a Paimon system table',
      'lake, commerce, finance_fact$options',
      'lake.commerce.finance_fact$options',
    ],
    [
      'a table of another database',
      'lake, finance, finance_fact',
      'lake.finance.finance_fact',
    ],
  ])('refuses %s', (_, scan, table) => {
    expect(
      planScopeProblems(
        spec,
        plan(['lake, commerce, finance_fact', scan]),
        'lake',
      ),
    ).toEqual([
      `the job reads ${table}, which is not a table or stream of pipeline finance-reconciliation: an authored SELECT may read only the spec's own tables and streams`,
    ]);
  });

  it('refuses what it cannot read rather than guess', () => {
    expect(
      planScopeProblems(
        spec,
        plan(['lake, commerce, finance_fact, x']),
        'lake',
      ),
    ).toEqual([
      "the job reads [[lake, commerce, finance_fact, x]], which is not a table or stream of pipeline finance-reconciliation: an authored SELECT may read only the spec's own tables and streams",
    ]);
    expect(planScopeProblems(spec, 'Sink(...)', 'lake')).toEqual([
      'the SQL Gateway answered EXPLAIN without a readable syntax tree, so the tables the job reads could not be checked',
    ]);
  });
});
