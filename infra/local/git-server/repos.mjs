// Bare repositories under one root (<root>/<owner>/<name>.git) and the read-only git calls the
// server makes on them. Every name, branch and path is validated before it reaches git.
import { execFile } from 'node:child_process';
import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';

export const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
const BRANCH = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export const validName = s => typeof s === 'string' && NAME.test(s);
export const validBranch = s =>
  BRANCH.test(s) && !s.includes('..') && !s.endsWith('.lock');
/** A repository-relative file path: no empty, `.` or `..` segment, no leading `-`, no NUL or backslash. */
export function validPath(p) {
  if (
    typeof p !== 'string' ||
    p.length > 1024 ||
    /[\0\\\r\n]/.test(p) ||
    p.startsWith('-')
  )
    return false;
  return p
    .split('/')
    .every(
      seg => seg !== '' && seg !== '.' && seg !== '..' && !seg.startsWith('-'),
    );
}

export function git(
  args,
  { cwd, input, maxBuffer = 32 * 1024 * 1024, encoding = 'utf8' } = {},
) {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      { cwd, maxBuffer, encoding, timeout: 30_000, env: gitEnv() },
      (err, stdout, stderr) =>
        err
          ? reject(Object.assign(err, { stderr: String(stderr) }))
          : resolve(stdout),
    );
    if (input !== undefined) child.stdin.end(input);
  });
}
// No user or system config: the server's behaviour must not depend on the machine's ~/.gitconfig.
export const gitEnv = () => ({
  PATH: process.env.PATH,
  GIT_CONFIG_NOSYSTEM: '1',
  HOME: '/nonexistent',
  GIT_TERMINAL_PROMPT: '0',
});

export class RepoStore {
  constructor(root) {
    this.root = path.resolve(root);
  }
  dir(owner, name) {
    return path.join(this.root, owner, `${name}.git`);
  }
  async exists(owner, name) {
    try {
      await readFile(path.join(this.dir(owner, name), 'HEAD'));
      return true;
    } catch {
      return false;
    }
  }
  async describe(owner, name) {
    const description = await readFile(
      path.join(this.dir(owner, name), 'description'),
      'utf8',
    ).catch(() => '');
    return {
      owner,
      name,
      description: description.startsWith('Unnamed repository')
        ? ''
        : description.trim(),
    };
  }
  async list() {
    const repos = [];
    for (const owner of (await readdir(this.root).catch(() => []))
      .filter(validName)
      .sort()) {
      for (const entry of (
        await readdir(path.join(this.root, owner)).catch(() => [])
      ).sort()) {
        const name = entry.replace(/\.git$/, '');
        if (entry.endsWith('.git') && validName(name))
          repos.push(await this.describe(owner, name));
      }
    }
    return repos;
  }
  /** Creates the bare repository in a scratch dir, then renames it into place: 'exists' if it is there. */
  async create(owner, name, description = '', defaultBranch = 'main') {
    if (await this.exists(owner, name)) return 'exists';
    await mkdir(path.join(this.root, owner), { recursive: true });
    const scratch = await mkdtemp(path.join(this.root, `.new-${name}-`));
    try {
      await git([
        'init',
        '--quiet',
        '--bare',
        `--initial-branch=${defaultBranch}`,
        scratch,
      ]);
      await git(['--git-dir', scratch, 'config', 'http.receivepack', 'true']);
      await writeFile(
        path.join(scratch, 'description'),
        `${description.replace(/[\r\n]+/g, ' ').slice(0, 500)}\n`,
      );
      await rename(scratch, this.dir(owner, name));
      return 'created';
    } catch (e) {
      await rm(scratch, { recursive: true, force: true });
      if (e.code === 'ENOTEMPTY' || e.code === 'EEXIST') return 'exists';
      throw e;
    }
  }
  /** { type, oid } of <branch>:<path> ('' = the root tree), or undefined when it does not exist. */
  async resolve(owner, name, branch, file) {
    try {
      const out = await git(
        ['--git-dir', this.dir(owner, name), 'cat-file', '--batch-check'],
        {
          input: `refs/heads/${branch}:${file}\n`,
        },
      );
      const [oid, type] = out.trim().split(' ');
      return type === 'blob' || type === 'tree' ? { oid, type } : undefined;
    } catch {
      return undefined;
    }
  }
  blob(owner, name, oid) {
    return git(['--git-dir', this.dir(owner, name), 'cat-file', 'blob', oid], {
      encoding: 'buffer',
    });
  }
  /** File paths (recursive) under a tree object id. */
  async files(owner, name, treeOid) {
    const out = await git([
      '--git-dir',
      this.dir(owner, name),
      'ls-tree',
      '-r',
      '-z',
      '--name-only',
      treeOid,
    ]);
    return out.split('\0').filter(Boolean);
  }
  async defaultBranch(owner, name) {
    const head = await git([
      '--git-dir',
      this.dir(owner, name),
      'symbolic-ref',
      'HEAD',
    ]).catch(() => 'refs/heads/main');
    return head.trim().replace(/^refs\/heads\//, '');
  }
}
