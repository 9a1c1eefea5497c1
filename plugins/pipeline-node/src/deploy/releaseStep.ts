import {
  LAKEHOUSE_NESSIE_REF,
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
import { runStep, StepChange, StepOptions } from './types';

const BATCH = "SET 'execution.runtime-mode' = 'batch'";

async function paimonTags(
  flink: FlinkInstance,
  table: string,
): Promise<Map<string, number>> {
  const catalog = quoteIdent(flink.paimonCatalog?.name ?? 'lake');
  const [, tags] = await runInLakeSession(flink, [
    BATCH,
    `SELECT tag_name, snapshot_id FROM ${catalog}.${table}`,
  ]);
  return new Map(tags.rows.map(r => [String(r[0]), Number(r[1])]));
}

const created = (options: StepOptions) =>
  options.dryRun ? ('planned' as const) : ('created' as const);

/**
 * Tags a release. Table commits land on Nessie's `main` (the commit callback records every
 * Paimon snapshot there), so the release is one Nessie tag on a `main` commit, and a Paimon tag
 * of the same name (Paimon's spelling swaps `/` for `-`, see paimonTagFor) on each table at
 * exactly the snapshot that commit records for it: the two pin the same table states, and
 * Trino reads them back with `FOR VERSION AS OF <that snapshot>`. Tags that exist are left
 * alone, so a re-run only adds what is missing (a missing Paimon tag follows the Nessie tag).
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
    'nessie',
    'Tables need at least one snapshot recorded in Nessie (the job must have committed once since the tables got the Nessie commit callback); re-run to add the missing tags.',
    async () => {
      const database = spec.catalog.database;
      const names = paimonTableNames(spec);
      const keys = names.map(t => `${database}.${t}`);
      const existing = await getOptionalNessieReference(nessie, tag);
      // The state the release pins: the existing tag's, or main's head now.
      const at = await nessie.getContents(
        existing ? existing.name : LAKEHOUSE_NESSIE_REF,
        keys,
      );
      const pinned = at.hash;
      const changes: StepChange[] = [];
      const catalog = quoteIdent(flink.paimonCatalog?.name ?? 'lake');
      for (const [i, table] of names.entries()) {
        const snapshotId = at.contents.get(keys[i])?.snapshotId;
        if (snapshotId === undefined)
          throw new Error(
            `${keys[i]} has no snapshot recorded on Nessie ${
              existing ? tag : LAKEHOUSE_NESSIE_REF
            } at ${pinned.slice(0, 12)}`,
          );
        const tagsTable = `${quoteIdent(database)}.${quotePaimonSystemTable(
          table,
          'tags',
        )}`;
        const tagged = (await paimonTags(flink, tagsTable)).get(paimonTag);
        if (tagged === undefined && !options.dryRun) {
          await runInLakeSession(flink, [
            `CALL ${catalog}.sys.create_tag(${sqlString(keys[i])}, ${sqlString(
              paimonTag,
            )}, ${snapshotId})`,
          ]);
        }
        if (tagged !== undefined && tagged !== snapshotId)
          throw new Error(
            `Paimon tag ${paimonTag} of ${keys[i]} is at snapshot ${tagged}, but Nessie ${tag} pins ${snapshotId}: delete one of them`,
          );
        changes.push({
          target: `paimon ${keys[i]}@${paimonTag}`,
          outcome: tagged !== undefined ? 'unchanged' : created(options),
          detail: `snapshot ${snapshotId}`,
        });
      }
      if (!existing && !options.dryRun) {
        const ref = await nessie.createTag(tag, {
          name: LAKEHOUSE_NESSIE_REF,
          type: 'BRANCH',
          hash: pinned,
        });
        changes.push({
          target: `nessie ${tag}`,
          outcome: 'created',
          detail: `at ${ref.hash} on ${LAKEHOUSE_NESSIE_REF}`,
        });
      } else {
        changes.push({
          target: `nessie ${tag}`,
          outcome: existing ? 'unchanged' : 'planned',
          detail: existing
            ? `at ${existing.hash}`
            : `would tag ${LAKEHOUSE_NESSIE_REF} at ${pinned}`,
        });
      }
      return changes;
    },
    options,
  );
}
