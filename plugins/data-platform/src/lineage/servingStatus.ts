import type { ServingStats } from '@internal/backstage-plugin-pipeline-common';
import { formatCount, formatSeconds } from './format';
import type { NodeStatus } from './status';

const STORE = { cassandra: 'Cassandra', couchdb: 'CouchDB' } as const;

/**
 * A serving target's chip: reachable (an answer at all; a store that is down leaves the node
 * "unavailable" with the backend's message), its rows, and how long ago it was last written.
 */
export function servingStatus(
  answer: ServingStats,
  now = Date.now(),
): NodeStatus {
  const store = STORE[answer.store];
  if (answer.status === 'missing') {
    return {
      health: 'error',
      label: 'NOT CREATED',
      detail: `${answer.target} not in ${store}`,
      phrase: `${store} ${answer.target} not created`,
    };
  }
  const count = answer.rows?.count ?? 0;
  const prefix = { exact: '', estimate: '≈ ', 'at-least': '≥ ' }[
    answer.rows?.method ?? 'exact'
  ];
  const rows = `${prefix}${formatCount(count)} row${count === 1 ? '' : 's'}`;
  const age = answer.lastWrite
    ? Math.max(0, Math.round((now - Date.parse(answer.lastWrite.at)) / 1000))
    : undefined;
  return {
    health: count > 0 ? 'ok' : 'warning',
    label: count > 0 ? rows : 'EMPTY',
    detail:
      age === undefined
        ? `${store} reachable · last write unknown`
        : `${store} reachable · last write ${formatSeconds(age)} ago`,
    phrase:
      count > 0
        ? `${store} ${answer.target}: ${rows}`
        : `${store} ${answer.target} empty`,
  };
}
