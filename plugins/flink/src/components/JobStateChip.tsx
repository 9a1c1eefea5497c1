import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import type {
  BackpressureReading,
  FlinkJobState,
} from '@internal/backstage-plugin-pipeline-common';

/** The job state with the colour a reader expects: green running, red failed, grey ended. */
export function JobStateChip({ state }: { state: FlinkJobState }) {
  switch (state) {
    case 'RUNNING':
      return <StatusOK>{state}</StatusOK>;
    case 'FAILED':
    case 'FAILING':
      return <StatusError>{state}</StatusError>;
    case 'RESTARTING':
    case 'SUSPENDED':
      return <StatusWarning>{state}</StatusWarning>;
    case 'CANCELED':
    case 'CANCELLING':
    case 'FINISHED':
      return <StatusAborted>{state}</StatusAborted>;
    case 'INITIALIZING':
    case 'CREATED':
    case 'RECONCILING':
      return <StatusRunning>{state}</StatusRunning>;
    default:
      return <StatusPending>{state}</StatusPending>;
  }
}

export function BackpressureChip({ level }: { level: BackpressureReading }) {
  switch (level) {
    case 'ok':
      return <StatusOK>OK</StatusOK>;
    case 'low':
      return <StatusWarning>LOW</StatusWarning>;
    case 'high':
      return <StatusError>HIGH</StatusError>;
    default:
      return <StatusPending>not sampled yet</StatusPending>;
  }
}
