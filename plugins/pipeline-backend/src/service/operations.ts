import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import {
  hasAuthoredSelects,
  parsePipelineSpec,
  PipelineOperation,
  PipelineOperationResponse,
  pipelineDecommissionPermission,
  pipelineDeployPermission,
  pipelineRestorePointCreatePermission,
  PipelineSpec,
  pipelineStopPermission,
  PipelineStepView,
  RESOURCE_TYPE_PIPELINE,
} from '@internal/backstage-plugin-pipeline-common';
import {
  DEPLOY_STEPS,
  type DeployStepName,
  type StepResult,
} from '@internal/backstage-plugin-pipeline-node';
import type { ResourcePermission } from '@backstage/plugin-permission-common';
import type { Request } from 'express';
import type { PipelineRecord } from '../registry/RegistryStore';
import { actorOf, RegistryContext } from './context';
import { reserve } from './reservation';
import { pipelineSpecDigest } from './specDigest';
import { dropPipelineObjects } from './decommission';
import { resumeStoppedConnectors } from './restoreSupport';

/** What an operation did so far: its steps, and the savepoints it took (recorded even on failure). */
interface Progress {
  steps: PipelineStepView[];
  savepoints: { jobId: string; location: string; reason: string }[];
}

export const toStepView = (r: StepResult): PipelineStepView => ({
  step: r.step,
  component: r.component,
  dryRun: r.dryRun,
  changes: r.changes.map(c => ({ ...c })),
});

/** The spec the registry recorded for a pipeline, parsed (it was valid when recorded). */
export function recordedSpec(row: PipelineRecord): PipelineSpec | undefined {
  if (!row.spec) return undefined;
  const parsed = parsePipelineSpec(row.spec);
  return parsed.success ? parsed.spec : undefined;
}

export interface DeployRequest {
  spec: PipelineSpec;
  credentials: BackstageCredentials;
  request: Request;
  dryRun?: boolean;
  /** Only these steps, in deploy order (release-tag last); the whole deploy by default. */
  steps?: DeployStepName[];
  /** Release day of a release-tag step. */
  day?: Date;
  acceptStateLoss?: boolean;
  adopt?: boolean;
  instance?: string;
  /** Called with each step's result as it completes (the scaffolder logs them live). */
  onStep?: (result: PipelineStepView) => void;
}

/**
 * The one path every write to a pipeline takes — template run or Deployment tab: authorized
 * against the registry's owner, checked against its claims and scope, serialized by the
 * pipeline's lock (a second concurrent operation is refused, naming who holds it), audited,
 * and recorded in the pipeline's history with the savepoints it took.
 */
export class PipelineOperations {
  constructor(protected readonly ctx: RegistryContext) {}

  protected async audited<T>(
    eventId: string,
    request: Request,
    meta: Record<string, string | boolean | null>,
    work: () => Promise<T>,
  ): Promise<T> {
    const event = await this.ctx.auditor.createEvent({
      eventId,
      severityLevel: 'high',
      request,
      meta,
    });
    try {
      const result = await work();
      await event.success({ meta });
      return result;
    } catch (error) {
      await event.fail({ error: error as Error, meta });
      throw error;
    }
  }

  /** Runs `work` holding the pipeline's lock, recorded as one operation of its history. */
  protected async locked(
    id: string,
    operation: PipelineOperation,
    actor: string,
    digests: { specDigest?: string; previousDigest?: string },
    work: (progress: Progress) => Promise<string | undefined>,
  ): Promise<PipelineOperationResponse> {
    await this.ctx.store.acquireLock(id, actor, operation, this.ctx.lockTtlMs);
    const recordId = await this.ctx.store.startOperation(
      id,
      operation,
      actor,
      digests,
    );
    const progress: Progress = { steps: [], savepoints: [] };
    try {
      const message = await work(progress);
      await this.ctx.store.finishOperation(recordId, {
        outcome: 'succeeded',
        steps: progress.steps,
        message,
      });
      return {
        pipeline: id,
        operation,
        record: await this.ctx.store.operation(recordId),
        savepoint: progress.savepoints[0]?.location,
      };
    } catch (error) {
      await this.ctx.store.finishOperation(recordId, {
        outcome: 'failed',
        steps: progress.steps,
        message: (error as Error).message,
      });
      throw error;
    } finally {
      // Savepoints are recorded whatever happened after them: they are the way back.
      for (const sp of progress.savepoints)
        await this.ctx.store.addSavepoint(id, {
          ...sp,
          actor,
          specDigest: digests.previousDigest ?? digests.specDigest,
        });
      await this.ctx.store.releaseLock(id, actor);
    }
  }

