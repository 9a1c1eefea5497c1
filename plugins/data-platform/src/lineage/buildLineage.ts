import type { Entity } from '@backstage/catalog-model';
import { dependsOnRefs, refOf } from './entityRefs';
import { isSourceData, LineageRole, ROLE_LABELS, roleOf } from './roles';

export interface LineageNode {
  /** Canonical, lower-case entity ref. */
  ref: string;
  entity: Entity;
  role: LineageRole;
  /** A source outside the system that a member reads from. */
  external: boolean;
  /** Refs of the nodes this one reads from (its dependsOn within the lineage). */
  upstream: string[];
}

/** One column of the flow: every node in it sits right after the nodes feeding it. */
export interface LineageStage {
  label: string;
  nodes: LineageNode[];
}

export interface Lineage {
  stages: LineageStage[];
  /** Members linked to no other node by dependsOn: shown apart, they have no place in the flow. */
  unlinked: LineageNode[];
}

const title = (n: LineageNode) =>
  n.entity.metadata.title ?? n.entity.metadata.name;
const byTitle = (a: LineageNode, b: LineageNode) =>
  title(a).localeCompare(title(b)) || a.ref.localeCompare(b.ref);

/**
 * The pipeline of a System as stage columns, from sources to serving. A node's column is the
 * longest dependsOn path leading to it (topological layering), so a connector lands right after
 * the database it reads and before the topic it writes, whatever the types say. A dependsOn
 * cycle is cut where the walk meets it; `others` are the dependencies outside the system, of
 * which only source data (databases, tables) is shown.
 */
export function buildLineage(
  members: Entity[],
  others: Entity[] = [],
): Lineage {
  const nodes = new Map<string, LineageNode>();
  const add = (entity: Entity, external: boolean) => {
    const ref = refOf(entity);
    if (!nodes.has(ref)) {
      nodes.set(ref, {
        ref,
        entity,
        role: external ? 'source' : roleOf(entity),
        external,
        upstream: [],
      });
    }
  };
  members.forEach(m => add(m, false));
  const memberRefs = new Set(nodes.keys());
  const readByMembers = new Set(members.flatMap(dependsOnRefs));
  others
    .filter(o => readByMembers.has(refOf(o)) && isSourceData(o))
    .forEach(o => add(o, true));

  for (const node of nodes.values()) {
    if (!memberRefs.has(node.ref)) continue; // an external source's own dependencies do not matter here
    node.upstream = dependsOnRefs(node.entity).filter(
      ref => ref !== node.ref && nodes.has(ref),
    );
  }

  const layers = layer([...nodes.values()].sort(byTitle), nodes);
  const linked = new Set<string>();
  for (const node of nodes.values()) {
    if (node.upstream.length > 0) {
      linked.add(node.ref);
      node.upstream.forEach(ref => linked.add(ref));
    }
  }
  const unlinked = [...nodes.values()]
    .filter(n => !linked.has(n.ref))
    .sort(byTitle);
  const columns: LineageNode[][] = [];
  for (const node of [...nodes.values()].filter(n => linked.has(n.ref))) {
    const depth = layers.get(node.ref)!;
    (columns[depth] ??= []).push(node);
  }
  const dense = columns.filter(c => c && c.length > 0);
  orderColumns(dense);
  return {
    stages: dense.map((column, i) => ({
      label: stageLabel(column, i, dense.length),
      nodes: column,
    })),
    unlinked,
  };
}

/** Longest-path depth of every node; edges that close a cycle are ignored. */
function layer(
  sorted: LineageNode[],
  nodes: Map<string, LineageNode>,
): Map<string, number> {
  const depth = new Map<string, number>();
  const onPath = new Set<string>();
  const visit = (node: LineageNode): number => {
    const known = depth.get(node.ref);
    if (known !== undefined) return known;
    onPath.add(node.ref);
    let d = 0;
    for (const ref of node.upstream) {
      if (onPath.has(ref)) continue; // a cycle: this edge points back along the walk
      d = Math.max(d, visit(nodes.get(ref)!) + 1);
    }
    onPath.delete(node.ref);
    depth.set(node.ref, d);
    return d;
  };
  sorted.forEach(visit);
  return depth;
}

/** Within a column, nodes follow the mean row of what feeds them, so arrows cross less. */
function orderColumns(columns: LineageNode[][]) {
  const row = new Map<string, number>();
  columns.forEach((column, i) => {
    const weight = (n: LineageNode) => {
      const rows = n.upstream
        .map(ref => row.get(ref))
        .filter((r): r is number => r !== undefined);
      return rows.length
        ? rows.reduce((a, b) => a + b, 0) / rows.length
        : Number.MAX_SAFE_INTEGER;
    };
    column.sort(
      (a, b) => (i === 0 ? 0 : weight(a) - weight(b)) || byTitle(a, b),
    );
    column.forEach((n, r) => row.set(n.ref, r));
  });
}

function stageLabel(
  column: LineageNode[],
  index: number,
  count: number,
): string {
  const roles = new Set(column.map(n => n.role));
  const [only] = roles;
  if (roles.size === 1 && only !== 'other') return ROLE_LABELS[only];
  if (index === 0) return ROLE_LABELS.source;
  if (index === count - 1) return ROLE_LABELS.serving;
  return `Stage ${index + 1}`;
}
