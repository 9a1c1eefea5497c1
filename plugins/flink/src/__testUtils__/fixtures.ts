import {
  entityWithAnnotations,
  mockBackendBaseUrl,
} from '@internal/backstage-plugin-pipeline-react/testUtils';
import type {
  FlinkFleetResponse,
  FlinkJobDetailsResponse,
  FlinkJobSummary,
  FlinkJobSummaryResponse,
} from '@internal/backstage-plugin-pipeline-common';

/** Where mockBackendDeps() puts the flink backend. */
export const flinkBase = mockBackendBaseUrl('flink');

/** A flink-job component (orders-job) with the given annotations. */
export const entity = (annotations: Record<string, string> = {}) =>
  entityWithAnnotations(annotations, {
    spec: {
      type: 'flink-job',
      owner: 'data-platform-team',
      lifecycle: 'production',
    },
  });

export const annotated = entity({
  'dataplatform.io/flink-job-name': 'commerce-orders-to-paimon',
});

const jid = '4ec96998348a84e924d6448cafea94e5';

export const runningJob = (): FlinkJobSummary => ({
  jid,
  name: 'commerce-orders-to-paimon',
  state: 'RUNNING',
  startTime: Date.now() - (2 * 3_600_000 + 5 * 60_000),
  uptimeMs: 2 * 3_600_000 + 5 * 60_000,
  restarts: 3,
  lastCheckpoint: {
    id: 36,
    status: 'COMPLETED',
    isSavepoint: false,
    completedAt: Date.now() - 12_000,
    durationMs: 126,
    sizeBytes: 5200,
  },
  completedCheckpoints: 36,
  failedCheckpoints: 1,
  backpressure: 'low',
  recordsInPerSecond: 0.12,
  recordsOutPerSecond: 0.17,
  dashboardUrl: `http://localhost:8081/#/job/running/${jid}/overview`,
  otherRuns: 0,
});

const base = {
  entityRef: 'component:default/orders-job',
  jobName: 'commerce-orders-to-paimon',
  instance: 'local',
  clusterDashboardUrl: 'http://localhost:8081',
};

export const deployedSummary = (): FlinkJobSummaryResponse => ({
  ...base,
  status: 'deployed',
  job: runningJob(),
});
export const notDeployed = { ...base, status: 'not-deployed' as const };

export const deployedDetails = (): FlinkJobDetailsResponse => ({
  ...base,
  status: 'deployed',
  details: {
    summary: runningJob(),
    vertices: [
      {
        id: 'v1',
        name: 'Source: orders_cdc[1] -> Calc[2]',
        parallelism: 2,
        status: 'RUNNING',
        backpressure: 'high',
        backpressureRatio: 0.8,
        busyRatio: 0.1,
        recordsInPerSecond: 10,
        recordsOutPerSecond: 12,
      },
      {
        id: 'v2',
        name: 'Writer : orders',
        parallelism: 1,
        status: 'RUNNING',
        backpressure: 'ok',
        backpressureRatio: 0,
        busyRatio: 0.9,
        recordsInPerSecond: 12,
        recordsOutPerSecond: 0,
      },
    ],
    checkpoints: {
      counts: {
        total: 37,
        completed: 36,
        failed: 1,
        inProgress: 0,
        restored: 0,
      },
      history: [
        {
          id: 36,
          status: 'COMPLETED',
          isSavepoint: false,
          completedAt: Date.now() - 12_000,
          durationMs: 126,
          sizeBytes: 5200,
        },
        {
          id: 35,
          status: 'FAILED',
          isSavepoint: false,
          triggeredAt: Date.now() - 42_000,
          failureMessage: 'timeout',
        },
      ],
    },
    exceptions: {
      entries: [
        {
          exceptionName: 'java.io.IOException: Connection reset',
          timestamp: Date.now() - 60_000,
          taskName: 'Writer : orders',
          stacktrace:
            'java.io.IOException: Connection reset\n\tat a.b(C.java:1)',
        },
      ],
      truncated: false,
    },
  },
});

export const fleet = (): FlinkFleetResponse => ({
  instances: [
    { name: 'local', dashboardUrl: 'http://localhost:8081', jobCount: 3 },
  ],
  jobs: [
    {
      instance: 'local',
      jid,
      name: 'commerce-orders-to-paimon',
      state: 'RUNNING',
      startTime: Date.now() - 60_000,
      durationMs: 60_000,
      dashboardUrl: `http://localhost:8081/#/job/running/${jid}/overview`,
      claimedBy: [
        {
          entityRef: 'component:default/commerce-orders-to-paimon',
          owner: 'group:default/data-platform-team',
        },
      ],
    },
    {
      instance: 'local',
      jid: 'b'.repeat(32),
      name: 'adhoc-insert',
      state: 'RUNNING',
      startTime: Date.now() - 30_000,
      durationMs: 30_000,
      claimedBy: [],
    },
    {
      instance: 'local',
      jid: 'c'.repeat(32),
      name: 'SELECT `orders$tags`.`tag_name`\nFROM `lake`.`commerce`.`orders$tags`',
      state: 'FINISHED',
      startTime: Date.now() - 90_000,
      durationMs: 2_000,
      claimedBy: [],
    },
  ],
  missing: [
    {
      entityRef: 'component:default/finance-fact-sink',
      jobName: 'finance-fact-sink',
      instance: 'local',
      owner: 'group:default/finance-data',
    },
  ],
});
