import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  SelectCheckRequest,
  SelectCheckResponse,
  SourceCatalogsResponse,
  SourceColumnsResponse,
  SourceTablesResponse,
} from '@internal/backstage-plugin-pipeline-common';

/** The backend routes the use-case form fields use (flink: SELECT check; trino: source schema). */
export interface PipelineFormsApi {
  /** Plans a SELECT of the form's spec on the SQL Gateway; `signal` cancels a superseded check. */
  checkSelect(
    request: SelectCheckRequest,
    options?: { signal?: AbortSignal },
  ): Promise<SelectCheckResponse>;
  listSources(): Promise<SourceCatalogsResponse>;
  listTables(source: string): Promise<SourceTablesResponse>;
  listColumns(source: string, table: string): Promise<SourceColumnsResponse>;
}

export const pipelineFormsApiRef = createApiRef<PipelineFormsApi>({
  id: 'plugin.scaffolder-pipeline-fields.api',
});
