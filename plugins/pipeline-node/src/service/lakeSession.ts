import { renderCatalogDdl } from '@internal/backstage-plugin-pipeline-common';
import type {
  ExecuteOptions,
  StatementResult,
} from '../clients/flink-sql-gateway/FlinkSqlGatewayClient';
import type { FlinkInstance } from './UpstreamRegistry';

/**
 * Runs statements in one SQL Gateway session that first creates the instance's Paimon catalog,
 * so callers write `lake.commerce.orders` and never handle the catalog's credentials.
 * Returns the results of `statements` only (not of the catalog DDL).
 *
 * @public
 */
export async function runInLakeSession(
  flink: FlinkInstance,
  statements: string[],
  opts: Omit<ExecuteOptions, 'executionConfig'> & { sessionName?: string } = {},
): Promise<StatementResult[]> {
  if (!flink.sqlGateway)
    throw new Error(
      `flink instance '${flink.name}' has no sqlGatewayUrl configured`,
    );
  if (!flink.paimonCatalog)
    throw new Error(
      `flink instance '${flink.name}' has no paimonCatalog configured`,
    );
  const { name, options } = flink.paimonCatalog;
  const results = await flink.sqlGateway.runStatements(
    [renderCatalogDdl(name, options), ...statements],
    opts,
  );
  return results.slice(1);
}
