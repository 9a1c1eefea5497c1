import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { SourceTablePicker } from './SourceTablePicker';
import { sourceTableValidation } from './sourceTableValidation';

/** `ui:field: SourceTablePicker` */
export const sourceTableFormField = createFormField({
  name: 'SourceTablePicker',
  component: SourceTablePicker,
  validation: sourceTableValidation,
});
