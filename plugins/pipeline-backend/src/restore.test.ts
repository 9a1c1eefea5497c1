import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  financeReconciliationExample,
  pipelineOwnerDecision,
} from '@internal/backstage-plugin-pipeline-common';
import type { Knex } from 'knex';
import { stringify } from 'yaml';
import { RestorePointStore } from './registry/RestorePointStore';
import pipelinePlugin from './index';

// The restore routes' gates, in the order they apply, through the real plugin (registry on
// SQLite, a platform pipeline owned by team A): who may (the policy's ownership condition,
// applied to the registry's owner), the audit event of every attempt, and the confirmation.
// No upstream is configured: a request that got past a gate it should not would fail loudly
// with "not configured" instead of the refusal asserted here.
const TEAM_A = 'group:default/team-a';
const claims: Record<string, string[]> = {
  'user:default/alice': ['user:default/alice', TEAM_A],
  'user:default/bob': ['user:default/bob', 'group:default/team-b'],
};
const id = 'default/finance-reconciliation';
const name = 'finance/restore-20261203-101500';

describe('restore point routes', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let api: string;
  let knex: Knex;
  let dir: string;
  let pointId: number;
  const events: { eventId: string; outcome?: string; error?: string }[] = [];

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'restore-routes-'));
    const file = path.join(dir, 'pipeline.yaml');
    await fs.writeFile(
      file,
      stringify({ ...financeReconciliationExample, owner: TEAM_A }),
    );
    const permissions = mockServices.permissions.mock({
      authorizeConditional: (async (
        requests: { permission: any }[],
        options: { credentials: any },
      ) =>
        requests.map(r =>
          pipelineOwnerDecision(
            r.permission,
            claims[options.credentials.principal.userEntityRef] ?? [],
          ),
        )) as any,
      authorize: (async (requests: unknown[]) =>
        requests.map(() => ({ result: AuthorizeResult.DENY }))) as any,
    });
    const auditor = mockServices.auditor.mock({
      createEvent: jest.fn(async ({ eventId }: { eventId: string }) => {
        const event: (typeof events)[number] = { eventId };
        events.push(event);
        return {
          success: async () => {
            event.outcome = 'succeeded';
          },
          fail: async ({ error }: { error: Error }) => {
            event.outcome = 'failed';
            event.error = error.message;
          },
        };
      }) as any,
    });
    const backend = await startTestBackend({
      features: [
        pipelinePlugin,
        mockServices.database.factory({ knex }),
        permissions.factory,
        auditor.factory,
        mockServices.rootConfig.factory({
          data: { dataPlatform: { registry: { platformPipelines: [file] } } },
        }),
      ],
    });
    api = `http://localhost:${
      (backend.server.address() as AddressInfo).port
    }/api/pipeline`;
    pointId = await new RestorePointStore(knex).add(id, {
      name,
      createdBy: 'user:default/alice',
      savepoint: {
        jobId: '0123456789abcdef0123456789abcdef',
        location: 's3://flink/savepoints/savepoint-1',
      },
      nessie: { tag: name, hash: 'ab'.repeat(32) },
      tables: [
        {
          table: 'commerce.finance_fact',
          snapshotId: 12,
          paimonTag: 'finance-restore-20261203-101500',
        },
      ],
      connectors: [],
    });
  });

  afterAll(() => fs.rm(dir, { recursive: true, force: true }));
  beforeEach(() => {
    events.length = 0;
  });

  async function call(as: string, method: string, route: string, body?: any) {
    const res = await fetch(`${api}${route}`, {
      method,
      headers: {
        authorization: `Bearer ${
          as.startsWith('service:')
            ? mockCredentials.service.token({
                onBehalfOf: mockCredentials.service(as.slice(8)),
                targetPluginId: 'pipeline',
              })
            : mockCredentials.user.token(`user:default/${as}`)
        }`,
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  }

  it('refuses a user of another team, before anything is read from the stack, and audits the attempt', async () => {
    const create = await call('bob', 'POST', '/restore-points', {
      pipeline: id,
    });
    expect(create.status).toBe(403);
    expect(create.body.error.message).toBe(
      `user:default/bob may not create a restore point of pipeline ${id}: its owner in the pipeline registry is ${TEAM_A}, and you are neither a member of it nor a platform operator`,
    );
    const restore = await call('bob', 'POST', '/restore', {
      pipeline: id,
      restorePoint: pointId,
      confirm: name,
    });
    expect(restore.status).toBe(403);
    expect(restore.body.error.message).toContain(
      `user:default/bob may not restore pipeline ${id}`,
    );
    const plan = await call(
      'bob',
      'GET',
      `/pipelines/${id}/restore-points/${pointId}/plan`,
    );
    expect(plan.status).toBe(403);
    expect(events).toEqual([
      {
        eventId: 'pipeline-restore-point-create',
        outcome: 'failed',
        error: create.body.error.message,
      },
      {
        eventId: 'pipeline-restore',
        outcome: 'failed',
        error: restore.body.error.message,
      },
    ]);
  });

  it("shows the owner the pipeline's restore points and what they may do", async () => {
    const alice = await call(
      'alice',
      'GET',
      `/by-entity?entityRef=component:default/finance-reconciliation`,
    );
    expect(alice.status).toBe(200);
    expect(alice.body.allowed).toMatchObject({
      restorePoint: true,
      restore: true,
    });
    expect(alice.body.restorePoints).toEqual([
      expect.objectContaining({
        id: pointId,
        name,
        tables: [expect.objectContaining({ snapshotId: 12 })],
      }),
    ]);
    const bob = await call(
      'bob',
      'GET',
      `/by-entity?entityRef=component:default/finance-reconciliation`,
    );
    expect(bob.body.allowed).toMatchObject({
      restorePoint: false,
      restore: false,
    });
  });

  it('changes nothing without the confirmation: a restore must repeat the restore point name', async () => {
    const missing = await call('alice', 'POST', '/restore', {
      pipeline: id,
      restorePoint: pointId,
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('confirm');
    const wrong = await call('alice', 'POST', '/restore', {
      pipeline: id,
      restorePoint: pointId,
      confirm: 'yes',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toBe(
      `confirm must repeat the restore point's name (${name}) as the confirmation shows it; nothing was changed`,
    );
    // The invalid body never opened an event; the unconfirmed one is on record as failed.
    expect(events).toEqual([
      {
        eventId: 'pipeline-restore',
        outcome: 'failed',
        error: wrong.body.error.message,
      },
    ]);
  });

  it("answers 404 for another pipeline's (or no) restore point, after the permission check", async () => {
    const res = await call('alice', 'POST', '/restore', {
      pipeline: id,
      restorePoint: pointId + 100,
      confirm: name,
    });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      `restore point ${pointId + 100} is not one of pipeline ${id}'s`,
    );
  });

  it('takes a confirmed restore by the owner past every gate, to the stack', async () => {
    const res = await call('alice', 'POST', '/restore', {
      pipeline: id,
      restorePoint: pointId,
      confirm: name,
    });
    // No Flink is configured here: the restore got as far as asking for it.
    expect(res.body.error.message).toContain(
      'no flink instance is configured (dataPlatform.upstreams.flink)',
    );
    expect(events).toEqual([
      expect.objectContaining({
        eventId: 'pipeline-restore',
        outcome: 'failed',
      }),
    ]);
  });

  it('gives services and users the tables a pipeline claims, and 404 for other entities', async () => {
    const res = await call(
      'service:plugin:nessie',
      'GET',
      '/tables?entityRef=component:default/finance-reconciliation',
    );
    expect(res).toEqual({
      status: 200,
      body: {
        pipeline: id,
        tables: [
          { instance: expect.any(String), name: 'commerce.finance_fact' },
        ],
      },
    });
    expect(
      (
        await call(
          'alice',
          'GET',
          '/tables?entityRef=resource:default/commerce.finance_fact',
        )
      ).status,
    ).toBe(404);
  });

  it.each([
    [{ pipeline: id, restorePoint: -1, confirm: name }],
    [{ pipeline: id, restorePoint: 'x', confirm: name }],
    [{ pipeline: '../x', restorePoint: 1, confirm: name }],
    [{ pipeline: id, restorePoint: 1, confirm: name, extra: true }],
  ])('validates the restore body %j', async body => {
    expect((await call('alice', 'POST', '/restore', body)).status).toBe(400);
  });
});
