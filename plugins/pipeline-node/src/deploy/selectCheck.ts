import {
  PipelineSpec,
  plannerPosition,
  quoteIdent,
  SqlPosition,
} from '@internal/backstage-plugin-pipeline-common';
import { QueryError, UpstreamError } from '../lib/errors';
import type { FlinkInstance } from '../service/UpstreamRegistry';
import { planOnGateway, PlanRejectedError } from './gatewayPlan';

/** What the planner said about one authored SELECT. @public */
export interface SelectCheckOutcome {
  status: 'accepted' | 'rejected';
  /** `select`: the SELECT itself; `form`: the rest of the spec did not set up. */
  scope?: 'select' | 'form';
  message?: string;
  position?: SqlPosition;
  plan?: string;
  planLines?: number;
}

/** @public */
export interface SelectCheckOptions {
  signal?: AbortSignal;
  /** Bound of each gateway statement (the route bounds the whole check with `signal`). */
  waitTimeoutMs?: number;
}

const MAX_PLAN_CHARS = 16_000;

/** The planner's words without the plumbing: no scratch database name, no repeated prefix. */
function plannerWords(error: unknown, spec: PipelineSpec): string {
  const raw =
    error instanceof UpstreamError
      ? error.upstreamMessage ?? error.message
      : String((error as Error)?.message ?? error);
  return raw
    .replace(/portal_plan_[0-9a-f]{12}/g, spec.catalog.database)
    .replace(/(SQL validation failed\. )+/g, 'SQL validation failed. ');
}

/**
 * Plans one authored SELECT of a spec (a derived table's or a Kafka sink's) on the real SQL
 * Gateway, as `EXPLAIN INSERT INTO <its table>` in a session set up like the job (streams, sinks,
 * copy and derived tables in a scratch database), so names, types, and what the table takes are
 * all checked. The SELECT starts on the statement's second line, so the planner's
 * `line N, column M` is line N-1 of the SELECT. Gateway trouble (down, slow, aborted) is thrown.
 *
 * @public
 */
export async function checkAuthoredSelect(
  flink: FlinkInstance,
  spec: PipelineSpec,
  table: string,
  options: SelectCheckOptions = {},
): Promise<SelectCheckOutcome> {
  const derived = spec.derivedTables.find(t => t.name === table);
  const sink = spec.kafkaSinks.find(t => t.name === table);
  const target = derived ?? sink;
  if (!target)
    throw new Error(
      `${quoteIdent(
        table,
      )} is neither a derived table nor a Kafka sink of the spec`,
    );
  const catalog = flink.paimonCatalog?.name ?? 'lake';
  const into = (planned: PipelineSpec) =>
    derived
      ? `${quoteIdent(catalog)}.${quoteIdent(
          planned.catalog.database,
        )}.${quoteIdent(table)}`
      : quoteIdent(table);
  try {
    const { plan } = await planOnGateway(
      flink,
      spec,
      planned => `EXPLAIN INSERT INTO ${into(planned)}\n${target.select}`,
      { scratch: 'always', ...options },
    );
    return {
      status: 'accepted',
      plan: plan.slice(0, MAX_PLAN_CHARS),
      planLines: plan.split('\n').length,
    };
  } catch (error) {
    if (error instanceof PlanRejectedError) {
      // The EXPLAIN itself failed, but not in the planner (timeout, gateway down, aborted).
      if (!(error.cause instanceof QueryError)) throw error.cause;
      const { message, position } = plannerPosition(
        plannerWords(error.cause, spec),
        1,
      );
      return { status: 'rejected', scope: 'select', message, position };
    }
    if (error instanceof QueryError)
      return {
        status: 'rejected',
        scope: 'form',
        message: `the form's tables did not set up on the SQL Gateway: ${plannerWords(
          error,
          spec,
        )}`,
      };
    throw error;
  }
}
