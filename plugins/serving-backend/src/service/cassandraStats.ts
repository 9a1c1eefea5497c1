import type {
  CassandraClient,
  CassandraColumn,
  CassandraTable,
} from '@internal/backstage-plugin-pipeline-node';
import type { ServingStats } from '@internal/backstage-plugin-pipeline-common';
import { asTime, Budget, latencyOf } from './budget';

/** A bounded scan: exact up to this many rows, Cassandra's estimate beyond. */
export const SCAN_CAP = 5000;
/** Latency figures are over the most recently written rows. */
export const LATENCY_SAMPLES = 50;

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

const isCollection = (type: string) => /^(list|set|map)</.test(type);

/**
 * The source's change time a row carries: a regular `timestamp` column, `updated_at` first,
 * then one named `*_at`/`*_ts`/`*_time`.
 */
export function sourceTimeColumn(
  table: CassandraTable,
): CassandraColumn | undefined {
  const ts = table.columns.filter(
    c => c.kind === 'regular' && c.type === 'timestamp',
  );
  return (
    ts.find(c => c.name === 'updated_at') ??
    ts.find(c => /_(at|ts|time)$/.test(c.name)) ??
    ts[0]
  );
}

export function lookupFields(table: CassandraTable) {
  const typeOf = new Map(table.columns.map(c => [c.name, c.type]));
  return table.primaryKey.map(name => ({
    name,
    type: typeOf.get(name) ?? 'text',
    required: table.partitionKey.includes(name),
  }));
}

/**
 * Rows, last write and write latency of a Cassandra table. WRITETIME needs a regular column:
 * the source-time column when there is one (its write time is the row's), else any regular
 * non-collection column.
 */
export async function cassandraFigures(
  client: CassandraClient,
  keyspace: string,
  tableName: string,
  budget: Budget,
): Promise<Figures> {
  const table = await client.describeTable(keyspace, tableName, budget.call());
  if (!table)
    return {
      status: 'missing',
      message: `${keyspace}.${tableName} does not exist in Cassandra yet: deploy the pipeline (step serving-stores) to create it.`,
    };
  const source = sourceTimeColumn(table);
  const writetimeColumn =
    source?.name ??
    table.columns.find(c => c.kind === 'regular' && !isCollection(c.type))
      ?.name;
  const scan = await client.scan(
    table,
    { maxRows: SCAN_CAP, writetimeColumn },
    budget.call(),
  );
  let rows: ServingStats['rows'] = {
    count: scan.rowsSeen,
    method: 'exact',
    note: 'counted by a full scan of the table',
  };
  if (!scan.complete) {
    const estimate = await client
      .estimatePartitions(keyspace, tableName, budget.call())
      .catch(() => undefined);
    rows =
      estimate && estimate > scan.rowsSeen
        ? {
            count: estimate,
            method: 'estimate',
            note: `Cassandra's estimate of partitions (system.size_estimates): counting stops at ${SCAN_CAP} rows`,
          }
        : {
            count: scan.rowsSeen,
            method: 'at-least',
            note: `counting stops at ${SCAN_CAP} rows`,
          };
  }
  const scope = scan.complete ? 'all rows' : `the first ${SCAN_CAP} rows`;
  const figures: Figures = {
    status: 'ready',
    rows,
    lookup: {
      fields: lookupFields(table),
      via: `${keyspace}.${tableName}`,
    },
  };
  if (scan.lastWriteAt)
    figures.lastWrite = {
      at: scan.lastWriteAt.toISOString(),
      source: `newest WRITETIME(${writetimeColumn}) over ${scope}`,
    };
  if (!source) {
    figures.latencyNote =
      'no timestamp column carries the source change time: write latency cannot be measured';
    return figures;
  }
  const pairs = scan.samples.flatMap(s => {
    const sourceAt = asTime(s.value);
    return sourceAt ? [{ writtenAt: s.writtenAt, sourceAt }] : [];
  });
  const latency = latencyOf(pairs, LATENCY_SAMPLES);
  if (!latency) {
    figures.latencyNote = `no row has ${source.name} yet`;
    return figures;
  }
  figures.latency = {
    ...latency,
    column: source.name,
    definition: `WRITETIME(${source.name}) − ${source.name}: from the source change the row carries to Cassandra's write of it, over the ${latency.samples} most recently written rows (of ${scope})`,
  };
  return figures;
}
