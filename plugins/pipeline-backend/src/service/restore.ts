import { ConflictError } from '@backstage/errors';
import {
  LAKEHOUSE_NESSIE_REF,
  PipelineRestorePointView,
  PipelineSpec,
  PipelineStepView,
  restoreCommitUserPrefix,
} from '@internal/backstage-plugin-pipeline-common';
import type { PipelineRecord } from '../registry/RegistryStore';
import type { RegistryContext } from './context';
import { planRestore } from './restorePlan';
import type { RestoreProgress } from './restorePoints';
import {
  jobEnded,
  liveJobs,
  optionalTrino,
  overwriteFromTag,
  paimonCountAtTag,
  stopConnector,
  trinoCount,
} from './restoreSupport';

const step = (
  name: string,
  component: string,
  changes: PipelineStepView['changes'],
): PipelineStepView => ({ step: name, component, dryRun: false, changes });

/**
 * Puts each table back to its restore point: rewritten from its Paimon tag as a new snapshot
 * (see overwriteFromTag), which the commit callback records on Nessie's main — so main's content
 * moves to the restored state in the same commit, and Trino reads it at once. Checked before
 * anything resumes: main records the restore's snapshot for each table, and Trino reads as many
 * rows as the tag holds.
 */
async function restoreTables(
  ctx: RegistryContext,
  point: PipelineRestorePointView,
): Promise<PipelineStepView> {
  const flink = ctx.upstreams.get('flink');
  const nessie = ctx.upstreams.get('nessie').client;
  const trino = optionalTrino(ctx);
  const prefix = restoreCommitUserPrefix(point.tables[0].paimonTag);
  const changes: PipelineStepView['changes'] = [];
  for (const t of point.tables) {
    const rows = await paimonCountAtTag(flink, t.table, t.paimonTag);
    await overwriteFromTag(flink, t.table, t.paimonTag, prefix);
    // The callback ran inside the commit: main's newest commit of the table is the restore's.
    const [head] = (
      await nessie.keyLog(LAKEHOUSE_NESSIE_REF, [t.table], { maxRecords: 1 })
    ).entries;
    const user = head?.commit.properties?.['paimon.commit-user'] ?? '';
    if (!user.startsWith(prefix))
      throw new Error(
        `Nessie ${LAKEHOUSE_NESSIE_REF} did not record the restore of ${
          t.table
        } (its newest commit is by ${
          user || 'no Paimon commit user'
        }): is the table's commit callback set?`,
      );
    const snapshot = head.operations.find(
      o => o.key.elements.join('.') === t.table,
    )?.content?.snapshotId;
    let read = '';
    if (trino) {
      const now = await trinoCount(trino, t.table);
      if (now !== rows)
        throw new Error(
          `after the restore Trino reads ${now} rows of ${t.table}, but its tag ${t.paimonTag} holds ${rows}`,
        );
      read = `; Trino reads ${now} rows`;
    }
    changes.push({
      target: t.table,
      outcome: 'updated',
      detail: `restored from tag ${t.paimonTag} (snapshot ${t.snapshotId}, ${rows} rows) as snapshot ${snapshot}, Nessie ${LAKEHOUSE_NESSIE_REF} commit ${head.commit.hash}${read}`,
    });
  }
  return step('paimon-tables', 'paimon+nessie', changes);
}

/**
 * Restores a pipeline to a restore point. Every check runs first (planRestore); then:
 * stop the live job with a savepoint (recorded: the way back) → stop the connectors → restore
 * each table from its tag (recorded on Nessie's main, checked through Trino) → write the
 * recorded offsets into the stopped connectors → resume them → resume the job from the
 * restore point's savepoint. The job re-reads its topics from the savepoint's offsets and the
 * connectors re-read the source from theirs: primary-key tables catch up with no loss and no
 * duplicates (a replayed change is an upsert or a delete by key).
 *
 * With `hold`, it stops after writing the offsets: job and connectors stay stopped, so the
 * restored tables can be inspected before anything is replayed; Resume (from the restore
 * point's savepoint) then resumes the connectors and the job.
 *
 * A failure before the first table is rewritten undoes the stops (connectors resumed, job
 * resumed from the savepoint just taken) and changes nothing; after it, the job and connectors
 * stay stopped and the error says so — running the restore again finishes it.
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
  const plan = await planRestore(ctx, row, spec, point);
  if (plan.problems.length)
    throw new ConflictError(
      `restore of ${row.id} to ${
        point.name
      } refused, nothing was changed: ${plan.problems.join('; ')}`,
    );

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
      `restore of ${
        row.id
      } stopped before changing any table (connectors and job resumed as they were): ${
        (error as Error).message
      }`,
      { cause: error },
    );
  }
  progress.steps.push(
    step(
      'connectors',
      'kafka-connect',
      stopped.map(name => ({
        target: name,
        outcome: 'updated',
        detail: 'stopped',
      })),
    ),
  );

  try {
    progress.steps.push(await restoreTables(ctx, point));
    await ctx.restorePoints.markRestored(point.id, actor);

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
