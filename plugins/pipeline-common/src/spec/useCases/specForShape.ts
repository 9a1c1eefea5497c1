import type { PipelineSpecInput } from '../pipelineSpec';
import { financeReconciliationFullExample } from './finance';
import { fraudDetectionSpec } from './fraud';
import { inventory360Example } from './inventory';
import { marketingPersonalizationSpec } from './marketing';
import { customerSupport360Example } from './support';
import { FRAUD_CEP_DEFAULTS, INTEREST_DEFAULTS } from './shapeParameters';
import {
  ParsedShapeParams,
  shapeParamsSchema,
  SourceTablePick,
} from './shapeParamsSchema';

/** The use-case shapes of MISSION.md §3 a template can start from. */
export const USE_CASE_SHAPES = [
  'cdc-lakehouse',
  'stream-enrichment',
  'fraud-cep',
  'inventory-360',
  'customer-support-360',
] as const;
export type UseCaseShape = (typeof USE_CASE_SHAPES)[number];

/** Each shape's spec for its parameters; shapes without SQL parameters are their example. */
const SHAPE_BUILDERS: Record<
  UseCaseShape,
  (p: ParsedShapeParams) => PipelineSpecInput
> = {
  'cdc-lakehouse': () => financeReconciliationFullExample,
  'stream-enrichment': p =>
    marketingPersonalizationSpec({
      ...INTEREST_DEFAULTS,
      ...defined(p.interest),
    }),
  'fraud-cep': p =>
    fraudDetectionSpec({ ...FRAUD_CEP_DEFAULTS, ...defined(p.cep) }),
  'inventory-360': () => inventory360Example,
  'customer-support-360': () => customerSupport360Example,
};

/** Which shape takes which shape-specific parameter. */
const SHAPE_ONLY: Array<[keyof ParsedShapeParams, UseCaseShape]> = [
  ['cep', 'fraud-cep'],
  ['interest', 'stream-enrichment'],
];

/** The form's answers do not make a spec of this shape; each problem names its field. */
export class ShapeParamsError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ShapeParamsError';
  }
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

/** Keys that are safe to repeat in a message (a record key can be any string). */
const shown = (key: string) =>
  /^[A-Za-z0-9._-]{1,64}$/.test(key) ? `"${key}"` : 'this key';

