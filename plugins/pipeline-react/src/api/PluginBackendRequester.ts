import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { DataPlatformApiError } from './DataPlatformApiError';

/** Query parameters of a GET; undefined ones are left out. */
export type QueryParams = Record<string, string | number | undefined>;

/** Per-call options: a caller that sends a newer request (a form field) aborts the older one. */
export interface CallInit {
  signal?: AbortSignal;
}

/** What a plugin's API factory hands its client. */
export interface PluginBackendDeps {
  discoveryApi: DiscoveryApi;
  /** Adds the signed-in user's token. */
  fetchApi: FetchApi;
}

/** How much of a non-JSON error body (an HTML error page, say) becomes the message. */
const MAX_PLAIN_MESSAGE = 300;

/**
 * JSON over HTTP to one plugin's backend (`/api/<pluginId>`), the way every data-platform
 * client talks to it: answers are parsed as JSON, and a failure becomes a
 * {@link DataPlatformApiError} with the backend's `error.message`.
 */
export class PluginBackendRequester {
  constructor(
    private readonly pluginId: string,
    private readonly deps: PluginBackendDeps,
    private readonly options: {
      /** Aborts a call that takes longer; none by default. */
      timeoutMs?: number;
    } = {},
  ) {}

  /** GET `path` (starting with "/") with the given query parameters. */
  get<T>(path: string, query?: QueryParams, call?: CallInit): Promise<T> {
    return this.request<T>(
      `${path}${queryString(query)}`,
      { method: 'GET' },
      call,
    );
  }

  /** POST `body` as JSON to `path` (starting with "/"). */
  post<T>(path: string, body: unknown, call?: CallInit): Promise<T> {
    return this.request<T>(
      path,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      },
      call,
    );
  }

  private async request<T>(
    path: string,
    init: RequestInit,
    call: CallInit = {},
  ): Promise<T> {
    const base = await this.deps.discoveryApi.getBaseUrl(this.pluginId);
    const { timeoutMs } = this.options;
    const signals = [
      ...(timeoutMs ? [AbortSignal.timeout(timeoutMs)] : []),
      ...(call.signal ? [call.signal] : []),
    ];
    const res = await this.deps.fetchApi.fetch(`${base}${path}`, {
      ...init,
      signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0],
    });
    const text = await res.text();
    const parsed = parseJson(text);
    if (!res.ok) {
      const message =
        parsed?.error?.message ??
        (text.slice(0, MAX_PLAIN_MESSAGE) || res.statusText);
      throw new DataPlatformApiError(message, res.status);
    }
    return parsed as T;
  }
}

function queryString(query: QueryParams | undefined): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) params.set(name, String(value));
  }
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

/** The body as JSON, or undefined when it is empty or not JSON (a proxy's error page). */
function parseJson(text: string): any {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
