import type { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  isValidIdentifier,
  SourceCatalogSummary,
  SourceColumn,
  SourceColumnsResponse,
} from '@internal/backstage-plugin-pipeline-common';
import {
  CoalescingCache,
  toHttpError,
  TrinoQueryOptions,
  UpstreamRegistry,
} from '@internal/backstage-plugin-pipeline-node';
import { quoteTrino } from './entityTable';

/** One allow-listed source: a Trino catalog over a CDC source database, read-only. */
export interface SourceCatalogConfig extends SourceCatalogSummary {
  /** The Trino catalog (default: the source name). */
  catalog: string;
  /** The Trino instance (default: the first configured). */
  trino?: string;
}

/** Schema reads answer within 10 s even on a cold catalog, or fail naming Trino. */
const SCHEMA_CALL: TrinoQueryOptions = {
  timeoutMs: 8000,
  waitTimeoutMs: 10_000,
};

const KINDS = ['mariadb', 'mysql', 'postgres'] as const;

/** `dataPlatform.sourceCatalogs` from app-config; a bad entry fails the backend's start. */
export function readSourceCatalogs(config: Config): SourceCatalogConfig[] {
  return (
    config.getOptionalConfigArray('dataPlatform.sourceCatalogs') ?? []
  ).map(c => {
    const entry = {
      name: c.getString('name'),
      kind: c.getString('kind') as SourceCatalogConfig['kind'],
      schema: c.getString('schema'),
      catalog: c.getOptionalString('catalog') ?? c.getString('name'),
      trino: c.getOptionalString('trino'),
      title: c.getOptionalString('title'),
    };
    for (const key of ['name', 'schema', 'catalog'] as const)
      if (!isValidIdentifier('sqlIdentifier', entry[key]))
        throw new Error(
          `dataPlatform.sourceCatalogs: ${key} of ${entry.name} must be a lowercase SQL identifier`,
        );
    if (!KINDS.includes(entry.kind))
      throw new Error(
        `dataPlatform.sourceCatalogs: kind of ${
          entry.name
        } must be one of ${KINDS.join(', ')}`,
      );
    return entry;
  });
}

/** The source's own catalog query for a table's columns (its declared types, its primary key). */
function columnsQuery(
  kind: SourceCatalogConfig['kind'],
  schema: string,
  table: string,
) {
  // Both names passed sqlIdentifier (no quote can occur); '' because the query is itself
  // a Trino string literal.
  if (kind === 'postgres')
    return `SELECT a.attname::text AS name, format_type(a.atttypid, a.atttypmod) AS type,
  NOT a.attnotnull AS nullable, COALESCE(i.indisprimary, false) AS pk
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary AND a.attnum = ANY(i.indkey)
WHERE n.nspname = ''${schema}'' AND c.relname = ''${table}'' AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum`;
  return `SELECT column_name AS name, column_type AS type,
  CASE WHEN is_nullable = ''YES'' THEN 1 ELSE 0 END AS nullable,
  CASE WHEN column_key = ''PRI'' THEN 1 ELSE 0 END AS pk
FROM information_schema.columns
WHERE table_schema = ''${schema}'' AND table_name = ''${table}''
ORDER BY ordinal_position`;
}

const truthy = (v: unknown) => v === true || v === 1 || v === '1';

/**
 * The source schema the use-case forms pick tables and columns from, read through Trino's
 * catalogs over the CDC sources (read-only users; their credentials live in Trino's catalog
 * configuration and never reach the portal). Only allow-listed sources: a request names a
 * source, never a catalog. Tables come from Trino's metadata; columns from the source's own
 * catalog (Trino's `system.query` pass-through), because the spec wants the type as the source
 * declares it (`tinyint(1)`, `timestamp with time zone`), which Trino's own types lose.
 */
export class SourceSchemaService {
  private readonly cache = new CoalescingCache({ ttlMs: 30_000 });

  constructor(
    private readonly registry: UpstreamRegistry,
    private readonly sources: SourceCatalogConfig[],
  ) {}

  list(): SourceCatalogSummary[] {
    return this.sources.map(({ name, kind, schema, title }) => ({
      name,
      kind,
      schema,
      ...(title ? { title } : {}),
    }));
  }

  private source(name: string): SourceCatalogConfig {
    const found = this.sources.find(s => s.name === name);
    if (!found)
      throw new NotFoundError(
        `no configured source ${name}; configured: ${
          this.sources.map(s => s.name).join(', ') || 'none'
        }`,
      );
    return found;
  }

  private async query(source: SourceCatalogConfig, sql: string) {
    try {
      return await this.registry
        .get('trino', source.trino)
        .client.query(sql, SCHEMA_CALL);
    } catch (e) {
      throw toHttpError(e);
    }
  }

  async tables(name: string): Promise<string[]> {
    const source = this.source(name);
    return this.cache.get(`tables:${name}`, async () => {
      const result = await this.query(
        source,
        `SELECT table_name FROM ${quoteTrino(
          source.catalog,
        )}.information_schema.tables WHERE table_schema = '${
          source.schema
        }' AND table_type = 'BASE TABLE' ORDER BY table_name`,
      );
      // Only names the spec can hold; others (mixed case, dots) cannot be picked anyway.
      return result.rows
        .map(r => String(r[0]))
        .filter(t => isValidIdentifier('sqlIdentifier', t));
    });
  }

  async columns(name: string, table: string): Promise<SourceColumnsResponse> {
    if (!isValidIdentifier('sqlIdentifier', table))
      throw new InputError('table must be a lowercase SQL identifier');
    const source = this.source(name);
    if (!(await this.tables(name)).includes(table))
      throw new NotFoundError(
        `${name} has no table ${table} in ${source.schema}`,
      );
    return this.cache.get(`columns:${name}:${table}`, async () => {
      const inner = columnsQuery(source.kind, source.schema, table);
      const result = await this.query(
        source,
        `SELECT * FROM TABLE(${quoteTrino(
          source.catalog,
        )}.system.query(query => '${inner}'))`,
      );
      const index = (col: string) =>
        result.columns.findIndex(c => c.name.toLowerCase() === col);
      const [n, t, nl, pk] = ['name', 'type', 'nullable', 'pk'].map(index);
      const columns: SourceColumn[] = result.rows.map(r => ({
        name: String(r[n]),
        type: String(r[t]),
        nullable: truthy(r[nl]),
        primaryKey: truthy(r[pk]),
      }));
      return {
        source: name,
        table,
        columns,
        primaryKey: columns.filter(c => c.primaryKey).map(c => c.name),
      };
    });
  }
}
