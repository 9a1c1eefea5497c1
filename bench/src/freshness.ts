import mysql from 'mysql2/promise';
import {
  financeReconciliationExample,
  parsePipelineSpec,
  PipelineSpec,
  renderServingSinks,
} from '@internal/backstage-plugin-pipeline-common';
import {
  PipelineDeployer,
  UpstreamRegistry,
} from '@internal/backstage-plugin-pipeline-node';
import {
  cdcSecretsFile,
  couchDbCredentials,
  endpoints,
  servingEndpoints,
} from '@internal/backstage-plugin-pipeline-node/testUtils';
import { removePipeline } from './cleanup';
import { summarize } from './stats';
import type { Row } from './table';

/**
 * The bench's own CDC pipeline: a MariaDB table of its own → Debezium → Kafka → Flink → a Paimon
 * table (read by Trino through Nessie) and the same rows in Cassandra and a CouchDB view, with a
 * short checkpoint interval.
 */
export function freshnessSpec(
  run: string,
  checkpointSeconds: number,
): PipelineSpec {
  const example = financeReconciliationExample;
  const source = example.sources[0];
  const table = `bench_fresh_${run}`;
  const secret = (key: string) => `\${file:${cdcSecretsFile()}:${key}}`;
  const parsed = parsePipelineSpec({
    ...example,
    name: `bench-fresh-${run}`,
    owner: 'group:default/data-platform-team',
    description: 'bench/run: source commit → Trino and serving stores',
    sources: [
      {
        ...source,
        tables: [
          {
            name: table,
            primaryKey: ['id'],
            columns: [
              { name: 'id', type: 'BIGINT', nullable: false },
              { name: 'note', type: 'VARCHAR(64)', nullable: false },
              { name: 'created_at', type: 'TIMESTAMP', nullable: false },
            ],
          },
        ],
        connector: {
          ...source.connector,
          name: `bench-fresh-${run}-mariadb`,
          topicPrefix: `benchf${run}`,
          user: secret('mariadb.user'),
          password: secret('mariadb.password'),
        },
      },
    ],
    topics: [{ name: `benchf${run}.commerce.${table}`, partitions: 1 }],
    catalog: { database: `bench_${run}` },
    paimonTables: [
      { name: 'events', from: { source: source.name, table }, typeMapping: [] },
    ],
    flinkJob: {
      name: `bench-fresh-${run}`,
      checkpointIntervalSeconds: checkpointSeconds,
    },
    servingSinks: [
      { kind: 'trino', paimonTable: 'events' },
      { kind: 'cassandra', paimonTable: 'events', keyspace: `bench_${run}` },
      { kind: 'couchdb', paimonTable: 'events', name: `bench_fresh_${run}` },
    ],
    nessie: {
      branch: `bench/fresh-${run}`,
      tagPolicy: `bench/fresh-${run}-yyyymmdd`,
    },
  });
  if (!parsed.success) throw new Error(parsed.message);
  return parsed.spec;
}

type Poll = () => Promise<number[]>;

