import { ConflictError } from '@backstage/errors';
import {
  LAKEHOUSE_NESSIE_REF,
  paimonTagFor,
  PipelineRestorePointView,
  PipelineSpec,
  PipelineStepView,
} from '@internal/backstage-plugin-pipeline-common';
import type { PipelineRecord } from '../registry/RegistryStore';
import type { RegistryContext } from './context';
import {
  createPaimonTags,
  jobEnded,
  liveJobs,
  restorePointName,
  tableKeys,
} from './restoreSupport';

/** What an operation did so far (shared with PipelineOperations). */
export interface RestoreProgress {
  steps: PipelineStepView[];
  savepoints: { jobId: string; location: string; reason: string }[];
}

const step = (
  name: string,
  component: string,
  changes: PipelineStepView['changes'],
): PipelineStepView => ({ step: name, component, dryRun: false, changes });

/**
 * Records a restore point of a running pipeline. The job is stopped with a savepoint and
 * resumed from it at once (seconds of pause), rather than savepointed while running: a running
 * job keeps committing, so no table snapshot would match the savepoint's offsets exactly; a
 * stopped one has committed exactly the savepoint's data, and Nessie's main records those
 * snapshots before the job ends. In order:
 *
 * 1. the source connectors' offsets (first: they are at or behind what the job has read, so a
 *    replay from them repeats changes the tables already hold — upserts by primary key — and
 *    never skips one);
 * 2. stop with savepoint, wait for the job to end;
 * 3. main's head for the pipeline's tables: the snapshot it records for each;
 * 4. a Paimon tag per table at that snapshot (pins its files against expiry), then a Nessie tag
 *    on that main commit — the same states on both sides, as a release tag;
 * 5. the job resumes from the savepoint (also when 3–4 failed: it never stays stopped).
 */
export async function createRestorePoint(
  ctx: RegistryContext,
  row: PipelineRecord,
  spec: PipelineSpec,
  actor: string,
  progress: RestoreProgress,
): Promise<PipelineRestorePointView> {
  const flink = ctx.upstreams.get('flink');
  const nessie = ctx.upstreams.get('nessie').client;
  const connect = ctx.upstreams.get('kafkaConnect').client;
  const keys = tableKeys(spec);
  const name = restorePointName(spec, new Date());
  const live = await liveJobs(flink, spec);
  if (live.length !== 1 || live[0].state !== 'RUNNING')
    throw new ConflictError(
      `a restore point needs the pipeline's job running (it binds the job's savepoint): ${
        live.length
          ? `${spec.flinkJob.name} is ${live.map(j => j.state).join(', ')}`
          : `no live job named ${spec.flinkJob.name}`
      }; resume it first`,
    );
  if (!keys.length)
    throw new ConflictError(
      `pipeline ${row.id} writes no Paimon table: there is nothing to restore`,
    );

  const connectors = [];
  for (const source of spec.sources)
    connectors.push({
      name: source.connector.name,
      offsets: await connect.getOffsets(source.connector.name),
    });
  progress.steps.push(
    step(
      'connectors',
      'kafka-connect',
      connectors.map(c => ({
        target: c.name,
        outcome: 'recorded',
        detail: `${c.offsets.length} source partition offset(s)`,
      })),
    ),
  );

  const jid = live[0].jid;
  const { location } = await flink.rest.stopWithSavepoint(jid, {
    waitTimeoutMs: 120_000,
  });
  progress.savepoints.push({ jobId: jid, location, reason: 'restore-point' });
  let point: PipelineRestorePointView | undefined;
  let failure: Error | undefined;
  try {
    await jobEnded(flink, jid);
    const at = await nessie.getContents(LAKEHOUSE_NESSIE_REF, keys);
    const tables = keys.map(key => {
      const snapshotId = at.contents.get(key)?.snapshotId;
      if (snapshotId === undefined)
        throw new ConflictError(
          `${key} has no snapshot recorded on Nessie ${LAKEHOUSE_NESSIE_REF} (the table needs the commit callback and one commit since): no restore point was made`,
        );
      return { table: key, snapshotId, paimonTag: paimonTagFor(name) };
    });
    await createPaimonTags(
      flink,
      paimonTagFor(name),
      tables.map(t => ({ key: t.table, snapshotId: t.snapshotId })),
    );
    const tag = await nessie.createTag(name, {
      name: LAKEHOUSE_NESSIE_REF,
      type: 'BRANCH',
      hash: at.hash,
    });
    progress.steps.push(
      step('restore-point', 'paimon+nessie', [
        ...tables.map(t => ({
          target: `paimon ${t.table}@${t.paimonTag}`,
          outcome: 'created',
          detail: `snapshot ${t.snapshotId}`,
        })),
        {
          target: `nessie ${name}`,
          outcome: 'created',
          detail: `at ${tag.hash} on ${LAKEHOUSE_NESSIE_REF}`,
        },
      ]),
    );
    const draft = {
      name,
      createdBy: actor,
      specDigest: row.specDigest,
      savepoint: { jobId: jid, location },
      nessie: { tag: name, hash: tag.hash },
      tables,
      connectors,
    };
    const id = await ctx.restorePoints.add(row.id, draft);
    point = await ctx.restorePoints.get(row.id, id);
  } catch (error) {
    failure = error as Error;
  }
  // The job resumes whatever happened after its savepoint: a restore point never stops it.
  try {
    const resumed = await ctx.deployer.step('flink-job', spec, {
      restoreFrom: location,
    });
    progress.steps.push({
      step: resumed.step,
      component: resumed.component,
      dryRun: false,
      changes: resumed.changes.map(c => ({ ...c })),
    });
  } catch (error) {
    throw failure
      ? new Error(
          `${failure.message}; and the job did not resume from ${location}: ${
            (error as Error).message
          }`,
          { cause: failure },
        )
      : error;
  }
  if (failure) throw failure;
  return point!;
}
