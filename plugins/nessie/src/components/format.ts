/** Twelve hex characters are enough to tell Nessie commits apart on a page. */
export const shortHash = (hash?: string) => (hash ? hash.slice(0, 12) : '—');

/** `2026-11-24T08:43:27.467Z` → `2026-11-24 08:43:27` (Paimon times carry no zone: shown as is). */
export function formatTime(value?: string): string {
  if (!value) return '—';
  const m = value.match(/^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)/);
  if (!m) return value;
  return `${m[1]} ${m[2]}${value.endsWith('Z') ? ' UTC' : ''}`;
}
