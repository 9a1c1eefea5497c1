import { assertName } from '../../lib/identifiers';
import {
  CallOptions,
  HttpClientOptions,
  HttpTransport,
  route,
  sleep,
} from '../../lib/http';
import {
  QueryError,
  UpstreamAbortedError,
  UpstreamTimeoutError,
} from '../../lib/errors';

/** @public */
export interface TrinoClientOptions extends HttpClientOptions {
  /** Sent as X-Trino-User on every request. */
  user: string;
  catalog?: string;
  schema?: string;
  /** Sent as X-Trino-Source; shows in Trino's UI who ran the query. */
  source?: string;
}

/** @public */
export interface TrinoQueryOptions extends CallOptions {
  catalog?: string;
  schema?: string;
  /** Stop after this many rows and cancel the rest of the query (previews). */
  maxRows?: number;
  /** How long the whole query may take (default 300 s); it is cancelled after that. */
  waitTimeoutMs?: number;
}

/** @public */
export interface TrinoColumn {
  name: string;
  type: string;
}

/** @public */
export interface TrinoResult {
  queryId: string;
  /** Trino's UI page of the query. */
  infoUri?: string;
  columns: TrinoColumn[];
  rows: unknown[][];
  /** Set for statements like CREATE TABLE, INSERT, CALL. */
  updateType?: string;
  truncated: boolean;
}

interface TrinoResponse {
  id: string;
  infoUri?: string;
  nextUri?: string;
  columns?: TrinoColumn[];
  data?: unknown[][];
  updateType?: string;
  stats?: { state?: string };
  error?: {
    message?: string;
    errorName?: string;
    errorType?: string;
    errorCode?: number;
  };
}

const POLL = route('GET /v1/statement/{...}');

/**
 * Trino client protocol over plain fetch: POST /v1/statement, then follow nextUri until it
 * is gone. Aborting or timing out cancels the query with DELETE nextUri.
 *
 * @public
 */
export class TrinoClient {
  private readonly http: HttpTransport;
  private readonly defaults: { catalog?: string; schema?: string };

  constructor(options: TrinoClientOptions) {
    const headers: Record<string, string> = {
      'X-Trino-User': assertName('Trino user', options.user),
    };
    if (options.source)
      headers['X-Trino-Source'] = assertName('Trino source', options.source);
    this.http = new HttpTransport('trino', options, {
      readError: body => {
        const error = (body as TrinoResponse)?.error;
        return { message: error?.message, code: error?.errorName };
      },
      headers,
      // The protocol's contract: 502/503/504 mean "not processed, try again".
      retry: { statuses: [502, 503, 504], attempts: 4, delayMs: 500 },
    });
    this.defaults = { catalog: options.catalog, schema: options.schema };
  }

  async query(sql: string, opts: TrinoQueryOptions = {}): Promise<TrinoResult> {
    if (typeof sql !== 'string' || sql.trim() === '') {
      throw new TypeError('trino: sql must be a non-empty string');
    }
    const catalog = opts.catalog ?? this.defaults.catalog;
    const schema = opts.schema ?? this.defaults.schema;
    const headers: Record<string, string> = {};
    if (catalog)
      headers['X-Trino-Catalog'] = assertName('Trino catalog', catalog);
    if (schema) headers['X-Trino-Schema'] = assertName('Trino schema', schema);

    const waitTimeoutMs = opts.waitTimeoutMs ?? 300_000;
    const deadline = AbortSignal.timeout(waitTimeoutMs);
    const signal = opts.signal
      ? AbortSignal.any([deadline, opts.signal])
      : deadline;
    const what = {
      component: 'trino' as const,
      operation: 'query',
      request: 'POST /v1/statement',
    };

    const result: TrinoResult = {
      queryId: '',
      columns: [],
      rows: [],
      truncated: false,
    };
    let next: string | undefined;
    try {
      let res = (
        await this.http.request<TrinoResponse>(route('POST /v1/statement'), {
          text: sql,
          headers,
          signal,
          timeoutMs: opts.timeoutMs,
        })
      ).body;
      result.queryId = res.id;
      result.infoUri = res.infoUri;
      what.request = `query ${res.id}`;
      for (;;) {
        next = res.nextUri;
        if (res.error) {
          throw new QueryError({
            ...what,
            upstreamMessage: res.error.message,
            upstreamCode: res.error.errorName,
            errorType: res.error.errorType,
            queryId: res.id,
          });
        }
        if (res.columns) result.columns = res.columns;
        if (res.updateType) result.updateType = res.updateType;
        for (const row of res.data ?? []) result.rows.push(row);
        if (opts.maxRows !== undefined && result.rows.length >= opts.maxRows) {
          // The last page may hold more rows than asked for, too: trim it as well.
          result.truncated = result.rows.length > opts.maxRows || Boolean(next);
          result.rows.length = opts.maxRows;
          if (next) await this.cancel(next);
          break;
        }
        if (!next) break;
        if (!res.data?.length) await sleep(50, signal);
        res = (
          await this.http.request<TrinoResponse>(POLL, {
            url: this.onBase(next),
            signal,
            timeoutMs: opts.timeoutMs,
          })
        ).body;
      }
    } catch (error) {
      if (!signal.aborted) throw error;
      if (next) await this.cancel(next);
      if (opts.signal?.aborted)
        throw new UpstreamAbortedError({ ...what, cause: error });
      throw new UpstreamTimeoutError({ ...what, timeoutMs: waitTimeoutMs });
    }
    return result;
  }

  /** Trino echoes its own host in nextUri; keep talking to the configured base (proxies, no redirect of headers). */
  private onBase(uri: string): string {
    const next = new URL(uri);
    const base = new URL(this.http.baseUrl);
    return next.origin === base.origin
      ? next.toString()
      : new URL(next.pathname + next.search, base).toString();
  }

  private async cancel(nextUri: string): Promise<void> {
    await this.http
      .request(route('DELETE /v1/statement/{...}'), {
        url: this.onBase(nextUri),
        timeoutMs: 5000,
        accept: [404, 410],
      })
      .catch(() => undefined);
  }
}
