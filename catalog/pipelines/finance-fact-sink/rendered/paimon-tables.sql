-- Paimon tables
-- Rendered from pipeline.yaml by the data-platform portal; edit the spec, not this file.
CREATE DATABASE IF NOT EXISTS `lake`.`commerce`;
CREATE TABLE IF NOT EXISTS `lake`.`commerce`.`finance_fact` (
  `id` BIGINT NOT NULL,
  `customer_id` INT NOT NULL,
  `status` STRING NOT NULL,
  `amount` DECIMAL(12, 2) NOT NULL,
  `currency` STRING NOT NULL,
  `created_at` TIMESTAMP(6) NOT NULL,
  `updated_at` TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (`id`) NOT ENFORCED
) WITH (
  'bucket' = '1',
  'changelog-producer' = 'input',
  'merge-engine' = 'deduplicate',
  'metadata.iceberg.storage' = 'table-location',
  'full-compaction.delta-commits' = '1'
);
ALTER TABLE `lake`.`commerce`.`finance_fact` SET ('full-compaction.delta-commits' = '1');
CREATE TABLE IF NOT EXISTS `lake`.`commerce`.`payment_fact` (
  `id` BIGINT NOT NULL,
  `order_id` BIGINT NOT NULL,
  `method` STRING NOT NULL,
  `amount` DECIMAL(12, 2) NOT NULL,
  `status` STRING NOT NULL,
  `created_at` TIMESTAMP(6) NOT NULL,
  `updated_at` TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (`id`) NOT ENFORCED
) WITH (
  'bucket' = '1',
  'changelog-producer' = 'input',
  'merge-engine' = 'deduplicate',
  'metadata.iceberg.storage' = 'table-location',
  'full-compaction.delta-commits' = '1'
);
ALTER TABLE `lake`.`commerce`.`payment_fact` SET ('full-compaction.delta-commits' = '1');
CREATE TABLE IF NOT EXISTS `lake`.`commerce`.`finance_reconciliation` (
  `order_id` BIGINT NOT NULL,
  `currency` STRING,
  `order_amount` DECIMAL(12, 2),
  `captured_amount` DECIMAL(12, 2),
  `payments` BIGINT,
  `reconciled` BOOLEAN,
  PRIMARY KEY (`order_id`) NOT ENFORCED
) WITH (
  'bucket' = '1',
  'changelog-producer' = 'input',
  'merge-engine' = 'deduplicate',
  'metadata.iceberg.storage' = 'table-location',
  'full-compaction.delta-commits' = '1'
);
ALTER TABLE `lake`.`commerce`.`finance_reconciliation` SET ('full-compaction.delta-commits' = '1');