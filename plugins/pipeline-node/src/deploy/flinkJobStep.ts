import { createHash } from 'node:crypto';
import {
  PipelineSpec,
  renderFlinkJob,
  sqlSet,
} from '@internal/backstage-plugin-pipeline-common';
import { extractJobId } from '../clients/flink-sql-gateway/FlinkSqlGatewayClient';
import type { FlinkJobOverview } from '../clients/flink-rest/FlinkRestClient';
import { runInLakeSession } from '../service/lakeSession';
import type { FlinkInstance } from '../service/UpstreamRegistry';
import { planOnGateway } from './gatewayPlan';
import { assertPlanScope, ownTables } from './planScope';
import { runStep, StepOptions } from './types';

const LIVE_STATES = [
  'CREATED',
  'INITIALIZING',
  'RUNNING',
  'RESTARTING',
  'RECONCILING',
];

const target = (flink: FlinkInstance) => ({
  paimonCatalog: flink.paimonCatalog?.name ?? 'lake',
});

/** `EXPLAIN` form of the job's last statement (an INSERT or an EXECUTE STATEMENT SET). */
const explainOf = (statement: string) =>
  statement.startsWith('EXECUTE ')
    ? `EXPLAIN ${statement.slice('EXECUTE '.length)}`
    : `EXPLAIN ${statement}`;

/**
 * Plans the job's SQL on the real gateway (planOnGateway): against the pipeline's own Paimon
 * tables when they all exist, else against a scratch copy that is dropped right after.
 */
export function validateFlinkSql(
  flink: FlinkInstance,
  spec: PipelineSpec,
  options: StepOptions = {},
) {
  return runStep(
    'flink-sql',
    'flink-sql-gateway',
    'The job SQL did not plan: fix the spec (columns, types, topics) and re-run.',
    async () => {
      const { plan, scratchDatabase } = await planOnGateway(
        flink,
        spec,
        (_, job) => explainOf(job[job.length - 1]),
        { scratch: 'when-missing' },
      );
      // Which tables the job may read is decided on the plan (planScope.ts). A scratch plan
      // names the scratch copies; the spec's real tables stay allowed for qualified names.
      const catalogName = target(flink).paimonCatalog;
      assertPlanScope(
        scratchDatabase
          ? { ...spec, catalog: { ...spec.catalog, database: scratchDatabase } }
          : spec,
        plan,
        catalogName,
        ownTables(spec, catalogName),
      );
      const lines = `${plan.split('\n').length} plan lines`;
      return [
        {
          target: spec.flinkJob.name,
          outcome: 'validated' as const,
          detail: scratchDatabase
            ? `${lines}, planned against scratch database ${scratchDatabase} (dropped)`
            : lines,
        },
      ];
    },
    options,
  );
}

export async function liveJobsNamed(
  flink: FlinkInstance,
  name: string,
): Promise<FlinkJobOverview[]> {
  const jobs = await flink.rest.listJobs();
  return jobs.filter(j => j.name === name && LIVE_STATES.includes(j.state));
}

/** Global job parameter under which the portal records which rendering of the spec a job runs. */
export const SPEC_DIGEST_PARAMETER = 'dataplatform.spec-digest';

/** A short digest of the job's rendered statements: equal digests mean the same SQL and settings. */
export const specDigest = (statements: string[]) =>
  createHash('sha256')
    .update(statements.join(';\n'))
    .digest('hex')
    .slice(0, 16);

/**
 * The savepoint the last run of this job ended with (stopping with a savepoint ends a job
 * FINISHED; a cancelled one starts over), if Flink still remembers that run: a job
 * stopped with a savepoint (from the Flink tab, or a redeploy interrupted after its stop)
 * resumes where it stopped instead of starting over.
 */
async function lastSavepointOf(
  flink: FlinkInstance,
  name: string,
): Promise<string | undefined> {
  const ended = (await flink.rest.listJobs())
    .filter(j => j.name === name && j.state === 'FINISHED')
    .sort((a, b) => b['end-time'] - a['end-time']);
  if (!ended.length) return undefined;
  const checkpoints = await flink.rest.checkpoints(ended[0].jid);
  return checkpoints.latest?.savepoint?.external_path ?? undefined;
}

