import fs from 'node:fs/promises';
import path from 'node:path';
import type {
  BackstageCredentials,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  createTemplateAction,
  getRepoSourceDirectory,
} from '@backstage/plugin-scaffolder-node';
import { parse } from 'yaml';
import {
  DEFAULT_LOCAL_GIT_SERVER,
  LocalGitPublisher,
  validateRepo,
} from '../localGit/LocalGitPublisher';

export const PUBLISH_LOCAL_GIT_ACTION_ID = 'dataplatform:publish:local-git';

/** Base URL of infra/local's git server: dataPlatform.git.localServer.url. */
export const localGitServerUrl = (config: RootConfigService) =>
  config.getOptionalString('dataPlatform.git.localServer.url') ??
  DEFAULT_LOCAL_GIT_SERVER;

/**
 * Asks the pipeline registry, for the task's initiator, whether the pipeline of the workspace's
 * `pipeline.yaml` may publish to a repository: `create` (new) or `update` (already its own).
 */
export type RepositoryReserver = (options: {
  spec: unknown;
  repository: { owner: string; name: string };
  credentials: BackstageCredentials;
}) => Promise<{ pipeline: string; mode: 'create' | 'update' }>;

/** The workspace's pipeline spec, as rendered by dataplatform:pipeline:render. */
async function workspaceSpec(sourceDir: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(path.join(sourceDir, 'pipeline.yaml'), 'utf8');
  } catch {
    throw new InputError(
      'dataplatform:publish:local-git publishes pipeline repositories: pipeline.yaml is missing from the workspace (run dataplatform:pipeline:render first)',
    );
  }
  return parse(text);
}

/**
 * Publishes the workspace to the local git server (no internet, no GitHub) and outputs the URL the
 * catalog reads: use `catalogInfoUrl` with dataplatform:catalog:register (repoContentsUrl is a
 * page for people). With a reserver (the portal always passes the registry's), the initiator must
 * own the workspace's pipeline and the repository must be new or that pipeline's; without one
 * the action only ever creates a new repository. It never pushes over someone else's.
 */
export function createPublishLocalGitAction(
  options: { serverUrl: string } | RootConfigService,
  reserve?: RepositoryReserver,
) {
  const serverUrl =
    'serverUrl' in options ? options.serverUrl : localGitServerUrl(options);
  const publisher = new LocalGitPublisher(serverUrl);
  return createTemplateAction({
    id: PUBLISH_LOCAL_GIT_ACTION_ID,
    description:
      "Creates a repository on the local git server (or updates the one the pipeline registry says is this pipeline's), commits the workspace and pushes it; outputs remoteUrl, repoContentsUrl and catalogInfoUrl.",
    supportsDryRun: true,
    schema: {
      input: {
        owner: z =>
          z
            .string()
            .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
            .describe('Repository owner (team), lower-case.'),
        name: z =>
          z
            .string()
            .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
            .describe('Repository name, lower-case.'),
        description: z =>
          z.string().max(500).optional().describe('Repository description.'),
        defaultBranch: z =>
          z.string().default('main').describe('Branch to push to.'),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Workspace sub-directory to publish; the whole workspace by default.',
            ),
        gitCommitMessage: z =>
          z.string().optional().describe('Commit message.'),
        gitAuthorName: z =>
          z.string().optional().describe("Commit author; 'portal' by default."),
        gitAuthorEmail: z =>
          z.string().optional().describe('Commit author e-mail.'),
      },
      output: {
        remoteUrl: z => z.string().describe('git clone/push URL'),
        repoContentsUrl: z =>
          z.string().describe('Browsable page of the repository'),
        catalogInfoUrl: z =>
          z.string().describe('Raw URL of catalog-info.yaml on the branch'),
        commitHash: z =>
          z
            .string()
            .optional()
            .describe('The branch tip after the push (not in a dry run)'),
      },
    },
    async handler(ctx) {
      const { owner, name, description, sourcePath } = ctx.input;
      const defaultBranch = ctx.input.defaultBranch ?? 'main';
      validateRepo(owner, name, defaultBranch);
      const sourceDir = getRepoSourceDirectory(ctx.workspacePath, sourcePath);
      if (ctx.isDryRun) {
        const urls = publisher.urls(owner, name, defaultBranch);
        ctx.logger.info(
          `dry run: would publish ${sourceDir} to ${urls.remoteUrl} (${defaultBranch})`,
        );
        for (const [key, value] of Object.entries(urls))
          ctx.output(key as keyof typeof urls, value);
        return;
      }
      let mode: 'create' | 'update' = 'create';
      if (reserve) {
        const reservation = await reserve({
          spec: await workspaceSpec(sourceDir),
          repository: { owner, name },
          credentials: await ctx.getInitiatorCredentials(),
        });
        mode = reservation.mode;
        ctx.logger.info(
          `the pipeline registry gives repository ${owner}/${name} to pipeline ${reservation.pipeline} (${mode})`,
        );
      }
      const result = await publisher.publish({
        mode,
        owner,
        name,
        description,
        defaultBranch,
        sourceDir,
        commitMessage: ctx.input.gitCommitMessage ?? 'Published by the portal',
        author: {
          name: ctx.input.gitAuthorName ?? 'portal',
          email: ctx.input.gitAuthorEmail ?? 'portal@localhost',
        },
        log: m => ctx.logger.info(m),
      });
      ctx.output('remoteUrl', result.remoteUrl);
      ctx.output('repoContentsUrl', result.repoContentsUrl);
      ctx.output('catalogInfoUrl', result.catalogInfoUrl);
      ctx.output('commitHash', result.commitHash);
    },
  });
}
