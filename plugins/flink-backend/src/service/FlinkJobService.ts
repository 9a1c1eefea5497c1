import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  FLINK_JOB_NAME_ANNOTATION,
  type FlinkClusterCapacity,
  type FlinkJobDetailsResponse,
  type FlinkJobSummary,
  type FlinkJobSummaryResponse,
  getFlinkJobName,
  getUpstreamInstance,
} from '@internal/backstage-plugin-pipeline-common';
import type {
  CoalescingCache,
  FlinkInstance,
  FlinkJobOverview,
  UpstreamRegistry,
} from '@internal/backstage-plugin-pipeline-node';
import {
  checkpointFigure,
  isTerminal,
  jobDashboardUrl,
  maxBackpressure,
  pickJob,
  shortStacktrace,
} from './jobFigures';
import { readVertices } from './vertexHealth';

/** Where an entity's job lives and under which name. */
export interface JobTarget {
  entityRef: string;
  jobName: string;
  flink: FlinkInstance;
}

/**
 * Reads the health of the Flink job an entity names. Every upstream read goes through the
 * coalescing cache, so a page of cards and the tab cost one round of requests per few seconds.
 */
export class FlinkJobService {
  constructor(
    private readonly registry: UpstreamRegistry,
    private readonly cache: CoalescingCache,
    /** Per Flink request; keeps a hung cluster from holding a page longer than ~5 s. */
    private readonly timeoutMs = 4000,
  ) {}

  /** The job name comes only from the entity's annotation, never from the request. */
  target(entity: Entity): JobTarget {
    const entityRef = stringifyEntityRef(entity);
    const jobName = getFlinkJobName(entity);
    if (!jobName) {
      throw new InputError(
        `${entityRef} has no ${FLINK_JOB_NAME_ANNOTATION} annotation; add ` +
          `"${FLINK_JOB_NAME_ANNOTATION}: <job name>" to its metadata.annotations`,
      );
    }
    return {
      entityRef,
      jobName,
      flink: this.registry.get('flink', getUpstreamInstance(entity)),
    };
  }

  async listJobs(flink: FlinkInstance): Promise<FlinkJobOverview[]> {
    return this.cache.get(`jobs:${flink.name}`, () =>
      flink.rest.listJobs({ timeoutMs: this.timeoutMs }),
    );
  }

  async findJob(t: JobTarget) {
    return pickJob(await this.listJobs(t.flink), t.jobName);
  }

  /** TaskManagers and slots, cached like the job list; undefined when the JobManager does not say. */
  async capacity(
    flink: FlinkInstance,
  ): Promise<FlinkClusterCapacity | undefined> {
    return this.cache
      .get(`overview:${flink.name}`, async () => {
        const o = await flink.rest.overview({ timeoutMs: this.timeoutMs });
        return {
          taskManagers: o.taskmanagers,
          slotsTotal: o['slots-total'],
          slotsAvailable: o['slots-available'],
        };
      })
      .catch(() => undefined);
  }

  async summary(entity: Entity): Promise<FlinkJobSummaryResponse> {
    const t = this.target(entity);
    const [{ job, otherRuns }, cluster] = await Promise.all([
      this.findJob(t),
      this.capacity(t.flink),
    ]);
    const base = { ...this.answerBase(t), ...(cluster ? { cluster } : {}) };
    if (!job) return { ...base, status: 'not-deployed' };
    return {
      ...base,
      status: 'deployed',
      job: await this.jobSummary(t.flink, job, otherRuns),
    };
  }

