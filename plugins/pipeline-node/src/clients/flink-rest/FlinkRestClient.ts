import { assertFlinkId } from '../../lib/identifiers';
import {
  CallOptions,
  HttpClientOptions,
  HttpTransport,
  poll,
  route,
} from '../../lib/http';
import { UpstreamError } from '../../lib/errors';
import type { FlinkJobState } from '@internal/backstage-plugin-pipeline-common';
import { readFlinkErrors } from './flinkErrors';

/** Flink's job states: one list, shared with the /api/flink wire types. @public */
export type { FlinkJobState };

/** `GET /overview`. @public */
export interface FlinkClusterOverview {
  taskmanagers: number;
  'slots-total': number;
  'slots-available': number;
  'jobs-running': number;
  'jobs-finished': number;
  'jobs-cancelled': number;
  'jobs-failed': number;
  'flink-version': string;
}

/** An entry of `GET /jobs/overview`. @public */
export interface FlinkJobOverview {
  jid: string;
  name: string;
  state: FlinkJobState;
  'start-time': number;
  'end-time': number;
  duration: number;
  'last-modification': number;
  tasks: Record<string, number>;
}

/** `GET /jobs/{jid}`. @public */
export interface FlinkJobDetails {
  jid: string;
  name: string;
  state: FlinkJobState;
  'start-time': number;
  duration: number;
  vertices: Array<{
    id: string;
    name: string;
    parallelism: number;
    status: string;
    metrics?: {
      'read-records'?: number;
      'write-records'?: number;
      'accumulated-backpressured-time'?: number;
      'accumulated-busy-time'?: number;
    };
  }>;
  /** The job graph: a vertex without `inputs` is a source, one no other vertex reads is a sink. */
  plan?: {
    nodes: Array<{ id: string; inputs?: Array<{ id: string }> }>;
  };
}

/** @public */
export interface FlinkCheckpointRef {
  id: number;
  status: string;
  latest_ack_timestamp: number;
  external_path?: string;
  state_size?: number;
  checkpointed_size?: number;
  end_to_end_duration?: number;
  trigger_timestamp?: number;
  is_savepoint?: boolean;
  checkpoint_type?: string;
  failure_message?: string;
}

/** `GET /jobs/{jid}/checkpoints`. @public */
export interface FlinkCheckpoints {
  counts: {
    total: number;
    in_progress: number;
    completed: number;
    failed: number;
    restored: number;
  };
  latest: {
    completed: FlinkCheckpointRef | null;
    failed: (FlinkCheckpointRef & { failure_message?: string }) | null;
    savepoint: FlinkCheckpointRef | null;
    restored: {
      id: number;
      restore_timestamp: number;
      external_path?: string;
    } | null;
  };
  /** The most recent checkpoints, newest first (Flink keeps `web.checkpoints.history`, 10 by default). */
  history?: FlinkCheckpointRef[];
}

/** `GET /jobs/{jid}/exceptions`. @public */
export interface FlinkExceptions {
  exceptionHistory: {
    entries: Array<{
      exceptionName: string;
      stacktrace: string;
      timestamp: number;
      taskName?: string;
    }>;
    truncated: boolean;
  };
}

/** @public */
export type BackpressureLevel = 'ok' | 'low' | 'high';

/** `GET /jobs/{jid}/vertices/{vid}/backpressure`. `status` is "deprecated" until sampled. @public */
export interface FlinkBackpressure {
  status: 'ok' | 'deprecated';
  backpressureLevel?: BackpressureLevel;
  'end-timestamp'?: number;
  subtasks?: Array<{
    subtask: number;
    backpressureLevel: BackpressureLevel;
    ratio: number;
    busyRatio?: number;
    idleRatio?: number;
  }>;
}

interface SavepointStatus {
  status: { id: 'IN_PROGRESS' | 'COMPLETED' };
  operation?: {
    location?: string;
    'failure-cause'?: { class?: string; 'stack-trace'?: string };
  };
}

const jobId = (jid: unknown) => assertFlinkId('Flink job id', jid);

/** Flink JobManager REST (port 8081). @public */
export class FlinkRestClient {
  private readonly http: HttpTransport;

  constructor(options: HttpClientOptions) {
    this.http = new HttpTransport('flink-rest', options, {
      readError: readFlinkErrors,
    });
  }

  async overview(options?: CallOptions): Promise<FlinkClusterOverview> {
    return (
      await this.http.request<FlinkClusterOverview>(
        route('GET /overview'),
        options,
      )
    ).body;
  }

  async listJobs(options?: CallOptions): Promise<FlinkJobOverview[]> {
    const r = route('GET /jobs/overview');
    return (
      (await this.http.request<{ jobs: FlinkJobOverview[] }>(r, options)).body
        .jobs ?? []
    );
  }

  async job(jid: string, options?: CallOptions): Promise<FlinkJobDetails> {
    const r = route('GET /jobs/{jid}', { jid: jobId(jid) });
    return (await this.http.request<FlinkJobDetails>(r, options)).body;
  }

