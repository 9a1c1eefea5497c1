import { mockCredentials } from '@backstage/backend-test-utils';
import {
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogLocationCreatePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  connectTaskRestartPermission,
  dataPlatformDestructivePermissions,
  pipelineAdoptPermission,
  pipelineDeployPermission,
  trinoPreviewPermission,
} from '@internal/backstage-plugin-pipeline-common';
import { DataPlatformPermissionPolicy } from './DataPlatformPermissionPolicy';

const policy = new DataPlatformPermissionPolicy([
  'group:data-platform-team',
  'user:development/guest',
]);

const user = (ref: string, ownership: string[]) => ({
  credentials: mockCredentials.user(ref),
  info: { userEntityRef: ref, ownershipEntityRefs: ownership },
});
const operator = user('user:default/ada', [
  'user:default/ada',
  'group:default/data-platform-team',
]);
const guest = user('user:development/guest', ['user:development/guest']);
const productDev = user('user:default/bob', [
  'user:default/bob',
  'group:default/orders-team',
]);

describe('DataPlatformPermissionPolicy', () => {
  it.each(dataPlatformDestructivePermissions.map(p => [p.name, p]))(
    'allows operators %s on any entity',
    async (_, permission) => {
      expect(await policy.handle({ permission }, operator)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
      expect(await policy.handle({ permission }, guest)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    },
  );

  it('gives everyone else "is pipeline owner" (per the registry) with their own ownership refs', async () => {
    expect(
      await policy.handle(
        { permission: connectTaskRestartPermission },
        productDev,
      ),
    ).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'pipeline',
      resourceType: 'pipeline',
      conditions: {
        rule: 'IS_PIPELINE_OWNER',
        resourceType: 'pipeline',
        params: { claims: ['user:default/bob', 'group:default/orders-team'] },
      },
    });
    expect(
      (
        await policy.handle(
          { permission: pipelineDeployPermission },
          productDev,
        )
      ).result,
    ).toBe(AuthorizeResult.CONDITIONAL);
  });

  it('lets only operators adopt objects nobody claims', async () => {
    expect(
      await policy.handle({ permission: pipelineAdoptPermission }, productDev),
    ).toEqual({ result: AuthorizeResult.DENY });
    expect(
      await policy.handle({ permission: pipelineAdoptPermission }, operator),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('lets only operators register locations and entities by hand', async () => {
    for (const permission of [
      catalogLocationCreatePermission,
      catalogEntityCreatePermission,
    ]) {
      expect(await policy.handle({ permission }, productDev)).toEqual({
        result: AuthorizeResult.DENY,
      });
      expect(await policy.handle({ permission }, operator)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it('denies destructive permissions without a user', async () => {
    expect(
      await policy.handle({ permission: connectTaskRestartPermission }),
    ).toEqual({ result: AuthorizeResult.DENY });
  });

  it('allows the Trino preview to any signed-in user only', async () => {
    expect(
      await policy.handle({ permission: trinoPreviewPermission }, productDev),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    expect(await policy.handle({ permission: trinoPreviewPermission })).toEqual(
      { result: AuthorizeResult.DENY },
    );
  });

  it.each([
    catalogEntityReadPermission,
    catalogEntityDeletePermission,
    createPermission({ name: 'scaffolder.action.execute', attributes: {} }),
  ])('keeps the rest of the portal allowed: $name', async permission => {
    expect(await policy.handle({ permission }, productDev)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('does not treat a look-alike permission name as an operator grant', async () => {
    const alike = createPermission({
      name: 'dataplatform.connect.task.restart.extra',
      attributes: {},
    });
    expect(await policy.handle({ permission: alike }, productDev)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    const none = new DataPlatformPermissionPolicy([]);
    expect(
      (
        await none.handle(
          { permission: connectTaskRestartPermission },
          operator,
        )
      ).result,
    ).toBe(AuthorizeResult.CONDITIONAL);
  });
});
