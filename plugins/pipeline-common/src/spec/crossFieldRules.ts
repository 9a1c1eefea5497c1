import { z } from 'zod';
import { identifierProblem, IDENTIFIER_RULES } from './identifiers';
import type { PipelineSpec } from './pipelineSpec';
import {
  cdcTopicName,
  dialectOf,
  findSourceTable,
  TAG_DATE,
} from './specQueries';
import { columnTypeProblem } from './typeMapping';
import { checkShapeRules } from './shapeRules';

/**
 * Rules that relate fields to each other (keys exist, tables exist, topics exist, ...).
 * Each issue carries the path of the field to fix.
 */

type Ctx = z.core.$RefinementCtx<unknown>;
type Path = (string | number)[];
const fail = (ctx: Ctx, path: Path, message: string) =>
  ctx.addIssue({ code: 'custom', path, message });

function duplicates(values: string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) !== i);
}

export function checkCrossFieldRules(spec: unknown, ctx: Ctx) {
  const s = spec as PipelineSpec;
  checkSources(s, ctx);
  checkTopics(s, ctx);
  checkPaimonTables(s, ctx);
  checkNessieAndSlo(s, ctx);
  checkShapeRules(s, ctx);
}

function checkSources(spec: PipelineSpec, ctx: Ctx) {
  for (const d of duplicates(spec.sources.map(s => s.name)))
    fail(ctx, ['sources'], `duplicate source name "${d}"`);
  for (const d of duplicates(spec.sources.map(s => s.connector.name))) {
    fail(ctx, ['sources'], `duplicate connector name "${d}"`);
  }
  spec.sources.forEach((source, si) => {
    const dialect = dialectOf(source);
    for (const d of duplicates(source.tables.map(t => t.name))) {
      fail(ctx, ['sources', si, 'tables'], `duplicate table name "${d}"`);
    }
    source.tables.forEach((table, ti) => {
      const path = ['sources', si, 'tables', ti];
      const columns = table.columns.map(c => c.name);
      for (const d of duplicates(columns))
        fail(ctx, [...path, 'columns'], `duplicate column name "${d}"`);
      table.primaryKey.forEach((key, ki) => {
        if (!columns.includes(key))
          fail(
            ctx,
            [...path, 'primaryKey', ki],
            `primary key "${key}" is not a column of ${table.name}`,
          );
      });
      table.columns.forEach((column, ci) => {
        const problem = columnTypeProblem(dialect, column.type);
        if (problem) fail(ctx, [...path, 'columns', ci, 'type'], problem);
      });
    });
  });
}

function checkTopics(spec: PipelineSpec, ctx: Ctx) {
  const names = spec.topics.map(t => t.name);
  for (const d of duplicates(names))
    fail(ctx, ['topics'], `duplicate topic "${d}"`);
  // Debezium decides the topic names; a table without its topic spec would get broker defaults.
  spec.sources.forEach(source => {
    for (const table of source.tables) {
      const topic = cdcTopicName(source, table.name);
      if (!names.includes(topic)) {
        fail(
          ctx,
          ['topics'],
          `missing topic "${topic}" for source table ${source.name}.${table.name}`,
        );
      } else if (identifierProblem(IDENTIFIER_RULES.kafkaTopicName, topic)) {
        fail(ctx, ['topics'], `topic "${topic}" is too long for Kafka`);
      }
    }
  });
}

function checkPaimonTables(spec: PipelineSpec, ctx: Ctx) {
  for (const d of duplicates(spec.paimonTables.map(t => t.name))) {
    fail(ctx, ['paimonTables'], `duplicate Paimon table "${d}"`);
  }
  spec.paimonTables.forEach((table, i) => {
    const path = ['paimonTables', i];
    const found = findSourceTable(spec, table);
    if (!found) {
      fail(
        ctx,
        [...path, 'from'],
        `source table ${table.from.source}.${table.from.table} does not exist in sources`,
      );
      return;
    }
    const sourceColumns = found.sourceTable.columns.map(c => c.name);
    (table.columns ?? []).forEach((c, ci) => {
      if (!sourceColumns.includes(c))
        fail(
          ctx,
          [...path, 'columns', ci],
          `"${c}" is not a column of source table ${table.from.table}`,
        );
    });
    const columns = table.columns ?? sourceColumns;
    const primaryKey = table.primaryKey ?? found.sourceTable.primaryKey;
    primaryKey.forEach((k, ki) => {
      if (columns.includes(k)) return;
      if (table.primaryKey)
        fail(
          ctx,
          [...path, 'primaryKey', ki],
          `primary key "${k}" is not among the table's columns`,
        );
      // Inherited key: only the column subset can lose it (a bad source key is reported at the source).
      else if (table.columns)
        fail(
          ctx,
          [...path, 'columns'],
          `columns leave out the source table's primary key "${k}"`,
        );
    });
    table.partitionKeys.forEach((k, ki) => {
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
  });
}

function checkNessieAndSlo(spec: PipelineSpec, ctx: Ctx) {
  const policy = spec.nessie.tagPolicy;
  if (policy.split(TAG_DATE).length !== 2) {
    fail(
      ctx,
      ['nessie', 'tagPolicy'],
      `tag policy must contain "${TAG_DATE}" exactly once, e.g. finance/daily-${TAG_DATE}`,
    );
  } else {
    const problem = identifierProblem(
      IDENTIFIER_RULES.nessieRef,
      policy.replace(TAG_DATE, '20261124'),
    );
    if (problem) fail(ctx, ['nessie', 'tagPolicy'], `nessieRef: ${problem}`);
  }
  // Paimon commits on checkpoints: data can never be fresher than one checkpoint interval.
  if (spec.slo.freshnessSeconds < spec.flinkJob.checkpointIntervalSeconds) {
    fail(
      ctx,
      ['slo', 'freshnessSeconds'],
      `freshness SLO ${spec.slo.freshnessSeconds}s is below the checkpoint interval ${spec.flinkJob.checkpointIntervalSeconds}s`,
    );
  }
}
