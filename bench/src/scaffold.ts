import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  parsePipelineSpec,
  PipelineSpec,
  renderConnectorConfig,
  renderFlinkJob,
  renderPaimonDdl,
  renderTopics,
} from '@internal/backstage-plugin-pipeline-common';
import {
  extractJobId,
  runInLakeSession,
  UpstreamRegistry,
} from '@internal/backstage-plugin-pipeline-node';
import { removePipeline } from './cleanup';
import type { PortalApi } from './portal';
import { median } from './stats';
import type { Row } from './table';

type Values = Record<string, any>;

/** The stack's git server, where the template publishes (dataPlatform.git.localServer.url). */
const GIT_SERVER = process.env.GIT_SERVER_URL ?? 'http://127.0.0.1:9419';

/** The CDC → lakehouse form as a user leaves it: every default of templates/cdc-lakehouse. */
export function formDefaults(repoRoot: string): Values {
  const template = parse(
    fs.readFileSync(
      path.join(repoRoot, 'templates/cdc-lakehouse/template.yaml'),
      'utf8',
    ),
  );
  const values: Values = {};
  for (const page of template.spec.parameters)
    for (const [key, property] of Object.entries<any>(page.properties))
      if (property.default !== undefined) values[key] = property.default;
  return values;
}

/**
 * The spec the portal's task rendered, as it published it (pipeline.yaml of the repository on
 * the stack's git server): the baseline deploys exactly this, renamed.
 */
async function publishedSpecText(name: string): Promise<string | undefined> {
  const res = await fetch(
    `${GIT_SERVER}/data-platform/${name}/raw/main/pipeline.yaml`,
    { signal: AbortSignal.timeout(10_000) },
  ).catch(() => undefined);
  return res?.ok ? res.text() : undefined;
}

function specOf(yamlText: string): PipelineSpec {
  const parsed = parsePipelineSpec(parse(yamlText));
  if (!parsed.success) throw new Error(parsed.message);
  return parsed.spec;
}

// The scaffolder's log lines carry terminal colour codes (ESC [ … m).
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** Seconds from `t0` until the job named `name` is RUNNING (direct Flink REST, every 250 ms). */
async function untilRunning(
  registry: UpstreamRegistry,
  name: string,
  t0: number,
  stop: () => boolean,
) {
  const rest = registry.get('flink').rest;
  while (!stop()) {
    const jobs = await rest.listJobs({ timeoutMs: 10_000 }).catch(() => []);
    if (jobs.some(j => j.name === name && j.state === 'RUNNING'))
      return (Date.now() - t0) / 1000;
    await sleep(250);
  }
  return undefined;
}

/** Seconds from `t0` until Trino returns a row of the table (queries back to back). */
async function untilVisible(
  registry: UpstreamRegistry,
  spec: PipelineSpec,
  t0: number,
  stop: () => boolean,
) {
  const trino = registry.get('trino').client;
  const sql = `SELECT count(*) FROM lakehouse.${spec.catalog.database}.${spec.paimonTables[0].name}`;
  while (!stop()) {
    const at = Date.now();
    const rows = await trino.query(sql).then(
      r => r.rows,
      () => undefined,
    );
    if (rows && Number(rows[0]?.[0]) > 0) return (at - t0) / 1000;
    await sleep(250);
  }
  return undefined;
}

interface Timing {
  runningS?: number;
  visibleS?: number;
}

/** Through the portal: the template as a scaffolder task, started as the signed-in guest. */
async function viaPortal(
  api: PortalApi,
  registry: UpstreamRegistry,
  values: Values,
  timeoutMs: number,
): Promise<Timing> {
  const t0 = Date.now();
  const created = await api.send<{ id: string }>(
    'POST',
    '/api/scaffolder/v2/tasks',
    JSON.stringify({ templateRef: 'template:default/cdc-lakehouse', values }),
  );
  if (created.status !== 201 || !created.body)
    throw new Error(`task not created: ${created.status} ${created.error}`);
  const id = created.body.id;
  let failed: string | undefined;
  const stop = () => failed !== undefined || Date.now() - t0 > timeoutMs;
  const watchTask = (async () => {
    while (!stop()) {
      const task = await api.get<{ status: string }>(
        `/api/scaffolder/v2/tasks/${id}`,
      );
      if (task.body?.status === 'failed' || task.body?.status === 'cancelled') {
        const events = await api.get<any[]>(
          `/api/scaffolder/v2/tasks/${id}/events`,
        );
        // The log's last lines that say what failed, without the terminal colours.
        const lines = (events.body ?? [])
          .map(e => String(e.body?.message ?? ''))
          .map(m => m.replace(ANSI_COLOUR, ''))
          .filter(Boolean);
        const failing = lines.filter(m => /fail|error/i.test(m));
        failed = (failing.length ? failing : lines).slice(-2).join(' / ');
        return;
      }
      if (task.body?.status === 'completed') return;
      await sleep(1000);
    }
  })();
  const runningS = await untilRunning(registry, values.name, t0, stop);
  // The repository is published before the deploy step: its spec names the table to poll.
  const text =
    runningS === undefined ? undefined : await publishedSpecText(values.name);
  const visibleS =
    text === undefined
      ? undefined
      : await untilVisible(registry, specOf(text), t0, stop);
  await Promise.race([watchTask, sleep(5000)]);
  if (failed) throw new Error(`scaffolder task failed: ${failed}`);
  return { runningS, visibleS };
}

