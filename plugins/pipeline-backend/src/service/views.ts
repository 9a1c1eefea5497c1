import fs from 'node:fs/promises';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  parsePipelineSpec,
  pipelineDecommissionPermission,
  pipelineDeployPermission,
  pipelineEntityRef,
  pipelineObjectRef,
  PipelineSpec,
  pipelineRestorePermission,
  pipelineRestorePointCreatePermission,
  pipelineStopPermission,
  PipelineView,
  RESOURCE_TYPE_PIPELINE,
} from '@internal/backstage-plugin-pipeline-common';
import type { ResourcePermission } from '@backstage/plugin-permission-common';
import { parse } from 'yaml';
import type { PipelineRecord } from '../registry/RegistryStore';
import type { RegistryContext } from './context';
import { pipelineSpecDigest } from './specDigest';

/** The spec at HEAD: where it was read, the parsed spec, or why there is none. */
export interface HeadSpec {
  source?: string;
  spec?: PipelineSpec;
  problem?: string;
}

/**
 * Reads the spec a pipeline's source of truth holds now: `pipeline.yaml` at the tip of the
 * repository's main branch on the git server, or, for a platform pipeline, its spec file
 * from config. Day-2 deploys start from here, never from a spec the browser sends.
 */
export async function readHeadSpec(
  ctx: RegistryContext,
  row: PipelineRecord,
  platformFiles: Map<string, string>,
): Promise<HeadSpec> {
  let text: string | undefined;
  let source: string | undefined;
  try {
    const file = platformFiles.get(row.id);
    if (row.platform && file) {
      source = file;
      text = await fs.readFile(file, 'utf8');
    } else if (row.repository && ctx.git) {
      const [owner, name] = row.repository.split('/');
      source = `${ctx.git.baseUrl}/${owner}/${name}/raw/main/pipeline.yaml`;
      text = await ctx.git.readFile({ owner, name }, 'main', 'pipeline.yaml');
      if (text === undefined)
        return { source, problem: 'pipeline.yaml is not on the main branch' };
    } else {
      return {
        problem:
          'the pipeline has no repository in the registry (it was not published by the portal)',
      };
    }
  } catch (error) {
    return {
      source,
      problem: `could not read it: ${(error as Error).message}`,
    };
  }
  let input: unknown;
  try {
    input = parse(text ?? '');
  } catch (error) {
    return { source, problem: `not YAML: ${(error as Error).message}` };
  }
  const parsed = parsePipelineSpec(input);
  if (!parsed.success)
    return { source, problem: `not a valid pipeline spec:\n${parsed.message}` };
  if (parsed.spec.name !== row.name)
    return {
      source,
      problem: `it names pipeline ${parsed.spec.name}, not ${row.name}`,
    };
  return { source, spec: parsed.spec };
}

/** A pipeline as the Deployment tab shows it, with what the caller may do. */
export async function pipelineView(
  ctx: RegistryContext,
  id: string,
  credentials: BackstageCredentials,
  platformFiles: Map<string, string>,
): Promise<PipelineView> {
  const row = await ctx.store.get(id);
  if (!row)
    throw new NotFoundError(`no pipeline ${id} in the pipeline registry`);
  const [objects, history, savepoints, lock, head, restorePoints] =
    await Promise.all([
      ctx.store.claimsOf(id),
      ctx.store.history(id),
      ctx.store.savepoints(id),
      ctx.store.lockOf(id),
      readHeadSpec(ctx, row, platformFiles),
      ctx.restorePoints.list(id),
    ]);
  const user = (credentials.principal as { type?: string }).type === 'user';
  const may = async (
    permission: ResourcePermission<typeof RESOURCE_TYPE_PIPELINE>,
  ) => user && ctx.access.allowed(permission, row, credentials);
  const headDigest = head.spec ? pipelineSpecDigest(head.spec) : undefined;
  return {
    id: row.id,
    name: row.name,
    namespace: row.namespace,
    entityRef: pipelineEntityRef(row.id),
    owner: row.owner,
    platform: row.platform,
    status: row.status,
    specDigest: row.specDigest,
    deployedAt: row.deployedAt,
    deployedBy: row.deployedBy,
    repository: row.repository,
    objects: objects.map(o => ({ ...o, ref: pipelineObjectRef(o) })),
    history,
    savepoints,
    allowed: {
      deploy: await may(pipelineDeployPermission),
      stop: await may(pipelineStopPermission),
      decommission: await may(pipelineDecommissionPermission),
      restorePoint: await may(pipelineRestorePointCreatePermission),
      restore: await may(pipelineRestorePermission),
    },
    restorePoints,
    lock,
    head: {
      source: head.source,
      specDigest: headDigest,
      problem: head.problem,
      inSync: Boolean(headDigest && headDigest === row.specDigest),
    },
  };
}
