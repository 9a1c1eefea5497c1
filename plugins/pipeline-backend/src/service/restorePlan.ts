import {
  LAKEHOUSE_NESSIE_REF,
  PipelineRestorePlan,
  PipelineRestorePointView,
  PipelineSpec,
  RestorePlanTableView,
} from '@internal/backstage-plugin-pipeline-common';
import type { PipelineRecord } from '../registry/RegistryStore';
import type { RegistryContext } from './context';
import { liveJobs, paimonTagSnapshots, tableKeys } from './restoreSupport';

const messageOf = (e: unknown) =>
  (e instanceof Error ? e.message : String(e)).slice(0, 300);

/**
 * What restoring `point` would change, read from the stack without changing anything: the
 * live job that would stop, each table's snapshot now on Nessie's main against the one it goes
 * back to, each connector's offsets now against the recorded ones — and every reason the
 * restore would be refused:
 *
 * - the deployed spec is not the one the savepoint was taken with (its state belongs to that
 *   job graph, and the tables' schema may have moved on);
 * - a table's Paimon tag is gone or points elsewhere (the tag is what pins the restore point's
 *   data files against snapshot expiry);
 * - a table is no longer in the deployed spec or has no content on main, or a connector cannot
 *   be read.
 */
export async function planRestore(
  ctx: RegistryContext,
  row: PipelineRecord,
  spec: PipelineSpec,
  point: PipelineRestorePointView,
): Promise<PipelineRestorePlan> {
  const flink = ctx.upstreams.get('flink');
  const nessie = ctx.upstreams.get('nessie').client;
  const connect = ctx.upstreams.get('kafkaConnect').client;
  const problems: string[] = [];
  if (point.specDigest && point.specDigest !== row.specDigest)
    problems.push(
      `the deployed spec (${
        row.specDigest ?? 'none'
      }) is not the one the restore point's savepoint was taken with (${
        point.specDigest
      }): deploy that version first, or make a new restore point`,
    );
  const keys = point.tables.map(t => t.table);
  const deployedKeys = tableKeys(spec);
  for (const key of keys)
    if (!deployedKeys.includes(key))
      problems.push(`${key} is no longer a table of the deployed spec`);

  const [live, main, tags] = await Promise.all([
    liveJobs(flink, spec),
    nessie.getContents(LAKEHOUSE_NESSIE_REF, keys),
    paimonTagSnapshots(flink, keys, point.tables[0]?.paimonTag ?? '').catch(
      e => {
        problems.push(`the Paimon tags could not be read: ${messageOf(e)}`);
        return new Map<string, number | undefined>();
      },
    ),
  ]);

  const tables: RestorePlanTableView[] = [];
  for (const t of point.tables) {
    const plan: RestorePlanTableView = {
      ...t,
      currentSnapshotId: main.contents.get(t.table)?.snapshotId,
      restorable: true,
    };
    const tagged = tags.get(t.table);
    if (plan.currentSnapshotId === undefined) {
      plan.restorable = false;
      plan.problem = `${t.table} has no content on Nessie ${LAKEHOUSE_NESSIE_REF} (dropped?)`;
    } else if (tags.size && tagged !== t.snapshotId) {
      plan.restorable = false;
      plan.problem =
        tagged === undefined
          ? `Paimon tag ${t.paimonTag} of ${t.table} no longer exists`
          : `Paimon tag ${t.paimonTag} of ${t.table} is at snapshot ${tagged}, not ${t.snapshotId}`;
    }
    if (plan.problem) problems.push(plan.problem);
    tables.push(plan);
  }

  const connectors = [];
  for (const c of point.connectors) {
    try {
      const [status, current] = await Promise.all([
        connect.getStatus(c.name),
        connect.getOffsets(c.name),
      ]);
      connectors.push({
        name: c.name,
        state: status.connector.state,
        current,
        target: c.offsets,
      });
    } catch (e) {
      problems.push(`connector ${c.name} cannot be read: ${messageOf(e)}`);
      connectors.push({ name: c.name, current: [], target: c.offsets });
    }
  }

  return {
    pipeline: row.id,
    restorePoint: point,
    job: {
      name: spec.flinkJob.name,
      liveJobId: live[0]?.jid,
      state: live[0]?.state,
      resumeFrom: point.savepoint.location,
    },
    tables,
    connectors,
    problems,
    confirm: point.name,
  };
}
