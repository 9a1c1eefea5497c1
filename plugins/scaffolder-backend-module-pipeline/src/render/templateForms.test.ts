import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  parsePipelineSpec,
  renderFlinkJob,
  toSqlScript,
} from '@internal/backstage-plugin-pipeline-common';
import { specForShape } from './shapes';

// The use-case templates' forms against the action they feed: every field the spec step reads
// exists in the form with a default, the defaults make exactly the shape's spec, and the
// shaping fields (parameters, SQL, sources) are wired to the field extensions.

const TEMPLATES = path.resolve(__dirname, '../../../../templates');
const SHAPED = [
  'stream-enrichment',
  'fraud-cep',
  'inventory-360',
  'customer-support-360',
];

const load = (shape: string) =>
  parse(fs.readFileSync(path.join(TEMPLATES, shape, 'template.yaml'), 'utf8'));

/** What the form holds after Next on every page: defaults, nested objects included. */
function defaults(properties: Record<string, any>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, p] of Object.entries(properties)) {
    if (p.default !== undefined) values[key] = p.default;
    else if (p.type === 'object' && p.properties && !p['ui:field']) {
      const nested = defaults(p.properties);
      if (Object.keys(nested).length) values[key] = nested;
    }
  }
  return values;
}

const formOf = (template: any) =>
  Object.assign(
    {},
    ...[template.spec.parameters]
      .flat()
      .map((p: any) => defaults(p.properties)),
  );

/** The spec step's input with `${{ parameters.x }}` replaced as the scaffolder does (native values). */
function specInput(template: any, form: Record<string, unknown>) {
  const step = template.spec.steps.find((s: any) => s.id === 'spec');
  const { shape, ...input } = step.input;
  const params = Object.fromEntries(
    Object.entries<string>(input).map(([key, value]) => {
      const m = /^\$\{\{ parameters\.(\w+) \}\}$/.exec(String(value));
      if (!m) throw new Error(`${key}: ${value} is not a plain parameter`);
      return [key, form[m[1]]];
    }),
  );
  return { shape, params };
}

const fieldsOf = (template: any, uiField: string) =>
  [template.spec.parameters]
    .flat()
    .flatMap((p: any) => Object.values<any>(p.properties))
    .flatMap((p: any) => Object.entries<any>(p.properties ?? {}))
    .filter(([, p]) => p['ui:field'] === uiField);

describe.each(SHAPED)('template %s', shape => {
  const template = load(shape);

  it('makes the shape’s spec from its form defaults', () => {
    const form = formOf(template);
    const { shape: s, params } = specInput(template, form);
    expect(s).toBe(shape);
    const fromForm = parsePipelineSpec(specForShape(s, params));
    if (!fromForm.success) throw new Error(fromForm.message);
    const plain = parsePipelineSpec(
      specForShape(shape, {
        name: params.name as string,
        owner: params.owner as string,
        description: params.description as string,
        catalogDatabase: params.catalogDatabase as string,
        domain: params.domain as string,
        checkpointSeconds: params.checkpointSeconds as number,
        freshnessSeconds: params.freshnessSeconds as number,
      }),
    );
    if (!plain.success) throw new Error(plain.message);
    expect(toSqlScript(renderFlinkJob(fromForm.spec))).toBe(
      toSqlScript(renderFlinkJob(plain.spec)),
    );
    expect(fromForm.spec.topics).toEqual(plain.spec.topics);
  });

  it('has a Flink SQL field per derived table and Kafka sink, and a picker per copy table', () => {
    const parsed = parsePipelineSpec(
      specForShape(shape, specInput(template, formOf(template)).params),
    );
    if (!parsed.success) throw new Error(parsed.message);
    const spec = parsed.spec;
    expect(
      fieldsOf(template, 'FlinkSqlField').map(([key, p]) => [
        key,
        p['ui:options'],
      ]),
    ).toEqual(
      [...spec.derivedTables, ...spec.kafkaSinks].map(t => [
        t.name,
        { shape, table: t.name },
      ]),
    );
    expect(
      fieldsOf(template, 'SourceTablePicker').map(([key, p]) => [
        key,
        p['ui:options'],
      ]),
    ).toEqual(
      spec.paimonTables.map(t => [t.name, { shape, copyTable: t.name }]),
    );
  });

  it('bounds every number it asks for', () => {
    const numbers = [template.spec.parameters]
      .flat()
      .flatMap((p: any) => Object.values<any>(p.properties))
      .flatMap((p: any) =>
        p.type === 'object' ? Object.values<any>(p.properties ?? {}) : [p],
      )
      .filter((p: any) => p.type === 'integer');
    expect(numbers.length).toBeGreaterThanOrEqual(3);
    for (const p of numbers) {
      expect(typeof p.minimum).toBe('number');
      expect(typeof p.maximum).toBe('number');
    }
  });
});

it('fraud-cep: the form’s CEP answers reach both SELECTs of the spec', () => {
  const template = load('fraud-cep');
  const form = {
    ...formOf(template),
    cep: { failedAttempts: 5, windowMinutes: 30 },
    partitions: { cdc: 2, fraud_alerts: 6 },
  };
  const { params } = specInput(template, form);
  const parsed = parsePipelineSpec(specForShape('fraud-cep', params));
  if (!parsed.success) throw new Error(parsed.message);
  const job = toSqlScript(renderFlinkJob(parsed.spec));
  expect(job.match(/PATTERN \(F\{5,\} C\)/g)).toHaveLength(2);
  expect(job.match(/WITHIN INTERVAL '30' MINUTE/g)).toHaveLength(2);
  // The alert topic is the sink's (named inside the pipeline's namespace).
  const alerts = parsed.spec.kafkaSinks[0].topic;
  expect(parsed.spec.topics.find(t => t.name === alerts)?.partitions).toBe(6);
});
