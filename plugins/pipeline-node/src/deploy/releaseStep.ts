import {
  nessieTagFor,
  paimonTableNames,
  paimonTagFor,
  PipelineSpec,
  quoteIdent,
  quotePaimonSystemTable,
  sqlString,
} from '@internal/backstage-plugin-pipeline-common';
import type { NessieClient } from '../clients/nessie/NessieClient';
import { runInLakeSession } from '../service/lakeSession';
import type { FlinkInstance } from '../service/UpstreamRegistry';
import { getOptionalNessieReference } from './nessieStep';
import { creationOutcome, runStep, StepChange, StepOptions } from './types';

const BATCH = "SET 'execution.runtime-mode' = 'batch'";

async function paimonTags(
  flink: FlinkInstance,
  table: string,
): Promise<Set<string>> {
  const catalog = quoteIdent(flink.paimonCatalog?.name ?? 'lake');
  const [, tags] = await runInLakeSession(flink, [
    BATCH,
    `SELECT tag_name FROM ${catalog}.${table}`,
  ]);
  return new Set(tags.rows.map(r => String(r[0])));
}

/**
 * Tags a release: a Paimon tag on every table of the pipeline (their current snapshot) and a
 * Nessie tag of the same name on the pipeline's branch (Paimon's spelling swaps `/` for `-`,
 * see paimonTagFor). Tags that exist are left alone, so a re-run only adds what is missing.
 */
export function tagRelease(
  flink: FlinkInstance,
  nessie: NessieClient,
  spec: PipelineSpec,
  options: StepOptions & { day?: Date } = {},
) {
  const tag = nessieTagFor(spec, options.day ?? new Date());
  const paimonTag = paimonTagFor(tag);
  return runStep(
    'release-tag',
    'flink-sql-gateway',
    'Tables need at least one snapshot (the job must have checkpointed once); re-run to add the missing tags.',
    async () => {
      const changes: StepChange[] = [];
      const catalog = quoteIdent(flink.paimonCatalog?.name ?? 'lake');
      for (const table of paimonTableNames(spec)) {
        const id = `${spec.catalog.database}.${table}`;
        const tagsTable = `${quoteIdent(
          spec.catalog.database,
        )}.${quotePaimonSystemTable(table, 'tags')}`;
        const exists = (await paimonTags(flink, tagsTable)).has(paimonTag);
        if (!exists && !options.dryRun) {
          await runInLakeSession(flink, [
            `CALL ${catalog}.sys.create_tag(${sqlString(id)}, ${sqlString(
              paimonTag,
            )})`,
          ]);
        }
        changes.push({
          target: `paimon ${id}@${paimonTag}`,
          outcome: creationOutcome(exists, options.dryRun),
        });
      }
      const existing = await getOptionalNessieReference(nessie, tag);
      if (!existing && !options.dryRun) {
        const created = await nessie.createTag(tag, {
          name: spec.nessie.branch,
        });
        changes.push({
          target: `nessie ${tag}`,
          outcome: 'created',
          detail: `at ${created.hash}`,
        });
      } else {
        changes.push({
          target: `nessie ${tag}`,
          outcome: existing ? 'unchanged' : 'planned',
          detail: existing
            ? `at ${existing.hash}`
            : `would tag ${spec.nessie.branch}`,
        });
      }
      return changes;
    },
    options,
  );
}
