import { NotFoundError } from '@backstage/errors';
import type {
  CassandraClient,
  CouchDbClient,
  CouchDesignDocument,
} from '@internal/backstage-plugin-pipeline-node';
import { Budget } from './budget';
import { pickView } from './couchdbStats';

export interface LookupPage {
  query: string;
  rows: Array<Record<string, unknown>>;
  truncated: boolean;
}

/** Blank fields are left out: an optional clustering column the user did not fill in. */
const given = (key: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(key).filter(([, v]) => String(v ?? '').trim() !== ''),
  );

/** The OMS's "stock of this SKU": rows by primary key (partition key, then clustering prefix). */
export async function cassandraLookup(
  client: CassandraClient,
  keyspace: string,
  tableName: string,
  key: Record<string, string>,
  limit: number,
  budget: Budget,
): Promise<LookupPage> {
  const table = await client.describeTable(keyspace, tableName, budget.call());
  if (!table)
    throw new NotFoundError(
      `${keyspace}.${tableName} does not exist in Cassandra yet: deploy the pipeline first`,
    );
  const values = given(key);
  const page = await client.selectByKey(
    table,
    values,
    { limit },
    budget.call(),
  );
  const where = table.primaryKey
    .filter(k => k in values)
    .map(k => `${k} = ?`)
    .join(' AND ');
  return {
    query: `SELECT * FROM ${keyspace}.${tableName} WHERE ${where} LIMIT ${limit}`,
    ...page,
  };
}

/**
 * A view key as typed: a number stays a number, a JSON array is a compound key, anything else
 * is a string. CouchDB collates 42 and "42" apart, so a number that finds nothing is tried as
 * text too.
 */
export function viewKeys(text: string): unknown[] {
  const t = text.trim();
  if (/^-?\d{1,15}(\.\d{1,15})?$/.test(t)) return [Number(t), t];
  if (t.startsWith('[')) {
    try {
      const parsed = JSON.parse(t);
      if (Array.isArray(parsed)) return [parsed];
    } catch {
      // not JSON: looked up as the text it is
    }
  }
  return [t];
}

/** The support agent's "show me this customer's case": the view's rows for one key, with documents. */
export async function couchdbLookup(
  client: CouchDbClient,
  database: string,
  designs: () => Promise<CouchDesignDocument[]>,
  key: Record<string, string>,
  limit: number,
  budget: Budget,
): Promise<LookupPage> {
  const view = pickView(database, await designs());
  if (!view)
    throw new NotFoundError(
      `database ${database} has no view to look up by (expected a view named ${database}): deploy the pipeline first`,
    );
  const text = String(key.key ?? '').trim();
  let page = {
    rows: [] as Awaited<ReturnType<CouchDbClient['queryView']>>['rows'],
    truncated: false,
  };
  let used: unknown = text;
  for (const candidate of viewKeys(text)) {
    used = candidate;
    page = await client.queryView(
      database,
      view.designId,
      view.view,
      { key: candidate, limit, includeDocs: true },
      budget.call(),
    );
    if (page.rows.length > 0) break;
  }
  return {
    query: `${database}/${view.designId}/_view/${
      view.view
    }?key=${JSON.stringify(used)}&limit=${limit}&include_docs=true`,
    rows: page.rows.map(r => {
      if (!r.doc) return { key: r.key, value: r.value };
      const { _rev, ...doc } = r.doc;
      return doc;
    }),
    truncated: page.truncated,
  };
}
