import type { PipelineSpecInput } from '../pipelineSpec';
import { cdcTopics, MARIADB_TABLES, mariadbSource } from './seedSources';

/**
 * Use case 4, Inventory 360: order and stock CDC (MariaDB) + the inventory deltas, which originate
 * in Cassandra as the seed says (the OMS writes `inventory.inventory_deltas`; Debezium's Cassandra
 * connector streams its changes) → join + stateful aggregation → Paimon `inventory_snapshot` and the
 * Cassandra serving table `inventory_projection`, written by the same job.
 */
export const inventory360Example: PipelineSpecInput = {
  name: 'inventory-360',
  owner: 'group:default/supply-chain-team',
  description: 'Stock on hand minus open reservations, per SKU.',
  sources: [
    mariadbSource('inventory-mariadb', 'inv', [
      MARIADB_TABLES.orders,
      MARIADB_TABLES.inventory,
    ]),
  ],
  topics: [
    ...cdcTopics('inv', 'commerce', [
      MARIADB_TABLES.orders,
      MARIADB_TABLES.inventory,
    ]),
  ],
  catalog: { database: 'commerce' },
  paimonTables: [
    {
      name: 'inventory_orders',
      from: { source: 'commerce_mariadb', table: 'orders' },
      columns: ['id', 'customer_id', 'status', 'updated_at'],
      typeMapping: ['char-to-string'],
    },
    {
      name: 'inventory_stock',
      from: { source: 'commerce_mariadb', table: 'inventory' },
      typeMapping: ['char-to-string'],
    },
  ],
  streams: [
    {
      name: 'inventory_deltas',
      // Debezium's Cassandra connector (stack component cassandra-cdc) publishes the changes of
      // the OMS's Cassandra table inventory.inventory_deltas here, as flat JSON rows.
      topic: 'cassandra.inventory.inventory_deltas',
      columns: [
        { name: 'sku', type: 'STRING', nullable: false },
        { name: 'warehouse', type: 'STRING', nullable: false },
        { name: 'order_id', type: 'BIGINT' },
        { name: 'delta', type: 'INT', nullable: false },
        { name: 'event_time', type: 'TIMESTAMP(3)', nullable: false },
      ],
      eventTime: { column: 'event_time', watermarkDelaySeconds: 10 },
    },
  ],
  derivedTables: [
    {
      name: 'inventory_snapshot',
      columns: [
        { name: 'sku', type: 'STRING', nullable: false },
        { name: 'warehouse', type: 'STRING' },
        { name: 'on_hand', type: 'INT' },
        { name: 'reserved', type: 'INT' },
        { name: 'available', type: 'INT' },
        { name: 'open_orders', type: 'BIGINT' },
        { name: 'updated_at', type: 'TIMESTAMP(3)' },
      ],
      primaryKey: ['sku'],
      // Time attributes cannot pass a regular join: the delta's event time is cast to a plain TIMESTAMP first.
      select: `WITH reservations AS (
  SELECT d.sku, SUM(d.delta) AS net_delta, COUNT(DISTINCT d.order_id) AS open_orders,
         MAX(d.delta_at) AS last_delta_at
  FROM (SELECT sku, order_id, delta, CAST(event_time AS TIMESTAMP(3)) AS delta_at
        FROM inventory_deltas) AS d
  JOIN inventory_orders AS o ON d.order_id = o.id
  WHERE o.status NOT IN ('CANCELLED', 'DELIVERED')
  GROUP BY d.sku
)
SELECT s.sku, s.warehouse, s.quantity AS on_hand,
       CAST(-COALESCE(r.net_delta, 0) AS INT) AS reserved,
       CAST(s.quantity + COALESCE(r.net_delta, 0) AS INT) AS available,
       COALESCE(r.open_orders, CAST(0 AS BIGINT)) AS open_orders,
       COALESCE(r.last_delta_at, CAST(s.updated_at AS TIMESTAMP(3))) AS updated_at
FROM inventory_stock AS s
LEFT JOIN reservations AS r ON s.sku = r.sku`,
    },
  ],
  flinkJob: { name: 'inventory-aggregation' },
  servingSinks: [
    { kind: 'trino', paimonTable: 'inventory_snapshot' },
    {
      kind: 'cassandra',
      paimonTable: 'inventory_snapshot',
      name: 'inventory_projection',
      keyspace: 'inventory',
    },
  ],
  nessie: {
    branch: 'supply/inventory',
    tagPolicy: 'supply/inventory-yyyymmdd',
  },
};
