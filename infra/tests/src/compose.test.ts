import { join } from 'node:path';
import {
  COMPOSE_DIR,
  LOCAL_DIR,
  Obj,
  durationMs,
  listFiles,
  monitoringLinks,
  parseFlinkProperties,
  parseYaml,
  read,
  versions,
} from './lib/files';
import {
  commentedBlock,
  dependsOnProblems,
  envExample,
  fileSecretProblems,
  healthcheckProblems,
  hostPortProblems,
  imageTagProblems,
  interpolations,
  isOneShot,
  loadCompose,
  mountProblems,
  networkProblems,
  resourceLimitProblems,
  secretLiteralProblems,
  serviceEnv,
  servicePorts,
  volumeProblems,
} from './lib/compose';
import { composeSchemaErrors } from './lib/schemas';

const { text, doc } = loadCompose();
const services: Record<string, Obj> = doc.services;
const clone = (): Obj => structuredClone(doc);

/** The services the seed names (§2–§6), under the names this compose file gives them. */
const SEED_SERVICES = [
  'kafka', // Kafka, KRaft
  'connect', // Debezium Connect
  'jobmanager',
  'taskmanager',
  'sql-gateway',
  'minio',
  'nessie',
  'trino',
  'doris-fe',
  'doris-be',
  'spark-master',
  'spark-worker',
  'cassandra',
  'couchdb',
  'mariadb', // the seed's MySQL source (MariaDB, as verified by infra/local)
  'postgres',
  'kafka-ui',
  'portal',
];
const FLINK_SERVICES = ['jobmanager', 'taskmanager', 'sql-gateway'];

