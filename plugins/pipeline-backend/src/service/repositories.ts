import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  pipelineDeployPermission,
  pipelineEntityRef,
  PipelineSpec,
} from '@internal/backstage-plugin-pipeline-common';
import { actorOf, RegistryContext } from './context';
import { reserve } from './reservation';

const REPO_PART = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Before the scaffolder publishes a pipeline's repository: the caller must own the pipeline
 * (or, for a new one, the owner its spec names), the spec must pass the registry's checks, and
 * the repository must be new or already this pipeline's. `create` means the publisher must
 * create it (and must fail if it exists by then); `update` means it is this pipeline's and a
 * fast-forward push may go onto it.
 */
export async function reserveRepository(
  ctx: RegistryContext,
  options: {
    spec: PipelineSpec;
    repository: { owner: string; name: string };
    credentials: BackstageCredentials;
  },
): Promise<{ pipeline: string; mode: 'create' | 'update' }> {
  const { owner, name } = options.repository;
  if (!REPO_PART.test(owner) || !REPO_PART.test(name))
    throw new InputError(
      `repository owner and name must match ${REPO_PART.source}`,
    );
  const reservation = await reserve(ctx, {
    spec: options.spec,
    credentials: options.credentials,
    actor: actorOf(options.credentials),
    repository: { owner, name },
  });
  await ctx.store.update(reservation.id, { repository: `${owner}/${name}` });
  return {
    pipeline: reservation.id,
    mode: reservation.repositoryOwned ? 'update' : 'create',
  };
}

/**
 * Before the portal registers a catalog location for a team (with its own service
 * credentials, since users may not register locations by hand): the URL must be the
 * `catalog-info.yaml` of a git-server repository the registry says belongs to a pipeline the
 * caller may deploy.
 */
export async function verifyRegistration(
  ctx: RegistryContext,
  options: { catalogInfoUrl: string; credentials: BackstageCredentials },
): Promise<{ pipeline: string; entityRef: string }> {
  const actor = actorOf(options.credentials);
  const base = ctx.git?.baseUrl;
  const url = options.catalogInfoUrl;
  const m =
    base && url.startsWith(`${base}/`)
      ? /^([a-z0-9][a-z0-9-]{0,62})\/([a-z0-9][a-z0-9-]{0,62})\/raw\/[A-Za-z0-9][A-Za-z0-9._-]{0,99}\/catalog-info\.yaml$/.exec(
          url.slice(base.length + 1),
        )
      : null;
  if (!m)
    throw new NotAllowedError(
      `${url.slice(
        0,
        200,
      )} is not the catalog-info.yaml of a repository on the platform's git server; only platform operators register other locations`,
    );
  const object = {
    kind: 'repository' as const,
    instance: 'local',
    name: `${m[1]}/${m[2]}`,
  };
  const id = (await ctx.store.claimants([object])).get(
    `repository:local/${object.name}`,
  );
  const row = id ? await ctx.store.get(id) : undefined;
  if (!row)
    throw new NotAllowedError(
      `repository ${object.name} belongs to no pipeline in the registry; only platform operators register it`,
    );
  if (
    !(await ctx.access.allowed(
      pipelineDeployPermission,
      row,
      options.credentials,
    ))
  )
    throw new NotAllowedError(
      `${actor} may not register repository ${object.name}: it belongs to pipeline ${row.id}, owned by ${row.owner}`,
    );
  return { pipeline: row.id, entityRef: pipelineEntityRef(row.id) };
}
