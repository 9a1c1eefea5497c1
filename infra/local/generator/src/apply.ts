import type { RowDataPacket, ResultSetHeader } from 'mysql2/promise';
import {
  BehaviorEvent,
  BehaviorEventType,
  Change,
  eventTime,
  InventoryDelta,
  NEXT_TICKET_STATUS,
  skuName,
  WorldSize,
} from './model';
import type { Sinks } from './sinks';

const WAREHOUSES = ['HAN', 'SGN', 'DAD'];
export const warehouseOf = (sku: string) =>
  WAREHOUSES[Number(sku.replace(/\D/g, '')) % WAREHOUSES.length];

/** Orders created by this run: what they reserved, so delivery takes it out of stock. */
const reservations = new Map<number, { sku: string; quantity: number }>();
const remember = (id: number, sku: string, quantity: number) => {
  reservations.set(id, { sku, quantity });
  if (reservations.size > 20_000)
    reservations.delete(reservations.keys().next().value!);
};

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** Applies changes to the sources; one instance per generator process. */
export class ChangeApplier {
  /**
   * Customers 1..n are the generator's own: it moves on only their orders and tickets, never a
   * row a test or a person wrote (a test's order must keep the status it was given).
   */
  private customers = 0;

  constructor(private readonly sinks: Sinks) {}

  /** Customers and SKUs the traffic refers to exist (idempotent; the seed SQL has a few). */
  async ensureWorld(world: WorldSize) {
    this.customers = world.customers;
    const customers = Array.from({ length: world.customers }, (_, i) => i + 1);
    await this.sinks.mariadb.query(
      `INSERT IGNORE INTO customers (id, email, full_name, segment, is_vip) VALUES ${customers
        .map(() => '(?, ?, ?, ?, 0)')
        .join(',')}`,
      customers.flatMap(id => [
        id,
        `customer${id}@example.com`,
        `Customer ${id}`,
        'std',
      ]),
    );
    const skus = Array.from({ length: world.skus }, (_, i) => skuName(i + 1));
    await this.sinks.mariadb.query(
      `INSERT IGNORE INTO inventory (sku, warehouse, quantity) VALUES ${skus
        .map(() => '(?, ?, 200)')
        .join(',')}`,
      skus.flatMap(sku => [sku, warehouseOf(sku)]),
    );
  }

  private async behavior(
    customerId: number,
    events: {
      type: BehaviorEventType;
      sku?: string;
      orderId?: number;
      at: Date;
    }[],
  ) {
    const session = `s-${customerId}-${Math.floor(Date.now() / 600_000)}`;
    const messages = events.map(e => {
      const value: BehaviorEvent = {
        customer_id: customerId,
        session_id: session,
        event_type: e.type,
        sku: e.sku ?? null,
        order_id: e.orderId ?? null,
        event_time: eventTime(e.at),
      };
      return { key: String(customerId), value: JSON.stringify(value) };
    });
    await this.sinks.producer.send({ topic: 'behavior', messages });
  }

  private async newOrder(
    customerId: number,
    amount: number,
    sku: string,
    quantity: number,
    status = 'NEW',
  ) {
    const [result] = await this.sinks.mariadb.query<ResultSetHeader>(
      'INSERT INTO orders (customer_id, status, amount) VALUES (?, ?, ?)',
      [customerId, status, amount],
    );
    const orderId = result.insertId;
    remember(orderId, sku, quantity);
    await this.reserve({
      sku,
      warehouse: warehouseOf(sku),
      order_id: orderId,
      delta: -quantity,
    });
    return orderId;
  }

  /** A stock reservation, written where the OMS keeps them: Cassandra (CDC streams it to Kafka). */
  private reserve(delta: Omit<InventoryDelta, 'event_time'>) {
    return this.sinks.cassandra.execute(
      'INSERT INTO inventory.inventory_deltas (sku, warehouse, event_time, delta_id, order_id, delta) VALUES (?, ?, ?, now(), ?, ?)',
      [delta.sku, delta.warehouse, new Date(), delta.order_id, delta.delta],
      { prepare: true },
    );
  }

  private async recentOrder(status: string, customerId?: number) {
    const [rows] = await this.sinks.mariadb.query<RowDataPacket[]>(
      `SELECT id, customer_id, amount FROM orders WHERE status = ? AND customer_id BETWEEN 1 AND ?${
        customerId ? ' AND customer_id = ?' : ''
      } ORDER BY id DESC LIMIT 25`,
      customerId
        ? [status, this.customers, customerId]
        : [status, this.customers],
    );
    return rows.length
      ? rows[Math.floor(Math.random() * rows.length)]
      : undefined;
  }

