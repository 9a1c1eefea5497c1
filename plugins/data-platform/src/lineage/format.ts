const UNITS: Array<[unit: string, seconds: number, from: number]> = [
  ['days', 86_400, 172_800],
  ['h', 3600, 7200],
  ['min', 60, 180],
];

/** 79 → "79 s", 600 → "10 min": whole numbers, the unit a reader expects at that size. */
export function formatSeconds(seconds: number): string {
  const unit = UNITS.find(([, , from]) => seconds >= from);
  return unit
    ? `${Math.round(seconds / unit[1])} ${unit[0]}`
    : `${Math.round(seconds)} s`;
}

export const formatCount = (n: number) => n.toLocaleString('en-US');
