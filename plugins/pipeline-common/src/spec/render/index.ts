export { renderTopics } from './topics';
export type { RenderedTopic } from './topics';
export {
  renderConnectorConfig,
  serverIdFor,
  slotNameFor,
} from './connectorConfig';
export type { RenderedConnector } from './connectorConfig';
export {
  renderPaimonDdl,
  convergedPaimonOptions,
  NESSIE_COMMIT_CALLBACK,
  LAKEHOUSE_NESSIE_REF,
} from './paimonDdl';
export { renderFlinkJob, wireColumn } from './flinkJob';
export {
  sqlString,
  sqlOptions,
  sqlSet,
  toSqlScript,
  renderTargetSchema,
} from './sqlText';
export { renderCatalogDdl } from './catalogDdl';
export type { RenderTarget, RenderTargetInput } from './sqlText';
export { renderStreamTable, renderKafkaSinkTable } from './kafkaTables';
export {
  renderServingSinks,
  renderServingSinkTables,
  cqlType,
} from './servingSinks';
export type {
  RenderedServingSink,
  CouchDesignDocument as RenderedCouchDesignDocument,
  ServingSinkJobPart,
} from './servingSinks';
export {
  renderKubernetesResources,
  kubernetesTargetSchema,
  topicResourceName,
} from './kubernetes';
export type { KubernetesTargetInput, StrimziResource } from './kubernetes';
