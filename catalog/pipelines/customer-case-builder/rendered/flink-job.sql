-- Flink job customer-case-builder
-- Rendered from pipeline.yaml by the data-platform portal; edit the spec, not this file.
SET 'pipeline.name' = 'customer-case-builder';
SET 'execution.checkpointing.interval' = '30s';
SET 'parallelism.default' = '1';
SET 'table.exec.sink.upsert-materialize' = 'NONE';
USE `lake`.`commerce`;
CREATE TEMPORARY TABLE IF NOT EXISTS `cs_orders_cdc` (
  `id` BIGINT,
  `customer_id` INT,
  `status` STRING,
  `amount` STRING,
  `updated_at` STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'customer-case-builder-my.commerce.orders',
  'properties.bootstrap.servers' = '127.0.0.1:9092',
  'properties.group.id' = 'flink-customer-case-builder-cs_orders',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'debezium-json'
);
CREATE TEMPORARY TABLE IF NOT EXISTS `cs_payments_cdc` (
  `id` BIGINT,
  `order_id` BIGINT,
  `amount` STRING,
  `status` STRING,
  `updated_at` STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'customer-case-builder-pg.public.payments',
  'properties.bootstrap.servers' = '127.0.0.1:9092',
  'properties.group.id' = 'flink-customer-case-builder-cs_payments',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'debezium-json'
);
CREATE TEMPORARY TABLE IF NOT EXISTS `cs_tickets_cdc` (
  `id` BIGINT,
  `customer_id` INT,
  `order_id` BIGINT,
  `subject` STRING,
  `status` STRING,
  `created_at` STRING,
  `updated_at` STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'customer-case-builder-pg.public.tickets',
  'properties.bootstrap.servers' = '127.0.0.1:9092',
  'properties.group.id' = 'flink-customer-case-builder-cs_tickets',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'debezium-json'
);
CREATE TEMPORARY TABLE IF NOT EXISTS `serving_couchdb_1` (
  `customer_id` INT NOT NULL,
  `open_tickets` INT,
  `total_tickets` BIGINT,
  `last_ticket_at` TIMESTAMP(6),
  `orders` BIGINT,
  `ordered_amount` DECIMAL(14, 2),
  `captured_amount` DECIMAL(14, 2),
  PRIMARY KEY (`customer_id`) NOT ENFORCED
) WITH (
  'connector' = 'couchdb',
  'url' = 'http://127.0.0.1:5984',
  'database' = 'customer_case'
);
CREATE TEMPORARY TABLE IF NOT EXISTS `serving_cassandra_2` (
  `customer_id` INT NOT NULL,
  `open_tickets` INT,
  `total_tickets` BIGINT,
  `last_ticket_at` TIMESTAMP(6),
  `orders` BIGINT,
  `ordered_amount` DECIMAL(14, 2),
  `captured_amount` DECIMAL(14, 2),
  PRIMARY KEY (`customer_id`) NOT ENFORCED
) WITH (
  'connector' = 'cassandra',
  'hosts' = '127.0.0.1:9042',
  'local-datacenter' = 'datacenter1',
  'keyspace' = 'support',
  'table' = 'customer_case_cache'
);
EXECUTE STATEMENT SET BEGIN
INSERT INTO `lake`.`commerce`.`cs_orders`
SELECT `id`,
       `customer_id`,
       `status`,
       CAST(`amount` AS DECIMAL(12, 2)),
       CAST(REPLACE(REPLACE(`updated_at`, 'T', ' '), 'Z', '') AS TIMESTAMP(6))
FROM `cs_orders_cdc`;
INSERT INTO `lake`.`commerce`.`cs_payments`
SELECT `id`,
       `order_id`,
       CAST(`amount` AS DECIMAL(12, 2)),
       `status`,
       CAST(REPLACE(REPLACE(`updated_at`, 'T', ' '), 'Z', '') AS TIMESTAMP(6))
FROM `cs_payments_cdc`;
INSERT INTO `lake`.`commerce`.`cs_tickets`
SELECT `id`,
       `customer_id`,
       `order_id`,
       `subject`,
       `status`,
       CAST(REPLACE(REPLACE(`created_at`, 'T', ' '), 'Z', '') AS TIMESTAMP(6)),
       CAST(REPLACE(REPLACE(`updated_at`, 'T', ' '), 'Z', '') AS TIMESTAMP(6))
FROM `cs_tickets_cdc`;
INSERT INTO `lake`.`commerce`.`customer_case`
WITH ticket_totals AS (
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
LEFT JOIN captured AS c ON c.customer_id = t.customer_id;
INSERT INTO `serving_couchdb_1`
WITH ticket_totals AS (
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
LEFT JOIN captured AS c ON c.customer_id = t.customer_id;
INSERT INTO `serving_cassandra_2`
WITH ticket_totals AS (
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
LEFT JOIN captured AS c ON c.customer_id = t.customer_id;
END;