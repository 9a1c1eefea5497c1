import type { PipelineObject } from '@internal/backstage-plugin-pipeline-common';
import { NotFoundError } from '../lib/errors';
import type { GitServerClient } from '../clients/git-server/GitServerClient';
import type { UpstreamRegistry } from '../service/UpstreamRegistry';
import { existingPaimonTables } from './paimonStep';

/** An object the stack already has (and how the probe knew), or one it could not look for. @public */
export interface ObjectPresence {
  object: PipelineObject;
  exists: boolean | 'unknown';
}

/**
 * Which of `objects` already exist on the stack. The registry refuses to let a deploy claim an
 * object that exists but no pipeline claims (made by hand, or before the portal's database
 * was reset): without this check a fresh portal database would let anyone take over what runs.
 * Serving stores have no probe here (`unknown`): their claims alone keep them apart.
 *
 * @public
 */
export async function probeStackObjects(
  upstreams: UpstreamRegistry,
  objects: PipelineObject[],
  git?: GitServerClient,
): Promise<ObjectPresence[]> {
  const tablesByDb = new Map<string, Promise<Set<string>>>();
  let jobs: Promise<Set<string>> | undefined;
  const probe = async (o: PipelineObject): Promise<boolean | 'unknown'> => {
    switch (o.kind) {
      case 'topic':
        return upstreams.get('kafka', o.instance).client.topicExists(o.name);
      case 'connector':
        return (
          (await upstreams
            .get('kafkaConnect', o.instance)
            .client.getConfig(o.name)) !== undefined
        );
      case 'flink-job': {
        // Any run Flink remembers, ended ones too: a FINISHED run's savepoint is state a
        // deploy of that name would resume from.
        jobs ??= upstreams
          .get('flink', o.instance)
          .rest.listJobs()
          .then(list => new Set(list.map(j => j.name)));
        return (await jobs).has(o.name);
      }
      case 'paimon-table': {
        const [db, table] = o.name.split('.');
        const key = `${o.instance}/${db}`;
        if (!tablesByDb.has(key))
          tablesByDb.set(
            key,
            existingPaimonTables(upstreams.get('flink', o.instance), db),
          );
        return (await tablesByDb.get(key)!).has(table);
      }
      case 'nessie-ref':
        return upstreams
          .get('nessie', o.instance)
          .client.getReference(o.name)
          .then(
            () => true,
            e => {
              if (e instanceof NotFoundError) return false;
              throw e;
            },
          );
      case 'repository': {
        if (!git) return 'unknown';
        const [owner, name] = o.name.split('/');
        return git.repositoryExists(owner, name);
      }
      default:
        return 'unknown';
    }
  };
  const results: ObjectPresence[] = [];
  // One at a time: the stack runs on two shared cores, and a deploy claims a handful of objects.
  for (const object of objects)
    results.push({ object, exists: await probe(object) });
  return results;
}