/**
 * The new plan cannot take the savepoint's state: Flink found operator state no operator of
 * the new job claims (an INSERT removed, a join changed). Flink refuses such a restore unless
 * told to drop that state (`execution.state-recovery.ignore-unclaimed-state`), which the
 * portal only does when the owner explicitly accepts starting that state empty.
 *
 * @public
 */
export class UnclaimedStateError extends Error {
  constructor(readonly jobId: string, readonly flinkMessage: string) {
    super(
      `the new plan cannot take the state of the savepoint: ${flinkMessage.replace(
        /\.+$/,
        '',
      )}`,
    );
    this.name = 'UnclaimedStateError';
  }
}

// Flink's sentence, without its advice for the CLI (the portal's choice is acceptStateLoss).
const UNCLAIMED_STATE =
  /Cannot map checkpoint\/savepoint state for operator \S+ to the new program(, because the operator is not available in the new program)?/;

/** Why a job failed right after submission, when it is unclaimed state. */
async function failureOf(flink: FlinkInstance, jobId: string) {
  // A job that fails while its JobMaster starts may list its exception a moment after FAILED.
  for (let attempt = 0; attempt < 10; attempt++) {
    const exceptions = await flink.rest
      .exceptions(jobId, 5)
      .catch(() => undefined);
    const entries = exceptions?.exceptionHistory?.entries ?? [];
    const unclaimed = UNCLAIMED_STATE.exec(
      entries.map(e => e.stacktrace).join('\n'),
    );
    if (unclaimed) return new UnclaimedStateError(jobId, unclaimed[0]);
    if (entries.length) return undefined;
    await new Promise(r => setTimeout(r, 500));
  }
  return undefined;
}

/** Every message of an error and its causes (the gateway's words are in `upstreamMessage`). */
function errorText(error: unknown): string {
  const parts: string[] = [];
  for (let e: any = error; e && parts.length < 10; e = e.cause)
    parts.push(String(e.message ?? e), String(e.upstreamMessage ?? ''));
  return parts.join('\n');
}

/**
 * A restore the session cluster refused while starting the job's JobMaster: the SQL Gateway
 * fails the INSERT itself, and Flink lists the job as FAILED with the reason.
 */
async function refusedRestore(
  flink: FlinkInstance,
  name: string,
  since: number,
  error: unknown,
): Promise<UnclaimedStateError | undefined> {
  const said = UNCLAIMED_STATE.exec(errorText(error));
  if (said) return new UnclaimedStateError('(not started)', said[0]);
  const failed = (await flink.rest.listJobs().catch(() => []))
    .filter(
      j => j.name === name && j.state === 'FAILED' && j['start-time'] >= since,
    )
    .sort((a, b) => b['start-time'] - a['start-time'])[0];
  return failed ? failureOf(flink, failed.jid) : undefined;
}

