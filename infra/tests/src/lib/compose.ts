import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import {
  COMPOSE_DIR,
  Obj,
  REPO,
  parseEnvFile,
  parseYaml,
  read,
  strings,
} from './files';

/** Rules over a parsed Compose file. Each returns a list of problems (empty = fine). */

export const COMPOSE_FILE = join(COMPOSE_DIR, 'docker-compose.yml');

export function loadCompose(): { text: string; doc: Obj } {
  const text = read(COMPOSE_FILE);
  return { text, doc: parseYaml(text, 'infra/compose/docker-compose.yml') };
}

export const envExample = (): Record<string, string> =>
  parseEnvFile(read(join(COMPOSE_DIR, '.env.example')));

/** A one-shot job (init container): `restart: "no"`. Everything else is long-running. */
export const isOneShot = (service: Obj): boolean => service.restart === 'no';

export function serviceEnv(service: Obj): Record<string, string> {
  const env = service.environment;
  if (!env) return {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((e: string) => {
        const i = e.indexOf('=');
        return i < 0 ? [e, ''] : [e.slice(0, i), e.slice(i + 1)];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]),
  );
}

export interface PortMapping {
  host?: number;
  container: string;
  raw: string;
}

/** Short ("8088:8081", "127.0.0.1:8088:8081/tcp", "8081") and long ({published, target}) port syntax. */
export function servicePorts(service: Obj): PortMapping[] {
  return (service.ports ?? []).map((p: any): PortMapping => {
    if (typeof p === 'object') {
      return {
        host: p.published ? Number(p.published) : undefined,
        container: String(p.target),
        raw: JSON.stringify(p),
      };
    }
    const parts = String(p)
      .replace(/\/(tcp|udp)$/, '')
      .split(':');
    const container = parts[parts.length - 1];
    const host =
      parts.length >= 2 ? Number(parts[parts.length - 2]) : undefined;
    return { host, container, raw: String(p) };
  });
}

export function hostPortProblems(doc: Obj): string[] {
  const seen = new Map<number, string>();
  const problems: string[] = [];
  for (const [name, svc] of Object.entries<Obj>(doc.services ?? {})) {
    for (const p of servicePorts(svc)) {
      if (p.host === undefined) continue;
      if (!Number.isInteger(p.host))
        problems.push(`${name}: host port of "${p.raw}" is not a number`);
      else if (seen.has(p.host))
        problems.push(
          `host port ${p.host} published by both ${seen.get(
            p.host,
          )} and ${name}`,
        );
      else seen.set(p.host, name);
    }
  }
  return problems;
}

export function dependsOnProblems(doc: Obj): string[] {
  const services: Obj = doc.services ?? {};
  const problems: string[] = [];
  for (const [name, svc] of Object.entries<Obj>(services)) {
    const deps = Array.isArray(svc.depends_on)
      ? Object.fromEntries(
          svc.depends_on.map((d: string) => [
            d,
            { condition: 'service_started' },
          ]),
        )
      : svc.depends_on ?? {};
    for (const [dep, spec] of Object.entries<Obj>(deps)) {
      const target = services[dep];
      if (!target) {
        problems.push(`${name} depends on unknown service ${dep}`);
        continue;
      }
      if (spec?.condition === 'service_healthy' && !target.healthcheck) {
        problems.push(
          `${name} waits for ${dep} to be healthy, but ${dep} has no healthcheck`,
        );
      }
      if (
        spec?.condition === 'service_completed_successfully' &&
        !isOneShot(target)
      ) {
        problems.push(
          `${name} waits for ${dep} to complete, but ${dep} is not a one-shot job (restart: "no")`,
        );
      }
      const active = (s: Obj) => s.profiles ?? [];
      const missing = active(target).filter(
        (p: string) => !active(svc).includes(p),
      );
      if (active(target).length && missing.length === active(target).length) {
        problems.push(
          `${name} depends on ${dep}, which only runs with profile(s) ${active(
            target,
          ).join(', ')}`,
        );
      }
    }
  }
  return problems;
}

export function healthcheckProblems(doc: Obj): string[] {
  return Object.entries<Obj>(doc.services ?? {})
    .filter(([, svc]) => !isOneShot(svc))
    .flatMap(([name, svc]) => {
      const hc = svc.healthcheck;
      if (!hc) return [`${name} (long-running) has no healthcheck`];
      if (hc.disable === true) return [`${name} disables its healthcheck`];
      const test = Array.isArray(hc.test) ? hc.test : [hc.test];
      if (!test[0] || test[0] === 'NONE')
        return [`${name} healthcheck has no test`];
      return [];
    });
}

