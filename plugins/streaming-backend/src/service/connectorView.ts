import type { ConnectorStatus } from '@internal/backstage-plugin-pipeline-node';
import type { ConnectorStatusView } from '@internal/backstage-plugin-pipeline-common';

const TRACE_LINES = 8;

/** A Java stack trace runs to hundreds of lines; the first ones say what went wrong. */
export function firstLines(
  trace: string | undefined,
  lines = TRACE_LINES,
): string | undefined {
  if (!trace) return undefined;
  const all = trace.trimEnd().split('\n');
  const head = all.slice(0, lines).join('\n');
  return all.length > lines
    ? `${head}\n… ${all.length - lines} more lines`
    : head;
}

export function summarizeConnector(
  status: ConnectorStatus,
): ConnectorStatusView {
  const tasks = [...(status.tasks ?? [])]
    .sort((a, b) => a.id - b.id)
    .map(t => ({
      id: t.id,
      state: t.state,
      workerId: t.worker_id,
      trace: t.state === 'FAILED' ? firstLines(t.trace) : undefined,
    }));
  return {
    name: status.name,
    state: status.connector.state,
    type: status.type,
    workerId: status.connector.worker_id,
    trace:
      status.connector.state === 'FAILED'
        ? firstLines(status.connector.trace)
        : undefined,
    tasks,
    failedTasks: tasks.filter(t => t.state === 'FAILED').length,
  };
}
