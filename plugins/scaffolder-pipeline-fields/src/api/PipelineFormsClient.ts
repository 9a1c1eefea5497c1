import type {
  SelectCheckRequest,
  SelectCheckResponse,
  SourceCatalogsResponse,
  SourceColumnsResponse,
  SourceTablesResponse,
} from '@internal/backstage-plugin-pipeline-common';
import {
  PluginBackendDeps,
  PluginBackendRequester,
} from '@internal/backstage-plugin-pipeline-react';
import type { PipelineFormsApi } from './PipelineFormsApi';

/** How many checked SELECTs are remembered: Next re-validates what the field just checked. */
const REMEMBERED = 20;

/**
 * The form fields' client. A check's answer is remembered by its request, so validating the
 * step (Next, Review) does not plan again what the field has just shown as accepted or rejected.
 */
export class PipelineFormsClient implements PipelineFormsApi {
  private readonly flink: PluginBackendRequester;
  private readonly trino: PluginBackendRequester;
  private readonly checked = new Map<string, SelectCheckResponse>();

  constructor(deps: PluginBackendDeps) {
    this.flink = new PluginBackendRequester('flink', deps);
    this.trino = new PluginBackendRequester('trino', deps);
  }

  async checkSelect(
    request: SelectCheckRequest,
    options: { signal?: AbortSignal } = {},
  ): Promise<SelectCheckResponse> {
    const key = JSON.stringify(request);
    const known = this.checked.get(key);
    if (known) return known;
    const answer = await this.flink.post<SelectCheckResponse>(
      '/select-check',
      request,
      options,
    );
    this.checked.set(key, answer);
    if (this.checked.size > REMEMBERED)
      this.checked.delete(this.checked.keys().next().value!);
    return answer;
  }

  listSources(): Promise<SourceCatalogsResponse> {
    return this.trino.get('/sources');
  }

  listTables(source: string): Promise<SourceTablesResponse> {
    return this.trino.get(`/sources/${encodeURIComponent(source)}/tables`);
  }

  listColumns(source: string, table: string): Promise<SourceColumnsResponse> {
    return this.trino.get(
      `/sources/${encodeURIComponent(source)}/tables/${encodeURIComponent(
        table,
      )}/columns`,
    );
  }
}
