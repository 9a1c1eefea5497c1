import {
  fraudAlertsSelect,
  marketingSegmentsSelect,
} from '@internal/backstage-plugin-pipeline-common';
import {
  completionSchema,
  shapeParamsFromForm,
  shapeSelect,
  shapeSourceTable,
} from './formParams';

describe('form data → spec answers', () => {
  it('keeps the answers that shape the spec, not the SQL fields or other answers', () => {
    expect(
      shapeParamsFromForm({
        name: 'a-pipeline',
        owner: 'group:default/x',
        cep: { failedAttempts: 5 },
        selects: { fraud_signals: 'SELECT 1' },
        system: 'system:default/y',
      }),
    ).toEqual({
      name: 'a-pipeline',
      owner: 'group:default/x',
      cep: { failedAttempts: 5 },
    });
  });

  it('gives the shape’s SELECT for the parameters, or for the defaults while they are out of range', () => {
    expect(
      shapeSelect(
        'stream-enrichment',
        { interest: { hotAddToCarts: 9 } } as any,
        'marketing_segments',
      ),
    ).toBe(marketingSegmentsSelect({ hotAddToCarts: 9, warmEvents: 10 }));
    expect(
      shapeSelect(
        'fraud-cep',
        { cep: { windowMinutes: 99999 } } as any,
        'fraud_alerts',
      ),
    ).toBe(fraudAlertsSelect());
  });

  it('offers the spec’s tables and columns for completion', () => {
    const schema = completionSchema('fraud-cep', {} as any);
    expect(schema.behavior).toEqual(
      expect.arrayContaining(['customer_id', 'event_type', 'proc_time']),
    );
    expect(schema.fraud_orders).toContain('amount');
    expect(schema.fraud_alerts).toContain('reason');
  });

  it('names the shape’s source table of a copy table', () => {
    expect(shapeSourceTable('customer-support-360', 'cs_tickets')).toEqual({
      source: 'commerce_pg',
      table: 'tickets',
      columns: [
        'id',
        'customer_id',
        'order_id',
        'subject',
        'status',
        'created_at',
        'updated_at',
      ],
    });
    expect(shapeSourceTable('fraud-cep', 'nope')).toBeUndefined();
  });
});
