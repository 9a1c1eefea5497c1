import { renderServingSinks } from '@internal/backstage-plugin-pipeline-common';
import { freshnessSpec } from './freshness';

describe('freshnessSpec', () => {
  it("is a valid spec of the run's own: its table, topic, database, stores and interval", () => {
    const spec = freshnessSpec('abc123', 10);
    expect(spec.name).toBe('bench-fresh-abc123');
    expect(spec.flinkJob.checkpointIntervalSeconds).toBe(10);
    expect(spec.sources[0].tables[0].name).toBe('bench_fresh_abc123');
    expect(spec.topics.map(t => t.name)).toEqual([
      'benchfabc123.commerce.bench_fresh_abc123',
    ]);
    expect(spec.catalog.database).toBe('bench_abc123');
    expect(renderServingSinks(spec).map(s => [s.kind, s.target])).toEqual([
      ['trino', 'lakehouse.bench_abc123.events'],
      ['cassandra', 'bench_abc123.events'],
      ['couchdb', 'bench_fresh_abc123'],
    ]);
  });

  it('refuses a run id that makes an invalid name', () => {
    expect(() => freshnessSpec('Bad-Id', 10)).toThrow();
  });
});
