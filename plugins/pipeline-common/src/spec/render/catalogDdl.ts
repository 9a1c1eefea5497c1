import { quoteIdent } from '../identifiers';
import { sqlOptions } from './sqlText';

/**
 * `CREATE CATALOG IF NOT EXISTS` for a Flink SQL session, from the options an operator
 * configured (dataPlatform.upstreams.flink[].paimonCatalog). The name is validated; option keys
 * and values go through sqlString, so a secret with a quote cannot break out of its literal.
 */
export function renderCatalogDdl(
  name: string,
  options: Record<string, string>,
): string {
  return `CREATE CATALOG IF NOT EXISTS ${quoteIdent(name)} WITH (\n${sqlOptions(
    options,
  )}\n)`;
}
