import type { PipelineSpecInput } from '../pipelineSpec';
import {
  cdcTopics,
  MARIADB_TABLES,
  mariadbSource,
  POSTGRES_TABLES,
  postgresSource,
} from './seedSources';

/**
 * Use case 5, Customer Support 360: orders (MariaDB), payments and tickets (PostgreSQL) →
 * one row per customer in Paimon `customer_case`. The CouchDB view `customer_case` and the
 * Cassandra cache are declared as serving sinks: rendered as their target schema only, since
 * Flink 2.0 has no CouchDB/Cassandra SQL connector and the local stack runs neither.
 */
export const customerSupport360Example: PipelineSpecInput = {
  name: 'customer-support-360',
  owner: 'group:default/support-team',
  description:
    'Orders, payments and tickets combined into one case per customer.',
  sources: [
    mariadbSource('support-mariadb', 'cs', [MARIADB_TABLES.orders]),
    postgresSource('support-postgres', 'cs', [
      POSTGRES_TABLES.payments,
      POSTGRES_TABLES.tickets,
    ]),
  ],
  topics: [
    ...cdcTopics('cs', 'commerce', [MARIADB_TABLES.orders]),
    ...cdcTopics('cs', 'public', [
      POSTGRES_TABLES.payments,
      POSTGRES_TABLES.tickets,
    ]),
  ],
  catalog: { database: 'commerce' },
  paimonTables: [
    {
      name: 'cs_orders',
      from: { source: 'commerce_mariadb', table: 'orders' },
      columns: ['id', 'customer_id', 'status', 'amount', 'updated_at'],
      typeMapping: ['char-to-string'],
    },
    {
      name: 'cs_payments',
      from: { source: 'commerce_pg', table: 'payments' },
      columns: ['id', 'order_id', 'amount', 'status', 'updated_at'],
      typeMapping: ['char-to-string'],
    },
    {
      name: 'cs_tickets',
      from: { source: 'commerce_pg', table: 'tickets' },
      typeMapping: ['char-to-string'],
    },
  ],
  derivedTables: [
    {
      name: 'customer_case',
      columns: [
        { name: 'customer_id', type: 'INT', nullable: false },
        { name: 'open_tickets', type: 'INT' },
        { name: 'total_tickets', type: 'BIGINT' },
        { name: 'last_ticket_at', type: 'TIMESTAMP(6)' },
        { name: 'orders', type: 'BIGINT' },
        { name: 'ordered_amount', type: 'DECIMAL(14, 2)' },
        { name: 'captured_amount', type: 'DECIMAL(14, 2)' },
      ],
      primaryKey: ['customer_id'],
      select: `WITH ticket_totals AS (
  SELECT customer_id, COUNT(*) AS total_tickets,
         CAST(SUM(CASE WHEN status <> 'CLOSED' THEN 1 ELSE 0 END) AS INT) AS open_tickets,
         MAX(updated_at) AS last_ticket_at
  FROM cs_tickets GROUP BY customer_id
), order_totals AS (
  SELECT customer_id, COUNT(*) AS orders, CAST(SUM(amount) AS DECIMAL(14, 2)) AS ordered_amount
  FROM cs_orders GROUP BY customer_id
), captured AS (
  SELECT o.customer_id, CAST(SUM(p.amount) AS DECIMAL(14, 2)) AS captured_amount
  FROM cs_payments AS p JOIN cs_orders AS o ON p.order_id = o.id
  WHERE p.status = 'CAPTURED' GROUP BY o.customer_id
)
SELECT t.customer_id, t.open_tickets, t.total_tickets, t.last_ticket_at,
       COALESCE(ot.orders, CAST(0 AS BIGINT)) AS orders,
       COALESCE(ot.ordered_amount, CAST(0 AS DECIMAL(14, 2))) AS ordered_amount,
       COALESCE(c.captured_amount, CAST(0 AS DECIMAL(14, 2))) AS captured_amount
FROM ticket_totals AS t
LEFT JOIN order_totals AS ot ON ot.customer_id = t.customer_id
LEFT JOIN captured AS c ON c.customer_id = t.customer_id`,
    },
  ],
  flinkJob: { name: 'customer-case-builder' },
  servingSinks: [
    { kind: 'trino', paimonTable: 'customer_case' },
    { kind: 'couchdb', paimonTable: 'customer_case', name: 'customer_case' },
    {
      kind: 'cassandra',
      paimonTable: 'customer_case',
      name: 'customer_case_cache',
      keyspace: 'support',
    },
  ],
  nessie: { branch: 'support/cases', tagPolicy: 'support/cases-yyyymmdd' },
};
