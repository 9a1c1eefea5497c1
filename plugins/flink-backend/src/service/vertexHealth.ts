import type {
  FlinkJobDetails as FlinkRestJobDetails,
  FlinkRestClient,
} from '@internal/backstage-plugin-pipeline-node';
import type { FlinkVertexHealth } from '@internal/backstage-plugin-pipeline-common';
import { sourcesAndSinks } from './jobFigures';

const RATES = ['numRecordsInPerSecond', 'numRecordsOutPerSecond'];

const sum = (values: Array<number | undefined>) => {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length ? known.reduce((a, b) => a + b, 0) : undefined;
};

/**
 * Backpressure and record rates of every vertex. These figures are extras: a vertex Flink
 * cannot sample right now (just restarted, finishing) reads `unknown` instead of failing the page.
 */
export async function readVertices(
  rest: FlinkRestClient,
  job: FlinkRestJobDetails,
  options: { timeoutMs: number; sample: boolean },
): Promise<{
  vertices: FlinkVertexHealth[];
  recordsInPerSecond?: number;
  recordsOutPerSecond?: number;
}> {
  const call = { timeoutMs: options.timeoutMs };
  const vertices = await Promise.all(
    job.vertices.map(async (v): Promise<FlinkVertexHealth> => {
      const base: FlinkVertexHealth = {
        id: v.id,
        name: v.name,
        parallelism: v.parallelism,
        status: v.status,
        backpressure: 'unknown',
      };
      if (!options.sample) return base;
      const [bp, rates] = await Promise.all([
        rest.backpressure(job.jid, v.id, call).catch(() => undefined),
        rest
          .vertexMetrics(job.jid, v.id, RATES, 'sum', call)
          .catch(() => undefined),
      ]);
      const subtasks = bp?.subtasks ?? [];
      return {
        ...base,
        // Flink answers status "deprecated" until its first sample of the vertex is in.
        backpressure:
          bp?.status === 'ok' && bp.backpressureLevel
            ? bp.backpressureLevel
            : 'unknown',
        backpressureRatio: subtasks.length
          ? Math.max(...subtasks.map(s => s.ratio))
          : undefined,
        busyRatio: subtasks.some(s => s.busyRatio !== undefined)
          ? Math.max(...subtasks.map(s => s.busyRatio ?? 0))
          : undefined,
        recordsInPerSecond: rates?.numRecordsInPerSecond,
        recordsOutPerSecond: rates?.numRecordsOutPerSecond,
      };
    }),
  );
  const { sources, sinks } = sourcesAndSinks(job);
  return {
    vertices,
    // In: what the sources read from outside. Out: what reaches the sinks (a changelog source
    // can emit more rows than it read, e.g. -U/+U pairs for an update).
    recordsInPerSecond: sum(
      vertices.filter(v => sources.has(v.id)).map(v => v.recordsInPerSecond),
    ),
    recordsOutPerSecond: sum(
      vertices.filter(v => sinks.has(v.id)).map(v => v.recordsInPerSecond),
    ),
  };
}
