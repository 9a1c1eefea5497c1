import { InputError, ServiceUnavailableError } from '@backstage/errors';
import {
  locateAuthoredSelectProblem,
  pipelineSpecSchema,
  SelectCheckRequest,
  SelectCheckResponse,
  ShapeParamsError,
  specForShape,
} from '@internal/backstage-plugin-pipeline-common';
import {
  checkAuthoredSelect,
  toHttpError,
  UpstreamRegistry,
} from '@internal/backstage-plugin-pipeline-node';

export interface SelectCheckLimits {
  /** The whole check, queueing included, answers within this (default 25 s). */
  timeoutMs?: number;
  /** Checks planned at once; the rest wait their turn (default 2: the gateway is shared). */
  maxConcurrent?: number;
}

/** At most `max` at once, first come first served; a waiter gives up when its signal fires. */
class Gate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly max: number) {}

  async run<T>(signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.max)
      await new Promise<void>((resolve, reject) => {
        const waiter = {
          go: () => {
            signal.removeEventListener('abort', waiter.abort);
            resolve();
          },
          abort: () => {
            this.waiting.splice(this.waiting.indexOf(waiter.go), 1);
            reject(signal.reason);
          },
        };
        this.waiting.push(waiter.go);
        signal.addEventListener('abort', waiter.abort, { once: true });
      });
    else this.active++;
    try {
      return await fn();
    } finally {
      // A waiter inherits this slot; otherwise it is freed.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/**
 * The use-case forms' SELECT check: builds the spec the form describes (pipeline-common's
 * specForShape, as the scaffolder action will), applies the spec's own rules, and asks the real
 * SQL Gateway to plan the SELECT (pipeline-node's checkAuthoredSelect). Bounded in time and in
 * parallel checks; a caller that goes away cancels its check.
 */
export class SelectCheckService {
  private readonly gate: Gate;
  private readonly timeoutMs: number;

  constructor(
    private readonly registry: UpstreamRegistry,
    limits: SelectCheckLimits = {},
  ) {
    this.gate = new Gate(limits.maxConcurrent ?? 2);
    this.timeoutMs = limits.timeoutMs ?? 25_000;
  }

  /** `params` are the form's answers, unchecked: specForShape parses them. */
  async check(
    request: Omit<SelectCheckRequest, 'params'> & { params: unknown },
    signal?: AbortSignal,
  ): Promise<SelectCheckResponse> {
    const started = Date.now();
    const answer = (r: Omit<SelectCheckResponse, 'elapsedMs'>) => ({
      ...r,
      elapsedMs: Date.now() - started,
    });
    const { shape, params, table, select } = request;

    if (select.trim() !== '') {
      const local = locateAuthoredSelectProblem(select);
      if (local)
        return answer({ status: 'rejected', scope: 'select', ...local });
    }
    let input;
    try {
      input = specForShape(shape, {
        ...(params as object),
        selects: select.trim() === '' ? {} : { [table]: select },
      });
    } catch (e) {
      if (!(e instanceof ShapeParamsError)) throw e;
      const own = e.problems.some(p => p.startsWith(`selects.${table}:`));
      return answer({
        status: 'rejected',
        scope: own ? 'select' : 'form',
        message: e.problems.join('\n'),
      });
    }
    const parsed = pipelineSpecSchema.safeParse(input);
    if (!parsed.success)
      return answer({
        status: 'rejected',
        scope: 'form',
        message: parsed.error.issues
          .map(i => `${i.path.map(String).join('.')}: ${i.message}`)
          .join('\n'),
      });

    const tables = [...parsed.data.derivedTables, ...parsed.data.kafkaSinks];
    if (!tables.some(t => t.name === table))
      throw new InputError(
        `${shape} has no derived table or Kafka sink ${table}; it has: ${tables
          .map(t => t.name)
          .join(', ')}`,
      );
    const deadline = AbortSignal.timeout(this.timeoutMs);
    const bounded = signal ? AbortSignal.any([deadline, signal]) : deadline;
    try {
      const outcome = await this.gate.run(bounded, () =>
        checkAuthoredSelect(this.registry.get('flink'), parsed.data, table, {
          signal: bounded,
          waitTimeoutMs: this.timeoutMs,
        }),
      );
      return answer(outcome);
    } catch (e) {
      if (deadline.aborted)
        throw new ServiceUnavailableError(
          `the SQL Gateway did not plan the SELECT within ${Math.round(
            this.timeoutMs / 1000,
          )} s; try again`,
        );
      throw toHttpError(e);
    }
  }
}
