import {
  FlinkRestClient,
  FlinkSqlGatewayClient,
} from '@internal/backstage-plugin-pipeline-node';

/** The local stack's Flink (infra/local), overridable for another environment. */
export const flinkRestUrl =
  process.env.FLINK_REST_URL ?? 'http://127.0.0.1:8081';
export const sqlGatewayUrl =
  process.env.FLINK_SQL_GATEWAY_URL ?? 'http://127.0.0.1:8090';
export const LIVE_JOB = 'finance-fact-sink';

/** Fails (never skips) naming what is unreachable, so a run without the stack says what to do. */
export async function requireFlink(): Promise<void> {
  const problems: string[] = [];
  for (const url of [`${flinkRestUrl}/overview`, `${sqlGatewayUrl}/v1/info`]) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
      if (!res.ok) problems.push(`${url}: HTTP ${res.status}`);
    } catch (e) {
      problems.push(
        `${url}: ${
          ((e as Error).cause as Error)?.message ?? (e as Error).message
        }`,
      );
    }
  }
  if (problems.length) {
    throw new Error(
      `The local stack's Flink is not reachable; start it with "infra/local/stack start":\n  ${problems.join(
        '\n  ',
      )}`,
    );
  }
}

export async function eventually<T>(
  what: string,
  timeoutMs: number,
  fn: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(
        `${what}: not reached within ${timeoutMs} ms (last: ${String(last)})`,
      );
    await new Promise(r => setTimeout(r, 1000));
  }
}

/**
 * Submits a throwaway streaming job (datagen -> blackhole, parallelism 1: the stack's
 * TaskManager has 4 slots and the live pipeline holds some) and waits until it runs.
 */
export async function submitThrowawayJob(name: string): Promise<string> {
  const gateway = new FlinkSqlGatewayClient({
    baseUrl: sqlGatewayUrl,
    timeoutMs: 30_000,
  });
  const results = await gateway.runStatements(
    [
      "CREATE TEMPORARY TABLE gen (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '5')",
      "CREATE TEMPORARY TABLE sink (id BIGINT) WITH ('connector' = 'blackhole')",
      'INSERT INTO sink SELECT id FROM gen',
    ],
    {
      properties: { 'pipeline.name': name, 'parallelism.default': '1' },
      sessionName: name,
    },
  );
  const insert = results[2];
  const jid = insert.jobId ?? (insert.rows[0]?.[0] as string | undefined);
  if (!jid || !/^[0-9a-f]{32}$/.test(jid))
    throw new Error(`no job id from the INSERT of ${name}`);
  const rest = new FlinkRestClient({ baseUrl: flinkRestUrl, timeoutMs: 5000 });
  // A savepoint needs every task running, not just the job: wait for all vertices.
  await eventually(`${name} RUNNING with all tasks`, 60_000, async () => {
    const job = await rest.job(jid);
    return job.state === 'RUNNING' &&
      job.vertices.every(v => v.status === 'RUNNING')
      ? true
      : undefined;
  });
  return jid;
}

/** Cancels a test's own job whatever state it is in; never throws (afterAll cleanup). */
export async function cancelQuietly(jid: string | undefined): Promise<void> {
  if (!jid) return;
  const rest = new FlinkRestClient({ baseUrl: flinkRestUrl, timeoutMs: 5000 });
  try {
    const { state } = await rest.job(jid);
    if (!['CANCELED', 'FINISHED', 'FAILED'].includes(state))
      await rest.cancel(jid);
  } catch {
    // Already gone.
  }
}
