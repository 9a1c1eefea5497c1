import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { RegistryStore } from '../registry/RegistryStore';
import {
  NewRestorePoint,
  RestorePointStore,
} from '../registry/RestorePointStore';

const point = (name: string): NewRestorePoint => ({
  name,
  createdBy: 'user:default/alice',
  specDigest: 'aaaaaaaaaaaaaaaa',
  savepoint: {
    jobId: '0123456789abcdef0123456789abcdef',
    location: 's3://flink/savepoints/savepoint-1',
  },
  nessie: { tag: name, hash: 'ab'.repeat(32) },
  tables: [
    {
      table: 'commerce.orders',
      snapshotId: 42,
      paimonTag: name.replace(/\//g, '-'),
    },
  ],
  connectors: [
    {
      name: 'orders-mariadb',
      offsets: [
        {
          partition: { server: 'orders-my' },
          offset: { file: 'binlog.000001', pos: 4, gtids: '0-1-7' },
        },
      ],
    },
  ],
});

/** The restore point store's contract, on each database the portal supports. */
// eslint-disable-next-line jest/no-export
export function describeRestorePointStore(ids: TestDatabaseId[]) {
  const databases = TestDatabases.create({ ids });

  describe.each(ids)('RestorePointStore on %s', id => {
    let store: RestorePointStore;
    beforeEach(async () => {
      const db = await databases.init(id);
      const registry = await RegistryStore.create(db);
      for (const name of ['orders-a', 'orders-b'])
        await registry.claim({
          pipeline: {
            id: `default/${name}`,
            namespace: 'default',
            name,
            owner: 'group:default/team-a',
            platform: false,
            status: 'deployed',
            createdBy: 'user:default/alice',
          },
          objects: [],
          actor: 'user:default/alice',
        });
      store = new RestorePointStore(db);
    });

    it('records what a restore point binds and lists them newest first', async () => {
      const first = await store.add(
        'default/orders-a',
        point('orders/restore-1'),
      );
      const second = await store.add(
        'default/orders-a',
        point('orders/restore-2'),
      );
      expect(second).toBeGreaterThan(first);
      const listed = await store.list('default/orders-a');
      expect(listed.map(p => p.name)).toEqual([
        'orders/restore-2',
        'orders/restore-1',
      ]);
      // JSON round trip: offsets come back exactly as Connect reported them.
      expect(listed[1]).toMatchObject({
        id: first,
        ...point('orders/restore-1'),
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      });
      expect(await store.list('default/orders-b')).toEqual([]);
    });

    it("never hands out another pipeline's restore point, and records restores", async () => {
      const pointId = await store.add(
        'default/orders-a',
        point('orders/restore-3'),
      );
      expect(await store.get('default/orders-b', pointId)).toBeUndefined();
      await store.markRestored(pointId, 'user:default/bob');
      expect(await store.get('default/orders-a', pointId)).toMatchObject({
        lastRestoredBy: 'user:default/bob',
        lastRestoredAt: expect.stringMatching(/^\d{4}-/),
      });
    });

    it('refuses a second restore point of the same name (Nessie tags are unique)', async () => {
      await store.add('default/orders-a', point('orders/restore-4'));
      await expect(
        store.add('default/orders-b', point('orders/restore-4')),
      ).rejects.toThrow();
    });
  });
}
