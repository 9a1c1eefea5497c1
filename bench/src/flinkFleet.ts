import type http from 'node:http';
import type { Intercept } from './countingProxy';

/**
 * Flink REST answers recorded from the real JobManager for its running jobs, replayed for
 * synthetic jobs: a fleet of any size on loopback whose per-job answers are real Flink JSON.
 * Synthetic job i answers like recorded job i mod n, so the fleet has the real jobs' mix of
 * sizes. Bodies are stored with the job id as `{jid}` and its name as `{name}`; paths as Flink
 * routes them (`/jobs/{jid}/vertices/<vertex id>/backpressure`), queries left out.
 */
export interface RecordedJob {
  jid: string;
  name: string;
  vertices: number;
  /** The job's entry of GET /jobs/overview. */
  overviewEntry: Record<string, unknown>;
  bodies: Record<string, string>;
}

export interface FlinkRecording {
  recordedAt: string;
  jobs: RecordedJob[];
}

export interface SyntheticJob {
  jid: string;
  name: string;
}

const JID = /^[0-9a-f]{32}$/;

export const syntheticJobs = (n: number): SyntheticJob[] =>
  Array.from({ length: n }, (_, i) => ({
    // A prefix no real job id is likely to have; 32 hex digits like Flink's.
    jid: `be7c${i.toString(16).padStart(28, '0')}`,
    name: `bench-fleet-${String(i + 1).padStart(3, '0')}`,
  }));

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replaces the recorded job's id and quoted name by placeholders. */
export function templateOf(text: string, jid: string, name: string): string {
  return text
    .replace(new RegExp(jid, 'g'), '{jid}')
    .replace(new RegExp(escapeRe(JSON.stringify(name)), 'g'), '"{name}"');
}

export function instantiate(template: string, job: SyntheticJob): string {
  return template
    .replace(/\{jid\}/g, job.jid)
    .replace(/"\{name\}"/g, JSON.stringify(job.name));
}

/** What the paths Flink answers for a job look like with the job id as a placeholder. */
export const recordedPath = (path: string, jid: string) =>
  path.split('?')[0].replace(`/jobs/${jid}`, '/jobs/{jid}');

/** Which recorded job synthetic job `index` answers like. */
export const recordedFor = (recording: FlinkRecording, index: number) =>
  recording.jobs[index % recording.jobs.length];

/** GET /jobs/overview of the real cluster plus one entry per synthetic job. */
export function mergeOverview(
  real: { jobs?: unknown[] },
  recording: FlinkRecording,
  jobs: SyntheticJob[],
): { jobs: unknown[] } {
  const entries = recording.jobs.map(r =>
    templateOf(JSON.stringify(r.overviewEntry), r.jid, r.name),
  );
  return {
    jobs: [
      ...(real.jobs ?? []),
      ...jobs.map((j, i) =>
        JSON.parse(instantiate(entries[i % entries.length], j)),
      ),
    ],
  };
}

async function getText(url: string): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return res.text();
}

/** What the portal reads for one job's summary and details, recorded from the real JobManager. */
async function recordJob(
  restUrl: string,
  entry: Record<string, any>,
): Promise<RecordedJob> {
  const jid: string = entry.jid;
  if (!JID.test(jid)) throw new Error(`unexpected Flink job id ${jid}`);
  const job = JSON.parse(await getText(`${restUrl}/jobs/${jid}`));
  const paths = [
    `/jobs/${jid}`,
    `/jobs/${jid}/checkpoints`,
    `/jobs/${jid}/config`,
    `/jobs/${jid}/metrics?get=numRestarts`,
    `/jobs/${jid}/exceptions?maxExceptions=10`,
  ];
  for (const v of job.vertices as Array<{ id: string }>) {
    if (!JID.test(v.id)) throw new Error(`unexpected Flink vertex id ${v.id}`);
    // Flink's first backpressure answer for a vertex is "deprecated" until it has sampled it.
    await getText(`${restUrl}/jobs/${jid}/vertices/${v.id}/backpressure`);
    paths.push(
      `/jobs/${jid}/vertices/${v.id}/backpressure`,
      `/jobs/${jid}/vertices/${v.id}/subtasks/metrics?get=numRecordsInPerSecond,numRecordsOutPerSecond&agg=sum`,
    );
  }
  const bodies: Record<string, string> = {};
  for (const path of paths)
    bodies[recordedPath(path, jid)] = templateOf(
      await getText(`${restUrl}${path}`),
      jid,
      entry.name,
    );
  return {
    jid,
    name: entry.name,
    vertices: job.vertices.length,
    overviewEntry: entry,
    bodies,
  };
}

/** Records every RUNNING job of the real JobManager (the seed's pipelines). */
export async function recordFlink(restUrl: string): Promise<FlinkRecording> {
  const overview = JSON.parse(await getText(`${restUrl}/jobs/overview`)) as {
    jobs: Array<Record<string, any>>;
  };
  const running = overview.jobs.filter(j => j.state === 'RUNNING');
  if (!running.length)
    throw new Error('no RUNNING job on the local JobManager to record');
  const jobs: RecordedJob[] = [];
  for (const entry of running) jobs.push(await recordJob(restUrl, entry));
  return { recordedAt: new Date().toISOString(), jobs };
}

/**
 * The proxy's intercept: synthetic jobs are answered from the recording, GET /jobs/overview is
 * the real cluster's list plus the synthetic jobs, everything else goes to the real JobManager.
 */
export function fleetIntercept(
  restUrl: string,
  recording: FlinkRecording,
  jobs: SyntheticJob[],
): Intercept {
  const byJid = new Map(
    jobs.map((j, i) => [
      j.jid,
      { job: j, recorded: recordedFor(recording, i) },
    ]),
  );
  const send = (res: http.ServerResponse, status: number, body: string) => {
    res.writeHead(status, {
      'content-type': 'application/json; charset=UTF-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  };
  return async (req, res) => {
    if (req.method !== 'GET') return false;
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/jobs/overview') {
      const real = JSON.parse(await getText(`${restUrl}/jobs/overview`));
      send(res, 200, JSON.stringify(mergeOverview(real, recording, jobs)));
      return true;
    }
    const m = /^\/jobs\/([0-9a-f]{32})(\/|$)/.exec(path);
    const hit = m && byJid.get(m[1]);
    if (!hit) return false;
    const body = hit.recorded.bodies[recordedPath(path, hit.job.jid)];
    if (body === undefined)
      send(res, 404, JSON.stringify({ errors: ['Not found (bench replay)'] }));
    else send(res, 200, instantiate(body, hit.job));
    return true;
  };
}
