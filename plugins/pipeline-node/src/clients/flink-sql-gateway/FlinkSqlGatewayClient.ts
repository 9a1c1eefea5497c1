import { assertUuid } from '../../lib/identifiers';
import {
  CallOptions,
  HttpClientOptions,
  HttpTransport,
  route,
  sleep,
  trimMessage,
} from '../../lib/http';
import {
  QueryError,
  UpstreamAbortedError,
  UpstreamError,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
} from '../../lib/errors';
import { readFlinkErrors } from '../flink-rest/flinkErrors';

/** @public */
export interface SqlGatewayColumn {
  name: string;
  logicalType: { type: string; nullable: boolean };
}

/** @public */
export type RowKind = 'INSERT' | 'UPDATE_BEFORE' | 'UPDATE_AFTER' | 'DELETE';

/** @public */
export interface StatementResult {
  columns: SqlGatewayColumn[];
  rows: unknown[][];
  /** Changelog kind of each row (streaming queries emit updates and deletes). */
  rowKinds: RowKind[];
  resultKind?: 'SUCCESS' | 'SUCCESS_WITH_CONTENT';
  /** The Flink job the statement submitted (INSERT, streaming SELECT). */
  jobId?: string;
  /** maxRows was reached and the operation was closed. */
  truncated: boolean;
}

/** @public */
export interface ExecuteOptions extends CallOptions {
  /** Per-statement config, e.g. `{'pipeline.name': 'orders'}`. */
  executionConfig?: Record<string, string>;
  /** Stop (and close the operation) after this many rows; needed for unbounded queries. */
  maxRows?: number;
  /** How long to wait for the statement's results overall (default 120 s). */
  waitTimeoutMs?: number;
  pollIntervalMs?: number;
}

interface ResultPage {
  resultType: 'NOT_READY' | 'PAYLOAD' | 'EOS';
  resultKind?: 'SUCCESS' | 'SUCCESS_WITH_CONTENT';
  jobID?: string;
  results?: {
    columns?: SqlGatewayColumn[];
    data?: Array<{ kind: RowKind; fields: unknown[] }>;
  };
  nextResultUri?: string | null;
}

/** Hides option values that look like credentials before SQL lands in a message. */
export function redactSql(sql: string): string {
  return sql.replace(
    /('[^']*(secret|password|passwd|token|access-key|credential)[^']*'\s*=\s*)'(?:[^']|'')*'/gi,
    "$1'***'",
  );
}