  async details(
    entity: Entity,
    options: { checkpoints: number; exceptions: number },
  ): Promise<FlinkJobDetailsResponse> {
    const t = this.target(entity);
    const base = this.answerBase(t);
    const { job, otherRuns } = await this.findJob(t);
    if (!job) return { ...base, status: 'not-deployed' };
    const call = { timeoutMs: this.timeoutMs };
    const [summary, vertices, checkpoints, exceptions] = await Promise.all([
      this.jobSummary(t.flink, job, otherRuns),
      this.vertices(t.flink, job),
      this.checkpoints(t.flink, job.jid),
      this.cache.get(
        `exceptions:${t.flink.name}:${job.jid}:${options.exceptions}`,
        () => t.flink.rest.exceptions(job.jid, options.exceptions, call),
      ),
    ]);
    return {
      ...base,
      status: 'deployed',
      details: {
        summary,
        vertices: vertices.vertices,
        checkpoints: {
          counts: {
            total: checkpoints.counts.total,
            completed: checkpoints.counts.completed,
            failed: checkpoints.counts.failed,
            inProgress: checkpoints.counts.in_progress,
            restored: checkpoints.counts.restored,
          },
          history: (checkpoints.history ?? [])
            .slice(0, options.checkpoints)
            .map(checkpointFigure),
        },
        exceptions: {
          entries: exceptions.exceptionHistory.entries.map(e => ({
            exceptionName: e.exceptionName,
            timestamp: e.timestamp,
            taskName: e.taskName,
            stacktrace: shortStacktrace(e.stacktrace ?? ''),
          })),
          truncated: exceptions.exceptionHistory.truncated,
        },
      },
    };
  }

  /** Forget what is cached about an instance's jobs, after a cancel or a stop. */
  invalidate(flink: FlinkInstance, jid?: string) {
    this.cache.invalidate(`jobs:${flink.name}`);
    if (jid) {
      for (const prefix of ['summary', 'vertices', 'checkpoints', 'exceptions'])
        this.cache.invalidate(`${prefix}:${flink.name}:${jid}`);
    }
  }

  private answerBase(t: JobTarget) {
    return {
      entityRef: t.entityRef,
      jobName: t.jobName,
      instance: t.flink.name,
      clusterDashboardUrl: t.flink.dashboardUrl,
    };
  }

  private checkpoints(flink: FlinkInstance, jid: string) {
    return this.cache.get(`checkpoints:${flink.name}:${jid}`, () =>
      flink.rest.checkpoints(jid, { timeoutMs: this.timeoutMs }),
    );
  }

  private vertices(flink: FlinkInstance, job: FlinkJobOverview) {
    return this.cache.get(`vertices:${flink.name}:${job.jid}`, async () => {
      const details = await flink.rest.job(job.jid, {
        timeoutMs: this.timeoutMs,
      });
      // An ended job has no live subtasks to sample.
      return readVertices(flink.rest, details, {
        timeoutMs: this.timeoutMs,
        sample: !isTerminal(details.state),
      });
    });
  }

  private jobSummary(
    flink: FlinkInstance,
    job: FlinkJobOverview,
    otherRuns: number,
  ): Promise<FlinkJobSummary> {
    return this.cache.get(
      `summary:${flink.name}:${job.jid}:${job.state}`,
      async () => {
        const [checkpoints, metrics, vertices] = await Promise.all([
          this.checkpoints(flink, job.jid),
          flink.rest.metrics(job.jid, ['numRestarts'], {
            timeoutMs: this.timeoutMs,
          }),
          this.vertices(flink, job),
        ]);
        const latest = checkpoints.latest.completed;
        const now = Date.now();
        const last = latest ? checkpointFigure(latest) : undefined;
        return {
          jid: job.jid,
          name: job.name,
          state: job.state,
          startTime: job['start-time'],
          uptimeMs: isTerminal(job.state)
            ? job.duration
            : Math.max(0, now - job['start-time']),
          restarts: metrics.numRestarts,
          lastCheckpoint: last && {
            ...last,
            ageMs: last.completedAt
              ? Math.max(0, now - last.completedAt)
              : undefined,
          },
          completedCheckpoints: checkpoints.counts.completed,
          failedCheckpoints: checkpoints.counts.failed,
          backpressure: maxBackpressure(
            vertices.vertices.map(v => v.backpressure),
          ),
          recordsInPerSecond: vertices.recordsInPerSecond,
          recordsOutPerSecond: vertices.recordsOutPerSecond,
          dashboardUrl: jobDashboardUrl(flink.dashboardUrl, job),
          otherRuns,
        };
      },
    );
  }
}
