import {
  isValidIdentifier,
  paimonTableNames,
  PipelineSpec,
  PipelineStepView,
  quoteIdent,
  quotePaimonSystemTable,
  sqlString,
} from '@internal/backstage-plugin-pipeline-common';
import {
  type FlinkInstance,
  type KafkaConnectClient,
  runInLakeSession,
  type TrinoInstance,
} from '@internal/backstage-plugin-pipeline-node';
import type { RegistryContext } from './context';

/** `<database>.<table>` of each Paimon table the deployed spec writes (Nessie's content keys). */
export const tableKeys = (spec: PipelineSpec) =>
  paimonTableNames(spec).map(t => `${spec.catalog.database}.${t}`);

/**
 * A restore point's Nessie tag: under the pipeline's prefix (`finance/daily` → `finance/`), so
 * the Versions tab lists it with the pipeline's releases; to the second, so two never clash.
 */
export function restorePointName(spec: PipelineSpec, at: Date): string {
  const prefix = spec.nessie.branch.split('/')[0];
  const stamp = at
    .toISOString()
    .slice(0, 19)
    .replace(/[-:]/g, '')
    .replace('T', '-');
  const name = `${prefix}/restore-${stamp}`;
  if (!isValidIdentifier('nessieRef', name))
    throw new Error(`restore point name ${name} is not a valid Nessie ref`);
  return name;
}

const LIVE = ['CREATED', 'INITIALIZING', 'RUNNING', 'RESTARTING'];

/** The pipeline's live jobs (by the spec's job name). */
export async function liveJobs(flink: FlinkInstance, spec: PipelineSpec) {
  return (await flink.rest.listJobs()).filter(
    j => j.name === spec.flinkJob.name && LIVE.includes(j.state),
  );
}

async function until<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`${what} did not happen within ${timeoutMs / 1000} s`);
    await new Promise(r => setTimeout(r, 500));
  }
}

/**
 * Waits until a job stopped with a savepoint has ended. The savepoint completes first; Paimon
 * commits the savepoint's data (and the commit callback records it in Nessie) before the tasks
 * finish, so only then do Paimon and Nessie hold the state the savepoint belongs to.
 */
export function jobEnded(flink: FlinkInstance, jid: string) {
  return until(`job ${jid} ending after its savepoint`, 60_000, async () => {
    const { state } = await flink.rest.job(jid);
    return ['FINISHED', 'CANCELED', 'FAILED'].includes(state)
      ? state
      : undefined;
  });
}

/** Stops a connector (its tasks shut down, offsets become writable) and waits for STOPPED. */
export async function stopConnector(connect: KafkaConnectClient, name: string) {
  await connect.stop(name);
  await until(`connector ${name} stopping`, 60_000, async () => {
    const status = await connect.getStatus(name);
    return status.connector.state === 'STOPPED' && status.tasks.length === 0
      ? true
      : undefined;
  });
}

const lakeCatalog = (flink: FlinkInstance) =>
  quoteIdent(flink.paimonCatalog?.name ?? 'lake');

/** Each table's tag of that name → its snapshot (undefined: no such tag). */
export async function paimonTagSnapshots(
  flink: FlinkInstance,
  keys: string[],
  tag: string,
): Promise<Map<string, number | undefined>> {
  const catalog = lakeCatalog(flink);
  const results = await runInLakeSession(flink, [
    "SET 'execution.runtime-mode' = 'batch'",
    ...keys.map(key => {
      const [database, table] = key.split('.');
      return `SELECT snapshot_id FROM ${catalog}.${quoteIdent(
        database,
      )}.${quotePaimonSystemTable(table, 'tags')} WHERE tag_name = ${sqlString(
        tag,
      )}`;
    }),
  ]);
  return new Map(
    keys.map((key, i) => {
      const row = results[i + 1].rows[0];
      return [key, row ? Number(row[0]) : undefined];
    }),
  );
}

/** `CALL sys.create_tag` on each table at its snapshot, in one gateway session. */
export async function createPaimonTags(
  flink: FlinkInstance,
  tag: string,
  snapshots: { key: string; snapshotId: number }[],
) {
  const catalog = lakeCatalog(flink);
  await runInLakeSession(
    flink,
    snapshots.map(
      s =>
        `CALL ${catalog}.sys.create_tag(${sqlString(s.key)}, ${sqlString(
          tag,
        )}, ${Math.trunc(s.snapshotId)})`,
    ),
  );
}

