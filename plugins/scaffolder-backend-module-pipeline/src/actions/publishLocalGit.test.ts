import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import { mockServices } from '@backstage/backend-test-utils';
import {
  actionContext,
  git,
  startTempGitServer,
  TempGitServer,
} from '../__testUtils__/gitServer';
import {
  createPublishLocalGitAction,
  PUBLISH_LOCAL_GIT_ACTION_ID,
} from './publishLocalGit';

let server: TempGitServer;
let workspace: string;

beforeAll(async () => {
  server = await startTempGitServer();
});
afterAll(() => server.stop());
beforeEach(async () => {
  workspace = await mkdtemp(path.join(os.tmpdir(), 'publish-workspace-'));
  await writeFile(
    path.join(workspace, 'catalog-info.yaml'),
    'kind: Component\nmetadata:\n  name: demo\n',
  );
});
afterEach(() => rm(workspace, { recursive: true, force: true }));

const listRepos = async () => (await fetch(`${server.url}/api/repos`)).json();

describe('dataplatform:publish:local-git', () => {
  it('is the action id', () =>
    expect(PUBLISH_LOCAL_GIT_ACTION_ID).toBe('dataplatform:publish:local-git'));

  it('takes the server URL from dataPlatform.git.localServer.url', async () => {
    const config = mockServices.rootConfig({
      data: {
        dataPlatform: { git: { localServer: { url: 'http://127.0.0.1:1/' } } },
      },
    });
    const { ctx, output } = actionContext(
      { owner: 'team', name: 'demo' },
      workspace,
      true,
    );
    await createPublishLocalGitAction(config).handler(ctx);
    expect(output.get('remoteUrl')).toBe('http://127.0.0.1:1/team/demo.git');
  });

  it('dry run: outputs the URLs that would be used and creates or pushes nothing', async () => {
    const action = createPublishLocalGitAction({ serverUrl: server.url });
    const { ctx, output } = actionContext(
      { owner: 'team-a', name: 'dry-run', defaultBranch: 'main' },
      workspace,
      true,
    );
    await action.handler(ctx);
    expect(Object.fromEntries(output)).toEqual({
      remoteUrl: `${server.url}/team-a/dry-run.git`,
      repoContentsUrl: `${server.url}/team-a/dry-run`,
      catalogInfoUrl: `${server.url}/team-a/dry-run/raw/main/catalog-info.yaml`,
    });
    expect(await listRepos()).toEqual([]);
  });

  it.each([
    { owner: 'Team', name: 'demo' },
    { owner: 'team', name: '-demo' },
    { owner: 'team', name: 'demo/../../x' },
    { owner: '../etc', name: 'demo' },
    { owner: 'team', name: 'a'.repeat(64) },
    { owner: 'team', name: 'demo', defaultBranch: '--upload-pack=touch' },
    { owner: 'team', name: 'demo', defaultBranch: 'main..x' },
  ])('refuses %j before any request, also in a dry run', async input => {
    const action = createPublishLocalGitAction({ serverUrl: server.url });
    for (const dryRun of [true, false]) {
      const { ctx, output } = actionContext(input, workspace, dryRun);
      await expect(action.handler(ctx)).rejects.toThrow(InputError);
      expect(output.size).toBe(0);
    }
    expect(await listRepos()).toEqual([]);
  });

  it('publishes, then a re-run the registry gives the repository to pushes a new commit onto it', async () => {
    // The pipeline registry's answers: the first run creates the repository, later ones
    // update the pipeline's own.
    const reserve = jest
      .fn()
      .mockResolvedValueOnce({ pipeline: 'default/rerun', mode: 'create' })
      .mockResolvedValue({ pipeline: 'default/rerun', mode: 'update' });
    const action = createPublishLocalGitAction(
      { serverUrl: server.url },
      reserve,
    );
    await writeFile(path.join(workspace, 'pipeline.yaml'), 'name: rerun\n');
    await mkdir(path.join(workspace, 'sql'));
    await writeFile(path.join(workspace, 'sql', 'job.sql'), 'SELECT 1;\n');
    const first = actionContext(
      { owner: 'team-a', name: 'rerun', description: 'demo use case' },
      workspace,
    );
    first.ctx.getInitiatorCredentials.mockResolvedValue('initiator');
    await action.handler(first.ctx);
    expect(await listRepos()).toEqual([
      { owner: 'team-a', name: 'rerun', description: 'demo use case' },
    ]);
    expect(reserve).toHaveBeenCalledWith({
      spec: { name: 'rerun' },
      repository: { owner: 'team-a', name: 'rerun' },
      credentials: 'initiator',
    });

    await writeFile(
      path.join(workspace, 'catalog-info.yaml'),
      'kind: Component\nmetadata:\n  name: demo-v2\n',
    );
    await rm(path.join(workspace, 'sql'), { recursive: true });
    const second = actionContext(
      {
        owner: 'team-a',
        name: 'rerun',
        gitAuthorName: 'Ada',
        gitAuthorEmail: 'ada@example.com',
      },
      workspace,
    );
    await action.handler(second.ctx);
    expect(second.logger.info).toHaveBeenCalledWith(
      expect.stringContaining("updating this pipeline's repository"),
    );

    const clone = path.join(
      workspace,
      '..',
      `${path.basename(workspace)}-clone`,
    );
    await git(
      os.tmpdir(),
      'clone',
      '-q',
      String(second.output.get('remoteUrl')),
      clone,
    );
    try {
      expect(
        await readFile(path.join(clone, 'catalog-info.yaml'), 'utf8'),
      ).toContain('demo-v2');
      expect((await git(clone, 'ls-files')).trim()).toBe(
        'catalog-info.yaml\npipeline.yaml',
      ); // the deleted file is gone
      const log = (await git(clone, 'log', '--format=%H %an <%ae>'))
        .trim()
        .split('\n');
      expect(log).toEqual([
        `${second.output.get('commitHash')} Ada <ada@example.com>`,
        `${first.output.get('commitHash')} portal <portal@localhost>`,
      ]);
    } finally {
      await rm(clone, { recursive: true, force: true });
    }
    const raw = await fetch(String(second.output.get('catalogInfoUrl')));
    expect(await raw.text()).toContain('demo-v2');

    // A third run with nothing changed leaves the branch where it is.
    const third = actionContext({ owner: 'team-a', name: 'rerun' }, workspace);
    await action.handler(third.ctx);
    expect(third.output.get('commitHash')).toBe(
      second.output.get('commitHash'),
    );
  });

  it('never pushes over an existing repository the registry does not give to the pipeline', async () => {
    await writeFile(path.join(workspace, 'pipeline.yaml'), 'name: taken\n');
    const owner = createPublishLocalGitAction(
      { serverUrl: server.url },
      async () => ({ pipeline: 'default/taken', mode: 'create' }),
    );
    const first = actionContext({ owner: 'team-a', name: 'taken' }, workspace);
    await owner.handler(first.ctx);
    const head = first.output.get('commitHash');

    // Another run whose registry answer is "create" (a new repository) finds it taken: refused.
    await writeFile(
      path.join(workspace, 'catalog-info.yaml'),
      'kind: Component\nmetadata:\n  name: hijacked\n  annotations: {}\n',
    );
    const second = actionContext({ owner: 'team-a', name: 'taken' }, workspace);
    const error = await owner.handler(second.ctx).catch(e => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toBe(
      "repository team-a/taken already exists on the git server and is not this pipeline's: it was not pushed over",
    );
    const raw = await fetch(
      `${server.url}/team-a/taken/raw/main/catalog-info.yaml`,
    );
    expect(await raw.text()).toContain('name: demo');
    const clone = await mkdtemp(path.join(os.tmpdir(), 'taken-clone-'));
    try {
      await git(clone, 'clone', '-q', `${server.url}/team-a/taken.git`, 'c');
      expect(
        (await git(path.join(clone, 'c'), 'rev-parse', 'HEAD')).trim(),
      ).toBe(head);
    } finally {
      await rm(clone, { recursive: true, force: true });
    }
  });

  it('creates nothing when the registry refuses the initiator, nor without a pipeline.yaml', async () => {
    const refusing = createPublishLocalGitAction(
      { serverUrl: server.url },
      async () => {
        throw new NotAllowedError(
          'user:default/bob may not deploy pipeline default/refused',
        );
      },
    );
    await writeFile(path.join(workspace, 'pipeline.yaml'), 'name: refused\n');
    const { ctx } = actionContext(
      { owner: 'team-b', name: 'refused' },
      workspace,
    );
    await expect(refusing.handler(ctx)).rejects.toThrow(NotAllowedError);
    await rm(path.join(workspace, 'pipeline.yaml'));
    const bare = actionContext({ owner: 'team-b', name: 'bare' }, workspace);
    await expect(refusing.handler(bare.ctx)).rejects.toThrow(
      /pipeline\.yaml is missing from the workspace/,
    );
    const names = (await listRepos()).map((r: { name: string }) => r.name);
    expect(names).not.toContain('refused');
    expect(names).not.toContain('bare');
  });

  it('publishes only sourcePath and leaves the workspace without a .git directory', async () => {
    const action = createPublishLocalGitAction({ serverUrl: server.url });
    await mkdir(path.join(workspace, 'repo'));
    await writeFile(path.join(workspace, 'repo', 'README.md'), '# only this\n');
    const { ctx, output } = actionContext(
      { owner: 'team-b', name: 'sub', sourcePath: 'repo' },
      workspace,
    );
    await action.handler(ctx);
    const page = await (
      await fetch(String(output.get('repoContentsUrl')))
    ).text();
    expect(page).toContain('README.md');
    expect(page).not.toContain('catalog-info.yaml');
    await expect(
      readFile(path.join(workspace, 'repo', '.git', 'HEAD')),
    ).rejects.toThrow();
  });

  it('names the server and how to start it when it is down', async () => {
    const action = createPublishLocalGitAction({
      serverUrl: 'http://127.0.0.1:1',
    });
    const { ctx } = actionContext({ owner: 'team', name: 'down' }, workspace);
    await expect(action.handler(ctx)).rejects.toThrow(
      /127\.0\.0\.1:1 is not reachable .*stack start git/,
    );
  });
});
