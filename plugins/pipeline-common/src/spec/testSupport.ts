import { financeReconciliationExample } from './examples';
import { parsePipelineSpec, PipelineSpec } from './pipelineSpec';

/** A fresh, mutable copy of the example (JSON-only data, so a JSON round trip is a deep copy). */
export const exampleInput = (): any =>
  JSON.parse(JSON.stringify(financeReconciliationExample));

/** Parses the example after `change`; returns the error lines (empty when it parses). */
export function errorsAfter(change: (input: any) => void): string[] {
  const input = exampleInput();
  change(input);
  const result = parsePipelineSpec(input);
  return result.success ? [] : result.errors;
}

/** The parsed example, optionally changed first; throws with the error list if it does not parse. */
export function parsedExample(
  change: (input: any) => void = () => {},
): PipelineSpec {
  const input = exampleInput();
  change(input);
  const result = parsePipelineSpec(input);
  if (!result.success) throw new Error(result.message);
  return result.spec;
}

/** Adds the seed's PostgreSQL `public.payments` (infra/local/sql/postgres-seed.sql) as a second source + table. */
export function addPaymentsSource(s: any) {
  s.sources.push({
    name: 'commerce_pg',
    kind: 'postgres',
    host: '127.0.0.1',
    port: 5433,
    database: 'commerce',
    tables: [
      {
        name: 'payments',
        primaryKey: ['id'],
        columns: [
          { name: 'id', type: 'integer', nullable: false },
          { name: 'order_id', type: 'bigint', nullable: false },
          { name: 'method', type: 'varchar(16)' },
          { name: 'amount', type: 'numeric(12,2)' },
          { name: 'paid', type: 'boolean' },
          { name: 'created_at', type: 'timestamptz' },
        ],
      },
    ],
    connector: {
      name: 'finance-reconciliation-postgres',
      topicPrefix: 'pg',
      user: '${env:CDC_USER}',
      password: { secret: 'cdc-credentials', key: 'postgres.password' },
    },
  });
  s.topics.push({
    name: 'pg.public.payments',
    partitions: 6,
    cleanupPolicy: 'compact',
  });
  s.paimonTables.push({
    name: 'payment_fact',
    from: { source: 'commerce_pg', table: 'payments' },
    columns: ['id', 'method', 'amount', 'paid', 'created_at'],
  });
}
