import { Client as Cassandra } from 'cassandra-driver';
import mysql from 'mysql2/promise';
import { Client } from 'pg';
import type { PipelineSpec } from '@internal/backstage-plugin-pipeline-common';
import {
  deployForReal,
  endpoints,
  eventually,
  eventuallyInTrino,
  parsed,
  removeDeployed,
  requireStack,
  servingEndpoints,
  testCouchDb,
  stackRegistry,
  tailTopic,
  testKafka,
  testProducer,
} from '@internal/backstage-plugin-pipeline-node/testUtils';
import { specForShape } from '../render/shapes';

// Every template's default spec deployed for real on the local stack (not a dry run), and rows
// arriving where the seed says: Paimon tables read back through Trino, fraud alerts read back with
// kafkajs, the enrichment joined to customer_profile, the inventory aggregation equal to a
// recomputation from the sources. The stack's generator keeps writing meanwhile; each test writes
// rows of its own (a customer, SKUs and orders no generator touches) and asserts on exactly those.
jest.setTimeout(900_000);

const run = Date.now().toString(36);
/** A customer id per shape that nothing else writes. */
const customerBase = 2_000_000 + (Date.now() % 1_000_000) * 10;
const SHAPES = [
  'cdc-lakehouse',
  'stream-enrichment',
  'fraud-cep',
  'inventory-360',
  'customer-support-360',
] as const;
type Shape = (typeof SHAPES)[number];

/** The template's default spec under per-run names (its own connectors, topics, tables, branch). */
function specOf(shape: Shape, i: number): PipelineSpec {
  const input: any = specForShape(shape, {
    name: `it-${shape}-${run}`,
    owner: 'group:default/data-platform-team',
    catalogDatabase: `it_${run}_${i}`,
    domain: `it-${run}-${i}`,
    checkpointSeconds: 5,
    freshnessSeconds: 60,
  });
  // An alert topic of its own: the seed's fraud pipeline writes fraud_alerts.
  for (const sink of input.kafkaSinks ?? []) {
    const own = `it-${run}.${sink.topic}`;
    input.topics = input.topics.map((t: any) =>
      t.name === sink.topic ? { ...t, name: own } : t,
    );
    sink.topic = own;
  }
  return parsed(input);
}

const num = (v: unknown) => Number(v);

