/** The wire types of /api/nessie live in pipeline-common (one model for backend and frontend). */
export type {
  ReferenceScope,
  ReferenceView,
  ReferencesResponse,
  CommitView,
  CommitLogResponse,
  DiffEntryView,
  DiffResponse,
  ReferenceChangeResponse,
  PaimonSnapshotView,
  PaimonTagView,
  PaimonTableVersions,
  PaimonResponse,
} from '@internal/backstage-plugin-pipeline-common';
