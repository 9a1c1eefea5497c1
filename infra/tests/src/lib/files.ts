import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseAllDocuments, parseDocument } from 'yaml';

/** A parsed YAML/JSON value; the infra files are untyped data. */
export type Obj = Record<string, any>;

/** The repository root: the first folder at or above `start` that holds backstage.json. */
export function findRepoRoot(start: string = process.cwd()): string {
  let dir = resolve(start);
  while (!existsSync(join(dir, 'backstage.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no backstage.json above ${start}`);
    dir = parent;
  }
  return dir;
}

export const REPO = findRepoRoot();
export const COMPOSE_DIR = join(REPO, 'infra/compose');
export const K8S_DIR = join(REPO, 'infra/k8s');
export const LOCAL_DIR = join(REPO, 'infra/local');

export const read = (path: string): string => readFileSync(path, 'utf8');
export const rel = (path: string): string => relative(REPO, path);

/** Parses one YAML document (merge keys `<<` enabled, as Docker Compose does); throws on any error. */
export function parseYaml(text: string, source: string): any {
  const doc = parseDocument(text, { merge: true, uniqueKeys: true });
  if (doc.errors.length) {
    throw new Error(`${source}: ${doc.errors.map(e => e.message).join('; ')}`);
  }
  return doc.toJS({ maxAliasCount: -1 });
}

/** Parses every document of a YAML stream; throws on any error. Empty documents are dropped. */
export function parseYamlAll(text: string, source: string): Obj[] {
  const out: Obj[] = [];
  for (const doc of parseAllDocuments(text, { uniqueKeys: true })) {
    if (doc.errors.length) {
      throw new Error(
        `${source}: ${doc.errors.map(e => e.message).join('; ')}`,
      );
    }
    const value = doc.toJS();
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}

/** KEY=VALUE lines of a dotenv-style file (comments and blank lines skipped). */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (m) out[m[1]] = m[2].trim();
  }
  return out;
}

/** infra/local/versions.env: the versions infra/local verified. */
export const versions = (): Record<string, string> =>
  parseEnvFile(read(join(LOCAL_DIR, 'versions.env')));

/** All files below a folder (relative paths, sorted). */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** Every string found in a parsed document, with its path (for scans over the whole model). */
export function strings(
  value: unknown,
  path = '',
): Array<{ path: string; value: string }> {
  if (typeof value === 'string') return [{ path, value }];
  if (Array.isArray(value))
    return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) =>
      strings(v, path ? `${path}.${k}` : k),
    );
  }
  return [];
}

/** Parses a duration as Flink writes them (30s, 30 s, 30000 ms, 30000, 1 min) into milliseconds. */
export function durationMs(value: string | number): number {
  if (typeof value === 'number') return value;
  const m = /^\s*(\d+)\s*([a-z]*)\s*$/i.exec(value);
  if (!m) return NaN;
  const units: Record<string, number> = {
    '': 1,
    ms: 1,
    milli: 1,
    millis: 1,
    millisecond: 1,
    milliseconds: 1,
    s: 1000,
    sec: 1000,
    secs: 1000,
    second: 1000,
    seconds: 1000,
    m: 60_000,
    min: 60_000,
    minute: 60_000,
    minutes: 60_000,
  };
  const factor = units[m[2].toLowerCase()];
  return factor === undefined ? NaN : Number(m[1]) * factor;
}

/** Flink's FLINK_PROPERTIES parsing as in the official image's docker-entrypoint.sh. */
export function parseFlinkProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s/g, '');
    if (!line) continue;
    const i = line.indexOf(':');
    if (i <= 0) continue;
    out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}

/** The host:port pairs of the portal's monitoring links in an app-config file. */
export function monitoringLinks(
  appConfigFile: string,
  stack: string,
): Record<string, URL> {
  const config = parseYaml(read(join(REPO, appConfigFile)), appConfigFile);
  const links = config?.dataPlatform?.stacks?.[stack]?.monitoringLinks ?? {};
  return Object.fromEntries(
    Object.entries(links).map(([id, link]: [string, any]) => [
      id,
      new URL(
        String(link.url).replace('${PLATFORM_DOMAIN}', 'platform-domain'),
      ),
    ]),
  );
}
