import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { DataPlatformApiError } from '@internal/backstage-plugin-pipeline-react';
import { useEffect, useMemo, useState } from 'react';
import {
  connectorsStatus,
  consumerLagStatus,
  flinkJobStatus,
  freshnessStatus,
  type LineageNode,
  type LiveStatus,
  type NodeStatus,
  type Probe,
  probeOf,
  servingStatus,
} from '../../lineage';
import {
  type PipelineStatusApi,
  pipelineStatusApiRef,
} from '../../api/PipelineStatusApi';

const load: Record<
  Probe,
  (api: PipelineStatusApi, ref: string) => Promise<NodeStatus>
> = {
  'flink-job': (api, ref) => api.flinkJob(ref).then(a => flinkJobStatus(a)),
  connectors: (api, ref) => api.connectors(ref).then(connectorsStatus),
  'consumer-lag': (api, ref) => api.consumerLag(ref).then(consumerLagStatus),
  freshness: (api, ref) => api.freshness(ref).then(freshnessStatus),
  serving: (api, ref) => api.serving(ref).then(a => servingStatus(a)),
};

const unavailableMessage = (error: unknown) => {
  if (error instanceof DataPlatformApiError) return error.message;
  if (error instanceof Error && error.name === 'TimeoutError')
    return 'no answer in time';
  return error instanceof Error ? error.message : String(error);
};

/**
 * The live status of every node that has one, each loaded on its own: a slow or failing
 * upstream leaves its own node "unavailable" and the others show as they arrive. Nodes without
 * a status annotation get no entry.
 */
export function useLiveStatuses(
  nodes: LineageNode[],
): Record<string, LiveStatus> {
  const api = useApi(pipelineStatusApiRef);
  const [statuses, setStatuses] = useState<Record<string, LiveStatus>>({});
  const key = nodes.map(n => n.ref).join(' ');
  const probed = useMemo(
    () =>
      nodes.flatMap(node => {
        const probe = node.external ? undefined : probeOf(node.entity);
        return probe ? [{ node, probe }] : [];
      }),
    // The nodes are the same as long as their refs are.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );

  useEffect(() => {
    let current = true;
    const set = (ref: string, live: LiveStatus) => {
      if (current) setStatuses(s => ({ ...s, [ref]: live }));
    };
    setStatuses({});
    for (const { node, probe } of probed) {
      load[probe](api, stringifyEntityRef(node.entity)).then(
        status => set(node.ref, { state: 'ready', status }),
        error =>
          set(node.ref, {
            state: 'unavailable',
            message: unavailableMessage(error),
          }),
      );
    }
    return () => {
      current = false;
    };
  }, [api, probed]);

  return Object.fromEntries(
    probed.map(({ node }) => [
      node.ref,
      statuses[node.ref] ?? { state: 'loading' },
    ]),
  );
}
