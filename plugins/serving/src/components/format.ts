import type {
  ServingLatency,
  ServingRowCount,
  ServingStoreKind,
} from '@internal/backstage-plugin-pipeline-common';

export const STORE_TITLE: Record<ServingStoreKind, string> = {
  cassandra: 'Cassandra',
  couchdb: 'CouchDB',
};

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** 950 ms, 1.5 s, 2 min 5 s, 3 h 10 min. */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '−' : '';
  const abs = Math.abs(ms);
  if (abs < 1000) return `${sign}${Math.round(abs)} ms`;
  if (abs < 60_000) return `${sign}${(abs / 1000).toFixed(1)} s`;
  const s = Math.round(abs / 1000);
  if (s < 3600) return `${sign}${Math.floor(s / 60)} min ${s % 60} s`;
  return `${sign}${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

export function formatRows(rows: ServingRowCount): string {
  const n = rows.count.toLocaleString('en-US');
  if (rows.method === 'exact') return `${n} (exact)`;
  if (rows.method === 'estimate') return `≈ ${n} (estimate)`;
  return `≥ ${n} (at least)`;
}

export function formatLatency(latency: ServingLatency): string {
  return `p50 ${formatDuration(latency.p50Ms)} · p95 ${formatDuration(
    latency.p95Ms,
  )} over ${latency.samples} row${latency.samples === 1 ? '' : 's'}`;
}

/** "2026-03-01 10:00:24 UTC (12 s ago)". */
export function formatWhen(iso: string, now = Date.now()): string {
  const at = new Date(iso);
  const text = `${at.toISOString().replace('T', ' ').slice(0, 19)} UTC`;
  return `${text} (${formatDuration(Math.max(0, now - at.getTime()))} ago)`;
}

/** A cell of a looked-up row: JSON for objects, NULL for nothing. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}
