/** What /api/flink answers: shared by flink-backend (which builds it) and flink (which shows it). */

export type FlinkJobState =
  | 'INITIALIZING'
  | 'CREATED'
  | 'RUNNING'
  | 'FAILING'
  | 'FAILED'
  | 'CANCELLING'
  | 'CANCELED'
  | 'FINISHED'
  | 'RESTARTING'
  | 'SUSPENDED'
  | 'RECONCILING';

export type BackpressureLevel = 'ok' | 'low' | 'high';
/** Backpressure of a vertex or a whole job; `unknown` until Flink has sampled it. */
export type BackpressureReading = BackpressureLevel | 'unknown';

export interface CheckpointFigure {
  id: number;
  status: string;
  isSavepoint: boolean;
  triggeredAt?: number;
  /** When the last subtask acknowledged it. */
  completedAt?: number;
  durationMs?: number;
  sizeBytes?: number;
  failureMessage?: string;
}

export interface FlinkJobSummary {
  jid: string;
  name: string;
  state: FlinkJobState;
  startTime: number;
  /** Time since start while the job runs; its whole run time once it ended. */
  uptimeMs: number;
  restarts?: number;
  lastCheckpoint?: CheckpointFigure & { ageMs?: number };
  completedCheckpoints: number;
  failedCheckpoints: number;
  backpressure: BackpressureReading;
  /** Records the source vertices read per second. */
  recordsInPerSecond?: number;
  /** Records that reach the sink vertices per second. */
  recordsOutPerSecond?: number;
  dashboardUrl?: string;
  /** Other jobs of the same name on the cluster (earlier runs). */
  otherRuns: number;
}

/** What the cluster can run: without a TaskManager no job runs, whatever its state says. */
export interface FlinkClusterCapacity {
  taskManagers: number;
  slotsTotal: number;
  slotsAvailable: number;
}

interface JobAnswerBase {
  entityRef: string;
  jobName: string;
  instance: string;
  /** The cluster's dashboard, for "not deployed" answers too. */
  clusterDashboardUrl?: string;
  /** Absent when the JobManager did not say (the answer is still about the job). */
  cluster?: FlinkClusterCapacity;
}

export type FlinkJobSummaryResponse =
  | (JobAnswerBase & { status: 'not-deployed' })
  | (JobAnswerBase & { status: 'deployed'; job: FlinkJobSummary });

export interface FlinkVertexHealth {
  id: string;
  name: string;
  parallelism: number;
  status: string;
  backpressure: BackpressureReading;
  /** Highest backpressured-time ratio over the subtasks (0..1). */
  backpressureRatio?: number;
  busyRatio?: number;
  recordsInPerSecond?: number;
  recordsOutPerSecond?: number;
}

export interface FlinkExceptionEntry {
  exceptionName: string;
  timestamp: number;
  taskName?: string;
  /** The first lines of the stack trace. */
  stacktrace: string;
}

export interface FlinkJobDetails {
  summary: FlinkJobSummary;
  vertices: FlinkVertexHealth[];
  checkpoints: {
    counts: {
      total: number;
      completed: number;
      failed: number;
      inProgress: number;
      restored: number;
    };
    history: CheckpointFigure[];
  };
  exceptions: { entries: FlinkExceptionEntry[]; truncated: boolean };
}

export type FlinkJobDetailsResponse =
  | (JobAnswerBase & { status: 'not-deployed' })
  | (JobAnswerBase & { status: 'deployed'; details: FlinkJobDetails });

export interface FleetEntityRef {
  entityRef: string;
  title?: string;
  owner?: string;
}

export interface FleetJob {
  instance: string;
  jid: string;
  name: string;
  state: FlinkJobState;
  startTime: number;
  durationMs: number;
  dashboardUrl?: string;
  /** The entities whose flink-job-name annotation names this job (usually one). */
  claimedBy: FleetEntityRef[];
}

export interface FlinkFleetResponse {
  instances: Array<{
    name: string;
    dashboardUrl?: string;
    error?: string;
    jobCount: number;
  }>;
  jobs: FleetJob[];
  /** Entities whose annotated job is nowhere on their (reachable) instance. */
  missing: Array<FleetEntityRef & { jobName: string; instance: string }>;
}

export interface FlinkJobActionResponse {
  entityRef: string;
  jobName: string;
  jid: string;
  action: 'cancel' | 'stop-with-savepoint';
  savepointLocation?: string;
}
