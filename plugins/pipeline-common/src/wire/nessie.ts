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
