-- Demo pipeline: MariaDB orders (Debezium → Kafka topic mariadb.commerce.orders) → Paimon PK table on S3.
-- Run: infra/local/stack flink-sql infra/local/sql/flink-orders-pipeline.sql
-- Paimon also writes Iceberg-compatible metadata into the table directory (metadata/vN.metadata.json)
-- so Trino's Iceberg connector can read it after register_table (see stack lakehouse-sync).
CREATE CATALOG lake WITH (
  'type' = 'paimon',
  'warehouse' = 's3://paimon/warehouse',
  's3.endpoint' = 'http://127.0.0.1:9000',
  's3.path.style.access' = 'true',
  's3.access-key' = '@S3_ACCESS_KEY@',
  's3.secret-key' = '@S3_SECRET_KEY@'
);
CREATE DATABASE IF NOT EXISTS lake.commerce;
CREATE TABLE IF NOT EXISTS lake.commerce.orders (
  id BIGINT,
  customer_id INT,
  status STRING,
  amount DECIMAL(12, 2),
  currency STRING,
  created_at TIMESTAMP(6),
  updated_at TIMESTAMP(6),
  PRIMARY KEY (id) NOT ENFORCED
) WITH (
  'bucket' = '1',
  'changelog-producer' = 'input',
  'merge-engine' = 'deduplicate',
  'metadata.iceberg.storage' = 'table-location',
  -- Iceberg readers (Trino) only see fully compacted files of a PK table: compact on every commit
  'full-compaction.delta-commits' = '1'
);
-- keep existing tables (created before this option) in line
ALTER TABLE lake.commerce.orders SET ('full-compaction.delta-commits' = '1');
CREATE TEMPORARY TABLE orders_cdc (
  id BIGINT,
  customer_id INT,
  status STRING,
  amount STRING,
  currency STRING,
  created_at STRING,
  updated_at STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'mariadb.commerce.orders',
  'properties.bootstrap.servers' = '127.0.0.1:9092',
  'properties.group.id' = 'flink-commerce-orders',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'debezium-json'
);
SET 'pipeline.name' = 'commerce-orders-to-paimon';
-- Paimon merges by primary key itself; Flink's upsert materializer must be off for Paimon sinks
SET 'table.exec.sink.upsert-materialize' = 'NONE';
INSERT INTO lake.commerce.orders
SELECT id, customer_id, status, CAST(amount AS DECIMAL(12, 2)), currency,
       CAST(REPLACE(REPLACE(created_at, 'T', ' '), 'Z', '') AS TIMESTAMP(6)),
       CAST(REPLACE(REPLACE(updated_at, 'T', ' '), 'Z', '') AS TIMESTAMP(6))
FROM orders_cdc;
