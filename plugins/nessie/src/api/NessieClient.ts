import {
  PluginBackendRequester,
  type PluginBackendDeps,
} from '@internal/backstage-plugin-pipeline-react';
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
import type {
  CreateReferenceRequest,
  NessieApi,
  RollbackRequest,
} from './NessieApi';

/** NessieApi over the nessie backend; failures are DataPlatformApiErrors with its message. */
export class NessieClient implements NessieApi {
  private readonly backend: PluginBackendRequester;

  constructor(deps: PluginBackendDeps) {
    this.backend = new PluginBackendRequester('nessie', deps);
  }

  getReferences(entityRef: string) {
    return this.backend.get<ReferencesResponse>('/references', { entityRef });
  }

  getCommitLog(
    entityRef: string,
    ref: string,
    options: { limit?: number; pageToken?: string } = {},
  ) {
    return this.backend.get<CommitLogResponse>('/log', {
      entityRef,
      ref,
      limit: options.limit || undefined,
      pageToken: options.pageToken || undefined,
    });
  }

  getDiff(entityRef: string, from: string, to: string) {
    return this.backend.get<DiffResponse>('/diff', { entityRef, from, to });
  }

  getPaimonVersions(entityRef: string) {
    return this.backend.get<PaimonResponse>('/paimon', { entityRef });
  }

  getTableCommits(
    entityRef: string,
    options: { limit?: number; pageToken?: string } = {},
  ) {
    return this.backend.get<TableCommitsResponse>('/table-commits', {
      entityRef,
      limit: options.limit || undefined,
      pageToken: options.pageToken || undefined,
    });
  }

  getReleases(entityRef: string) {
    return this.backend.get<ReleasesResponse>('/releases', { entityRef });
  }

  getTableDiff(entityRef: string, from: string, to: string) {
    return this.backend.get<TableDiffResponse>('/table-diff', {
      entityRef,
      from,
      to,
    });
  }

  createReference(entityRef: string, request: CreateReferenceRequest) {
    return this.backend.post<ReferenceChangeResponse>('/references', {
      entityRef,
      ...request,
    });
  }

  rollback(entityRef: string, request: RollbackRequest) {
    return this.backend.post<ReferenceChangeResponse>('/rollback', {
      entityRef,
      ...request,
    });
  }
}
