import { parsePipelineSpec } from '../pipelineSpec';
import { renderFlinkJob, toSqlScript } from '../render';
import {
  fraudAlertsSelect,
  fraudDetectionExample,
  fraudDetectionSpec,
  fraudSignalsSelect,
} from './fraud';
import {
  marketingPersonalizationExample,
  marketingPersonalizationSpec,
  marketingSegmentsSelect,
} from './marketing';
import { sqlInt } from './shapeParameters';

// The SELECTs exactly as the examples carried them before they became builders: default
// parameters must render the same SQL, so running seed jobs keep their spec digest.
const MATCH = `SELECT * FROM behavior
  MATCH_RECOGNIZE (
    PARTITION BY customer_id
    ORDER BY event_time
    MEASURES
      FIRST(F.event_time) AS first_failure_at,
      COUNT(F.event_type) AS failed_attempts,
      C.order_id AS order_id,
      MATCH_PROCTIME() AS matched_at
    ONE ROW PER MATCH
    AFTER MATCH SKIP PAST LAST ROW
    PATTERN (F{3,} C)
    WITHIN INTERVAL '10' MINUTE
    DEFINE
      F AS F.event_type = 'payment_failed',
      C AS C.event_type = 'checkout'
  )`;
const SIGNALS_BEFORE = `WITH suspicious AS (${MATCH})
SELECT m.customer_id, m.first_failure_at, m.failed_attempts, m.order_id,
       o.amount AS order_amount, p.\`method\` AS payment_method, p.status AS payment_status
FROM suspicious AS m
LEFT JOIN fraud_orders FOR SYSTEM_TIME AS OF m.matched_at AS o ON m.order_id = o.id
LEFT JOIN fraud_payments FOR SYSTEM_TIME AS OF m.matched_at AS p ON m.order_id = p.order_id`;
const ALERTS_BEFORE = `WITH suspicious AS (${MATCH})
SELECT m.customer_id, m.order_id, o.amount AS order_amount, m.failed_attempts,
       m.first_failure_at, 'failed-payments-then-checkout' AS reason
FROM suspicious AS m
LEFT JOIN fraud_orders FOR SYSTEM_TIME AS OF m.matched_at AS o ON m.order_id = o.id`;
const SEGMENTS_BEFORE = `SELECT b.customer_id,
       LAST_VALUE(p.segment) AS segment,
       LAST_VALUE(p.is_vip) AS is_vip,
       SUM(CASE WHEN b.event_type = 'page_view' THEN 1 ELSE 0 END) AS page_views,
       SUM(CASE WHEN b.event_type = 'add_to_cart' THEN 1 ELSE 0 END) AS add_to_carts,
       MAX(CAST(b.event_time AS TIMESTAMP(3))) AS last_seen_at,
       CASE WHEN SUM(CASE WHEN b.event_type = 'add_to_cart' THEN 1 ELSE 0 END) >= 3 THEN 'hot'
            WHEN COUNT(*) >= 10 THEN 'warm' ELSE 'cold' END AS interest
FROM behavior AS b
JOIN customer_profile FOR SYSTEM_TIME AS OF b.proc_time AS p ON b.customer_id = p.id
GROUP BY b.customer_id`;

const job = (input: unknown) => {
  const parsed = parsePipelineSpec(input);
  if (!parsed.success) throw new Error(parsed.message);
  return toSqlScript(renderFlinkJob(parsed.spec));
};

describe('use-case SQL builders', () => {
  it('render the examples’ SQL unchanged for default parameters', () => {
    expect(fraudSignalsSelect()).toBe(SIGNALS_BEFORE);
    expect(fraudAlertsSelect()).toBe(ALERTS_BEFORE);
    expect(marketingSegmentsSelect()).toBe(SEGMENTS_BEFORE);
    expect(fraudDetectionExample.derivedTables![0].select).toBe(SIGNALS_BEFORE);
    expect(fraudDetectionExample.kafkaSinks![0].select).toBe(ALERTS_BEFORE);
    expect(marketingPersonalizationExample.derivedTables![0].select).toBe(
      SEGMENTS_BEFORE,
    );
    expect(job(fraudDetectionSpec())).toBe(job(fraudDetectionExample));
  });

  it('put the CEP threshold and window into the pattern of both SELECTs', () => {
    const spec = fraudDetectionSpec({ failedAttempts: 5, windowMinutes: 45 });
    for (const select of [
      spec.derivedTables![0].select,
      spec.kafkaSinks![0].select,
    ]) {
      expect(select).toContain('PATTERN (F{5,} C)');
      expect(select).toContain("WITHIN INTERVAL '45' MINUTE");
      expect(select).not.toContain('F{3,}');
    }
    expect(job(spec)).toContain("WITHIN INTERVAL '45' MINUTE");
  });

  it('put the interest thresholds into the segment rule', () => {
    const select = marketingSegmentsSelect({
      hotAddToCarts: 7,
      warmEvents: 250,
    });
    expect(select).toContain("END) >= 7 THEN 'hot'");
    expect(select).toContain("WHEN COUNT(*) >= 250 THEN 'warm'");
    expect(
      job(marketingPersonalizationSpec({ hotAddToCarts: 7, warmEvents: 250 })),
    ).toContain('>= 250');
  });

  it.each([
    ['a string that ends the pattern', '3,} C) DEFINE F AS TRUE --'],
    ['a numeric string', '3'],
    ['a fraction', 2.5],
    ['zero', 0],
    ['a negative number', -1],
    ['above the range', 101],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['a huge number', 1e21],
    ['an object', { toString: () => '3' }],
    ['null', null],
  ])('refuse %s as a CEP threshold, without echoing it', (_, value) => {
    expect(() =>
      fraudDetectionSpec({ failedAttempts: value as any, windowMinutes: 10 }),
    ).toThrow(/^failedAttempts must be an integer from 1 to 100$/);
  });

  it('refuse a window or thresholds out of range', () => {
    expect(() =>
      fraudDetectionSpec({ failedAttempts: 3, windowMinutes: 1441 }),
    ).toThrow(/windowMinutes must be an integer from 1 to 1440/);
    expect(() =>
      marketingSegmentsSelect({ hotAddToCarts: 3, warmEvents: '10' as any }),
    ).toThrow(/warmEvents must be an integer/);
    expect(() =>
      marketingSegmentsSelect({ hotAddToCarts: 0, warmEvents: 10 }),
    ).toThrow(/hotAddToCarts must be an integer from 1 to 10000/);
  });

  it('sqlInt gives the decimal text of an integer in range', () => {
    expect(sqlInt('x', 42, { min: 1, max: 42 })).toBe('42');
    expect(sqlInt('x', 1, { min: 1, max: 42 })).toBe('1');
  });
});