  private payment(
    orderId: number,
    amount: number,
    status: string,
    method = 'card',
  ) {
    return this.sinks.postgres.query(
      'INSERT INTO payments (order_id, method, amount, status) VALUES ($1, $2, $3, $4)',
      [orderId, method, amount, status],
    );
  }

  /**
   * Failed payment attempts, then a checkout going through: the pattern fraud-cep looks for.
   * Each event is sent when it happens, stamped with that time: an event stamped in the future
   * would move the stream's watermark ahead of the clock and make everyone else's events late
   * (MATCH_RECOGNIZE drops late events).
   */
  private async fraudBurst(change: Extract<Change, { kind: 'fraud-burst' }>) {
    const orderId = await this.newOrder(
      change.customerId,
      change.amount,
      change.sku,
      1,
    );
    for (let i = 0; i < change.failures; i++) {
      await this.payment(orderId, change.amount, 'FAILED');
      await this.behavior(change.customerId, [
        { type: 'payment_failed', orderId, at: new Date() },
      ]);
      await sleep(1000);
    }
    await this.behavior(change.customerId, [
      { type: 'checkout', sku: change.sku, orderId, at: new Date() },
    ]);
  }

  async apply(change: Change): Promise<void> {
    const now = new Date();
    // Never stamped in the future (see fraudBurst): a session's events lead up to now.
    const before = (ms: number) => new Date(now.getTime() - ms);
    switch (change.kind) {
      case 'browse':
        await this.behavior(
          change.customerId,
          change.events.map((e, i) => ({
            ...e,
            at: before((change.events.length - 1 - i) * 500),
          })),
        );
        return;
      case 'new-order': {
        const orderId = await this.newOrder(
          change.customerId,
          change.amount,
          change.sku,
          change.quantity,
        );
        await this.behavior(change.customerId, [
          { type: 'add_to_cart', sku: change.sku, at: before(1000) },
          { type: 'checkout', sku: change.sku, orderId, at: now },
        ]);
        return;
      }
      case 'order-status': {
        const from = { open: 'NEW', paid: 'PAID', shipped: 'SHIPPED' }[
          change.pick
        ];
        const order = await this.recentOrder(from);
        if (!order) return;
        await this.sinks.mariadb.query(
          'UPDATE orders SET status = ? WHERE id = ? AND status = ?',
          [change.status, order.id, from],
        );
        if (change.status === 'PAID')
          await this.payment(order.id, order.amount, 'CAPTURED');
        const reserved = reservations.get(order.id);
        if (change.status === 'DELIVERED' && reserved)
          await this.sinks.mariadb.query(
            'UPDATE inventory SET quantity = GREATEST(0, quantity - ?) WHERE sku = ?',
            [reserved.quantity, reserved.sku],
          );
        return;
      }
      case 'payment': {
        const order = await this.recentOrder('NEW', change.customerId);
        if (order)
          await this.payment(order.id, order.amount, change.status, 'wallet');
        return;
      }
      case 'fraud-burst':
        // Runs beside the steady traffic: its events happen over a few seconds of real time.
        this.fraudBurst(change).catch(error =>
          process.stderr.write(
            `fraud burst failed: ${(error as Error).message}\n`,
          ),
        );
        return;
      case 'ticket': {
        const order = await this.recentOrder('SHIPPED', change.customerId);
        await this.sinks.postgres.query(
          'INSERT INTO tickets (customer_id, order_id, subject) VALUES ($1, $2, $3)',
          [change.customerId, order?.id ?? null, change.subject],
        );
        return;
      }
      case 'ticket-progress': {
        const { rows } = await this.sinks.postgres.query(
          "SELECT id, status FROM tickets WHERE status <> 'CLOSED' AND customer_id BETWEEN 1 AND $1 ORDER BY updated_at LIMIT 1",
          [this.customers],
        );
        if (!rows.length) return;
        await this.sinks.postgres.query(
          'UPDATE tickets SET status = $1, updated_at = now() WHERE id = $2',
          [NEXT_TICKET_STATUS[rows[0].status] ?? 'CLOSED', rows[0].id],
        );
        return;
      }
      case 'customer-update':
        await this.sinks.mariadb.query(
          'UPDATE customers SET segment = ?, is_vip = ? WHERE id = ?',
          [change.segment, change.isVip ? 1 : 0, change.customerId],
        );
        return;
      case 'restock':
        await this.sinks.mariadb.query(
          'UPDATE inventory SET quantity = quantity + ? WHERE sku = ?',
          [change.quantity, change.sku],
        );
        return;
      default:
        throw new Error(
          `unknown change ${JSON.stringify(change satisfies never)}`,
        );
    }
  }
}
