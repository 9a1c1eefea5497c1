import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type { FlinkApi } from './FlinkApi';
import type {
  FlinkFleetResponse,
  FlinkJobActionResponse,
  FlinkJobDetailsResponse,
  FlinkJobSummaryResponse,
} from './types';

/** A failed call, with the backend's own message (it names the component and what failed). */
export class FlinkApiError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
    this.name = 'FlinkApiError';
  }
  /** 503: Flink itself is down or too slow, not the portal. */
  get upstreamDown() {
    return this.status === 503;
  }
}

export class FlinkClient implements FlinkApi {
  constructor(private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {}

  getJobSummary(entityRef: string) {
    return this.request<FlinkJobSummaryResponse>('GET', '/summary', { entityRef });
  }

  getJobDetails(entityRef: string, options: { checkpoints?: number; exceptions?: number } = {}) {
    return this.request<FlinkJobDetailsResponse>('GET', '/details', {
      entityRef,
      ...(options.checkpoints ? { checkpoints: String(options.checkpoints) } : {}),
      ...(options.exceptions ? { exceptions: String(options.exceptions) } : {}),
    });
  }

  getFleet() {
    return this.request<FlinkFleetResponse>('GET', '/fleet');
  }

  cancelJob(entityRef: string) {
    return this.request<FlinkJobActionResponse>('POST', '/cancel', undefined, { entityRef });
  }

  stopJobWithSavepoint(entityRef: string) {
    return this.request<FlinkJobActionResponse>('POST', '/stop-with-savepoint', undefined, { entityRef });
  }

  private async request<T>(
    method: 'GET' | 'POST',
    path: string,
    query?: Record<string, string>,
    body?: unknown,
  ): Promise<T> {
    const base = await this.deps.discoveryApi.getBaseUrl('flink');
    const qs = query ? `?${new URLSearchParams(query)}` : '';
    const res = await this.deps.fetchApi.fetch(`${base}${path}${qs}`, {
      method,
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: any;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!res.ok) {
      const message = parsed?.error?.message ?? (text.slice(0, 300) || res.statusText);
      throw new FlinkApiError(message, res.status);
    }
    return parsed as T;
  }
}
