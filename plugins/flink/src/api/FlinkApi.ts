import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  FlinkFleetResponse,
  FlinkJobActionResponse,
  FlinkJobDetailsResponse,
  FlinkJobSummaryResponse,
} from '@internal/backstage-plugin-pipeline-common';

/** The flink backend (/api/flink) as the plugin's components use it. */
export interface FlinkApi {
  getJobSummary(entityRef: string): Promise<FlinkJobSummaryResponse>;
  getJobDetails(
    entityRef: string,
    options?: { checkpoints?: number; exceptions?: number },
  ): Promise<FlinkJobDetailsResponse>;
  getFleet(): Promise<FlinkFleetResponse>;
  cancelJob(entityRef: string): Promise<FlinkJobActionResponse>;
  stopJobWithSavepoint(entityRef: string): Promise<FlinkJobActionResponse>;
}

export const flinkApiRef = createApiRef<FlinkApi>({ id: 'plugin.flink.api' });
