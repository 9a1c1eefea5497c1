import { ConfigReader } from '@backstage/config';
import { UpstreamRegistry } from '@internal/backstage-plugin-pipeline-node';
import fs from 'node:fs';
import path from 'node:path';

// The local stack (infra/local), overridable for another environment.
const stackDir =
  process.env.STACK_DIR ?? path.resolve(__dirname, '../../../../infra/local');
export const endpoints = {
  nessie: process.env.NESSIE_URL ?? 'http://127.0.0.1:19120',
  flinkRest: process.env.FLINK_REST_URL ?? 'http://127.0.0.1:8081',
  sqlGateway: process.env.FLINK_SQL_GATEWAY_URL ?? 'http://127.0.0.1:8090',
  s3: process.env.S3_ENDPOINT ?? 'http://127.0.0.1:9000',
};

function s3Keys() {
  const file = path.join(stackDir, '.state/secrets/stack.env');
  const fromFile = fs.existsSync(file)
    ? Object.fromEntries(
        fs
          .readFileSync(file, 'utf8')
          .split('\n')
          .map(l => l.match(/^([A-Z0-9_]+)=(.*)$/)?.slice(1) ?? []),
      )
    : {};
  const key = (k: string) => {
    const value = process.env[k] ?? fromFile[k];
    if (!value)
      throw new Error(
        `${k} is neither set nor in ${file}; has the stack been started?`,
      );
    return value;
  };
  return { accessKey: key('S3_ACCESS_KEY'), secretKey: key('S3_SECRET_KEY') };
}

/** Fails (never skips) naming every component that does not answer. */
export async function requireStack() {
  const probes = {
    nessie: `${endpoints.nessie}/api/v2/config`,
    'flink-sql-gateway': `${endpoints.sqlGateway}/v1/info`,
  };
  const down: string[] = [];
  for (const [name, url] of Object.entries(probes)) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(3000) }).then(
      r => r.ok,
      () => false,
    );
    if (!ok) down.push(`${name} at ${url}`);
  }
  if (down.length)
    throw new Error(
      `The local stack is not reachable (infra/local/stack start): ${down.join(
        ', ',
      )}`,
    );
}

export const stackRegistry = () =>
  UpstreamRegistry.fromConfig(
    new ConfigReader({
      dataPlatform: {
        upstreams: {
          nessie: [{ name: 'local', url: endpoints.nessie }],
          flink: [
            {
              name: 'local',
              restUrl: endpoints.flinkRest,
              sqlGatewayUrl: endpoints.sqlGateway,
              paimonCatalog: {
                name: 'lake',
                warehouse: 's3://paimon/warehouse',
                s3: {
                  endpoint: endpoints.s3,
                  pathStyleAccess: true,
                  ...s3Keys(),
                },
              },
            },
          ],
        },
      },
    }),
  );
