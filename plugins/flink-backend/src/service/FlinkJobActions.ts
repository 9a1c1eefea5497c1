import type {
  AuditorService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  type FlinkJobActionResponse,
  flinkJobCancelPermission,
  flinkJobStopPermission,
  pipelineObjectRef,
} from '@internal/backstage-plugin-pipeline-common';
import type { Request } from 'express';
import type { FlinkJobService } from './FlinkJobService';
import { isTerminal, pickJob } from './jobFigures';

export type FlinkJobAction = FlinkJobActionResponse['action'];

const PERMISSION = {
  cancel: flinkJobCancelPermission,
  'stop-with-savepoint': flinkJobStopPermission,
} as const;

/**
 * Cancel and stop-with-savepoint of an entity's job. The permission is checked against the
 * entity before anything reaches Flink, and every attempt (denied, failed, done) is audited.
 */
export class FlinkJobActions {
  constructor(
    private readonly jobs: FlinkJobService,
    private readonly permissions: PermissionsService,
    private readonly auditor: AuditorService,
    private readonly savepointWaitMs = 60_000,
    private readonly actionTimeoutMs = 15_000,
  ) {}

  async run(
    action: FlinkJobAction,
    entity: Entity,
    credentials: BackstageCredentials,
    request: Request,
  ): Promise<FlinkJobActionResponse> {
    const target = this.jobs.target(entity);
    const meta = {
      action,
      entityRef: target.entityRef,
      jobName: target.jobName,
      instance: target.flink.name,
    };
    const event = await this.auditor.createEvent({
      eventId: 'flink-job-action',
      severityLevel: 'high',
      request,
      meta,
    });
    let jid: string | undefined;
    try {
      // Checked on the job itself: the pipeline registry resolves it to the pipeline that
      // claims it, so an entity's annotation cannot point a user at another team's job.
      const resourceRef = pipelineObjectRef({
        kind: 'flink-job',
        instance: target.flink.name,
        name: target.jobName,
      });
      const [decision] = await this.permissions.authorize(
        [{ permission: PERMISSION[action], resourceRef }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `not allowed to ${action} Flink job ${target.jobName} (asked from ${target.entityRef}): no pipeline you own claims it`,
        );
      }
      // Fresh job list: acting on a cached view could hit a run that already ended. An action
      // may wait longer than a view (whose 4 s budget keeps pages responsive): a busy
      // JobManager listing many ended jobs answered too late for it in CI.
      this.jobs.invalidate(target.flink);
      const { job } = pickJob(
        await target.flink.rest.listJobs({ timeoutMs: this.actionTimeoutMs }),
        target.jobName,
      );
      if (!job)
        throw new ConflictError(
          `job '${target.jobName}' is not deployed on ${target.flink.name}`,
        );
      jid = job.jid;
      if (isTerminal(job.state)) {
        throw new ConflictError(
          `job '${target.jobName}' (${jid}) is already ${job.state}`,
        );
      }
      let savepointLocation: string | undefined;
      if (action === 'cancel') {
        await target.flink.rest.cancel(jid, {
          timeoutMs: this.actionTimeoutMs,
        });
      } else {
        savepointLocation = (
          await target.flink.rest.stopWithSavepoint(
            jid,
            { waitTimeoutMs: this.savepointWaitMs },
            { timeoutMs: this.actionTimeoutMs },
          )
        ).location;
      }
      this.jobs.invalidate(target.flink, jid);
      await event.success({
        meta: {
          ...meta,
          jid,
          outcome: 'done',
          savepointLocation: savepointLocation ?? null,
        },
      });
      return {
        entityRef: target.entityRef,
        jobName: target.jobName,
        jid,
        action,
        savepointLocation,
      };
    } catch (error) {
      const outcome = error instanceof NotAllowedError ? 'denied' : 'failed';
      await event.fail({
        error: error as Error,
        meta: { ...meta, jid: jid ?? null, outcome },
      });
      throw error;
    }
  }
}