function defined<T extends object>(o: T | undefined): Partial<T> {
  return Object.fromEntries(
    Object.entries(o ?? {}).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

export const isUseCaseShape = (shape: unknown): shape is UseCaseShape =>
  typeof shape === 'string' &&
  (USE_CASE_SHAPES as readonly string[]).includes(shape);

/** Parses a form's answers, or throws {@link ShapeParamsError} listing every problem. */
export function parseShapeParams(
  shape: UseCaseShape,
  input: unknown,
): ParsedShapeParams {
  const result = shapeParamsSchema.safeParse(input);
  if (!result.success)
    throw new ShapeParamsError(
      result.error.issues.map(
        i => `${i.path.map(String).join('.') || '(params)'}: ${i.message}`,
      ),
    );
  const problems = SHAPE_ONLY.filter(
    ([key, only]) => result.data[key] !== undefined && shape !== only,
  ).map(([key, only]) => `${key}: applies to the ${only} shape only`);
  if (problems.length) throw new ShapeParamsError(problems);
  return result.data;
}

const cdcNamespace = (source: any) =>
  source.kind === 'postgres' ? source.schema ?? 'public' : source.database;
const cdcTopicOf = (source: any, table: string) =>
  `${source.connector.topicPrefix}.${cdcNamespace(source)}.${table}`;

/**
 * Copy tables read the picked source tables with the picked columns. Each source captures the
 * tables its copy tables read, with the picked columns' real types; a table two copy tables
 * read carries the columns of both.
 */
function applySourcePicks(
  spec: any,
  picks: Record<string, SourceTablePick | undefined>,
  problems: string[],
) {
  const copyTables = spec.paimonTables.map((t: any) => t.name);
  for (const [name, pick] of Object.entries(picks)) {
    if (!pick) continue;
    const table = spec.paimonTables.find((t: any) => t.name === name);
    if (!table) {
      problems.push(
        `sourceTables.${name}: the shape has no copy table ${shown(
          name,
        )}; its copy tables: ${copyTables.join(', ')}`,
      );
      continue;
    }
    if (pick.source !== table.from.source) {
      problems.push(
        `sourceTables.${name}.source: ${name} reads source ${table.from.source}, not ${pick.source}`,
      );
      continue;
    }
    for (const key of pick.primaryKey)
      if (!pick.columns.some(c => c.name === key))
        problems.push(
          `sourceTables.${name}.columns: the primary key column ${key} of ${pick.table} must be picked`,
        );
  }
  if (problems.length) return;
  for (const source of spec.sources) {
    const readBefore = new Set(
      spec.paimonTables
        .filter((t: any) => t.from.source === source.name)
        .map((t: any) => t.from.table),
    );
    const tables = new Map<string, any>();
    for (const copy of spec.paimonTables) {
      if (copy.from.source !== source.name) continue;
      const pick = picks[copy.name];
      const def = pick
        ? {
            name: pick.table,
            primaryKey: pick.primaryKey,
            columns: pick.columns,
          }
        : source.tables.find((t: any) => t.name === copy.from.table);
      if (!def) continue;
      if (pick) {
        copy.from = { ...copy.from, table: pick.table };
        copy.columns = pick.columns.map(c => c.name);
      }
      const seen = tables.get(def.name);
      if (!seen) tables.set(def.name, structuredClone(def));
      else
        for (const column of def.columns)
          if (!seen.columns.some((c: any) => c.name === column.name))
            seen.columns.push(column);
    }
    // A table only a re-pointed copy table read is no longer captured; one no copy table ever
    // read stays as the shape has it (none in the seed shapes).
    for (const t of source.tables)
      if (!tables.has(t.name) && !readBefore.has(t.name)) tables.set(t.name, t);
    source.tables = [...tables.values()];
  }
}

/**
 * A pipeline spec for one use-case shape and a form's answers, owned by this pipeline: its
 * connectors and CDC topics are named after it (two pipelines of one shape never share a
 * connector or a CDC topic), credentials are `${env:CDC_...}` references, and what the form
 * shaped (parameters, source tables and columns, SELECTs, partitions) replaces the shape's.
 * Answers left out keep the shape's defaults, so the spec of a default form is the shape's.
 * The result is parsed (and so validated) by the render and deploy actions like any other spec.
 */
export function specForShape(shape: string, input: unknown): PipelineSpecInput {
  if (!isUseCaseShape(shape))
    throw new ShapeParamsError([
      `unknown use-case shape ${
        /^[a-z0-9-]{1,40}$/.test(shape) ? `'${shape}'` : ''
      }; known: ${USE_CASE_SHAPES.join(', ')}`.replace('shape ;', 'shape;'),
    ]);
  const params = parseShapeParams(shape, input);
  const spec = structuredClone(SHAPE_BUILDERS[shape](params)) as any;
  const shapeDatabase: string = spec.catalog.database;
  const problems: string[] = [];

  // The shape's CDC topics, replaced below by those of this pipeline's connectors.
  const oldCdc = new Map<string, any>();
  for (const source of spec.sources)
    for (const table of source.tables)
      oldCdc.set(cdcTopicOf(source, table.name), table.name);
  const oldTopics = new Map<string, any>(
    spec.topics.map((t: any) => [t.name, t]),
  );

  applySourcePicks(spec, params.sourceTables ?? {}, problems);

  const cdcTopics: any[] = [];
  for (const source of spec.sources) {
    const dialect = source.kind === 'postgres' ? 'postgres' : 'mysql';
    const previousPrefix = source.connector.topicPrefix;
    const prefix = `${params.name}-${dialect === 'postgres' ? 'pg' : 'my'}`;
    for (const table of source.tables) {
      const before = `${previousPrefix}.${cdcNamespace(source)}.${table.name}`;
      cdcTopics.push({
        ...oldTopics.get(before),
        name: `${prefix}.${cdcNamespace(source)}.${table.name}`,
      });
    }
    source.connector = {
      ...source.connector,
      name: `${params.name}-${source.name.replace(/_/g, '-')}`,
      topicPrefix: prefix,
      ...ENV_CREDENTIALS[dialect],
    };
  }
  const firstCdc = spec.topics.findIndex((t: any) => oldCdc.has(t.name));
  const others = spec.topics.filter((t: any) => !oldCdc.has(t.name));
  spec.topics =
    firstCdc < 0
      ? [...cdcTopics, ...others]
      : [...others.slice(0, firstCdc), ...cdcTopics, ...others.slice(firstCdc)];

  for (const [key, partitions] of Object.entries(params.partitions ?? {})) {
    const targets =
      key === 'cdc'
        ? cdcTopics
        : spec.topics.filter(
            (t: any) => t.name === key && !cdcTopics.includes(t),
          );
    if (!targets.length)
      problems.push(
        `partitions: ${shown(
          key,
        )} is not a topic this pipeline owns; use cdc${others
          .map((t: any) => `, ${t.name}`)
          .join('')}`,
      );
    for (const topic of targets) topic.partitions = partitions;
  }

  // Topics the pipeline creates besides its CDC topics (the alerts a Kafka sink writes) are named
  // inside its namespace too: two pipelines of one shape never write one topic, and a deploy
  // refuses a team's topic outside its namespace (pipeline-common's namespaceProblems).
  for (const topic of others) {
    const renamed = `${params.name}.${topic.name}`;
    for (const sink of spec.kafkaSinks ?? [])
      if (sink.topic === topic.name) sink.topic = renamed;
    topic.name = renamed;
  }

  for (const [name, select] of Object.entries(params.selects ?? {})) {
    if (select.trim() === '') continue;
    const targets = [...(spec.derivedTables ?? []), ...(spec.kafkaSinks ?? [])];
    const target = targets.find((t: any) => t.name === name);
    if (!target)
      problems.push(
        `selects.${name}: the shape has no derived table or Kafka sink ${shown(
          name,
        )}; it has: ${targets.map((t: any) => t.name).join(', ')}`,
      );
    else target.select = select;
  }
  if (problems.length) throw new ShapeParamsError(problems);

  spec.name = params.name;
  spec.owner = params.owner;
  if (params.description) spec.description = params.description;
  // A pipeline's own namespace by default: its name. The shape's example names (`commerce`,
  // `risk/daily`) belong to the platform's seed pipelines, which pass them explicitly.
  spec.catalog = {
    database: params.catalogDatabase ?? params.name.replace(/-/g, '_'),
  };
  // Serving targets follow the tables: outside the shape's own database (the platform's seed
  // pipelines) a pipeline serves from a keyspace and CouchDB databases of its own.
  if (spec.catalog.database !== shapeDatabase) {
    const own = spec.catalog.database;
    for (const sink of spec.servingSinks ?? []) {
      if (sink.kind === 'cassandra') sink.keyspace = own;
      if (sink.kind === 'couchdb')
        sink.name = `${own}_${sink.name ?? sink.paimonTable}`.slice(0, 63);
    }
  }
  spec.flinkJob = {
    ...spec.flinkJob,
    name: params.name,
    ...(params.checkpointSeconds
      ? { checkpointIntervalSeconds: params.checkpointSeconds }
      : {}),
  };
  const domain = params.domain ?? params.name;
  spec.nessie = {
    branch: `${domain}/daily`,
    tagPolicy: `${domain}/daily-yyyymmdd`,
  };
  if (params.freshnessSeconds)
    spec.slo = { ...spec.slo, freshnessSeconds: params.freshnessSeconds };
  return spec;
}
