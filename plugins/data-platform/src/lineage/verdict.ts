import type { LineageNode } from './buildLineage';
import type { LiveStatus, NodeStatus } from './status';

export type VerdictTone = 'ok' | 'warning' | 'error' | 'pending' | 'none';

export interface Verdict {
  tone: VerdictTone;
  /** One word: Healthy, Degraded, Attention, Unknown, Checking. */
  headline: string;
  detail: string;
}

const title = (n: LineageNode) =>
  n.entity.metadata.title ?? n.entity.metadata.name;

/**
 * One line about the whole pipeline: what is broken first (in flow order), then what is still
 * loading or unknown, and when all is well, how old the data is against its SLO.
 */
export function pipelineVerdict(
  nodes: LineageNode[],
  statuses: Record<string, LiveStatus | undefined>,
): Verdict {
  const probed = nodes
    .map(node => ({ node, live: statuses[node.ref] }))
    .filter(
      (p): p is { node: LineageNode; live: LiveStatus } => p.live !== undefined,
    );
  if (probed.length === 0) {
    return {
      tone: 'none',
      headline: 'No live status',
      detail: 'no node names a Flink job, connector, topic or Paimon table',
    };
  }
  const ready: NodeStatus[] = probed.flatMap(p =>
    p.live.state === 'ready' ? [p.live.status] : [],
  );
  const phrases = (health: NodeStatus['health']) =>
    ready
      .filter(s => s.health === health)
      .map(s => s.phrase)
      .join('; ');
  const errors = phrases('error');
  if (errors) return { tone: 'error', headline: 'Degraded', detail: errors };
  if (probed.some(p => p.live.state === 'loading')) {
    return {
      tone: 'pending',
      headline: 'Checking',
      detail: 'the live status of each node…',
    };
  }
  const unavailable = probed
    .filter(p => p.live.state === 'unavailable')
    .map(p => title(p.node));
  if (unavailable.length > 0) {
    return {
      tone: 'warning',
      headline: 'Unknown',
      detail: `no status for ${unavailable.join(', ')}`,
    };
  }
  const warnings = phrases('warning');
  if (warnings)
    return { tone: 'warning', headline: 'Attention', detail: warnings };
  const stalest = ready
    .flatMap(s => (s.freshness ? [s] : []))
    .sort(
      (a, b) =>
        b.freshness!.ageSeconds / b.freshness!.sloSeconds -
        a.freshness!.ageSeconds / a.freshness!.sloSeconds,
    )[0];
  return {
    tone: 'ok',
    headline: 'Healthy',
    detail: stalest ? stalest.phrase : `all ${ready.length} checked nodes OK`,
  };
}
