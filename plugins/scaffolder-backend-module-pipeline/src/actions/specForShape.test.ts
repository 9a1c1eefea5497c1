import { InputError } from '@backstage/errors';
import { parsePipelineSpec } from '@internal/backstage-plugin-pipeline-common';
import { createSpecForShapeAction } from './specForShape';

const action = createSpecForShapeAction();

function context(input: Record<string, unknown>) {
  return {
    input,
    isDryRun: true,
    logger: { info: jest.fn(), warn: jest.fn(), error: jest.fn() },
    output: jest.fn(),
    workspacePath: '/nonexistent',
    task: { id: 'test' },
    checkpoint: jest.fn(),
    createTemporaryDirectory: jest.fn(),
  } as any;
}

const form = {
  shape: 'fraud-cep',
  name: 'team-fraud',
  owner: 'group:default/risk-team',
};

describe('dataplatform:pipeline:spec-for-shape', () => {
  it('outputs the spec the form shaped', async () => {
    const ctx = context({
      ...form,
      cep: { failedAttempts: 6, windowMinutes: 15 },
      partitions: { cdc: 4 },
    });
    await action.handler(ctx);
    const [name, spec] = ctx.output.mock.calls[0];
    expect(name).toBe('spec');
    const parsed = parsePipelineSpec(spec);
    if (!parsed.success) throw new Error(parsed.message);
    expect(parsed.spec.derivedTables[0].select).toContain('PATTERN (F{6,} C)');
    expect(parsed.spec.topics[0].partitions).toBe(4);
  });

  it.each([
    ['a CEP threshold that is SQL', { cep: { failedAttempts: '3,} C) --' } }],
    ['a window of a week', { cep: { windowMinutes: 10080 } }],
    [
      'a source column that ends a quote',
      {
        sourceTables: {
          fraud_orders: {
            source: 'commerce_mariadb',
            table: 'orders',
            primaryKey: ['id'],
            columns: [{ name: "id'", type: 'bigint', nullable: false }],
          },
        },
      },
    ],
    [
      'a SELECT for a table the shape does not have',
      { selects: { users: 'SELECT 1' } },
    ],
  ])(
    'refuses %s with an InputError naming the field, before any spec',
    async (_, extra) => {
      const ctx = context({ ...form, ...extra });
      const error = await action.handler(ctx).then(
        () => undefined,
        e => e,
      );
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toMatch(/^(cep|sourceTables|selects)\./);
      expect(ctx.output).not.toHaveBeenCalled();
    },
  );
});
