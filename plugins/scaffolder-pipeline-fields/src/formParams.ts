import {
  parsePipelineSpec,
  ShapeParams,
  specForShape,
} from '@internal/backstage-plugin-pipeline-common';

/**
 * The use-case templates name their form fields after the spec-for-shape action's inputs
 * (name, owner, cep, sourceTables, ...), so the form's data is the action's input: the fields
 * send it as it is to the backend, which parses it with the same schema the action uses.
 */
const PARAM_KEYS = [
  'name',
  'owner',
  'description',
  'catalogDatabase',
  'domain',
  'checkpointSeconds',
  'freshnessSeconds',
  'partitions',
  'cep',
  'interest',
  'sourceTables',
] as const;

/** The form's answers that shape the spec (without `selects`: each SQL field sends its own). */
export function shapeParamsFromForm(
  formData: Record<string, unknown> | undefined,
): ShapeParams {
  const params: Record<string, unknown> = {};
  for (const key of PARAM_KEYS)
    if (formData?.[key] !== undefined) params[key] = formData[key];
  return params as unknown as ShapeParams;
}

/** Names the preview spec needs when the form has none yet (they change no SQL). */
const PREVIEW = { name: 'form-preview', owner: 'group:default/form-preview' };

/** The shape's spec for the form's parameters, or undefined while they make none. */
function previewSpec(shape: string, params: ShapeParams) {
  try {
    const parsed = parsePipelineSpec(
      specForShape(shape, { ...params, ...PREVIEW, selects: undefined }),
    );
    return parsed.success ? parsed.spec : undefined;
  } catch {
    return undefined;
  }
}

/** The shape's own SELECT of a table for the form's parameters (what an empty SQL field means). */
export function shapeSelect(
  shape: string,
  params: ShapeParams,
  table: string,
): string | undefined {
  const spec =
    previewSpec(shape, params) ??
    // Parameters out of range: show the SELECT of the shape's defaults meanwhile.
    previewSpec(shape, {} as ShapeParams);
  return [...(spec?.derivedTables ?? []), ...(spec?.kafkaSinks ?? [])].find(
    t => t.name === table,
  )?.select;
}

/**
 * Tables and columns the SELECT may name (streams, copy tables, derived tables, sinks), for
 * the editor's completion.
 */
export function completionSchema(
  shape: string,
  params: ShapeParams,
): Record<string, string[]> {
  const spec =
    previewSpec(shape, params) ?? previewSpec(shape, {} as ShapeParams);
  if (!spec) return {};
  const schema: Record<string, string[]> = {};
  for (const s of spec.streams)
    schema[s.name] = [
      ...s.columns.map(c => c.name),
      ...(s.processingTimeColumn ? [s.processingTimeColumn] : []),
    ];
  for (const t of spec.paimonTables) {
    const source = spec.sources.find(s => s.name === t.from.source);
    const table = source?.tables.find(x => x.name === t.from.table);
    schema[t.name] = t.columns ?? table?.columns.map(c => c.name) ?? [];
  }
  for (const t of [...spec.derivedTables, ...spec.kafkaSinks])
    schema[t.name] = t.columns.map(c => c.name);
  return schema;
}

/** The source table and columns a copy table of the shape reads by default. */
export function shapeSourceTable(
  shape: string,
  copyTable: string,
): { source: string; table: string; columns: string[] } | undefined {
  const spec = previewSpec(shape, {} as ShapeParams);
  const copy = spec?.paimonTables.find(t => t.name === copyTable);
  if (!spec || !copy) return undefined;
  const table = spec.sources
    .find(s => s.name === copy.from.source)
    ?.tables.find(t => t.name === copy.from.table);
  return {
    source: copy.from.source,
    table: copy.from.table,
    columns: copy.columns ?? table?.columns.map(c => c.name) ?? [],
  };
}