  async deploy(req: DeployRequest): Promise<PipelineOperationResponse> {
    const actor = actorOf(req.credentials);
    const { spec } = req;
    return this.audited(
      req.dryRun ? 'pipeline-plan' : 'pipeline-deploy',
      req.request,
      {
        pipeline: `default/${spec.name}`,
        dryRun: Boolean(req.dryRun),
        acceptStateLoss: Boolean(req.acceptStateLoss),
        adopt: Boolean(req.adopt),
      },
      async () => {
        const reserveRequest = {
          spec,
          credentials: req.credentials,
          actor,
          adopt: req.adopt,
          instance: req.instance,
        };
        // Every check first, writing nothing: owner, scope, claims, objects already on the stack.
        let reservation = await reserve(this.ctx, {
          ...reserveRequest,
          dryRun: true,
        });
        // Then the tables the job's plan reads, still before anything is claimed or changed.
        if (
          !req.dryRun &&
          hasAuthoredSelects(spec) &&
          (!req.steps || req.steps.includes('flink-sql'))
        )
          await this.ctx.deployer.step('flink-sql', spec, {
            dryRun: true,
            instance: req.instance,
          });
        if (!req.dryRun) reservation = await reserve(this.ctx, reserveRequest);
        const order: DeployStepName[] = [...DEPLOY_STEPS, 'release-tag'];
        const steps = req.steps
          ? order.filter(step => req.steps!.includes(step))
          : [...DEPLOY_STEPS];
        const run = async (progress: Progress) => {
          const previousSpec = reservation.before
            ? recordedSpec(reservation.before)
            : undefined;
          const digest = pipelineSpecDigest(spec);
          for (const name of steps) {
            const result = await this.ctx.deployer.step(name, spec, {
              dryRun: req.dryRun,
              instance: req.instance,
              day: req.day,
              acceptStateLoss: req.acceptStateLoss,
              previousSpec,
              onSavepoint: sp =>
                progress.savepoints.push({ ...sp, reason: 'replace' }),
            });
            const view = toStepView(result);
            progress.steps.push(view);
            req.onStep?.(view);
          }
          if (req.dryRun) return undefined;
          // Only a full deploy makes the spec the deployed one; a single step only advances it.
          if (DEPLOY_STEPS.every(step => steps.includes(step)))
            await this.ctx.store.update(reservation.id, {
              status: 'deployed',
              spec,
              specDigest: digest,
              deployedAt: new Date().toISOString(),
              deployedBy: actor,
            });
          return undefined;
        };
        if (req.dryRun) {
          const progress: Progress = { steps: [], savepoints: [] };
          await run(progress);
          return {
            pipeline: reservation.id,
            operation: 'deploy' as const,
            record: {
              id: 0,
              operation: 'deploy' as const,
              actor,
              startedAt: new Date().toISOString(),
              outcome: 'succeeded' as const,
              specDigest: pipelineSpecDigest(spec),
              previousDigest: reservation.before?.specDigest,
              steps: progress.steps,
              message: 'dry run: nothing was changed',
            },
          };
        }
        return this.locked(
          reservation.id,
          'deploy',
          actor,
          {
            specDigest: pipelineSpecDigest(spec),
            previousDigest: reservation.before?.specDigest,
          },
          run,
        ).catch(async error => {
          // A refused operation (busy, or a replace whose plan cannot take the state, which
          // resumed the deployed spec) leaves the pipeline as it was; any other failure marks it.
          const refused =
            error instanceof ConflictError ||
            /^deploy step '[^']+' failed at [^:]+: refused: /.test(
              (error as Error).message,
            );
          if (!refused)
            await this.ctx.store.update(reservation.id, { status: 'failed' });
          throw error;
        });
      },
    );
  }

  /** Loads a registry row and checks the caller's permission on it. */
  async authorized(
    id: string,
    permission: ResourcePermission<typeof RESOURCE_TYPE_PIPELINE>,
    credentials: BackstageCredentials,
  ): Promise<{ row: PipelineRecord; spec: PipelineSpec; actor: string }> {
    const actor = actorOf(credentials);
    const row = await this.ctx.store.get(id);
    if (!row)
      throw new InputError(`no pipeline ${id} in the pipeline registry`);
    if (!(await this.ctx.access.allowed(permission, row, credentials)))
      throw new NotAllowedError(
        `${actor} may not ${
          permission.name === pipelineRestorePointCreatePermission.name
            ? 'create a restore point of'
            : permission.name.split('.').pop()
        } pipeline ${id}: its owner in the pipeline registry is ${
          row.owner
        }, and you are neither a member of it nor a platform operator`,
      );
    const spec = recordedSpec(row);
    if (!spec)
      throw new ConflictError(
        `pipeline ${id} has no deployed spec in the registry yet; deploy it first`,
      );
    return { row, spec, actor };
  }

  private liveJob(spec: PipelineSpec, instance?: string) {
    const flink = this.ctx.upstreams.get('flink', instance);
    return flink.rest
      .listJobs()
      .then(jobs =>
        jobs.filter(
          j =>
            j.name === spec.flinkJob.name &&
            ['CREATED', 'INITIALIZING', 'RUNNING', 'RESTARTING'].includes(
              j.state,
            ),
        ),
      )
      .then(live => ({ flink, live }));
  }

  /** Stops the pipeline's job with a savepoint (recorded for resume). */
  async stop(
    id: string,
    credentials: BackstageCredentials,
    request: Request,
  ): Promise<PipelineOperationResponse> {
    return this.audited(
      'pipeline-stop',
      request,
      { pipeline: id },
      async () => {
        const { row, spec, actor } = await this.authorized(
          id,
          pipelineStopPermission,
          credentials,
        );
        return this.locked(
          id,
          'stop',
          actor,
          { specDigest: row.specDigest },
          async p => {
            const { flink, live } = await this.liveJob(spec);
            if (live.length !== 1)
              throw new ConflictError(
                `pipeline ${id} has ${live.length} live jobs named ${spec.flinkJob.name}; a stop needs exactly one`,
              );
            const { location } = await flink.rest.stopWithSavepoint(
              live[0].jid,
              {
                waitTimeoutMs: 120_000,
              },
            );
            p.savepoints.push({ jobId: live[0].jid, location, reason: 'stop' });
            p.steps.push({
              step: 'flink-job',
              component: 'flink-rest',
              dryRun: false,
              changes: [
                {
                  target: spec.flinkJob.name,
                  outcome: 'updated',
                  detail: `stopped ${live[0].jid} with savepoint ${location}`,
                },
              ],
            });
            await this.ctx.store.update(id, { status: 'stopped' });
            return `stopped with savepoint ${location}`;
          },
        );
      },
    );
  }

  /** Resumes the deployed spec from one of the pipeline's recorded savepoints (the newest by default). */
  async resume(
    id: string,
    savepointId: number | undefined,
    credentials: BackstageCredentials,
    request: Request,
  ): Promise<PipelineOperationResponse> {
    return this.audited(
      'pipeline-resume',
      request,
      { pipeline: id, savepointId: savepointId ? String(savepointId) : null },
      async () => {
        const { row, spec, actor } = await this.authorized(
          id,
          pipelineDeployPermission,
          credentials,
        );
        const savepoints = await this.ctx.store.savepoints(id);
        const savepoint =
          savepointId === undefined
            ? savepoints[0]
            : savepoints.find(s => s.id === savepointId);
        if (!savepoint)
          throw new InputError(
            savepointId === undefined
              ? `pipeline ${id} has no recorded savepoint to resume from`
              : `savepoint ${savepointId} is not one of pipeline ${id}'s`,
          );
        return this.locked(
          id,
          'resume',
          actor,
          { specDigest: row.specDigest },
          async p => {
            const { live } = await this.liveJob(spec);
            if (live.length)
              throw new ConflictError(
                `pipeline ${id}'s job is already ${live[0].state} as ${live[0].jid}; stop it before resuming from a savepoint`,
              );
            // A held restore leaves the source connectors stopped (at the restored offsets).
            const resumed = await resumeStoppedConnectors(this.ctx, spec);
            if (resumed) p.steps.push(resumed);
            const result = await this.ctx.deployer.step('flink-job', spec, {
              restoreFrom: savepoint.location,
            });
            p.steps.push(toStepView(result));
            await this.ctx.store.update(id, { status: 'deployed' });
            return `resumed from savepoint ${savepoint.location}`;
          },
        );
      },
    );
  }

  /**
   * Stops the job with a savepoint and removes the connectors; topics and tables are kept or
   * dropped as the caller said — both must be said explicitly. Objects kept stay claimed, so
   * no other pipeline can take them (or resume from this one's savepoints).
   */
  async decommission(
    id: string,
    choice: { dropTopics: boolean; dropTables: boolean },
    credentials: BackstageCredentials,
    request: Request,
  ): Promise<PipelineOperationResponse> {
    return this.audited(
      'pipeline-decommission',
      request,
      { pipeline: id, ...choice },
      async () => {
        const { row, spec, actor } = await this.authorized(
          id,
          pipelineDecommissionPermission,
          credentials,
        );
        return this.locked(
          id,
          'decommission',
          actor,
          { specDigest: row.specDigest },
          async p => {
            const { flink, live } = await this.liveJob(spec);
            for (const job of live) {
              const { location } = await flink.rest.stopWithSavepoint(job.jid, {
                waitTimeoutMs: 120_000,
              });
              p.savepoints.push({
                jobId: job.jid,
                location,
                reason: 'decommission',
              });
            }
            p.steps.push(
              ...(await dropPipelineObjects(this.ctx, id, spec, choice)),
            );
            await this.ctx.store.update(id, { status: 'decommissioned' });
            return `decommissioned; topics ${
              choice.dropTopics ? 'dropped' : 'kept'
            }, tables ${choice.dropTables ? 'dropped' : 'kept'}`;
          },
        );
      },
    );
  }
}
