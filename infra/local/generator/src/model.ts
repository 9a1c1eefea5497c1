/**
 * What the storefront, the order system, payments and support do, as a sequence of changes.
 * Pure (no I/O, an injected random source) so its patterns are unit-tested; main.ts applies the
 * changes to MariaDB, PostgreSQL and Kafka.
 */

export type OrderStatus =
  | 'NEW'
  | 'PAID'
  | 'SHIPPED'
  | 'DELIVERED'
  | 'CANCELLED';

/** One change for the sources: a row written in a database or an event on a stream. */
export type Change =
  | {
      kind: 'new-order';
      customerId: number;
      amount: number;
      sku: string;
      quantity: number;
    }
  | {
      kind: 'order-status';
      status: OrderStatus;
      pick: 'open' | 'paid' | 'shipped';
    }
  | {
      kind: 'payment';
      status: 'CAPTURED' | 'FAILED' | 'PENDING';
      customerId?: number;
    }
  | {
      kind: 'fraud-burst';
      customerId: number;
      failures: number;
      amount: number;
      sku: string;
    }
  | { kind: 'ticket'; customerId: number; subject: string }
  | { kind: 'ticket-progress' }
  | {
      kind: 'customer-update';
      customerId: number;
      segment: string;
      isVip: boolean;
    }
  | { kind: 'restock'; sku: string; quantity: number }
  | { kind: 'browse'; customerId: number; events: BrowseEvent[] };

export type BehaviorEventType =
  | 'page_view'
  | 'add_to_cart'
  | 'checkout'
  | 'payment_failed';

export interface BrowseEvent {
  type: BehaviorEventType;
  sku?: string;
}

export interface WorldSize {
  customers: number;
  skus: number;
}

export const DEFAULT_WORLD: WorldSize = { customers: 60, skus: 24 };

export const skuName = (n: number) => `SKU-${n}`;
const SEGMENTS = ['std', 'silver', 'gold'];
const SUBJECTS = [
  'Where is my order?',
  'Damaged parcel',
  'Refund request',
  'Wrong size',
  'Payment declined',
  'Change delivery address',
];

/** Weights of each kind of change per tick: mostly browsing and order flow, rare fraud bursts. */
const WEIGHTS: [Change['kind'] | 'order-flow', number][] = [
  ['browse', 30],
  ['new-order', 18],
  ['order-flow', 22],
  ['payment', 6],
  ['ticket', 6],
  ['ticket-progress', 6],
  ['customer-update', 4],
  ['restock', 4],
  ['fraud-burst', 4],
];

export class TrafficModel {
  constructor(
    private readonly random: () => number = Math.random,
    private readonly world: WorldSize = DEFAULT_WORLD,
  ) {}

  private int(min: number, max: number) {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  private pick<T>(items: readonly T[]): T {
    return items[
      Math.min(items.length - 1, Math.floor(this.random() * items.length))
    ];
  }
  private customer() {
    return this.int(1, this.world.customers);
  }
  private sku() {
    return skuName(this.int(1, this.world.skus));
  }
  private amount() {
    return Math.round((5 + this.random() * 245) * 100) / 100;
  }

  /** The next change. */
  next(): Change {
    const total = WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.random() * total;
    let kind = WEIGHTS[0][0];
    for (const [k, w] of WEIGHTS) {
      if (roll < w) {
        kind = k;
        break;
      }
      roll -= w;
    }
    switch (kind) {
      case 'browse': {
        const events: BrowseEvent[] = [];
        for (let i = this.int(1, 4); i > 0; i--)
          events.push({ type: 'page_view', sku: this.sku() });
        if (this.random() < 0.4)
          events.push({ type: 'add_to_cart', sku: this.sku() });
        return { kind: 'browse', customerId: this.customer(), events };
      }
      case 'new-order':
        return {
          kind: 'new-order',
          customerId: this.customer(),
          amount: this.amount(),
          sku: this.sku(),
          quantity: this.int(1, 3),
        };
      case 'order-flow':
        return this.pick<Change>([
          { kind: 'order-status', status: 'PAID', pick: 'open' },
          { kind: 'order-status', status: 'PAID', pick: 'open' },
          { kind: 'order-status', status: 'SHIPPED', pick: 'paid' },
          { kind: 'order-status', status: 'DELIVERED', pick: 'shipped' },
          { kind: 'order-status', status: 'CANCELLED', pick: 'open' },
        ]);
      case 'payment':
        return {
          kind: 'payment',
          status: this.pick(['FAILED', 'PENDING'] as const),
          customerId: this.customer(),
        };
      case 'fraud-burst':
        return {
          kind: 'fraud-burst',
          customerId: this.customer(),
          failures: this.int(3, 5),
          amount: this.amount(),
          sku: this.sku(),
        };
      case 'ticket':
        return {
          kind: 'ticket',
          customerId: this.customer(),
          subject: this.pick(SUBJECTS),
        };
      case 'ticket-progress':
        return { kind: 'ticket-progress' };
      case 'customer-update':
        return {
          kind: 'customer-update',
          customerId: this.customer(),
          segment: this.pick(SEGMENTS),
          isVip: this.random() < 0.15,
        };
      default:
        return { kind: 'restock', sku: this.sku(), quantity: this.int(20, 80) };
    }
  }
}

/** Status a ticket moves to next. */
export const NEXT_TICKET_STATUS: Record<string, string> = {
  OPEN: 'IN_PROGRESS',
  IN_PROGRESS: 'RESOLVED',
  RESOLVED: 'CLOSED',
};

/** A behaviour event as the `behavior` stream carries it (JSON; see the marketing/fraud specs). */
export interface BehaviorEvent {
  customer_id: number;
  session_id: string;
  event_type: BehaviorEventType;
  sku: string | null;
  order_id: number | null;
  event_time: string;
}

/** An inventory delta as the inventory spec's stream reads it (a row of Cassandra's inventory.inventory_deltas). */
export interface InventoryDelta {
  sku: string;
  warehouse: string;
  order_id: number;
  delta: number;
  event_time: string;
}

/** Flink's JSON format reads TIMESTAMP(3) as ISO-8601 without a zone: UTC wall time. */
export const eventTime = (at: Date) => at.toISOString().replace('Z', '');
