import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  hostileSpecInputs,
  semanticBaseInput,
  semanticHostileInputs,
  SEMANTIC_TEST_SCOPE,
} from '@internal/backstage-plugin-pipeline-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { PipelineBackendClient } from '../pipelineBackend/PipelineBackendClient';
import { createDeployActions, DEPLOY_STEP_ACTIONS } from './deployStepActions';

// The pipeline backend is msw: every request that leaves the process is recorded, so a test can
// prove a refused spec never reached it (and the positive control proves a good one does).
const server = setupServer();
registerMswTestHooks(server);
const requests: Request[] = [];
server.events.on('request:start', ({ request }) => {
  requests.push(request);
});

const base = 'http://localhost:0/api/pipeline';
const backend = new PipelineBackendClient(
  mockServices.discovery(),
  mockServices.auth({ pluginId: 'scaffolder' }),
);
const actions = createDeployActions(backend, SEMANTIC_TEST_SCOPE);
const alice = mockCredentials.user('user:default/alice');

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
    getInitiatorCredentials: jest.fn(async () => alice),
  } as any;
}

const refusal = (action: (typeof actions)[number], ctx: any) =>
  action.handler(ctx).then(
    () => undefined,
    e => e,
  );

describe('pipeline deploy actions', () => {
  beforeEach(() => {
    requests.length = 0;
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
          const error = await refusal(action, ctx);
          expect(error).toBeInstanceOf(InputError);
          expect(error.message).toContain(`${c.path}: ${c.rule}`);
          expect(ctx.output).not.toHaveBeenCalled();
        }
      }
      expect(requests).toEqual([]);
    },
  );

  // Semantic cases the action can judge alone: the spec's rules and the configured scope.
  // The plan cases (SELECTs on tables that are not the spec's) are refused by the backend's
  // flink-sql step on the real SQL Gateway: see pipeline-backend's integration test.
  const semantic = semanticHostileInputs().filter(c => c.layer !== 'plan');

  it.each(semantic.map(c => [c.label, c] as const))(
    'refuses "%s" before any request leaves the process',
    async (_, c) => {
      for (const action of actions) {
        const ctx = context({ spec: c.input });
        const error = await refusal(action, ctx);
        expect(error).toBeInstanceOf(InputError);
        expect(error.message).toContain(c.message);
        expect(ctx.output).not.toHaveBeenCalled();
      }
      expect(requests).toEqual([]);
    },
  );

  it('positive control: a valid spec goes to the pipeline backend as the initiator, and its steps are logged', async () => {
    server.use(
      http.post(`${base}/deploy`, () =>
        HttpResponse.json({
          pipeline: 'default/finance-reconciliation',
          operation: 'deploy',
          record: {
            id: 1,
            operation: 'deploy',
            actor: 'user:default/alice',
            startedAt: '2026-12-03T00:00:00Z',
            outcome: 'succeeded',
            steps: [
              {
                step: 'flink-job',
                component: 'flink-rest',
                dryRun: false,
                changes: [
                  {
                    target: 'finance-reconciliation-to-paimon',
                    outcome: 'created',
                    detail: 'RUNNING as 0123',
                  },
                ],
              },
            ],
          },
        }),
      ),
    );
    const action = actions.find(a => a.id === 'dataplatform:pipeline:deploy')!;
    const ctx = context({ spec: semanticBaseInput() });
    await action.handler(ctx);
    expect(requests.map(r => `${r.method} ${new URL(r.url).pathname}`)).toEqual(
      ['POST /api/pipeline/deploy'],
    );
    // A token issued for the pipeline plugin on behalf of the task's initiator.
    const token = requests[0].headers.get('authorization')!.slice(7);
    expect(JSON.parse(token.replace(/^[^{]*/, ''))).toMatchObject({
      obo: 'user:default/alice',
      target: 'pipeline',
    });
    expect(await requests[0].clone().json()).toMatchObject({
      spec: { name: 'finance-reconciliation' },
      dryRun: false,
    });
    expect(ctx.logger.info).toHaveBeenCalledWith(
      'flink-job (flink-rest): finance-reconciliation-to-paimon created — RUNNING as 0123',
    );
    expect(ctx.output).toHaveBeenCalledWith('results', [
      expect.objectContaining({ step: 'flink-job' }),
    ]);
  });

  it("a step action asks for its step only; the backend's refusal reaches the task with its words", async () => {
    server.use(
      http.post(`${base}/deploy`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message:
                'user:default/alice may not deploy pipeline default/finance-reconciliation: its owner in the pipeline registry is group:default/finance-team',
            },
          },
          { status: 403 },
        ),
      ),
    );
    const action = actions.find(
      a => a.id === 'dataplatform:connect:upsert-connectors',
    )!;
    const ctx = context({ spec: semanticBaseInput() });
    const error = await refusal(action, ctx);
    expect(error).toBeInstanceOf(NotAllowedError);
    expect(error.message).toMatch(/its owner in the pipeline registry is/);
    expect(await requests[0].clone().json()).toMatchObject({
      steps: ['connectors'],
    });
    expect(ctx.output).not.toHaveBeenCalled();
  });
});