describe('infra/compose/docker-compose.yml', () => {
  it('parses as YAML with services', () => {
    expect(Object.keys(services).length).toBeGreaterThan(10);
  });

  it('validates against the Compose Specification JSON schema', () => {
    expect(composeSchemaErrors(doc)).toEqual([]);
  });

  it('contains every service of the seed', () => {
    expect(SEED_SERVICES.filter(s => !services[s])).toEqual([]);
  });

  it('depends_on only names existing services, and waits for health / completion where it can', () => {
    expect(dependsOnProblems(doc)).toEqual([]);
  });

  it('orders startup: Connect after Kafka, Flink after MinIO buckets, connectors after the databases', () => {
    const cond = (svc: string, dep: string) =>
      services[svc].depends_on?.[dep]?.condition;
    expect(cond('connect', 'kafka')).toBe('service_healthy');
    expect(cond('jobmanager', 'minio-init')).toBe(
      'service_completed_successfully',
    );
    expect(cond('minio-init', 'minio')).toBe('service_healthy');
    expect(cond('taskmanager', 'jobmanager')).toBe('service_healthy');
    expect(cond('sql-gateway', 'jobmanager')).toBe('service_healthy');
    expect(cond('connect-init', 'mariadb')).toBe('service_healthy');
    expect(cond('connect-init', 'postgres')).toBe('service_healthy');
    expect(cond('portal', 'portal-db')).toBe('service_healthy');
    expect(cond('trino', 'nessie')).toBe('service_healthy');
    expect(cond('nessie', 'postgres')).toBe('service_healthy');
  });

  it('has a healthcheck on every long-running service', () => {
    expect(healthcheckProblems(doc)).toEqual([]);
    expect(
      Object.values(services).filter(s => !isOneShot(s)).length,
    ).toBeGreaterThanOrEqual(SEED_SERVICES.length);
  });

  it('sets a memory limit on every long-running service, modest ones', () => {
    expect(resourceLimitProblems(doc)).toEqual([]);
    const toMiB = (v: string) =>
      /g$/i.test(v) ? parseFloat(v) * 1024 : parseFloat(v);
    const tooBig = Object.entries(services).filter(
      ([, s]) =>
        s.deploy?.resources?.limits?.memory &&
        toMiB(String(s.deploy.resources.limits.memory)) > 2048,
    );
    expect(tooBig.map(([n]) => n)).toEqual([]);
  });

  it('publishes every host port once', () => {
    expect(hostPortProblems(doc)).toEqual([]);
  });

  it('pins every image: a tag, never latest', () => {
    expect(imageTagProblems(doc)).toEqual([]);
  });

  it('mounts and builds only files that exist in the repository', () => {
    expect(mountProblems(doc)).toEqual([]);
  });

  it('declares the named volumes it uses (and uses the ones it declares)', () => {
    expect(volumeProblems(doc)).toEqual([]);
  });

  it('puts every service on one network', () => {
    expect(networkProblems(doc)).toEqual([]);
  });

  it('uses only valid interpolations, each defined in .env.example or defaulted', () => {
    const { vars, problems } = interpolations(doc);
    expect(problems).toEqual([]);
    const defined = envExample();
    const undefinedVars = vars.filter(
      v => !(v.name in defined) && v.operator !== '-' && v.operator !== ':-',
    );
    expect(undefinedVars.map(v => `${v.name} (${v.path})`)).toEqual([]);
  });

  it('has no credential literal: secrets only come from .env substitution', () => {
    expect(secretLiteralProblems(doc)).toEqual([]);
  });

  it('has no credential literal in the files it mounts or builds from', () => {
    const files = listFiles(COMPOSE_DIR)
      .filter(f => !['README.md', '.env.example'].includes(f))
      .map(f => ({ path: f, text: read(join(COMPOSE_DIR, f)) }));
    expect(files.length).toBeGreaterThan(5);
    expect(fileSecretProblems(files)).toEqual([]);
  });

  it('.env.example only holds placeholders for credentials', () => {
    const env = envExample();
    const secrets = Object.entries(env).filter(([k]) =>
      /PASSWORD|SECRET/.test(k),
    );
    expect(secrets.length).toBeGreaterThanOrEqual(6);
    expect(secrets.filter(([, v]) => !/^change-me/.test(v))).toEqual([]);
  });

  describe('Flink', () => {
    const props = parseFlinkProperties(
      serviceEnv(services.jobmanager).FLINK_PROPERTIES ?? '',
    );

    it('publishes the JobManager dashboard on host port 8088 -> 8081', () => {
      expect(servicePorts(services.jobmanager)).toContainEqual(
        expect.objectContaining({ host: 8088, container: '8081' }),
      );
    });

    it('checkpoints to MinIO (s3://) every 30 s, with task slots set', () => {
      const dir =
        props['execution.checkpointing.dir'] ?? props['state.checkpoints.dir'];
      expect(dir).toMatch(/^s3:\/\/[a-z0-9.-]+\//);
      expect(durationMs(props['execution.checkpointing.interval'])).toBe(
        30_000,
      );
      expect(
        Number(props['taskmanager.numberOfTaskSlots']),
      ).toBeGreaterThanOrEqual(1);
      expect(props['s3.endpoint']).toBe('http://minio:9000');
    });

    it('gives JobManager, TaskManagers and SQL Gateway the same FLINK_PROPERTIES', () => {
      const all = FLINK_SERVICES.map(
        s => serviceEnv(services[s]).FLINK_PROPERTIES,
      );
      expect(new Set(all).size).toBe(1);
      expect(props['jobmanager.rpc.address']).toBe('jobmanager');
      expect(props['rest.address']).toBe('jobmanager');
    });

    it('lets TaskManagers scale (--scale taskmanager=N): no container_name, no host port', () => {
      expect(services.taskmanager.container_name).toBeUndefined();
      expect(
        servicePorts(services.taskmanager).filter(p => p.host !== undefined),
      ).toEqual([]);
      expect(services.taskmanager.command).toBe('taskmanager');
    });

    it('runs the SQL Gateway on 8090 against the JobManager', () => {
      expect(props['sql-gateway.endpoint.rest.port']).toBe('8090');
      expect(servicePorts(services['sql-gateway'])).toContainEqual(
        expect.objectContaining({ host: 8090, container: '8090' }),
      );
      expect(String(services['sql-gateway'].command)).toContain(
        'sql-gateway.sh',
      );
    });

    it('builds one image with the Paimon and Kafka SQL connector jars', () => {
      const images = new Set(FLINK_SERVICES.map(s => services[s].image));
      expect(images.size).toBe(1);
      // the context is infra/jvm: the image's first stage builds the serving sinks from source
      for (const s of FLINK_SERVICES)
        expect(services[s].build).toEqual({
          context: '../jvm',
          dockerfile: '../compose/flink/Dockerfile',
        });
    });

    it('puts the Paimon → Nessie commit callback built from infra/jvm into /opt/flink/lib', () => {
      const dockerfile = read(join(COMPOSE_DIR, 'flink/Dockerfile'));
      expect(dockerfile).toMatch(
        /^RUN mvn -B -q -pl paimon-nessie-callback -am package /m,
      );
      expect(dockerfile).toMatch(
        /^COPY --from=serving-sinks --chown=flink:flink \/src\/paimon-nessie-callback\/target\/paimon-nessie-callback-[\d.]+\.jar \/opt\/flink\/lib\/$/m,
      );
    });

    it('puts the serving sinks built from infra/jvm into /opt/flink/lib, credentials only in the TaskManager env', () => {
      const dockerfile = read(join(COMPOSE_DIR, 'flink/Dockerfile'));
      expect(dockerfile).toMatch(
        /^FROM maven:\S+-eclipse-temurin-17 AS serving-sinks$/m,
      );
      expect(dockerfile).toMatch(
        /^RUN mvn -B -q -pl flink-serving-sinks -am package /m,
      );
      expect(dockerfile).toMatch(
        /^COPY --from=serving-sinks --chown=flink:flink \/src\/flink-serving-sinks\/target\/flink-serving-sinks-[\d.]+\.jar \/opt\/flink\/lib\/$/m,
      );
      const env = serviceEnv(services.taskmanager);
      expect(env.COUCHDB_USER).toMatch(/^\$\{COUCHDB_USER:\?/);
      expect(env.COUCHDB_PASSWORD).toMatch(/^\$\{COUCHDB_PASSWORD:\?/);
      expect(env.FLINK_PROPERTIES).toContain('taskmanager.numberOfTaskSlots');
      expect(serviceEnv(services.jobmanager).COUCHDB_PASSWORD).toBeUndefined();
    });
  });

  describe('CDC sources', () => {
    it('runs MariaDB with binlog ROW (and FULL row images) and a server id', () => {
      const args: string[] = services.mariadb.command;
      expect(args).toContain('--binlog-format=ROW');
      expect(args).toContain('--binlog-row-image=FULL');
      expect(args.some(a => a.startsWith('--log-bin'))).toBe(true);
      expect(args.some(a => /^--server-id=\d+$/.test(a))).toBe(true);
    });

    it('runs PostgreSQL with wal_level=logical', () => {
      expect(services.postgres.command).toEqual(
        expect.arrayContaining(['-c', 'wal_level=logical']),
      );
    });

    it('seeds both from infra/local/sql (mounted, not copied)', () => {
      expect(services.mariadb.volumes).toContain(
        '../local/sql/mariadb-seed.sql:/seed/mariadb-seed.sql:ro',
      );
      expect(services.postgres.volumes).toContain(
        '../local/sql/postgres-seed.sql:/seed/postgres-seed.sql:ro',
      );
      // the init scripts read the mounted files and replace the seed's password placeholder
      const mariadbInit = read(
        join(COMPOSE_DIR, 'mariadb/initdb.d/10-commerce-seed.sh'),
      );
      const postgresInit = read(
        join(COMPOSE_DIR, 'postgres/initdb.d/10-commerce-seed.sh'),
      );
      expect(mariadbInit).toContain('/seed/mariadb-seed.sql');
      expect(postgresInit).toContain('/seed/postgres-seed.sql');
      for (const seed of ['mariadb-seed.sql', 'postgres-seed.sql']) {
        expect(read(join(LOCAL_DIR, 'sql', seed))).toContain('@CDC_PASSWORD@');
      }
      expect(mariadbInit).toContain('@CDC_PASSWORD@');
      expect(postgresInit).toContain('@CDC_PASSWORD@');
      // Debezium's pgoutput stream is a replication connection from another container
      expect(postgresInit).toMatch(/host replication cdc all scram-sha-256/);
      // the seed's cdc user only allows localhost: the compose one must allow the Connect container
      expect(mariadbInit).toMatch(/'cdc'@'%'/);
    });
  });

  describe('Kafka Connect (Debezium)', () => {
    const props = Object.fromEntries(
      read(join(COMPOSE_DIR, 'connect/connect-distributed.properties'))
        .split('\n')
        .filter(l => l.includes('=') && !l.startsWith('#'))
        .map(l => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    const allowed = props['config.providers.file.param.allowed.paths'];

    it('reads credentials through a FileConfigProvider from a mounted secrets volume', () => {
      expect(props['config.providers']).toBe('file');
      expect(props['config.providers.file.class']).toBe(
        'org.apache.kafka.common.config.provider.FileConfigProvider',
      );
      expect(services.connect.volumes).toContain(
        `connect-secrets:${allowed}:ro`,
      );
      expect(services['connect-secrets'].volumes).toContain(
        `connect-secrets:${allowed}`,
      );
      expect(serviceEnv(services.connect).CDC_PASSWORD).toBeUndefined();
    });

    it('registers connectors whose credentials are ${file:...} references into that volume', () => {
      const connectors = listFiles(join(COMPOSE_DIR, 'connect/connectors'));
      expect(connectors).toEqual([
        'commerce-mariadb.json',
        'commerce-postgres.json',
      ]);
      for (const f of connectors) {
        const config = JSON.parse(
          read(join(COMPOSE_DIR, 'connect/connectors', f)),
        );
        for (const key of ['database.user', 'database.password']) {
          expect(config[key]).toMatch(
            new RegExp(
              `^\\$\\{file:${allowed}/cdc\\.properties:[a-z]+\\.(user|password)\\}$`,
            ),
          );
        }
        expect(['mariadb', 'postgres']).toContain(config['database.hostname']);
      }
    });

    it('points Connect at the internal Kafka listener', () => {
      expect(props['bootstrap.servers']).toBe('kafka:19092');
      expect(serviceEnv(services.kafka).KAFKA_ADVERTISED_LISTENERS).toContain(
        'INTERNAL://kafka:19092',
      );
      expect(
        serviceEnv(services['kafka-ui']).KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS,
      ).toBe('kafka:19092');
    });
  });

  it('runs Kafka in KRaft mode (combined broker + controller, no ZooKeeper)', () => {
    const env = serviceEnv(services.kafka);
    expect(env.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(env.KAFKA_CONTROLLER_QUORUM_VOTERS).toMatch(/^1@kafka:\d+$/);
    expect(Object.keys(services).some(s => /zookeeper/i.test(s))).toBe(false);
  });

  it('configures Trino the way infra/local does (Iceberg catalog on Nessie main over Paimon metadata)', () => {
    const catalog = read(
      join(COMPOSE_DIR, 'trino/catalog/lakehouse.properties'),
    );
    expect(catalog).toMatch(/^connector\.name=iceberg$/m);
    expect(catalog).toMatch(/^iceberg\.catalog\.type=nessie$/m);
    expect(catalog).toMatch(
      /^iceberg\.nessie-catalog\.uri=http:\/\/nessie:19120\/api\/v2$/m,
    );
    expect(catalog).toMatch(/^iceberg\.nessie-catalog\.ref=main$/m);
    // no registration procedure and no JDBC catalog: the commit callback records every snapshot
    expect(catalog).not.toMatch(/register-table|jdbc-catalog/);
    expect(catalog).not.toMatch(/iceberg_catalog/);
    expect(catalog).toMatch(/^s3\.endpoint=http:\/\/minio:9000$/m);
    expect(services.trino.volumes).toContain(
      './trino/catalog:/etc/trino/catalog:ro',
    );
  });

  it('creates the MinIO buckets Flink and Paimon use', () => {
    const script = read(join(COMPOSE_DIR, 'minio/create-buckets.sh'));
    expect(script).toMatch(
      /mc mb --ignore-existing platform\/flink platform\/paimon/,
    );
    expect(servicePorts(services.minio).map(p => p.host)).toEqual([9000, 9001]);
  });

  it('builds the portal from the repository with the production + compose app-config on PostgreSQL', () => {
    expect(services.portal.build).toEqual({
      context: '../..',
      dockerfile: 'infra/compose/portal/Dockerfile',
    });
    const dockerfile = read(join(COMPOSE_DIR, 'portal/Dockerfile'));
    expect(dockerfile).toMatch(
      /--config app-config\.yaml --config app-config\.production\.yaml --config \\"\$APP_CONFIG_STACK_FILE\\"/,
    );
    expect(dockerfile).toMatch(
      /ENV APP_CONFIG_STACK_FILE=app-config\.compose\.yaml/,
    );
    expect(serviceEnv(services.portal).POSTGRES_HOST).toBe('portal-db');
    expect(services['portal-db'].image).toMatch(/^postgres:/);
  });

  it('publishes the ports the portal monitoring links of app-config.compose.yaml point at', () => {
    const links = monitoringLinks('app-config.compose.yaml', 'compose');
    const expected: Record<string, string> = {
      flinkDashboard: 'jobmanager',
      flinkSqlGateway: 'sql-gateway',
      kafkaConnect: 'connect',
      kafkaUi: 'kafka-ui',
      nessieUi: 'nessie',
      nessieApi: 'nessie',
      trinoUi: 'trino',
      minioConsole: 'minio',
      dorisUi: 'doris-fe',
      sparkUi: 'spark-master',
      couchdbUi: 'couchdb',
    };
    expect(
      Object.keys(links).filter(id => id in expected).length,
    ).toBeGreaterThanOrEqual(10);
    const allPublished = Object.values(services).flatMap(svc =>
      servicePorts(svc).map(p => p.host),
    );
    for (const [id, url] of Object.entries(links)) {
      expect({ id, host: url.hostname }).toEqual({ id, host: 'localhost' });
      // links this test knows must hit their service; a link added later must at least hit a published port
      const published =
        id in expected
          ? servicePorts(services[expected[id]]).map(p => p.host)
          : allPublished;
      expect({ id, port: published.includes(Number(url.port)) }).toEqual({
        id,
        port: true,
      });
    }
  });

  describe('Cassandra nodes 4 and 5 (commented out)', () => {
    const block = parseYaml(
      commentedBlock(text, 'cassandra-4-5'),
      'cassandra-4-5 block',
    );

    it('are complete service definitions once uncommented', () => {
      expect(Object.keys(block)).toEqual(['cassandra-4', 'cassandra-5']);
      const merged = clone();
      Object.assign(merged.services, block);
      merged.volumes = {
        ...merged.volumes,
        'cassandra-4-data': null,
        'cassandra-5-data': null,
      };
      expect(composeSchemaErrors(merged)).toEqual([]);
      expect(dependsOnProblems(merged)).toEqual([]);
      expect(healthcheckProblems(merged)).toEqual([]);
      expect(volumeProblems(merged)).toEqual([]);
      expect(hostPortProblems(merged)).toEqual([]);
    });

    it('join through CASSANDRA_SEEDS pointing at an existing seed node', () => {
      const seeds = serviceEnv(services.cassandra).CASSANDRA_SEEDS.split(',');
      for (const node of Object.values<Obj>(block)) {
        const nodeSeeds = serviceEnv(node).CASSANDRA_SEEDS.split(',');
        expect(nodeSeeds.length).toBeGreaterThan(0);
        for (const s of nodeSeeds) {
          expect(services[s]).toBeDefined();
          expect(seeds).toContain(s);
        }
        expect(serviceEnv(node).CASSANDRA_CLUSTER_NAME).toBe(
          serviceEnv(services.cassandra).CASSANDRA_CLUSTER_NAME,
        );
      }
      expect(text).toMatch(/^ {2}# cassandra-4-data:$/m);
      expect(text).toMatch(/^ {2}# cassandra-5-data:$/m);
    });
  });

  describe('uses the versions infra/local verified', () => {
    const v = versions();
    it('in the images that exist with those tags', () => {
      expect(services.kafka.image).toBe(`apache/kafka:${v.KAFKA_VERSION}`);
      expect(services.nessie.image).toBe(
        `ghcr.io/projectnessie/nessie:${v.NESSIE_VERSION}`,
      );
      expect(services.trino.image).toBe(`trinodb/trino:${v.TRINO_VERSION}`);
      expect(services.jobmanager.image).toContain(
        `:${v.FLINK_VERSION}-paimon-${v.PAIMON_VERSION}`,
      );
      expect(services.connect.image).toContain(
        `:${v.KAFKA_VERSION}-${v.DEBEZIUM_VERSION}`,
      );
    });

    it('in the Flink image: Flink, Paimon, Kafka SQL connector and Hadoop client jars, each checksummed', () => {
      const dockerfile = read(join(COMPOSE_DIR, 'flink/Dockerfile'));
      expect(dockerfile).toMatch(
        new RegExp(`^FROM flink:${v.FLINK_VERSION}-scala_2\\.12-java17$`, 'm'),
      );
      const adds = [
        ...dockerfile.matchAll(/^ADD (.+?) \\\n\s+(https:\/\/\S+) (\S+)$/gm),
      ];
      const urls = adds.map(a => a[2]);
      const central = 'https://repo1.maven.org/maven2';
      expect(urls).toEqual([
        `${central}/org/apache/paimon/${v.PAIMON_FLINK_ARTIFACT}/${v.PAIMON_VERSION}/${v.PAIMON_FLINK_ARTIFACT}-${v.PAIMON_VERSION}.jar`,
        `${central}/org/apache/paimon/paimon-s3/${v.PAIMON_VERSION}/paimon-s3-${v.PAIMON_VERSION}.jar`,
        `${central}/org/apache/flink/flink-sql-connector-kafka/${v.FLINK_KAFKA_CONNECTOR_VERSION}/flink-sql-connector-kafka-${v.FLINK_KAFKA_CONNECTOR_VERSION}.jar`,
        `${central}/org/apache/hadoop/hadoop-client-api/${v.HADOOP_CLIENT_VERSION}/hadoop-client-api-${v.HADOOP_CLIENT_VERSION}.jar`,
        `${central}/org/apache/hadoop/hadoop-client-runtime/${v.HADOOP_CLIENT_VERSION}/hadoop-client-runtime-${v.HADOOP_CLIENT_VERSION}.jar`,
      ]);
      for (const a of adds) {
        expect(a[1]).toMatch(/--checksum=sha256:[0-9a-f]{64}\b/);
        expect(a[3]).toBe('/opt/flink/lib/');
      }
      expect(dockerfile).toContain(
        `ENV ENABLE_BUILT_IN_PLUGINS=flink-s3-fs-hadoop-${v.FLINK_VERSION}.jar`,
      );
    });

    it('in the Connect image: Kafka and the Debezium MariaDB/MySQL/PostgreSQL plugins, each checksummed', () => {
      const dockerfile = read(join(COMPOSE_DIR, 'connect/Dockerfile'));
      expect(dockerfile).toMatch(
        new RegExp(`^FROM apache/kafka:${v.KAFKA_VERSION}$`, 'm'),
      );
      const adds = [
        ...dockerfile.matchAll(
          /^ADD (--checksum=sha256:[0-9a-f]{64}) \\\n\s+(https:\/\/\S+) \S+$/gm,
        ),
      ];
      expect(adds.map(a => a[2])).toEqual(
        ['mariadb', 'mysql', 'postgres'].map(
          c =>
            `https://repo1.maven.org/maven2/io/debezium/debezium-connector-${c}/${v.DEBEZIUM_VERSION}/debezium-connector-${c}-${v.DEBEZIUM_VERSION}-plugin.tar.gz`,
        ),
      );
    });
  });
});

describe('the compose rules catch broken files', () => {
  it('a missing healthcheck', () => {
    const d = clone();
    delete d.services.trino.healthcheck;
    expect(healthcheckProblems(d)).toEqual([
      'trino (long-running) has no healthcheck',
    ]);
  });

  it('depends_on an unknown service, or on health without a healthcheck', () => {
    const d = clone();
    d.services.connect.depends_on.nope = { condition: 'service_healthy' };
    delete d.services.minio.healthcheck;
    expect(dependsOnProblems(d)).toEqual([
      'connect depends on unknown service nope',
      'minio-init waits for minio to be healthy, but minio has no healthcheck',
    ]);
  });

  it('a host port published twice', () => {
    const d = clone();
    d.services.trino.ports = ['8088:8080'];
    expect(hostPortProblems(d)).toEqual([
      'host port 8088 published by both jobmanager and trino',
    ]);
  });

  it('latest and untagged images', () => {
    const d = clone();
    d.services.trino.image = 'trinodb/trino:latest';
    d.services.nessie.image = 'ghcr.io/projectnessie/nessie';
    expect(imageTagProblems(d)).toEqual([
      'nessie: image ghcr.io/projectnessie/nessie has no tag',
      'trino: image trinodb/trino:latest uses latest',
    ]);
  });

  it('an inline password, a defaulted one and a literal in FLINK_PROPERTIES', () => {
    const d = clone();
    d.services.mariadb.environment.MARIADB_ROOT_PASSWORD = 'hunter2';
    d.services.postgres.environment.POSTGRES_PASSWORD =
      '${POSTGRES_PASSWORD:-postgres}';
    d.services.jobmanager.environment = {
      FLINK_PROPERTIES:
        's3.endpoint: http://minio:9000\ns3.secret-key: minio123\n',
    };
    expect(secretLiteralProblems(d)).toEqual([
      'mariadb: environment MARIADB_ROOT_PASSWORD is not a plain ${VAR} substitution from .env',
      'postgres: environment POSTGRES_PASSWORD is not a plain ${VAR} substitution from .env',
      'services.jobmanager.environment.FLINK_PROPERTIES: "s3.secret-key" is set to a literal',
    ]);
    expect(
      fileSecretProblems([
        {
          path: 'x.properties',
          text: 'database.password=s3cret\nuser.password=${file:/a:b}',
        },
      ]),
    ).toEqual(['x.properties: database.password has a literal value']);
  });

  it('a mount of a file that does not exist', () => {
    const d = clone();
    d.services.trino.volumes = [
      './trino/nope:/etc/trino/catalog:ro',
      '../../../outside:/x',
    ];
    expect(mountProblems(d)).toEqual([
      'trino: mount ./trino/nope does not exist (infra/compose/trino/nope)',
      'trino: mount ../../../outside is outside the repository',
    ]);
  });

  it('a bare $ that compose would reject', () => {
    const d = clone();
    d.services.taskmanager.healthcheck.test = ['CMD-SHELL', 'echo $(hostname)'];
    expect(interpolations(d).problems).toHaveLength(1);
  });

  it('schema violations: a misspelled key, a wrong type', () => {
    const d = clone();
    d.services.trino.healthcheck.tset = d.services.trino.healthcheck.test;
    d.services.kafka.ports = '9092:9092';
    const errors = composeSchemaErrors(d);
    expect(errors).toContainEqual(
      expect.stringContaining(
        '/services/trino/healthcheck must NOT have additional properties (tset)',
      ),
    );
    expect(errors).toContainEqual(
      expect.stringContaining('/services/kafka/ports must be array'),
    );
  });

  it('an undeclared volume and a service on a second network', () => {
    const d = clone();
    d.services.trino.volumes = ['trino-data:/data'];
    d.services.nessie.networks = ['other'];
    expect(volumeProblems(d)).toContain(
      'trino uses undeclared volume trino-data',
    );
    expect(networkProblems(d)).toEqual([
      'nessie is not (only) on network platform',
    ]);
  });

  it('a missing memory limit', () => {
    const d = clone();
    delete d.services.kafka.deploy;
    expect(resourceLimitProblems(d)).toEqual([
      'kafka has no deploy.resources.limits.memory',
    ]);
  });

  it('a Flink checkpoint interval other than 30 s', () => {
    expect(durationMs('30s')).toBe(30_000);
    expect(durationMs('30 s')).toBe(30_000);
    expect(durationMs('30000')).toBe(30_000);
    expect(durationMs('1min')).toBe(60_000);
    expect(durationMs('soon')).toBeNaN();
  });
});
