import { mockCredentials } from '@backstage/backend-test-utils';
import * as httpErrors from '@backstage/errors';
import {
  InvalidIdentifierError,
  NotFoundError,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
} from '../lib/errors';
import { loadEntity, toHttpError } from './entityAccess';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'job', namespace: 'default' },
};

describe('loadEntity', () => {
  const catalog = {
    getEntityByRef: jest.fn(async (ref: string) =>
      ref === 'component:default/job' ? entity : undefined,
    ),
  };

  it('normalises the ref and passes the caller credentials', async () => {
    const credentials = mockCredentials.user();
    await expect(
      loadEntity(catalog, 'Component:job', credentials),
    ).resolves.toBe(entity);
    expect(catalog.getEntityByRef).toHaveBeenCalledWith(
      'component:default/job',
      { credentials },
    );
  });

  it('rejects a malformed ref and reports a missing entity', async () => {
    await expect(
      loadEntity(catalog, 'a:b:c/d/e', mockCredentials.user()),
    ).rejects.toThrow(httpErrors.InputError);
    await expect(
      loadEntity(catalog, 'component:default/other', mockCredentials.user()),
    ).rejects.toThrow('no entity component:default/other in the catalog');
  });
});

describe('toHttpError', () => {
  it('maps client errors onto HTTP errors with the component in the message', () => {
    const down = toHttpError(
      new UpstreamUnavailableError({
        component: 'flink-rest',
        operation: 'GET /jobs',
        target: 'http://x',
      }),
    );
    expect(down).toBeInstanceOf(httpErrors.ServiceUnavailableError);
    expect(down.message).toContain('flink-rest');
    expect(
      toHttpError(
        new UpstreamTimeoutError({
          component: 'trino',
          operation: 'POST /v1/statement',
          timeoutMs: 5,
        }),
      ),
    ).toBeInstanceOf(httpErrors.ServiceUnavailableError);
    expect(
      toHttpError(
        new NotFoundError({
          component: 'nessie',
          operation: 'GET /trees/{ref}',
          status: 404,
        }),
      ),
    ).toBeInstanceOf(httpErrors.NotFoundError);
    expect(
      toHttpError(new InvalidIdentifierError('topic', 'a;b', 'has ;')),
    ).toBeInstanceOf(httpErrors.InputError);
    const other = new Error('x');
    expect(toHttpError(other)).toBe(other);
  });
});
