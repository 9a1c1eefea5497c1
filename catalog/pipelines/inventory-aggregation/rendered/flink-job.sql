-- Flink job inventory-aggregation
-- Rendered from pipeline.yaml by the data-platform portal; edit the spec, not this file.
SET 'pipeline.name' = 'inventory-aggregation';
SET 'execution.checkpointing.interval' = '30s';
SET 'parallelism.default' = '1';
SET 'table.exec.sink.upsert-materialize' = 'NONE';
USE `lake`.`commerce`;
CREATE TEMPORARY TABLE IF NOT EXISTS `inventory_orders_cdc` (
  `id` BIGINT,
  `customer_id` INT,
  `status` STRING,
  `updated_at` STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'inventory-aggregation-my.commerce.orders',
  'properties.bootstrap.servers' = '127.0.0.1:9092',
  'properties.group.id' = 'flink-inventory-aggregation-inventory_orders',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'debezium-json'
);
CREATE TEMPORARY TABLE IF NOT EXISTS `inventory_stock_cdc` (
  `sku` STRING,
  `warehouse` STRING,
  `quantity` INT,
  `updated_at` STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'inventory-aggregation-my.commerce.inventory',
  'properties.bootstrap.servers' = '127.0.0.1:9092',
  'properties.group.id' = 'flink-inventory-aggregation-inventory_stock',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'debezium-json'
);
CREATE TEMPORARY TABLE IF NOT EXISTS `inventory_deltas` (
  `sku` STRING NOT NULL,
  `warehouse` STRING NOT NULL,
  `order_id` BIGINT,
  `delta` INT NOT NULL,
  `event_time` TIMESTAMP(3) NOT NULL,
  WATERMARK FOR `event_time` AS `event_time` - INTERVAL '10' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'cassandra.inventory.inventory_deltas',
  'properties.bootstrap.servers' = '127.0.0.1:9092',
  'properties.group.id' = 'flink-inventory-aggregation-inventory_deltas',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json',
  'json.timestamp-format.standard' = 'ISO-8601',
  'json.ignore-parse-errors' = 'false'
);
CREATE TEMPORARY TABLE IF NOT EXISTS `serving_cassandra_1` (
  `sku` STRING NOT NULL,
  `warehouse` STRING,
  `on_hand` INT,
  `reserved` INT,
  `available` INT,
  `open_orders` BIGINT,
  `updated_at` TIMESTAMP(3),
  PRIMARY KEY (`sku`) NOT ENFORCED
) WITH (
  'connector' = 'cassandra',
  'hosts' = '127.0.0.1:9042',
  'local-datacenter' = 'datacenter1',
  'keyspace' = 'inventory',
  'table' = 'inventory_projection'
);
EXECUTE STATEMENT SET BEGIN
INSERT INTO `lake`.`commerce`.`inventory_orders`
SELECT `id`,
       `customer_id`,
       `status`,
       CAST(REPLACE(REPLACE(`updated_at`, 'T', ' '), 'Z', '') AS TIMESTAMP(6))
FROM `inventory_orders_cdc`;
INSERT INTO `lake`.`commerce`.`inventory_stock`
SELECT `sku`,
       `warehouse`,
       `quantity`,
       CAST(REPLACE(REPLACE(`updated_at`, 'T', ' '), 'Z', '') AS TIMESTAMP(6))
FROM `inventory_stock_cdc`;
INSERT INTO `lake`.`commerce`.`inventory_snapshot`
WITH reservations AS (
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
LEFT JOIN reservations AS r ON s.sku = r.sku;
INSERT INTO `serving_cassandra_1`
WITH reservations AS (
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
LEFT JOIN reservations AS r ON s.sku = r.sku;
END;