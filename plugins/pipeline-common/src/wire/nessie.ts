/** What /api/nessie answers: shared by nessie-backend and nessie. */

export type ReferenceScope = 'entity-branch' | 'prefix' | 'other';

export interface ReferenceView {
  type: 'BRANCH' | 'TAG';
  name: string;
  hash: string;
  /** How the reference relates to the entity: its branch, under its prefix, or someone else's. */
  scope: ReferenceScope;
}

export interface ReferencesResponse {
  entityRef: string;
  instance: string;
  branch: string;
  prefix: string;
  /** The entity's branch as Nessie has it now; absent when the branch was never created. */
  branchHead?: string;
  references: ReferenceView[];
  nessieUiUrl?: string;
}

export interface CommitView {
  hash: string;
  message: string;
  author?: string;
  authorTime?: string;
  commitTime?: string;
  parentHash?: string;
}

export interface CommitLogResponse {
  ref: string;
  entries: CommitView[];
  nextPageToken?: string;
}

export interface DiffEntryView {
  key: string;
  change: 'added' | 'removed' | 'modified';
  fromType?: string;
  toType?: string;
}

export interface DiffResponse {
  from: string;
  to: string;
  entries: DiffEntryView[];
}

export interface ReferenceChangeResponse {
  reference: { type: 'BRANCH' | 'TAG'; name: string; hash: string };
  previousHash?: string;
}

export interface PaimonSnapshotView {
  snapshotId: number;
  commitTime: string;
  commitKind: string;
  totalRecordCount?: number;
  /** The Nessie commit that recorded the snapshot on `main` (tables with the commit callback). */
  nessieHash?: string;
}

export interface PaimonTagView {
  name: string;
  snapshotId: number;
  createTime?: string;
  commitTime?: string;
  recordCount?: number;
  /** The Nessie reference of the same name (after the "/" → "-" mapping), when one exists. */
  nessieRef?: { type: 'BRANCH' | 'TAG'; name: string; hash: string };
}

export interface PaimonTableVersions {
  table: string;
  /** `missing`: the table is not deployed in the catalog; `error`: the gateway failed for it. */
  state: 'ok' | 'missing' | 'error';
  /**
   * `nessie`: read from the commits the table's commit callback records on `main` and from the
   * entity's tags (fast); `paimon`/absent: from Paimon's system tables through the SQL Gateway.
   */
  source?: 'nessie' | 'paimon';
  message?: string;
  snapshots: PaimonSnapshotView[];
  tags: PaimonTagView[];
}

export interface PaimonResponse {
  entityRef: string;
  tables: PaimonTableVersions[];
  /** Set when Nessie could not be read, so tags are shown without their Nessie link. */
  nessieLinkError?: string;
}

/**
 * The tables a Versions tab is about, resolved on the server from the entity: its pipeline's
 * claimed Paimon tables in the pipeline registry, else its `dataplatform.io/paimon-table`
 * annotation. Never taken from the request.
 */
export interface VersionTablesView {
  tables: string[];
  source: 'registry' | 'annotation';
  /** The registry's pipeline (`default/finance-fact-sink`) when the tables come from it. */
  pipeline?: string;
}

/** What one commit on `main` did to one of the entity's tables. */
export interface TableCommitChangeView {
  table: string;
  /** The Paimon snapshot the table's Iceberg content names after the commit. */
  snapshotId?: number;
  /** The key was removed (a dropped table). */
  deleted?: boolean;
}

/**
 * One commit on Nessie's `main` touching the entity's tables: a Paimon snapshot the commit
 * callback recorded, a restore that moved the tables back, or another write (namespace, by hand).
 */
export interface TableCommitView {
  hash: string;
  kind: 'paimon-snapshot' | 'restore' | 'other';
  message: string;
  author?: string;
  /** When the change happened: Paimon's commit time for a snapshot, else Nessie's. */
  time?: string;
  /** APPEND, COMPACT, OVERWRITE: Paimon's kind of a recorded snapshot. */
  commitKind?: string;
  changes: TableCommitChangeView[];
  /** The restore point a restore commit moved the tables to. */
  restorePoint?: string;
}

export interface TableCommitsResponse {
  entityRef: string;
  /** Always `main`: every table commit lands there. */
  ref: string;
  tables: VersionTablesView;
  entries: TableCommitView[];
  nextPageToken?: string;
}

/** A table's state at a tag, and the Trino query that reads it back. */
export interface ReleaseTableView {
  table: string;
  /** Absent when the table had no content on `main` when the tag was made. */
  snapshotId?: number;
  trinoQuery?: string;
}

/** A tag under the entity's prefix: a release, a restore point, or another tag. */
export interface ReleaseView {
  name: string;
  hash: string;
  kind: 'release' | 'restore-point' | 'tag';
  /** The Paimon tag of the same release on each table (`/` → `-`). */
  paimonTag: string;
  tables: ReleaseTableView[];
}

export interface ReleasesResponse {
  entityRef: string;
  /** Tags under this prefix are the entity's (`finance/`); absent without a Nessie branch annotation. */
  prefix?: string;
  tables: VersionTablesView;
  /** Newest names first, at most 20. */
  releases: ReleaseView[];
}

/** One of the entity's tables between two refs. */
export interface TableDiffEntryView {
  table: string;
  change: 'added' | 'removed' | 'modified';
  fromSnapshotId?: number;
  toSnapshotId?: number;
}

export interface TableDiffResponse {
  from: string;
  to: string;
  /** The entity's tables that differ (unchanged ones are left out). */
  tables: TableDiffEntryView[];
  /** Keys of other pipelines that differ too (not listed). */
  otherKeys: number;
}
