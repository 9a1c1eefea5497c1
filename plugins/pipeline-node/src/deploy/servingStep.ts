import {
  PipelineSpec,
  renderServingSinks,
} from '@internal/backstage-plugin-pipeline-common';
import type { CassandraClient } from '../clients/cassandra/CassandraClient';
import type {
  CouchDbClient,
  CouchDesignDocument,
} from '../clients/couchdb/CouchDbClient';
import type { UpstreamComponent } from '../lib/errors';
import { assertCqlName } from '../lib/identifiers';
import {
  creationOutcome,
  DeployStepError,
  StepChange,
  StepOptions,
  StepResult,
} from './types';

/**
 * What the deploy step needs of a rendered serving sink (pipeline-common's
 * `renderServingSinks`): for Cassandra the `CREATE KEYSPACE|TABLE IF NOT EXISTS` statements,
 * the `keyspace.table` target and its columns and key; for CouchDB the database and the design
 * document holding the sink's view.
 */
export interface ServingSinkObjects {
  kind: string;
  target: string;
  /** False while a sink is documentation only (no job writes it): nothing to create then. */
  live?: boolean;
  cql?: string[];
  key?: string[];
  columns?: Array<{ name: string }>;
  database?: string;
  designDocument?: CouchDesignDocument;
}

/** The stores, resolved only when the spec has a sink for them (a missing one is an error then). */
export interface ServingStores {
  cassandra: () => CassandraClient;
  couchdb: () => CouchDbClient;
}

const HINTS: Record<'cassandra' | 'couchdb', string> = {
  cassandra:
    'Check that Cassandra is reachable and configured (dataPlatform.upstreams.cassandra), then re-run the deploy.',
  couchdb:
    'Check that CouchDB is reachable, configured (dataPlatform.upstreams.couchdb) and its admin credentials are right, then re-run the deploy.',
};

/** `keyspace.table`, both parts validated CQL names. */
export function cassandraTarget(target: string) {
  const parts = target.split('.');
  if (parts.length !== 2)
    throw new Error(
      `cassandra serving sink target must be keyspace.table, got ${JSON.stringify(
        target.slice(0, 80),
      )}`,
    );
  return {
    keyspace: assertCqlName('Cassandra keyspace', parts[0]),
    table: assertCqlName('Cassandra table', parts[1]),
  };
}

async function ensureCassandra(
  cassandra: CassandraClient,
  sinks: ServingSinkObjects[],
  dryRun: boolean,
): Promise<StepChange[]> {
  const changes: StepChange[] = [];
  const keyspacesSeen = new Set<string>();
  for (const sink of sinks) {
    const { keyspace, table } = cassandraTarget(sink.target);
    if (!sink.cql?.length)
      throw new Error(
        `the rendered cassandra sink ${sink.target} has no CQL (renderServingSinks)`,
      );
    const keyspaceExists = await cassandra.keyspaceExists(keyspace);
    const existing = keyspaceExists
      ? await cassandra.describeTable(keyspace, table)
      : undefined;
    if (!(keyspaceExists && existing) && !dryRun) {
      // Every statement is IF NOT EXISTS: running them all is safe and keeps their order.
      for (const statement of sink.cql)
        await cassandra.executeSchemaStatement(statement);
    }
    if (!keyspacesSeen.has(keyspace)) {
      keyspacesSeen.add(keyspace);
      changes.push({
        target: `cassandra:${keyspace}`,
        outcome: creationOutcome(keyspaceExists, dryRun),
        detail: 'keyspace',
      });
    }
    changes.push({
      target: `cassandra:${keyspace}.${table}`,
      outcome: creationOutcome(Boolean(existing), dryRun),
      detail: existing ? tableDrift(existing, sink) : 'table',
    });
  }
  return changes;
}

/** What of an existing table differs from the spec (never altered: a change needs a migration). */
function tableDrift(
  existing: { columns: Array<{ name: string }>; primaryKey: string[] },
  sink: ServingSinkObjects,
): string {
  const have = new Set(existing.columns.map(c => c.name));
  const missing = (sink.columns ?? [])
    .map(c => c.name)
    .filter(n => !have.has(n));
  const problems = [];
  if (missing.length) problems.push(`missing columns ${missing.join(', ')}`);
  if (sink.key && sink.key.join(',') !== existing.primaryKey.join(','))
    problems.push(
      `key is (${existing.primaryKey.join(', ')}), spec says (${sink.key.join(
        ', ',
      )})`,
    );
  return problems.length
    ? `table differs from the spec: ${problems.join('; ')}`
    : 'table';
}

