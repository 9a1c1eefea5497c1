import { ConflictError } from '@internal/backstage-plugin-pipeline-node';
import { financeEntity, h0, h1, h2, startApp } from './__testUtils__/testApp';

const entityRef = 'resource:default/commerce.finance_fact';
const q = (params: Record<string, string>) =>
  `?${new URLSearchParams({ entityRef, ...params })}`;

describe('nessie router', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  afterEach(() => app?.close());

  it('lists references with the entity branch first and its prefix marked', async () => {
    app = await startApp();
    const { status, body } = await app.call('GET', `/references${q({})}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      branch: 'finance/daily',
      prefix: 'finance/',
      branchHead: h2,
    });
    expect(body.references.map((r: any) => [r.name, r.scope])).toEqual([
      ['finance/daily', 'entity-branch'],
      ['finance/daily-20261124', 'prefix'],
      ['main', 'other'],
    ]);
  });

  it('reads a commit log page and caps the page size at 100', async () => {
    app = await startApp();
    const ok = await app.call(
      'GET',
      `/log${q({ ref: 'finance/daily', limit: '2' })}`,
    );
    expect(ok.status).toBe(200);
    expect(ok.body.entries[0]).toMatchObject({
      hash: h2,
      author: 'ci',
      parentHash: h1,
    });
    expect(app.nessieClient.commitLog).toHaveBeenCalledWith(
      'finance/daily',
      { maxRecords: 2 },
      expect.anything(),
    );
    expect(
      (await app.call('GET', `/log${q({ ref: 'main', limit: '101' })}`)).status,
    ).toBe(400);
  });

  it.each([
    '../main',
    'finance/../main',
    '/main',
    'main/',
    'a//b',
    `main@${h0}`,
    'x y',
    '%2e%2e',
  ])('answers 400 to ref %j and calls nothing', async bad => {
    app = await startApp();
    const log = await app.call('GET', `/log${q({ ref: bad })}`);
    expect(log.status).toBe(400);
    expect(log.body.error.message).toMatch(/^ref: nessieRef: /);
    expect(
      (await app.call('GET', `/diff${q({ from: 'main', to: bad })}`)).status,
    ).toBe(400);
    const create = await app.call('POST', '/references', {
      entityRef,
      type: 'TAG',
      name: bad,
      from: { ref: 'finance/daily' },
    });
    expect(create.status).toBe(400);
    expect(app.nessieClient.commitLog).not.toHaveBeenCalled();
    expect(app.nessieClient.diff).not.toHaveBeenCalled();
    expect(app.nessieClient.createTag).not.toHaveBeenCalled();
  });

  it('answers 400 to a hash that is not hex', async () => {
    app = await startApp();
    const res = await app.call('POST', '/rollback', {
      entityRef,
      branch: 'finance/daily',
      expectedHash: 'HEAD',
      targetHash: h1,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/expectedHash: nessieHash/);
  });

  it('creates a tag inside the entity prefix, authorized and audited', async () => {
    app = await startApp();
    const res = await app.call('POST', '/references', {
      entityRef,
      type: 'TAG',
      name: 'finance/daily-20261125',
      from: { ref: 'finance/daily', hash: h1 },
    });
    expect(res.status).toBe(201);
    expect(res.body.reference).toEqual({
      type: 'TAG',
      name: 'finance/daily-20261125',
      hash: h1,
    });
    expect(app.permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: 'dataplatform.nessie.reference.create',
          }),
          // The Nessie branch itself: the registry resolves it to the pipeline that claims it.
          resourceRef: 'nessie-ref:local/finance/daily',
        },
      ],
      expect.anything(),
    );
    expect(app.auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'reference-create' }),
    );
    expect(app.auditEvent.success).toHaveBeenCalledWith({
      meta: expect.objectContaining({
        entityRef,
        ref: 'finance/daily-20261125',
        fromHash: h1,
        hash: h1,
        outcome: 'done',
      }),
    });
  });

  it.each(['main-copy', 'marketing/daily', 'finance/daily', 'financeX/daily'])(
    'refuses to create %j outside the entity prefix (400, audited, nothing called)',
    async name => {
      app = await startApp();
      const res = await app.call('POST', '/references', {
        entityRef,
        type: 'BRANCH',
        name,
        from: { ref: 'main' },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/must start with 'finance\/'/);
      expect(app.nessieClient.createBranch).not.toHaveBeenCalled();
      expect(app.nessieClient.getReference).not.toHaveBeenCalled();
      expect(app.auditEvent.fail).toHaveBeenCalledWith(
        expect.objectContaining({
          meta: expect.objectContaining({ outcome: 'rejected' }),
        }),
      );
    },
  );

  it('answers 403 on DENY before calling Nessie, and audits the denial', async () => {
    app = await startApp({ deny: true });
    const create = await app.call('POST', '/references', {
      entityRef,
      type: 'TAG',
      name: 'finance/t1',
      from: { ref: 'finance/daily' },
    });
    const rollback = await app.call('POST', '/rollback', {
      entityRef,
      branch: 'finance/daily',
      expectedHash: h2,
      targetHash: h1,
    });
    expect([create.status, rollback.status]).toEqual([403, 403]);
    for (const fn of Object.values(app.nessieClient))
      expect(fn).not.toHaveBeenCalled();
    expect(app.auditEvent.fail).toHaveBeenCalledTimes(2);
    expect(app.auditEvent.fail).toHaveBeenLastCalledWith(
      expect.objectContaining({
        meta: expect.objectContaining({
          entityRef,
          ref: 'finance/daily',
          expectedHash: h2,
          targetHash: h1,
          outcome: 'denied',
        }),
      }),
    );
  });

  it('rolls the entity branch back to an earlier commit, guarded by the expected hash', async () => {
    app = await startApp();
    const res = await app.call('POST', '/rollback', {
      entityRef,
      branch: 'finance/daily',
      expectedHash: h2,
      targetHash: h0,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      reference: { type: 'BRANCH', name: 'finance/daily', hash: h0 },
      previousHash: h2,
    });
    expect(app.nessieClient.assignBranch).toHaveBeenCalledWith(
      'finance/daily',
      h2,
      h0,
      { timeoutMs: 4000 },
    );
    expect(app.auditEvent.success).toHaveBeenCalled();
  });

  it('answers 409 with a clear message when the branch moved since the user looked', async () => {
    app = await startApp();
    app.nessieClient.assignBranch.mockRejectedValueOnce(
      new ConflictError({
        component: 'nessie',
        operation: 'PUT /trees/{ref}@{hash}',
        status: 409,
      }),
    );
    const res = await app.call('POST', '/rollback', {
      entityRef,
      branch: 'finance/daily',
      expectedHash: h1,
      targetHash: h0,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      `branch finance/daily is no longer at ${h1.slice(
        0,
        12,
      )}: someone changed it meanwhile. Reload the commit log and pick the target again.`,
    );
    expect(app.auditEvent.fail).toHaveBeenCalledWith(
      expect.objectContaining({
        meta: expect.objectContaining({ outcome: 'failed' }),
      }),
    );
  });

  it('refuses a rollback of a branch the entity does not own, or to a hash outside its history', async () => {
    app = await startApp();
    const other = await app.call('POST', '/rollback', {
      entityRef,
      branch: 'marketing/daily',
      expectedHash: h2,
      targetHash: h1,
    });
    expect(other.status).toBe(400);
    expect(other.body.error.message).toMatch(
      /may roll back only its branch 'finance\/daily'/,
    );
    const foreign = await app.call('POST', '/rollback', {
      entityRef,
      branch: 'finance/daily',
      expectedHash: h2,
      targetHash: 'abcdef0123456789',
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.message).toMatch(
      /not an earlier commit of branch finance\/daily/,
    );
    expect(app.nessieClient.assignBranch).not.toHaveBeenCalled();
  });

  it('refuses to roll back main even for an entity annotated with it, before any permission check', async () => {
    const onMain = {
      ...financeEntity,
      metadata: {
        ...financeEntity.metadata,
        name: 'on-main',
        annotations: { 'dataplatform.io/nessie-branch': 'main' },
      },
    };
    app = await startApp({ entities: [onMain] });
    const res = await app.call('POST', '/rollback', {
      entityRef: 'resource:default/on-main',
      branch: 'main',
      expectedHash: h2,
      targetHash: h1,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /main cannot be rolled back or reassigned from the portal/,
    );
    expect(app.permissions.authorize).not.toHaveBeenCalled();
    expect(app.nessieClient.assignBranch).not.toHaveBeenCalled();
    expect(app.auditEvent.fail).toHaveBeenCalledWith(
      expect.objectContaining({
        meta: expect.objectContaining({ outcome: 'rejected' }),
      }),
    );
  });

  it('answers 404 for an entity the caller cannot see, and audits it', async () => {
    app = await startApp({ entities: [] });
    const res = await app.call('POST', '/rollback', {
      entityRef,
      branch: 'finance/daily',
      expectedHash: h2,
      targetHash: h1,
    });
    expect(res.status).toBe(404);
    expect(app.auditEvent.fail).toHaveBeenCalled();
    expect(app.permissions.authorize).not.toHaveBeenCalled();
  });
});
