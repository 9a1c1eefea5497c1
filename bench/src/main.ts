/**
 * bench/run: the portal's figures beside baselines, all measured in this one run, printed as one
 * markdown table (figure, ours, baseline, ratio, target, met?) plus the raw numbers, and written
 * to .cache/bench/results.md. Sections (BENCH_ONLY=a,b to run some): starts, bundle, fleet,
 * cards, load, freshness, scaffold. See bench/README.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { UpstreamRegistry } from '@internal/backstage-plugin-pipeline-node';
import {
  endpoints,
  servingUpstreamsConfig,
  stackDir,
  stackSecrets,
  stackUpstreamsConfig,
} from '@internal/backstage-plugin-pipeline-node/testUtils';
import { bundleRows, readChunks } from './bundle';
import { CallLog } from './callLog';
import { measureCards } from './cards';
import { measureFleet } from './fleet';
import { recordFlink, syntheticJobs } from './flinkFleet';
import { measureFreshness } from './freshness';
import { measureLoad } from './load';
import { PortalApi, resetDatabase, startBackend } from './portal';
import { measureScaffold } from './scaffold';
import {
  requireHealthyStack,
  stackStatus,
  startProxies,
  writeFleetEntities,
} from './setup';
import { stackStartRows } from './stackStarts';
import { renderTable, Row } from './table';

const env = (key: string, fallback: number) => {
  const v = Number(process.env[key] ?? fallback);
  if (!Number.isFinite(v) || v <= 0)
    throw new Error(`${key} must be a positive number`);
  return v;
};

// The repository root: the bench package's parent (bench/run and `yarn start` run from anywhere).
const REPO = path.resolve(
  path.dirname(require.resolve('@internal/bench/package.json')),
  '..',
);
const OUT = path.join(REPO, '.cache/bench');
const PORTAL = 'http://localhost:7078';
const LOAD_ENTITY = '/catalog/default/component/customer-case-builder';
const only = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
const wanted = (s: string) => !only.length || only.includes(s);

/** Waits (up to two minutes) until a trivial Trino query answers within two seconds. */
async function settleTrino(registry: UpstreamRegistry) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const t0 = Date.now();
    const ok = await registry
      .get('trino')
      .client.query('SELECT 1')
      .then(
        () => true,
        () => false,
      );
    if (ok && Date.now() - t0 < 2000) return;
    await new Promise(r => setTimeout(r, 5000));
  }
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const started = new Date();
  const rows: Row[] = [];
  const raw: Record<string, unknown> = {};
  const section = async (
    name: string,
    fn: () => Promise<{ rows: Row[]; raw: unknown }>,
  ) => {
    if (!wanted(name)) return;
    const t0 = Date.now();
    process.stderr.write(`[bench] ${name}…\n`);
    try {
      const result = await fn();
      rows.push(...result.rows);
      raw[name] = result.raw;
    } catch (e) {
      rows.push({
        figure: name,
        unit: '',
        error: (e as Error).message.split('\n')[0],
      });
      raw[name] = { error: (e as Error).stack };
    }
    process.stderr.write(
      `[bench] ${name} took ${((Date.now() - t0) / 1000).toFixed(0)} s\n`,
    );
  };

  await section('starts', async () =>
    stackStartRows(
      stackDir,
      stackStatus(stackDir).map(c => c.component),
    ),
  );
  await section('bundle', async () =>
    bundleRows(readChunks(path.join(REPO, 'packages/app/dist'))),
  );

  const live = ['fleet', 'cards', 'load', 'freshness', 'scaffold'].some(wanted);
  if (live) {
    raw.unhealthyComponents = requireHealthyStack(stackDir);
    const registry = UpstreamRegistry.fromConfig(
      new ConfigReader({
        dataPlatform: {
          upstreams: { ...stackUpstreamsConfig(), ...servingUpstreamsConfig() },
        },
      }),
    );
    const log = new CallLog();
    const jobs = syntheticJobs(env('BENCH_FLEET_JOBS', 200));
    const recording = await recordFlink(endpoints.flinkRest);
    fs.writeFileSync(
      path.join(OUT, 'flink-recording.json'),
      JSON.stringify(recording, null, 1),
    );
    writeFleetEntities(path.join(OUT, 'fleet-entities.yaml'), jobs);
    const proxies = await startProxies({
      log,
      recording,
      jobs,
      targets: {
        'flink-rest': endpoints.flinkRest,
        'flink-sql-gateway': endpoints.sqlGateway,
        'kafka-connect': endpoints.connect,
        nessie: endpoints.nessie,
        trino: endpoints.trino,
        couchdb: endpoints.couchdb,
      },
    });
    const db = {
      host: process.env.PORTAL_TEST_PG_HOST ?? '127.0.0.1',
      port: Number(process.env.PORTAL_TEST_PG_PORT ?? 5432),
      user: process.env.PORTAL_TEST_PG_USER ?? 'postgres',
      database: 'portal_bench',
    };
    let backend: { stop(): Promise<void> } | undefined;
    try {
      await resetDatabase(db);
      const secrets = stackSecrets();
      backend = await startBackend({
        repoRoot: REPO,
        url: PORTAL,
        logFile: path.join(OUT, 'backend.log'),
        env: {
          ...process.env,
          S3_ACCESS_KEY: secrets.S3_ACCESS_KEY,
          S3_SECRET_KEY: secrets.S3_SECRET_KEY,
          COUCHDB_USER: secrets.COUCHDB_USER,
          COUCHDB_PASSWORD: secrets.COUCHDB_PASSWORD,
          BENCH_PG_HOST: db.host,
          BENCH_PG_PORT: String(db.port),
          BENCH_PG_USER: db.user,
          BENCH_PG_DATABASE: db.database,
        },
      });
      const api = new PortalApi(PORTAL);
      await api.waitForEntity(
        `component:default/${jobs[jobs.length - 1].name}`,
        300_000,
      );
      await api.waitForEntity(
        'component:default/customer-case-builder',
        300_000,
      );
      const run = Date.now().toString(36);

      await section('fleet', () =>
        measureFleet({
          api,
          flinkUrl: 'http://127.0.0.1:17081',
          jobs,
          log,
          samples: env('BENCH_FLEET_SAMPLES', 30),
          recorded: recording.jobs.map(j => ({
            name: j.name,
            vertices: j.vertices,
          })),
        }),
      );
      let captured: Awaited<ReturnType<typeof measureCards>>['captured'] = {};
      await section('cards', async () => {
        const result = await measureCards({
          api,
          base: PORTAL,
          rounds: env('BENCH_CARD_ROUNDS', 2),
          capture: ['/flink', LOAD_ENTITY],
        });
        captured = result.captured;
        return result;
      });
      await section('load', async () => {
        const token = await api.guestToken();
        const users = env('BENCH_LOAD_USERS', 200);
        const iterations = env('BENCH_LOAD_ITERATIONS', 2);
        const pages = [
          ['fleet page /flink', '/flink'],
          [`entity page ${LOAD_ENTITY.split('/').pop()}`, LOAD_ENTITY],
        ];
        const out = { rows: [] as Row[], raw: {} as Record<string, unknown> };
        for (const [label, page] of pages) {
          const r = await measureLoad({
            label,
            base: PORTAL,
            token,
            calls: captured[page]?.apiCalls ?? [],
            users,
            iterations,
            log,
          });
          out.rows.push(...r.rows);
          out.raw[label] = r.raw;
        }
        return out;
      });
      // The load leaves Trino with a queue of queries; the freshness figures start on a calm one.
      await settleTrino(registry);
      await section('freshness', () =>
        measureFreshness({
          registry,
          run,
          checkpointSeconds: env('BENCH_CHECKPOINT_S', 10),
          changes: env('BENCH_CHANGES', 200),
          intervalMs: env('BENCH_CHANGE_INTERVAL_MS', 250),
        }),
      );
      await section('scaffold', () =>
        measureScaffold({
          api,
          registry,
          repoRoot: REPO,
          run,
          rounds: env('BENCH_SCAFFOLD_ROUNDS', 1),
          timeoutMs: 600_000,
        }),
      );
    } finally {
      await backend?.stop();
      await Promise.all(proxies.map(p => p.close()));
      await resetDatabase(db, true).catch(() => undefined);
    }
  }

  const machine = `${os.cpus().length} cores, ${Math.round(
    os.totalmem() / 2 ** 30,
  )} GiB, ${os.type()} ${os.release()}`;
  const header = `bench/run, ${started.toISOString()} → ${new Date().toISOString()}, ${machine}, load average ${os
    .loadavg()
    .map(l => l.toFixed(1))
    .join(' ')}`;
  const text = `${header}\n\n${renderTable(
    rows,
  )}\n\nRaw numbers:\n\n\`\`\`json\n${JSON.stringify(raw, null, 1)}\n\`\`\`\n`;
  fs.writeFileSync(path.join(OUT, 'results.md'), text);
  process.stdout.write(text);
}

main().catch(e => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
