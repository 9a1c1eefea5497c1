import { performance } from 'node:perf_hooks';
import type { ApiCall } from './cards';
import { CallLog, countBy, maxPerResourcePerWindow } from './callLog';
import { timedFetch } from './portal';
import { summarize } from './stats';
import type { Row } from './table';

/** Like a browser on HTTP/1.1: at most six requests of one user in flight at once. */
const PER_USER_CONNECTIONS = 6;
/** The shortest cache period of the data-platform backends (flink, streaming, Nessie refs). */
export const CACHE_WINDOW_MS = 5000;

async function inPool<T>(
  items: T[],
  width: number,
  work: (t: T) => Promise<void>,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

interface Answer {
  call: string;
  status: number;
  error?: string;
}

interface Run {
  pageMs: number[];
  requestMs: number[];
  answers: Answer[];
  requests: number;
  from: number;
  to: number;
}

const callKey = (c: ApiCall) => `${c.method} ${c.path}`;

/**
 * A request failed under load when it got another status than the same call made by one user
 * (some answers are 404 by design, e.g. a table that is not readable yet), or none at all, or a 5xx.
 */
export function failures(loaded: Answer[], alone: Answer[]): Answer[] {
  const expected = new Map(alone.map(a => [a.call, a.status]));
  return loaded.filter(
    a =>
      a.status === 0 ||
      a.status >= 500 ||
      a.status !== (expected.get(a.call) ?? a.status),
  );
}

/** `users` users, each loading the page `iterations` times (all of its API calls), no pauses. */
async function run(
  base: string,
  token: string,
  calls: ApiCall[],
  users: number,
  iterations: number,
): Promise<Run> {
  const out: Run = {
    pageMs: [],
    requestMs: [],
    answers: [],
    requests: 0,
    from: Date.now(),
    to: 0,
  };
  const user = async () => {
    for (let i = 0; i < iterations; i++) {
      const t0 = performance.now();
      await inPool(calls, PER_USER_CONNECTIONS, async call => {
        const r = await timedFetch(`${base}${call.path}`, {
          method: call.method,
          body: call.body,
          timeoutMs: 120_000,
          headers: {
            Authorization: `Bearer ${token}`,
            ...(call.body ? { 'Content-Type': 'application/json' } : {}),
          },
        });
        out.requests++;
        out.requestMs.push(r.ms);
        out.answers.push({
          call: callKey(call),
          status: r.status,
          error: r.error?.replace(/\s+/g, ' ').slice(0, 160),
        });
      });
      out.pageMs.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: users }, user));
  out.to = Date.now();
  return out;
}

/**
 * Item 4 of issue 13: `users` concurrent users on one page, as a bounded loop over the backend
 * routes the page called in the browser. Baseline: one user doing the same. Upstream calls are
 * counted by the proxies in front of the upstreams during the run.
 */
export async function measureLoad(options: {
  label: string;
  base: string;
  token: string;
  calls: ApiCall[];
  users: number;
  iterations: number;
  log: CallLog;
}) {
  const { label, base, token, calls, log } = options;
  if (!calls.length) throw new Error(`no API calls captured for ${label}`);
  const single = await run(base, token, calls, 1, options.iterations);
  const loaded = await run(
    base,
    token,
    calls,
    options.users,
    options.iterations,
  );
  const upstream = log.between(loaded.from, loaded.to);
  const bounded = maxPerResourcePerWindow(upstream, CACHE_WINDOW_MS);
  const failed = failures(loaded.answers, single.answers);
  const one = summarize(single.pageMs);
  const many = summarize(loaded.pageMs);
  const seconds = (loaded.to - loaded.from) / 1000;
  const rows: Row[] = [
    {
      figure: `Load, ${label}: ${options.users} users × ${options.iterations} page loads, page p95 (vs 1 user)`,
      unit: 's',
      ours: many && many.p95 / 1000,
      baseline: one && one.p95 / 1000,
      baselineLabel: '1 user',
    },
    {
      figure: `Load, ${label}: failed requests of ${loaded.requests}`,
      unit: 'errors',
      ours: failed.length,
      target: { max: 0 },
    },
    {
      figure: `Load, ${label}: most upstream calls to one resource within ${
        CACHE_WINDOW_MS / 1000
      } s`,
      unit: 'calls',
      ours: bounded.max,
      target: { max: 1 },
    },
  ];
  return {
    rows,
    raw: {
      calls: calls.map(c => `${c.method} ${c.path}`),
      singleUser: { pageMs: one, requestMs: summarize(single.requestMs) },
      loaded: {
        seconds,
        requests: loaded.requests,
        pageMs: many,
        requestMs: summarize(loaded.requestMs),
        failed: countBy(failed, a => `${a.status} ${a.call}`).slice(0, 10),
        failureSamples: [
          ...new Map(failed.map(a => [a.call, a.error])).entries(),
        ].slice(0, 5),
        notOkAlone: countBy(
          single.answers.filter(a => a.status >= 300),
          a => `${a.status} ${a.call}`,
        ),
      },
      upstream: {
        total: upstream.length,
        perSecond: upstream.length / seconds,
        byUpstream: countBy(upstream, c => c.upstream),
        byEndpoint: countBy(upstream, c => `${c.upstream} ${c.endpoint}`).slice(
          0,
          15,
        ),
        busiestResource: bounded,
      },
    },
  };
}
