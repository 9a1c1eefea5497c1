import type {
  FlinkColumnSpec,
  KafkaSinkSpec,
  PipelineSpec,
  StreamSpec,
} from '../pipelineSpec';
import { quoteIdent } from '../identifiers';
import { sqlOptions } from './sqlText';

/** Temporary Kafka JSON tables of streams (sources) and Kafka sinks of the Flink job. */

const columnLine = (c: FlinkColumnSpec) =>
  `  ${quoteIdent(c.name)} ${c.type}${c.nullable ? '' : ' NOT NULL'}`;

const createTemporary = (
  name: string,
  lines: string[],
  options: Record<string, string>,
) =>
  `CREATE TEMPORARY TABLE IF NOT EXISTS ${quoteIdent(name)} (\n${lines.join(
    ',\n',
  )}\n) WITH (\n${sqlOptions(options)}\n)`;

/** A stream as a Kafka JSON source: its columns, the processing-time column and the watermark. */
export function renderStreamTable(
  spec: PipelineSpec,
  stream: StreamSpec,
  kafkaBootstrapServers: string,
): string {
  const lines = stream.columns.map(columnLine);
  if (stream.processingTimeColumn)
    lines.push(`  ${quoteIdent(stream.processingTimeColumn)} AS PROCTIME()`);
  if (stream.eventTime) {
    const column = quoteIdent(stream.eventTime.column);
    lines.push(
      `  WATERMARK FOR ${column} AS ${column} - INTERVAL '${stream.eventTime.watermarkDelaySeconds}' SECOND`,
    );
  }
  return createTemporary(stream.name, lines, {
    connector: 'kafka',
    topic: stream.topic,
    'properties.bootstrap.servers': kafkaBootstrapServers,
    'properties.group.id': `flink-${spec.flinkJob.name}-${stream.name}`,
    'scan.startup.mode': stream.startupMode,
    // Without committed offsets, group-offsets starts from the beginning rather than failing.
    ...(stream.startupMode === 'group-offsets'
      ? { 'properties.auto.offset.reset': 'earliest' }
      : {}),
    format: 'json',
    'json.timestamp-format.standard': stream.timestampFormat,
    'json.ignore-parse-errors': String(stream.skipMalformed),
  });
}

/** A Kafka sink as an append-only Kafka JSON table. */
export function renderKafkaSinkTable(
  spec: PipelineSpec,
  sink: KafkaSinkSpec,
  kafkaBootstrapServers: string,
): string {
  return createTemporary(sink.name, sink.columns.map(columnLine), {
    connector: 'kafka',
    topic: sink.topic,
    'properties.bootstrap.servers': kafkaBootstrapServers,
    format: 'json',
    'json.timestamp-format.standard': 'ISO-8601',
    'sink.delivery-guarantee': sink.deliveryGuarantee,
    // Exactly-once uses Kafka transactions; their ids must be unique per job and sink.
    ...(sink.deliveryGuarantee === 'exactly-once'
      ? { 'sink.transactional-id-prefix': `${spec.flinkJob.name}-${sink.name}` }
      : {}),
  });
}
