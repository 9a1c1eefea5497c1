import { RootConfigService } from '@backstage/backend-plugin-api';
import {
  createTemplateAction,
  getRepoSourceDirectory,
} from '@backstage/plugin-scaffolder-node';
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
 * Publishes the workspace to the local git server (no internet, no GitHub) and outputs the URL the
 * catalog reads: use `catalogInfoUrl` with catalog:register (repoContentsUrl is a page for people).
 */
export function createPublishLocalGitAction(
  options: { serverUrl: string } | RootConfigService,
) {
  const serverUrl =
    'serverUrl' in options ? options.serverUrl : localGitServerUrl(options);
  const publisher = new LocalGitPublisher(serverUrl);
  return createTemplateAction({
    id: PUBLISH_LOCAL_GIT_ACTION_ID,
    description:
      'Creates (or reuses) a repository on the local git server, commits the workspace and pushes it; outputs remoteUrl, repoContentsUrl and catalogInfoUrl.',
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
      const result = await publisher.publish({
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
