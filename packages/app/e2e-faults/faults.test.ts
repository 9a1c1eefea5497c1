import { test, expect, Page } from '@playwright/test';
import { Client as Cassandra } from 'cassandra-driver';
import mysql from 'mysql2/promise';
import type { PipelineSpec } from '@internal/backstage-plugin-pipeline-common';
import {
  PipelineDeployer,
  type DeployStepError,
  type DeployStepName,
} from '@internal/backstage-plugin-pipeline-node';
import {
  couchDbCredentials,
  endpoints,
  eventually,
  removeDeployed,
  servingEndpoints,
  stackRegistry,
} from '@internal/backstage-plugin-pipeline-node/testUtils';
import { openPortal, screenshot } from '../e2e-tests/support';
import { faultSpec, sourceTableDdl } from './faultSpec';
import { crash, stack } from './stackControl';

// Each upstream stopped in turn, on the running stack and portal: the backend stays up, the card
// that needs the component says which one is down within 5 s while the rest of the page works, a
// deploy fails naming the component and changes nothing after the failing step, and once the
// component is back a re-run completes. Then a TaskManager is killed while a CDC pipeline runs,
// and the Paimon table ends equal to its source (count and checksum).

const run = Date.now().toString(36);
const JOB_PAGE = '/catalog/default/component/finance-fact-sink';
const TABLE_PAGE = '/catalog/default/resource/commerce.finance_fact';
const SERVING_PAGE = '/catalog/default/component/customer-case-builder';
/** A card whose content does not depend on any upstream: proof the page still works. */
const CALM_CARD = 'Monitoring';

interface Fault {
  component: string;
  /** Where a card needs the component, and what it must then say. */
  card?: { page: string; title: string; says: RegExp };
  /** The deploy step that fails naming it; undefined when a deploy does not need it. */
  failsAt?: DeployStepName;
  names: RegExp;
}

const FAULTS: Fault[] = [
  {
    component: 'kafka',
    // The card's text runs "…unavailablekafka: describeTopic …": no word boundary before "kafka".
    card: {
      page: JOB_PAGE,
      title: 'Streaming status',
      says: /kafka: \w+ .* cannot reach/,
    },
    failsAt: 'topics',
    names: /\bkafka\b/,
  },
  {
    component: 'connect',
    card: { page: JOB_PAGE, title: 'Streaming status', says: /kafka-connect/ },
    failsAt: 'connectors',
    names: /kafka-connect/,
  },
  {
    component: 'nessie',
    card: { page: TABLE_PAGE, title: 'Data versions', says: /nessie/i },
    failsAt: 'nessie-branch',
    names: /nessie/,
  },
  {
    component: 'sql-gateway',
    failsAt: 'paimon-tables',
    names: /flink-sql-gateway/,
  },
  {
    component: 's3proxy',
    card: {
      page: TABLE_PAGE,
      title: 'Query in Trino',
      says: /s3|object store/i,
    },
    failsAt: 'paimon-tables',
    names: /s3|object store/i,
  },
  {
    component: 'cassandra',
    card: { page: SERVING_PAGE, title: 'Serving store', says: /cassandra/i },
    failsAt: 'serving-stores',
    names: /cassandra/,
  },
  {
    component: 'couchdb',
    card: { page: SERVING_PAGE, title: 'Serving store', says: /couchdb/i },
    failsAt: 'serving-stores',
    names: /couchdb/,
  },
  {
    component: 'trino',
    card: { page: TABLE_PAGE, title: 'Query in Trino', says: /trino/i },
    names: /trino/,
  },
  {
    component: 'flink-taskmanager',
    card: {
      page: JOB_PAGE,
      title: 'Flink job',
      says: /flink-taskmanager is down/,
    },
    failsAt: 'flink-job',
    names: /flink-taskmanager/,
  },
  {
    component: 'flink-jobmanager',
    card: {
      page: JOB_PAGE,
      title: 'Flink job',
      says: /flink-rest|Flink is not answering/,
    },
    failsAt: 'flink-job',
    names: /flink-rest/,
  },
];

const card = (page: Page, title: string) =>
  page
    .locator(':is(article, .bui-Card)', {
      has: page.getByRole('heading', { name: title, exact: true }),
    })
    .first();

const registry = stackRegistry();
const deployer = new PipelineDeployer(registry);
const specs: PipelineSpec[] = [];
let db: mysql.Pool;

