import { randomBytes } from 'node:crypto';
import {
  paimonTableNames,
  PipelineSpec,
  quoteIdent,
  renderFlinkJob,
  renderPaimonDdl,
} from '@internal/backstage-plugin-pipeline-common';
import { runInLakeSession, withLakeSession } from '../service/lakeSession';
import type { FlinkInstance } from '../service/UpstreamRegistry';
import { existingPaimonTables } from './paimonStep';

/** @public */
export interface GatewayPlanOptions {
  /**
   * `when-missing` (the deploy): plan against the spec's own Paimon tables when they all exist,
   * else against a scratch copy. `always` (a form's check): always a scratch copy, because the
   * form's tables may differ from tables of the same name a running pipeline already has.
   */
  scratch?: 'always' | 'when-missing';
  signal?: AbortSignal;
  /** Bound of each statement, including waiting for its result (default: the client's, 120 s). */
  waitTimeoutMs?: number;
  /**
   * How often a statement's result is polled (default 50 ms). The plan is some twenty quick
   * statements; the client's default (300 ms) would add seconds of waiting to each check.
   */
  pollIntervalMs?: number;
}

/** @public */
export interface GatewayPlan {
  /** The planner's EXPLAIN output. */
  plan: string;
  /** Set when the plan ran against a scratch database (dropped right after). */
  scratchDatabase?: string;
}

/**
 * The statement to plan failed in the planner (not a setup statement before it): the form
 * shows the gateway's message at the authored SQL. `cause` is the gateway's QueryError.
 *
 * @public
 */
export class PlanRejectedError extends Error {
  constructor(readonly statement: string, cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'PlanRejectedError';
  }
}

/** Builds the EXPLAIN to run from the spec as it is planned and its rendered job statements. */
export type ExplainBuilder = (planned: PipelineSpec, job: string[]) => string;

const catalogOf = (flink: FlinkInstance) => flink.paimonCatalog?.name ?? 'lake';

async function explainInSession(
  flink: FlinkInstance,
  planned: PipelineSpec,
  setup: string[],
  explainOf: ExplainBuilder,
  options: GatewayPlanOptions,
  cleanup: string[],
): Promise<string> {
  const job = renderFlinkJob(planned, { paimonCatalog: catalogOf(flink) });
  const explain = explainOf(planned, job);
  let cleaned = cleanup.length === 0;
  try {
    return await withLakeSession(
      flink,
      async session => {
        try {
          // Everything but the job's last statement (its INSERT / STATEMENT SET): SETs, USE,
          // and the temporary Kafka tables the SQL reads and writes.
          for (const statement of [...setup, ...job.slice(0, -1)])
            await session.run(statement);
          let result;
          try {
            result = await session.run(explain);
          } catch (error) {
            throw new PlanRejectedError(explain, error);
          }
          return result.rows.map(r => String(r[0])).join('\n');
        } finally {
          // In the same session, and not bound to the caller's signal: an aborted check still
          // cleans up after itself.
          cleaned ||= await cleanup
            .reduce(
              (done, statement) =>
                done.then(() => session.run(statement, { signal: undefined })),
              Promise.resolve({} as unknown),
            )
            .then(
              () => true,
              () => false,
            );
        }
      },
      {
        signal: options.signal,
        waitTimeoutMs: options.waitTimeoutMs,
        pollIntervalMs: options.pollIntervalMs ?? 50,
      },
    );
  } finally {
    // The session broke (or never opened): one more try in a session of its own.
    if (!cleaned)
      await runInLakeSession(flink, cleanup.slice(1)).catch(() => undefined);
  }
}

/**
 * Plans SQL of a spec on the real SQL Gateway, in one session that first sets up what the job
 * would (catalog, SETs, temporary tables). EXPLAIN needs the Paimon tables: when they do not
 * exist yet (a dry run, a first deploy, a form), it plans against the same tables created in a
 * scratch database that is dropped right after, so the pipeline's own database is never
 * touched. Used by the deploy's EXPLAIN step and by the form's SELECT check.
 *
 * @public
 */
export async function planOnGateway(
  flink: FlinkInstance,
  spec: PipelineSpec,
  explainOf: ExplainBuilder,
  options: GatewayPlanOptions = {},
): Promise<GatewayPlan> {
  if (options.scratch !== 'always') {
    const tables = await existingPaimonTables(flink, spec.catalog.database);
    if (paimonTableNames(spec).every(name => tables.has(name)))
      return {
        plan: await explainInSession(flink, spec, [], explainOf, options, []),
      };
  }
  const scratch = `portal_plan_${randomBytes(6).toString('hex')}`;
  const planned = { ...spec, catalog: { ...spec.catalog, database: scratch } };
  const catalog = quoteIdent(catalogOf(flink));
  const plan = await explainInSession(
    flink,
    planned,
    renderPaimonDdl(planned, { paimonCatalog: catalogOf(flink) }),
    explainOf,
    options,
    [
      // A session cannot drop the database it uses (the job's USE): leave it first.
      'USE CATALOG `default_catalog`',
      ...paimonTableNames(spec).map(
        name =>
          `DROP TABLE IF EXISTS ${catalog}.${quoteIdent(scratch)}.${quoteIdent(
            name,
          )}`,
      ),
      `DROP DATABASE IF EXISTS ${catalog}.${quoteIdent(scratch)}`,
    ],
  );
  return { plan, scratchDatabase: scratch };
}
