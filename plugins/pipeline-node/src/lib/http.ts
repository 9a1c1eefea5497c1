import {
  AlreadyExistsError,
  ConflictError,
  NotFoundError,
  UpstreamAbortedError,
  UpstreamComponent,
  UpstreamError,
  UpstreamErrorDetails,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
} from './errors';

/** Options every REST client takes. @public */
export interface HttpClientOptions {
  /** Root of the upstream's REST API, e.g. `http://127.0.0.1:8083`. */
  baseUrl: string;
  /** Timeout of one HTTP request (default 10 s). */
  timeoutMs?: number;
  /** Replaces the global fetch (tests, proxies, auth). */
  fetch?: typeof fetch;
}

/** Options of one call. @public */
export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the client's per-request timeout for this call. */
  timeoutMs?: number;
}

export interface Route {
  /** Template form, used as the error's `operation`: `GET /connectors/{name}/status`. */
  operation: string;
  method: string;
  path: string;
}

/** Builds a route from `METHOD /path/{param}`; every parameter is URI-encoded. */
export function route(
  operation: string,
  params: Record<string, string> = {},
): Route {
  const [method, template] = operation.split(' ');
  const path = template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined)
      throw new Error(`route ${operation}: missing {${key}}`);
    return encodeURIComponent(value);
  });
  return { operation, method, path };
}

export type Query = Record<
  string,
  string | number | boolean | string[] | undefined
>;

export interface RequestSpec extends CallOptions {
  query?: Query;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as text/plain (Trino takes the SQL text as body). */
  text?: string;
  headers?: Record<string, string>;
  /** Absolute URL handed out by the upstream (Trino `nextUri`); replaces baseUrl + path. */
  url?: string;
  /** Non-2xx statuses returned to the caller instead of thrown. */
  accept?: number[];
}

export interface RetryPolicy {
  statuses: number[];
  /** Retries other answers too when this says the condition is transient. */
  retryIf?: (status: number, body: unknown) => boolean;
  attempts: number;
  delayMs: number;
}

export interface HttpResult<T> {
  status: number;
  body: T;
}

/** What the upstream said in an error body, in its own format. */
export type ErrorBodyReader = (body: unknown) => {
  message?: string;
  code?: string;
};

const MAX_MESSAGE = 500;

export function trimMessage(message: string | undefined): string | undefined {
  if (!message) return undefined;
  const flat = message.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_MESSAGE ? `${flat.slice(0, MAX_MESSAGE)}…` : flat;
}

/** Rejects with the signal's reason when it fires first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    let timer: NodeJS.Timeout | undefined = undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function networkReason(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: string; message?: string } })
    ?.cause;
  return cause?.code ?? cause?.message ?? (error as Error)?.message;
}

/** One upstream's HTTP plumbing: URL building, timeouts, retries, error mapping. */
export class HttpTransport {
  readonly component: UpstreamComponent;
  readonly baseUrl: string;
  readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly readError: ErrorBodyReader;
  private readonly headers: Record<string, string>;
  private readonly retry?: RetryPolicy;

  constructor(
    component: UpstreamComponent,
    options: HttpClientOptions,
    config: {
      readError: ErrorBodyReader;
      headers?: Record<string, string>;
      retry?: RetryPolicy;
    },
  ) {
    if (!/^https?:\/\/[^/]/.test(options.baseUrl ?? '')) {
      throw new TypeError(
        `${component}: baseUrl must be an http(s) URL, got ${options.baseUrl}`,
      );
    }
    this.component = component;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    // Late-bound so a fetch patched after construction (msw in tests) is used.
    this.fetchImpl =
      options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.readError = config.readError;
    this.headers = config.headers ?? {};
    this.retry = config.retry;
  }

