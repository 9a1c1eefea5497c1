import { CallLog, countBy, maxPerResourcePerWindow } from './callLog';
import type { PortalApi } from './portal';
import { timedFetch } from './portal';
import { summarize } from './stats';
import type { Row } from './table';

/** flink-backend's CoalescingCache TTL (plugins/flink-backend/src/plugin.ts): its cache period. */
export const FLINK_CACHE_TTL_MS = 5000;

export interface FleetContext {
  api: PortalApi;
  /** The replay server (real JobManager + synthetic jobs), as the portal reaches it. */
  flinkUrl: string;
  jobs: { jid: string; name: string }[];
  log: CallLog;
  samples: number;
  /** Which real jobs the synthetic ones answer like (name, vertices), for the report. */
  recorded: { name: string; vertices: number }[];
}

const ok = (ms: number[], r: { status: number; ms: number }) =>
  r.status === 200 ? ms.push(r.ms) : undefined;

/** What a client without the portal calls for one job's summary, in the portal's order. */
async function directSummary(flinkUrl: string, jid: string): Promise<number> {
  const get = async (p: string) => {
    const r = await timedFetch<any>(`${flinkUrl}${p}`);
    if (r.status !== 200) throw new Error(`GET ${p}: ${r.status}`);
    return r.body;
  };
  const t0 = performance.now();
  const overview = await get('/jobs/overview');
  if (!overview.jobs.some((j: any) => j.jid === jid))
    throw new Error(`${jid} not listed`);
  await Promise.all([
    get(`/jobs/${jid}/checkpoints`),
    get(`/jobs/${jid}/metrics?get=numRestarts`),
    (async () => {
      const job = await get(`/jobs/${jid}`);
      await Promise.all(
        job.vertices.flatMap((v: { id: string }) => [
          get(`/jobs/${jid}/vertices/${v.id}/backpressure`),
          get(
            `/jobs/${jid}/vertices/${v.id}/subtasks/metrics?get=numRecordsInPerSecond,numRecordsOutPerSecond&agg=sum`,
          ),
        ]),
      );
    })(),
  ]);
  return performance.now() - t0;
}

/** Portal and direct calls for every job and the fleet list, then the calls per cache period. */
export async function measureFleet(ctx: FleetContext) {
  const { api, flinkUrl, jobs } = ctx;
  const fleet = await api.get<any>('/api/flink/fleet');
  const listed = fleet.body?.jobs?.length ?? 0;
  const claimed = (fleet.body?.jobs ?? []).filter(
    (j: any) => j.name.startsWith('bench-fleet-') && j.claimedBy?.length,
  ).length;
  if (fleet.status !== 200 || claimed < jobs.length)
    throw new Error(
      `the portal's fleet lists ${listed} jobs, ${claimed} of the ${jobs.length} synthetic ones claimed (HTTP ${fleet.status})`,
    );

  const fleetOurs: number[] = [];
  const fleetDirect: number[] = [];
  for (let i = 0; i < ctx.samples; i++) {
    ok(fleetOurs, await api.get('/api/flink/fleet'));
    ok(fleetDirect, await timedFetch(`${flinkUrl}/jobs/overview`));
  }

  const miss: number[] = [];
  const hit: number[] = [];
  const direct: number[] = [];
  let errors = 0;
  for (const job of jobs) {
    direct.push(await directSummary(flinkUrl, job.jid));
    const ref = encodeURIComponent(`component:default/${job.name}`);
    for (const into of [miss, hit]) {
      const r = await api.get<any>(`/api/flink/summary?entityRef=${ref}`);
      if (r.status === 200 && r.body?.status === 'deployed') into.push(r.ms);
      else errors++;
    }
  }

  // Upstream calls per job per cache period: 20 users cycle through every job's summary and
  // one reloads the fleet, for three cache periods.
  const t0 = Date.now();
  const until = t0 + 3 * FLINK_CACHE_TTL_MS;
  let next = 0;
  const cycle = async () => {
    while (Date.now() < until) {
      const job = jobs[next++ % jobs.length];
      await api.get(
        `/api/flink/summary?entityRef=${encodeURIComponent(
          `component:default/${job.name}`,
        )}`,
      );
    }
  };
  const fleetLoop = async () => {
    while (Date.now() < until) {
      await api.get('/api/flink/fleet');
      await new Promise(r => setTimeout(r, 200));
    }
  };
  await Promise.all([...Array.from({ length: 20 }, cycle), fleetLoop()]);
  const t1 = Date.now();
  const periods = (t1 - t0) / FLINK_CACHE_TTL_MS;
  const synthetic = new Set(jobs.map(j => j.jid));
  const calls = ctx.log
    .between(t0, t1)
    .filter(c => c.upstream === 'flink-rest');
  const jobCalls = calls.filter(c =>
    synthetic.has(/^\S+ \/jobs\/([0-9a-f]{32})/.exec(c.resource)?.[1] ?? ''),
  );
  const overviewCalls = calls.filter(c => c.endpoint === 'GET /jobs/overview');
  const perResource = maxPerResourcePerWindow(jobCalls, FLINK_CACHE_TTL_MS);
  const summaryRequests = next;

  const f = { ours: summarize(fleetOurs), direct: summarize(fleetDirect) };
  const s = {
    miss: summarize(miss),
    hit: summarize(hit),
    direct: summarize(direct),
  };
  const fleetSize = `${jobs.length} jobs`;
  const rows: Row[] = [
    {
      figure: `Flink fleet page (${fleetSize}): GET /api/flink/fleet p95 vs GET /jobs/overview`,
      unit: 'ms',
      ours: f.ours?.p95,
      baseline: f.direct?.p95,
      baselineLabel: 'Flink REST direct',
      target: { ratioMax: 1.1 },
    },
    {
      figure: `Flink job summary (${fleetSize}, cache miss) p95 vs the same Flink REST calls`,
      unit: 'ms',
      ours: s.miss?.p95,
      baseline: s.direct?.p95,
      baselineLabel: 'Flink REST direct',
      target: { ratioMax: 1.1 },
    },
    {
      figure: 'Flink fleet: upstream calls per job per cache period (5 s)',
      unit: 'calls',
      ours: overviewCalls.length / periods / jobs.length,
      target: { max: 1 },
    },
    {
      figure:
        'Flink job summaries: upstream calls per job per cache period (all endpoints)',
      unit: 'calls',
      ours: jobCalls.length / periods / jobs.length,
      target: { max: 1 },
    },
    {
      figure:
        'Flink job summaries: most calls to one job resource within a cache period',
      unit: 'calls',
      ours: perResource.max,
      target: { max: 1 },
    },
  ];
  return {
    rows,
    raw: {
      recordedJobs: ctx.recorded,
      fleetListed: listed,
      fleetMs: f,
      summaryMs: s,
      summaryErrors: errors,
      cacheWindow: {
        seconds: (t1 - t0) / 1000,
        summaryRequests,
        jobCalls: jobCalls.length,
        overviewCalls: overviewCalls.length,
        busiestResource: perResource,
        byEndpoint: countBy(jobCalls, c => c.endpoint),
      },
    },
  };
}
