import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { pipelineFormsApiRef } from '../api/PipelineFormsApi';
import { shapeParamsFromForm } from '../formParams';
import type { FlinkSqlFieldOptions } from './FlinkSqlField';

/**
 * Next and Review only go on when the planner accepts the SELECT (the shape's, when the field
 * is empty): a SELECT that does not plan, or that could not be checked, stops the form here
 * rather than at the deploy.
 */
export const flinkSqlValidation: CustomFieldValidator<
  string,
  FlinkSqlFieldOptions
> = async (value, validation, context) => {
  const options = context.uiSchema?.['ui:options'];
  const api = context.apiHolder.get(pipelineFormsApiRef);
  if (!options?.shape || !options.table || !api) {
    validation.addError('this SQL field is not configured (shape, table)');
    return;
  }
  try {
    const result = await api.checkSelect({
      shape: options.shape,
      table: options.table,
      params: shapeParamsFromForm(context.formData as Record<string, unknown>),
      select: value ?? '',
    });
    if (result.status === 'accepted') return;
    const where = result.position
      ? `line ${result.position.line}, column ${result.position.column}: `
      : '';
    validation.addError(
      result.scope === 'form'
        ? `the rest of the form does not make a spec: ${result.message}`
        : `the Flink planner rejects this SELECT: ${where}${result.message}`,
    );
  } catch (e) {
    validation.addError(
      `the SELECT could not be checked (${(e as Error).message}); try again`,
    );
  }
};
