import {
  logBeganWithState,
  parseStartTimes,
  startsByComponent,
} from './startTimes';

const LOG = `2026-12-03T14:10:47+00:00 mariadb 1.2
2026-12-03T14:10:58+00:00 kafka 8.7
garbage line
2026-12-03T14:20:51+00:00 flink-jobmanager 18.0
2026-12-03T14:25:10+00:00 flink-jobmanager 9.3
not-a-time kafka 3.0
2026-12-03T15:15:23+00:00 flink-jobmanager 42.8
2026-12-03T15:16:00+00:00 kafka 5.5
`;

describe('parseStartTimes', () => {
  it('reads time, component and seconds, skipping other lines', () => {
    const records = parseStartTimes(LOG);
    expect(records).toHaveLength(6);
    expect(records[0]).toEqual({
      at: Date.parse('2026-12-03T14:10:47+00:00'),
      component: 'mariadb',
      seconds: 1.2,
    });
  });
});

describe('startsByComponent', () => {
  it('takes the first start as cold and the later ones as warm', () => {
    const starts = startsByComponent(parseStartTimes(LOG), true);
    expect(starts.map(s => s.component)).toEqual([
      'mariadb',
      'kafka',
      'flink-jobmanager',
    ]);
    const jm = starts.find(s => s.component === 'flink-jobmanager')!;
    expect(jm.cold).toBe(18.0);
    expect(jm.warmCount).toBe(2);
    expect(jm.warmMedian).toBe(9.3);
    expect(jm.latestWarm).toBe(42.8);
    const mariadb = starts.find(s => s.component === 'mariadb')!;
    expect(mariadb).toEqual({
      component: 'mariadb',
      cold: 1.2,
      warmMedian: undefined,
      warmCount: 0,
      latestWarm: undefined,
    });
  });

  it('calls nothing cold when the log did not begin with the state dir', () => {
    const kafka = startsByComponent(parseStartTimes(LOG), false).find(
      s => s.component === 'kafka',
    )!;
    expect(kafka.cold).toBeUndefined();
    expect(kafka.warmCount).toBe(2);
  });
});

describe('logBeganWithState', () => {
  const records = parseStartTimes(LOG);
  const first = Date.parse('2026-12-03T14:10:47+00:00');

  it('accepts a log begun right after the state dir was made', () => {
    expect(logBeganWithState(records, first - 2000)).toBe(true);
  });

  it('refuses a log begun long after, or without a known creation time', () => {
    expect(logBeganWithState(records, first - 3_600_000)).toBe(false);
    expect(logBeganWithState(records, undefined)).toBe(false);
    expect(logBeganWithState([], first)).toBe(false);
  });
});
