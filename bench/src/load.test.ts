import { failures } from './load';

describe('failures under load', () => {
  const alone = [
    { call: 'GET /api/flink/fleet', status: 200 },
    { call: 'GET /api/trino/freshness?x', status: 404 },
  ];

  it('accepts the statuses one user got, 404 by design included', () => {
    expect(
      failures(
        [
          { call: 'GET /api/flink/fleet', status: 200 },
          { call: 'GET /api/trino/freshness?x', status: 404 },
        ],
        alone,
      ),
    ).toEqual([]);
  });

  it('counts another status, no answer and server errors', () => {
    const loaded = [
      { call: 'GET /api/flink/fleet', status: 429 },
      { call: 'GET /api/flink/fleet', status: 0, error: 'timeout' },
      { call: 'GET /api/trino/freshness?x', status: 503 },
      { call: 'GET /api/other', status: 500 },
      { call: 'GET /api/other', status: 200 },
    ];
    expect(failures(loaded, alone).map(a => a.status)).toEqual([
      429, 0, 503, 500,
    ]);
  });
});