/** Rows of a table at a Paimon tag (a batch read of the tag's snapshot). */
export async function paimonCountAtTag(
  flink: FlinkInstance,
  key: string,
  tag: string,
): Promise<number> {
  const [database, table] = key.split('.');
  const [, result] = await runInLakeSession(flink, [
    "SET 'execution.runtime-mode' = 'batch'",
    `SELECT count(*) FROM ${lakeCatalog(flink)}.${quoteIdent(
      database,
    )}.${quoteIdent(table)} /*+ OPTIONS('scan.tag-name' = ${sqlString(
      tag,
    )}) */`,
  ]);
  return Number(result.rows[0]?.[0]);
}

/**
 * Rewrites a table with its content at a Paimon tag, as one new snapshot (an OVERWRITE, then
 * its compaction) committed under the restore's commit user. Not `CALL sys.rollback_to`: with
 * Iceberg metadata in the table location, Paimon 1.4.2 keeps the newest `vN.metadata.json` of
 * the discarded snapshots, and when the table's snapshot ids reach N again its Iceberg writer
 * takes that stale file for its own (it skips a version whose file exists) — Trino then reads
 * the discarded rows, and later both timelines at once (seen on the local stack, see
 * docs/governance.md). A new snapshot keeps ids increasing, the commit callback records it on
 * Nessie's main like any commit, and the discarded snapshots stay in the history, marked by
 * the restore.
 */
export async function overwriteFromTag(
  flink: FlinkInstance,
  key: string,
  tag: string,
  commitUserPrefix: string,
): Promise<void> {
  const [database, table] = key.split('.');
  const name = `${lakeCatalog(flink)}.${quoteIdent(database)}.${quoteIdent(
    table,
  )}`;
  await runInLakeSession(flink, [
    "SET 'execution.runtime-mode' = 'batch'",
    "SET 'table.dml-sync' = 'true'",
    // Compacted in the same commit: Iceberg readers see only compacted files of a primary-key table.
    `INSERT OVERWRITE ${name} /*+ OPTIONS('commit.user-prefix' = ${sqlString(
      commitUserPrefix,
    )}, 'commit.force-compact' = 'true') */ SELECT * FROM ${name} /*+ OPTIONS('scan.tag-name' = ${sqlString(
      tag,
    )}) */`,
  ]);
}

const TRINO_NAME = /^[a-z_][a-z0-9_]{0,127}$/;
function trinoTable(trino: TrinoInstance, key: string): string {
  const parts = [trino.catalog, ...key.split('.')];
  if (parts.length !== 3 || !parts.every(p => TRINO_NAME.test(p)))
    throw new Error(`${key} is not a Trino table name of the lakehouse`);
  return parts.map(p => `"${p}"`).join('.');
}

/**
 * Rows Trino reads from a table, now or at a snapshot. A snapshot no longer in the table's
 * Iceberg metadata (Paimon expired it) fails: that is how a restore learns it is too old.
 */
export async function trinoCount(
  trino: TrinoInstance,
  key: string,
  snapshotId?: number,
): Promise<number> {
  const version =
    snapshotId === undefined
      ? ''
      : ` FOR VERSION AS OF CAST(${Math.trunc(snapshotId)} AS BIGINT)`;
  const result = await trino.client.query(
    `SELECT count(*) FROM ${trinoTable(trino, key)}${version}`,
    { maxRows: 1 },
  );
  return Number(result.rows[0]?.[0]);
}

/** The configured Trino of the default instance, when the portal has one. */
export function optionalTrino(ctx: RegistryContext): TrinoInstance | undefined {
  try {
    return ctx.upstreams.get('trino');
  } catch {
    return undefined;
  }
}

/**
 * Resumes the spec's source connectors that are STOPPED (a held restore leaves them so, at the
 * restored offsets); running ones are left alone. Undefined when none was stopped.
 */
export async function resumeStoppedConnectors(
  ctx: RegistryContext,
  spec: PipelineSpec,
): Promise<PipelineStepView | undefined> {
  let connect: KafkaConnectClient;
  try {
    connect = ctx.upstreams.get('kafkaConnect').client;
  } catch {
    return undefined;
  }
  const changes = [];
  for (const source of spec.sources) {
    const name = source.connector.name;
    const status = await connect.getStatus(name).catch(() => undefined);
    if (status?.connector.state !== 'STOPPED') continue;
    await connect.resume(name);
    changes.push({ target: name, outcome: 'updated', detail: 'resumed' });
  }
  return changes.length
    ? { step: 'connectors', component: 'kafka-connect', dryRun: false, changes }
    : undefined;
}
