import type { Entity } from '@backstage/catalog-model';
import type {
  ConnectorStatusView,
  ConnectorsStatus,
  ConsumerLagStatus,
  FlinkJobSummaryResponse,
  FreshnessSummary,
} from '@internal/backstage-plugin-pipeline-common';
import {
  getFlinkJobName,
  getKafkaConsumerGroup,
  getKafkaTopic,
  getPaimonTable,
  isKafkaConnectorAvailable,
  isServingSinkAvailable,
} from '@internal/backstage-plugin-pipeline-common';
import { formatCount, formatSeconds } from './format';

/** Which backend answers for a node's live status. */
export type Probe =
  | 'flink-job'
  | 'freshness'
  | 'connectors'
  | 'consumer-lag'
  | 'serving';

/**
 * One live status per node, from the annotation that says what the node is: a Flink job
 * component also names its topic and table, but its chip is the job's state.
 */
export function probeOf(entity: Entity): Probe | undefined {
  if (getFlinkJobName(entity)) return 'flink-job';
  if (getPaimonTable(entity)) return 'freshness';
  if (isServingSinkAvailable(entity)) return 'serving';
  if (isKafkaConnectorAvailable(entity)) return 'connectors';
  if (getKafkaConsumerGroup(entity) && getKafkaTopic(entity))
    return 'consumer-lag';
  return undefined;
}

export type Health = 'ok' | 'warning' | 'error';

export interface NodeStatus {
  health: Health;
  /** The chip's text: "RUNNING", "79 s of 120 s SLO", "lag 0". */
  label: string;
  /** A second line under the chip. */
  detail?: string;
  /** How the pipeline verdict names it: "connector FAILED", "data 79 s old, SLO 120 s". */
  phrase: string;
  /** Set for tables: the verdict quotes the stalest one. */
  freshness?: { ageSeconds: number; sloSeconds: number };
}

/** A node's status as the card holds it while its call runs and after. */
export type LiveStatus =
  | { state: 'loading' }
  | { state: 'ready'; status: NodeStatus }
  | { state: 'unavailable'; message: string };

export function flinkJobStatus(
  answer: FlinkJobSummaryResponse,
  now = Date.now(),
): NodeStatus {
  if (answer.status === 'not-deployed') {
    return {
      health: 'error',
      label: 'NOT DEPLOYED',
      detail: `no job "${answer.jobName}" on ${answer.instance}`,
      phrase: 'Flink job not deployed',
    };
  }
  const { state, lastCheckpoint } = answer.job;
  const ageMs = lastCheckpoint?.completedAt
    ? now - lastCheckpoint.completedAt
    : lastCheckpoint?.ageMs;
  let health: Health = 'warning';
  if (state === 'RUNNING') health = 'ok';
  else if (
    [
      'FAILED',
      'FAILING',
      'CANCELED',
      'CANCELLING',
      'FINISHED',
      'SUSPENDED',
    ].includes(state)
  ) {
    health = 'error';
  }
  return {
    health,
    label: state,
    detail:
      ageMs === undefined
        ? 'no checkpoint yet'
        : `checkpoint ${formatSeconds(
            Math.max(0, Math.round(ageMs / 1000)),
          )} ago`,
    phrase: `Flink job ${state}`,
  };
}

const CONNECTOR_RANK: Record<Health, number> = { error: 2, warning: 1, ok: 0 };

function oneConnector(c: ConnectorStatusView): NodeStatus {
  const running = c.tasks.filter(t => t.state === 'RUNNING').length;
  const tasks = `${running}/${c.tasks.length} tasks running`;
  if (c.missing) {
    return {
      health: 'error',
      label: 'NOT DEPLOYED',
      detail: c.name,
      phrase: `connector ${c.name} not deployed`,
    };
  }
  if (c.state === 'FAILED') {
    return {
      health: 'error',
      label: 'FAILED',
      detail: tasks,
      phrase: 'connector FAILED',
    };
  }
  if (c.failedTasks > 0) {
    const failed = `${c.failedTasks} task${
      c.failedTasks > 1 ? 's' : ''
    } FAILED`;
    return {
      health: 'error',
      label: failed,
      detail: tasks,
      phrase: `connector: ${failed}`,
    };
  }
  const state = c.state ?? 'UNKNOWN';
  return {
    health: state === 'RUNNING' && c.tasks.length > 0 ? 'ok' : 'warning',
    label: state,
    detail: tasks,
    phrase: `connector ${state}`,
  };
}

/** The worst of the node's connectors (usually one). */
export function connectorsStatus(answer: ConnectorsStatus): NodeStatus {
  const all = answer.connectors.map(c => ({
    name: c.name,
    status: oneConnector(c),
  }));
  if (all.length === 0) {
    return {
      health: 'warning',
      label: 'NO CONNECTOR',
      phrase: 'no connector found',
    };
  }
  const worst = all.reduce((a, b) =>
    CONNECTOR_RANK[b.status.health] > CONNECTOR_RANK[a.status.health] ? b : a,
  );
  return all.length === 1
    ? worst.status
    : {
        ...worst.status,
        detail: `${worst.name}: ${worst.status.detail ?? ''} (${
          all.length
        } connectors)`,
      };
}

export function consumerLagStatus(answer: ConsumerLagStatus): NodeStatus {
  const detail = `group ${answer.groupId} (${answer.state})`;
  if (answer.state === 'Dead') {
    return {
      health: 'warning',
      label: 'NO GROUP',
      detail,
      phrase: `consumer group ${answer.groupId} unknown to Kafka`,
    };
  }
  const lag = `lag ${formatCount(answer.totalLag)}`;
  return { health: 'ok', label: lag, detail, phrase: lag };
}

export function freshnessStatus(answer: FreshnessSummary): NodeStatus {
  const slo = `${formatSeconds(answer.sloSeconds)} SLO`;
  const whichSlo =
    answer.sloSource === 'default' ? 'the default SLO' : 'its SLO';
  if (answer.ageSeconds === undefined) {
    return {
      health: 'warning',
      label: 'NO DATA YET',
      detail: slo,
      phrase: 'no data in the table yet',
    };
  }
  const age = formatSeconds(answer.ageSeconds);
  return {
    health: answer.withinSlo ? 'ok' : 'error',
    label: `${age} of ${slo}`,
    detail: answer.withinSlo ? `within ${whichSlo}` : `breaches ${whichSlo}`,
    phrase: `data ${age} old, SLO ${formatSeconds(answer.sloSeconds)}`,
    freshness: { ageSeconds: answer.ageSeconds, sloSeconds: answer.sloSeconds },
  };
}