export function resourceLimitProblems(doc: Obj): string[] {
  return Object.entries<Obj>(doc.services ?? {})
    .filter(([, svc]) => !isOneShot(svc))
    .filter(([, svc]) => !svc.deploy?.resources?.limits?.memory)
    .map(([name]) => `${name} has no deploy.resources.limits.memory`);
}

/** Every image is pinned: an explicit tag (or digest) that is not "latest". */
export function imageTagProblems(doc: Obj): string[] {
  const problems: string[] = [];
  for (const [name, svc] of Object.entries<Obj>(doc.services ?? {})) {
    if (!svc.image) {
      problems.push(
        `${name} has no image name (built images need name:tag too)`,
      );
      continue;
    }
    const image = String(svc.image);
    if (image.includes('@sha256:')) continue;
    const lastSegment = image.split('/').pop() ?? '';
    const tag = lastSegment.includes(':')
      ? lastSegment.split(':').pop()
      : undefined;
    if (!tag) problems.push(`${name}: image ${image} has no tag`);
    else if (tag === 'latest')
      problems.push(`${name}: image ${image} uses latest`);
  }
  return problems;
}

const bindSource = (v: Obj): string | undefined =>
  v.type === 'bind' ? v.source : undefined;
const namedVolumeSource = (v: Obj): string | undefined =>
  v.type === 'volume' ? v.source : undefined;
/** "src:dst[:mode]" -> src; a bare "dst" is an anonymous volume. */
const shortVolumeSource = (v: string): string | undefined =>
  v.includes(':') ? v.split(':')[0] : undefined;

/** Bind mounts, build contexts and Dockerfiles must exist in the repository (and stay inside it). */
export function mountProblems(
  doc: Obj,
  baseDir: string = COMPOSE_DIR,
): string[] {
  const problems: string[] = [];
  const check = (service: string, what: string, path: string) => {
    const abs = resolve(baseDir, path);
    if (
      relative(REPO, abs).startsWith('..') ||
      isAbsolute(relative(REPO, abs))
    ) {
      problems.push(`${service}: ${what} ${path} is outside the repository`);
    } else if (!existsSync(abs)) {
      problems.push(
        `${service}: ${what} ${path} does not exist (${relative(REPO, abs)})`,
      );
    }
  };
  for (const [name, svc] of Object.entries<Obj>(doc.services ?? {})) {
    for (const v of svc.volumes ?? []) {
      const source = typeof v === 'string' ? v.split(':')[0] : bindSource(v);
      if (source && /^(\.|\/|~)/.test(source)) check(name, 'mount', source);
    }
    if (svc.build) {
      const context =
        typeof svc.build === 'string' ? svc.build : svc.build.context ?? '.';
      check(name, 'build context', context);
      const dockerfile =
        typeof svc.build === 'object' && svc.build.dockerfile
          ? svc.build.dockerfile
          : 'Dockerfile';
      check(name, 'Dockerfile', join(context, dockerfile));
    }
    for (const f of [svc.env_file ?? []].flat())
      check(name, 'env_file', typeof f === 'string' ? f : f.path);
  }
  for (const section of ['secrets', 'configs']) {
    for (const [name, def] of Object.entries<Obj>(doc[section] ?? {})) {
      if (def?.file) check(`${section}.${name}`, 'file', def.file);
    }
  }
  return problems;
}

/** Named volumes used by services are declared, and declared volumes are used. */
export function volumeProblems(doc: Obj): string[] {
  const declared = new Set(Object.keys(doc.volumes ?? {}));
  const used = new Set<string>();
  const problems: string[] = [];
  for (const [name, svc] of Object.entries<Obj>(doc.services ?? {})) {
    for (const v of svc.volumes ?? []) {
      const source =
        typeof v === 'string' ? shortVolumeSource(v) : namedVolumeSource(v);
      if (!source || /^(\.|\/|~)/.test(source)) continue;
      used.add(source);
      if (!declared.has(source))
        problems.push(`${name} uses undeclared volume ${source}`);
    }
  }
  for (const v of declared)
    if (!used.has(v)) problems.push(`volume ${v} is declared but not used`);
  return problems;
}

/** One network, and every service is attached to it. */
export function networkProblems(doc: Obj): string[] {
  const networks = Object.keys(doc.networks ?? {});
  if (networks.length !== 1)
    return [`expected exactly one network, found ${networks.length}`];
  return Object.entries<Obj>(doc.services ?? {})
    .filter(([, svc]) => {
      const n = svc.networks;
      const names = Array.isArray(n) ? n : Object.keys(n ?? {});
      return (
        !(names.length === 1 && names[0] === networks[0]) || svc.network_mode
      );
    })
    .map(([name]) => `${name} is not (only) on network ${networks[0]}`);
}

export interface Interpolation {
  name: string;
  operator?: string;
  path: string;
}

