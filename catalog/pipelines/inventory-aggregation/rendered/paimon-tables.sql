-- Paimon tables
-- Rendered from pipeline.yaml by the data-platform portal; edit the spec, not this file.
CREATE DATABASE IF NOT EXISTS `lake`.`commerce`;
CREATE TABLE IF NOT EXISTS `lake`.`commerce`.`inventory_orders` (
  `id` BIGINT NOT NULL,
  `customer_id` INT NOT NULL,
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
ALTER TABLE `lake`.`commerce`.`inventory_orders` SET ('full-compaction.delta-commits' = '1');
CREATE TABLE IF NOT EXISTS `lake`.`commerce`.`inventory_stock` (
  `sku` STRING NOT NULL,
  `warehouse` STRING NOT NULL,
  `quantity` INT NOT NULL,
  `updated_at` TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (`sku`) NOT ENFORCED
) WITH (
  'bucket' = '1',
  'changelog-producer' = 'input',
  'merge-engine' = 'deduplicate',
  'metadata.iceberg.storage' = 'table-location',
  'full-compaction.delta-commits' = '1'
);
ALTER TABLE `lake`.`commerce`.`inventory_stock` SET ('full-compaction.delta-commits' = '1');
CREATE TABLE IF NOT EXISTS `lake`.`commerce`.`inventory_snapshot` (
  `sku` STRING NOT NULL,
  `warehouse` STRING,
  `on_hand` INT,
  `reserved` INT,
  `available` INT,
  `open_orders` BIGINT,
  `updated_at` TIMESTAMP(3),
  PRIMARY KEY (`sku`) NOT ENFORCED
) WITH (
  'bucket' = '1',
  'changelog-producer' = 'input',
  'merge-engine' = 'deduplicate',
  'metadata.iceberg.storage' = 'table-location',
  'full-compaction.delta-commits' = '1'
);
ALTER TABLE `lake`.`commerce`.`inventory_snapshot` SET ('full-compaction.delta-commits' = '1');