async function submitAndWait(
  flink: FlinkInstance,
  name: string,
  statements: string[],
  digest: string,
  restore: { from?: string; dropUnclaimedState?: boolean },
  runningTimeoutMs: number,
): Promise<string> {
  // Without a TaskManager the job would wait for slots and never start: say so before submitting.
  const cluster = await flink.rest.overview();
  if (cluster.taskmanagers === 0)
    throw new Error(
      'no TaskManager is registered with the JobManager (flink-taskmanager is down): nothing was submitted',
    );
  const since = Date.now() - 5000;
  const results = await runInLakeSession(flink, [
    sqlSet(
      'pipeline.global-job-parameters',
      `${SPEC_DIGEST_PARAMETER}:${digest}`,
    ),
    // State no operator of the new plan claims is dropped only when the owner accepted it.
    ...(restore.from
      ? [
          sqlSet('execution.state-recovery.path', restore.from),
          sqlSet(
            'execution.state-recovery.ignore-unclaimed-state',
            String(Boolean(restore.dropUnclaimedState)),
          ),
        ]
      : []),
    ...statements,
  ]).catch(async error => {
    const refused = restore.from
      ? await refusedRestore(flink, name, since, error)
      : undefined;
    throw refused ?? error;
  });
  const jobId = extractJobId(results[results.length - 1]);
  if (!jobId)
    throw new Error('the SQL Gateway returned no job id for the INSERT');
  const deadline = Date.now() + runningTimeoutMs;
  for (;;) {
    const job = await flink.rest.job(jobId);
    if (job.state === 'RUNNING') return jobId;
    if (['FAILED', 'CANCELED', 'FINISHED'].includes(job.state)) {
      const unclaimed = restore.from
        ? await failureOf(flink, jobId)
        : undefined;
      throw (
        unclaimed ??
        new Error(`job ${jobId} ended ${job.state} right after submission`)
      );
    }
    if (Date.now() > deadline) {
      // A deploy that failed leaves nothing behind that still waits to start.
      await flink.rest.cancel(jobId).catch(() => undefined);
      const now = await flink.rest.overview().catch(() => undefined);
      throw new Error(
        `job ${jobId} still ${
          job.state
        } after ${runningTimeoutMs} ms, cancelled${
          now
            ? ` (the cluster has ${now.taskmanagers} TaskManager(s), ${now['slots-available']} free slot(s))`
            : ''
        }`,
      );
    }
    await new Promise(r => setTimeout(r, 1000));
  }
}

/** Options of the flink-job step beyond a dry run. @public */
export interface FlinkJobStepOptions extends StepOptions {
  runningTimeoutMs?: number;
  savepointTimeoutMs?: number;
  /**
   * The owner accepts that state the new plan cannot take starts empty. Without it a replace
   * whose plan cannot take the old state is refused and the old job resumed.
   */
  acceptStateLoss?: boolean;
  /** Resume from this savepoint (one the registry recorded for the pipeline) when no job is live. */
  restoreFrom?: string;
  /** The spec deployed before: what is resumed when a replace is refused. */
  previousSpec?: PipelineSpec;
  /** Every savepoint the step takes (so the registry can record it). */
  onSavepoint?: (savepoint: { jobId: string; location: string }) => void;
}

/**
 * Brings the job in line with the spec. No live job: submit it (resuming from the last run's
 * savepoint when there is one). A live job submitted for the same rendering: unchanged. A live
 * job of an older rendering: stop it with a savepoint and resubmit the new SQL from that
 * savepoint, so sources continue from their offsets. A live job the portal did not submit is
 * left alone.
 */
