import fs from 'node:fs/promises';
import path from 'node:path';
import {
  parsePipelineSpec,
  pipelineId,
  pipelineObjectRef,
  pipelineObjectsOf,
} from '@internal/backstage-plugin-pipeline-common';
import { parse } from 'yaml';
import { instanceResolver, RegistryContext } from './context';
import { pipelineSpecDigest } from './specDigest';

/**
 * Registers the platform's own pipelines (the seed use cases, deployed by infra/local/stack
 * outside the portal) from the spec files operators list in config
 * (`dataPlatform.registry.platformPipelines`), owner from the spec. A fresh portal database
 * therefore never leaves them unclaimed for the first template run to take. A name a team
 * already registered, or an object another pipeline claims, is logged and left alone.
 * Returns pipeline id → spec file, for the Deployment tab's "spec at HEAD".
 */
export async function registerPlatformPipelines(
  ctx: RegistryContext,
  files: string[],
): Promise<Map<string, string>> {
  const registered = new Map<string, string>();
  for (const configured of files) {
    const file = path.resolve(configured);
    let spec;
    try {
      const parsed = parsePipelineSpec(parse(await fs.readFile(file, 'utf8')));
      if (!parsed.success) throw new Error(parsed.message);
      spec = parsed.spec;
    } catch (error) {
      ctx.logger.error(
        `platform pipeline ${file} is not a valid pipeline spec, not registered: ${
          (error as Error).message
        }`,
      );
      continue;
    }
    const id = pipelineId(spec.name);
    const before = await ctx.store.get(id);
    if (before && !before.platform) {
      ctx.logger.error(
        `platform pipeline ${id} (${file}) is registered by ${before.createdBy} as a team pipeline; not taken over`,
      );
      continue;
    }
    const digest = pipelineSpecDigest(spec);
    const objects = pipelineObjectsOf(spec, instanceResolver(ctx.upstreams));
    const foreign = await ctx.store.claim({
      pipeline: {
        id,
        namespace: 'default',
        name: spec.name,
        owner: spec.owner,
        platform: true,
        status: 'deployed',
        spec,
        specDigest: digest,
        createdBy: 'platform',
      },
      objects,
      actor: 'platform',
    });
    if (foreign.size) {
      ctx.logger.error(
        `platform pipeline ${id} (${file}) not registered: ${[...foreign]
          .map(([ref, other]) => `${ref} is claimed by ${other}`)
          .join('; ')}`,
      );
      continue;
    }
    if (before)
      await ctx.store.update(id, {
        owner: spec.owner,
        spec,
        specDigest: digest,
      });
    // Objects an earlier version of the file named and this one does not stay claimed: the
    // stack may still run them.
    ctx.logger.info(
      `platform pipeline ${id} registered (owner ${spec.owner}, ${
        objects.length
      } objects: ${objects.map(pipelineObjectRef).join(', ')})`,
    );
    registered.set(id, file);
  }
  return registered;
}
