/** 259200000 → "3 d"; -1 → "unlimited". */
export function formatDuration(ms: number | undefined): string | undefined {
  if (ms === undefined) return undefined;
  if (ms < 0) return 'unlimited';
  const units: Array<[string, number]> = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['min', 60_000],
    ['s', 1000],
  ];
  for (const [unit, size] of units)
    if (ms >= size && ms % size === 0) return `${ms / size} ${unit}`;
  return `${ms} ms`;
}

export function formatBytes(bytes: number | undefined): string | undefined {
  if (bytes === undefined) return undefined;
  if (bytes < 0) return 'unlimited';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[i]}`;
}

export const formatCount = (n: number) => n.toLocaleString('en-US');

export type StateColor = 'success' | 'danger' | 'warning' | 'info';

/** Connect's connector and task states. */
export function stateColor(state: string | undefined): StateColor {
  switch (state) {
    case 'RUNNING':
      return 'success';
    case 'FAILED':
      return 'danger';
    case 'PAUSED':
    case 'STOPPED':
    case 'UNASSIGNED':
    case 'RESTARTING':
      return 'warning';
    default:
      return 'info';
  }
}