export function deployFlinkJob(
  flink: FlinkInstance,
  spec: PipelineSpec,
  options: FlinkJobStepOptions = {},
) {
  const name = spec.flinkJob.name;
  const runningTimeoutMs = options.runningTimeoutMs ?? 90_000;
  return runStep(
    'flink-job',
    'flink-rest',
    'Look at the job in the Flink dashboard (exceptions tab); re-running the deploy submits it again once no job of this name is live, from its last savepoint.',
    async () => {
      const statements = renderFlinkJob(spec, target(flink));
      const digest = specDigest(statements);
      const live = await liveJobsNamed(flink, name);
      if (live.length > 1)
        throw new Error(
          `${live.length} live jobs are named ${name} (${live
            .map(j => j.jid)
            .join(', ')}); cancel all but one`,
        );
      if (live.length) {
        const job = live[0];
        const running = (await flink.rest.jobParameters(job.jid))[
          SPEC_DIGEST_PARAMETER
        ];
        if (running === digest)
          return [
            {
              target: name,
              outcome: 'unchanged' as const,
              detail: `${job.state} as ${job.jid}`,
            },
          ];
        if (!running)
          return [
            {
              target: name,
              outcome: 'skipped' as const,
              detail: `${job.state} as ${job.jid}, not submitted by the portal: left alone (stop it with a savepoint to let the deploy take over)`,
            },
          ];
        const change = `spec changed (${running} → ${digest})`;
        if (options.dryRun)
          return [
            {
              target: name,
              outcome: 'planned' as const,
              detail: `would stop ${
                job.jid
              } with a savepoint and resubmit: ${change}; ${
                options.acceptStateLoss
                  ? 'state the new plan cannot take starts empty (accepted)'
                  : 'if the new plan cannot take the old state, the replace is refused and the job resumed'
              }`,
            },
          ];
        if (job.state !== 'RUNNING')
          throw new Error(
            `job ${job.jid} is ${job.state}; a changed spec is redeployed only from a RUNNING job`,
          );
        const { location } = await flink.rest.stopWithSavepoint(job.jid, {
          waitTimeoutMs: options.savepointTimeoutMs ?? 120_000,
        });
        options.onSavepoint?.({ jobId: job.jid, location });
        const jobId = await submitAndWait(
          flink,
          name,
          statements,
          digest,
          { from: location, dropUnclaimedState: options.acceptStateLoss },
          runningTimeoutMs,
        ).catch(async error => {
          if (error instanceof UnclaimedStateError)
            throw await refuseReplace(flink, error, job.jid, location, options);
          throw new Error(
            `${
              job.jid
            } was stopped with savepoint ${location}, but the new job did not start: ${
              error instanceof Error ? error.message : error
            }`,
            { cause: error },
          );
        });
        return [
          {
            target: name,
            outcome: 'updated' as const,
            detail: `RUNNING as ${jobId}, ${change}, resumed from ${location}`,
          },
        ];
      }
      const resumeFrom =
        options.restoreFrom ?? (await lastSavepointOf(flink, name));
      if (options.dryRun)
        return [
          {
            target: name,
            outcome: 'planned' as const,
            detail: resumeFrom
              ? `would submit, resuming from ${resumeFrom}`
              : 'would submit',
          },
        ];
      const jobId = await submitAndWait(
        flink,
        name,
        statements,
        digest,
        { from: resumeFrom, dropUnclaimedState: options.acceptStateLoss },
        runningTimeoutMs,
      ).catch(error => {
        if (error instanceof UnclaimedStateError)
          throw new Error(
            `${error.message}. The job stays stopped at savepoint ${resumeFrom}; deploy again accepting that this state starts empty, or resume the spec that took it`,
            { cause: error },
          );
        throw error;
      });
      return [
        {
          target: name,
          outcome: 'created' as const,
          detail: `RUNNING as ${jobId}${
            resumeFrom ? `, resumed from ${resumeFrom}` : ''
          }`,
        },
      ];
    },
    options,
  );
}

/**
 * A replace whose new plan cannot take the old state, not accepted by the owner: the old job
 * is resumed from the savepoint it just took (when the deployed spec is known), and the deploy
 * fails saying so. The error is what the deploy step reports.
 */
async function refuseReplace(
  flink: FlinkInstance,
  error: UnclaimedStateError,
  oldJobId: string,
  savepoint: string,
  options: FlinkJobStepOptions,
): Promise<Error> {
  const refused = `refused: ${error.message}`;
  // No final period: the deploy step appends its own hint after a period.
  const retry =
    'Deploy again accepting that this state starts empty to replace it anyway';
  if (!options.previousSpec)
    return new Error(
      `${refused}. Job ${oldJobId} stays stopped at savepoint ${savepoint} (the deployed spec is unknown, so it was not resumed). ${retry}`,
      { cause: error },
    );
  const previous = renderFlinkJob(options.previousSpec, target(flink));
  try {
    const resumed = await submitAndWait(
      flink,
      options.previousSpec.flinkJob.name,
      previous,
      specDigest(previous),
      { from: savepoint },
      options.runningTimeoutMs ?? 90_000,
    );
    return new Error(
      `${refused}. The deployed spec was resumed from savepoint ${savepoint} as job ${resumed}. ${retry}`,
      { cause: error },
    );
  } catch (resumeError) {
    return new Error(
      `${refused}. Resuming the deployed spec from savepoint ${savepoint} failed too (${
        (resumeError as Error).message
      }); the job is stopped. ${retry}`,
      { cause: error },
    );
  }
}
