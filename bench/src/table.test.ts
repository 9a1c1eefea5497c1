import { formatValue, met, renderTable, Row, targetText } from './table';

describe('met', () => {
  const row = (r: Partial<Row>): Row => ({ figure: 'f', unit: 's', ...r });

  it('checks an absolute bound', () => {
    expect(met(row({ ours: 4.9, target: { max: 5 } }))).toBe('yes');
    expect(met(row({ ours: 5.1, target: { max: 5 } }))).toBe('no');
  });

  it('checks a ratio against the baseline', () => {
    expect(
      met(row({ ours: 12, baseline: 10, target: { ratioMax: 1.2 } })),
    ).toBe('yes');
    expect(
      met(row({ ours: 12.1, baseline: 10, target: { ratioMax: 1.2 } })),
    ).toBe('no');
  });

  it('needs both parts of a combined target', () => {
    const target = { ratioMax: 1.2, max: 60 };
    expect(met(row({ ours: 59, baseline: 55, target }))).toBe('yes');
    expect(met(row({ ours: 61, baseline: 55, target }))).toBe('no');
    expect(met(row({ ours: 59, baseline: 40, target }))).toBe('no');
  });

  it('is no when nothing was measured, or a ratio has no baseline', () => {
    expect(met(row({ target: { max: 5 }, error: 'down' }))).toBe('no');
    expect(met(row({ ours: 1, target: { ratioMax: 1.1 } }))).toBe('no');
  });

  it('is — without a target', () => {
    expect(met(row({ ours: 1 }))).toBe('—');
  });
});

describe('renderTable', () => {
  it('prints one markdown row per figure with ratio, target and verdict', () => {
    const text = renderTable([
      {
        figure: 'commit → Trino p95',
        unit: 's',
        ours: 11.04,
        baseline: 10,
        baselineLabel: 'checkpoint interval',
        target: { ratioMax: 1.2 },
      },
      { figure: 'chunk a|b', unit: 'kB', error: 'no build' },
    ]);
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      '| figure | ours | baseline | ratio | target | met? |',
    );
    expect(lines[2]).toBe(
      '| commit → Trino p95 | 11.0 s | 10.0 s (checkpoint interval) | 1.10× | ≤ 1.2× baseline | yes |',
    );
    // A pipe inside a cell must not split the row.
    expect(lines[3]).toBe(
      '| chunk a\\|b | not measured: no build | — | — | — | — |',
    );
  });
});

describe('formatValue and targetText', () => {
  it('keeps precision where figures are small', () => {
    expect(formatValue(0.345, 's')).toBe('0.3 s');
    expect(formatValue(123.4, 's')).toBe('123 s');
    expect(formatValue(4.56, 'ms')).toBe('4.6 ms');
    expect(formatValue(0.005, 'calls')).toBe('0.01 calls');
    expect(formatValue(3, 'errors')).toBe('3 errors');
  });

  it('says no error for a zero error bound', () => {
    expect(targetText({ max: 0 }, 'errors')).toBe('no error');
    expect(targetText({ ratioMax: 1.2, max: 60 }, 's')).toBe(
      '≤ 1.2× baseline and ≤ 60.0 s',
    );
    expect(targetText(undefined, 's')).toBe('—');
  });
});
