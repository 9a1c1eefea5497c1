import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ConflictError, InputError } from '@backstage/errors';

const run = promisify(execFile);

/** The rules infra/local's git server applies; checked here first so a bad name never leaves the process. */
export const REPO_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const BRANCH_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
export const DEFAULT_LOCAL_GIT_SERVER = 'http://127.0.0.1:9419';

export type LocalRepoUrls = {
  remoteUrl: string;
  repoContentsUrl: string;
  catalogInfoUrl: string;
};
export type PublishOptions = {
  owner: string;
  name: string;
  description?: string;
  defaultBranch: string;
  sourceDir: string;
  commitMessage: string;
  author: { name: string; email: string };
  log?: (message: string) => void;
  /**
   * `create` (the default): the repository must not exist yet — an existing one is never
   * pushed over. `update`: the pipeline registry says the repository is this pipeline's, so a
   * fast-forward push onto it is allowed.
   */
  mode?: 'create' | 'update';
};
export type PublishResult = LocalRepoUrls & {
  created: boolean;
  commitHash: string;
  changed: boolean;
};

export function validateRepo(owner: string, name: string, branch: string) {
  if (!REPO_NAME.test(owner))
    throw new InputError(`owner '${owner}' must match ${REPO_NAME.source}`);
  if (!REPO_NAME.test(name))
    throw new InputError(`name '${name}' must match ${REPO_NAME.source}`);
  if (
    !BRANCH_NAME.test(branch) ||
    branch.includes('..') ||
    branch.endsWith('.lock')
  )
    throw new InputError(
      `defaultBranch '${branch}' must be a plain branch name (${BRANCH_NAME.source})`,
    );
}

/**
 * Publishes a directory to a repository of the local git server: create the repo (or, when the
 * registry says it is the caller's, reuse it), commit, push.
 */
export class LocalGitPublisher {
  private readonly baseUrl: string;

  constructor(baseUrl: string, private readonly timeoutMs = 5000) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  urls(owner: string, name: string, branch: string): LocalRepoUrls {
    validateRepo(owner, name, branch);
    const repo = `${this.baseUrl}/${owner}/${name}`;
    return {
      remoteUrl: `${repo}.git`,
      repoContentsUrl: repo,
      catalogInfoUrl: `${repo}/raw/${branch}/catalog-info.yaml`,
    };
  }

  /** true when created, false when it already existed (a re-run pushes a new commit onto it). */
  async ensureRepo(
    owner: string,
    name: string,
    description: string,
    defaultBranch: string,
  ): Promise<boolean> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}/api/repos`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ owner, name, description, defaultBranch }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      const reason =
        ((e as Error).cause as NodeJS.ErrnoException)?.code ??
        (e as Error).message;
      throw new Error(
        `the local git server at ${this.baseUrl} is not reachable (${reason}); start it with: infra/local/stack start git`,
      );
    }
    if (res.status === 201) return true;
    if (res.status === 409) return false;
    throw new Error(
      `the local git server refused to create ${owner}/${name}: ${
        res.status
      } ${(await res.text()).trim()}`,
    );
  }

  async publish(opts: PublishOptions): Promise<PublishResult> {
    const urls = this.urls(opts.owner, opts.name, opts.defaultBranch);
    const created = await this.ensureRepo(
      opts.owner,
      opts.name,
      opts.description ?? '',
      opts.defaultBranch,
    );
    if (!created && (opts.mode ?? 'create') === 'create')
      throw new ConflictError(
        `repository ${opts.owner}/${opts.name} already exists on the git server and is not this pipeline's: it was not pushed over`,
      );
    opts.log?.(
      `${created ? 'created' : "updating this pipeline's"} repository ${
        urls.repoContentsUrl
      }`,
    );
    // The git dir lives outside the workspace, so the template's files stay exactly as they are.
    const gitDir = await mkdtemp(path.join(os.tmpdir(), 'publish-local-git-'));
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: gitDir,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_TERMINAL_PROMPT: '0',
      GIT_AUTHOR_NAME: opts.author.name,
      GIT_AUTHOR_EMAIL: opts.author.email,
      GIT_COMMITTER_NAME: opts.author.name,
      GIT_COMMITTER_EMAIL: opts.author.email,
    };
    const git = (...args: string[]) =>
      run(
        'git',
        ['--git-dir', gitDir, '--work-tree', opts.sourceDir, ...args],
        { env, timeout: 60_000, maxBuffer: 16 << 20 },
      );
    const ref = `refs/heads/${opts.defaultBranch}`;
    try {
      await git('init', '--quiet', `--initial-branch=${opts.defaultBranch}`);
      const remoteHead = (
        await git('ls-remote', urls.remoteUrl, ref)
      ).stdout.trim();
      if (remoteHead) {
        // Build on the branch's tip, so the push is a fast-forward and history is kept.
        await git('fetch', '--quiet', urls.remoteUrl, ref);
        await git('update-ref', ref, 'FETCH_HEAD');
        await git('read-tree', ref);
      }
      await git('add', '--all');
      const changed =
        !remoteHead ||
        (await git('diff', '--cached', '--quiet', ref).then(
          () => false,
          () => true,
        ));
      if (changed) {
        await git(
          'commit',
          '--quiet',
          '--no-verify',
          '--allow-empty',
          '-m',
          opts.commitMessage,
        );
        await git('push', '--quiet', urls.remoteUrl, `${ref}:${ref}`);
      }
      const commitHash = (await git('rev-parse', ref)).stdout.trim();
      opts.log?.(
        changed
          ? `pushed ${commitHash} to ${urls.remoteUrl} ${opts.defaultBranch}`
          : `no changes; ${opts.defaultBranch} stays at ${commitHash}`,
      );
      return { ...urls, created, commitHash, changed };
    } catch (e) {
      const stderr = String((e as { stderr?: string }).stderr ?? '').trim();
      throw new Error(
        `publishing to ${urls.remoteUrl} failed: ${
          stderr || (e as Error).message
        }`,
      );
    } finally {
      await rm(gitDir, { recursive: true, force: true });
    }
  }
}
