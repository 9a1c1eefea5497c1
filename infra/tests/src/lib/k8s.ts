import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  ConfigMap,
  Namespace,
  Secret,
  Service,
  ServiceAccount,
} from 'kubernetes-models/v1';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import {
  Role,
  RoleBinding,
} from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import {
  K8S_DIR,
  Obj,
  listFiles,
  parseYaml,
  parseYamlAll,
  read,
} from './files';

/** Rules over the parsed manifests of infra/k8s. Each returns a list of problems (empty = fine). */

export interface Manifest {
  file: string;
  doc: Obj;
}

export const loadKustomization = (): Obj =>
  parseYaml(
    read(join(K8S_DIR, 'kustomization.yaml')),
    'infra/k8s/kustomization.yaml',
  );

/** Every YAML document of every file listed in kustomization.yaml's resources. */
export function loadManifests(): Manifest[] {
  return (loadKustomization().resources as string[]).flatMap(file =>
    parseYamlAll(read(join(K8S_DIR, file)), `infra/k8s/${file}`).map(doc => ({
      file,
      doc,
    })),
  );
}

/** Manifest files on disk: every .yaml/.yml below infra/k8s except kustomize's own files. */
export const manifestFilesOnDisk = (): string[] =>
  listFiles(K8S_DIR).filter(
    f =>
      /\.ya?ml$/.test(f) &&
      !['kustomization.yaml', 'kustomizeconfig.yaml'].includes(f),
  );

export function kustomizationProblems(
  kustomization: Obj,
  onDisk: string[],
): string[] {
  const listed: string[] = kustomization.resources ?? [];
  const problems = listed
    .filter(f => !existsSync(join(K8S_DIR, f)))
    .map(f => `kustomization lists ${f}, which does not exist`);
  problems.push(
    ...onDisk
      .filter(f => !listed.includes(f))
      .map(f => `${f} is not listed in kustomization.yaml`),
  );
  problems.push(
    ...(kustomization.configurations ?? [])
      .filter((f: string) => !existsSync(join(K8S_DIR, f)))
      .map((f: string) => `kustomization configuration ${f} does not exist`),
  );
  const dupes = listed.filter((f, i) => listed.indexOf(f) !== i);
  problems.push(...dupes.map(f => `${f} is listed twice`));
  if (kustomization.namespace !== 'data-platform')
    problems.push('kustomization namespace is not data-platform');
  return problems;
}

const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function identityProblems(manifests: Manifest[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const { file, doc } of manifests) {
    if (!doc.apiVersion || !doc.kind || !doc.metadata?.name) {
      problems.push(
        `${file}: a document lacks apiVersion, kind or metadata.name`,
      );
      continue;
    }
    if (
      !DNS_SUBDOMAIN.test(doc.metadata.name) ||
      doc.metadata.name.length > 253
    ) {
      problems.push(
        `${file}: ${doc.kind} name ${doc.metadata.name} is not a DNS subdomain`,
      );
    }
    const key = `${doc.apiVersion} ${doc.kind} ${doc.metadata.name}`;
    if (seen.has(key)) problems.push(`${file}: ${key} is defined twice`);
    seen.add(key);
  }
  return problems;
}

/** Built-in kinds, validated by kubernetes-models (the Kubernetes OpenAPI schemas). */
const BUILT_IN: Record<string, new (data: any) => { validate(): void }> = {
  'v1 Namespace': Namespace,
  'v1 ConfigMap': ConfigMap,
  'v1 Secret': Secret,
  'v1 Service': Service,
  'v1 ServiceAccount': ServiceAccount,
  'apps/v1 Deployment': Deployment,
  'apps/v1 StatefulSet': StatefulSet,
  'batch/v1 Job': Job,
  'networking.k8s.io/v1 Ingress': Ingress,
  'rbac.authorization.k8s.io/v1 Role': Role,
  'rbac.authorization.k8s.io/v1 RoleBinding': RoleBinding,
};

export const isBuiltIn = (doc: Obj): boolean =>
  `${doc.apiVersion} ${doc.kind}` in BUILT_IN;

