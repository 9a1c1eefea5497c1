-- Flink job finance-fact-sink
-- Rendered from pipeline.yaml by the data-platform portal; edit the spec, not this file.
SET 'pipeline.name' = 'finance-fact-sink';
SET 'execution.checkpointing.interval' = '30s';
SET 'parallelism.default' = '1';
SET 'table.exec.sink.upsert-materialize' = 'NONE';
USE `lake`.`commerce`;
CREATE TEMPORARY TABLE IF NOT EXISTS `finance_fact_cdc` (
  `id` BIGINT,
  `customer_id` INT,
  `status` STRING,
  `amount` STRING,
  `currency` STRING,
  `created_at` STRING,
  `updated_at` STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'finance-fact-sink-my.commerce.orders',
  'properties.bootstrap.servers' = '127.0.0.1:9092',
  'properties.group.id' = 'flink-finance-fact-sink-finance_fact',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'debezium-json'
);
CREATE TEMPORARY TABLE IF NOT EXISTS `payment_fact_cdc` (
  `id` BIGINT,
  `order_id` BIGINT,
  `method` STRING,
  `amount` STRING,
  `status` STRING,
  `created_at` STRING,
  `updated_at` STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'finance-fact-sink-pg.public.payments',
  'properties.bootstrap.servers' = '127.0.0.1:9092',
  'properties.group.id' = 'flink-finance-fact-sink-payment_fact',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'debezium-json'
);
EXECUTE STATEMENT SET BEGIN
INSERT INTO `lake`.`commerce`.`finance_fact`
SELECT `id`,
       `customer_id`,
       `status`,
       CAST(`amount` AS DECIMAL(12, 2)),
       `currency`,
       CAST(REPLACE(REPLACE(`created_at`, 'T', ' '), 'Z', '') AS TIMESTAMP(6)),
       CAST(REPLACE(REPLACE(`updated_at`, 'T', ' '), 'Z', '') AS TIMESTAMP(6))
FROM `finance_fact_cdc`;
INSERT INTO `lake`.`commerce`.`payment_fact`
SELECT `id`,
       `order_id`,
       `method`,
       CAST(`amount` AS DECIMAL(12, 2)),
       `status`,
       CAST(REPLACE(REPLACE(`created_at`, 'T', ' '), 'Z', '') AS TIMESTAMP(6)),
       CAST(REPLACE(REPLACE(`updated_at`, 'T', ' '), 'Z', '') AS TIMESTAMP(6))
FROM `payment_fact_cdc`;
INSERT INTO `lake`.`commerce`.`finance_reconciliation`
SELECT o.id AS order_id, o.currency, o.amount AS order_amount,
       CAST(COALESCE(SUM(CASE WHEN p.status = 'CAPTURED' THEN p.amount END), 0) AS DECIMAL(12, 2)) AS captured_amount,
       COUNT(p.id) AS payments,
       o.amount = COALESCE(SUM(CASE WHEN p.status = 'CAPTURED' THEN p.amount END), 0) AS reconciled
FROM finance_fact AS o
LEFT JOIN payment_fact AS p ON p.order_id = o.id
GROUP BY o.id, o.currency, o.amount;
END;