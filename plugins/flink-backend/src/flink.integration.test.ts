import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { FlinkRestClient } from '@internal/backstage-plugin-pipeline-node';
import { jobEntity, startFlinkBackend } from './__testUtils__/testBackend';
import {
  LIVE_JOB,
  cancelQuietly,
  eventually,
  flinkRestUrl,
  requireFlink,
  sqlGatewayUrl,
  submitThrowawayJob,
} from './__testUtils__/stack';

jest.setTimeout(180_000);

const run = `${Date.now()}`;
const throwawayName = `flink-backend-it-${run}`;
const flink = [
  {
    name: 'local',
    restUrl: flinkRestUrl,
    sqlGatewayUrl,
    dashboardUrl: 'http://localhost:8081',
  },
];
const rest = new FlinkRestClient({ baseUrl: flinkRestUrl, timeoutMs: 5000 });
const entities = [
  jobEntity('finance-fact-sink', LIVE_JOB),
  jobEntity('throwaway', throwawayName),
  jobEntity('never-deployed', `finance-fact-sink-not-deployed-${run}`),
];
const liveRef = 'component:default/finance-fact-sink';
const throwawayRef = 'component:default/throwaway';
const submitted: string[] = [];

/** The live job as Flink itself reports it, to compare the portal's answer with. */
async function liveJobFromFlink() {
  const jobs = (await rest.listJobs()).filter(
    j => j.name === LIVE_JOB && j.state === 'RUNNING',
  );
  if (jobs.length !== 1)
    throw new Error(
      `expected one RUNNING ${LIVE_JOB} on the stack, found ${jobs.length}`,
    );
  return jobs[0];
}

