-- Paimon tables
-- Rendered from pipeline.yaml by the data-platform portal; edit the spec, not this file.
CREATE DATABASE IF NOT EXISTS `lake`.`commerce`;
CREATE TABLE IF NOT EXISTS `lake`.`commerce`.`fraud_orders` (
  `id` BIGINT NOT NULL,
  `customer_id` INT NOT NULL,
  `status` STRING NOT NULL,
  `amount` DECIMAL(12, 2) NOT NULL,
  `currency` STRING NOT NULL,
  `created_at` TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (`id`) NOT ENFORCED
) WITH (
  'bucket' = '1',
  'changelog-producer' = 'input',
  'merge-engine' = 'deduplicate',
  'metadata.iceberg.storage' = 'table-location',
  'full-compaction.delta-commits' = '1'
);
ALTER TABLE `lake`.`commerce`.`fraud_orders` SET ('full-compaction.delta-commits' = '1');
CREATE TABLE IF NOT EXISTS `lake`.`commerce`.`fraud_payments` (
  `id` BIGINT NOT NULL,
  `order_id` BIGINT NOT NULL,
  `method` STRING NOT NULL,
  `amount` DECIMAL(12, 2) NOT NULL,
  `status` STRING NOT NULL,
  `created_at` TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (`id`) NOT ENFORCED
) WITH (
  'bucket' = '1',
  'changelog-producer' = 'input',
  'merge-engine' = 'deduplicate',
  'metadata.iceberg.storage' = 'table-location',
  'full-compaction.delta-commits' = '1'
);
ALTER TABLE `lake`.`commerce`.`fraud_payments` SET ('full-compaction.delta-commits' = '1');
CREATE TABLE IF NOT EXISTS `lake`.`commerce`.`fraud_signals` (
  `customer_id` INT NOT NULL,
  `first_failure_at` TIMESTAMP(3) NOT NULL,
  `failed_attempts` BIGINT,
  `order_id` BIGINT,
  `order_amount` DECIMAL(12, 2),
  `payment_method` STRING,
  `payment_status` STRING,
  PRIMARY KEY (`customer_id`, `first_failure_at`) NOT ENFORCED
) WITH (
  'bucket' = '1',
  'changelog-producer' = 'input',
  'merge-engine' = 'deduplicate',
  'metadata.iceberg.storage' = 'table-location',
  'full-compaction.delta-commits' = '1'
);
ALTER TABLE `lake`.`commerce`.`fraud_signals` SET ('full-compaction.delta-commits' = '1');