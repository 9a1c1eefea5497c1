import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';

export interface Timed<T = unknown> {
  status: number;
  ms: number;
  body?: T;
  error?: string;
}

/** One HTTP call and how long it took until its body was read; network errors are status 0. */
export async function timedFetch<T = unknown>(
  url: string,
  init: RequestInit & { timeoutMs?: number } = {},
): Promise<Timed<T>> {
  const t0 = performance.now();
  try {
    const res = await fetch(url, {
      ...init,
      signal: AbortSignal.timeout(init.timeoutMs ?? 60_000),
    });
    const text = await res.text();
    const ms = performance.now() - t0;
    let body: T | undefined;
    try {
      body = text ? (JSON.parse(text) as T) : undefined;
    } catch {
      body = undefined;
    }
    return {
      status: res.status,
      ms,
      body,
      error: res.ok ? undefined : text.slice(0, 300),
    };
  } catch (e) {
    // fetch says only "fetch failed"; the cause names it (ECONNRESET, a timeout, …).
    const cause = (e as Error).cause as NodeJS.ErrnoException | undefined;
    return {
      status: 0,
      ms: performance.now() - t0,
      error: [(e as Error).message, cause?.code ?? cause?.message]
        .filter(Boolean)
        .join(': '),
    };
  }
}

export interface BenchDatabase {
  host: string;
  port: number;
  user: string;
  database: string;
}

/** A fresh database for the bench's backend, so its migrations run from scratch. */
export async function resetDatabase(db: BenchDatabase, drop = false) {
  if (!/^[a-z_][a-z0-9_]*$/.test(db.database))
    throw new Error(`bad database name ${db.database}`);
  const client = new Client({ ...db, database: 'postgres' });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${db.database} WITH (FORCE)`);
    if (!drop) await client.query(`CREATE DATABASE ${db.database}`);
  } finally {
    await client.end();
  }
}

export interface Backend {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts packages/backend the way scripts/lib/e2e.sh does (serving the built app), with the
 * bench's overlay, in its own process group so stopping it ends every child.
 */
export async function startBackend(options: {
  repoRoot: string;
  url: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  readyTimeoutMs?: number;
}): Promise<Backend> {
  if ((await timedFetch(`${options.url}/.backstage/health/v1/liveness`)).status)
    throw new Error(
      `something already listens on ${options.url}; stop it first`,
    );
  const log = fs.openSync(options.logFile, 'w');
  const child = spawn(
    'yarn',
    [
      'backstage-cli',
      'package',
      'start',
      '--config',
      '../../app-config.yaml',
      '--config',
      '../../bench/app-config.bench.yaml',
    ],
    {
      cwd: path.join(options.repoRoot, 'packages/backend'),
      env: options.env,
      detached: true,
      stdio: ['ignore', log, log],
    },
  );
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const stop = async () => {
    if (exited || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    for (let i = 0; i < 30 && !exited; i++)
      await new Promise(r => setTimeout(r, 500));
    if (!exited) process.kill(-child.pid, 'SIGKILL');
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 300_000);
  while (Date.now() < deadline) {
    const ready = await timedFetch(
      `${options.url}/.backstage/health/v1/readiness`,
      { timeoutMs: 5000 },
    );
    if (ready.status === 200) return { url: options.url, stop };
    if (exited) break;
    await new Promise(r => setTimeout(r, 1000));
  }
  await stop();
  const tail = fs.readFileSync(options.logFile, 'utf8').split('\n').slice(-30);
  throw new Error(`the backend did not become ready:\n${tail.join('\n')}`);
}

/** The portal's API as the signed-in guest (the identity the browser pages use). */
export class PortalApi {
  private token?: { value: string; at: number };

  constructor(readonly url: string) {}

  async guestToken(): Promise<string> {
    // Guest tokens last an hour; a fresh one every ten minutes keeps long phases signed in.
    if (this.token && Date.now() - this.token.at < 600_000)
      return this.token.value;
    const res = await timedFetch<{ backstageIdentity: { token: string } }>(
      `${this.url}/api/auth/guest/refresh`,
      { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
    );
    const value = res.body?.backstageIdentity?.token;
    if (!value)
      throw new Error(`guest sign-in failed: ${res.status} ${res.error}`);
    this.token = { value, at: Date.now() };
    return value;
  }

  async get<T = unknown>(pathAndQuery: string): Promise<Timed<T>> {
    return timedFetch<T>(`${this.url}${pathAndQuery}`, {
      headers: { Authorization: `Bearer ${await this.guestToken()}` },
    });
  }

  async send<T = unknown>(
    method: string,
    pathAndQuery: string,
    body?: string,
  ): Promise<Timed<T>> {
    return timedFetch<T>(`${this.url}${pathAndQuery}`, {
      method,
      body,
      headers: {
        Authorization: `Bearer ${await this.guestToken()}`,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
    });
  }

  /** Waits until the catalog has ingested an entity (file locations are read in the background). */
  async waitForEntity(ref: string, timeoutMs: number): Promise<void> {
    const [kind, rest] = ref.split(':');
    const [namespace, name] = rest.split('/');
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await this.get(
        `/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
      );
      if (res.status === 200) return;
      if (Date.now() > deadline)
        throw new Error(`${ref} not in the catalog after ${timeoutMs} ms`);
      await new Promise(r => setTimeout(r, 2000));
    }
  }
}
