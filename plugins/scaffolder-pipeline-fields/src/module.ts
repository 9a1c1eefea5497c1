import {
  ApiBlueprint,
  createFrontendModule,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { pipelineFormsApiRef } from './api/PipelineFormsApi';
import { PipelineFormsClient } from './api/PipelineFormsClient';

const pipelineFormsApi = ApiBlueprint.make({
  name: 'pipeline-forms',
  params: defineParams =>
    defineParams({
      api: pipelineFormsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PipelineFormsClient({ discoveryApi, fetchApi }),
    }),
});

// The fields' code (and CodeMirror, one level further) loads when a template uses them.
const flinkSqlField = FormFieldBlueprint.make({
  name: 'flink-sql',
  params: {
    field: () =>
      import('./fields/flinkSqlFormField').then(m => m.flinkSqlFormField),
  },
});

const sourceTableField = FormFieldBlueprint.make({
  name: 'source-table',
  params: {
    field: () =>
      import('./fields/sourceTableFormField').then(m => m.sourceTableFormField),
  },
});

/** The use-case templates' form fields: `FlinkSqlField` and `SourceTablePicker`. */
export const scaffolderPipelineFieldsModule = createFrontendModule({
  pluginId: 'scaffolder',
  extensions: [pipelineFormsApi, flinkSqlField, sourceTableField],
});