/** Polls back to back; an id's time is the start of the first poll that returned it. */
function poller(poll: Poll, seen: Map<number, number>) {
  let stopped = false;
  let errors = 0;
  const done = (async () => {
    while (!stopped) {
      const at = Date.now();
      try {
        for (const id of await poll()) if (!seen.has(id)) seen.set(id, at);
      } catch {
        errors++;
        await new Promise(r => setTimeout(r, 500));
      }
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await done;
      return errors;
    },
  };
}

export async function measureFreshness(options: {
  registry: UpstreamRegistry;
  run: string;
  checkpointSeconds: number;
  changes: number;
  intervalMs: number;
}) {
  const { registry, run, checkpointSeconds } = options;
  const spec = freshnessSpec(run, checkpointSeconds);
  const table = spec.sources[0].tables[0].name;
  const db = await mysql.createConnection({
    ...endpoints.mariadb,
    database: 'commerce',
  });
  const sinks = renderServingSinks(spec);
  const cassandraTarget = sinks.find(s => s.kind === 'cassandra')!.target;
  const couch = sinks.find(s => s.kind === 'couchdb')!;
  const view = Object.keys(couch.designDocument!.views)[0];
  const couchAuth = couchDbCredentials();
  const trino = registry.get('trino').client;
  const cassandra = registry.get('cassandra').client;
  const polls: Record<'trino' | 'cassandra' | 'couchdb', Poll> = {
    trino: async () =>
      (
        await trino.query(
          `SELECT id FROM lakehouse.${spec.catalog.database}.events`,
          {
            maxRows: 100_000,
          },
        )
      ).rows.map(r => Number(r[0])),
    cassandra: async () => {
      const [keyspace, name] = cassandraTarget.split('.');
      const described = await cassandra.describeTable(keyspace, name);
      if (!described) return [];
      // The note column holds the id as text: the scan returns it with its write time.
      const scan = await cassandra.scan(described, {
        maxRows: 100_000,
        writetimeColumn: 'note',
      });
      return scan.samples.map(s => Number(s.value));
    },
    couchdb: async () => {
      const res = await fetch(
        `${servingEndpoints.couchdb}/${couch.database}/${
          couch.designDocument!._id
        }/_view/${view}?reduce=false`,
        {
          headers: {
            Authorization: `Basic ${Buffer.from(
              `${couchAuth.user}:${couchAuth.password}`,
            ).toString('base64')}`,
          },
          signal: AbortSignal.timeout(10_000),
        },
      );
      if (!res.ok) throw new Error(`couchdb view: ${res.status}`);
      const body = (await res.json()) as {
        rows?: Array<{ id: string; value: unknown }>;
      };
      return (body.rows ?? []).map(r => Number(r.id));
    },
  };
  const insert = async (id: number) => {
    await db.query(`INSERT INTO ${table} (id, note) VALUES (?, ?)`, [
      id,
      String(id),
    ]);
    return Date.now();
  };
  const cleanupProblems: string[] = [];
  try {
    await db.query(
      `CREATE TABLE ${table} (id BIGINT PRIMARY KEY, note VARCHAR(64) NOT NULL,
        created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)`,
    );
    const deployStart = Date.now();
    await new PipelineDeployer(registry).deploy(spec);
    const deploySeconds = (Date.now() - deployStart) / 1000;

    // Warm-up row: the first commit creates the table in Nessie and the serving stores.
    await insert(0);
    const warmDeadline = Date.now() + 300_000;
    for (const [store, poll] of Object.entries(polls)) {
      for (;;) {
        const ids = await poll().catch(() => [] as number[]);
        if (ids.includes(0)) break;
        if (Date.now() > warmDeadline)
          throw new Error(
            `the warm-up row never reached ${store} within 300 s`,
          );
        await new Promise(r => setTimeout(r, 1000));
      }
    }

    const seen = {
      trino: new Map<number, number>(),
      cassandra: new Map<number, number>(),
      couchdb: new Map<number, number>(),
    };
    const pollers = Object.entries(polls).map(([store, poll]) =>
      poller(poll, seen[store as keyof typeof seen]),
    );
    const committed = new Map<number, number>();
    for (let id = 1; id <= options.changes; id++) {
      const started = Date.now();
      committed.set(id, await insert(id));
      await new Promise(r =>
        setTimeout(r, Math.max(0, options.intervalMs - (Date.now() - started))),
      );
    }
    const deadline =
      Date.now() + Math.max(120_000, 6 * checkpointSeconds * 1000);
    const complete = () =>
      Object.values(seen).every(m =>
        [...committed.keys()].every(id => m.has(id)),
      );
    while (!complete() && Date.now() < deadline)
      await new Promise(r => setTimeout(r, 500));
    const pollErrors = await Promise.all(pollers.map(p => p.stop()));

    const latency = (m: Map<number, number>) =>
      [...committed]
        .filter(([id]) => m.has(id))
        .map(([id, at]) => (m.get(id)! - at) / 1000);
    const missing = (m: Map<number, number>) =>
      [...committed.keys()].filter(id => !m.has(id)).length;
    const t = summarize(latency(seen.trino));
    const c = summarize(latency(seen.cassandra));
    const d = summarize(latency(seen.couchdb));
    const n = options.changes;
    const lost = (m: Map<number, number>) =>
      missing(m) ? `; ${missing(m)} of ${n} never seen` : '';
    const rows: Row[] = [
      {
        figure: `Source commit → visible in Trino, p50 (${n} changes, checkpoint ${checkpointSeconds} s)`,
        unit: 's',
        ours: t?.p50,
        baseline: checkpointSeconds,
        baselineLabel: 'checkpoint interval',
        error: t ? undefined : 'no change seen',
      },
      {
        figure: `Source commit → visible in Trino, p95${lost(seen.trino)}`,
        unit: 's',
        ours: t?.p95,
        baseline: checkpointSeconds,
        baselineLabel: 'checkpoint interval',
        target: { ratioMax: 1.2, text: '≤ 1.2× baseline (1.0× is the floor)' },
        error: t ? undefined : 'no change seen',
      },
      {
        figure: `Source commit → Cassandra, p50 / p95${lost(seen.cassandra)}`,
        unit: 's',
        ours: c?.p95,
        oursText: c
          ? `${c.p50.toFixed(1)} s / ${c.p95.toFixed(1)} s`
          : undefined,
        target: { max: 5, text: 'p95 ≤ 5 s' },
        error: c ? undefined : 'no change seen',
      },
      {
        figure: `Source commit → CouchDB view, p50 / p95${lost(seen.couchdb)}`,
        unit: 's',
        ours: d?.p95,
        oursText: d
          ? `${d.p50.toFixed(1)} s / ${d.p95.toFixed(1)} s`
          : undefined,
        target: { max: 5, text: 'p95 ≤ 5 s' },
        error: d ? undefined : 'no change seen',
      },
    ];
    return {
      rows,
      raw: {
        pipeline: spec.name,
        checkpointSeconds,
        deploySeconds,
        changes: n,
        intervalMs: options.intervalMs,
        trinoS: t,
        cassandraS: c,
        couchdbS: d,
        missing: {
          trino: missing(seen.trino),
          cassandra: missing(seen.cassandra),
          couchdb: missing(seen.couchdb),
        },
        pollErrors: {
          trino: pollErrors[0],
          cassandra: pollErrors[1],
          couchdb: pollErrors[2],
        },
        cleanupProblems,
      },
    };
  } finally {
    cleanupProblems.push(
      ...(await removePipeline(registry, spec, {
        database: true,
        servingStores: true,
      })),
    );
    await db.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    await db.end().catch(() => undefined);
  }
}
