import { ResponseError } from '@backstage/errors';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type {
  FreshnessSummary,
  PreviewRequest,
  PreviewResult,
  TableOverview,
  TableSnapshot,
  TrinoApi,
} from './TrinoApi';

/** Calls /api/trino with the signed-in user's token (fetchApi adds it). */
export class TrinoClient implements TrinoApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const base = await this.deps.discoveryApi.getBaseUrl('trino');
    const res = await this.deps.fetchApi.fetch(`${base}${path}`, init);
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as T;
  }

  overview(entityRef: string, snapshotId?: string) {
    const q = new URLSearchParams({ entityRef });
    if (snapshotId) q.set('snapshotId', snapshotId);
    return this.request<TableOverview>(`/overview?${q}`);
  }

  freshness(entityRef: string) {
    return this.request<FreshnessSummary>(
      `/freshness?${new URLSearchParams({ entityRef })}`,
    );
  }

  async snapshots(entityRef: string) {
    const body = await this.request<{ snapshots: TableSnapshot[] }>(
      `/snapshots?${new URLSearchParams({ entityRef })}`,
    );
    return body.snapshots;
  }

  preview(request: PreviewRequest) {
    return this.request<PreviewResult>('/preview', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
  }
}
