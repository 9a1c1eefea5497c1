/** "3d 4h", "12m 5s", "850 ms": the two largest units are enough to read at a glance. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const units: Array<[string, number]> = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ];
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0 || parts.length) {
      if (n > 0) parts.push(`${n}${unit}`);
      rest -= n * size;
    }
    if (parts.length === 2) break;
  }
  return parts.join(' ') || '0s';
}

export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return `${i === 0 ? value : value.toFixed(1)} ${units[i]}`;
}

export function formatRate(perSecond: number | undefined): string {
  if (perSecond === undefined || !Number.isFinite(perSecond)) return '—';
  let digits = 2;
  if (perSecond >= 100) digits = 0;
  else if (perSecond >= 1) digits = 1;
  return `${perSecond.toFixed(digits)}/s`;
}

export function formatTime(epochMs: number | undefined): string {
  if (!epochMs || epochMs <= 0) return '—';
  return new Date(epochMs).toLocaleString();
}

/** Age from an absolute time when there is one, so a cached answer does not look stale. */
export function ageOf(
  epochMs: number | undefined,
  fallbackMs?: number,
): number | undefined {
  return epochMs ? Math.max(0, Date.now() - epochMs) : fallbackMs;
}
