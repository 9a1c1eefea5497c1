-- Flink job marketing-enrichment
-- Rendered from pipeline.yaml by the data-platform portal; edit the spec, not this file.
SET 'pipeline.name' = 'marketing-enrichment';
SET 'execution.checkpointing.interval' = '30s';
SET 'parallelism.default' = '1';
SET 'table.exec.sink.upsert-materialize' = 'NONE';
USE `lake`.`commerce`;
CREATE TEMPORARY TABLE IF NOT EXISTS `customer_profile_cdc` (
  `id` INT,
  `segment` STRING,
  `is_vip` TINYINT,
  `created_at` STRING,
  `updated_at` STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'marketing-enrichment-my.commerce.customers',
  'properties.bootstrap.servers' = '127.0.0.1:9092',
  'properties.group.id' = 'flink-marketing-enrichment-customer_profile',
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
  'properties.group.id' = 'flink-marketing-enrichment-behavior',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json',
  'json.timestamp-format.standard' = 'ISO-8601',
  'json.ignore-parse-errors' = 'false'
);
EXECUTE STATEMENT SET BEGIN
INSERT INTO `lake`.`commerce`.`customer_profile`
SELECT `id`,
       `segment`,
       `is_vip`,
       CAST(REPLACE(REPLACE(`created_at`, 'T', ' '), 'Z', '') AS TIMESTAMP(6)),
       CAST(REPLACE(REPLACE(`updated_at`, 'T', ' '), 'Z', '') AS TIMESTAMP(6))
FROM `customer_profile_cdc`;
INSERT INTO `lake`.`commerce`.`marketing_segments`
SELECT b.customer_id,
       LAST_VALUE(p.segment) AS segment,
       LAST_VALUE(p.is_vip) AS is_vip,
       SUM(CASE WHEN b.event_type = 'page_view' THEN 1 ELSE 0 END) AS page_views,
       SUM(CASE WHEN b.event_type = 'add_to_cart' THEN 1 ELSE 0 END) AS add_to_carts,
       MAX(CAST(b.event_time AS TIMESTAMP(3))) AS last_seen_at,
       CASE WHEN SUM(CASE WHEN b.event_type = 'add_to_cart' THEN 1 ELSE 0 END) >= 3 THEN 'hot'
            WHEN COUNT(*) >= 10 THEN 'warm' ELSE 'cold' END AS interest
FROM behavior AS b
JOIN customer_profile FOR SYSTEM_TIME AS OF b.proc_time AS p ON b.customer_id = p.id
GROUP BY b.customer_id;
END;