/** What the routes answer: the wire types live in pipeline-common, shared with the frontend. */
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
