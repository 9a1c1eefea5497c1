import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/** infra/local's git server script (dependency-free; the stack runs the same file on port 9419). */
export const gitServerScript = path.resolve(
  __dirname,
  '../../../../infra/local/git-server/server.mjs',
);
export const LOCAL_GIT_SERVER =
  process.env.LOCAL_GIT_SERVER_URL ?? 'http://127.0.0.1:9419';

export type TempGitServer = {
  url: string;
  root: string;
  dir: string;
  log: string[];
  stop(): Promise<void>;
};

/** Starts a private instance of the git server on a free port with its own repository root. */
export async function startTempGitServer(): Promise<TempGitServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'git-server-test-'));
  const root = path.join(dir, 'repos');
  const child: ChildProcess = spawn(process.execPath, [gitServerScript], {
    env: {
      PATH: process.env.PATH,
      GIT_SERVER_ROOT: root,
      GIT_SERVER_PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`git server did not start: ${log.join('')}`)),
      10_000,
    );
    child.stdout!.on('data', d => {
      log.push(String(d));
      const m = /listening on (http:\/\/\S+)/.exec(log.join(''));
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr!.on('data', d => log.push(String(d)));
    child.once('exit', code =>
      reject(new Error(`git server exited ${code}: ${log.join('')}`)),
    );
  });
  return {
    url,
    root,
    dir,
    log,
    async stop() {
      const exited = new Promise(r => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A GET that sends the path exactly as given (fetch would normalise `..` away). */
export function rawGet(
  baseUrl: string,
  rawPath: string,
  host?: string,
): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    http
      .get(
        {
          hostname,
          port,
          path: rawPath,
          headers: { host: host ?? `${hostname}:${port}` },
        },
        res => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', d => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      )
      .on('error', reject);
  });
}

const run = promisify(execFile);
/** Runs git with no user config (the checks must not depend on this machine's ~/.gitconfig). */
export const git = (cwd: string, ...args: string[]) =>
  run('git', args, {
    cwd,
    env: {
      PATH: process.env.PATH,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      HOME: cwd,
    },
  }).then(r => r.stdout);

/** A minimal mock of the scaffolder's action context. */
export function actionContext(
  input: Record<string, unknown>,
  workspacePath: string,
  isDryRun = false,
) {
  const output = new Map<string, unknown>();
  const logger = {
    info: jest.fn(),
    warn: jest.fn(),
    error: jest.fn(),
    debug: jest.fn(),
    child: jest.fn(),
  };
  const ctx = {
    input,
    isDryRun,
    logger,
    workspacePath,
    output: (key: string, value: unknown) => output.set(key, value),
    task: { id: 'test' },
    checkpoint: jest.fn(),
    createTemporaryDirectory: jest.fn(),
    getInitiatorCredentials: jest.fn(),
  } as any;
  return { ctx, output, logger };
}

/** Fails (never skips) when the stack's git server is down, naming the command that starts it. */
export async function requireLocalGitServer(url = LOCAL_GIT_SERVER) {
  const res = await fetch(`${url}/api/repos`, {
    signal: AbortSignal.timeout(3000),
  }).catch(e => e as Error);
  if (res instanceof Error || !res.ok)
    throw new Error(
      `the local git server ${url} is not up (${
        res instanceof Error ? res.message : res.status
      }); run: infra/local/stack start git`,
    );
}
