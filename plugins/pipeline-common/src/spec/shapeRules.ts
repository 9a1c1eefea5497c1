import { z } from 'zod';
import type { FlinkColumnSpec, PipelineSpec } from './pipelineSpec';
import { timestampPrecision } from './flinkSqlText';
import { cdcTableName, cdcTopicName, paimonTableNames } from './specQueries';

/**
 * Cross-field rules of streams, derived tables, Kafka sinks and serving sinks. Each issue
 * carries the path of the field to fix and says why.
 */

type Ctx = z.core.$RefinementCtx<unknown>;
type Path = (string | number)[];
const fail = (ctx: Ctx, path: Path, message: string) =>
  ctx.addIssue({ code: 'custom', path, message });

function checkColumns(ctx: Ctx, path: Path, columns: FlinkColumnSpec[]) {
  const seen = new Set<string>();
  columns.forEach((c, i) => {
    if (seen.has(c.name))
      fail(
        ctx,
        [...path, 'columns', i, 'name'],
        `duplicate column name "${c.name}"`,
      );
    seen.add(c.name);
  });
}

export function checkShapeRules(spec: PipelineSpec, ctx: Ctx) {
  checkNamespace(spec, ctx);
  checkStreams(spec, ctx);
  checkDerivedTables(spec, ctx);
  checkKafkaSinks(spec, ctx);
  checkServingSinks(spec, ctx);
}

/**
 * Streams, sinks, copy tables (and their `<name>_cdc` source tables) and derived tables share
 * one namespace: the job resolves them all unqualified in the spec's database.
 */
function checkNamespace(spec: PipelineSpec, ctx: Ctx) {
  const owners = new Map<string, string>();
  const claim = (name: string, owner: string, path: Path) => {
    const previous = owners.get(name);
    if (previous)
      fail(
        ctx,
        path,
        `"${name}" is already the name of ${previous}; names of tables, streams and sinks must differ`,
      );
    else owners.set(name, owner);
  };
  spec.paimonTables.forEach((t, i) => {
    // Two copy tables of one name are already reported as "duplicate Paimon table".
    if (spec.paimonTables.findIndex(other => other.name === t.name) < i) return;
    claim(t.name, `Paimon table paimonTables.${i}`, [
      'paimonTables',
      i,
      'name',
    ]);
    claim(cdcTableName(t.name), `the CDC source table of paimonTables.${i}`, [
      'paimonTables',
      i,
      'name',
    ]);
  });
  spec.derivedTables.forEach((t, i) =>
    claim(t.name, `derived table derivedTables.${i}`, [
      'derivedTables',
      i,
      'name',
    ]),
  );
  spec.streams.forEach((s, i) =>
    claim(s.name, `stream streams.${i}`, ['streams', i, 'name']),
  );
  spec.kafkaSinks.forEach((s, i) =>
    claim(s.name, `Kafka sink kafkaSinks.${i}`, ['kafkaSinks', i, 'name']),
  );
}

const topicNames = (spec: PipelineSpec) => spec.topics.map(t => t.name);

function checkStreams(spec: PipelineSpec, ctx: Ctx) {
  spec.streams.forEach((stream, i) => {
    const path = ['streams', i];
    checkColumns(ctx, path, stream.columns);
    // A stream topic not among `topics` is an input produced outside the pipeline (the deploy
    // checks it exists and never creates it; see externalStreamTopics).
    const names = stream.columns.map(c => c.name);
    if (stream.eventTime) {
      const column = stream.columns.find(
        c => c.name === stream.eventTime!.column,
      );
      const precision = column && timestampPrecision(column.type);
      if (!column)
        fail(
          ctx,
          [...path, 'eventTime', 'column'],
          `"${stream.eventTime.column}" is not a column of stream ${stream.name}`,
        );
      // Flink's watermarks need a TIMESTAMP(p) / TIMESTAMP_LTZ(p) rowtime with p ≤ 3.
      else if (precision === undefined || precision > 3)
        fail(
          ctx,
          [...path, 'eventTime', 'column'],
          `event-time column "${column.name}" must be TIMESTAMP(3) or TIMESTAMP_LTZ(3) (precision at most 3), not ${column.type}`,
        );
    }
    const proc = stream.processingTimeColumn;
    if (proc && (names.includes(proc) || proc === stream.eventTime?.column))
      fail(
        ctx,
        [...path, 'processingTimeColumn'],
        `"${proc}" is already a column of stream ${stream.name}; the processing-time column is computed and needs its own name`,
      );
  });
}

function checkKeys(
  ctx: Ctx,
  path: Path,
  columns: string[],
  primaryKey: string[],
  partitionKeys: string[],
) {
  primaryKey.forEach((k, ki) => {
    if (!columns.includes(k))
      fail(
        ctx,
        [...path, 'primaryKey', ki],
        `primary key "${k}" is not among the table's columns`,
      );
  });
  partitionKeys.forEach((k, ki) => {
    if (!columns.includes(k))
      fail(
        ctx,
        [...path, 'partitionKeys', ki],
        `partition key "${k}" is not among the table's columns`,
      );
    // Paimon requires a primary-key table's partition keys to be part of the primary key.
    else if (!primaryKey.includes(k))
      fail(
        ctx,
        [...path, 'partitionKeys', ki],
        `partition key "${k}" must be part of the primary key`,
      );
  });
}

function checkDerivedTables(spec: PipelineSpec, ctx: Ctx) {
  spec.derivedTables.forEach((table, i) => {
    const path = ['derivedTables', i];
    checkColumns(ctx, path, table.columns);
    checkKeys(
      ctx,
      path,
      table.columns.map(c => c.name),
      table.primaryKey,
      table.partitionKeys,
    );
  });
}

function checkKafkaSinks(spec: PipelineSpec, ctx: Ctx) {
  const cdcTopics = new Map<string, string>();
  for (const source of spec.sources)
    for (const table of source.tables)
      cdcTopics.set(cdcTopicName(source, table.name), source.connector.name);
  spec.kafkaSinks.forEach((sink, i) => {
    const path = ['kafkaSinks', i];
    checkColumns(ctx, path, sink.columns);
    if (!topicNames(spec).includes(sink.topic))
      fail(
        ctx,
        [...path, 'topic'],
        `topic "${sink.topic}" is not declared in topics`,
      );
    else if (cdcTopics.has(sink.topic))
      fail(
        ctx,
        [...path, 'topic'],
        `topic "${sink.topic}" is written by Debezium connector ${cdcTopics.get(
          sink.topic,
        )}; a sink needs a topic of its own`,
      );
    else if (spec.streams.some(s => s.topic === sink.topic))
      fail(
        ctx,
        [...path, 'topic'],
        `topic "${sink.topic}" is read by a stream of this job; writing it would feed the job its own output`,
      );
  });
}

function checkServingSinks(spec: PipelineSpec, ctx: Ctx) {
  const tables = paimonTableNames(spec);
  spec.servingSinks.forEach((sink, i) => {
    if (!tables.includes(sink.paimonTable))
      fail(
        ctx,
        ['servingSinks', i, 'paimonTable'],
        `Paimon table "${sink.paimonTable}" is not defined in paimonTables or derivedTables`,
      );
    if (sink.keyspace && sink.kind !== 'cassandra')
      fail(
        ctx,
        ['servingSinks', i, 'keyspace'],
        `keyspace only applies to kind cassandra, not ${sink.kind}`,
      );
  });
}
