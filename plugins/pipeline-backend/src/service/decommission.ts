import {
  PipelineObject,
  PipelineSpec,
  PipelineStepView,
  quoteIdent,
} from '@internal/backstage-plugin-pipeline-common';
import { runInLakeSession } from '@internal/backstage-plugin-pipeline-node';
import type { RegistryContext } from './context';

/**
 * Removes what a decommissioned pipeline leaves running or, when asked, holds data: its
 * connectors always; its topics and Paimon tables only when the caller chose to drop them.
 * What is removed is released from the registry; what is kept stays claimed by the pipeline.
 * The objects come from the registry's claims (not the spec), so objects of earlier versions
 * of the spec go too.
 */
export async function dropPipelineObjects(
  ctx: RegistryContext,
  id: string,
  spec: PipelineSpec,
  choice: { dropTopics: boolean; dropTables: boolean },
): Promise<PipelineStepView[]> {
  const claims = await ctx.store.claimsOf(id);
  const of = (kind: PipelineObject['kind']) =>
    claims.filter(c => c.kind === kind);
  const released: PipelineObject[] = [];
  const views: PipelineStepView[] = [];

  const connectors: PipelineStepView = {
    step: 'connectors',
    component: 'kafka-connect',
    dryRun: false,
    changes: [],
  };
  for (const c of of('connector')) {
    const removed = await ctx.upstreams
      .get('kafkaConnect', c.instance)
      .client.delete(c.name);
    connectors.changes.push({
      target: c.name,
      outcome: removed ? 'deleted' : 'unchanged',
      detail: removed ? undefined : 'did not exist',
    });
    released.push(c);
  }
  views.push(connectors);

  const topics: PipelineStepView = {
    step: 'topics',
    component: 'kafka',
    dryRun: false,
    changes: [],
  };
  for (const t of of('topic')) {
    if (!choice.dropTopics) {
      topics.changes.push({ target: t.name, outcome: 'kept' });
      continue;
    }
    const removed = await ctx.upstreams
      .get('kafka', t.instance)
      .client.deleteTopic(t.name);
    topics.changes.push({
      target: t.name,
      outcome: removed ? 'deleted' : 'unchanged',
    });
    released.push(t);
  }
  views.push(topics);

  const tables: PipelineStepView = {
    step: 'paimon-tables',
    component: 'flink-sql-gateway',
    dryRun: false,
    changes: [],
  };
  for (const t of of('paimon-table')) {
    if (!choice.dropTables) {
      tables.changes.push({ target: t.name, outcome: 'kept' });
      continue;
    }
    const flink = ctx.upstreams.get('flink', t.instance);
    const [database, table] = t.name.split('.');
    await runInLakeSession(flink, [
      `DROP TABLE IF EXISTS ${quoteIdent(
        flink.paimonCatalog?.name ?? 'lake',
      )}.${quoteIdent(database)}.${quoteIdent(table)}`,
    ]);
    tables.changes.push({ target: t.name, outcome: 'deleted' });
    released.push(t);
  }
  views.push(tables);

  await ctx.store.release(id, released);
  views.push({
    step: 'flink-job',
    component: 'flink-rest',
    dryRun: false,
    changes: [
      {
        target: spec.flinkJob.name,
        outcome: 'kept',
        detail:
          'stopped; its name and savepoints stay claimed by this pipeline',
      },
    ],
  });
  return views;
}
