import {
  paimonTableNames,
  PipelineSpec,
  quoteIdent,
  renderServingSinks,
} from '@internal/backstage-plugin-pipeline-common';
import {
  runInLakeSession,
  UpstreamRegistry,
} from '@internal/backstage-plugin-pipeline-node';

const LIVE = ['RUNNING', 'CREATED', 'RESTARTING', 'INITIALIZING'];

/**
 * Removes what a bench deploy created, best effort (it also runs after failures): the job, the
 * connectors and their topics (with Debezium's history topics), the Paimon tables (and the
 * database when it is the bench's own), their keys on Nessie's main (recorded by the commit
 * callback), the pipeline's Nessie branch, and its Cassandra keyspace and CouchDB databases when
 * `servingStores` says they are the bench's own. Returns what failed, for the report.
 */
export async function removePipeline(
  registry: UpstreamRegistry,
  spec: PipelineSpec,
  own: { database: boolean; servingStores: boolean },
): Promise<string[]> {
  const problems: string[] = [];
  const quiet = async (what: string, p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      problems.push(`${what}: ${(e as Error).message}`.slice(0, 200));
    }
  };
  const flink = registry.get('flink');
  for (const job of await flink.rest.listJobs().catch(() => []))
    if (job.name === spec.flinkJob.name && LIVE.includes(job.state))
      await quiet(`cancel ${job.jid}`, flink.rest.cancel(job.jid));
  const connect = registry.get('kafkaConnect').client;
  for (const s of spec.sources)
    await quiet(
      `connector ${s.connector.name}`,
      connect.delete(s.connector.name),
    );
  const kafka = registry.get('kafka').client;
  const topics = [
    ...spec.topics.map(t => t.name),
    ...spec.sources.map(s => `_schema-history.${s.connector.name}`),
  ];
  // A connector's task may still flush a moment after its deletion and auto-create a deleted
  // topic again: delete, look again, up to three times.
  for (let attempt = 0; ; attempt++) {
    await new Promise(r => setTimeout(r, 3000));
    const left = [];
    for (const topic of topics)
      if (await kafka.topicExists(topic).catch(() => true)) left.push(topic);
    if (!left.length) break;
    if (attempt === 3) {
      problems.push(`topics left: ${left.join(', ')}`);
      break;
    }
    for (const topic of left)
      await quiet(`topic ${topic}`, kafka.deleteTopic(topic));
  }
  const db = spec.catalog.database;
  const tables = paimonTableNames(spec);
  await quiet(
    'paimon tables',
    runInLakeSession(flink, [
      ...tables.map(
        t => `DROP TABLE IF EXISTS lake.${quoteIdent(db)}.${quoteIdent(t)}`,
      ),
      ...(own.database
        ? [`DROP DATABASE IF EXISTS lake.${quoteIdent(db)}`]
        : []),
    ]),
  );
  const nessie = registry.get('nessie').client;
  const keys = [...tables.map(t => [db, t]), ...(own.database ? [[db]] : [])];
  for (const elements of keys) {
    // One commit per key: a key that was never recorded must not stop the others.
    await quiet(
      `nessie key ${elements.join('.')}`,
      (async () => {
        const main = await nessie.getReference('main');
        const { contents } = await nessie.getContents('main', [
          elements.join('.'),
        ]);
        if (!contents.size) return;
        await nessie.commit('main', main.hash, {
          message: `bench: remove ${elements.join('.')}`,
          operations: [{ type: 'DELETE', key: { elements } }],
        });
      })(),
    );
  }
  for (const ref of await nessie.listReferences().catch(() => []))
    if (ref.name === spec.nessie.branch)
      await quiet(
        `nessie ${ref.name}`,
        nessie.deleteReference(ref.name, ref.hash),
      );
  if (own.servingStores) {
    for (const sink of renderServingSinks(spec)) {
      if (sink.kind === 'cassandra')
        await quiet(
          `cassandra ${sink.target}`,
          registry
            .get('cassandra')
            .client.dropKeyspace(sink.target.split('.')[0]),
        );
      if (sink.kind === 'couchdb' && sink.database)
        await quiet(
          `couchdb ${sink.database}`,
          registry.get('couchdb').client.deleteDatabase(sink.database),
        );
    }
  }
  return problems;
}
