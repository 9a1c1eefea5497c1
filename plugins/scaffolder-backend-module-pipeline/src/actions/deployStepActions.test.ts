import { InputError } from '@backstage/errors';
import {
  financeReconciliationExample,
  hostileSpecInputs,
} from '@internal/backstage-plugin-pipeline-common';
import {
  DeployStepError,
  FlinkRestClient,
  FlinkSqlGatewayClient,
  KafkaClient,
  KafkaConnectClient,
  NessieClient,
  PipelineDeployer,
  TrinoClient,
  UpstreamRegistry,
} from '@internal/backstage-plugin-pipeline-node';
import { createDeployActions, DEPLOY_STEP_ACTIONS } from './deployStepActions';

// Every client's transport is a recorder: an HTTP request or a Kafka admin connection that
// would leave the process is counted instead (and the positive control proves it would be).
const outbound: string[] = [];
const recordingFetch = (async (url: string | URL | Request) => {
  outbound.push(String(url));
  throw new TypeError('fetch failed (recorded, not sent)');
}) as typeof fetch;
const recordingKafka = {
  admin: () => {
    outbound.push('kafka admin');
    throw new Error('kafka admin (recorded, not connected)');
  },
} as any;
const http = {
  baseUrl: 'http://upstream.invalid',
  fetch: recordingFetch,
  timeoutMs: 500,
};
const registry = new UpstreamRegistry({
  flink: [
    {
      name: 'local',
      rest: new FlinkRestClient(http),
      sqlGateway: new FlinkSqlGatewayClient(http),
      paimonCatalog: {
        name: 'lake',
        options: { type: 'paimon', warehouse: 's3://paimon/warehouse' },
      },
    },
  ],
  kafka: [
    {
      name: 'local',
      client: new KafkaClient({
        brokers: ['upstream.invalid:9092'],
        kafka: recordingKafka,
      }),
    },
  ],
  kafkaConnect: [{ name: 'local', client: new KafkaConnectClient(http) }],
  nessie: [{ name: 'local', client: new NessieClient(http) }],
  trino: [
    {
      name: 'local',
      client: new TrinoClient({ ...http, user: 't' }),
      catalog: 'lakehouse',
    },
  ],
});
const actions = createDeployActions(new PipelineDeployer(registry));

function context(input: Record<string, unknown>, isDryRun = false) {
  const logger = {
    info: jest.fn(),
    warn: jest.fn(),
    error: jest.fn(),
    debug: jest.fn(),
    child: jest.fn(),
  };
  return {
    input,
    isDryRun,
    logger,
    output: jest.fn(),
    workspacePath: '/nonexistent',
    task: { id: 'test' },
    checkpoint: jest.fn(),
    createTemporaryDirectory: jest.fn(),
    getInitiatorCredentials: jest.fn(),
  } as any;
}

describe('pipeline deploy actions', () => {
  beforeEach(() => {
    outbound.length = 0;
  });

  it('registers one action per deploy step plus the whole deploy, all dry-run capable', () => {
    expect(actions.map(a => a.id)).toEqual([
      ...DEPLOY_STEP_ACTIONS.map(a => a.id),
      'dataplatform:pipeline:deploy',
    ]);
    expect(actions.every(a => a.supportsDryRun)).toBe(true);
  });

  const cases = hostileSpecInputs();

  it('has at least 200 generated hostile specs', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
  });

  it.each(actions.map(a => [a.id, a] as const))(
    '%s refuses every hostile spec before any request leaves the process',
    async (_, action) => {
      for (const c of cases) {
        for (const dryRun of [false, true]) {
          const ctx = context({ spec: c.input }, dryRun);
          const error = await action.handler(ctx).then(
            () => undefined,
            e => e,
          );
          expect(error).toBeInstanceOf(InputError);
          expect(error.message).toContain(`${c.path}: ${c.rule}`);
          expect(ctx.output).not.toHaveBeenCalled();
        }
      }
      expect(outbound).toEqual([]);
    },
  );

  it('positive control: a valid spec does reach out, and the failure names step and component', async () => {
    const action = actions.find(
      a => a.id === 'dataplatform:connect:upsert-connectors',
    )!;
    const error = await action
      .handler(context({ spec: financeReconciliationExample }))
      .then(
        () => undefined,
        e => e,
      );
    expect(error).toBeInstanceOf(DeployStepError);
    expect(error.message).toMatch(
      /^deploy step 'connectors' failed at kafka-connect: /,
    );
    expect(outbound[0]).toMatch(
      /^http:\/\/upstream\.invalid\/connector-plugins\//,
    );
  });
});