describe('each use-case shape, deployed for real, carries rows', () => {
  const registry = stackRegistry();
  const specs = Object.fromEntries(
    SHAPES.map((s, i) => [s, specOf(s, i)]),
  ) as Record<Shape, PipelineSpec>;
  const table = (shape: Shape, name: string) =>
    `lakehouse.${specs[shape].catalog.database}.${name}`;
  const kafka = testKafka();
  const producer = testProducer(kafka);
  let my: mysql.Pool;
  let pg: Client;
  const deployed: Partial<Record<Shape, Promise<unknown>>> = {};

  const insertOrder = async (
    customerId: number,
    status: string,
    amount: number,
  ) => {
    const [r] = await my.query<mysql.ResultSetHeader>(
      'INSERT INTO orders (customer_id, status, amount, currency) VALUES (?, ?, ?, ?)',
      [customerId, status, amount, 'EUR'],
    );
    return r.insertId;
  };
  const payment = (orderId: number, amount: number, status: string) =>
    pg.query(
      'INSERT INTO payments (order_id, method, amount, status) VALUES ($1, $2, $3, $4)',
      [orderId, 'card', amount, status],
    );
  const behavior = (
    customerId: number,
    events: {
      type: string;
      orderId?: number;
      sku?: string;
      offsetMs: number;
    }[],
  ) => {
    const now = Date.now();
    return producer.send({
      topic: 'behavior',
      messages: events.map(e => ({
        key: String(customerId),
        value: JSON.stringify({
          customer_id: customerId,
          session_id: `it-${run}`,
          event_type: e.type,
          sku: e.sku ?? null,
          order_id: e.orderId ?? null,
          event_time: new Date(now + e.offsetMs).toISOString().replace('Z', ''),
        }),
      })),
    });
  };

  beforeAll(async () => {
    await requireStack(
      'kafka',
      'connect',
      'flink',
      'gateway',
      'nessie',
      'trino',
      'mariadb',
      'postgres',
      'cassandra',
      'couchdb',
    );
    my = mysql.createPool({
      ...endpoints.mariadb,
      database: 'commerce',
      connectionLimit: 2,
    });
    pg = new Client({ ...endpoints.postgres });
    await pg.connect();
    await producer.connect();
    // All at once: each deploy mostly waits on Connect, the gateway and the job start.
    // IT_SHAPES=fraud-cep,... narrows a run while working on one shape (with -t).
    const only = process.env.IT_SHAPES?.split(',');
    for (const shape of SHAPES.filter(s => !only || only.includes(s)))
      deployed[shape] = deployForReal(registry, specs[shape]);
    await Promise.allSettled(Object.values(deployed));
  });

  afterAll(async () => {
    await Promise.all(SHAPES.map(s => removeDeployed(registry, specs[s])));
    await producer.disconnect().catch(() => undefined);
    await pg?.end().catch(() => undefined);
    await my?.end().catch(() => undefined);
  });

  it('cdc-lakehouse: an order and its captured payment arrive in finance_fact and reconcile', async () => {
    await deployed['cdc-lakehouse'];
    const customer = customerBase + 1;
    const orderId = await insertOrder(customer, 'PAID', 42.5);
    await payment(orderId, 42.5, 'CAPTURED');
    await eventuallyInTrino(
      registry,
      'the order in finance_fact',
      `SELECT id, status, amount FROM ${table(
        'cdc-lakehouse',
        'finance_fact',
      )} WHERE id = ${orderId}`,
      rows =>
        rows.length === 1 && rows[0][1] === 'PAID' && num(rows[0][2]) === 42.5
          ? rows
          : undefined,
    );
    await eventuallyInTrino(
      registry,
      'the order reconciled against its captured payment',
      `SELECT order_amount, captured_amount, payments, reconciled FROM ${table(
        'cdc-lakehouse',
        'finance_reconciliation',
      )} WHERE order_id = ${orderId}`,
      rows =>
        rows.length === 1 &&
        num(rows[0][0]) === 42.5 &&
        num(rows[0][1]) === 42.5 &&
        num(rows[0][2]) === 1 &&
        rows[0][3] === true
          ? rows
          : undefined,
    );
    // An update in the source replaces the row (primary-key table), it does not add one.
    await my.query("UPDATE orders SET status = 'SHIPPED' WHERE id = ?", [
      orderId,
    ]);
    await eventuallyInTrino(
      registry,
      'the status update in finance_fact',
      `SELECT status FROM ${table(
        'cdc-lakehouse',
        'finance_fact',
      )} WHERE id = ${orderId}`,
      rows =>
        rows.length === 1 && rows[0][0] === 'SHIPPED' ? rows : undefined,
    );
  });

  it('stream-enrichment: behaviour events are joined to customer_profile into marketing_segments', async () => {
    await deployed['stream-enrichment'];
    const customer = customerBase + 2;
    await my.query(
      "INSERT INTO customers (id, email, full_name, segment, is_vip) VALUES (?, ?, 'Enrichment Test', 'gold', 1)",
      [customer, `it-${run}-${customer}@example.com`],
    );
    // The lookup join reads the profile as of processing time: wait until it is in Paimon.
    await eventuallyInTrino(
      registry,
      'the new customer in customer_profile',
      `SELECT segment FROM ${table(
        'stream-enrichment',
        'customer_profile',
      )} WHERE id = ${customer}`,
      rows => (rows.length === 1 ? rows : undefined),
    );
    await behavior(customer, [
      { type: 'page_view', sku: 'SKU-1', offsetMs: 0 },
      { type: 'page_view', sku: 'SKU-2', offsetMs: 100 },
      { type: 'add_to_cart', sku: 'SKU-1', offsetMs: 200 },
      { type: 'add_to_cart', sku: 'SKU-2', offsetMs: 300 },
      { type: 'add_to_cart', sku: 'SKU-3', offsetMs: 400 },
    ]);
    const rows = await eventuallyInTrino(
      registry,
      'the enriched segment of the customer',
      `SELECT segment, is_vip, page_views, add_to_carts, interest FROM ${table(
        'stream-enrichment',
        'marketing_segments',
      )} WHERE customer_id = ${customer}`,
      r => (r.length === 1 && num(r[0][3]) === 3 ? r : undefined),
    );
    expect(
      rows[0].map(v => (typeof v === 'string' ? v.trim() : num(v))),
    ).toEqual(['gold', 1, 2, 3, 'hot']);
  });

  it('fraud-cep: failed payments then a checkout raise an alert on the topic and a signal in Paimon', async () => {
    await deployed['fraud-cep'];
    const customer = customerBase + 3;
    const orderId = await insertOrder(customer, 'NEW', 99.9);
    for (let i = 0; i < 3; i++) await payment(orderId, 99.9, 'FAILED');
    // The lookup joins read the order and its payments at match time: wait until both are in Paimon.
    await eventuallyInTrino(
      registry,
      'the order and its failed payments in fraud_orders / fraud_payments',
      `SELECT (SELECT count(*) FROM ${table(
        'fraud-cep',
        'fraud_orders',
      )} WHERE id = ${orderId}),
              (SELECT count(*) FROM ${table(
                'fraud-cep',
                'fraud_payments',
              )} WHERE order_id = ${orderId})`,
      rows =>
        num(rows[0][0]) === 1 && num(rows[0][1]) === 3 ? rows : undefined,
    );
    const alerts = await tailTopic(
      kafka,
      specs['fraud-cep'].kafkaSinks[0].topic,
      `it-alerts-${run}`,
    );
    try {
      // Sent as they happen, stamped with the time they are sent: MATCH_RECOGNIZE drops events
      // behind the stream's watermark.
      for (const type of [
        'payment_failed',
        'payment_failed',
        'payment_failed',
        'checkout',
      ]) {
        await behavior(customer, [
          { type, orderId, sku: 'SKU-1', offsetMs: 0 },
        ]);
        await new Promise(r => setTimeout(r, 1000));
      }
      const seen = await alerts.waitFor(
        'an alert for the customer',
        300_000,
        messages => messages.some(m => m.value?.customer_id === customer),
      );
      const alert = seen.find(m => m.value?.customer_id === customer)!.value;
      expect(alert).toMatchObject({
        customer_id: customer,
        order_id: orderId,
        failed_attempts: 3,
        reason: 'failed-payments-then-checkout',
      });
      expect(num(alert.order_amount)).toBe(99.9);
    } finally {
      await alerts.stop();
    }
    await eventuallyInTrino(
      registry,
      'the fraud signal in Paimon',
      `SELECT failed_attempts, order_id, payment_status FROM ${table(
        'fraud-cep',
        'fraud_signals',
      )} WHERE customer_id = ${customer}`,
      rows =>
        rows.length === 1 &&
        num(rows[0][0]) === 3 &&
        num(rows[0][1]) === orderId &&
        rows[0][2] === 'FAILED'
          ? rows
          : undefined,
    );
  });

  it('inventory-360: stock minus open reservations equals a recomputation from the sources', async () => {
    await deployed['inventory-360'];
    const customer = customerBase + 4;
    const [a, b] = [`IT${run}-A`, `IT${run}-B`];
    await my.query(
      "INSERT INTO inventory (sku, warehouse, quantity) VALUES (?, 'HAN', 50), (?, 'SGN', 10)",
      [a, b],
    );
    const open = await insertOrder(customer, 'NEW', 10);
    const paid = await insertOrder(customer, 'PAID', 10);
    const cancelled = await insertOrder(customer, 'CANCELLED', 10);
    const delivered = await insertOrder(customer, 'DELIVERED', 10);
    const deltas = [
      { sku: a, order_id: open, delta: -2 },
      { sku: a, order_id: paid, delta: -3 },
      { sku: a, order_id: cancelled, delta: -4 },
      { sku: b, order_id: delivered, delta: -1 },
      { sku: b, order_id: paid, delta: -5 },
    ];
    // Where the OMS writes them: Cassandra, whose CDC agent streams them to Kafka.
    const cassandra = new Cassandra({
      contactPoints: servingEndpoints.cassandra,
      localDataCenter: servingEndpoints.cassandraDataCenter,
    });
    try {
      for (const d of deltas)
        await cassandra.execute(
          'INSERT INTO inventory.inventory_deltas (sku, warehouse, event_time, delta_id, order_id, delta) VALUES (?, ?, ?, now(), ?, ?)',
          [d.sku, 'HAN', new Date(), d.order_id, d.delta],
          { prepare: true },
        );
    } finally {
      await cassandra.shutdown();
    }
    // The recomputation: on hand from MariaDB's inventory, reservations from the deltas of orders
    // MariaDB says are still open.
    const [stock] = await my.query<mysql.RowDataPacket[]>(
      'SELECT sku, quantity FROM inventory WHERE sku IN (?, ?) ORDER BY sku',
      [a, b],
    );
    const [statuses] = await my.query<mysql.RowDataPacket[]>(
      'SELECT id, status FROM orders WHERE id IN (?)',
      [deltas.map(d => d.order_id)],
    );
    const statusOf = new Map(
      statuses.map(r => [Number(r.id), r.status as string]),
    );
    const expected = stock.map(s => {
      const live = deltas.filter(
        d =>
          d.sku === s.sku &&
          !['CANCELLED', 'DELIVERED'].includes(statusOf.get(d.order_id)!),
      );
      const net = live.reduce((sum, d) => sum + d.delta, 0);
      return [
        s.sku,
        Number(s.quantity),
        -net,
        Number(s.quantity) + net,
        new Set(live.map(d => d.order_id)).size,
      ];
    });
    expect(expected).toEqual([
      [a, 50, 5, 45, 2],
      [b, 10, 5, 5, 1],
    ]);
    await eventuallyInTrino(
      registry,
      'inventory_snapshot equal to the recomputation',
      `SELECT sku, on_hand, reserved, available, open_orders FROM ${table(
        'inventory-360',
        'inventory_snapshot',
      )} WHERE sku IN ('${a}', '${b}') ORDER BY sku`,
      rows => {
        const actual = rows.map(r => [r[0], ...r.slice(1).map(num)]);
        return JSON.stringify(actual) === JSON.stringify(expected)
          ? actual
          : undefined;
      },
    );
  });

  it('inventory-360: the Cassandra projection follows inserts, updates and deletes of the source', async () => {
    await deployed['inventory-360'];
    const [a, b] = [`IT${run}-A`, `IT${run}-B`];
    const sink = specs['inventory-360'].servingSinks.find(
      k => k.kind === 'cassandra',
    )!;
    const projection = `"${sink.keyspace}"."${sink.name}"`;
    const cassandra = new Cassandra({
      contactPoints: servingEndpoints.cassandra,
      localDataCenter: servingEndpoints.cassandraDataCenter,
    });
    const rows = async () =>
      (
        await cassandra.execute(
          `SELECT sku, on_hand, reserved, available FROM ${projection} WHERE sku IN (?, ?)`,
          [a, b],
          { prepare: true },
        )
      ).rows
        .map(r => [r.sku, r.on_hand, r.reserved, r.available])
        .sort();
    const until = (what: string, expected: unknown[][]) =>
      eventually(what, 300_000, async () =>
        JSON.stringify(await rows()) === JSON.stringify(expected)
          ? true
          : undefined,
      ).catch(async e => {
        throw new Error(
          `${e.message}; Cassandra has ${JSON.stringify(await rows())}`,
        );
      });
    try {
      // The insert (the rows the previous test made), as the recomputation gave them.
      await until('the projection of both SKUs', [
        [a, 50, 5, 45],
        [b, 10, 5, 5],
      ]);
      // An update: a restock of A.
      await my.query(
        'UPDATE inventory SET quantity = quantity + 7 WHERE sku = ?',
        [a],
      );
      await until('the restock of A', [
        [a, 57, 5, 52],
        [b, 10, 5, 5],
      ]);
      // A delete: B leaves the assortment.
      await my.query('DELETE FROM inventory WHERE sku = ?', [b]);
      await until('B gone from the projection', [[a, 57, 5, 52]]);
    } finally {
      await cassandra.shutdown();
    }
  });

  it("customer-support-360: the customer's case equals a recomputation from orders, payments and tickets", async () => {
    await deployed['customer-support-360'];
    const customer = customerBase + 5;
    const first = await insertOrder(customer, 'PAID', 10);
    const second = await insertOrder(customer, 'NEW', 20);
    await payment(first, 10, 'CAPTURED');
    await payment(second, 20, 'FAILED');
    await pg.query(
      "INSERT INTO tickets (customer_id, order_id, subject, status) VALUES ($1, $2, 'Where is it?', 'OPEN'), ($1, $3, 'Thanks', 'CLOSED')",
      [customer, first, second],
    );
    const [[orders]] = await my.query<mysql.RowDataPacket[]>(
      'SELECT count(*) AS n, sum(amount) AS total FROM orders WHERE customer_id = ?',
      [customer],
    );
    const tickets = (
      await pg.query(
        "SELECT count(*) AS total, count(*) FILTER (WHERE status <> 'CLOSED') AS open FROM tickets WHERE customer_id = $1",
        [customer],
      )
    ).rows[0];
    const captured = (
      await pg.query(
        "SELECT coalesce(sum(amount), 0) AS captured FROM payments WHERE status = 'CAPTURED' AND order_id = ANY($1)",
        [[first, second]],
      )
    ).rows[0];
    const expected = [
      Number(tickets.open),
      Number(tickets.total),
      Number(orders.n),
      Number(orders.total),
      Number(captured.captured),
    ];
    expect(expected).toEqual([1, 2, 2, 30, 10]);
    await eventuallyInTrino(
      registry,
      'the customer case equal to the recomputation',
      `SELECT open_tickets, total_tickets, orders, ordered_amount, captured_amount FROM ${table(
        'customer-support-360',
        'customer_case',
      )} WHERE customer_id = ${customer}`,
      rows =>
        rows.length === 1 &&
        JSON.stringify(rows[0].map(num)) === JSON.stringify(expected)
          ? rows
          : undefined,
    );
  });

  it('customer-support-360: the CouchDB view follows inserts, updates and deletes of the source', async () => {
    await deployed['customer-support-360'];
    const customer = customerBase + 5;
    const sink = specs['customer-support-360'].servingSinks.find(
      k => k.kind === 'couchdb',
    )!;
    const database = sink.name!;
    const couchdb = testCouchDb();
    // The agent's lookup: the view by customer id, with the case document.
    const caseOf = async () => {
      const page = await couchdb.queryView(
        database,
        `_design/${database}`,
        database,
        {
          key: customer,
          limit: 5,
        },
      );
      return page.rows.map(r => r.doc as Record<string, unknown>);
    };
    const until = (
      what: string,
      accept: (docs: Record<string, unknown>[]) => boolean,
    ) =>
      eventually(what, 300_000, async () =>
        (await caseOf().catch(() => undefined)) && accept(await caseOf())
          ? true
          : undefined,
      ).catch(async e => {
        throw new Error(
          `${e.message}; the view has ${JSON.stringify(
            await caseOf().catch(x => String(x)),
          )}`,
        );
      });
    await until(
      'the case in the view',
      docs =>
        docs.length === 1 &&
        docs[0].open_tickets === 1 &&
        Number(docs[0].total_tickets) === 2,
    );
    // An update: the open ticket is closed.
    await pg.query(
      "UPDATE tickets SET status = 'CLOSED', updated_at = now() WHERE customer_id = $1",
      [customer],
    );
    await until(
      'the closed ticket in the case',
      docs => docs.length === 1 && docs[0].open_tickets === 0,
    );
    // A delete: the customer's tickets are removed, and with them the case.
    await pg.query('DELETE FROM tickets WHERE customer_id = $1', [customer]);
    await until('the case gone from the view', docs => docs.length === 0);
  });

  it('a second deploy of each changes nothing', async () => {
    for (const shape of SHAPES) {
      await deployed[shape];
      const results = await deployForReal(registry, specs[shape]);
      const changed = results.flatMap(r =>
        r.changes
          .filter(
            c => !['unchanged', 'validated', 'skipped'].includes(c.outcome),
          )
          .map(c => `${r.step} ${c.target} ${c.outcome}`),
      );
      expect({ shape, changed }).toEqual({ shape, changed: [] });
    }
  });

  it('the deploys themselves succeeded', async () => {
    const outcomes = await Promise.allSettled(SHAPES.map(s => deployed[s]));
    expect(
      outcomes.map(
        (o, i) =>
          `${SHAPES[i]}: ${
            o.status === 'rejected' ? (o.reason as Error).message : 'ok'
          }`,
      ),
    ).toEqual(SHAPES.map(s => `${s}: ok`));
  });
});
