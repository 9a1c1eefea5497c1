import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { CallLog } from './callLog';
import { CountingProxy, startCountingProxy } from './countingProxy';
import { fleetIntercept, FlinkRecording } from './flinkFleet';

/** `infra/local/stack status --json`: every component and whether it is healthy. */
export function stackStatus(stackDir: string) {
  const out = execFileSync(path.join(stackDir, 'stack'), ['status', '--json'], {
    encoding: 'utf8',
  });
  return JSON.parse(out) as Array<{ component: string; healthy: boolean }>;
}

/** What the measured paths use; the generator's traffic is not needed (the bench writes its own). */
const NEEDED = [
  'mariadb',
  'kafka',
  'connect',
  's3proxy',
  'flink-jobmanager',
  'flink-taskmanager',
  'sql-gateway',
  'nessie',
  'trino',
  'cassandra',
  'couchdb',
  'git',
];

/** Fails unless the components the bench uses are healthy (it never starts or stops any). */
export function requireHealthyStack(stackDir: string) {
  const status = stackStatus(stackDir);
  const down = status
    .filter(c => NEEDED.includes(c.component) && !c.healthy)
    .map(c => c.component);
  if (down.length)
    throw new Error(
      `the local stack is not healthy (${down.join(
        ', ',
      )}); start it with infra/local/stack start`,
    );
  return status.filter(c => !c.healthy).map(c => c.component);
}

/** One Component per synthetic job, claiming it by name: what the fleet page matches jobs to. */
export function writeFleetEntities(file: string, jobs: { name: string }[]) {
  const docs = jobs.map(j =>
    stringify({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: j.name,
        description:
          'Synthetic Flink job of bench/run (recorded Flink REST answers)',
        annotations: { 'dataplatform.io/flink-job-name': j.name },
      },
      spec: {
        type: 'flink-job',
        lifecycle: 'experimental',
        owner: 'group:default/data-platform-team',
      },
    }),
  );
  fs.writeFileSync(file, docs.join('---\n'));
}

/** The ports bench/app-config.bench.yaml points the portal's upstreams at. */
export const PROXY_PORTS = {
  'flink-rest': 17081,
  'flink-sql-gateway': 17090,
  'kafka-connect': 17083,
  nessie: 17120,
  trino: 17085,
  couchdb: 17984,
} as const;

export async function startProxies(options: {
  log: CallLog;
  targets: Record<keyof typeof PROXY_PORTS, string>;
  recording: FlinkRecording;
  jobs: { jid: string; name: string }[];
}): Promise<CountingProxy[]> {
  const started: CountingProxy[] = [];
  try {
    for (const [upstream, port] of Object.entries(PROXY_PORTS)) {
      const target = options.targets[upstream as keyof typeof PROXY_PORTS];
      started.push(
        await startCountingProxy({
          upstream,
          port,
          target,
          log: options.log,
          preserveHost: upstream === 'trino',
          intercept:
            upstream === 'flink-rest'
              ? fleetIntercept(target, options.recording, options.jobs)
              : undefined,
        }),
      );
    }
    return started;
  } catch (e) {
    await Promise.all(started.map(p => p.close()));
    throw new Error(
      `a bench proxy port (${Object.values(PROXY_PORTS).join(
        ', ',
      )}) is taken: ${(e as Error).message}`,
    );
  }
}
