import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import type { PipelineObject } from '@internal/backstage-plugin-pipeline-common';
import { PipelineBusyError } from '../registry/errors';
import { RegistryStore } from '../registry/RegistryStore';

const topic = (name: string): PipelineObject => ({
  kind: 'topic',
  instance: 'local',
  name,
});
const pipeline = (name: string, owner: string) => ({
  id: `default/${name}`,
  namespace: 'default',
  name,
  owner,
  platform: false,
  status: 'registered' as const,
  createdBy: 'user:default/alice',
});

/** The registry store's contract, run on each database the portal supports. */
// One suite, two runs: SQLite in the unit tests, the stack's PostgreSQL in the integration tests.
// eslint-disable-next-line jest/no-export
export function describeRegistryStore(ids: TestDatabaseId[]) {
  const databases = TestDatabases.create({ ids });

  describe.each(ids)('RegistryStore on %s', id => {
    let store: RegistryStore;
    beforeEach(async () => {
      store = await RegistryStore.create(await databases.init(id));
    });

    it('records a pipeline with its objects, and one owner per object', async () => {
      expect(
        await store.claim({
          pipeline: pipeline('orders-a', 'group:default/team-a'),
          objects: [topic('orders-a.cdc'), topic('orders-a.alerts')],
          actor: 'user:default/alice',
        }),
      ).toEqual(new Map());
      const foreign = await store.claim({
        pipeline: pipeline('orders-b', 'group:default/team-b'),
        objects: [topic('orders-b.cdc'), topic('orders-a.alerts')],
        actor: 'user:default/bob',
      });
      expect(foreign).toEqual(
        new Map([['topic:local/orders-a.alerts', 'default/orders-a']]),
      );
      // Nothing of the refused claim was written: neither the pipeline nor its other topic.
      expect(await store.get('default/orders-b')).toBeUndefined();
      expect(
        await store.claimants([topic('orders-b.cdc'), topic('orders-a.cdc')]),
      ).toEqual(new Map([['topic:local/orders-a.cdc', 'default/orders-a']]));
      expect(await store.claimsOf('default/orders-a')).toHaveLength(2);
    });

    it('a re-claim of its own objects adds only the new ones', async () => {
      const p = pipeline('orders-a', 'group:default/team-a');
      await store.claim({
        pipeline: p,
        objects: [topic('orders-a.cdc')],
        actor: 'a',
      });
      await store.claim({
        pipeline: p,
        objects: [topic('orders-a.cdc'), topic('orders-a.more')],
        actor: 'a',
      });
      expect(
        (await store.claimsOf('default/orders-a')).map(o => o.name),
      ).toEqual(['orders-a.cdc', 'orders-a.more']);
      await store.release('default/orders-a', [topic('orders-a.more')]);
      expect(await store.claimants([topic('orders-a.more')])).toEqual(
        new Map(),
      );
    });

    it('serializes operations: a second lock is refused naming the holder, an expired one is taken over', async () => {
      await store.claim({
        pipeline: pipeline('orders-a', 'group:default/team-a'),
        objects: [],
        actor: 'a',
      });
      await store.acquireLock(
        'default/orders-a',
        'user:default/alice',
        'deploy',
        60_000,
      );
      const second = await store
        .acquireLock('default/orders-a', 'user:default/ada', 'stop', 60_000)
        .catch(e => e);
      expect(second).toBeInstanceOf(PipelineBusyError);
      expect(second.message).toMatch(
        /^pipeline default\/orders-a is busy: deploy by user:default\/alice since \d{4}-/,
      );
      await store.releaseLock('default/orders-a', 'user:default/alice');
      await store.acquireLock(
        'default/orders-a',
        'user:default/ada',
        'stop',
        -1,
      );
      // Expired at once (a holder that died): the next operation takes it.
      await store.acquireLock(
        'default/orders-a',
        'user:default/alice',
        'deploy',
        60_000,
      );
      expect(await store.lockOf('default/orders-a')).toMatchObject({
        holder: 'user:default/alice',
        operation: 'deploy',
      });
    });

    it('keeps the history and the savepoints of a pipeline, newest first', async () => {
      await store.claim({
        pipeline: pipeline('orders-a', 'group:default/team-a'),
        objects: [],
        actor: 'a',
      });
      const first = await store.startOperation(
        'default/orders-a',
        'deploy',
        'user:default/alice',
        {
          specDigest: 'aaaa',
        },
      );
      await store.finishOperation(first, {
        outcome: 'succeeded',
        steps: [
          { step: 'topics', component: 'kafka', dryRun: false, changes: [] },
        ],
      });
      const second = await store.startOperation(
        'default/orders-a',
        'stop',
        'user:default/alice',
      );
      await store.finishOperation(second, {
        outcome: 'failed',
        message: 'no job',
      });
      await store.addSavepoint('default/orders-a', {
        jobId: '0123456789abcdef0123456789abcdef',
        location: 's3://flink/savepoints/savepoint-1',
        reason: 'stop',
        actor: 'user:default/alice',
      });
      const history = await store.history('default/orders-a');
      expect(history.map(h => [h.operation, h.outcome, h.message])).toEqual([
        ['stop', 'failed', 'no job'],
        ['deploy', 'succeeded', undefined],
      ]);
      expect(history[1].steps).toEqual([
        { step: 'topics', component: 'kafka', dryRun: false, changes: [] },
      ]);
      expect(await store.savepoints('default/orders-a')).toEqual([
        expect.objectContaining({
          location: 's3://flink/savepoints/savepoint-1',
          reason: 'stop',
        }),
      ]);
    });
  });
}
