import {
  financeReconciliationExample,
  parsePipelineSpec,
  PipelineSpec,
  renderFlinkJob,
} from '@internal/backstage-plugin-pipeline-common';
import type { FlinkJobOverview } from '../clients/flink-rest/FlinkRestClient';
import type { FlinkInstance } from '../service/UpstreamRegistry';
import {
  deployFlinkJob,
  SPEC_DIGEST_PARAMETER,
  specDigest,
} from './flinkJobStep';

// The job step's decisions, against a fake Flink: what it submits, stops and resumes from.
// The real round trip (stop-with-savepoint, resubmit, rows continue) is in
// PipelineDeployer.integration.test.ts.

const parsed = parsePipelineSpec(financeReconciliationExample);
if (!parsed.success) throw new Error(parsed.message);
const spec: PipelineSpec = parsed.spec;
const name = spec.flinkJob.name;
const oldJid = 'a'.repeat(32);
const newJid = 'b'.repeat(32);
const digest = specDigest(renderFlinkJob(spec, { paimonCatalog: 'lake' }));

const overview = (
  jid: string,
  state: FlinkJobOverview['state'],
  endTime = -1,
) =>
  ({
    jid,
    name,
    state,
    'start-time': 1,
    'end-time': endTime,
    duration: 1,
    'last-modification': 1,
    tasks: {},
  } as FlinkJobOverview);

function fakeFlink(opts: {
  jobs: FlinkJobOverview[];
  parameters?: Record<string, string>;
  savepoint?: string;
  taskManagers?: number;
}) {
  const submitted: string[][] = [];
  const rest = {
    overview: jest.fn(async () => ({
      taskmanagers: opts.taskManagers ?? 1,
      'slots-available': 4,
    })),
    cancel: jest.fn(async () => undefined),
    listJobs: jest.fn(async () => opts.jobs),
    jobParameters: jest.fn(async () => opts.parameters ?? {}),
    stopWithSavepoint: jest.fn(async () => ({
      location: 's3://flink/savepoints/savepoint-aaaaaa-1',
    })),
    job: jest.fn(async (jid: string) => ({ jid, name, state: 'RUNNING' })),
    exceptions: jest.fn(async () => ({
      exceptionHistory: {
        entries: [{ exceptionName: 'x', stacktrace: 'boom', timestamp: 1 }],
        truncated: false,
      },
    })),
    checkpoints: jest.fn(async () => ({
      latest: {
        savepoint: opts.savepoint ? { external_path: opts.savepoint } : null,
      },
    })),
  };
  const sqlGateway = {
    runStatements: jest.fn(async (statements: string[]) => {
      submitted.push(statements);
      return statements.map(() => ({
        columns: [],
        rows: [],
        rowKinds: [],
        truncated: false,
        jobId: newJid,
      }));
    }),
  };
  const flink = {
    name: 'local',
    rest,
    sqlGateway,
    paimonCatalog: { name: 'lake', options: { warehouse: 's3://lake/' } },
  } as unknown as FlinkInstance;
  // The first statement of a session creates the catalog.
  const job = () => submitted[0]?.slice(1) ?? [];
  return { flink, rest, job, sqlGateway, submitted };
}

const outcomeOf = async (flink: FlinkInstance, dryRun = false) =>
  (await deployFlinkJob(flink, spec, { dryRun })).changes[0];

