import {
  paimonTableNames,
  PipelineSpec,
  quoteIdent,
  renderPaimonDdl,
} from '@internal/backstage-plugin-pipeline-common';
import { runInLakeSession } from '../service/lakeSession';
import type { FlinkInstance } from '../service/UpstreamRegistry';
import { creationOutcome, runStep, StepOptions } from './types';

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

/** Runs the rendered `CREATE … IF NOT EXISTS` DDL; existing tables are left as they are. */
export function ensurePaimonTables(
  flink: FlinkInstance,
  spec: PipelineSpec,
  options: StepOptions = {},
) {
  return runStep(
    'paimon-tables',
    'flink-sql-gateway',
    'Check the SQL Gateway and the Paimon warehouse (object store), then re-run the deploy.',
    async () => {
      const database = spec.catalog.database;
      const before = await existingPaimonTables(flink, database);
      // Copy tables and derived tables alike (the DDL creates both, IF NOT EXISTS).
      const names = paimonTableNames(spec);
      const missing = names.filter(name => !before.has(name));
      if (missing.length && !options.dryRun) {
        await runInLakeSession(
          flink,
          renderPaimonDdl(spec, { paimonCatalog: catalogOf(flink) }),
        );
      }
      return names.map(name => ({
        target: `${database}.${name}`,
        outcome: creationOutcome(before.has(name), options.dryRun),
      }));
    },
    options,
  );
}
