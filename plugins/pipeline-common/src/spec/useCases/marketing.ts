import type { PipelineSpecInput } from '../pipelineSpec';
import { cdcTopics, MARIADB_TABLES, mariadbSource } from './seedSources';
import {
  INTEREST_DEFAULTS,
  INTEREST_LIMITS,
  InterestParams,
  sqlInt,
} from './shapeParameters';

type StreamInput = NonNullable<PipelineSpecInput['streams']>[number];

/** The web/app behaviour stream: plain JSON events on topic `behavior` (not CDC). */
export const behaviorStream: StreamInput = {
  name: 'behavior',
  topic: 'behavior',
  columns: [
    { name: 'customer_id', type: 'INT', nullable: false },
    { name: 'session_id', type: 'STRING' },
    { name: 'event_type', type: 'STRING', nullable: false },
    { name: 'sku', type: 'STRING' },
    { name: 'order_id', type: 'BIGINT' },
    { name: 'event_time', type: 'TIMESTAMP(3)', nullable: false },
  ],
  eventTime: { column: 'event_time', watermarkDelaySeconds: 5 },
  processingTimeColumn: 'proc_time',
};

/**
 * The SELECT of `marketing_segments`: behaviour counts per customer with the profile's segment,
 * and an interest level from the thresholds (defaults: hot from 3 add-to-carts, warm from 10
 * events). A lookup join (FOR SYSTEM_TIME AS OF the processing time) reads the current profile.
 */
export const marketingSegmentsSelect = (
  interest: InterestParams = INTEREST_DEFAULTS,
) => `SELECT b.customer_id,
       LAST_VALUE(p.segment) AS segment,
       LAST_VALUE(p.is_vip) AS is_vip,
       SUM(CASE WHEN b.event_type = 'page_view' THEN 1 ELSE 0 END) AS page_views,
       SUM(CASE WHEN b.event_type = 'add_to_cart' THEN 1 ELSE 0 END) AS add_to_carts,
       MAX(CAST(b.event_time AS TIMESTAMP(3))) AS last_seen_at,
       CASE WHEN SUM(CASE WHEN b.event_type = 'add_to_cart' THEN 1 ELSE 0 END) >= ${sqlInt(
         'hotAddToCarts',
         interest.hotAddToCarts,
         INTEREST_LIMITS.hotAddToCarts,
       )} THEN 'hot'
            WHEN COUNT(*) >= ${sqlInt(
              'warmEvents',
              interest.warmEvents,
              INTEREST_LIMITS.warmEvents,
            )} THEN 'warm' ELSE 'cold' END AS interest
FROM behavior AS b
JOIN customer_profile FOR SYSTEM_TIME AS OF b.proc_time AS p ON b.customer_id = p.id
GROUP BY b.customer_id`;

/**
 * Use case 2, stream enrichment (marketing personalization): behaviour events enriched by a
 * lookup join on the Paimon table `customer_profile` (a CDC copy of MariaDB customers) and
 * aggregated per customer into `marketing_segments`, for the given interest thresholds.
 */
export const marketingPersonalizationSpec = (
  interest: InterestParams = INTEREST_DEFAULTS,
): PipelineSpecInput => ({
  name: 'marketing-personalization',
  owner: 'group:default/marketing-team',
  description:
    'Behaviour events enriched with the customer profile into marketing segments.',
  sources: [
    mariadbSource('marketing-mariadb', 'mkt', [MARIADB_TABLES.customers]),
  ],
  topics: [...cdcTopics('mkt', 'commerce', [MARIADB_TABLES.customers])],
  catalog: { database: 'commerce' },
  paimonTables: [
    {
      name: 'customer_profile',
      from: { source: 'commerce_mariadb', table: 'customers' },
      // No e-mail or name: segments need no personal data.
      columns: ['id', 'segment', 'is_vip', 'created_at', 'updated_at'],
      typeMapping: ['char-to-string', 'tinyint1-not-bool'],
    },
  ],
  streams: [behaviorStream],
  derivedTables: [
    {
      name: 'marketing_segments',
      columns: [
        { name: 'customer_id', type: 'INT', nullable: false },
        { name: 'segment', type: 'STRING' },
        { name: 'is_vip', type: 'TINYINT' },
        { name: 'page_views', type: 'BIGINT' },
        { name: 'add_to_carts', type: 'BIGINT' },
        { name: 'last_seen_at', type: 'TIMESTAMP(3)' },
        { name: 'interest', type: 'STRING' },
      ],
      primaryKey: ['customer_id'],
      select: marketingSegmentsSelect(interest),
    },
  ],
  flinkJob: { name: 'marketing-enrichment' },
  servingSinks: [{ kind: 'trino', paimonTable: 'marketing_segments' }],
  nessie: {
    branch: 'marketing/segments',
    tagPolicy: 'marketing/segments-yyyymmdd',
  },
});

/** The enrichment shape with its default interest thresholds. */
export const marketingPersonalizationExample: PipelineSpecInput =
  marketingPersonalizationSpec();