  url(path: string, query?: Query): string {
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) {
        url.searchParams.append(key, String(v));
      }
    }
    return url.toString();
  }

  async request<T = unknown>(
    r: Route,
    spec: RequestSpec = {},
  ): Promise<HttpResult<T>> {
    const url = spec.url ?? this.url(r.path, spec.query);
    const details: UpstreamErrorDetails = {
      component: this.component,
      operation: r.operation,
      request: `${r.method} ${spec.url ? new URL(spec.url).pathname : r.path}`,
    };
    const timeoutMs = spec.timeoutMs ?? this.timeoutMs;
    const headers: Record<string, string> = {
      Accept: 'application/json',
      ...this.headers,
    };
    let body: string | undefined;
    if (spec.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(spec.json);
    } else if (spec.text !== undefined) {
      headers['Content-Type'] = 'text/plain; charset=utf-8';
      body = spec.text;
    }
    Object.assign(headers, spec.headers);

    const attempts = this.retry?.attempts ?? 1;
    for (let attempt = 1; ; attempt++) {
      if (spec.signal?.aborted) throw new UpstreamAbortedError(details);
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = spec.signal
        ? AbortSignal.any([timeout, spec.signal])
        : timeout;
      let status: number;
      let parsed: unknown;
      try {
        const res = await this.fetchImpl(url, {
          method: r.method,
          headers,
          body,
          signal,
        });
        status = res.status;
        parsed = parseBody(await res.text());
      } catch (error) {
        if (spec.signal?.aborted)
          throw new UpstreamAbortedError({ ...details, cause: error });
        if (timeout.aborted)
          throw new UpstreamTimeoutError({
            ...details,
            timeoutMs,
            cause: error,
          });
        throw new UpstreamUnavailableError({
          ...details,
          target: new URL(url).origin,
          upstreamMessage: networkReason(error),
          cause: error,
        });
      }
      if (status >= 200 && status < 300) return { status, body: parsed as T };
      if (spec.accept?.includes(status)) return { status, body: parsed as T };
      if (
        this.retry &&
        this.shouldRetry(status, parsed) &&
        attempt < attempts
      ) {
        try {
          await sleep(this.retry.delayMs * attempt, spec.signal);
        } catch (error) {
          throw new UpstreamAbortedError({ ...details, cause: error });
        }
        continue;
      }
      throw this.errorFor(details, status, parsed);
    }
  }

  private shouldRetry(status: number, body: unknown): boolean {
    if (!this.retry) return false;
    return (
      this.retry.statuses.includes(status) ||
      (this.retry.retryIf?.(status, body) ?? false)
    );
  }

  errorFor(
    details: UpstreamErrorDetails,
    status: number,
    body: unknown,
  ): UpstreamError {
    const said = this.readError(body);
    const full: UpstreamErrorDetails = {
      ...details,
      status,
      upstreamMessage:
        trimMessage(said.message) ??
        (typeof body === 'string' ? trimMessage(body) : undefined),
      upstreamCode: said.code,
    };
    if (status === 404) return new NotFoundError(full);
    if (status === 409) {
      return /ALREADY_EXISTS/.test(said.code ?? '')
        ? new AlreadyExistsError(full)
        : new ConflictError(full);
    }
    return new UpstreamError(full);
  }
}

/**
 * Runs `attempt` until it returns a value, within `timeoutMs` overall. A request aborted
 * because the overall time ran out is reported as a timeout of the whole operation.
 */
export async function poll<T>(
  what: { component: UpstreamComponent; operation: string; request?: string },
  options: { timeoutMs: number; intervalMs: number; signal?: AbortSignal },
  attempt: (signal: AbortSignal) => Promise<T | undefined>,
): Promise<T> {
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal
    ? AbortSignal.any([deadline, options.signal])
    : deadline;
  const timedOut = () =>
    new UpstreamTimeoutError({ ...what, timeoutMs: options.timeoutMs });
  for (;;) {
    let result: T | undefined;
    try {
      result = await attempt(signal);
    } catch (error) {
      if (
        error instanceof UpstreamAbortedError &&
        deadline.aborted &&
        !options.signal?.aborted
      ) {
        throw timedOut();
      }
      throw error;
    }
    if (result !== undefined) return result;
    try {
      await sleep(options.intervalMs, signal);
    } catch (error) {
      if (options.signal?.aborted)
        throw new UpstreamAbortedError({ ...what, cause: error });
      throw timedOut();
    }
  }
}
