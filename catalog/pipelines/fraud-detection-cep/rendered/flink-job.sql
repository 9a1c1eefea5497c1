-- Flink job fraud-detection-cep
-- Rendered from pipeline.yaml by the data-platform portal; edit the spec, not this file.
SET 'pipeline.name' = 'fraud-detection-cep';
SET 'execution.checkpointing.interval' = '30s';
SET 'parallelism.default' = '1';
SET 'table.exec.sink.upsert-materialize' = 'NONE';
USE `lake`.`commerce`;
CREATE TEMPORARY TABLE IF NOT EXISTS `fraud_orders_cdc` (
  `id` BIGINT,
  `customer_id` INT,
  `status` STRING,
  `amount` STRING,
  `currency` STRING,
  `created_at` STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'fraud-detection-cep-my.commerce.orders',
  'properties.bootstrap.servers' = '127.0.0.1:9092',
  'properties.group.id' = 'flink-fraud-detection-cep-fraud_orders',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'debezium-json'
);
CREATE TEMPORARY TABLE IF NOT EXISTS `fraud_payments_cdc` (
  `id` BIGINT,
  `order_id` BIGINT,
  `method` STRING,
  `amount` STRING,
  `status` STRING,
  `created_at` STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'fraud-detection-cep-pg.public.payments',
  'properties.bootstrap.servers' = '127.0.0.1:9092',
  'properties.group.id' = 'flink-fraud-detection-cep-fraud_payments',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'debezium-json'
);
CREATE TEMPORARY TABLE IF NOT EXISTS `behavior` (
  `customer_id` INT NOT NULL,
  `session_id` STRING,
  `event_type` STRING NOT NULL,
  `sku` STRING,
  `order_id` BIGINT,
  `event_time` TIMESTAMP(3) NOT NULL,
  `proc_time` AS PROCTIME(),
  WATERMARK FOR `event_time` AS `event_time` - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'behavior',
  'properties.bootstrap.servers' = '127.0.0.1:9092',
  'properties.group.id' = 'flink-fraud-detection-cep-behavior',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json',
  'json.timestamp-format.standard' = 'ISO-8601',
  'json.ignore-parse-errors' = 'false'
);
CREATE TEMPORARY TABLE IF NOT EXISTS `fraud_alerts` (
  `customer_id` INT NOT NULL,
  `order_id` BIGINT,
  `order_amount` DECIMAL(12, 2),
  `failed_attempts` BIGINT,
  `first_failure_at` TIMESTAMP(3),
  `reason` STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'fraud-detection-cep.fraud_alerts',
  'properties.bootstrap.servers' = '127.0.0.1:9092',
  'format' = 'json',
  'json.timestamp-format.standard' = 'ISO-8601',
  'sink.delivery-guarantee' = 'at-least-once'
);
EXECUTE STATEMENT SET BEGIN
INSERT INTO `lake`.`commerce`.`fraud_orders`
SELECT `id`,
       `customer_id`,
       `status`,
       CAST(`amount` AS DECIMAL(12, 2)),
       `currency`,
       CAST(REPLACE(REPLACE(`created_at`, 'T', ' '), 'Z', '') AS TIMESTAMP(6))
FROM `fraud_orders_cdc`;
INSERT INTO `lake`.`commerce`.`fraud_payments`
SELECT `id`,
       `order_id`,
       `method`,
       CAST(`amount` AS DECIMAL(12, 2)),
       `status`,
       CAST(REPLACE(REPLACE(`created_at`, 'T', ' '), 'Z', '') AS TIMESTAMP(6))
FROM `fraud_payments_cdc`;
INSERT INTO `lake`.`commerce`.`fraud_signals`
WITH suspicious AS (SELECT * FROM behavior
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
    PATTERN (F{3,} C)
    WITHIN INTERVAL '10' MINUTE
    DEFINE
      F AS F.event_type = 'payment_failed',
      C AS C.event_type = 'checkout'
  ))
SELECT m.customer_id, m.first_failure_at, m.failed_attempts, m.order_id,
       o.amount AS order_amount, p.`method` AS payment_method, p.status AS payment_status
FROM suspicious AS m
LEFT JOIN fraud_orders FOR SYSTEM_TIME AS OF m.matched_at AS o ON m.order_id = o.id
LEFT JOIN fraud_payments FOR SYSTEM_TIME AS OF m.matched_at AS p ON m.order_id = p.order_id;
INSERT INTO `fraud_alerts`
WITH suspicious AS (SELECT * FROM behavior
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
    PATTERN (F{3,} C)
    WITHIN INTERVAL '10' MINUTE
    DEFINE
      F AS F.event_type = 'payment_failed',
      C AS C.event_type = 'checkout'
  ))
SELECT m.customer_id, m.order_id, o.amount AS order_amount, m.failed_attempts,
       m.first_failure_at, 'failed-payments-then-checkout' AS reason
FROM suspicious AS m
LEFT JOIN fraud_orders FOR SYSTEM_TIME AS OF m.matched_at AS o ON m.order_id = o.id;
END;