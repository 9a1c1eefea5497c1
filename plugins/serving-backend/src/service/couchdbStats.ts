import type {
  CouchDbClient,
  CouchDesignDocument,
} from '@internal/backstage-plugin-pipeline-node';
import type { ServingStats } from '@internal/backstage-plugin-pipeline-common';
import { asTime, Budget, latencyOf } from './budget';
import { LATENCY_SAMPLES } from './cassandraStats';

type Figures = Pick<
  ServingStats,
  | 'status'
  | 'message'
  | 'rows'
  | 'lastWrite'
  | 'latency'
  | 'latencyNote'
  | 'lookup'
>;

/**
 * CouchDB keeps no write time: the sink's `written_at` (ISO or epoch ms) in each document is
 * what last write and latency read. The source's change time: `updated_at`, else a field
 * named `*_at`/`*_ts`/`*_time`.
 */
export const WRITTEN_AT_FIELD = 'written_at';

function sourceTimeField(doc: Record<string, unknown>): string | undefined {
  const names = Object.keys(doc).filter(
    n => n !== WRITTEN_AT_FIELD && !n.startsWith('_'),
  );
  return [
    ...names.filter(n => n === 'updated_at'),
    ...names.filter(n => /_(at|ts|time)$/.test(n)),
  ].find(n => asTime(doc[n]) !== undefined);
}

/** The design document and view a lookup reads: the view named after the database, else the only one. */
export function pickView(
  database: string,
  designs: CouchDesignDocument[],
): { designId: string; view: string } | undefined {
  const all = designs.flatMap(d =>
    Object.keys(d.views ?? {}).map(view => ({ designId: d._id, view })),
  );
  return (
    all.find(v => v.view === database) ??
    (all.length === 1 ? all[0] : undefined)
  );
}

export async function couchdbFigures(
  client: CouchDbClient,
  database: string,
  designs: () => Promise<CouchDesignDocument[]>,
  budget: Budget,
): Promise<Figures> {
  const info = await client.databaseInfo(database, budget.call());
  if (!info)
    return {
      status: 'missing',
      message: `database ${database} does not exist in CouchDB yet: deploy the pipeline (step serving-stores) to create it.`,
    };
  const designDocs = await designs();
  const view = pickView(database, designDocs);
  const figures: Figures = {
    status: 'ready',
    rows: {
      count: Math.max(0, info.doc_count - designDocs.length),
      method: 'exact',
      note: "CouchDB's document count, design documents left out",
    },
    lookup: view
      ? {
          fields: [{ name: 'key', type: 'view key', required: true }],
          via: `${database}/${view.designId}/_view/${view.view}`,
        }
      : undefined,
  };
  const changes = await client.latestChanges(
    database,
    { limit: LATENCY_SAMPLES, updateSeq: info.update_seq },
    budget.call(),
  );
  const docs = changes
    .filter(c => !c.deleted && !c.id.startsWith('_design/') && c.doc)
    .map(c => c.doc!);
  const written = docs.flatMap(doc => {
    const writtenAt = asTime(doc[WRITTEN_AT_FIELD]);
    return writtenAt ? [{ doc, writtenAt }] : [];
  });
  if (written.length === 0) {
    figures.latencyNote = docs.length
      ? `the documents carry no ${WRITTEN_AT_FIELD}: CouchDB keeps no write time, so last write and latency are unknown`
      : 'no document yet';
    return figures;
  }
  const newest = written.reduce((a, b) => (b.writtenAt > a.writtenAt ? b : a));
  figures.lastWrite = {
    at: newest.writtenAt.toISOString(),
    source: `${WRITTEN_AT_FIELD} of the newest of the last ${LATENCY_SAMPLES} changes`,
  };
  const field = sourceTimeField(newest.doc);
  const pairs = field
    ? written.flatMap(w => {
        const sourceAt = asTime(w.doc[field]);
        return sourceAt ? [{ writtenAt: w.writtenAt, sourceAt }] : [];
      })
    : [];
  const latency = field ? latencyOf(pairs, LATENCY_SAMPLES) : undefined;
  if (!field || !latency) {
    figures.latencyNote =
      'no field carries the source change time: write latency cannot be measured';
    return figures;
  }
  figures.latency = {
    ...latency,
    column: field,
    definition: `${WRITTEN_AT_FIELD} − ${field}: from the source change the document carries to the sink's write of it, over the ${latency.samples} most recently changed documents`,
  };
  return figures;
}
