import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  actionContext,
  git,
  LOCAL_GIT_SERVER,
  requireLocalGitServer,
} from '../__testUtils__/gitServer';
import { createPublishLocalGitAction } from './publishLocalGit';

// Against the stack's git server (infra/local, component `git`, 127.0.0.1:9419).
const run = `${Date.now()}`;
const files: Record<string, string> = {
  'catalog-info.yaml': `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: it-publish-${run}\nspec:\n  type: service\n  lifecycle: experimental\n  owner: team-it\n`,
  'sql/pipeline.sql': 'INSERT INTO lake.commerce.orders SELECT * FROM src;\n',
  'docs/index.md': '# Use case\n\nÜmlaut and “quotes” survive.\n',
};
let tmp: string;

beforeAll(async () => {
  await requireLocalGitServer();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'publish-it-'));
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(tmp, 'workspace', file)), {
      recursive: true,
    });
    await writeFile(path.join(tmp, 'workspace', file), content);
  }
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('dataplatform:publish:local-git on the stack', () => {
  it('publishes the workspace; a clone has the same files and catalogInfoUrl serves the YAML', async () => {
    const action = createPublishLocalGitAction({ serverUrl: LOCAL_GIT_SERVER });
    const { ctx, output } = actionContext(
      { owner: 'integration-tests', name: `publish-${run}` },
      path.join(tmp, 'workspace'),
    );
    await action.handler(ctx);
    expect(output.get('catalogInfoUrl')).toBe(
      `${LOCAL_GIT_SERVER}/integration-tests/publish-${run}/raw/main/catalog-info.yaml`,
    );

    await git(tmp, 'clone', '-q', String(output.get('remoteUrl')), 'clone');
    const cloned = (await git(path.join(tmp, 'clone'), 'ls-files'))
      .trim()
      .split('\n')
      .sort();
    expect(cloned).toEqual(Object.keys(files).sort());
    for (const [file, content] of Object.entries(files))
      expect(await readFile(path.join(tmp, 'clone', file), 'utf8')).toBe(
        content,
      );
    expect(
      (await git(path.join(tmp, 'clone'), 'rev-parse', 'HEAD')).trim(),
    ).toBe(output.get('commitHash'));

    const yaml = await fetch(String(output.get('catalogInfoUrl')));
    expect(yaml.status).toBe(200);
    expect(yaml.headers.get('content-type')).toMatch(/^text\/yaml/);
    expect(await yaml.text()).toBe(files['catalog-info.yaml']);

    const page = await fetch(String(output.get('repoContentsUrl')));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('sql/pipeline.sql');
    const listed = await (await fetch(`${LOCAL_GIT_SERVER}/api/repos`)).json();
    expect(listed).toContainEqual({
      owner: 'integration-tests',
      name: `publish-${run}`,
      description: '',
    });
  });
});
