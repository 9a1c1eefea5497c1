import type { PipelineSpec } from './spec/pipelineSpec';
import { paimonTableNames } from './spec/specQueries';

/**
 * What a pipeline owns on the stack. The pipeline registry records one row per object, so a
 * second pipeline can never take a job, connector, topic, table, Nessie branch, serving table
 * or repository that another pipeline claims, and the write routes of every plugin authorize
 * against the pipeline that claims the object they touch.
 */
export const PIPELINE_OBJECT_KINDS = [
  'flink-job',
  'connector',
  'topic',
  'paimon-table',
  'nessie-ref',
  'cassandra-table',
  'couchdb-database',
  'repository',
] as const;
export type PipelineObjectKind = (typeof PIPELINE_OBJECT_KINDS)[number];

/** Which upstream kind (dataPlatform.upstreams.<kind>) an object lives on. */
export const OBJECT_UPSTREAM: Record<PipelineObjectKind, string> = {
  'flink-job': 'flink',
  connector: 'kafkaConnect',
  topic: 'kafka',
  // The Paimon warehouse is reached through a Flink instance's catalog.
  'paimon-table': 'flink',
  'nessie-ref': 'nessie',
  'cassandra-table': 'cassandra',
  'couchdb-database': 'couchdb',
  repository: 'git',
};

export interface PipelineObject {
  kind: PipelineObjectKind;
  /** The configured upstream instance, e.g. `local`. */
  instance: string;
  /** Job, connector or topic name, `<database>.<table>`, Nessie ref, `<owner>/<repo>`. */
  name: string;
}

const INSTANCE = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** `flink-job:local/orders-lakehouse`: the resource ref of an object (RESOURCE_TYPE_PIPELINE). */
export function pipelineObjectRef(object: PipelineObject): string {
  return `${object.kind}:${object.instance}/${object.name}`;
}

/** The object a resource ref names, or undefined when it is not an object ref (an entity ref). */
export function parsePipelineObjectRef(
  ref: string,
): PipelineObject | undefined {
  const colon = ref.indexOf(':');
  const slash = ref.indexOf('/', colon + 1);
  if (colon < 0 || slash < 0) return undefined;
  const kind = ref.slice(0, colon) as PipelineObjectKind;
  const instance = ref.slice(colon + 1, slash);
  const name = ref.slice(slash + 1);
  if (!PIPELINE_OBJECT_KINDS.includes(kind) || !INSTANCE.test(instance))
    return undefined;
  // Names were validated by the spec rules; here only their length and characters are bounded.
  if (!/^[A-Za-z0-9._/-]{1,300}$/.test(name)) return undefined;
  return { kind, instance, name };
}

/** A pipeline's identity: its name inside a catalog namespace (`default/orders-lakehouse`). */
export const pipelineId = (name: string, namespace = 'default') =>
  `${namespace}/${name}`;
/** The catalog Component that stands for a pipeline (renderCatalogInfo names it after the spec). */
export const pipelineEntityRef = (id: string) => `component:${id}`;

/**
 * The objects a spec deploys, on the instances `instanceOf` names (the configured default
 * ones when the deploy names none). Topics the pipeline only reads (streams produced
 * elsewhere) are not its own; the repository is claimed when it is published.
 */
export function pipelineObjectsOf(
  spec: PipelineSpec,
  instanceOf: (upstream: string) => string,
): PipelineObject[] {
  const on = (kind: PipelineObjectKind, name: string): PipelineObject => ({
    kind,
    instance: instanceOf(OBJECT_UPSTREAM[kind]),
    name,
  });
  const objects = [
    on('flink-job', spec.flinkJob.name),
    ...spec.sources.map(s => on('connector', s.connector.name)),
    ...spec.topics.map(t => on('topic', t.name)),
    ...paimonTableNames(spec).map(t =>
      on('paimon-table', `${spec.catalog.database}.${t}`),
    ),
    on('nessie-ref', spec.nessie.branch),
  ];
  for (const sink of spec.servingSinks) {
    const name = sink.name ?? sink.paimonTable;
    if (sink.kind === 'cassandra')
      objects.push(
        on(
          'cassandra-table',
          `${sink.keyspace ?? spec.catalog.database}.${name}`,
        ),
      );
    if (sink.kind === 'couchdb') objects.push(on('couchdb-database', name));
  }
  return objects;
}

/**
 * Why a spec's own names leave its namespace, as `path: message` lines (empty when they do
 * not). Topics it creates, its connectors and its job are named after the pipeline
 * (`<name>`, `<name>-…`, `<name>.…` or `<name>_…`), so one team's pipeline can never create
 * or write a name another team's pipeline will need. Paimon tables and Nessie branches are
 * named by domain (`commerce.orders`, `finance/daily`): the registry's claims keep those apart.
 */
export function namespaceProblems(spec: PipelineSpec): string[] {
  const inside = (name: string) =>
    name === spec.name ||
    (name.startsWith(spec.name) && /^[-._]/.test(name.slice(spec.name.length)));
  const problems: string[] = [];
  const expect = `named "${spec.name}" or starting with "${spec.name}-", "${spec.name}." or "${spec.name}_"`;
  spec.topics.forEach((t, i) => {
    if (!inside(t.name))
      problems.push(
        `topics.${i}.name: topic "${t.name}" is outside the namespace of pipeline ${spec.name}: topics a pipeline creates or writes must be ${expect}`,
      );
  });
  spec.sources.forEach((s, i) => {
    if (!inside(s.connector.name))
      problems.push(
        `sources.${i}.connector.name: connector "${s.connector.name}" is outside the namespace of pipeline ${spec.name}: connectors must be ${expect}`,
      );
  });
  if (!inside(spec.flinkJob.name))
    problems.push(
      `flinkJob.name: job "${spec.flinkJob.name}" is outside the namespace of pipeline ${spec.name}: the job must be ${expect}`,
    );
  return problems;
}
