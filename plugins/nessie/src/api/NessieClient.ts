import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type {
  CreateReferenceRequest,
  NessieApi,
  RollbackRequest,
} from './NessieApi';
import type {
  CommitLogResponse,
  DiffResponse,
  PaimonResponse,
  ReferenceChangeResponse,
  ReferencesResponse,
} from './types';

/** A failed call, with the backend's message (it names the component and the call). */
export class NessieApiError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
    this.name = 'NessieApiError';
  }
  /** 503: the upstream (Nessie or the SQL Gateway) is down or slow, not the portal. */
  get upstreamDown() {
    return this.status === 503;
  }
  /** 409: the branch moved since the user looked. */
  get conflict() {
    return this.status === 409;
  }
}

export class NessieClient implements NessieApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  getReferences(entityRef: string) {
    return this.request<ReferencesResponse>('GET', '/references', {
      entityRef,
    });
  }

  getCommitLog(
    entityRef: string,
    ref: string,
    options: { limit?: number; pageToken?: string } = {},
  ) {
    return this.request<CommitLogResponse>('GET', '/log', {
      entityRef,
      ref,
      ...(options.limit ? { limit: String(options.limit) } : {}),
      ...(options.pageToken ? { pageToken: options.pageToken } : {}),
    });
  }

  getDiff(entityRef: string, from: string, to: string) {
    return this.request<DiffResponse>('GET', '/diff', { entityRef, from, to });
  }

  getPaimonVersions(entityRef: string) {
    return this.request<PaimonResponse>('GET', '/paimon', { entityRef });
  }

  createReference(entityRef: string, request: CreateReferenceRequest) {
    return this.request<ReferenceChangeResponse>(
      'POST',
      '/references',
      undefined,
      { entityRef, ...request },
    );
  }

  rollback(entityRef: string, request: RollbackRequest) {
    return this.request<ReferenceChangeResponse>(
      'POST',
      '/rollback',
      undefined,
      { entityRef, ...request },
    );
  }

  private async request<T>(
    method: 'GET' | 'POST',
    path: string,
    query?: Record<string, string>,
    body?: unknown,
  ): Promise<T> {
    const base = await this.deps.discoveryApi.getBaseUrl('nessie');
    const qs = query ? `?${new URLSearchParams(query)}` : '';
    const res = await this.deps.fetchApi.fetch(`${base}${path}${qs}`, {
      method,
      headers:
        body === undefined ? undefined : { 'Content-Type': 'application/json' },
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
      throw new NessieApiError(
        parsed?.error?.message ?? (text.slice(0, 300) || res.statusText),
        res.status,
      );
    }
    return parsed as T;
  }
}