/** undefined when the kind is not a known built-in kind. */
export function builtInErrors(doc: Obj): string[] | undefined {
  const Model = BUILT_IN[`${doc.apiVersion} ${doc.kind}`];
  if (!Model) return undefined;
  try {
    new Model(doc).validate();
    return [];
  } catch (e) {
    return [(e as Error).message];
  }
}

const ofKind = (manifests: Manifest[], kind: string) =>
  manifests.filter(m => m.doc.kind === kind).map(m => m.doc);

/** Pod templates of the workloads, with their kind/name. */
export function podTemplates(
  manifests: Manifest[],
): Array<{ owner: string; template: Obj; claims: string[] }> {
  return manifests
    .filter(m =>
      ['Deployment', 'StatefulSet', 'Job', 'DaemonSet'].includes(m.doc.kind),
    )
    .map(m => ({
      owner: `${m.doc.kind}/${m.doc.metadata.name}`,
      template: m.doc.spec?.template ?? {},
      claims: (m.doc.spec?.volumeClaimTemplates ?? []).map(
        (c: Obj) => c.metadata?.name,
      ),
    }));
}

export interface ServicePort {
  service: string;
  number: number;
  name?: string;
}

/**
 * Services that exist once applied: the declared ones plus those the operators create from the
 * custom resources (FlinkDeployment <name>-rest:8081, KafkaConnect <name>-connect-api:8083,
 * Kafka <name>-kafka-bootstrap:9092/9093).
 */
export function knownServices(manifests: Manifest[]): ServicePort[] {
  const out: ServicePort[] = [];
  for (const svc of ofKind(manifests, 'Service')) {
    for (const p of svc.spec?.ports ?? [])
      out.push({ service: svc.metadata.name, number: p.port, name: p.name });
  }
  for (const fd of ofKind(manifests, 'FlinkDeployment')) {
    out.push({
      service: `${fd.metadata.name}-rest`,
      number: 8081,
      name: 'rest',
    });
  }
  for (const kc of ofKind(manifests, 'KafkaConnect')) {
    out.push({
      service: `${kc.metadata.name}-connect-api`,
      number: 8083,
      name: 'rest-api',
    });
  }
  for (const k of ofKind(manifests, 'Kafka')) {
    for (const l of k.spec?.kafka?.listeners ?? []) {
      if (l.type === 'internal')
        out.push({
          service: `${k.metadata.name}-kafka-bootstrap`,
          number: l.port,
          name: `tcp-${l.name}`,
        });
    }
  }
  return out;
}

/** Every Service selects the pods of a workload and its named target ports exist on those pods. */
export function serviceSelectorProblems(manifests: Manifest[]): string[] {
  const problems: string[] = [];
  const pods = podTemplates(manifests);
  for (const svc of ofKind(manifests, 'Service')) {
    const selector: Obj = svc.spec?.selector ?? {};
    if (!Object.keys(selector).length) {
      problems.push(`Service ${svc.metadata.name} has no selector`);
      continue;
    }
    const matching = pods.filter(({ template }) =>
      Object.entries(selector).every(
        ([k, v]) => template.metadata?.labels?.[k] === v,
      ),
    );
    if (!matching.length) {
      problems.push(
        `Service ${
          svc.metadata.name
        } selects no workload's pods (${JSON.stringify(selector)})`,
      );
      continue;
    }
    for (const port of svc.spec?.ports ?? []) {
      const target = port.targetPort ?? port.port;
      const found = matching.some(({ template }) =>
        (template.spec?.containers ?? []).some((c: Obj) =>
          (c.ports ?? []).some((cp: Obj) =>
            typeof target === 'string'
              ? cp.name === target
              : cp.containerPort === target,
          ),
        ),
      );
      if (!found)
        problems.push(
          `Service ${svc.metadata.name} port ${port.port}: no selected container exposes ${target}`,
        );
    }
  }
  return problems;
}