/** The hand-scripted baseline: the same upstream calls, made directly with the typed clients. */
async function directly(
  registry: UpstreamRegistry,
  spec: PipelineSpec,
  timeoutMs: number,
): Promise<Timing> {
  const t0 = Date.now();
  const stop = () => Date.now() - t0 > timeoutMs;
  const flink = registry.get('flink');
  const nessie = registry.get('nessie').client;
  for (const t of renderTopics(spec))
    await registry.get('kafka').client.ensureTopic({
      topic: t.name,
      partitions: t.partitions,
      replicationFactor: t.replicationFactor,
      config: Object.fromEntries(t.configEntries.map(e => [e.name, e.value])),
    });
  for (const c of renderConnectorConfig(spec))
    await registry.get('kafkaConnect').client.upsertConfig(c.name, c.config);
  await nessie.createBranch(spec.nessie.branch, { name: 'main' });
  await runInLakeSession(
    flink,
    renderPaimonDdl(spec, { paimonCatalog: 'lake', nessieUri: nessie.apiUrl }),
  );
  const results = await runInLakeSession(
    flink,
    renderFlinkJob(spec, { paimonCatalog: 'lake' }),
  );
  const jobId = extractJobId(results[results.length - 1]);
  if (!jobId) throw new Error('the SQL Gateway returned no job id');
  let runningS: number | undefined;
  while (!stop()) {
    if ((await flink.rest.job(jobId)).state === 'RUNNING') {
      runningS = (Date.now() - t0) / 1000;
      break;
    }
    await sleep(250);
  }
  const visibleS =
    runningS === undefined
      ? undefined
      : await untilVisible(registry, spec, t0, stop);
  return { runningS, visibleS };
}

/** Removes a run's pipeline; its database only when it is the run's own (named after it). */
const remove = (registry: UpstreamRegistry, spec: PipelineSpec, id: string) =>
  removePipeline(registry, spec, {
    database: spec.catalog.database.includes(id),
    servingStores: false,
  });

export async function measureScaffold(options: {
  api: PortalApi;
  registry: UpstreamRegistry;
  repoRoot: string;
  run: string;
  rounds: number;
  timeoutMs: number;
}) {
  const { api, registry, repoRoot, run } = options;
  const defaults = formDefaults(repoRoot);
  const ours: Timing[] = [];
  const base: Timing[] = [];
  const problems: string[] = [];
  const failures: { portal?: string; baseline?: string } = {};
  const message = (e: unknown) => (e as Error).message.slice(0, 300);
  for (let round = 0; round < options.rounds; round++) {
    const id = `${run}${round}`;
    // The form's defaults, a name of the run's own; an empty database and Nessie domain give
    // the pipeline a database and branch named after it.
    const values = {
      ...defaults,
      name: `bench-scaf-${id}`,
      paimonTable: `bench_scaf_${id}`,
    };
    let text: string | undefined;
    try {
      ours.push(await viaPortal(api, registry, values, options.timeoutMs));
    } catch (e) {
      failures.portal = message(e);
    } finally {
      text = await publishedSpecText(values.name);
      if (text) problems.push(...(await remove(registry, specOf(text), id)));
      // The repository the task published on the stack's git server (it has no delete route).
      const repo = path.join(
        repoRoot,
        'infra/local/.state/git/data-platform',
        `${values.name}.git`,
      );
      if (/^bench-scaf-[a-z0-9]+$/.test(values.name))
        fs.rmSync(repo, { recursive: true, force: true });
    }
    if (!text) {
      failures.baseline = 'the portal published no spec to deploy by hand';
      continue;
    }
    // Exactly the spec the portal deployed, under the baseline's names.
    const baseSpec = specOf(
      text
        .replace(/bench-scaf-/g, 'bench-base-')
        .replace(/bench_scaf_/g, 'bench_base_'),
    );
    try {
      base.push(await directly(registry, baseSpec, options.timeoutMs));
    } catch (e) {
      failures.baseline = message(e);
    } finally {
      problems.push(...(await remove(registry, baseSpec, id)));
    }
  }
  const med = (t: Timing[], k: keyof Timing) =>
    median(t.map(x => x[k]).filter((x): x is number => x !== undefined));
  const checkpoint = defaults.checkpointSeconds;
  const rows: Row[] = [
    {
      figure: `Scaffold (CDC template, scaffolder API) → Flink job RUNNING`,
      unit: 's',
      ours: med(ours, 'runningS'),
      baseline: med(base, 'runningS'),
      baselineLabel: 'same upstream calls by hand',
      error: failures.portal ?? 'job never RUNNING',
    },
    {
      figure: `Scaffold → first source row visible in Trino (checkpoint ${checkpoint} s, the form's default)`,
      unit: 's',
      ours: med(ours, 'visibleS'),
      baseline: med(base, 'visibleS'),
      baselineLabel: 'same upstream calls by hand',
      target: { ratioMax: 1.2, max: 60 },
      error: failures.portal ?? 'no row seen in Trino',
    },
  ];
  return {
    rows,
    raw: {
      rounds: options.rounds,
      portal: ours,
      baseline: base,
      failures,
      cleanupProblems: problems,
    },
  };
}
