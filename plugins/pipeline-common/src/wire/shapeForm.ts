/**
 * What the use-case forms' backend routes take and answer: the SELECT check of the flink
 * backend (POST /api/flink/select-check) and the source schema of the trino backend
 * (GET /api/trino/sources…). Shared by the backends and the form fields.
 */
import type { SqlPosition } from '../spec/selectPosition';
import type { ShapeParams } from '../spec/useCases/shapeParamsSchema';

export interface SelectCheckRequest {
  /** A use-case shape, e.g. `fraud-cep`. */
  shape: string;
  /** The form's answers so far (its `selects` are ignored: `select` is the one checked). */
  params: ShapeParams;
  /** The derived table or Kafka sink whose SELECT this is. */
  table: string;
  /** The authored SELECT; empty means the shape's own SELECT for these answers. */
  select: string;
}

export interface SelectCheckResponse {
  /** accepted: the planner planned it; rejected: it did not (or the form cannot make a spec yet). */
  status: 'accepted' | 'rejected';
  /** `select`: the problem is in this SELECT; `form`: in the form's other answers. */
  scope?: 'select' | 'form';
  message?: string;
  /** Where in the SELECT the planner (or the spec's rule) points, 1-based. */
  position?: SqlPosition;
  /** The start of the planner's EXPLAIN output (accepted). */
  plan?: string;
  planLines?: number;
  elapsedMs: number;
}

/** A source the forms may read tables from (app-config `dataPlatform.sourceCatalogs`). */
export interface SourceCatalogSummary {
  /** The spec's source name, e.g. `commerce_mariadb`. */
  name: string;
  kind: 'mariadb' | 'mysql' | 'postgres';
  /** MariaDB/MySQL database or PostgreSQL schema the tables are listed from. */
  schema: string;
  title?: string;
}

export interface SourceCatalogsResponse {
  sources: SourceCatalogSummary[];
}

export interface SourceTablesResponse {
  source: string;
  tables: string[];
}

export interface SourceColumn {
  name: string;
  /** As the source database declares it, e.g. `decimal(12,2)`, `timestamp with time zone`. */
  type: string;
  nullable: boolean;
  primaryKey: boolean;
}

export interface SourceColumnsResponse {
  source: string;
  table: string;
  columns: SourceColumn[];
  primaryKey: string[];
}