/** Workload selectors match their own pod template labels. */
export function workloadSelectorProblems(manifests: Manifest[]): string[] {
  return manifests
    .filter(m => ['Deployment', 'StatefulSet'].includes(m.doc.kind))
    .filter(
      m =>
        !Object.entries<string>(m.doc.spec?.selector?.matchLabels ?? {}).every(
          ([k, v]) => m.doc.spec?.template?.metadata?.labels?.[k] === v,
        ) || !Object.keys(m.doc.spec?.selector?.matchLabels ?? {}).length,
    )
    .map(
      m =>
        `${m.doc.kind} ${m.doc.metadata.name}: selector does not match its pod template labels`,
    );
}

/** Every Ingress backend names a Service that exists (declared or operator-made) and one of its ports. */
export function ingressBackendProblems(manifests: Manifest[]): string[] {
  const services = knownServices(manifests);
  const problems: string[] = [];
  for (const ing of ofKind(manifests, 'Ingress')) {
    const backends = [
      ...(ing.spec?.defaultBackend ? [ing.spec.defaultBackend] : []),
      ...(ing.spec?.rules ?? []).flatMap((r: Obj) =>
        (r.http?.paths ?? []).map((p: Obj) => p.backend),
      ),
    ];
    for (const b of backends) {
      const name = b?.service?.name;
      const port = b?.service?.port ?? {};
      const ports = services.filter(s => s.service === name);
      if (!ports.length)
        problems.push(
          `Ingress ${ing.metadata.name}: backend Service ${name} does not exist`,
        );
      else if (
        !ports.some(s =>
          port.number !== undefined
            ? s.number === port.number
            : s.name === port.name,
        )
      ) {
        problems.push(
          `Ingress ${ing.metadata.name}: Service ${name} has no port ${
            port.number ?? port.name
          }`,
        );
      }
    }
  }
  return problems;
}

export const ingressHosts = (manifests: Manifest[]): string[] =>
  ofKind(manifests, 'Ingress').flatMap(i =>
    (i.spec?.rules ?? []).map((r: Obj) => r.host),
  );

/** Containers of every workload and of the Flink pod template. */
export function containers(
  manifests: Manifest[],
): Array<{ owner: string; container: Obj }> {
  const out = podTemplates(manifests).flatMap(({ owner, template }) =>
    [
      ...(template.spec?.containers ?? []),
      ...(template.spec?.initContainers ?? []),
    ].map((c: Obj) => ({ owner, container: c })),
  );
  return out;
}

/** Every container has a memory limit and a pinned (tagged, non-latest) image. */
export function containerProblems(manifests: Manifest[]): string[] {
  const problems: string[] = [];
  for (const { owner, container } of containers(manifests)) {
    if (!container.resources?.limits?.memory)
      problems.push(`${owner}/${container.name} has no memory limit`);
    const image = String(container.image ?? '');
    const tag = image.split('/').pop()?.split(':')[1];
    if (!tag || tag === 'latest')
      problems.push(`${owner}/${container.name}: image ${image} is not pinned`);
    if (!container.readinessProbe && owner.split('/')[0] !== 'Job') {
      problems.push(`${owner}/${container.name} has no readinessProbe`);
    }
  }
  return problems;
}

export interface SecretRef {
  where: string;
  secret: string;
  key?: string;
}

/** Every reference to a Secret: env valueFrom / envFrom, volumes, Strimzi pushSecret and pod volumes, Ingress TLS. */
export function secretRefs(manifests: Manifest[]): SecretRef[] {
  const out: SecretRef[] = [];
  const walk = (value: unknown, where: string) => {
    if (Array.isArray(value)) value.forEach(v => walk(v, where));
    else if (value && typeof value === 'object') {
      const o = value as Obj;
      if (o.secretKeyRef?.name)
        out.push({
          where,
          secret: o.secretKeyRef.name,
          key: o.secretKeyRef.key,
        });
      if (o.secretRef?.name) out.push({ where, secret: o.secretRef.name });
      if (o.secret?.secretName)
        out.push({ where, secret: o.secret.secretName });
      if (typeof o.pushSecret === 'string')
        out.push({ where, secret: o.pushSecret });
      Object.values(o).forEach(v => walk(v, where));
    }
  };
  for (const { doc } of manifests) {
    const where = `${doc.kind}/${doc.metadata?.name}`;
    walk(doc.spec, where);
    if (doc.kind === 'Ingress') {
      for (const t of doc.spec?.tls ?? [])
        if (t.secretName) out.push({ where, secret: t.secretName });
    }
  }
  return out;
}

