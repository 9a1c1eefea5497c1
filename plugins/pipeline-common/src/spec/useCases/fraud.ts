import type { PipelineSpecInput } from '../pipelineSpec';
import { behaviorStream } from './marketing';
import {
  cdcTopics,
  MARIADB_TABLES,
  mariadbSource,
  POSTGRES_TABLES,
  postgresSource,
} from './seedSources';
import {
  FRAUD_CEP_DEFAULTS,
  FRAUD_CEP_LIMITS,
  FraudCepParams,
  sqlInt,
} from './shapeParameters';

/**
 * N or more failed payments followed by a checkout within M minutes, per customer (defaults:
 * three, ten minutes). MATCH_RECOGNIZE only takes append-only input, so it runs on the
 * behaviour stream; the CDC changelogs (orders, payments) join afterwards through lookup joins,
 * which keep the result append-only (a Kafka sink needs that). MATCH_PROCTIME() gives the
 * lookups their time.
 */
const suspiciousCheckouts = (p: FraudCepParams) => `SELECT * FROM behavior
  MATCH_RECOGNIZE (
    PARTITION BY customer_id
    ORDER BY event_time
    MEASURES
      FIRST(F.event_time) AS first_failure_at,
      COUNT(F.event_type) AS failed_attempts,
      C.order_id AS order_id,
      MATCH_PROCTIME() AS matched_at
    ONE ROW PER MATCH
    AFTER MATCH SKIP PAST LAST ROW
    PATTERN (F{${sqlInt(
      'failedAttempts',
      p.failedAttempts,
      FRAUD_CEP_LIMITS.failedAttempts,
    )},} C)
    WITHIN INTERVAL '${sqlInt(
      'windowMinutes',
      p.windowMinutes,
      FRAUD_CEP_LIMITS.windowMinutes,
    )}' MINUTE
    DEFINE
      F AS F.event_type = 'payment_failed',
      C AS C.event_type = 'checkout'
  )`;

/** The SELECT of `fraud_signals`: each match with the order's amount and the payment's method. */
export const fraudSignalsSelect = (
  cep: FraudCepParams = FRAUD_CEP_DEFAULTS,
) => `WITH suspicious AS (${suspiciousCheckouts(cep)})
SELECT m.customer_id, m.first_failure_at, m.failed_attempts, m.order_id,
       o.amount AS order_amount, p.\`method\` AS payment_method, p.status AS payment_status
FROM suspicious AS m
LEFT JOIN fraud_orders FOR SYSTEM_TIME AS OF m.matched_at AS o ON m.order_id = o.id
LEFT JOIN fraud_payments FOR SYSTEM_TIME AS OF m.matched_at AS p ON m.order_id = p.order_id`;

/** The SELECT of the `fraud_alerts` Kafka sink: one alert per match. */
export const fraudAlertsSelect = (
  cep: FraudCepParams = FRAUD_CEP_DEFAULTS,
) => `WITH suspicious AS (${suspiciousCheckouts(cep)})
SELECT m.customer_id, m.order_id, o.amount AS order_amount, m.failed_attempts,
       m.first_failure_at, 'failed-payments-then-checkout' AS reason
FROM suspicious AS m
LEFT JOIN fraud_orders FOR SYSTEM_TIME AS OF m.matched_at AS o ON m.order_id = o.id`;

/**
 * Use case 3, fraud CEP: orders + payments (CDC) and behaviour (stream) → MATCH_RECOGNIZE →
 * Paimon `fraud_signals` and the Kafka alert topic `fraud_alerts`, for a CEP threshold and window.
 */
export const fraudDetectionSpec = (
  cep: FraudCepParams = FRAUD_CEP_DEFAULTS,
): PipelineSpecInput => ({
  name: 'fraud-detection',
  owner: 'group:default/risk-team',
  description:
    'Suspicious checkout patterns as fraud signals and realtime alerts.',
  sources: [
    mariadbSource('fraud-mariadb', 'fraud', [MARIADB_TABLES.orders]),
    postgresSource('fraud-postgres', 'fraud', [POSTGRES_TABLES.payments]),
  ],
  topics: [
    ...cdcTopics('fraud', 'commerce', [MARIADB_TABLES.orders]),
    ...cdcTopics('fraud', 'public', [POSTGRES_TABLES.payments]),
    { name: 'fraud_alerts', partitions: 3 },
  ],
  catalog: { database: 'commerce' },
  paimonTables: [
    {
      name: 'fraud_orders',
      from: { source: 'commerce_mariadb', table: 'orders' },
      columns: [
        'id',
        'customer_id',
        'status',
        'amount',
        'currency',
        'created_at',
      ],
      typeMapping: ['char-to-string'],
    },
    {
      name: 'fraud_payments',
      from: { source: 'commerce_pg', table: 'payments' },
      columns: ['id', 'order_id', 'method', 'amount', 'status', 'created_at'],
      typeMapping: ['char-to-string'],
    },
  ],
  streams: [behaviorStream],
  derivedTables: [
    {
      name: 'fraud_signals',
      columns: [
        { name: 'customer_id', type: 'INT', nullable: false },
        { name: 'first_failure_at', type: 'TIMESTAMP(3)', nullable: false },
        { name: 'failed_attempts', type: 'BIGINT' },
        { name: 'order_id', type: 'BIGINT' },
        { name: 'order_amount', type: 'DECIMAL(12, 2)' },
        { name: 'payment_method', type: 'STRING' },
        { name: 'payment_status', type: 'STRING' },
      ],
      primaryKey: ['customer_id', 'first_failure_at'],
      // `method` is a reserved word in Flink SQL: backticks.
      select: fraudSignalsSelect(cep),
    },
  ],
  kafkaSinks: [
    {
      name: 'fraud_alerts',
      topic: 'fraud_alerts',
      columns: [
        { name: 'customer_id', type: 'INT', nullable: false },
        { name: 'order_id', type: 'BIGINT' },
        { name: 'order_amount', type: 'DECIMAL(12, 2)' },
        { name: 'failed_attempts', type: 'BIGINT' },
        { name: 'first_failure_at', type: 'TIMESTAMP(3)' },
        { name: 'reason', type: 'STRING' },
      ],
      select: fraudAlertsSelect(cep),
    },
  ],
  flinkJob: { name: 'fraud-detection-cep' },
  servingSinks: [{ kind: 'trino', paimonTable: 'fraud_signals' }],
  nessie: { branch: 'risk/fraud', tagPolicy: 'risk/fraud-yyyymmdd' },
});

/** The fraud shape with its default threshold (three failed payments) and window (ten minutes). */
export const fraudDetectionExample: PipelineSpecInput = fraudDetectionSpec();
