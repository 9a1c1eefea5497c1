import { ConfigReader } from '@backstage/config';
import {
  parsePipelineSpec,
  PipelineSpec,
  renderFlinkJob,
  renderPaimonDdl,
  USE_CASE_EXAMPLES,
} from '@internal/backstage-plugin-pipeline-common';
import {
  requireStack,
  runSuffix,
  stackUpstreamsConfig,
} from '../__testUtils__/stack';
import { UpstreamRegistry } from '../service/UpstreamRegistry';
import { runInLakeSession } from '../service/lakeSession';

// Each use-case shape of the mission, planned by the real Flink 2.0 SQL Gateway against real
// Paimon 1.4 tables: the example's Paimon tables are created in a throwaway database, then the
// rendered job (one STATEMENT SET) is EXPLAINed. Topics need not exist for EXPLAIN. Every
// database is dropped afterwards.
jest.setTimeout(300_000);

const run = runSuffix();
const registry = UpstreamRegistry.fromConfig(
  new ConfigReader({ dataPlatform: { upstreams: stackUpstreamsConfig() } }),
);
const flink = registry.get('flink');
const databases: string[] = [];

function specIn(example: unknown, database: string): PipelineSpec {
  const parsed = parsePipelineSpec({
    ...(example as object),
    catalog: { database },
  });
  if (!parsed.success) throw new Error(parsed.message);
  return parsed.spec;
}

/** The plan of the job's last statement (EXECUTE STATEMENT SET → EXPLAIN STATEMENT SET). */
async function explain(spec: PipelineSpec): Promise<string> {
  const job = renderFlinkJob(spec);
  const last = job[job.length - 1];
  expect(last).toMatch(/^EXECUTE STATEMENT SET BEGIN\n/);
  const results = await runInLakeSession(flink, [
    ...renderPaimonDdl(spec),
    ...job.slice(0, -1),
    `EXPLAIN ${last.slice('EXECUTE '.length)}`,
  ]);
  return results[results.length - 1].rows.map(r => String(r[0])).join('\n');
}

describe('the five use-case shapes plan on the real SQL Gateway', () => {
  beforeAll(() => requireStack('gateway'));

  afterAll(async () => {
    for (const db of databases)
      await runInLakeSession(flink, [
        `DROP DATABASE IF EXISTS \`lake\`.\`${db}\` CASCADE`,
      ]).catch(() => undefined);
  });

  /** The operators that make each shape what it is, besides its sinks. */
  const shapeOperators = (shape: string, database: string): string[] =>
    ({
      'stream-enrichment': [
        `LookupJoin(table=[lake.${database}.customer_profile]`,
      ],
      'fraud-cep': [
        'Match(',
        `LookupJoin(table=[lake.${database}.fraud_orders]`,
        `LookupJoin(table=[lake.${database}.fraud_payments]`,
      ],
    }[shape] ?? []);

  it.each(
    Object.entries(USE_CASE_EXAMPLES).map(
      ([shape, example], i) => [shape, example, i] as const,
    ),
  )(
    '%s: every sink of the statement set is in the plan',
    async (shape, example, i) => {
      const database = `usecase_${run}_${i}`;
      databases.push(database);
      const spec = specIn(example, database);
      const plan = await explain(spec);
      const sinks = [
        ...spec.paimonTables.map(t => t.name),
        ...spec.derivedTables.map(t => t.name),
        ...spec.kafkaSinks.map(t => t.name),
      ];
      for (const sink of sinks)
        expect(plan).toContain(`Sink(table=[lake.${database}.${sink}]`);
      for (const operator of shapeOperators(shape, database))
        expect(plan).toContain(operator);
    },
  );

  it('a SELECT naming a missing table fails EXPLAIN with the gateway naming it', async () => {
    const database = `usecase_${run}_bad`;
    databases.push(database);
    const example = USE_CASE_EXAMPLES['stream-enrichment'] as any;
    const spec = specIn(
      {
        ...example,
        derivedTables: [
          {
            ...example.derivedTables[0],
            select: example.derivedTables[0].select.replace(
              'customer_profile FOR',
              'customer_profiles FOR',
            ),
          },
        ],
      },
      database,
    );
    await expect(explain(spec)).rejects.toThrow(/customer_profiles/);
  });
});
