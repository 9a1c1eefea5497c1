import { ConfigReader } from '@backstage/config';
import {
  paimonTableNames,
  parsePipelineSpec,
  PipelineSpec,
  PipelineSpecInput,
  slotNameFor,
} from '@internal/backstage-plugin-pipeline-common';
import { PipelineDeployer } from '../deploy/PipelineDeployer';
import type { StepResult } from '../deploy/types';
import { runInLakeSession } from '../service/lakeSession';
import { UpstreamRegistry } from '../service/UpstreamRegistry';
import { servingUpstreamsConfig } from './servingStores';
import { endpoints, eventually, stackUpstreamsConfig } from './stack';
import { Client } from 'pg';

/** The upstreams of the local stack, as the portal configures them. */
export const stackRegistry = () =>
  UpstreamRegistry.fromConfig(
    new ConfigReader({
      dataPlatform: {
        upstreams: { ...stackUpstreamsConfig(), ...servingUpstreamsConfig() },
      },
    }),
  );

export function parsed(input: PipelineSpecInput): PipelineSpec {
  const result = parsePipelineSpec(input);
  if (!result.success) throw new Error(result.message);
  return result.spec;
}

/** Deploys for real (not a dry run), returning the step results. */
export async function deployForReal(
  registry: UpstreamRegistry,
  spec: PipelineSpec,
): Promise<StepResult[]> {
  return new PipelineDeployer(registry).deploy(spec);
}

/** Rows of a Trino query over the pipeline's tables (lakehouse catalog), once it answers. */
export async function trinoRows(
  registry: UpstreamRegistry,
  sql: string,
): Promise<unknown[][]> {
  const result = await registry.get('trino').client.query(sql, {
    maxRows: 1000,
  });
  return result.rows;
}

/**
 * Polls a Trino query until `accept` says its rows are the expected ones: rows become visible
 * once a checkpoint commits them (the Paimon commit callback then records the table in Nessie,
 * where Trino reads it).
 */
export function eventuallyInTrino<T>(
  registry: UpstreamRegistry,
  what: string,
  sql: string,
  accept: (rows: unknown[][]) => T | undefined,
  timeoutMs = 300_000,
): Promise<T> {
  return eventually(
    what,
    timeoutMs,
    async () => accept(await trinoRows(registry, sql)),
    5_000,
  );
}

/**
 * Removes everything a deploy created: the job, connectors (and their PostgreSQL slots and
 * publications), owned topics and Debezium's history topics, the Paimon tables and database, the
 * Nessie branch. Best effort: it runs after failures too.
 */
export async function removeDeployed(
  registry: UpstreamRegistry,
  spec: PipelineSpec,
): Promise<void> {
  const quiet = (p: Promise<unknown>) => p.catch(() => undefined);
  const flink = registry.get('flink');
  for (const job of await flink.rest.listJobs().catch(() => []))
    if (
      job.name === spec.flinkJob.name &&
      ['RUNNING', 'CREATED', 'RESTARTING', 'INITIALIZING'].includes(job.state)
    )
      await quiet(flink.rest.cancel(job.jid));
  const connect = registry.get('kafkaConnect').client;
  for (const source of spec.sources)
    await quiet(connect.delete(source.connector.name));
  const pg = new Client({ ...endpoints.postgres });
  await quiet(pg.connect());
  for (const source of spec.sources.filter(s => s.kind === 'postgres')) {
    const slot = slotNameFor(spec, source);
    // The connector lets go of its slot a moment after it is deleted.
    await quiet(
      eventually(`slot ${slot} released`, 20_000, async () => {
        await pg.query(
          'SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1',
          [slot],
        );
        return true;
      }),
    );
    await quiet(pg.query(`DROP PUBLICATION IF EXISTS ${slot}`));
  }
  await quiet(pg.end());
  const kafka = registry.get('kafka').client;
  for (const topic of [
    ...spec.topics.map(t => t.name),
    ...spec.sources.map(s => `_schema-history.${s.connector.name}`),
  ])
    await quiet(kafka.deleteTopic(topic));
  const db = spec.catalog.database;
  await quiet(
    runInLakeSession(flink, [
      ...paimonTableNames(spec).map(
        t => `DROP TABLE IF EXISTS lake.\`${db}\`.\`${t}\``,
      ),
      `DROP DATABASE IF EXISTS lake.\`${db}\``,
    ]),
  );
  // Serving targets the pipeline owns: a keyspace named after its database, CouchDB databases
  // prefixed by it (specForShape's namespace). Shared ones are never touched.
  for (const sink of spec.servingSinks) {
    if (sink.kind === 'cassandra' && sink.keyspace === db)
      await quiet(registry.get('cassandra').client.dropKeyspace(db));
    const couchName = sink.name ?? sink.paimonTable;
    if (sink.kind === 'couchdb' && couchName.startsWith(`${db}_`))
      await quiet(registry.get('couchdb').client.deleteDatabase(couchName));
  }
  const nessie = registry.get('nessie').client;
  // Dropped tables leave their key on main (the commit callback records tables, not drops).
  await quiet(
    (async () => {
      const keys = paimonTableNames(spec).map(t => `${db}.${t}`);
      const { hash, contents } = await nessie.getContents('main', keys);
      if (!contents.size) return;
      await nessie.commit('main', hash, {
        message: `test cleanup: drop ${[...contents.keys()].join(', ')}`,
        operations: [...contents.keys()].map(k => ({
          type: 'DELETE' as const,
          key: { elements: k.split('.') },
        })),
      });
    })(),
  );
  for (const ref of await nessie.listReferences().catch(() => []))
    if (ref.name === spec.nessie.branch)
      await quiet(nessie.deleteReference(ref.name, ref.hash));
}
