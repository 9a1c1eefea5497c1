import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import {
  externalStreamTopics,
  inputScopeProblems,
  pipelineAdoptPermission,
  pipelineDeployPermission,
  pipelineId,
  PipelineObject,
  pipelineObjectRef,
  pipelineObjectsOf,
  PipelineSpec,
} from '@internal/backstage-plugin-pipeline-common';
import { probeStackObjects } from '@internal/backstage-plugin-pipeline-node';
import { ClaimConflictError } from '../registry/errors';
import type { PipelineRecord } from '../registry/RegistryStore';
import { instanceResolver, RegistryContext } from './context';

const KIND_WORDS: Record<string, string> = {
  'flink-job': 'Flink job',
  connector: 'connector',
  topic: 'topic',
  'paimon-table': 'Paimon table',
  'nessie-ref': 'Nessie branch',
  'cassandra-table': 'Cassandra table',
  'couchdb-database': 'CouchDB database',
  repository: 'repository',
};

/** `topic "orders.cdc" (instance local)`: how messages name an object. */
export const describeObject = (o: PipelineObject) =>
  `${KIND_WORDS[o.kind] ?? o.kind} "${o.name}" (instance ${o.instance})`;

export interface ReserveRequest {
  spec: PipelineSpec;
  credentials: BackstageCredentials;
  actor: string;
  instance?: string;
  /** Take over objects that exist but no pipeline claims (operators only). */
  adopt?: boolean;
  /** Check everything, write nothing. */
  dryRun?: boolean;
  /** Also claim this repository of the git server (publishing). */
  repository?: { owner: string; name: string };
}

export interface Reservation {
  id: string;
  /** The registry row before this reservation (undefined for a new pipeline). */
  before?: PipelineRecord;
  objects: PipelineObject[];
  /** The repository was already this pipeline's before this call. */
  repositoryOwned: boolean;
}

const same = (a: string, b: string) =>
  a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');

async function foreignClaims(
  ctx: RegistryContext,
  objects: PipelineObject[],
  claimants: Map<string, string>,
) {
  const out = [];
  for (const o of objects) {
    const pipeline = claimants.get(pipelineObjectRef(o));
    if (!pipeline) continue;
    const row = await ctx.store.get(pipeline);
    out.push({
      object: describeObject(o),
      pipeline,
      owner: row?.owner ?? 'unknown',
    });
  }
  return out;
}

/**
 * Everything a deploy or publish must pass before it changes anything, in this order:
 * 1. the caller owns the pipeline per the registry (or, for a new one, the owner the spec
 *    names), or is an operator — through the permission policy;
 * 2. the spec stays inside what it may use (configured sources, allow-listed credentials, its
 *    namespace);
 * 3. no object it names is claimed by another pipeline;
 * 4. no object it would claim already exists on the stack unclaimed, unless an operator adopts it.
 * Then (not in a dry run) the pipeline is recorded and its objects claimed in one transaction.
 */
export async function reserve(
  ctx: RegistryContext,
  req: ReserveRequest,
): Promise<Reservation> {
  const { spec, credentials, actor } = req;
  const id = pipelineId(spec.name);
  const before = await ctx.store.get(id);
  if (before) {
    if (
      !(await ctx.access.allowed(pipelineDeployPermission, before, credentials))
    )
      throw new NotAllowedError(
        `${actor} may not deploy pipeline ${id}: its owner in the pipeline registry is ${before.owner}, and you are neither a member of it nor a platform operator; nothing was changed`,
      );
    if (
      !same(spec.owner, before.owner) &&
      !(await ctx.access.allowed(
        pipelineDeployPermission,
        { id, owner: spec.owner },
        credentials,
      ))
    )
      throw new NotAllowedError(
        `${actor} may not hand pipeline ${id} from ${before.owner} to ${spec.owner}: you are not a member of ${spec.owner}; nothing was changed`,
      );
  } else if (
    !(await ctx.access.allowed(
      pipelineDeployPermission,
      { id, owner: spec.owner },
      credentials,
    ))
  ) {
    throw new NotAllowedError(
      `${actor} may not create pipeline ${id} for owner ${spec.owner}: you are neither a member of ${spec.owner} nor a platform operator; nothing was changed`,
    );
  }

  const problems = inputScopeProblems(spec, ctx.scope, {
    platform: before?.platform,
  });
  if (problems.length)
    throw new InputError(
      `pipeline ${id} reaches outside what it may use; nothing was changed:\n${problems.join(
        '\n',
      )}`,
    );

  const objects = pipelineObjectsOf(
    spec,
    instanceResolver(ctx.upstreams, req.instance),
  );
  if (req.repository)
    objects.push({
      kind: 'repository',
      instance: 'local',
      name: `${req.repository.owner}/${req.repository.name}`,
    });
  // Topics the pipeline only reads (streams produced elsewhere) are not claimed, but another
  // pipeline's topic is that team's data: only unclaimed platform streams may be read.
  const instanceOf = instanceResolver(ctx.upstreams, req.instance);
  const readOnly = externalStreamTopics(spec).map(name => ({
    kind: 'topic' as const,
    instance: instanceOf('kafka'),
    name,
  }));
  const claimants = await ctx.store.claimants([...objects, ...readOnly]);
  const foreign = await foreignClaims(
    ctx,
    [...objects, ...readOnly].filter(
      o => claimants.get(pipelineObjectRef(o)) !== id,
    ),
    claimants,
  );
  if (foreign.length) throw new ClaimConflictError(foreign, id);

  const unclaimed = objects.filter(o => !claimants.has(pipelineObjectRef(o)));
  const present = (await probeStackObjects(ctx.upstreams, unclaimed, ctx.git))
    .filter(p => p.exists === true)
    .map(p => p.object);
  if (present.length) {
    const operator =
      req.adopt &&
      (await ctx.access.allowedBasic(pipelineAdoptPermission, credentials));
    if (!operator)
      throw new ConflictError(
        `pipeline ${id} was refused, nothing was changed: ${present
          .map(describeObject)
          .join(', ')} already exist${
          present.length === 1 ? 's' : ''
        } on the stack and no pipeline claims ${
          present.length === 1 ? 'it' : 'them'
        }; ${
          req.adopt
            ? 'only a platform operator may adopt objects'
            : `a platform operator must adopt ${
                present.length === 1 ? 'it' : 'them'
              } (deploy with adopt) before a pipeline can use ${
                present.length === 1 ? 'it' : 'them'
              }`
        }`,
      );
  }
  const repositoryOwned = Boolean(
    req.repository &&
      claimants.get(pipelineObjectRef(objects[objects.length - 1])) === id,
  );
  if (req.dryRun) return { id, before, objects, repositoryOwned };

  const raced = await ctx.store.claim({
    pipeline: {
      id,
      namespace: 'default',
      name: spec.name,
      owner: before?.owner ?? spec.owner,
      platform: before?.platform ?? false,
      status: before?.status ?? 'registered',
      spec: before ? undefined : spec,
      createdBy: actor,
    },
    objects,
    actor,
  });
  if (raced.size)
    throw new ClaimConflictError(await foreignClaims(ctx, objects, raced), id);
  if (before && !same(spec.owner, before.owner))
    await ctx.store.update(id, { owner: spec.owner });
  return { id, before, objects, repositoryOwned };
}
