import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  COMPOSE_DIR,
  K8S_DIR,
  Obj,
  durationMs,
  monitoringLinks,
  parseFlinkProperties,
  parseYamlAll,
  read,
  versions,
} from './lib/files';
import {
  Manifest,
  builtInErrors,
  byKind,
  configMapProblems,
  containerProblems,
  identityProblems,
  ingressBackendProblems,
  ingressHosts,
  isBuiltIn,
  kustomizationProblems,
  loadKustomization,
  loadManifests,
  manifestFilesOnDisk,
  secretProblems,
  serviceSelectorProblems,
  workloadSelectorProblems,
} from './lib/k8s';
import { crdErrors } from './lib/schemas';
import { loadCompose } from './lib/compose';

const manifests = loadManifests();
const readme = read(join(K8S_DIR, 'README.md'));
const one = (kind: string, name?: string): Obj => {
  const found = byKind(manifests, kind).filter(
    d => !name || d.metadata.name === name,
  );
  if (found.length !== 1)
    throw new Error(
      `expected one ${kind} ${name ?? ''}, found ${found.length}`,
    );
  return found[0];
};
const copy = (): Manifest[] => structuredClone(manifests);
const v = versions();

describe('infra/k8s', () => {
  it('kustomization.yaml lists every manifest file, and only existing ones', () => {
    expect(
      kustomizationProblems(loadKustomization(), manifestFilesOnDisk()),
    ).toEqual([]);
  });

  it('every document parses and has apiVersion, kind and a valid, unique metadata.name', () => {
    expect(manifests.length).toBeGreaterThan(20);
    expect(identityProblems(manifests)).toEqual([]);
  });

  it('every document is a built-in kind, a Strimzi kind with a schema, or the FlinkDeployment', () => {
    // No registry package ships the Flink operator's CRD: the structural rules below check it.
    const unknown = manifests.filter(
      m =>
        !isBuiltIn(m.doc) &&
        crdErrors(m.doc) === undefined &&
        m.doc.kind !== 'FlinkDeployment',
    );
    expect(
      unknown.map(m => `${m.file}: ${m.doc.apiVersion} ${m.doc.kind}`),
    ).toEqual([]);
  });

  it('built-in kinds validate against the Kubernetes OpenAPI schemas (kubernetes-models)', () => {
    const errors = manifests
      .filter(m => isBuiltIn(m.doc))
      .flatMap(m =>
        (builtInErrors(m.doc) ?? []).map(
          e => `${m.file} ${m.doc.kind}/${m.doc.metadata.name}: ${e}`,
        ),
      );
    expect(errors).toEqual([]);
  });

  it('Strimzi resources validate against Strimzi’s CRD schemas (@kubernetes-models/strimzi-kafka-operator)', () => {
    const errors = manifests
      .filter(m => !isBuiltIn(m.doc))
      .flatMap(m =>
        (crdErrors(m.doc) ?? []).map(
          e => `${m.file} ${m.doc.kind}/${m.doc.metadata.name}: ${e}`,
        ),
      );
    expect(errors).toEqual([]);
    expect(
      manifests.filter(m => !isBuiltIn(m.doc)).length,
    ).toBeGreaterThanOrEqual(9);
  });

  describe('Strimzi', () => {
    const kafka = one('Kafka');
    const pools = byKind(manifests, 'KafkaNodePool');

    it('runs Kafka in KRaft mode through node pools (controller + broker roles), no ZooKeeper', () => {
      expect(kafka.spec.zookeeper).toBeUndefined();
      expect(kafka.metadata.annotations).toMatchObject({
        'strimzi.io/kraft': 'enabled',
        'strimzi.io/node-pools': 'enabled',
      });
      expect(
        pools.every(
          p => p.metadata.labels['strimzi.io/cluster'] === kafka.metadata.name,
        ),
      ).toBe(true);
      const roles = pools.flatMap(p => p.spec.roles);
      expect(roles).toEqual(expect.arrayContaining(['controller', 'broker']));
      const controllers = pools
        .filter(p => p.spec.roles.includes('controller'))
        .reduce((n, p) => n + p.spec.replicas, 0);
      expect(controllers % 2).toBe(1); // a KRaft quorum has an odd number of voters
      expect(kafka.spec.kafka.version).toBe(v.KAFKA_VERSION);
      expect(kafka.apiVersion).toBe('kafka.strimzi.io/v1');
    });

    it('builds Kafka Connect with the Debezium plugins from Maven Central, connectors as resources', () => {
      const connect = one('KafkaConnect');
      expect(
        connect.metadata.annotations['strimzi.io/use-connector-resources'],
      ).toBe('true');
      expect(connect.spec.version).toBe(v.KAFKA_VERSION);
      expect(connect.spec.bootstrapServers).toBe(
        `${kafka.metadata.name}-kafka-bootstrap:9092`,
      );
      const artifacts = connect.spec.build.plugins.flatMap(
        (p: Obj) => p.artifacts,
      );
      for (const c of ['mariadb', 'postgres']) {
        expect(artifacts).toContainEqual(
          expect.objectContaining({
            type: 'tgz',
            url: `https://repo1.maven.org/maven2/io/debezium/debezium-connector-${c}/${v.DEBEZIUM_VERSION}/debezium-connector-${c}-${v.DEBEZIUM_VERSION}-plugin.tar.gz`,
          }),
        );
      }
      expect(
        artifacts.every((a: Obj) => /^[0-9a-f]{128}$/.test(a.sha512sum)),
      ).toBe(true);
    });

    // Strimzi 1.2.0 drops config keys starting with these prefixes (FORBIDDEN_PREFIXES of KafkaClusterSpec and
    // KafkaConnectSpec, applied by AbstractConfiguration.filterForbidden) and mounts additional volumes only
    // below /mnt (TemplateUtils.ALLOWED_MOUNT_PATH).
    const forbidden = (
      config: Obj,
      prefixes: string[],
      exceptions: string[] = [],
    ) =>
      Object.keys(config ?? {}).filter(
        k =>
          !exceptions.includes(k) &&
          prefixes.some(p => k.toLowerCase().startsWith(p)),
      );
    it('sets no option Strimzi manages itself, and mounts extra volumes under /mnt', () => {
      const kafkaForbidden = [
        'listeners',
        'advertised.',
        'broker.',
        'listener.',
        'host.name',
        'port',
        'inter.broker.listener.name',
        'sasl.',
        'ssl.',
        'security.',
        'password.',
        'log.dir',
        'authorizer.',
        'super.user',
        'node.id',
        'process.roles',
        'controller.',
        'metadata.log.dir',
        'prometheus.metrics.reporter.',
        'cordoned.log.dirs',
      ];
      const connectForbidden = [
        'group.id',
        'config.storage.topic',
        'offset.storage.topic',
        'status.storage.topic',
        'ssl.',
        'sasl.',
        'security.',
        'listeners',
        'plugin.path',
        'rest.',
        'bootstrap.servers',
        'consumer.interceptor.classes',
        'producer.interceptor.classes',
        'prometheus.metrics.reporter.',
      ];
      const exceptions = [
        'ssl.endpoint.identification.algorithm',
        'ssl.cipher.suites',
        'ssl.protocol',
        'ssl.enabled.protocols',
      ];
      const connect = one('KafkaConnect');
      expect(
        forbidden(kafka.spec.kafka.config, kafkaForbidden, exceptions),
      ).toEqual([]);
      expect(
        forbidden(connect.spec.config, connectForbidden, exceptions),
      ).toEqual([]);
      expect(
        forbidden(
          {
            'ssl.truststore.location': 'x',
            'log.dirs': 'y',
            'min.insync.replicas': 2,
          },
          kafkaForbidden,
        ),
      ).toEqual(['ssl.truststore.location', 'log.dirs']);
      const mounts = connect.spec.template.connectContainer.volumeMounts.map(
        (m: Obj) => m.mountPath,
      );
      expect(mounts.filter((m: string) => !m.startsWith('/mnt/'))).toEqual([]);
    });

    it('connectors belong to the KafkaConnect and read credentials from the mounted Secret', () => {
      const connect = one('KafkaConnect');
      const allowed =
        connect.spec.config['config.providers.file.param.allowed.paths'];
      const mount = connect.spec.template.connectContainer.volumeMounts.find(
        (m: Obj) => m.mountPath === allowed,
      );
      const volume = connect.spec.template.pod.volumes.find(
        (vol: Obj) => vol.name === mount?.name,
      );
      expect(volume?.secret?.secretName).toBe('cdc-credentials');
      const connectors = byKind(manifests, 'KafkaConnector');
      expect(connectors.length).toBeGreaterThanOrEqual(1);
      for (const c of connectors) {
        expect(c.metadata.labels['strimzi.io/cluster']).toBe(
          connect.metadata.name,
        );
        expect(c.spec.config['database.password']).toMatch(
          new RegExp(
            `^\\$\\{file:${allowed}/cdc\\.properties:\\w+\\.password\\}$`,
          ),
        );
        expect(
          c.spec.config['schema.history.internal.kafka.bootstrap.servers'] ??
            connect.spec.bootstrapServers,
        ).toBe(connect.spec.bootstrapServers);
      }
    });

    it('topics belong to the Kafka cluster, replicated no more than the brokers allow', () => {
      const brokers = pools
        .filter(p => p.spec.roles.includes('broker'))
        .reduce((n, p) => n + p.spec.replicas, 0);
      const topics = byKind(manifests, 'KafkaTopic');
      expect(topics.length).toBeGreaterThanOrEqual(1);
      for (const t of topics) {
        expect(t.metadata.labels['strimzi.io/cluster']).toBe(
          kafka.metadata.name,
        );
        expect(t.spec.replicas).toBeLessThanOrEqual(brokers);
      }
      // the connectors' output topics are declared
      const names = topics.map(t => t.spec.topicName ?? t.metadata.name);
      expect(names).toEqual(
        expect.arrayContaining([
          'mariadb.commerce.orders',
          'pg.public.payments',
          '_schema-history.mariadb',
        ]),
      );
    });
  });

  describe('Flink', () => {
    const fd = one('FlinkDeployment');
    const conf: Obj = fd.spec.flinkConfiguration;

    it('is a session cluster: FlinkDeployment without a job', () => {
      expect(fd.apiVersion).toBe('flink.apache.org/v1beta1');
      expect(fd.spec.job).toBeUndefined();
      expect(byKind(manifests, 'FlinkSessionJob')).toEqual([]);
    });

    it('sets task slots, 30 s checkpoints on s3:// (MinIO)', () => {
      expect(
        Number(conf['taskmanager.numberOfTaskSlots']),
      ).toBeGreaterThanOrEqual(1);
      expect(
        conf['execution.checkpointing.dir'] ?? conf['state.checkpoints.dir'],
      ).toMatch(/^s3:\/\//);
      expect(durationMs(conf['execution.checkpointing.interval'])).toBe(30_000);
      expect(conf['s3.endpoint']).toBe('http://minio:9000');
      expect(
        Object.keys(conf).filter(k => /secret|access-key/.test(k)),
      ).toEqual([]);
    });

    it('runs the Flink version infra/local verified, in the image infra/compose builds', () => {
      expect(fd.spec.flinkVersion).toBe(
        `v${v.FLINK_VERSION.split('.').slice(0, 2).join('_')}`,
      );
      expect(fd.spec.image).toBe(loadCompose().doc.services.jobmanager.image);
    });

    it('gives the TaskManagers the CouchDB admin from a Secret, for the couchdb serving sinks', () => {
      const env: Obj[] = fd.spec.podTemplate.spec.containers[0].env;
      for (const name of ['COUCHDB_USER', 'COUCHDB_PASSWORD'])
        expect(
          env.find(e => e.name === name)?.valueFrom?.secretKeyRef?.name,
        ).toBe('couchdb-admin');
    });

    it('points the SQL Gateway at the session cluster’s REST Service', () => {
      const gw = one('Deployment', 'flink-sql-gateway');
      const container = gw.spec.template.spec.containers[0];
      const props = parseFlinkProperties(
        container.env.find((e: Obj) => e.name === 'FLINK_PROPERTIES').value,
      );
      expect(props['rest.address']).toBe(`${fd.metadata.name}-rest`);
      expect(props['rest.port']).toBe('8081');
      expect(container.image).toBe(fd.spec.image);
      expect(one('Service', 'flink-sql-gateway').spec.ports[0].port).toBe(
        Number(props['sql-gateway.endpoint.rest.port']),
      );
    });
  });

  describe('serving stores', () => {
    it('runs Cassandra as a StatefulSet that grows through CASSANDRA_SEEDS (seed §6: nodes 4/5)', () => {
      const sts = one('StatefulSet', 'cassandra');
      const env = Object.fromEntries(
        sts.spec.template.spec.containers[0].env.map((e: Obj) => [
          e.name,
          e.value,
        ]),
      );
      expect(env.CASSANDRA_SEEDS).toBe(`${sts.metadata.name}-0.cassandra`);
      expect(env.CASSANDRA_DC).toBe('dc1');
      expect(one('Service', 'cassandra').spec.clusterIP).toBe('None');
      expect(sts.spec.template.spec.containers[0].image).toBe(
        loadCompose().doc.services.cassandra.image,
      );
    });

    it('runs CouchDB with its admin from Secret couchdb-admin, system databases by a Job', () => {
      const sts = one('StatefulSet', 'couchdb');
      const env: Obj[] = sts.spec.template.spec.containers[0].env;
      expect(env.map(e => [e.name, e.valueFrom?.secretKeyRef?.name])).toEqual([
        ['COUCHDB_USER', 'couchdb-admin'],
        ['COUCHDB_PASSWORD', 'couchdb-admin'],
      ]);
      expect(sts.spec.template.spec.containers[0].image).toBe(
        loadCompose().doc.services.couchdb.image,
      );
      const job = one('Job', 'couchdb-init');
      expect(job.spec.template.spec.containers[0].command.join(' ')).toContain(
        'for db in _users _replicator',
      );
    });
  });

  it('every Service selects a workload’s pods and exposes ports those pods have', () => {
    expect(serviceSelectorProblems(manifests)).toEqual([]);
    expect(workloadSelectorProblems(manifests)).toEqual([]);
  });

  it('every Ingress backend names an existing Service and port', () => {
    expect(ingressBackendProblems(manifests)).toEqual([]);
  });

  it('the Ingress serves exactly the hosts of app-config.k8s.yaml', () => {
    const linkHosts = Object.values(
      monitoringLinks('app-config.k8s.yaml', 'k8s'),
    ).map(u => u.hostname);
    expect([...new Set(ingressHosts(manifests))].sort()).toEqual(
      [...new Set(linkHosts)].sort(),
    );
    const tlsHosts = one('Ingress').spec.tls.flatMap((t: Obj) => t.hosts);
    expect([...tlsHosts].sort()).toEqual([...new Set(linkHosts)].sort());
  });

  it('every referenced ConfigMap and key exists', () => {
    expect(configMapProblems(manifests)).toEqual([]);
  });

  it('no Secret is committed; each one referenced is created by the README with the keys used', () => {
    expect(byKind(manifests, 'Secret')).toEqual([]);
    expect(secretProblems(manifests, readme)).toEqual([]);
  });

  it('every container has a memory limit, a pinned image and a readiness probe', () => {
    expect(containerProblems(manifests)).toEqual([]);
  });

  it('uses the versions infra/local verified for Nessie and Trino', () => {
    const image = (name: string) =>
      one('Deployment', name).spec.template.spec.containers[0].image;
    expect(image('nessie')).toBe(
      `ghcr.io/projectnessie/nessie:${v.NESSIE_VERSION}`,
    );
    expect(image('trino')).toBe(`trinodb/trino:${v.TRINO_VERSION}`);
  });

  describe('stays in step with infra/compose and infra/local', () => {
    it('the MinIO bucket script is the compose one', () => {
      expect(one('ConfigMap', 'minio-init').data['create-buckets.sh']).toBe(
        read(join(COMPOSE_DIR, 'minio/create-buckets.sh')),
      );
    });

    it('keeps no Iceberg JDBC catalog: Trino reads the tables from Nessie', () => {
      const script: string = one('ConfigMap', 'platform-postgres-init').data[
        '10-platform-databases.sh'
      ];
      expect(script).toContain('CREATE DATABASE nessie;');
      expect(script).not.toContain('iceberg_catalog');
      const catalog: string = one('ConfigMap', 'trino-catalog').data[
        'lakehouse.properties'
      ];
      expect(catalog).toMatch(/^iceberg\.catalog\.type=nessie$/m);
      expect(catalog).toMatch(
        /^iceberg\.nessie-catalog\.uri=http:\/\/nessie:19120\/api\/v2$/m,
      );
    });

    it('the Trino lakehouse catalog has the compose catalog’s settings', () => {
      const keys = (s: string) =>
        s
          .split('\n')
          .filter(l => /^[a-z]/.test(l))
          .map(l => l.split('=')[0])
          .sort();
      expect(
        keys(one('ConfigMap', 'trino-catalog').data['lakehouse.properties']),
      ).toEqual(
        keys(read(join(COMPOSE_DIR, 'trino/catalog/lakehouse.properties'))),
      );
    });

    it('the Debezium plugins are the ones the compose Connect image adds', () => {
      const dockerfile = read(join(COMPOSE_DIR, 'connect/Dockerfile'));
      const composeUrls = [
        ...dockerfile.matchAll(/https:\/\/repo1\.maven\.org\S+/g),
      ].map(m => m[0]);
      const k8sUrls = one('KafkaConnect').spec.build.plugins.flatMap((p: Obj) =>
        p.artifacts.map((a: Obj) => a.url),
      );
      expect(k8sUrls).toEqual(composeUrls);
    });
  });

  const kubectl = (() => {
    try {
      execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  if (kubectl) {
    it('`kubectl kustomize` builds it: domain filled in, everything in data-platform', () => {
      const out = execFileSync('kubectl', ['kustomize', K8S_DIR], {
        encoding: 'utf8',
        maxBuffer: 32 * 1024 * 1024,
      });
      const built = parseYamlAll(out, 'kubectl kustomize infra/k8s');
      expect(built.length).toBe(manifests.length);
      const domain = one('ConfigMap', 'platform-config').data.PLATFORM_DOMAIN;
      const hosts = built
        .filter(d => d.kind === 'Ingress')
        .flatMap(d => d.spec.rules.map((r: Obj) => r.host));
      expect(hosts.length).toBeGreaterThan(0);
      expect(hosts.every((h: string) => h.endsWith(`.${domain}`))).toBe(true);
      expect(out).not.toContain('platform-domain');
      expect(
        built.filter(
          d =>
            d.kind !== 'Namespace' && d.metadata.namespace !== 'data-platform',
        ),
      ).toEqual([]);
      const fdBuilt = built.find(d => d.kind === 'FlinkDeployment')!;
      expect(fdBuilt.spec.image).toMatch(
        /^registry\.example\.com\/data-platform\/flink-paimon:/,
      );
    });
  } else {
    it.todo('`kubectl kustomize` builds it (kubectl is not installed here)');
  }
});

describe('the k8s rules catch broken manifests', () => {
  const find = (ms: Manifest[], kind: string, name: string) =>
    ms.find(m => m.doc.kind === kind && m.doc.metadata.name === name)!.doc;

  it('a Service whose selector matches no pods', () => {
    const ms = copy();
    find(ms, 'Service', 'trino').spec.selector = {
      'app.kubernetes.io/name': 'trinity',
    };
    expect(serviceSelectorProblems(ms)).toEqual([
      'Service trino selects no workload\'s pods ({"app.kubernetes.io/name":"trinity"})',
    ]);
  });

  it('an Ingress backend to a missing Service or port', () => {
    const ms = copy();
    const rules = find(ms, 'Ingress', 'data-platform').spec.rules;
    rules[0].http.paths[0].backend.service.name = 'nope';
    rules[1].http.paths[0].backend.service.port.number = 9999;
    expect(ingressBackendProblems(ms)).toEqual([
      'Ingress data-platform: backend Service nope does not exist',
      'Ingress data-platform: Service session-cluster-rest has no port 9999',
    ]);
  });

  it('Strimzi resources with wrong types or values fail the Strimzi schema', () => {
    const ms = copy();
    const pool = byKind(ms, 'KafkaNodePool')[0];
    pool.spec.replicas = 'three';
    const topic = byKind(ms, 'KafkaTopic')[0];
    topic.spec.partitions = 'many';
    find(
      ms,
      'KafkaConnect',
      'debezium',
    ).spec.build.plugins[0].artifacts[0].type = 'rar';
    expect(crdErrors(pool)!.join('\n')).toMatch(/replicas/);
    expect(crdErrors(topic)!.join('\n')).toMatch(/partitions/);
    expect(
      crdErrors(find(ms, 'KafkaConnect', 'debezium'))!.length,
    ).toBeGreaterThan(0);
  });

  it('a wrong type in a built-in kind', () => {
    const ms = copy();
    find(
      ms,
      'Deployment',
      'trino',
    ).spec.template.spec.containers[0].ports[0].containerPort = '8080';
    expect(builtInErrors(find(ms, 'Deployment', 'trino'))?.join()).toMatch(
      /containerPort must be integer/,
    );
  });

  it('a kustomization that misses or invents files', () => {
    const k = loadKustomization();
    k.resources = [
      ...k.resources.filter((f: string) => f !== 'trino/trino.yaml'),
      'nope.yaml',
    ];
    expect(kustomizationProblems(k, manifestFilesOnDisk())).toEqual([
      'kustomization lists nope.yaml, which does not exist',
      'trino/trino.yaml is not listed in kustomization.yaml',
    ]);
  });

  it('a Secret the README does not create, a key it does not set, a missing ConfigMap key', () => {
    const ms = copy();
    const env = find(ms, 'Deployment', 'trino').spec.template.spec.containers[0]
      .env;
    env[0].valueFrom.secretKeyRef.name = 'trino-secrets';
    env[1].valueFrom.secretKeyRef.key = 'passwd';
    find(
      ms,
      'Deployment',
      'nessie',
    ).spec.template.spec.containers[0].volumeMounts[0].subPath =
      'app.properties';
    expect(secretProblems(ms, readme)).toEqual([
      'Deployment/trino uses Secret trino-secrets, which neither a manifest nor the README creates',
      "Deployment/trino uses key passwd of Secret minio-credentials, which the README's command does not set",
    ]);
    expect(configMapProblems(ms)).toEqual([
      'Deployment/nessie/nessie: subPath app.properties is not a key of ConfigMap nessie-config',
    ]);
  });

  it('an unpinned image and a container without limits', () => {
    const ms = copy();
    const c = find(ms, 'Deployment', 'kafka-ui').spec.template.spec
      .containers[0];
    c.image = 'kafbat/kafka-ui:latest';
    delete c.resources;
    expect(containerProblems(ms)).toEqual([
      'Deployment/kafka-ui/kafka-ui has no memory limit',
      'Deployment/kafka-ui/kafka-ui: image kafbat/kafka-ui:latest is not pinned',
    ]);
  });

  it('a document without a name, or defined twice', () => {
    const ms = copy();
    ms.push(structuredClone(ms[0]));
    delete ms[1].doc.metadata.name;
    const problems = identityProblems(ms);
    expect(problems).toContainEqual(
      expect.stringContaining(
        'a document lacks apiVersion, kind or metadata.name',
      ),
    );
    expect(problems).toContainEqual(
      expect.stringContaining('is defined twice'),
    );
  });
});
