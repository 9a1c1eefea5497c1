import { ConflictError } from '@backstage/errors';
import {
  LAKEHOUSE_NESSIE_REF,
  PipelineRestorePointView,
  PipelineSpec,
  PipelineStepView,
} from '@internal/backstage-plugin-pipeline-common';
import type { NessieOperation } from '@internal/backstage-plugin-pipeline-node';
import type { PipelineRecord } from '../registry/RegistryStore';
import type { RegistryContext } from './context';
import { planRestore } from './restorePlan';
import type { RestoreProgress } from './restorePoints';
import {
  jobEnded,
  liveJobs,
  optionalTrino,
  rollbackToTag,
  stopConnector,
  trinoCount,
} from './restoreSupport';

const step = (
  name: string,
  component: string,
  changes: PipelineStepView['changes'],
): PipelineStepView => ({ step: name, component, dryRun: false, changes });

/**
 * Moves each table's content on Nessie's main back to the restore point's snapshot, in one
 * commit. Paimon's rollback writes no Iceberg metadata and the commit callback records commits,
 * not rollbacks, so without this Trino would go on reading the discarded snapshots. Paimon keeps
 * only its newest Iceberg metadata file, which still lists the target snapshot (within the
 * retention, checked by the plan); Iceberg's Nessie catalog makes the content's `snapshotId` the
 * table's current snapshot, so the content keeps that file and names the target snapshot (schema,
 * spec and sort order as the restore point's tag recorded them). Verified on Trino 476.
 */
async function restoreNessieContents(
  ctx: RegistryContext,
  row: PipelineRecord,
  point: PipelineRestorePointView,
  actor: string,
): Promise<string> {
  const nessie = ctx.upstreams.get('nessie').client;
  const keys = point.tables.map(t => t.table);
  const [main, tagged] = await Promise.all([
    nessie.getContents(LAKEHOUSE_NESSIE_REF, keys),
    nessie.getContents(point.nessie.tag, keys),
  ]);
  const operations: NessieOperation[] = point.tables.map(t => {
    const current = main.contents.get(t.table);
    if (!current?.metadataLocation)
      throw new Error(`${t.table} has no Iceberg content on main to move back`);
    const at = tagged.contents.get(t.table);
    return {
      type: 'PUT',
      key: { elements: t.table.split('.') },
      content: {
        ...current,
        snapshotId: t.snapshotId,
        schemaId: at?.schemaId ?? current.schemaId,
        specId: at?.specId ?? current.specId,
        sortOrderId: at?.sortOrderId ?? current.sortOrderId,
      },
    };
  });
  const head = await nessie.commit(LAKEHOUSE_NESSIE_REF, main.hash, {
    message: `${row.id}: restore to ${point.name} (${point.tables
      .map(t => `${t.table} → snapshot ${t.snapshotId}`)
      .join(', ')})`,
    authors: [actor],
    properties: {
      'portal.restore-point': point.name,
      'portal.restore-hash': point.nessie.hash,
      pipeline: row.name,
      'recorded-by': 'portal-restore',
    },
    operations,
  });
  return head.hash;
}

/**
 * Restores a pipeline to a restore point. Every check runs first (planRestore); then:
 * stop the live job with a savepoint (recorded, the way back) → stop the connectors → roll each
 * table back to its Paimon tag → move the tables' Nessie content to the tag's snapshot (and check
 * Trino reads what it read at the tag) → write the recorded offsets into the stopped connectors
 * and resume them → resume the job from the restore point's savepoint. The job then re-reads
 * its topics from the savepoint's offsets and the connectors re-read the source from theirs:
 * primary-key tables catch up with no loss and no duplicates (a replayed change is an upsert).
 *
 * With `hold`, it stops after writing the offsets: job and connectors stay stopped, so the
 * restored tables can be inspected before anything is replayed; Resume (from the restore
 * point's savepoint) then resumes the connectors and the job.
 *
 * A failure before the first rollback undoes the stops (connectors resumed, job resumed from the
 * savepoint just taken) and changes nothing; after it, the job and connectors stay stopped and
 * the error says so — running the restore again finishes it.
 */
