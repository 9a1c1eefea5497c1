import type { PipelineSpecInput } from './pipelineSpec';

/**
 * The seed's finance reconciliation: MariaDB `commerce.orders` (infra/local/sql/mariadb-seed.sql)
 * → Debezium → `mariadb.commerce.orders` → Flink → Paimon `commerce.finance_fact`.
 * Only required fields are set; the schema fills in the defaults.
 */
export const financeReconciliationExample: PipelineSpecInput = {
  name: 'finance-reconciliation',
  owner: 'group:default/finance-team',
  description: 'Finance fact table from MariaDB orders.',
  sources: [
    {
      name: 'commerce_mariadb',
      kind: 'mariadb',
      host: '127.0.0.1',
      port: 3307,
      database: 'commerce',
      tables: [
        {
          name: 'orders',
          primaryKey: ['id'],
          columns: [
            { name: 'id', type: 'BIGINT', nullable: false },
            { name: 'customer_id', type: 'INT', nullable: false },
            { name: 'status', type: 'VARCHAR(16)', nullable: false },
            { name: 'amount', type: 'DECIMAL(12,2)', nullable: false },
            { name: 'currency', type: 'CHAR(3)', nullable: false },
            { name: 'created_at', type: 'TIMESTAMP', nullable: false },
            { name: 'updated_at', type: 'TIMESTAMP', nullable: false },
          ],
        },
      ],
      connector: {
        name: 'finance-reconciliation-mariadb',
        topicPrefix: 'mariadb',
        user: '${file:/opt/connect/secrets/cdc.properties:mariadb.user}',
        password:
          '${file:/opt/connect/secrets/cdc.properties:mariadb.password}',
      },
    },
  ],
  topics: [{ name: 'mariadb.commerce.orders' }],
  catalog: { database: 'commerce' },
  paimonTables: [
    {
      name: 'finance_fact',
      from: { source: 'commerce_mariadb', table: 'orders' },
      typeMapping: ['char-to-string', 'tinyint1-not-bool'],
    },
  ],
  flinkJob: { name: 'finance-reconciliation-to-paimon' },
  servingSinks: [{ kind: 'trino', paimonTable: 'finance_fact' }],
  nessie: { branch: 'finance/daily', tagPolicy: 'finance/daily-yyyymmdd' },
};

import { financeReconciliationFullExample } from './useCases/finance';
import { marketingPersonalizationExample } from './useCases/marketing';
import { fraudDetectionExample } from './useCases/fraud';
import { inventory360Example } from './useCases/inventory';
import { customerSupport360Example } from './useCases/support';

export {
  financeReconciliationFullExample,
  marketingPersonalizationExample,
  fraudDetectionExample,
  inventory360Example,
  customerSupport360Example,
};

/** One example spec per use-case shape of the mission (§3), keyed by shape. */
export const USE_CASE_EXAMPLES: Record<string, PipelineSpecInput> = {
  'cdc-lakehouse': financeReconciliationFullExample,
  'stream-enrichment': marketingPersonalizationExample,
  'fraud-cep': fraudDetectionExample,
  'inventory-360': inventory360Example,
  'customer-support-360': customerSupport360Example,
};
