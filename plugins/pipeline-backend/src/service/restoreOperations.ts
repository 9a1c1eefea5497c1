import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  PipelineOperationResponse,
  PipelineRestorePlan,
  pipelineRestorePermission,
  pipelineRestorePointCreatePermission,
} from '@internal/backstage-plugin-pipeline-common';
import type { Request } from 'express';
import { PipelineOperations } from './operations';
import { runRestore } from './restore';
import { planRestore } from './restorePlan';
import { createRestorePoint } from './restorePoints';

/**
 * The day-2 operations with restore points: the same path as every other write (authorized
 * against the registry's owner, audited, serialized by the pipeline's lock, recorded in its
 * history with the savepoints taken).
 */
export class RestoreOperations extends PipelineOperations {
  /**
   * Records a restore point: the job's savepoint (stopped and resumed at once), a Paimon tag per
   * table, a Nessie tag on the main commit recording those snapshots, the connectors' offsets.
   */
  async createRestorePoint(
    id: string,
    credentials: BackstageCredentials,
    request: Request,
  ): Promise<PipelineOperationResponse> {
    return this.audited(
      'pipeline-restore-point-create',
      request,
      { pipeline: id },
      async () => {
        const { row, spec, actor } = await this.authorized(
          id,
          pipelineRestorePointCreatePermission,
          credentials,
        );
        let restorePoint;
        const response = await this.locked(
          id,
          'restore-point',
          actor,
          { specDigest: row.specDigest },
          async p => {
            restorePoint = await createRestorePoint(
              this.ctx,
              row,
              spec,
              actor,
              p,
            );
            return `restore point ${restorePoint.name}`;
          },
        );
        return { ...response, restorePoint };
      },
    );
  }

  /** What restoring would change (the confirmation), for a caller who may restore. */
  async restorePlan(
    id: string,
    restorePointId: number,
    credentials: BackstageCredentials,
  ): Promise<PipelineRestorePlan> {
    const { row, spec } = await this.authorized(
      id,
      pipelineRestorePermission,
      credentials,
    );
    return planRestore(
      this.ctx,
      row,
      spec,
      await this.restorePoint(id, restorePointId),
    );
  }

  /**
   * Restores the pipeline to one of its restore points. `confirm` must repeat the restore
   * point's name, as the confirmation showed it: a request that did not see what will change
   * changes nothing.
   */
  async restore(
    id: string,
    restorePointId: number,
    confirm: string,
    credentials: BackstageCredentials,
    request: Request,
    options: { hold?: boolean } = {},
  ): Promise<PipelineOperationResponse> {
    return this.audited(
      'pipeline-restore',
      request,
      {
        pipeline: id,
        restorePoint: String(restorePointId),
        hold: Boolean(options.hold),
      },
      async () => {
        const { row, spec, actor } = await this.authorized(
          id,
          pipelineRestorePermission,
          credentials,
        );
        const point = await this.restorePoint(id, restorePointId);
        if (confirm !== point.name)
          throw new InputError(
            `confirm must repeat the restore point's name (${point.name}) as the confirmation shows it; nothing was changed`,
          );
        const response = await this.locked(
          id,
          'restore',
          actor,
          { specDigest: row.specDigest },
          async p => {
            await runRestore(this.ctx, row, spec, point, actor, p, options);
            return options.hold
              ? `restored to ${point.name} and held: the job and connectors stay stopped; resume from savepoint ${point.savepoint.location} to replay`
              : `restored to ${point.name}: job resumed from ${point.savepoint.location}`;
          },
        );
        return {
          ...response,
          restorePoint: await this.restorePoint(id, restorePointId),
        };
      },
    );
  }

  private async restorePoint(id: string, restorePointId: number) {
    const point = await this.ctx.restorePoints.get(id, restorePointId);
    if (!point)
      throw new NotFoundError(
        `restore point ${restorePointId} is not one of pipeline ${id}'s`,
      );
    return point;
  }
}
