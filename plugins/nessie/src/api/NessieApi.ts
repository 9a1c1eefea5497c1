import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  CommitLogResponse,
  DiffResponse,
  PaimonResponse,
  ReferenceChangeResponse,
  ReferencesResponse,
  ReleasesResponse,
  TableCommitsResponse,
  TableDiffResponse,
} from '@internal/backstage-plugin-pipeline-common';

export interface CreateReferenceRequest {
  type: 'BRANCH' | 'TAG';
  name: string;
  from: { ref: string; hash?: string };
}

export interface RollbackRequest {
  branch: string;
  /** The head the user saw; Nessie refuses (409) when the branch moved since. */
  expectedHash: string;
  targetHash: string;
}

/** The nessie backend (/api/nessie) as the Versions tab and Data versions card use it. */
export interface NessieApi {
  getReferences(entityRef: string): Promise<ReferencesResponse>;
  getCommitLog(
    entityRef: string,
    ref: string,
    options?: { limit?: number; pageToken?: string },
  ): Promise<CommitLogResponse>;
  getDiff(entityRef: string, from: string, to: string): Promise<DiffResponse>;
  getPaimonVersions(entityRef: string): Promise<PaimonResponse>;
  /** Commits on `main` touching the entity's tables (the backend decides which tables). */
  getTableCommits(
    entityRef: string,
    options?: { limit?: number; pageToken?: string },
  ): Promise<TableCommitsResponse>;
  /** Tags under the entity's prefix, with the table states each pins. */
  getReleases(entityRef: string): Promise<ReleasesResponse>;
  /** The entity's tables that differ between two refs. */
  getTableDiff(
    entityRef: string,
    from: string,
    to: string,
  ): Promise<TableDiffResponse>;
  createReference(
    entityRef: string,
    request: CreateReferenceRequest,
  ): Promise<ReferenceChangeResponse>;
  rollback(
    entityRef: string,
    request: RollbackRequest,
  ): Promise<ReferenceChangeResponse>;
}

export const nessieApiRef = createApiRef<NessieApi>({
  id: 'plugin.nessie.api',
});
