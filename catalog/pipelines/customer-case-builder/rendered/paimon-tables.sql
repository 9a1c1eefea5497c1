-- Paimon tables
-- Rendered from pipeline.yaml by the data-platform portal; edit the spec, not this file.
CREATE DATABASE IF NOT EXISTS `lake`.`commerce`;
CREATE TABLE IF NOT EXISTS `lake`.`commerce`.`cs_orders` (
  `id` BIGINT NOT NULL,
  `customer_id` INT NOT NULL,
  `status` STRING NOT NULL,
  `amount` DECIMAL(12, 2) NOT NULL,
  `updated_at` TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (`id`) NOT ENFORCED
) WITH (
  'bucket' = '1',
  'changelog-producer' = 'input',
  'merge-engine' = 'deduplicate',
  'metadata.iceberg.storage' = 'table-location',
  'full-compaction.delta-commits' = '1'
);
ALTER TABLE `lake`.`commerce`.`cs_orders` SET ('full-compaction.delta-commits' = '1');
CREATE TABLE IF NOT EXISTS `lake`.`commerce`.`cs_payments` (
  `id` BIGINT NOT NULL,
  `order_id` BIGINT NOT NULL,
  `amount` DECIMAL(12, 2) NOT NULL,
  `status` STRING NOT NULL,
  `updated_at` TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (`id`) NOT ENFORCED
) WITH (
  'bucket' = '1',
  'changelog-producer' = 'input',
  'merge-engine' = 'deduplicate',
  'metadata.iceberg.storage' = 'table-location',
  'full-compaction.delta-commits' = '1'
);
ALTER TABLE `lake`.`commerce`.`cs_payments` SET ('full-compaction.delta-commits' = '1');
CREATE TABLE IF NOT EXISTS `lake`.`commerce`.`cs_tickets` (
  `id` BIGINT NOT NULL,
  `customer_id` INT NOT NULL,
  `order_id` BIGINT,
  `subject` STRING NOT NULL,
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
ALTER TABLE `lake`.`commerce`.`cs_tickets` SET ('full-compaction.delta-commits' = '1');
CREATE TABLE IF NOT EXISTS `lake`.`commerce`.`customer_case` (
  `customer_id` INT NOT NULL,
  `open_tickets` INT,
  `total_tickets` BIGINT,
  `last_ticket_at` TIMESTAMP(6),
  `orders` BIGINT,
  `ordered_amount` DECIMAL(14, 2),
  `captured_amount` DECIMAL(14, 2),
  PRIMARY KEY (`customer_id`) NOT ENFORCED
) WITH (
  'bucket' = '1',
  'changelog-producer' = 'input',
  'merge-engine' = 'deduplicate',
  'metadata.iceberg.storage' = 'table-location',
  'full-compaction.delta-commits' = '1'
);
ALTER TABLE `lake`.`commerce`.`customer_case` SET ('full-compaction.delta-commits' = '1');