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

/** One open lake session: statements run in order, SET and temporary tables carry over. @public */
export interface LakeSession {
  /** `options` override the session's for this statement (e.g. no signal for a clean-up). */
  run(
    statement: string,
    options?: Omit<ExecuteOptions, 'executionConfig'>,
  ): Promise<StatementResult>;
}

/**
 * Like {@link runInLakeSession}, for a caller that must know which statement failed (the form's
 * SELECT check tells a failing EXPLAIN from a failing setup statement): `work` runs statements
 * one by one in a session that has the instance's Paimon catalog, closed afterwards.
 *
 * @public
 */
export async function withLakeSession<T>(
  flink: FlinkInstance,
  work: (session: LakeSession) => Promise<T>,
  opts: Omit<ExecuteOptions, 'executionConfig'> & { sessionName?: string } = {},
): Promise<T> {
  if (!flink.sqlGateway || !flink.paimonCatalog)
    throw new Error(
      `flink instance '${flink.name}' needs sqlGatewayUrl and paimonCatalog for a lake session`,
    );
  const gateway = flink.sqlGateway;
  const { sessionName, ...exec } = opts;
  const handle = await gateway.openSession({ sessionName }, exec);
  try {
    const session: LakeSession = {
      run: (statement, options) =>
        gateway.executeStatement(handle, statement, { ...exec, ...options }),
    };
    const { name, options } = flink.paimonCatalog;
    await session.run(renderCatalogDdl(name, options));
    return await work(session);
  } finally {
    await gateway
      .closeSession(handle, { timeoutMs: exec.timeoutMs })
      .catch(() => undefined);
  }
}
