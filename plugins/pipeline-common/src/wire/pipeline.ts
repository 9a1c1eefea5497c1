/** Answers of the pipeline backend (/api/pipeline): the pipeline registry and its day-2 actions. */

export type PipelineStatus =
  | 'registered'
  | 'deployed'
  | 'stopped'
  | 'failed'
  | 'decommissioned';

export type PipelineOperation =
  | 'register'
  | 'publish'
  | 'deploy'
  | 'stop'
  | 'resume'
  | 'decommission'
  | 'restore-point'
  | 'restore';

/** One upstream object the pipeline claims. */
export interface PipelineObjectView {
  kind: string;
  instance: string;
  name: string;
  /** The resource ref permissions are checked on, e.g. `flink-job:local/orders-lakehouse`. */
  ref: string;
}

/** What a deploy step did (or, in a plan, would do) to one object. */
export interface PipelineStepChangeView {
  target: string;
  outcome: string;
  detail?: string;
}

export interface PipelineStepView {
  step: string;
  component: string;
  dryRun: boolean;
  changes: PipelineStepChangeView[];
}

/** One entry of a pipeline's history: who did what, when, and how it ended. */
export interface PipelineDeployRecord {
  id: number;
  operation: PipelineOperation;
  /** The user who asked (`user:default/alice`). */
  actor: string;
  startedAt: string;
  finishedAt?: string;
  outcome: 'running' | 'succeeded' | 'failed' | 'refused';
  /** Digest of the spec this operation deployed, and of the one deployed before. */
  specDigest?: string;
  previousDigest?: string;
  steps: PipelineStepView[];
  message?: string;
}

export interface PipelineSavepointRecord {
  id: number;
  jobId: string;
  location: string;
  takenAt: string;
  /** Why it was taken: stop, decommission, replace. */
  reason: string;
  actor: string;
  specDigest?: string;
}

/** The spec at the repository's HEAD against what is deployed. */
export interface PipelineHeadView {
  /** Where the spec was read: the repository's raw URL, or the platform spec file. */
  source?: string;
  specDigest?: string;
  /** Why the spec could not be read or parsed. */
  problem?: string;
  /** HEAD's digest equals the deployed one. */
  inSync: boolean;
}

export interface PipelineView {
  /** `<namespace>/<name>`. */
  id: string;
  name: string;
  namespace: string;
  entityRef: string;
  /** The owner the registry records (never an annotation). */
  owner: string;
  /** Registered by the platform from its config, not by a team. */
  platform: boolean;
  status: PipelineStatus;
  specDigest?: string;
  deployedAt?: string;
  deployedBy?: string;
  repository?: string;
  objects: PipelineObjectView[];
  history: PipelineDeployRecord[];
  savepoints: PipelineSavepointRecord[];
  /** What the caller may do (the same permissions every route checks). */
  allowed: {
    deploy: boolean;
    stop: boolean;
    decommission: boolean;
    restorePoint?: boolean;
    restore?: boolean;
  };
  /** Restore points, newest first, with what each binds. */
  restorePoints?: PipelineRestorePointView[];
  /** An operation in progress (the registry lock). */
  lock?: { holder: string; operation: string; since: string };
  head?: PipelineHeadView;
}

/** The dry run of a deploy, step by step, before anything changes. */
export interface PipelinePlanResponse {
  pipeline: string;
  specDigest: string;
  steps: PipelineStepView[];
}

export interface PipelineOperationResponse {
  pipeline: string;
  operation: PipelineOperation;
  record: PipelineDeployRecord;
  /** The savepoint a stop or decommission took. */
  savepoint?: string;
  /** The restore point a create-restore-point recorded, or a restore applied. */
  restorePoint?: PipelineRestorePointView;
}

/** A source partition's offset as Kafka Connect reports it (verbatim, written back on restore). */
export interface ConnectorOffsetView {
  partition: Record<string, unknown>;
  offset: Record<string, unknown> | null;
}

/** One table a restore point pins: the same snapshot in Paimon (tag) and on Nessie's main. */
export interface RestorePointTableView {
  /** `<database>.<table>`. */
  table: string;
  snapshotId: number;
  /** Paimon tag on the table at `snapshotId` (the Nessie tag's name, `/` written as `-`). */
  paimonTag: string;
}

/**
 * A restore point: what one "Create restore point" recorded together — a Flink savepoint of the
 * job, a Paimon tag per table, a Nessie tag on the `main` commit that records exactly those
 * snapshots, and the source connectors' offsets.
 */
export interface PipelineRestorePointView {
  id: number;
  /** The Nessie tag (`<prefix>restore-yyyymmdd-hhmmss`); also what a restore must confirm. */
  name: string;
  createdAt: string;
  createdBy: string;
  /** The deployed spec the savepoint belongs to. */
  specDigest?: string;
  savepoint: { jobId: string; location: string };
  nessie: { tag: string; hash: string };
  tables: RestorePointTableView[];
  connectors: { name: string; offsets: ConnectorOffsetView[] }[];
  lastRestoredAt?: string;
  lastRestoredBy?: string;
}

/** One table in a restore's confirmation: where it is now, where it goes. */
export interface RestorePlanTableView extends RestorePointTableView {
  /** The snapshot Nessie's main records for the table now. */
  currentSnapshotId?: number;
  /** Its Paimon tag still pins the target snapshot (what the restore rewrites the table from). */
  restorable: boolean;
  problem?: string;
}

/** What a restore will change, shown (and confirmed) before anything happens. */
export interface PipelineRestorePlan {
  pipeline: string;
  restorePoint: PipelineRestorePointView;
  job: {
    name: string;
    /** The live job that will be stopped with a savepoint (none when the pipeline is stopped). */
    liveJobId?: string;
    state?: string;
    resumeFrom: string;
  };
  tables: RestorePlanTableView[];
  connectors: {
    name: string;
    state?: string;
    current: ConnectorOffsetView[];
    target: ConnectorOffsetView[];
  }[];
  /** Why the restore would be refused; empty when it can run. */
  problems: string[];
  /** What the restore request must echo as `confirm`. */
  confirm: string;
}