/**
 * Secrets are not committed: each referenced Secret must be one the README's install steps create
 * (`kubectl ... create secret <type> <name> ...`), with every key that is referenced.
 */
export function secretProblems(
  manifests: Manifest[],
  readme: string,
): string[] {
  const declared = new Set(
    ofKind(manifests, 'Secret').map(s => s.metadata.name),
  );
  const commands = readme
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .filter(l => /kubectl\b.*\bcreate secret\b/.test(l));
  const problems: string[] = [];
  for (const ref of secretRefs(manifests)) {
    if (declared.has(ref.secret)) continue;
    const cmd = commands.find(c =>
      new RegExp(`create secret \\S+ ${ref.secret}(\\s|$)`).test(c),
    );
    if (!cmd) {
      problems.push(
        `${ref.where} uses Secret ${ref.secret}, which neither a manifest nor the README creates`,
      );
    } else if (
      ref.key &&
      !new RegExp(
        `--from-(literal|file)=${ref.key.replace(/\./g, '\\.')}=`,
      ).test(cmd)
    ) {
      problems.push(
        `${ref.where} uses key ${ref.key} of Secret ${ref.secret}, which the README's command does not set`,
      );
    }
  }
  return problems;
}

/** Every ConfigMap a workload references (env, envFrom, volumes) exists, with the referenced keys. */
export function configMapProblems(manifests: Manifest[]): string[] {
  const maps = new Map(
    ofKind(manifests, 'ConfigMap').map(c => [c.metadata.name, c.data ?? {}]),
  );
  const problems: string[] = [];
  const walk = (value: unknown, where: string) => {
    if (Array.isArray(value)) value.forEach(v => walk(v, where));
    else if (value && typeof value === 'object') {
      const o = value as Obj;
      const check = (name: string, key?: string) => {
        if (!maps.has(name))
          problems.push(
            `${where} uses ConfigMap ${name}, which does not exist`,
          );
        else if (key && !(key in maps.get(name)!))
          problems.push(
            `${where} uses key ${key} of ConfigMap ${name}, which it lacks`,
          );
      };
      if (o.configMapKeyRef?.name)
        check(o.configMapKeyRef.name, o.configMapKeyRef.key);
      if (o.configMapRef?.name) check(o.configMapRef.name);
      if (o.configMap?.name) {
        check(o.configMap.name);
        for (const item of o.configMap.items ?? [])
          check(o.configMap.name, item.key);
      }
      Object.values(o).forEach(v => walk(v, where));
    }
  };
  for (const { doc } of manifests)
    walk(doc.spec, `${doc.kind}/${doc.metadata?.name}`);
  // subPath mounts of a ConfigMap volume need that key
  for (const { owner, template, claims } of podTemplates(manifests)) {
    for (const c of template.spec?.containers ?? []) {
      for (const vm of c.volumeMounts ?? []) {
        const vol = (template.spec?.volumes ?? []).find(
          (v: Obj) => v.name === vm.name,
        );
        if (!vol && claims.includes(vm.name)) continue;
        if (!vol)
          problems.push(
            `${owner}/${c.name} mounts volume ${vm.name}, which the pod does not define`,
          );
        else if (
          vm.subPath &&
          vol.configMap &&
          !(vm.subPath in (maps.get(vol.configMap.name) ?? {}))
        ) {
          problems.push(
            `${owner}/${c.name}: subPath ${vm.subPath} is not a key of ConfigMap ${vol.configMap.name}`,
          );
        }
      }
    }
  }
  return problems;
}

export const byKind = ofKind;