describe('flink backend against the real local Flink', () => {
  beforeAll(() => requireFlink());
  afterAll(async () => {
    for (const jid of submitted) await cancelQuietly(jid);
  });

  it('summarises the live job finance-fact-sink', async () => {
    const live = await liveJobFromFlink();
    const { call } = await startFlinkBackend({ entities, flink });
    const { status, body } = await call(`/summary?entityRef=${liveRef}`);
    expect(status).toBe(200);
    expect(body.status).toBe('deployed');
    const job = body.job;
    expect(job).toMatchObject({
      jid: live.jid,
      name: LIVE_JOB,
      state: 'RUNNING',
      startTime: live['start-time'],
    });
    expect(job.dashboardUrl).toBe(
      `http://localhost:8081/#/job/running/${live.jid}/overview`,
    );
    expect(typeof job.restarts).toBe('number');
    // The stack checkpoints every 30 s.
    expect(job.completedCheckpoints).toBeGreaterThan(0);
    expect(job.lastCheckpoint.sizeBytes).toBeGreaterThan(0);
    expect(job.lastCheckpoint.ageMs).toBeLessThan(5 * 60_000);
    expect(['ok', 'low', 'high', 'unknown']).toContain(job.backpressure);
    expect(typeof job.recordsInPerSecond).toBe('number');
  });

  it('details the live job: every vertex, checkpoint history, exceptions', async () => {
    const live = await liveJobFromFlink();
    const vertices = (await rest.job(live.jid)).vertices;
    const { call } = await startFlinkBackend({ entities, flink });
    const { status, body } = await call(
      `/details?entityRef=${liveRef}&checkpoints=3`,
    );
    expect(status).toBe(200);
    expect(body.details.vertices.map((v: any) => v.id)).toEqual(
      vertices.map(v => v.id),
    );
    expect(body.details.vertices[0].parallelism).toBe(vertices[0].parallelism);
    expect(body.details.checkpoints.history.length).toBeGreaterThan(0);
    expect(body.details.checkpoints.history.length).toBeLessThanOrEqual(3);
    // The newest may still be in progress; one of the last three has completed (every 30 s).
    const statuses = body.details.checkpoints.history.map((c: any) => c.status);
    expect(statuses).toContain('COMPLETED');
    for (const st of statuses)
      expect(['COMPLETED', 'IN_PROGRESS', 'FAILED']).toContain(st);
    expect(Array.isArray(body.details.exceptions.entries)).toBe(true);
  });

  it('answers "not deployed" for an annotated job the cluster does not have', async () => {
    const { call } = await startFlinkBackend({ entities, flink });
    const { status, body } = await call(
      '/summary?entityRef=component:default/never-deployed',
    );
    expect(status).toBe(200);
    expect(body.status).toBe('not-deployed');
  });

  it('lists the live job in the fleet as claimed, and the undeployed entity as missing', async () => {
    const live = await liveJobFromFlink();
    const { call } = await startFlinkBackend({ entities, flink });
    const { status, body } = await call('/fleet');
    expect(status).toBe(200);
    const row = body.jobs.find((j: any) => j.jid === live.jid);
    expect(row.claimedBy).toEqual([
      expect.objectContaining({ entityRef: liveRef }),
    ]);
    const missing = body.missing.map((m: any) => m.entityRef);
    expect(missing).toContain('component:default/never-deployed');
    expect(missing).not.toContain(liveRef);
  });

  it('answers 503 naming flink-rest within 5 s when the cluster is down', async () => {
    const { call } = await startFlinkBackend({
      entities,
      flink: [{ name: 'local', restUrl: 'http://127.0.0.1:1' }],
    });
    const started = Date.now();
    const { status, body } = await call(`/summary?entityRef=${liveRef}`);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(status).toBe(503);
    expect(body.error.message).toContain('flink-rest');
  });

  describe('actions on a throwaway job submitted through the SQL Gateway', () => {
    let jid: string;
    beforeAll(async () => {
      jid = await submitThrowawayJob(throwawayName);
      submitted.push(jid);
      if (jid === (await liveJobFromFlink()).jid)
        throw new Error('the throwaway job is the live job?');
    });

    it('a denied cancel answers 403 and the job keeps running', async () => {
      const { call, audits } = await startFlinkBackend({
        entities,
        flink,
        permission: AuthorizeResult.DENY,
      });
      const { status } = await call('/cancel', {
        method: 'POST',
        body: { entityRef: throwawayRef },
      });
      expect(status).toBe(403);
      expect((await rest.job(jid)).state).toBe('RUNNING');
      expect(audits[0]).toMatchObject({
        outcome: 'fail',
        meta: { outcome: 'denied', entityRef: throwawayRef },
      });
    });

    it('cancels the throwaway job (never the live one)', async () => {
      const { call, audits } = await startFlinkBackend({
        entities,
        flink,
        permission: AuthorizeResult.ALLOW,
      });
      const { status, body } = await call('/cancel', {
        method: 'POST',
        body: { entityRef: throwawayRef },
      });
      expect(status).toBe(200);
      expect(body.jid).toBe(jid);
      await eventually('throwaway CANCELED', 60_000, async () =>
        (await rest.job(jid)).state === 'CANCELED' ? true : undefined,
      );
      expect(audits[0]).toMatchObject({
        outcome: 'success',
        meta: { jid, outcome: 'done', action: 'cancel' },
      });
      expect((await liveJobFromFlink()).state).toBe('RUNNING');
    });

    it('stops a fresh run of it with a savepoint', async () => {
      const second = await submitThrowawayJob(throwawayName);
      submitted.push(second);
      const { call } = await startFlinkBackend({
        entities,
        flink,
        permission: AuthorizeResult.ALLOW,
      });
      const { status, body } = await call('/stop-with-savepoint', {
        method: 'POST',
        body: { entityRef: throwawayRef },
      });
      expect({ status, body }).toMatchObject({ status: 200 });
      expect(body.jid).toBe(second);
      expect(body.savepointLocation).toMatch(/^s3:\/\/flink\/savepoints\//);
      await eventually('second run FINISHED', 60_000, async () =>
        (await rest.job(second)).state === 'FINISHED' ? true : undefined,
      );
    });
  });
});