/** The fields the renderer sets, for comparing with what the server holds. */
function designContent(doc: CouchDesignDocument, fields: string[]) {
  const pick = Object.fromEntries(
    fields.map(f => [f, (doc as Record<string, unknown>)[f]]),
  );
  return JSON.stringify(pick, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

async function ensureCouchDb(
  couchdb: CouchDbClient,
  sinks: ServingSinkObjects[],
  dryRun: boolean,
): Promise<StepChange[]> {
  const changes: StepChange[] = [];
  for (const sink of sinks) {
    const database = sink.database ?? sink.target;
    const design = sink.designDocument;
    if (!design)
      throw new Error(
        `the rendered couchdb sink ${sink.target} has no design document (renderServingSinks)`,
      );
    const info = await couchdb.databaseInfo(database);
    if (!info && !dryRun) await couchdb.createDatabase(database);
    changes.push({
      target: `couchdb:${database}`,
      outcome: creationOutcome(Boolean(info), dryRun),
      detail: 'database',
    });
    const current = info
      ? await couchdb.getDesignDocument(database, design._id)
      : undefined;
    const target = `couchdb:${database}/${design._id}`;
    const views = Object.keys(design.views).join(', ');
    if (!current) {
      if (!dryRun) await couchdb.putDesignDocument(database, design);
      changes.push({
        target,
        outcome: creationOutcome(false, dryRun),
        detail: `views ${views}`,
      });
      continue;
    }
    const fields = Object.keys(design).filter(f => f !== '_rev');
    if (designContent(current, fields) === designContent(design, fields)) {
      changes.push({ target, outcome: 'unchanged', detail: `views ${views}` });
      continue;
    }
    if (!dryRun)
      await couchdb.putDesignDocument(database, {
        ...design,
        _rev: current._rev,
      });
    changes.push({
      target,
      outcome: dryRun ? 'planned' : 'updated',
      detail: `${dryRun ? 'would update' : 'updated'} views ${views}`,
    });
  }
  return changes;
}

/**
 * Creates what the spec's serving sinks write to, before the job that writes them starts:
 * Cassandra keyspaces and tables (the rendered CQL, IF NOT EXISTS) and CouchDB databases with
 * the design document of each sink's view. Existing tables are never altered (a difference is
 * reported); a changed design document is updated with its current `_rev`. A spec without
 * Cassandra or CouchDB sinks reports nothing and touches neither store.
 */
export async function ensureServingStores(
  stores: ServingStores,
  spec: PipelineSpec,
  options: StepOptions = {},
  render: (spec: PipelineSpec) => ServingSinkObjects[] = s =>
    renderServingSinks(s) as unknown as ServingSinkObjects[],
): Promise<StepResult> {
  const dryRun = Boolean(options.dryRun);
  const rendered = render(spec);
  const changes: StepChange[] = [];
  const byKind = (kind: string) =>
    rendered.filter(s => {
      if (s.kind !== kind) return false;
      if (s.live !== false) return true;
      changes.push({
        target: `${kind}:${s.target}`,
        outcome: 'skipped',
        detail: 'declarative only: no job writes this sink, nothing created',
      });
      return false;
    });
  const parts = [
    ['cassandra', byKind('cassandra')],
    ['couchdb', byKind('couchdb')],
  ] as const;
  const touched = parts.filter(([, sinks]) => sinks.length > 0);
  for (const [component, sinks] of touched) {
    try {
      changes.push(
        ...(component === 'cassandra'
          ? await ensureCassandra(stores.cassandra(), sinks, dryRun)
          : await ensureCouchDb(stores.couchdb(), sinks, dryRun)),
      );
    } catch (error) {
      throw new DeployStepError(
        'serving-stores',
        component,
        HINTS[component],
        error,
      );
    }
  }
  return {
    step: 'serving-stores',
    component: (touched[0]?.[0] ?? 'cassandra') as UpstreamComponent,
    dryRun,
    changes,
  };
}
