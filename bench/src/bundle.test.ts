import { bundleRows, Chunk } from './bundle';

const chunk = (
  file: string,
  gzipKb: number,
  owners: Record<string, number>,
): Chunk => ({
  file,
  bytes: gzipKb * 3072,
  gzipBytes: gzipKb * 1024,
  owner: Object.entries(owners).sort((a, b) => b[1] - a[1])[0][0],
  owners,
});

describe('bundleRows', () => {
  const chunks = [
    chunk('1.js', 12, { 'plugins/flink': 900, react: 100 }),
    chunk('2.js', 160, { 'plugins/flink': 5000, '@backstage/ui': 10 }),
    chunk('3.js', 4, { 'plugins/nessie': 300 }),
    chunk('main.js', 400, {
      '@backstage/core-components': 9000,
      'plugins/trino': 40,
    }),
  ];

  it('gives each plugin its largest chunk, against the 150 kB target', () => {
    const { rows } = bundleRows(chunks);
    expect(rows.map(r => [r.figure.split("'")[0], r.ours])).toEqual([
      ['gzip of plugins/flink', 160],
      ['gzip of plugins/nessie', 4],
    ]);
    expect(rows[0].figure).toContain('2 chunks, 172.0 kB together');
    expect(rows[0].target?.max).toBe(150);
  });

  it('reports our code inside chunks others own, without a row', () => {
    const { raw } = bundleRows(chunks) as { raw: any };
    expect(raw.ourCodeInOtherChunks).toEqual([
      {
        file: 'main.js',
        owner: '@backstage/core-components',
        gzipKb: 400,
        ourChars: 40,
      },
    ]);
  });
});
