import {
  PipelineSpecInput,
  USE_CASE_EXAMPLES,
} from '@internal/backstage-plugin-pipeline-common';

/** The use-case shapes of MISSION.md §3 a template can start from. */
export const USE_CASE_SHAPES = Object.keys(USE_CASE_EXAMPLES);

/** What a template form asks; everything else comes from the shape's example spec. */
export interface ShapeParams {
  name: string;
  owner: string;
  description?: string;
  catalogDatabase?: string;
  /** Nessie branch `<domain>/daily`, release tags `<domain>/daily-yyyymmdd`. */
  domain?: string;
  checkpointSeconds?: number;
  freshnessSeconds?: number;
}

const ENV_CREDENTIALS = {
  postgres: {
    user: '${env:CDC_POSTGRES_USER}',
    password: '${env:CDC_POSTGRES_PASSWORD}',
  },
  mysql: {
    user: '${env:CDC_MARIADB_USER}',
    password: '${env:CDC_MARIADB_PASSWORD}',
  },
};

/**
 * A pipeline spec for one use-case shape, owned by this pipeline: its connectors and CDC topics
 * are named after it (two pipelines of one shape never share a connector or a CDC topic), and
 * credentials are `${env:CDC_...}` references. The result is parsed (and so validated) by the
 * render and deploy actions like any other spec.
 */
export function specForShape(
  shape: string,
  params: ShapeParams,
): PipelineSpecInput {
  const example = USE_CASE_EXAMPLES[shape];
  if (!example)
    throw new Error(
      `unknown use-case shape '${shape}'; known: ${USE_CASE_SHAPES.join(', ')}`,
    );
  const spec = structuredClone(example) as any;
  const renamedTopics = new Map<string, string>();
  for (const source of spec.sources) {
    const dialect = source.kind === 'postgres' ? 'postgres' : 'mysql';
    const prefix = `${params.name}-${dialect === 'postgres' ? 'pg' : 'my'}`;
    const namespace =
      dialect === 'postgres' ? source.schema ?? 'public' : source.database;
    for (const table of source.tables)
      renamedTopics.set(
        `${source.connector.topicPrefix}.${namespace}.${table.name}`,
        `${prefix}.${namespace}.${table.name}`,
      );
    source.connector = {
      ...source.connector,
      name: `${params.name}-${source.name.replace(/_/g, '-')}`,
      topicPrefix: prefix,
      ...ENV_CREDENTIALS[dialect],
    };
  }
  spec.topics = spec.topics.map((t: any) => ({
    ...t,
    name: renamedTopics.get(t.name) ?? t.name,
  }));
  spec.name = params.name;
  spec.owner = params.owner;
  if (params.description) spec.description = params.description;
  if (params.catalogDatabase)
    spec.catalog = { database: params.catalogDatabase };
  spec.flinkJob = {
    ...spec.flinkJob,
    name: params.name,
    ...(params.checkpointSeconds
      ? { checkpointIntervalSeconds: params.checkpointSeconds }
      : {}),
  };
  if (params.domain)
    spec.nessie = {
      branch: `${params.domain}/daily`,
      tagPolicy: `${params.domain}/daily-yyyymmdd`,
    };
  if (params.freshnessSeconds)
    spec.slo = { ...spec.slo, freshnessSeconds: params.freshnessSeconds };
  return spec;
}
