import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { FlinkSqlField } from './FlinkSqlField';
import { flinkSqlValidation } from './flinkSqlValidation';

/** `ui:field: FlinkSqlField` */
export const flinkSqlFormField = createFormField({
  name: 'FlinkSqlField',
  component: FlinkSqlField,
  validation: flinkSqlValidation,
});
