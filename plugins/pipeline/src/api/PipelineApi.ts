import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  PipelineOperationResponse,
  PipelineRestorePlan,
  PipelineView,
} from '@internal/backstage-plugin-pipeline-common';

/** The pipeline backend (/api/pipeline) as the Deployment tab uses it. */
export interface PipelineApi {
  /** The registry's view of the pipeline a Component stands for (404 when it is none). */
  getPipelineForEntity(entityRef: string): Promise<PipelineView>;
  /** The dry run of deploying the spec at HEAD, step by step; nothing changes. */
  plan(pipeline: string): Promise<PipelineOperationResponse>;
  /** Deploys the spec at HEAD. */
  deploy(
    pipeline: string,
    options: { acceptStateLoss: boolean },
  ): Promise<PipelineOperationResponse>;
  stop(pipeline: string): Promise<PipelineOperationResponse>;
  resume(
    pipeline: string,
    savepointId?: number,
  ): Promise<PipelineOperationResponse>;
  decommission(
    pipeline: string,
    choice: { dropTopics: boolean; dropTables: boolean },
  ): Promise<PipelineOperationResponse>;
  /** Savepoint (stop and resume), Paimon tags, Nessie tag and connector offsets, together. */
  createRestorePoint(pipeline: string): Promise<PipelineOperationResponse>;
  /** What restoring would change; nothing changes. */
  restorePlan(
    pipeline: string,
    restorePointId: number,
  ): Promise<PipelineRestorePlan>;
  /** Restores; `confirm` repeats the restore point's name, as the plan showed it. */
  restore(
    pipeline: string,
    restorePointId: number,
    options: { confirm: string; hold: boolean },
  ): Promise<PipelineOperationResponse>;
}

export const pipelineApiRef = createApiRef<PipelineApi>({
  id: 'plugin.pipeline.api',
});
