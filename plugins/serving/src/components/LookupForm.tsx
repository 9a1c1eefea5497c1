import { useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { Alert, Button, Flex, Text, TextField } from '@backstage/ui';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  DataPlatformApiError,
  SimpleTable,
} from '@internal/backstage-plugin-pipeline-react';
import type {
  ServingLookupField,
  ServingLookupResult,
  ServingStoreKind,
} from '@internal/backstage-plugin-pipeline-common';
import { servingApiRef } from '../api/ServingApi';
import { cellText, errorText } from './format';

/** Rows a lookup asks for: a handful is what an agent or the OMS reads. */
const LOOKUP_LIMIT = 20;

function lookupError(error: unknown): string {
  if (error instanceof DataPlatformApiError && error.forbidden)
    return 'You are not allowed to look up rows of this entity (permission dataplatform.serving.lookup; signed-in users only).';
  return errorText(error);
}

function Rows({ result }: { result: ServingLookupResult }) {
  const names = [...new Set(result.rows.flatMap(r => Object.keys(r)))];
  const rows = result.rows.map((row, i) => ({ row, i }));
  return (
    <Flex direction="column" gap="2">
      <Text variant="body-small" color="secondary">
        {result.rows.length === 0
          ? 'No row for this key.'
          : `${result.rows.length} row${result.rows.length === 1 ? '' : 's'}${
              result.truncated ? ` (first ${result.limit}; more match)` : ''
            }`}{' '}
        — <code>{result.query}</code>
      </Text>
      {result.rows.length > 0 && (
        <div style={{ overflowX: 'auto' }}>
          <SimpleTable
            label="Lookup rows"
            columns={names.map(name => ({
              title: name,
              render: ({ row }: { row: Record<string, unknown> }) => (
                <code style={{ fontSize: 12 }}>{cellText(row[name])}</code>
              ),
            }))}
            rows={rows}
            rowId={r => String(r.i)}
            empty="No row for this key."
          />
        </div>
      )}
    </Flex>
  );
}

/**
 * Lookup by key, read-only and row-limited: the OMS's "stock of this SKU" (Cassandra, by
 * primary key) or the support agent's "show me this customer's case" (a CouchDB view by key).
 * Only the entity's own table or view: the backend resolves it from the entity.
 */
export function LookupForm(props: {
  entityRef: string;
  targetId: string;
  store: ServingStoreKind;
  fields: ServingLookupField[];
  via: string;
}) {
  const { entityRef, targetId, store, fields, via } = props;
  const api = useApi(servingApiRef);
  const [values, setValues] = useState<Record<string, string>>({});
  const [run, execute] = useAsyncFn(
    () =>
      api.lookup({
        entityRef,
        target: targetId,
        key: Object.fromEntries(
          fields.map(f => [f.name, (values[f.name] ?? '').trim()]),
        ),
        limit: LOOKUP_LIMIT,
      }),
    [api, entityRef, targetId, fields, values],
  );
  const ready = fields
    .filter(f => f.required)
    .every(f => (values[f.name] ?? '').trim() !== '');
  const what = store === 'couchdb' ? `view ${via}` : `table ${via}`;
  return (
    <form
      aria-label={`Look up in ${targetId}`}
      onSubmit={e => {
        e.preventDefault();
        if (ready) execute();
      }}
    >
      <Flex direction="column" gap="2">
        <Text variant="body-small" weight="bold">
          Look up by key
        </Text>
        <Flex align="end" gap="2" style={{ flexWrap: 'wrap' }}>
          {fields.map(f => (
            <div key={f.name} style={{ width: 200 }}>
              <TextField
                size="small"
                label={f.name === 'key' && store === 'couchdb' ? 'Key' : f.name}
                secondaryLabel={f.required ? 'required' : f.type}
                description={f.required ? f.type : undefined}
                value={values[f.name] ?? ''}
                onChange={v => setValues(s => ({ ...s, [f.name]: v }))}
              />
            </div>
          ))}
          <Button
            type="submit"
            size="small"
            variant="secondary"
            isDisabled={!ready || run.loading}
          >
            {run.loading ? 'Looking up…' : 'Look up'}
          </Button>
        </Flex>
        <Text variant="body-x-small" color="secondary">
          Read-only, at most {LOOKUP_LIMIT} rows, from the {what} only.
        </Text>
        {run.error && (
          <Alert
            status="danger"
            title="Lookup failed"
            description={lookupError(run.error)}
          />
        )}
        {run.value && <Rows result={run.value} />}
      </Flex>
    </form>
  );
}
