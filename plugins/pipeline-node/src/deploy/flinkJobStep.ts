import { randomBytes } from 'node:crypto';
import {
  paimonTableNames,
  PipelineSpec,
  quoteIdent,
  renderFlinkJob,
  renderPaimonDdl,
} from '@internal/backstage-plugin-pipeline-common';
import { extractJobId } from '../clients/flink-sql-gateway/FlinkSqlGatewayClient';
import type { FlinkJobOverview } from '../clients/flink-rest/FlinkRestClient';
import { runInLakeSession } from '../service/lakeSession';
import type { FlinkInstance } from '../service/UpstreamRegistry';
import { existingPaimonTables } from './paimonStep';
import { runStep, StepOptions } from './types';

const LIVE_STATES = ['CREATED', 'INITIALIZING', 'RUNNING', 'RESTARTING', 'RECONCILING'];

const target = (flink: FlinkInstance) => ({ paimonCatalog: flink.paimonCatalog?.name ?? 'lake' });

/** `EXPLAIN` form of the job's last statement (an INSERT or an EXECUTE STATEMENT SET). */
const explainOf = (statement: string) =>
  statement.startsWith('EXECUTE ') ? `EXPLAIN ${statement.slice('EXECUTE '.length)}` : `EXPLAIN ${statement}`;

/** The job's plan (EXPLAIN) on the real gateway, in one session with the given setup statements. */
async function explainJob(flink: FlinkInstance, spec: PipelineSpec, setup: string[]) {
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
export function validateFlinkSql(flink: FlinkInstance, spec: PipelineSpec, options: StepOptions = {}) {
  return runStep(
    'flink-sql',
    'flink-sql-gateway',
    'The job SQL did not plan: fix the spec (columns, types, topics) and re-run.',
    async () => {
      const tables = await existingPaimonTables(flink, spec.catalog.database);
      if (paimonTableNames(spec).every(name => tables.has(name))) {
        const plan = await explainJob(flink, spec, []);
        return [{ target: spec.flinkJob.name, outcome: 'validated' as const, detail: `${plan.split('\n').length} plan lines` }];
      }
      const scratch = `portal_plan_${randomBytes(6).toString('hex')}`;
      const scratchSpec = { ...spec, catalog: { ...spec.catalog, database: scratch } };
      const catalog = quoteIdent(target(flink).paimonCatalog);
      try {
        const plan = await explainJob(flink, scratchSpec, renderPaimonDdl(scratchSpec, target(flink)));
        return [{
          target: spec.flinkJob.name,
          outcome: 'validated' as const,
          detail: `${plan.split('\n').length} plan lines, planned against scratch database ${scratch} (dropped)`,
        }];
      } finally {
        await runInLakeSession(flink, [
          ...paimonTableNames(spec).map(name => `DROP TABLE IF EXISTS ${catalog}.${quoteIdent(scratch)}.${quoteIdent(name)}`),
          `DROP DATABASE IF EXISTS ${catalog}.${quoteIdent(scratch)}`,
        ]).catch(() => undefined);
      }
    },
    options,
  );
}

export async function liveJobsNamed(flink: FlinkInstance, name: string): Promise<FlinkJobOverview[]> {
  const jobs = await flink.rest.listJobs();
  return jobs.filter(j => j.name === name && LIVE_STATES.includes(j.state));
}

/**
 * Submits the job through the SQL Gateway unless a job of the same name is already live, then
 * waits until Flink reports it RUNNING.
 */
export function deployFlinkJob(
  flink: FlinkInstance,
  spec: PipelineSpec,
  options: StepOptions & { runningTimeoutMs?: number } = {},
) {
  const name = spec.flinkJob.name;
  return runStep(
    'flink-job',
    'flink-rest',
    'Look at the job in the Flink dashboard (exceptions tab); re-running the deploy submits it again once no job of this name is live.',
    async () => {
      const live = await liveJobsNamed(flink, name);
      if (live.length)
        return [{ target: name, outcome: 'unchanged' as const, detail: `${live[0].state} as ${live[0].jid}` }];
      if (options.dryRun) return [{ target: name, outcome: 'planned' as const, detail: 'would submit' }];
      const results = await runInLakeSession(flink, renderFlinkJob(spec, target(flink)));
      const jobId = extractJobId(results[results.length - 1]);
      if (!jobId) throw new Error('the SQL Gateway returned no job id for the INSERT');
      const deadline = Date.now() + (options.runningTimeoutMs ?? 90_000);
      for (;;) {
        const job = await flink.rest.job(jobId);
        if (job.state === 'RUNNING') break;
        if (['FAILED', 'CANCELED', 'FINISHED'].includes(job.state))
          throw new Error(`job ${jobId} ended ${job.state} right after submission`);
        if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.state} after ${options.runningTimeoutMs ?? 90_000} ms`);
        await new Promise(r => setTimeout(r, 1000));
      }
      return [{ target: name, outcome: 'created' as const, detail: `RUNNING as ${jobId}` }];
    },
    options,
  );
}