/**
 * Compose interpolation as Docker Compose applies it to every string of the model: `$$` is a
 * literal `$`, `${NAME}`, `${NAME:-default}`, `${NAME:?error}`... and `$NAME` are variables; any
 * other `$` is an "invalid interpolation format" error.
 */
export function interpolations(doc: Obj): {
  vars: Interpolation[];
  problems: string[];
} {
  const vars: Interpolation[] = [];
  const problems: string[] = [];
  for (const { path, value } of strings(doc)) {
    for (let i = 0; i < value.length; i++) {
      if (value[i] !== '$') continue;
      const next = value[i + 1];
      if (next === '$') {
        i++;
        continue;
      }
      if (next === '{') {
        const end = value.indexOf('}', i);
        const m =
          end < 0
            ? null
            : /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])(.*))?$/s.exec(
                value.slice(i + 2, end),
              );
        if (!m)
          problems.push(
            `${path}: invalid interpolation at "${value.slice(i, i + 20)}"`,
          );
        else vars.push({ name: m[1], operator: m[2], path });
        i = end < 0 ? value.length : end;
        continue;
      }
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(value.slice(i + 1));
      if (m) {
        vars.push({ name: m[0], path });
        i += m[0].length;
      } else {
        problems.push(
          `${path}: "$" not followed by a variable (write $$ for a literal $): "${value.slice(
            i,
            i + 20,
          )}"`,
        );
      }
    }
  }
  return { vars, problems };
}

const SECRET_KEY =
  /pass(word)?|secret|(^|[_.-])(access[_.-]?)?key$|token|credential/i;
/** `<key ending in password/secret/secret-key/access-key>` followed by `=` or `:` and a value. */
const SECRET_ASSIGNMENT =
  /([\w.-]*(?:password|passwd|secret|secret[-_]key|access[-_]key))["']?[ \t]*[:=][ \t]*["']?(\$\{VAR\}|[^\s"',;]*)/gi;
/** `${...}` substitutions become `${VAR}`, so that their own text (`${X:?set X in .env}`) is not scanned. */
const maskSubstitutions = (s: string): string =>
  s.replace(/\$\{[^}]*\}/g, '${VAR}');
const PLAIN_VAR = /^\$\{[A-Za-z_][A-Za-z0-9_]*(:?\?[^}]*)?\}$/;

/**
 * No credential literal in the model: environment entries whose name looks like a credential, and
 * `key: value` / `key=value` pairs inside strings (FLINK_PROPERTIES, commands) whose key does, must be
 * exactly one `${VAR}` / `${VAR:?msg}` substitution from .env (no default value either).
 */
export function secretLiteralProblems(doc: Obj): string[] {
  const problems: string[] = [];
  for (const [name, svc] of Object.entries<Obj>(doc.services ?? {})) {
    for (const [key, value] of Object.entries(serviceEnv(svc))) {
      if (SECRET_KEY.test(key) && !PLAIN_VAR.test(value)) {
        problems.push(
          `${name}: environment ${key} is not a plain \${VAR} substitution from .env`,
        );
      }
    }
  }
  for (const { path, value } of strings(doc)) {
    for (const m of maskSubstitutions(value).matchAll(SECRET_ASSIGNMENT)) {
      const v = m[2];
      if (
        v &&
        !PLAIN_VAR.test(v) &&
        !v.startsWith('$$') &&
        !/^\$[A-Za-z_]/.test(v)
      ) {
        problems.push(`${path}: "${m[1]}" is set to a literal`);
      }
    }
  }
  return problems;
}

/**
 * Credential literals in the files the stack mounts or builds from (properties, JSON, scripts):
 * a `...password=` / `"...password": ` value must be a reference (${...}, $VAR, %s), never a value.
 */
export function fileSecretProblems(
  files: Array<{ path: string; text: string }>,
): string[] {
  const problems: string[] = [];
  for (const { path, text } of files) {
    for (const m of maskSubstitutions(text).matchAll(SECRET_ASSIGNMENT)) {
      const v = m[2];
      if (v && !/^(\$\{|\$[A-Za-z_]|%s|\$\()/.test(v))
        problems.push(`${path}: ${m[1]} has a literal value`);
    }
  }
  return problems;
}

/** Extracts and uncomments the `# BEGIN name` ... `# END name` block of the compose file. */
export function commentedBlock(text: string, name: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex(l => l.trim() === `# BEGIN ${name}`);
  const end = lines.findIndex(l => l.trim() === `# END ${name}`);
  if (start < 0 || end < start)
    throw new Error(`no "# BEGIN ${name}" ... "# END ${name}" block`);
  return lines
    .slice(start + 1, end)
    .map(l => l.replace(/^(\s*)# ?/, '$1'))
    .join('\n');
}
