import {
  convergedPaimonOptions,
  paimonTableNames,
  PipelineSpec,
  quoteIdent,
  renderPaimonDdl,
  sqlString,
} from '@internal/backstage-plugin-pipeline-common';
import { runInLakeSession } from '../service/lakeSession';
import type { FlinkInstance } from '../service/UpstreamRegistry';
import { creationOutcome, runStep, StepChange, StepOptions } from './types';

const catalogOf = (flink: FlinkInstance) => flink.paimonCatalog?.name ?? 'lake';

/** Tables that exist in the spec's database (none when the database does not exist yet). */
export async function existingPaimonTables(
  flink: FlinkInstance,
  database: string,
): Promise<Set<string>> {
  const [, databases] = await runInLakeSession(flink, [
    `USE CATALOG ${quoteIdent(catalogOf(flink))}`,
    'SHOW DATABASES',
  ]);
  if (!databases.rows.some(r => r[0] === database)) return new Set();
  const [tables] = await runInLakeSession(flink, [
    `SHOW TABLES IN ${quoteIdent(catalogOf(flink))}.${quoteIdent(database)}`,
  ]);
  return new Set(tables.rows.map(r => String(r[0])));
}

/** The `'key' = 'value'` options of a `SHOW CREATE TABLE` answer's WITH clause. */
export function withOptionsOf(ddl: string): Record<string, string> {
  const clause = ddl.slice(ddl.lastIndexOf('WITH ('));
  const options: Record<string, string> = {};
  for (const m of clause.matchAll(/'((?:[^']|'')*)'\s*=\s*'((?:[^']|'')*)'/g)) {
    options[m[1].replace(/''/g, "'")] = m[2].replace(/''/g, "'");
  }
  return options;
}

/** The options of `wanted` an existing table lacks or holds with another value. */
function drift(
  current: Record<string, string>,
  wanted: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(wanted).filter(([k, v]) => current[k] !== v),
  );
}

/** Where the tables' commit callback reaches Nessie; without it tables are not recorded there. */
export interface PaimonStepOptions extends StepOptions {
  nessieUri?: string;
}

/**
 * Creates missing tables from the rendered `CREATE … IF NOT EXISTS` DDL, and converges existing
 * ones on the options Trino needs to read them through Nessie (full compaction, the Nessie commit
 * callback): a table made before those options existed gets them by ALTER TABLE … SET. A running
 * job picks changed options up when it is next (re)started.
 */
export function ensurePaimonTables(
  flink: FlinkInstance,
  spec: PipelineSpec,
  options: PaimonStepOptions = {},
) {
  return runStep(
    'paimon-tables',
    'flink-sql-gateway',
    'Check the SQL Gateway and the Paimon warehouse (object store), then re-run the deploy.',
    async () => {
      const database = spec.catalog.database;
      const target = {
        paimonCatalog: catalogOf(flink),
        nessieUri: options.nessieUri,
      };
      const before = await existingPaimonTables(flink, database);
      // Copy tables and derived tables alike (the DDL creates both, IF NOT EXISTS).
      const names = paimonTableNames(spec);
      const missing = names.filter(name => !before.has(name));
      if (missing.length && !options.dryRun) {
        await runInLakeSession(flink, renderPaimonDdl(spec, target));
      }
      const wanted = convergedPaimonOptions(spec, target);
      const existing = names.filter(
        name => before.has(name) && Object.keys(wanted.get(name) ?? {}).length,
      );
      const qualified = (name: string) =>
        [catalogOf(flink), database, name].map(quoteIdent).join('.');
      const shown = existing.length
        ? await runInLakeSession(
            flink,
            existing.map(name => `SHOW CREATE TABLE ${qualified(name)}`),
          )
        : [];
      const drifted = new Map(
        existing.map((name, i) => [
          name,
          drift(
            withOptionsOf(String(shown[i].rows[0]?.[0] ?? '')),
            wanted.get(name)!,
          ),
        ]),
      );
      const alters = [...drifted]
        .filter(([, d]) => Object.keys(d).length)
        .map(
          ([name, d]) =>
            `ALTER TABLE ${qualified(name)} SET (${Object.entries(d)
              .map(([k, v]) => `${sqlString(k)} = ${sqlString(v)}`)
              .join(', ')})`,
        );
      if (alters.length && !options.dryRun) {
        await runInLakeSession(flink, alters);
      }
      return names.map((name): StepChange => {
        const changed = Object.keys(drifted.get(name) ?? {});
        if (!before.has(name) || !changed.length)
          return {
            target: `${database}.${name}`,
            outcome: creationOutcome(before.has(name), options.dryRun),
          };
        return {
          target: `${database}.${name}`,
          outcome: options.dryRun ? 'planned' : 'updated',
          detail: `${options.dryRun ? 'would set' : 'set'} ${changed.join(
            ', ',
          )}`,
        };
      });
    },
    options,
  );
}
