import type { PipelineSpecInput } from '../pipelineSpec';
import {
  cdcTopics,
  MARIADB_TABLES,
  mariadbSource,
  POSTGRES_TABLES,
  postgresSource,
} from './seedSources';

/**
 * Use case 1, CDC → lakehouse in full: MariaDB orders and PostgreSQL payments copied to
 * Paimon (`finance_fact`, `payment_fact`), and a per-order reconciliation of captured
 * payments against the order amount (`finance_reconciliation`), all in one job.
 */
export const financeReconciliationFullExample: PipelineSpecInput = {
  name: 'finance-reconciliation-full',
  owner: 'group:default/finance-team',
  description:
    'Finance facts from MariaDB orders and PostgreSQL payments, reconciled per order.',
  sources: [
    mariadbSource('finance-full-mariadb', 'finfull', [MARIADB_TABLES.orders]),
    postgresSource('finance-full-postgres', 'finfull', [
      POSTGRES_TABLES.payments,
    ]),
  ],
  topics: [
    ...cdcTopics('finfull', 'commerce', [MARIADB_TABLES.orders]),
    ...cdcTopics('finfull', 'public', [POSTGRES_TABLES.payments]),
  ],
  catalog: { database: 'commerce' },
  paimonTables: [
    {
      name: 'finance_fact',
      from: { source: 'commerce_mariadb', table: 'orders' },
      typeMapping: ['char-to-string', 'tinyint1-not-bool'],
    },
    {
      name: 'payment_fact',
      from: { source: 'commerce_pg', table: 'payments' },
      typeMapping: ['char-to-string'],
    },
  ],
  derivedTables: [
    {
      name: 'finance_reconciliation',
      description: 'Captured payments against the order amount, per order.',
      columns: [
        { name: 'order_id', type: 'BIGINT', nullable: false },
        { name: 'currency', type: 'STRING' },
        { name: 'order_amount', type: 'DECIMAL(12, 2)' },
        { name: 'captured_amount', type: 'DECIMAL(12, 2)' },
        { name: 'payments', type: 'BIGINT' },
        { name: 'reconciled', type: 'BOOLEAN' },
      ],
      primaryKey: ['order_id'],
      select: `SELECT o.id AS order_id, o.currency, o.amount AS order_amount,
       CAST(COALESCE(SUM(CASE WHEN p.status = 'CAPTURED' THEN p.amount END), 0) AS DECIMAL(12, 2)) AS captured_amount,
       COUNT(p.id) AS payments,
       o.amount = COALESCE(SUM(CASE WHEN p.status = 'CAPTURED' THEN p.amount END), 0) AS reconciled
FROM finance_fact AS o
LEFT JOIN payment_fact AS p ON p.order_id = o.id
GROUP BY o.id, o.currency, o.amount`,
    },
  ],
  flinkJob: { name: 'finance-reconciliation-full' },
  servingSinks: [
    { kind: 'trino', paimonTable: 'finance_fact' },
    { kind: 'trino', paimonTable: 'finance_reconciliation' },
  ],
  nessie: { branch: 'finance/full', tagPolicy: 'finance/full-yyyymmdd' },
};
