import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import {
  financeReconciliationExample,
  parsePipelineSpec,
  PipelineSpec,
} from '@internal/backstage-plugin-pipeline-common';
import {
  runInLakeSession,
  SPEC_DIGEST_PARAMETER,
  UpstreamRegistry,
} from '@internal/backstage-plugin-pipeline-node';
import { renderPipelineFiles } from '@internal/backstage-plugin-scaffolder-backend-module-pipeline';

const run = promisify(execFile);

/** infra/local of this checkout (its secrets and git repositories), found from here. */
export const stackDir =
  process.env.STACK_DIR ?? path.resolve(__dirname, '../../../../infra/local');
export const GIT_SERVER = process.env.LOCAL_GIT_URL ?? 'http://127.0.0.1:9419';

export const ENV_CREDENTIALS = {
  user: '${env:CDC_MARIADB_USER}',
  password: '${env:CDC_MARIADB_PASSWORD}',
};

/** The portal's config for the local stack, as app-config.yaml has it. */
export function stackConfig(operatorsGroup: string): JsonObject {
  return {
    backend: { reading: { allow: [{ host: new URL(GIT_SERVER).host }] } },
    permission: { enabled: true },
    catalog: {
      rules: [
        {
          allow: [
            'Component',
            'System',
            'Resource',
            'Group',
            'User',
            'Location',
          ],
        },
      ],
    },
    dataPlatform: {
      permissions: { operators: [operatorsGroup] },
      upstreams: {
        flink: [
          {
            name: 'local',
            restUrl: 'http://127.0.0.1:8081',
            sqlGatewayUrl: 'http://127.0.0.1:8090',
            paimonCatalog: { name: 'lake', warehouse: 's3://paimon/warehouse' },
          },
        ],
        kafka: [{ name: 'local', brokers: ['127.0.0.1:9092'] }],
        kafkaConnect: [{ name: 'local', url: 'http://127.0.0.1:8083' }],
        nessie: [{ name: 'local', url: 'http://127.0.0.1:19120' }],
      },
      sources: {
        commerce_mariadb: {
          kind: 'mariadb',
          host: '127.0.0.1',
          port: 3307,
          database: 'commerce',
          credentials: [ENV_CREDENTIALS.user, ENV_CREDENTIALS.password],
        },
      },
      git: { localServer: { url: GIT_SERVER } },
    },
  };
}

export const upstreamsOf = (config: JsonObject) =>
  UpstreamRegistry.fromConfig(new ConfigReader(config));

/**
 * A small CDC pipeline over a MariaDB table of its own (`sourceTable`): its connector, topic,
 * job and Paimon table named after the pipeline, its Paimon database and Nessie branch per run.
 */
export function cdcSpec(options: {
  name: string;
  owner: string;
  sourceTable: string;
  database: string;
  table: string;
  branch: string;
  change?: (input: any) => void;
}): PipelineSpec {
  const source = financeReconciliationExample.sources[0];
  const input: any = {
    ...structuredClone(financeReconciliationExample),
    name: options.name,
    owner: options.owner,
    sources: [
      {
        ...structuredClone(source),
        tables: [
          { ...structuredClone(source.tables[0]), name: options.sourceTable },
        ],
        connector: {
          ...source.connector,
          name: `${options.name}-mariadb`,
          topicPrefix: `${options.name}-my`,
          ...ENV_CREDENTIALS,
        },
      },
    ],
    topics: [
      {
        name: `${options.name}-my.commerce.${options.sourceTable}`,
        partitions: 1,
      },
    ],
    catalog: { database: options.database },
    paimonTables: [
      {
        name: options.table,
        from: { source: source.name, table: options.sourceTable },
        typeMapping: ['char-to-string'],
      },
    ],
    servingSinks: [],
    flinkJob: { name: options.name, checkpointIntervalSeconds: 5 },
    nessie: { branch: options.branch, tagPolicy: `${options.branch}-yyyymmdd` },
  };
  options.change?.(input);
  const parsed = parsePipelineSpec(input);
  if (!parsed.success) throw new Error(parsed.message);
  return parsed.spec;
}

/** A scaffolder workspace holding what dataplatform:pipeline:render writes for the spec. */
export async function renderedWorkspace(
  spec: PipelineSpec,
  repoUrl: string,
): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tenancy-workspace-'));
  for (const [file, content] of Object.entries(
    renderPipelineFiles(spec, undefined, { repoUrl }),
  )) {
    await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await fs.writeFile(path.join(dir, file), content);
  }
  return dir;
}

/** The tip of a branch on the git server (`git ls-remote`). */
export async function gitHead(repo: string): Promise<string> {
  const { stdout } = await run('git', [
    'ls-remote',
    `${GIT_SERVER}/${repo}.git`,
    'refs/heads/main',
  ]);
  return stdout.split(/\s/)[0];
}

/** Everything team A has on the stack, compared byte for byte before and after team B's attempts. */
export async function stackState(
  upstreams: UpstreamRegistry,
  spec: PipelineSpec,
  repo: string,
) {
  const flink = upstreams.get('flink');
  const live = (await flink.rest.listJobs()).filter(
    j => j.name === spec.flinkJob.name && j.state === 'RUNNING',
  );
  const jobs = [];
  for (const j of live)
    jobs.push({
      jid: j.jid,
      digest: (await flink.rest.jobParameters(j.jid))[SPEC_DIGEST_PARAMETER],
    });
  const kafka = upstreams.get('kafka').client;
  const topic = spec.topics[0].name;
  const { database } = spec.catalog;
  const table = spec.paimonTables[0].name;
  const [, create, , count, snapshot] = await runInLakeSession(flink, [
    "SET 'execution.runtime-mode' = 'batch'",
    `SHOW CREATE TABLE lake.${database}.${table}`,
    "SET 'table.dml-sync' = 'true'",
    `SELECT count(*) FROM lake.${database}.${table}`,
    `SELECT max(snapshot_id) FROM lake.${database}.\`${table}$snapshots\``,
  ]);
  return {
    jobs,
    connector: await upstreams
      .get('kafkaConnect')
      .client.getConfig(spec.sources[0].connector.name),
    topic: {
      config: await kafka.topicConfig(topic, [
        'cleanup.policy',
        'retention.ms',
      ]),
      partitions: (await kafka.describeTopic(topic)).partitions,
    },
    table: {
      ddl: String(create.rows[0][0]),
      rows: Number(count.rows[0][0]),
      snapshot: Number(snapshot.rows[0][0]),
    },
    nessie: (
      await upstreams.get('nessie').client.getReference(spec.nessie.branch)
    ).hash,
    git: await gitHead(repo),
  };
}

/** Polls until `fn` returns a value, naming what never happened. */
export async function eventually<T>(
  what: string,
  timeoutMs: number,
  fn: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(
        `${what} within ${timeoutMs} ms (last: ${
          last instanceof Error ? last.message : String(last)
        })`,
      );
    await new Promise(r => setTimeout(r, 2000));
  }
}