const excerpt = (sql: string) => {
  const flat = redactSql(sql).replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 80)}…` : flat;
};

/** The job id an INSERT (or other job-submitting statement) returned. @public */
export function extractJobId(result: StatementResult): string | undefined {
  if (result.jobId) return result.jobId;
  const col = result.columns.findIndex(c => c.name === 'job id');
  const value = col >= 0 ? result.rows[0]?.[col] : undefined;
  return typeof value === 'string' && /^[0-9a-f]{32}$/.test(value)
    ? value
    : undefined;
}

const sessionId = (sh: unknown) => assertUuid('SQL Gateway session handle', sh);

/**
 * Flink SQL Gateway REST (port 8090 here). Statements run in a session; a statement's
 * results are paged (NOT_READY → PAYLOAD… → EOS) and collected into columns + rows.
 *
 * @public
 */
export class FlinkSqlGatewayClient {
  private readonly http: HttpTransport;

  constructor(options: HttpClientOptions) {
    this.http = new HttpTransport('flink-sql-gateway', options, {
      readError: readFlinkErrors,
    });
  }

  async openSession(
    opts: { properties?: Record<string, string>; sessionName?: string } = {},
    options?: CallOptions,
  ): Promise<string> {
    const { body } = await this.http.request<{ sessionHandle: string }>(
      route('POST /v2/sessions'),
      {
        ...options,
        json: {
          sessionName: opts.sessionName,
          properties: opts.properties ?? {},
        },
      },
    );
    return sessionId(body?.sessionHandle);
  }

  async closeSession(
    sessionHandle: string,
    options?: CallOptions,
  ): Promise<void> {
    const r = route('DELETE /v2/sessions/{sh}', {
      sh: sessionId(sessionHandle),
    });
    await this.http.request(r, { ...options, accept: [404] });
  }

  async executeStatement(
    sessionHandle: string,
    statement: string,
    opts: ExecuteOptions = {},
  ): Promise<StatementResult> {
    const sh = sessionId(sessionHandle);
    if (typeof statement !== 'string' || statement.trim() === '') {
      throw new TypeError(
        'flink-sql-gateway: statement must be a non-empty string',
      );
    }
    const submit = route('POST /v2/sessions/{sh}/statements', { sh });
    const { body } = await this.http.request<{ operationHandle: string }>(
      submit,
      {
        signal: opts.signal,
        timeoutMs: opts.timeoutMs,
        json: { statement, executionConfig: opts.executionConfig },
      },
    );
    const oh = assertUuid(
      'SQL Gateway operation handle',
      body?.operationHandle,
    );
    const what = {
      component: 'flink-sql-gateway' as const,
      operation: 'executeStatement',
      request: `statement "${excerpt(statement)}"`,
    };

    const waitTimeoutMs = opts.waitTimeoutMs ?? 120_000;
    const deadline = AbortSignal.timeout(waitTimeoutMs);
    const signal = opts.signal
      ? AbortSignal.any([deadline, opts.signal])
      : deadline;
    const result: StatementResult = {
      columns: [],
      rows: [],
      rowKinds: [],
      truncated: false,
    };
    const page = route('GET /v2/sessions/{sh}/operations/{oh}/result/{token}', {
      sh,
      oh,
      token: '0',
    });
    // Only follow result URIs of this very operation (the gateway hands out root-relative ones).
    const ownPrefix = new RegExp(
      `^/v\\d+/sessions/${sh}/operations/${oh}/result/\\d+(\\?|$)`,
    );
    let path: string | null | undefined = `${page.path}?rowFormat=JSON`;
    try {
      while (path) {
        let res: ResultPage;
        try {
          res = (
            await this.http.request<ResultPage>(page, {
              url: this.http.baseUrl + path,
              signal,
              timeoutMs: opts.timeoutMs,
            })
          ).body;
        } catch (error) {
          throw this.statementError(error, what);
        }
        if (res.resultKind) result.resultKind = res.resultKind;
        if (res.jobID) result.jobId = res.jobID;
        if (res.results?.columns?.length) result.columns = res.results.columns;
        const data = res.results?.data ?? [];
        for (const row of data) {
          result.rows.push(row.fields);
          result.rowKinds.push(row.kind);
        }
        if (res.resultType === 'EOS') break;
        if (opts.maxRows !== undefined && result.rows.length >= opts.maxRows) {
          result.rows.length = result.rowKinds.length = opts.maxRows;
          result.truncated = true;
          await this.closeOperation(sh, oh);
          break;
        }
        path = res.nextResultUri;
        if (path && !ownPrefix.test(path)) {
          throw new UpstreamError({
            ...what,
            upstreamMessage: `unexpected nextResultUri ${path}`,
          });
        }
        if (res.resultType === 'NOT_READY' || data.length === 0) {
          await sleep(opts.pollIntervalMs ?? 300, signal);
        }
      }
    } catch (error) {
      if (signal.aborted) {
        await this.closeOperation(sh, oh);
        if (opts.signal?.aborted)
          throw new UpstreamAbortedError({ ...what, cause: error });
        throw new UpstreamTimeoutError({ ...what, timeoutMs: waitTimeoutMs });
      }
      throw error;
    }
    return result;
  }

  /** Runs statements in order in one new session (SET and CREATE TEMPORARY carry over), then closes it. */
  async runStatements(
    statements: string[],
    opts: { properties?: Record<string, string>; sessionName?: string } & Omit<
      ExecuteOptions,
      'executionConfig'
    > = {},
  ): Promise<StatementResult[]> {
    const { properties, sessionName, ...exec } = opts;
    const sh = await this.openSession({ properties, sessionName }, exec);
    try {
      const results: StatementResult[] = [];
      for (const statement of statements) {
        results.push(await this.executeStatement(sh, statement, exec));
      }
      return results;
    } finally {
      await this.closeSession(sh, { timeoutMs: exec.timeoutMs }).catch(
        () => undefined,
      );
    }
  }

  /** Best effort: cancels a still running operation; its own failure must not hide the real one. */
  private async closeOperation(sh: string, oh: string): Promise<void> {
    const r = route('DELETE /v2/sessions/{sh}/operations/{oh}/close', {
      sh,
      oh,
    });
    await this.http
      .request(r, { timeoutMs: 5000, accept: [404, 500] })
      .catch(() => undefined);
  }

  private statementError(
    error: unknown,
    what: {
      component: 'flink-sql-gateway';
      operation: string;
      request: string;
    },
  ): unknown {
    if (
      !(error instanceof UpstreamError) ||
      error instanceof UpstreamTimeoutError ||
      error instanceof UpstreamAbortedError ||
      error instanceof UpstreamUnavailableError
    ) {
      return error;
    }
    return new QueryError({
      ...what,
      status: error.status,
      upstreamMessage: trimMessage(redactSql(error.upstreamMessage ?? '')),
      upstreamCode: error.upstreamCode,
      cause: error,
    });
  }
}
