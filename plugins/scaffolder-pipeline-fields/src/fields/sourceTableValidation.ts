import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import {
  SourceTablePick,
  sourceTablePickSchema,
} from '@internal/backstage-plugin-pipeline-common';
import type { SourceTablePickerOptions } from './SourceTablePicker';

/**
 * A pick is what the spec accepts (names are SQL identifiers, a type per column) and keeps the
 * table's primary key. No pick yet (the schema did not load) leaves the shape's own table.
 */
export const sourceTableValidation: CustomFieldValidator<
  SourceTablePick,
  SourceTablePickerOptions
> = (value, validation) => {
  if (value === undefined || value === null) return;
  const parsed = sourceTablePickSchema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      validation.addError(
        `${issue.path.join('.') || 'pick'}: ${issue.message}`,
      );
    return;
  }
  const names = parsed.data.columns.map(c => c.name);
  const missing = parsed.data.primaryKey.filter(k => !names.includes(k));
  if (missing.length)
    validation.addError(
      `the primary key (${missing.join(', ')}) of ${
        parsed.data.table
      } must be among the columns`,
    );
};
