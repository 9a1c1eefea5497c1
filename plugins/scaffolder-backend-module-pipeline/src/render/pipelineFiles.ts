import { stringify } from 'yaml';
import {
  PipelineSpec,
  RenderTargetInput,
  renderConnectorConfig,
  renderFlinkJob,
  renderKubernetesResources,
  renderPaimonDdl,
  renderServingSinks,
  renderTopics,
  toSqlScript,
} from '@internal/backstage-plugin-pipeline-common';
import { CatalogInfoOptions, renderCatalogInfo } from './catalogInfo';
import { renderDocs } from './docs';

const HEADER = (what: string) =>
  `-- ${what}\n-- Rendered from pipeline.yaml by the data-platform portal; edit the spec, not this file.\n`;

/**
 * Every artefact of a use-case repository rendered from its pipeline spec, by relative path.
 * The Paimon DDL and the Flink job expect the Paimon catalog to exist in the SQL session
 * (the deploy step creates it from the portal's config, so no credential is written here).
 */
export function renderPipelineFiles(
  spec: PipelineSpec,
  target?: RenderTargetInput,
  repository?: CatalogInfoOptions & { shapeTitle?: string },
): Record<string, string> {
  const files: Record<string, string> = {
    ...(repository
      ? {
          'catalog-info.yaml': renderCatalogInfo(spec, repository),
          ...renderDocs(spec, repository.shapeTitle ?? 'data'),
        }
      : {}),
    'rendered/kubernetes.yaml': renderKubernetesResources(spec)
      .map(r => stringify(r))
      .join('---\n'),
    'pipeline.yaml': stringify(spec),
    'rendered/topics.yaml': stringify({ topics: renderTopics(spec) }),
    'rendered/paimon-tables.sql':
      HEADER('Paimon tables') + toSqlScript(renderPaimonDdl(spec, target)),
    'rendered/flink-job.sql':
      HEADER(`Flink job ${spec.flinkJob.name}`) +
      toSqlScript(renderFlinkJob(spec, target)),
  };
  for (const connector of renderConnectorConfig(spec, target)) {
    // Credentials stay references (${file:...} / ${env:...} / secret names) resolved by Connect.
    files[`rendered/connectors/${connector.name}.json`] = `${JSON.stringify(
      { name: connector.name, config: connector.config },
      null,
      2,
    )}\n`;
  }
  const serving = renderServingSinks(spec).filter(s => !s.live);
  if (serving.length)
    files['rendered/serving-sinks.yaml'] = stringify({ servingSinks: serving });
  return files;
}
