import { createHash, randomBytes } from 'node:crypto';
import {
  paimonTableNames,
  PipelineSpec,
  quoteIdent,
  renderFlinkJob,
  renderPaimonDdl,
  sqlSet,
} from '@internal/backstage-plugin-pipeline-common';
import { extractJobId } from '../clients/flink-sql-gateway/FlinkSqlGatewayClient';
import type { FlinkJobOverview } from '../clients/flink-rest/FlinkRestClient';
import { runInLakeSession } from '../service/lakeSession';
import type { FlinkInstance } from '../service/UpstreamRegistry';
import { existingPaimonTables } from './paimonStep';
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

/** The job's plan (EXPLAIN) on the real gateway, in one session with the given setup statements. */
async function explainJob(
  flink: FlinkInstance,
  spec: PipelineSpec,
  setup: string[],
) {
  const statements = renderFlinkJob(spec, target(flink));
  const results = await runInLakeSession(flink, [
    ...setup,
    ...statements.slice(0, -1),
    explainOf(statements[statements.length - 1]),
  ]);
  return results[results.length - 1].rows.map(r => String(r[0])).join('\n');
}

/**
 * Plans the job's SQL on the real gateway. EXPLAIN needs the Paimon tables: when they do not
 * exist yet (a dry run, or a first deploy validated before its tables), it plans against the
 * same tables created in a scratch database that is dropped right after, so the pipeline's own
 * database is never touched.
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
      const tables = await existingPaimonTables(flink, spec.catalog.database);
      if (paimonTableNames(spec).every(name => tables.has(name))) {
        const plan = await explainJob(flink, spec, []);
        return [
          {
            target: spec.flinkJob.name,
            outcome: 'validated' as const,
            detail: `${plan.split('\n').length} plan lines`,
          },
        ];
      }
      const scratch = `portal_plan_${randomBytes(6).toString('hex')}`;
      const scratchSpec = {
        ...spec,
        catalog: { ...spec.catalog, database: scratch },
      };
      const catalog = quoteIdent(target(flink).paimonCatalog);
      try {
        const plan = await explainJob(
          flink,
          scratchSpec,
          renderPaimonDdl(scratchSpec, target(flink)),
        );
        return [
          {
            target: spec.flinkJob.name,
            outcome: 'validated' as const,
            detail: `${
              plan.split('\n').length
            } plan lines, planned against scratch database ${scratch} (dropped)`,
          },
        ];
      } finally {
        await runInLakeSession(flink, [
          ...paimonTableNames(spec).map(
            name =>
              `DROP TABLE IF EXISTS ${catalog}.${quoteIdent(
                scratch,
              )}.${quoteIdent(name)}`,
          ),
          `DROP DATABASE IF EXISTS ${catalog}.${quoteIdent(scratch)}`,
        ]).catch(() => undefined);
      }
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

async function submitAndWait(
  flink: FlinkInstance,
  statements: string[],
  digest: string,
  restoreFrom: string | undefined,
  runningTimeoutMs: number,
): Promise<string> {
  const results = await runInLakeSession(flink, [
    sqlSet(
      'pipeline.global-job-parameters',
      `${SPEC_DIGEST_PARAMETER}:${digest}`,
    ),
    // A changed plan may drop operators; their state is left behind rather than refusing to start.
    ...(restoreFrom
      ? [
          sqlSet('execution.state-recovery.path', restoreFrom),
          sqlSet('execution.state-recovery.ignore-unclaimed-state', 'true'),
        ]
      : []),
    ...statements,
  ]);
  const jobId = extractJobId(results[results.length - 1]);
  if (!jobId)
    throw new Error('the SQL Gateway returned no job id for the INSERT');
  const deadline = Date.now() + runningTimeoutMs;
  for (;;) {
    const job = await flink.rest.job(jobId);
    if (job.state === 'RUNNING') return jobId;
    if (['FAILED', 'CANCELED', 'FINISHED'].includes(job.state))
      throw new Error(`job ${jobId} ended ${job.state} right after submission`);
    if (Date.now() > deadline)
      throw new Error(
        `job ${jobId} still ${job.state} after ${runningTimeoutMs} ms`,
      );
    await new Promise(r => setTimeout(r, 1000));
  }
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
  options: StepOptions & {
    runningTimeoutMs?: number;
    savepointTimeoutMs?: number;
  } = {},
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
              detail: `would stop ${job.jid} with a savepoint and resubmit: ${change}`,
            },
          ];
        if (job.state !== 'RUNNING')
          throw new Error(
            `job ${job.jid} is ${job.state}; a changed spec is redeployed only from a RUNNING job`,
          );
        const { location } = await flink.rest.stopWithSavepoint(job.jid, {
          waitTimeoutMs: options.savepointTimeoutMs ?? 120_000,
        });
        const jobId = await submitAndWait(
          flink,
          statements,
          digest,
          location,
          runningTimeoutMs,
        ).catch(error => {
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
      const resumeFrom = await lastSavepointOf(flink, name);
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
        statements,
        digest,
        resumeFrom,
        runningTimeoutMs,
      );
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