  /**
   * The job's global job parameters (`pipeline.global-job-parameters`), as Flink reports them
   * under `execution-config.user-config`; empty when none were set.
   */
  async jobParameters(
    jid: string,
    options?: CallOptions,
  ): Promise<Record<string, string>> {
    const r = route('GET /jobs/{jid}/config', { jid: jobId(jid) });
    const { body } = await this.http.request<{
      'execution-config'?: { 'user-config'?: Record<string, unknown> };
    }>(r, options);
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(
      body?.['execution-config']?.['user-config'] ?? {},
    ))
      out[k] = String(v);
    return out;
  }

  async checkpoints(
    jid: string,
    options?: CallOptions,
  ): Promise<FlinkCheckpoints> {
    const r = route('GET /jobs/{jid}/checkpoints', { jid: jobId(jid) });
    return (await this.http.request<FlinkCheckpoints>(r, options)).body;
  }

  async exceptions(
    jid: string,
    maxExceptions = 10,
    options?: CallOptions,
  ): Promise<FlinkExceptions> {
    const r = route('GET /jobs/{jid}/exceptions', { jid: jobId(jid) });
    return (
      await this.http.request<FlinkExceptions>(r, {
        ...options,
        query: { maxExceptions },
      })
    ).body;
  }

  async backpressure(
    jid: string,
    vertexId: string,
    options?: CallOptions,
  ): Promise<FlinkBackpressure> {
    const r = route('GET /jobs/{jid}/vertices/{vid}/backpressure', {
      jid: jobId(jid),
      vid: assertFlinkId('Flink vertex id', vertexId),
    });
    return (await this.http.request<FlinkBackpressure>(r, options)).body;
  }

  /**
   * Job metrics such as numRestarts or lastCheckpointDuration. Flink answers a bare array of
   * `{id, value}` with string values; unknown names are simply absent.
   */
  async metrics(
    jid: string,
    names: string[],
    options?: CallOptions,
  ): Promise<Record<string, number>> {
    for (const n of names) {
      if (!/^[\w.-]+$/.test(n))
        throw new TypeError(`invalid Flink metric name ${JSON.stringify(n)}`);
    }
    const r = route('GET /jobs/{jid}/metrics', { jid: jobId(jid) });
    const { body } = await this.http.request<
      Array<{ id: string; value: string }>
    >(r, {
      ...options,
      query: { get: names.join(',') },
    });
    const out: Record<string, number> = {};
    for (const { id, value } of body ?? []) {
      const n = Number(value);
      if (Number.isFinite(n)) out[id] = n;
    }
    return out;
  }

  /**
   * Subtask metrics of one vertex aggregated over its subtasks, e.g. numRecordsInPerSecond
   * (`GET /jobs/{jid}/vertices/{vid}/subtasks/metrics?get=…&agg=sum`).
   */
  async vertexMetrics(
    jid: string,
    vertexId: string,
    names: string[],
    agg: 'sum' | 'max' | 'min' | 'avg' = 'sum',
    options?: CallOptions,
  ): Promise<Record<string, number>> {
    for (const n of names) {
      if (!/^[\w.-]+$/.test(n))
        throw new TypeError(`invalid Flink metric name ${JSON.stringify(n)}`);
    }
    const r = route('GET /jobs/{jid}/vertices/{vid}/subtasks/metrics', {
      jid: jobId(jid),
      vid: assertFlinkId('Flink vertex id', vertexId),
    });
    const { body } = await this.http.request<
      Array<{ id: string } & Record<string, unknown>>
    >(r, { ...options, query: { get: names.join(','), agg } });
    const out: Record<string, number> = {};
    for (const entry of body ?? []) {
      const n = Number(entry[agg]);
      if (Number.isFinite(n)) out[entry.id] = n;
    }
    return out;
  }

  async cancel(jid: string, options?: CallOptions): Promise<void> {
    const r = route('PATCH /jobs/{jid}', { jid: jobId(jid) });
    await this.http.request(r, { ...options, query: { mode: 'cancel' } });
  }

  /** Stops the job with a savepoint and waits for it; returns the savepoint location. */
  async stopWithSavepoint(
    jid: string,
    opts: {
      targetDirectory?: string;
      drain?: boolean;
      waitTimeoutMs?: number;
      pollIntervalMs?: number;
    } = {},
    options?: CallOptions,
  ): Promise<{ location: string }> {
    const trigger = route('POST /jobs/{jid}/stop', { jid: jobId(jid) });
    const { body } = await this.http.request<{ 'request-id': string }>(
      trigger,
      {
        ...options,
        json: {
          targetDirectory: opts.targetDirectory,
          drain: opts.drain ?? false,
        },
      },
    );
    const triggerId = assertFlinkId(
      'savepoint trigger id',
      body?.['request-id'],
    );
    const status = route('GET /jobs/{jid}/savepoints/{triggerId}', {
      jid,
      triggerId,
    });
    return poll(
      {
        component: 'flink-rest',
        operation: 'stopWithSavepoint',
        request: `stop-with-savepoint of job ${jid}`,
      },
      {
        timeoutMs: opts.waitTimeoutMs ?? 120_000,
        intervalMs: opts.pollIntervalMs ?? 1000,
        signal: options?.signal,
      },
      async signal => {
        const res = (
          await this.http.request<SavepointStatus>(status, {
            signal,
            timeoutMs: options?.timeoutMs,
          })
        ).body;
        if (res.status?.id !== 'COMPLETED') return undefined;
        const location = res.operation?.location;
        if (location) return { location };
        const cause = res.operation?.['failure-cause'];
        throw new UpstreamError({
          component: 'flink-rest',
          operation: status.operation,
          request: `${status.method} ${status.path}`,
          upstreamMessage: readFlinkErrors({
            errors: [
              cause?.['stack-trace'] ?? cause?.class ?? 'savepoint failed',
            ],
          }).message,
        });
      },
    );
  }
}