const deployError = (spec: PipelineSpec) =>
  deployer.deploy(spec).then(
    () => undefined,
    e => e as Error,
  );

/** Whether objects of the steps after `failedAt` exist: a failed deploy must not have made them. */
async function objectsAfter(spec: PipelineSpec, failedAt: DeployStepName) {
  const order: DeployStepName[] = [
    'topics',
    'connectors',
    'nessie-branch',
    'paimon-tables',
    'serving-stores',
    'flink-sql',
    'flink-job',
  ];
  const later = order.slice(order.indexOf(failedAt) + 1);
  const found: string[] = [];
  const jobs = await registry
    .get('flink')
    .rest.listJobs()
    .catch(() => []);
  if (
    jobs.some(
      j =>
        j.name === spec.flinkJob.name &&
        ['RUNNING', 'CREATED', 'RESTARTING', 'INITIALIZING'].includes(j.state),
    )
  )
    found.push(`job ${spec.flinkJob.name}`);
  if (later.includes('connectors')) {
    const connectors = await registry
      .get('kafkaConnect')
      .client.listConnectors()
      .catch(() => []);
    if (connectors.some(c => c.name === spec.sources[0].connector.name))
      found.push('connector');
  }
  if (later.includes('nessie-branch')) {
    const refs = await registry
      .get('nessie')
      .client.listReferences()
      .catch(() => []);
    if (refs.some(r => r.name === spec.nessie.branch))
      found.push('nessie branch');
  }
  return found;
}

test.describe.configure({ mode: 'serial' });

