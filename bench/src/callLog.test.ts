import {
  CallLog,
  countBy,
  maxInWindow,
  maxPerResourcePerWindow,
  normalizePath,
} from './callLog';

describe('normalizePath', () => {
  it('replaces Flink ids and keeps the route', () => {
    expect(
      normalizePath(
        'get',
        '/jobs/0123456789abcdef0123456789abcdef/vertices/fedcba9876543210fedcba9876543210/backpressure',
      ),
    ).toBe('GET /jobs/{id}/vertices/{id}/backpressure');
    expect(
      normalizePath(
        'GET',
        '/jobs/0123456789abcdef0123456789abcdef/metrics?get=numRestarts',
      ),
    ).toBe('GET /jobs/{id}/metrics');
  });

  it('replaces Trino query ids, tokens, numbers and gateway handles', () => {
    expect(
      normalizePath(
        'GET',
        '/v1/statement/executing/20261203_153000_00012_abcde/y5b3c1f2e9d8a7b6c5d4/1',
      ),
    ).toBe('GET /v1/statement/executing/{id}/{id}/{n}');
    expect(
      normalizePath(
        'POST',
        '/v1/sessions/8e1b3f3c-2f0a-4c51-9d7e-3a9f4b2c1d00/statements',
      ),
    ).toBe('POST /v1/sessions/{id}/statements');
  });

  it('leaves out the body digest the proxy appends', () => {
    expect(normalizePath('POST', '/v1/statement #0a1b2c3d4e')).toBe(
      'POST /v1/statement',
    );
  });

  it('leaves plain names alone', () => {
    expect(
      normalizePath('GET', '/connectors/finance-fact-sink-commerce-pg/status'),
    ).toBe('GET /connectors/finance-fact-sink-commerce-pg/status');
  });
});

describe('maxInWindow', () => {
  it('counts the busiest half-open window', () => {
    expect(maxInWindow([0, 4999, 5000, 10000], 5000)).toBe(2);
    expect(maxInWindow([0, 5000, 10000], 5000)).toBe(1);
    expect(maxInWindow([3, 1, 2], 5000)).toBe(3);
    expect(maxInWindow([], 5000)).toBe(0);
  });
});

describe('CallLog and maxPerResourcePerWindow', () => {
  it('finds the resource requested most often within a cache period', () => {
    const log = new CallLog();
    log.record('flink', 'GET', '/jobs/overview', 0);
    log.record('flink', 'GET', '/jobs/overview', 5000);
    log.record('trino', 'POST', '/v1/statement', 100);
    log.record('trino', 'POST', '/v1/statement', 200);
    log.record('trino', 'POST', '/v1/statement', 300);
    expect(maxPerResourcePerWindow(log.calls, 5000)).toEqual({
      max: 3,
      resource: 'trino POST /v1/statement',
    });
    expect(maxPerResourcePerWindow(log.between(0, 50), 5000).max).toBe(1);
    expect(maxPerResourcePerWindow(log.between(0, 6000), 5000).max).toBe(3);
  });

  it('keeps queries apart: another query string is another resource', () => {
    const log = new CallLog();
    log.record('flink', 'GET', '/jobs/a/metrics?get=x', 0);
    log.record('flink', 'GET', '/jobs/a/metrics?get=y', 1);
    expect(maxPerResourcePerWindow(log.calls, 5000).max).toBe(1);
    expect(countBy(log.calls, c => c.endpoint)).toEqual([
      ['GET /jobs/a/metrics', 2],
    ]);
  });
});
