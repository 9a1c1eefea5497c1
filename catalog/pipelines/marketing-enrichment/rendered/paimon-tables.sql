-- Paimon tables
-- Rendered from pipeline.yaml by the data-platform portal; edit the spec, not this file.
CREATE DATABASE IF NOT EXISTS `lake`.`commerce`;
CREATE TABLE IF NOT EXISTS `lake`.`commerce`.`customer_profile` (
  `id` INT NOT NULL,
  `segment` STRING NOT NULL,
  `is_vip` TINYINT NOT NULL,
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
ALTER TABLE `lake`.`commerce`.`customer_profile` SET ('full-compaction.delta-commits' = '1');
CREATE TABLE IF NOT EXISTS `lake`.`commerce`.`marketing_segments` (
  `customer_id` INT NOT NULL,
  `segment` STRING,
  `is_vip` TINYINT,
  `page_views` BIGINT,
  `add_to_carts` BIGINT,
  `last_seen_at` TIMESTAMP(3),
  `interest` STRING,
  PRIMARY KEY (`customer_id`) NOT ENFORCED
) WITH (
  'bucket' = '1',
  'changelog-producer' = 'input',
  'merge-engine' = 'deduplicate',
  'metadata.iceberg.storage' = 'table-location',
  'full-compaction.delta-commits' = '1'
);
ALTER TABLE `lake`.`commerce`.`marketing_segments` SET ('full-compaction.delta-commits' = '1');