export async function runRestore(
  ctx: RegistryContext,
  row: PipelineRecord,
  spec: PipelineSpec,
  point: PipelineRestorePointView,
  actor: string,
  progress: RestoreProgress,
  options: { hold?: boolean } = {},
): Promise<void> {
  const flink = ctx.upstreams.get('flink');
  const connect = ctx.upstreams.get('kafkaConnect').client;
  const counts = new Map<string, number>();
  const plan = await planRestore(ctx, row, spec, point, counts);
  if (plan.problems.length)
    throw new ConflictError(
      `restore of ${row.id} to ${point.name} refused, nothing was changed: ${plan.problems.join(
        '; ',
      )}`,
    );
  const keys = point.tables.map(t => t.table);

  let stoppedFrom: string | undefined;
  for (const job of await liveJobs(flink, spec)) {
    const { location } = await flink.rest.stopWithSavepoint(job.jid, {
      waitTimeoutMs: 120_000,
    });
    progress.savepoints.push({ jobId: job.jid, location, reason: 'restore' });
    await jobEnded(flink, job.jid);
    stoppedFrom = location;
    progress.steps.push(
      step('flink-job', 'flink-rest', [
        {
          target: spec.flinkJob.name,
          outcome: 'updated',
          detail: `stopped ${job.jid} with savepoint ${location}`,
        },
      ]),
    );
  }
  const stopped: string[] = [];
  try {
    for (const c of point.connectors) {
      await stopConnector(connect, c.name);
      stopped.push(c.name);
    }
  } catch (error) {
    for (const name of stopped) await connect.resume(name).catch(() => {});
    if (stoppedFrom)
      await ctx.deployer
        .step('flink-job', spec, { restoreFrom: stoppedFrom })
        .catch(() => {});
    throw new Error(
      `restore of ${row.id} stopped before changing any table (connectors and job resumed as they were): ${
        (error as Error).message
      }`,
      { cause: error },
    );
  }
  progress.steps.push(
    step(
      'connectors',
      'kafka-connect',
      stopped.map(name => ({ target: name, outcome: 'updated', detail: 'stopped' })),
    ),
  );

  try {
    await rollbackToTag(flink, keys, point.tables[0].paimonTag);
    const hash = await restoreNessieContents(ctx, row, point, actor);
    await ctx.restorePoints.markRestored(point.id, actor);
    const trino = optionalTrino(ctx);
    const verified: string[] = [];
    for (const t of point.tables) {
      if (!trino || !counts.has(t.table)) continue;
      const now = await trinoCount(trino, t.table);
      if (now !== counts.get(t.table))
        throw new Error(
          `after the restore Trino reads ${now} rows of ${t.table}, but ${counts.get(
            t.table,
          )} at snapshot ${t.snapshotId}`,
        );
      verified.push(`${t.table}: Trino reads ${now} rows`);
    }
    progress.steps.push(
      step('paimon-tables', 'paimon+nessie', [
        ...point.tables.map(t => ({
          target: t.table,
          outcome: 'updated',
          detail: `rolled back to tag ${t.paimonTag} (snapshot ${t.snapshotId}, was ${
            plan.tables.find(p => p.table === t.table)?.currentSnapshotId
          })`,
        })),
        {
          target: `nessie ${LAKEHOUSE_NESSIE_REF}`,
          outcome: 'updated',
          detail: `restore commit ${hash}${
            verified.length ? `; ${verified.join('; ')}` : ''
          }`,
        },
      ]),
    );

    const offsets = [];
    for (const c of point.connectors) {
      const message = await connect.alterOffsets(c.name, c.offsets);
      offsets.push({
        target: c.name,
        outcome: 'updated',
        detail: `offsets of ${c.offsets.length} partition(s) restored${
          message ? ` (${message})` : ''
        }`,
      });
    }
    progress.steps.push(step('connectors', 'kafka-connect', offsets));
    if (options.hold) {
      await ctx.store.update(row.id, { status: 'stopped' });
      return;
    }
    for (const c of point.connectors) await connect.resume(c.name);
    const job = await ctx.deployer.step('flink-job', spec, {
      restoreFrom: point.savepoint.location,
    });
    progress.steps.push(
      step(
        'connectors',
        'kafka-connect',
        point.connectors.map(c => ({
          target: c.name,
          outcome: 'updated',
          detail: 'resumed from the restored offsets',
        })),
      ),
      {
        step: job.step,
        component: job.component,
        dryRun: false,
        changes: job.changes.map(c => ({ ...c })),
      },
    );
  } catch (error) {
    throw new Error(
      `restore of ${row.id} to ${point.name} failed part way: ${
        (error as Error).message
      }. The job and the connectors ${stopped.join(
        ', ',
      )} may be stopped; run the restore again to finish it`,
      { cause: error },
    );
  }
  await ctx.store.update(row.id, { status: 'deployed' });
}
