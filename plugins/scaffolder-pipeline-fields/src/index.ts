/**
 * Scaffolder form fields of the use-case templates: `FlinkSqlField` (a Flink SQL editor whose
 * SELECT the SQL Gateway plans as you type) and `SourceTablePicker` (a source table and its
 * columns, from the real source schema). Installed as a module of the scaffolder plugin.
 *
 * @packageDocumentation
 */
export { scaffolderPipelineFieldsModule as default } from './module';
export { pipelineFormsApiRef } from './api/PipelineFormsApi';
export type { PipelineFormsApi } from './api/PipelineFormsApi';
export { PipelineFormsClient } from './api/PipelineFormsClient';
