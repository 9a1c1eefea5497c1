import type {
  FlinkCheckpointRef,
  FlinkJobDetails as FlinkRestJobDetails,
  FlinkJobOverview,
  FlinkJobState,
} from '@internal/backstage-plugin-pipeline-node';
import type {
  BackpressureReading,
  CheckpointFigure,
} from '@internal/backstage-plugin-pipeline-common';

const TERMINAL: FlinkJobState[] = ['FINISHED', 'CANCELED', 'FAILED'];

export const isTerminal = (state: FlinkJobState) => TERMINAL.includes(state);

/**
 * Several runs of a job share its name (every re-submit is a new job id). The one that
 * speaks for the entity is the RUNNING one, else the one started last.
 */
export function pickJob(
  jobs: FlinkJobOverview[],
  name: string,
): { job?: FlinkJobOverview; otherRuns: number } {
  const named = jobs.filter(j => j.name === name);
  const newestFirst = [...named].sort(
    (a, b) => b['start-time'] - a['start-time'],
  );
  const job = newestFirst.find(j => j.state === 'RUNNING') ?? newestFirst[0];
  return { job, otherRuns: Math.max(0, named.length - 1) };
}

/** Deep link into the Flink dashboard; it files ended jobs under "completed". */
export function jobDashboardUrl(
  dashboardUrl: string | undefined,
  job: { jid: string; state: FlinkJobState },
): string | undefined {
  if (!dashboardUrl) return undefined;
  const section = isTerminal(job.state) ? 'completed' : 'running';
  return `${dashboardUrl.replace(/\/+$/, '')}/#/job/${section}/${
    job.jid
  }/overview`;
}

const RANK: Record<BackpressureReading, number> = {
  unknown: -1,
  ok: 0,
  low: 1,
  high: 2,
};

/** The worst level over the vertices; `unknown` only when no vertex has been sampled. */
export function maxBackpressure(
  levels: BackpressureReading[],
): BackpressureReading {
  return levels.reduce<BackpressureReading>(
    (worst, level) => (RANK[level] > RANK[worst] ? level : worst),
    'unknown',
  );
}

export function checkpointFigure(ref: FlinkCheckpointRef): CheckpointFigure {
  return {
    id: ref.id,
    status: ref.status,
    isSavepoint: Boolean(ref.is_savepoint),
    triggeredAt: ref.trigger_timestamp,
    completedAt:
      ref.latest_ack_timestamp > 0 ? ref.latest_ack_timestamp : undefined,
    durationMs: ref.end_to_end_duration,
    // checkpointed_size is what this checkpoint wrote (incremental); state_size the full state.
    sizeBytes: ref.checkpointed_size ?? ref.state_size,
    failureMessage: ref.failure_message,
  };
}

/** Source vertices have no inputs; sink vertices feed no other vertex. */
export function sourcesAndSinks(job: FlinkRestJobDetails): {
  sources: Set<string>;
  sinks: Set<string>;
} {
  const nodes = job.plan?.nodes;
  const ids = job.vertices.map(v => v.id);
  if (!nodes?.length) {
    // Without a plan, Flink lists vertices in topological order.
    return { sources: new Set(ids.slice(0, 1)), sinks: new Set(ids.slice(-1)) };
  }
  const read = new Set(nodes.flatMap(n => (n.inputs ?? []).map(i => i.id)));
  return {
    sources: new Set(nodes.filter(n => !n.inputs?.length).map(n => n.id)),
    sinks: new Set(ids.filter(id => !read.has(id))),
  };
}

/** The first lines of a Java stack trace: enough to recognise it, short enough to show. */
export function shortStacktrace(stacktrace: string, maxLines = 12): string {
  const lines = stacktrace.split('\n');
  const head = lines.slice(0, maxLines).join('\n');
  return lines.length > maxLines
    ? `${head}\n\t… ${lines.length - maxLines} more lines`
    : head;
}
