import {
  entityWithAnnotations,
  mockBackendBaseUrl,
} from '@internal/backstage-plugin-pipeline-react/testUtils';
import type {
  CommitLogResponse,
  PaimonResponse,
  ReferencesResponse,
  ReleasesResponse,
  TableCommitsResponse,
  TableDiffResponse,
} from '@internal/backstage-plugin-pipeline-common';

/** Where mockBackendDeps() puts the nessie backend. */
export const nessieBase = mockBackendBaseUrl('nessie');

export const h0 =
  '2e1cfa82b035c26cbbbdae632cea070514eb8b773f616aaeaf668e2f0be8f10d';
export const h1 =
  'a5d5cc11bd4156d489468d3aabe26002112d7c8755c3d0b92f2fd31e1b7146bb';
export const h2 =
  '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

/** The Paimon table resource commerce.finance_fact with the given annotations. */
export const entity = (annotations: Record<string, string> = {}) =>
  entityWithAnnotations(annotations, {
    kind: 'Resource',
    name: 'commerce.finance_fact',
    spec: { type: 'paimon-table', owner: 'finance-team' },
  });
export const entityRef = 'resource:default/commerce.finance_fact';

export const annotated = entity({
  'dataplatform.io/nessie-branch': 'finance/daily',
  'dataplatform.io/paimon-table': 'commerce.finance_fact',
});

export const references = (): ReferencesResponse => ({
  entityRef,
  instance: 'local',
  branch: 'finance/daily',
  prefix: 'finance/',
  branchHead: h2,
  nessieUiUrl: 'http://localhost:19120',
  references: [
    { type: 'BRANCH', name: 'finance/daily', hash: h2, scope: 'entity-branch' },
    { type: 'TAG', name: 'finance/daily-20261124', hash: h1, scope: 'prefix' },
    { type: 'BRANCH', name: 'main', hash: h0, scope: 'other' },
  ],
});

export const commitLog = (): CommitLogResponse => ({
  ref: 'finance/daily',
  entries: [
    {
      hash: h2,
      message: 'load 2026-11-25',
      author: 'flink',
      commitTime: '2026-11-25T00:10:00.000Z',
      parentHash: h1,
    },
    {
      hash: h1,
      message: 'load 2026-11-24',
      author: 'flink',
      commitTime: '2026-11-24T00:10:00.000Z',
      parentHash: h0,
    },
  ],
});

export const paimon = (): PaimonResponse => ({
  entityRef,
  tables: [
    {
      table: 'commerce.finance_fact',
      state: 'ok',
      source: 'nessie',
      snapshots: [
        {
          snapshotId: 86,
          commitTime: '2026-11-24T08:43:27.467',
          commitKind: 'COMPACT',
          totalRecordCount: 120,
          nessieHash: h2,
        },
        {
          snapshotId: 85,
          commitTime: '2026-11-24T08:43:27.1',
          commitKind: 'APPEND',
          totalRecordCount: 118,
        },
      ],
      tags: [
        {
          name: 'finance-daily-20261124',
          snapshotId: 85,
          commitTime: '2026-11-24T08:43:27.1',
          recordCount: 118,
          nessieRef: { type: 'TAG', name: 'finance/daily-20261124', hash: h1 },
        },
        { name: 'savepoint-3', snapshotId: 40, recordCount: 60 },
      ],
    },
  ],
});

export const upstreamDown = (message: string) => ({
  error: { name: 'ServiceUnavailableError', message },
});

export const tableCommits = (): TableCommitsResponse => ({
  entityRef,
  ref: 'main',
  tables: {
    tables: ['commerce.finance_fact', 'commerce.payment_fact'],
    source: 'registry',
    pipeline: 'default/finance-fact-sink',
  },
  entries: [
    {
      hash: h2,
      kind: 'restore',
      message: 'commerce.finance_fact: Paimon snapshot 90 (COMPACT)',
      author: 'finance-fact-sink',
      time: '2026-11-25T00:10:00.000Z',
      commitKind: 'COMPACT',
      changes: [{ table: 'commerce.finance_fact', snapshotId: 90 }],
      restorePoint: 'finance-restore-20261124-235900',
    },
    {
      hash: h1,
      kind: 'paimon-snapshot',
      message: 'commerce.payment_fact: Paimon snapshot 12 (APPEND)',
      author: 'finance-fact-sink',
      time: '2026-11-24T00:10:00.000Z',
      commitKind: 'APPEND',
      changes: [{ table: 'commerce.payment_fact', snapshotId: 12 }],
    },
  ],
  nextPageToken: 'page-2',
});

export const releases = (): ReleasesResponse => ({
  entityRef,
  prefix: 'finance/',
  tables: tableCommits().tables,
  releases: [
    {
      name: 'finance/daily-20261124',
      hash: h1,
      kind: 'release',
      paimonTag: 'finance-daily-20261124',
      tables: [
        {
          table: 'commerce.finance_fact',
          snapshotId: 85,
          trinoQuery:
            'SELECT * FROM lakehouse.commerce.finance_fact FOR VERSION AS OF CAST(85 AS BIGINT)',
        },
        { table: 'commerce.payment_fact' },
      ],
    },
  ],
});

export const tableDiff = (): TableDiffResponse => ({
  from: 'finance/daily-20261124',
  to: 'main',
  tables: [
    {
      table: 'commerce.finance_fact',
      change: 'modified',
      fromSnapshotId: 85,
      toSnapshotId: 90,
    },
  ],
  otherKeys: 3,
});
