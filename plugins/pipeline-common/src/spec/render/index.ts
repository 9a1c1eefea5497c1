export { renderTopics } from './topics';
export type { RenderedTopic } from './topics';
export {
  renderConnectorConfig,
  serverIdFor,
  slotNameFor,
} from './connectorConfig';
export type { RenderedConnector } from './connectorConfig';
export { renderPaimonDdl } from './paimonDdl';
export { renderFlinkJob, wireColumn } from './flinkJob';
export { sqlString, toSqlScript, renderTargetSchema } from './sqlText';
export type { RenderTarget, RenderTargetInput } from './sqlText';
