import type { PipelineSpecInput } from '../pipelineSpec';

/**
 * Source tables of the stack's seeds (infra/local/sql/mariadb-seed.sql and postgres-seed.sql),
 * shared by the use-case examples. Each example captures them under its own topic prefix and
 * connector name, so examples can be deployed side by side.
 */

type SourceInput = PipelineSpecInput['sources'][number];
type TableInput = SourceInput['tables'][number];

const notNull = (name: string, type: string) => ({
  name,
  type,
  nullable: false,
});

export const MARIADB_TABLES = {
  customers: {
    name: 'customers',
    primaryKey: ['id'],
    columns: [
      notNull('id', 'INT'),
      notNull('email', 'VARCHAR(120)'),
      notNull('full_name', 'VARCHAR(120)'),
      notNull('segment', 'CHAR(8)'),
      notNull('is_vip', 'TINYINT(1)'),
      notNull('created_at', 'TIMESTAMP'),
      notNull('updated_at', 'TIMESTAMP'),
    ],
  },
  orders: {
    name: 'orders',
    primaryKey: ['id'],
    columns: [
      notNull('id', 'BIGINT'),
      notNull('customer_id', 'INT'),
      notNull('status', 'VARCHAR(16)'),
      notNull('amount', 'DECIMAL(12,2)'),
      notNull('currency', 'CHAR(3)'),
      notNull('created_at', 'TIMESTAMP'),
      notNull('updated_at', 'TIMESTAMP'),
    ],
  },
  inventory: {
    name: 'inventory',
    primaryKey: ['sku'],
    columns: [
      notNull('sku', 'VARCHAR(32)'),
      notNull('warehouse', 'VARCHAR(16)'),
      notNull('quantity', 'INT'),
      notNull('updated_at', 'TIMESTAMP'),
    ],
  },
} satisfies Record<string, TableInput>;

export const POSTGRES_TABLES = {
  payments: {
    name: 'payments',
    primaryKey: ['id'],
    columns: [
      notNull('id', 'bigint'),
      notNull('order_id', 'bigint'),
      notNull('method', 'varchar(16)'),
      notNull('amount', 'numeric(12,2)'),
      notNull('status', 'varchar(16)'),
      notNull('created_at', 'timestamptz'),
      notNull('updated_at', 'timestamptz'),
    ],
  },
  tickets: {
    name: 'tickets',
    primaryKey: ['id'],
    columns: [
      notNull('id', 'bigint'),
      notNull('customer_id', 'integer'),
      { name: 'order_id', type: 'bigint' },
      notNull('subject', 'text'),
      notNull('status', 'varchar(16)'),
      notNull('created_at', 'timestamptz'),
      notNull('updated_at', 'timestamptz'),
    ],
  },
} satisfies Record<string, TableInput>;

/** The seed MariaDB `commerce` database as a CDC source of one pipeline. */
export const mariadbSource = (
  connectorName: string,
  topicPrefix: string,
  tables: TableInput[],
): SourceInput => ({
  name: 'commerce_mariadb',
  kind: 'mariadb',
  host: '127.0.0.1',
  port: 3307,
  database: 'commerce',
  tables,
  connector: {
    name: connectorName,
    topicPrefix,
    user: '${file:/opt/connect/secrets/cdc.properties:mariadb.user}',
    password: '${file:/opt/connect/secrets/cdc.properties:mariadb.password}',
  },
});

/** The seed PostgreSQL `commerce` database (schema public) as a CDC source of one pipeline. */
export const postgresSource = (
  connectorName: string,
  topicPrefix: string,
  tables: TableInput[],
): SourceInput => ({
  name: 'commerce_pg',
  kind: 'postgres',
  host: '127.0.0.1',
  port: 5433,
  database: 'commerce',
  tables,
  connector: {
    name: connectorName,
    topicPrefix,
    user: '${file:/opt/connect/secrets/cdc.properties:postgres.user}',
    password: '${file:/opt/connect/secrets/cdc.properties:postgres.password}',
  },
});

/** Topic specs of captured tables: `<prefix>.commerce.<table>` (MariaDB), `<prefix>.public.<table>` (PostgreSQL). */
export const cdcTopics = (
  prefix: string,
  namespace: string,
  tables: TableInput[],
) => tables.map(t => ({ name: `${prefix}.${namespace}.${t.name}` }));
