import { parse } from 'yaml';
import {
  financeReconciliationExample,
  parsePipelineSpec,
} from '@internal/backstage-plugin-pipeline-common';
import { renderPipelineFiles } from './pipelineFiles';

const spec = (() => {
  const parsed = parsePipelineSpec(financeReconciliationExample);
  if (!parsed.success) throw new Error(parsed.message);
  return parsed.spec;
})();

describe('renderPipelineFiles', () => {
  const files = renderPipelineFiles(spec);

  it('writes the spec, topics, connector, DDL and job', () => {
    expect(Object.keys(files).sort()).toEqual([
      'pipeline.yaml',
      'rendered/connectors/finance-reconciliation-mariadb.json',
      'rendered/flink-job.sql',
      'rendered/kubernetes.yaml',
      'rendered/paimon-tables.sql',
      'rendered/topics.yaml',
    ]);
  });

  it('round-trips the spec: pipeline.yaml parses back to the same spec', () => {
    const back = parsePipelineSpec(parse(files['pipeline.yaml']));
    expect(back.success && back.spec).toEqual(spec);
  });

  it('keeps credentials as references and writes no secret', () => {
    const connector = JSON.parse(
      files['rendered/connectors/finance-reconciliation-mariadb.json'],
    );
    expect(connector.config['database.password']).toBe(
      '${file:/opt/connect/secrets/cdc.properties:mariadb.password}',
    );
    expect(Object.values(files).join('\n')).not.toMatch(
      /s3\.secret-key|secretKey/,
    );
  });

  it('renders SQL scripts with one statement per semicolon', () => {
    expect(files['rendered/paimon-tables.sql']).toContain(
      'CREATE TABLE IF NOT EXISTS `lake`.`commerce`.`finance_fact`',
    );
    expect(files['rendered/flink-job.sql']).toMatch(
      /INSERT INTO `lake`.`commerce`.`finance_fact`[\s\S]*;\n?$/,
    );
  });
});