describe('deployFlinkJob', () => {
  it('submits a new job with the spec digest as a global job parameter', async () => {
    const { flink, job, rest } = fakeFlink({ jobs: [] });
    const change = await outcomeOf(flink);
    expect(change).toMatchObject({
      outcome: 'created',
      detail: `RUNNING as ${newJid}`,
    });
    expect(job()[0]).toBe(
      `SET 'pipeline.global-job-parameters' = '${SPEC_DIGEST_PARAMETER}:${digest}'`,
    );
    expect(job().join('\n')).not.toContain('state-recovery');
    expect(rest.stopWithSavepoint).not.toHaveBeenCalled();
  });

  it('submits nothing while no TaskManager is registered, and names it', async () => {
    const { flink, sqlGateway } = fakeFlink({ jobs: [], taskManagers: 0 });
    await expect(outcomeOf(flink)).rejects.toThrow(
      /flink-taskmanager is down\): nothing was submitted/,
    );
    expect(sqlGateway.runStatements).not.toHaveBeenCalled();
  });

  it('cancels a job that does not start in time, saying how many slots were free', async () => {
    const { flink, rest } = fakeFlink({ jobs: [] });
    rest.job.mockImplementation(async (jid: string) => ({
      jid,
      name,
      state: 'CREATED',
    }));
    await expect(
      deployFlinkJob(flink, spec, { runningTimeoutMs: 10 }),
    ).rejects.toThrow(
      /still CREATED after 10 ms, cancelled \(the cluster has 1 TaskManager\(s\), 4 free slot\(s\)\)/,
    );
    expect(rest.cancel).toHaveBeenCalledWith(newJid);
  });

  it('leaves a live job of the same rendering alone', async () => {
    const { flink, job, rest } = fakeFlink({
      jobs: [overview(oldJid, 'RUNNING')],
      parameters: { [SPEC_DIGEST_PARAMETER]: digest },
    });
    expect(await outcomeOf(flink)).toMatchObject({
      outcome: 'unchanged',
      detail: `RUNNING as ${oldJid}`,
    });
    expect(job()).toEqual([]);
    expect(rest.stopWithSavepoint).not.toHaveBeenCalled();
  });

  it('replaces a job of an older rendering through a savepoint', async () => {
    const { flink, job, rest } = fakeFlink({
      jobs: [overview(oldJid, 'RUNNING')],
      parameters: { [SPEC_DIGEST_PARAMETER]: 'feedfeedfeedfeed' },
    });
    const change = await outcomeOf(flink);
    expect(change.outcome).toBe('updated');
    expect(change.detail).toBe(
      `RUNNING as ${newJid}, spec changed (feedfeedfeedfeed → ${digest}), resumed from s3://flink/savepoints/savepoint-aaaaaa-1`,
    );
    expect(rest.stopWithSavepoint).toHaveBeenCalledWith(
      oldJid,
      expect.anything(),
    );
    // State the new plan cannot take is never dropped unless the owner accepted it.
    expect(job().slice(1, 3)).toEqual([
      "SET 'execution.state-recovery.path' = 's3://flink/savepoints/savepoint-aaaaaa-1'",
      "SET 'execution.state-recovery.ignore-unclaimed-state' = 'false'",
    ]);
  });

  it('drops state the new plan cannot take only when the owner accepted it', async () => {
    const { flink, job } = fakeFlink({
      jobs: [overview(oldJid, 'RUNNING')],
      parameters: { [SPEC_DIGEST_PARAMETER]: 'feedfeedfeedfeed' },
    });
    await deployFlinkJob(flink, spec, { acceptStateLoss: true });
    expect(job()[2]).toBe(
      "SET 'execution.state-recovery.ignore-unclaimed-state' = 'true'",
    );
  });

  it('refuses a replace whose plan cannot take the old state, and resumes the deployed spec from the savepoint', async () => {
    const { flink, rest, sqlGateway, submitted } = fakeFlink({
      jobs: [overview(oldJid, 'RUNNING')],
      parameters: { [SPEC_DIGEST_PARAMETER]: 'feedfeedfeedfeed' },
    });
    const previous = parsePipelineSpec({
      ...financeReconciliationExample,
      flinkJob: { name, checkpointIntervalSeconds: 60 },
    });
    if (!previous.success) throw new Error(previous.message);
    // The session cluster refuses the restore: the SQL Gateway fails the INSERT.
    sqlGateway.runStatements.mockImplementationOnce(async statements => {
      submitted.push(statements);
      throw Object.assign(new Error('flink-sql-gateway: statement failed'), {
        upstreamMessage:
          'Failed to rollback to checkpoint/savepoint s3://x. Cannot map checkpoint/savepoint state for operator ba2015fbad621f2dc0e48f2fe9599960 to the new program, because the operator is not available in the new program.',
      });
    });
    const onSavepoint = jest.fn();
    const error = await deployFlinkJob(flink, spec, {
      previousSpec: previous.spec,
      onSavepoint,
    }).catch(e => e);
    expect(error.message).toBe(
      `deploy step 'flink-job' failed at flink-rest: refused: the new plan cannot take the state of the savepoint: Cannot map checkpoint/savepoint state for operator ba2015fbad621f2dc0e48f2fe9599960 to the new program, because the operator is not available in the new program. The deployed spec was resumed from savepoint s3://flink/savepoints/savepoint-aaaaaa-1 as job ${newJid}. Deploy again accepting that this state starts empty to replace it anyway. Look at the job in the Flink dashboard (exceptions tab); re-running the deploy submits it again once no job of this name is live, from its last savepoint.`,
    );
    expect(onSavepoint).toHaveBeenCalledWith({
      jobId: oldJid,
      location: 's3://flink/savepoints/savepoint-aaaaaa-1',
    });
    // The second session resumed the previous rendering (its own digest) from the savepoint.
    const resumed = submitted[1].slice(1);
    expect(resumed[0]).toBe(
      `SET 'pipeline.global-job-parameters' = '${SPEC_DIGEST_PARAMETER}:${specDigest(
        renderFlinkJob(previous.spec, { paimonCatalog: 'lake' }),
      )}'`,
    );
    expect(resumed).toContain("SET 'execution.checkpointing.interval' = '60s'");
    expect(rest.stopWithSavepoint).toHaveBeenCalledTimes(1);
  });

  it('in a dry run, only says it would replace the job', async () => {
    const { flink, job, rest } = fakeFlink({
      jobs: [overview(oldJid, 'RUNNING')],
      parameters: { [SPEC_DIGEST_PARAMETER]: 'feedfeedfeedfeed' },
    });
    const change = await outcomeOf(flink, true);
    expect(change).toMatchObject({ outcome: 'planned' });
    expect(change.detail).toMatch(
      `would stop ${oldJid} with a savepoint and resubmit`,
    );
    expect(rest.stopWithSavepoint).not.toHaveBeenCalled();
    expect(job()).toEqual([]);
  });

  it('skips a live job the portal did not submit', async () => {
    const { flink, job, rest } = fakeFlink({
      jobs: [overview(oldJid, 'RUNNING')],
    });
    const change = await outcomeOf(flink);
    expect(change.outcome).toBe('skipped');
    expect(change.detail).toMatch(/not submitted by the portal/);
    expect(rest.stopWithSavepoint).not.toHaveBeenCalled();
    expect(job()).toEqual([]);
  });

  it('resumes from the savepoint the last run was stopped with', async () => {
    const { flink, job } = fakeFlink({
      jobs: [
        overview('c'.repeat(32), 'CANCELED', 50),
        overview(oldJid, 'FINISHED', 40),
      ],
      savepoint: 's3://flink/savepoints/savepoint-bbbbbb-2',
    });
    const change = await outcomeOf(flink);
    expect(change.detail).toBe(
      `RUNNING as ${newJid}, resumed from s3://flink/savepoints/savepoint-bbbbbb-2`,
    );
    expect(job()[1]).toBe(
      "SET 'execution.state-recovery.path' = 's3://flink/savepoints/savepoint-bbbbbb-2'",
    );
  });

  it('refuses to choose between two live jobs of the same name', async () => {
    const { flink, rest } = fakeFlink({
      jobs: [overview(oldJid, 'RUNNING'), overview(newJid, 'RUNNING')],
    });
    await expect(deployFlinkJob(flink, spec)).rejects.toThrow(
      `deploy step 'flink-job' failed at flink-rest: 2 live jobs are named ${name} (${oldJid}, ${newJid}); cancel all but one.`,
    );
    expect(rest.stopWithSavepoint).not.toHaveBeenCalled();
  });

  it('names the savepoint when the new job does not start, so a re-run resumes from it', async () => {
    const { flink, rest } = fakeFlink({
      jobs: [overview(oldJid, 'RUNNING')],
      parameters: { [SPEC_DIGEST_PARAMETER]: 'feedfeedfeedfeed' },
    });
    rest.job.mockResolvedValue({ jid: newJid, name, state: 'FAILED' });
    await expect(deployFlinkJob(flink, spec)).rejects.toThrow(
      `${oldJid} was stopped with savepoint s3://flink/savepoints/savepoint-aaaaaa-1, but the new job did not start: job ${newJid} ended FAILED right after submission`,
    );
  });
});
