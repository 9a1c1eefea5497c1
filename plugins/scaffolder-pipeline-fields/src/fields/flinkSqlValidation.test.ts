import type { ApiHolder } from '@backstage/frontend-plugin-api';
import type { SelectCheckResponse } from '@internal/backstage-plugin-pipeline-common';
import { pipelineFormsApiRef } from '../api/PipelineFormsApi';
import { flinkSqlValidation } from './flinkSqlValidation';

const uiSchema = {
  'ui:options': { shape: 'fraud-cep', table: 'fraud_alerts' },
} as any;
const formData = {
  name: 'team-fraud',
  owner: 'group:default/risk-team',
  cep: { failedAttempts: 3, windowMinutes: 10 },
  selects: { fraud_alerts: 'SELECT 1' },
  system: 'system:default/fraud-detection',
};

function validate(answer: () => Promise<SelectCheckResponse>) {
  const checkSelect = jest.fn(answer);
  const apiHolder: ApiHolder = {
    get: (ref: any) =>
      ref.id === pipelineFormsApiRef.id ? ({ checkSelect } as any) : undefined,
  };
  const errors: string[] = [];
  return flinkSqlValidation(
    'SELECT 1',
    { addError: (e: string) => errors.push(e) } as any,
    { apiHolder, formData, schema: {}, uiSchema },
  )!.then(() => ({ errors, checkSelect }));
}

describe('flinkSqlValidation (Next / Review)', () => {
  it('lets an accepted SELECT through, asking with the form’s spec answers only', async () => {
    const { errors, checkSelect } = await validate(async () => ({
      status: 'accepted',
      elapsedMs: 1,
    }));
    expect(errors).toEqual([]);
    expect(checkSelect).toHaveBeenCalledWith({
      shape: 'fraud-cep',
      table: 'fraud_alerts',
      select: 'SELECT 1',
      params: {
        name: 'team-fraud',
        owner: 'group:default/risk-team',
        cep: { failedAttempts: 3, windowMinutes: 10 },
      },
    });
  });

  it('stops the form at a SELECT the planner rejects, naming the place', async () => {
    const { errors } = await validate(async () => ({
      status: 'rejected',
      scope: 'select',
      message: "Column 'x' not found in any table",
      position: { line: 2, column: 8 },
      elapsedMs: 1,
    }));
    expect(errors).toEqual([
      "the Flink planner rejects this SELECT: line 2, column 8: Column 'x' not found in any table",
    ]);
  });

  it('stops the form when the SELECT could not be checked', async () => {
    const { errors } = await validate(async () => {
      throw new Error('flink-sql-gateway: cannot reach 127.0.0.1:8090');
    });
    expect(errors).toEqual([
      'the SELECT could not be checked (flink-sql-gateway: cannot reach 127.0.0.1:8090); try again',
    ]);
  });
});