test.describe('faults', () => {
  test.beforeAll(async () => {
    db = mysql.createPool({
      ...endpoints.mariadb,
      database: 'commerce',
      connectionLimit: 2,
    });
  });
  test.afterAll(async () => {
    // Whatever happened, the stack is whole again and nothing of the suite is left.
    await stack('start');
    for (const spec of specs) await removeDeployed(registry, spec);
    for (const spec of specs)
      await db.query(`DROP TABLE IF EXISTS ${spec.sources[0].tables[0].name}`);
    await db.end();
  });

  FAULTS.forEach((fault, i) =>
    test(`${fault.component} down`, async ({ page, request }) => {
      test.setTimeout(900_000);
      const table = `fault_${run}_${i}`;
      const spec = faultSpec(`fault-${run}-${i}`, table, run);
      specs.push(spec);
      await db.query(sourceTableDdl(table));
      await db.query(
        `INSERT INTO ${table} (id, customer_id, status, amount, currency) VALUES (1, 1, 'NEW', 10.00, 'EUR')`,
      );

      await stack('stop', fault.component);
      let error: Error | undefined;
      try {
        // The backend stays up.
        const health = await request.get('/.backstage/health/v1/liveness');
        expect(health.status()).toBe(200);

        if (fault.card) {
          await openPortal(page, fault.card.page);
          // The clock starts when the card is on the page (the page's own scripts and the entity
          // load first, on a cold browser): from then on it has 5 s to name the component.
          await expect(card(page, fault.card.title)).toBeVisible({
            timeout: 30_000,
          });
          const started = Date.now();
          await expect(card(page, fault.card.title)).toContainText(
            fault.card.says,
            { timeout: 5_000 },
          );
          const saidAfterMs = Date.now() - started;
          expect(
            saidAfterMs,
            `${fault.card.title} named the component after ${saidAfterMs} ms`,
          ).toBeLessThanOrEqual(5_000);
          // The rest of the page works.
          await expect(card(page, CALM_CARD)).toContainText(
            /Flink dashboard|Kafka Connect|Trino/,
          );
          await screenshot(page, `fault-${fault.component}`);
        }
        error = await deployError(spec);
      } finally {
        // Back, and the stack whole again (a JobManager restart redeploys the seed pipelines).
        await stack('start');
      }

      if (fault.failsAt) {
        const failed = error as DeployStepError | undefined;
        expect(failed?.message, 'the deploy failed').toBeDefined();
        expect(failed?.step).toBe(fault.failsAt);
        expect(failed?.message).toMatch(fault.names);
        // Nothing after the failing step was made (checked with the component back).
        expect(await objectsAfter(spec, fault.failsAt)).toEqual([]);
      } else {
        // A deploy does not need this component: it completed.
        expect(error?.message).toBeUndefined();
      }

      // Once the component is back, a re-run completes.
      const results = await deployer.deploy(spec);
      expect(
        results.find(r => r.step === 'flink-job')?.changes[0].outcome,
      ).toMatch(/created|unchanged/);
    }),
  );

  test('a TaskManager killed while a CDC pipeline runs leaves the Paimon table equal to its source', async () => {
    test.setTimeout(900_000);
    const table = `fault_${run}_tm`;
    const spec = faultSpec(`fault-${run}-tm`, table, run);
    specs.push(spec);
    await db.query(sourceTableDdl(table));
    await deployer.deploy(spec);
    const writes = (async () => {
      for (let id = 1; id <= 300; id++) {
        await db.query(
          `INSERT INTO ${table} (id, customer_id, status, amount, currency) VALUES (?, ?, 'NEW', ?, 'EUR')`,
          [id, id % 7, id / 10],
        );
        if (id % 3 === 0)
          await db.query(
            `UPDATE ${table} SET status = 'PAID', amount = amount + 1 WHERE id = ?`,
            [id - 1],
          );
        if (id % 10 === 0)
          await db.query(`DELETE FROM ${table} WHERE id = ?`, [id - 5]);
        await new Promise(r => setTimeout(r, 100));
      }
    })();
    await new Promise(r => setTimeout(r, 8_000));
    await crash('flink-taskmanager');
    await writes;
    await stack('start', 'flink-taskmanager');
    const [[source]] = await db.query<mysql.RowDataPacket[]>(
      `SELECT count(*) AS n, sum(id * 1000 + ROUND(amount * 100) + (status = 'PAID')) AS checksum FROM ${table}`,
    );
    const expected = [Number(source.n), Number(source.checksum)];
    const trino = registry.get('trino').client;
    await eventually(
      'the Paimon table equal to the source (count and checksum)',
      600_000,
      async () => {
        const { rows } = await trino.query(
          `SELECT count(*), sum(id * 1000 + CAST(round(amount * 100) AS BIGINT) + IF(status = 'PAID', 1, 0)) FROM lakehouse.${table}.facts`,
        );
        const actual = [Number(rows[0][0]), Number(rows[0][1])];
        return JSON.stringify(actual) === JSON.stringify(expected)
          ? actual
          : undefined;
      },
      5_000,
    );
    // The serving stores too: no row missing or duplicated in either.
    const checksum = (
      docs: { id: unknown; amount: unknown; status: unknown }[],
    ) => [
      docs.length,
      docs.reduce<number>(
        (sum, d) =>
          sum +
          Number(d.id) * 1000 +
          Math.round(Number(d.amount) * 100) +
          (d.status === 'PAID' ? 1 : 0),
        0,
      ),
    ];
    const same = (actual: number[]) =>
      JSON.stringify(actual) === JSON.stringify(expected) ? actual : undefined;
    const cassandraSink = spec.servingSinks.find(k => k.kind === 'cassandra')!;
    const cassandra = new Cassandra({
      contactPoints: servingEndpoints.cassandra,
      localDataCenter: servingEndpoints.cassandraDataCenter,
    });
    try {
      await eventually(
        'Cassandra equal to the source (count and checksum)',
        300_000,
        async () => {
          const { rows } = await cassandra.execute(
            `SELECT id, amount, status FROM "${cassandraSink.keyspace}"."${cassandraSink.name}"`,
          );
          return same(checksum(rows as any));
        },
        5_000,
      );
    } finally {
      await cassandra.shutdown();
    }
    const couchSink = spec.servingSinks.find(k => k.kind === 'couchdb')!;
    const { user, password } = couchDbCredentials();
    const basic = Buffer.from(`${user}:${password}`).toString('base64');
    await eventually(
      'CouchDB equal to the source (count and checksum)',
      300_000,
      async () => {
        const res = await fetch(
          `${servingEndpoints.couchdb}/${couchSink.name}/_all_docs?include_docs=true`,
          { headers: { Authorization: `Basic ${basic}` } },
        );
        const body = (await res.json()) as { rows: { id: string; doc: any }[] };
        return same(
          checksum(
            body.rows.filter(r => !r.id.startsWith('_design/')).map(r => r.doc),
          ),
        );
      },
      5_000,
    );
  });
});
