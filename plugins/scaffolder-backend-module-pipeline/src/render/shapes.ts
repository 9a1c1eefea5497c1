/**
 * The shape → spec step lives in pipeline-common (the one spec package): the scaffolder action,
 * the seed pipelines and the form's validation routes build a shape's spec with the same code.
 */
export {
  specForShape,
  USE_CASE_SHAPES,
  ShapeParamsError,
} from '@internal/backstage-plugin-pipeline-common';
export type { ShapeParams } from '@internal/backstage-plugin-pipeline-common';
