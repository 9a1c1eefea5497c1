import { quoteIdent } from '@internal/backstage-plugin-pipeline-common';
import type { PaimonTableName } from './entityScope';

/** How many of a table's newest snapshots the panel shows. */
export const SNAPSHOT_LIMIT = 20;

/**
 * `` `lake`.`commerce`.`orders$snapshots` ``: every part passes quoteIdent (sqlIdentifier,
 * so no backtick or "$" can be in it) before the system-table suffix is added.
 */
export function systemTable(
  catalog: string,
  { database, table }: PaimonTableName,
  kind: 'snapshots' | 'tags',
): string {
  const quotedTable = quoteIdent(table).replace(/`$/, `$${kind}\``);
  return `${quoteIdent(catalog)}.${quoteIdent(database)}.${quotedTable}`;
}

/**
 * The statements of one table's versions. Batch mode matters: in the session's default
 * streaming mode `ORDER BY … LIMIT` returns a changelog of retractions instead of the rows.
 */
export function versionStatements(
  catalog: string,
  table: PaimonTableName,
): string[] {
  return [
    "SET 'execution.runtime-mode' = 'batch'",
    `SELECT snapshot_id, commit_time, commit_kind, total_record_count FROM ${systemTable(
      catalog,
      table,
      'snapshots',
    )} ORDER BY snapshot_id DESC LIMIT ${SNAPSHOT_LIMIT}`,
    `SELECT tag_name, snapshot_id, create_time, commit_time, record_count FROM ${systemTable(
      catalog,
      table,
      'tags',
    )}`,
  ];
}
