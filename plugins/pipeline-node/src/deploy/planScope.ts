import {
  cdcTableName,
  paimonTableNames,
  PipelineSpec,
} from '@internal/backstage-plugin-pipeline-common';

/**
 * Which tables an authored SELECT may read is decided on the job's plan, not on its text: the
 * planner has resolved every name (unqualified, qualified, through views or CTEs) to the table
 * it really scans. A text check could be fooled by quoting, CTE names or catalog paths; the
 * plan cannot. A job may read only what the spec itself defines: its copy and derived Paimon
 * tables, its CDC source tables, its streams and Kafka sinks. Everything else — another
 * team's table, a Paimon system table (`orders$options`), the catalog's `sys` database — is
 * refused before the job is submitted.
 */

/** The "Abstract Syntax Tree" section of an EXPLAIN answer: it lists every scan, lookups included. */
function syntaxTree(plan: string): string | undefined {
  const start = plan.indexOf('== Abstract Syntax Tree ==');
  if (start < 0) return undefined;
  const next = plan.indexOf('\n== ', start + 1);
  return next < 0 ? plan.slice(start) : plan.slice(start, next);
}

const PART = /^[A-Za-z0-9_$-]{1,128}$/;

/**
 * Every `[[catalog, database, table]]` the plan scans, or undefined when the plan has no syntax
 * tree. A reference that does not split into three plain parts is returned as one string, so
 * the caller refuses it rather than guessing.
 */
export function scannedTables(plan: string): string[] | undefined {
  const tree = syntaxTree(plan);
  if (tree === undefined) return undefined;
  const tables = new Set<string>();
  for (const match of tree.matchAll(/table=\[\[([^\]]*)\]\]/g)) {
    const parts = match[1].split(', ');
    tables.add(
      parts.length === 3 && parts.every(p => PART.test(p))
        ? parts.join('.')
        : `[[${match[1].slice(0, 200)}]]`,
    );
  }
  return [...tables];
}

/** The tables a spec's job may scan: what the spec defines, in its database (or Flink's default one). */
export function ownTables(spec: PipelineSpec, paimonCatalog: string): string[] {
  const temporary = [
    ...spec.paimonTables.map(t => cdcTableName(t.name)),
    ...spec.streams.map(s => s.name),
    ...spec.kafkaSinks.map(s => s.name),
  ];
  const db = `${paimonCatalog}.${spec.catalog.database}`;
  return [
    ...paimonTableNames(spec).map(t => `${db}.${t}`),
    ...temporary.map(t => `${db}.${t}`),
    // Without authored SELECTs the job does not switch databases: temporary tables live here.
    ...temporary.map(t => `default_catalog.default_database.${t}`),
  ];
}

/** Why the plan reads outside the spec (one message per table), or an empty list. */
export function planScopeProblems(
  spec: PipelineSpec,
  plan: string,
  paimonCatalog: string,
  alsoAllowed: string[] = [],
): string[] {
  const scanned = scannedTables(plan);
  if (!scanned || scanned.length === 0)
    return [
      'the SQL Gateway answered EXPLAIN without a readable syntax tree, so the tables the job reads could not be checked',
    ];
  const allowed = new Set([...ownTables(spec, paimonCatalog), ...alsoAllowed]);
  return scanned
    .filter(table => !allowed.has(table))
    .map(
      table =>
        `the job reads ${table}, which is not a table or stream of pipeline ${spec.name}: an authored SELECT may read only the spec's own tables and streams`,
    );
}

/** The job's plan reads outside the spec: a refused input, not an upstream failure. @public */
export class PlanScopeError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'PlanScopeError';
  }
}

/** Throws a PlanScopeError with every out-of-scope table the plan reads. */
export function assertPlanScope(
  spec: PipelineSpec,
  plan: string,
  paimonCatalog: string,
  alsoAllowed: string[] = [],
) {
  const problems = planScopeProblems(spec, plan, paimonCatalog, alsoAllowed);
  if (problems.length) throw new PlanScopeError(problems);
}
