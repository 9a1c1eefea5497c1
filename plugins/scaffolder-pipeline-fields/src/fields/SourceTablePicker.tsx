import { useEffect, useMemo, useState } from 'react';
import {
  Checkbox,
  CircularProgress,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
  InputLabel,
  MenuItem,
  Select,
  Typography,
} from '@material-ui/core';
import { useApi } from '@backstage/frontend-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import type {
  SourceColumn,
  SourceTablePick,
} from '@internal/backstage-plugin-pipeline-common';
import { pipelineFormsApiRef } from '../api/PipelineFormsApi';
import { shapeSourceTable } from '../formParams';

/** `ui:options` of a SourceTablePicker: which copy table of which shape it feeds. */
export interface SourceTablePickerOptions {
  shape: string;
  /** The shape's Paimon copy table, e.g. `fraud_orders`. */
  copyTable: string;
}

type Loaded<T> =
  | { state: 'loading' }
  | { state: 'ready'; value: T }
  | { state: 'failed'; message: string };

function useLoad<T>(load: (() => Promise<T>) | undefined, key: string) {
  const [state, setState] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    if (!load) return undefined;
    let current = true;
    setState({ state: 'loading' });
    load().then(
      value => current && setState({ state: 'ready', value }),
      (e: Error) =>
        current && setState({ state: 'failed', message: e.message }),
    );
    return () => {
      current = false;
    };
    // `key` names what `load` loads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state;
}

const pick = (
  source: string,
  table: string,
  all: SourceColumn[],
  names: string[],
): SourceTablePick => ({
  source,
  table,
  primaryKey: all.filter(c => c.primaryKey).map(c => c.name),
  columns: all
    .filter(c => c.primaryKey || names.includes(c.name))
    .map(c => ({ name: c.name, type: c.type, nullable: c.nullable })),
});

/**
 * The source table a copy table of the shape reads, and its columns, picked from the real
 * source schema (the trino backend reads it through Trino's read-only catalogs). The value
 * carries each picked column with the type the source declares, as the spec wants it; the
 * primary key is always picked. Until the user changes anything, it holds the shape's table
 * and columns with their real types.
 */
export function SourceTablePicker(
  props: FieldExtensionComponentProps<
    SourceTablePick,
    SourceTablePickerOptions
  >,
) {
  const {
    formData,
    onChange,
    uiSchema,
    schema,
    rawErrors,
    disabled,
    idSchema,
  } = props;
  const api = useApi(pipelineFormsApiRef);
  const { shape, copyTable } =
    uiSchema['ui:options'] ?? ({} as SourceTablePickerOptions);
  const initial = useMemo(
    () => shapeSourceTable(shape, copyTable),
    [shape, copyTable],
  );
  const source = formData?.source ?? initial?.source ?? '';
  const table = formData?.table ?? initial?.table ?? '';

  const sources = useLoad(() => api.listSources(), 'sources');
  const tables = useLoad(
    source ? () => api.listTables(source) : undefined,
    `tables:${source}`,
  );
  const columns = useLoad(
    source && table ? () => api.listColumns(source, table) : undefined,
    `columns:${source}:${table}`,
  );

  // First load: the shape's columns with the types the source really has.
  useEffect(() => {
    if (formData || columns.state !== 'ready' || !initial) return;
    if (columns.value.table !== initial.table) return;
    onChange(pick(source, table, columns.value.columns, initial.columns));
  }, [formData, columns, initial, onChange, source, table]);

  const title =
    sources.state === 'ready'
      ? sources.value.sources.find(s => s.name === source)?.title ?? source
      : source;
  const picked = new Set(formData?.columns.map(c => c.name) ?? []);
  const id = idSchema?.$id ?? `source-${copyTable}`;

  const chooseTable = (next: string) =>
    // A new table: every column until the user unticks some (loaded below).
    api
      .listColumns(source, next)
      .then(r =>
        onChange(
          pick(
            source,
            next,
            r.columns,
            r.columns.map(c => c.name),
          ),
        ),
      )
      .catch(() => undefined);

  const toggle = (column: SourceColumn) => {
    if (columns.state !== 'ready') return;
    const names = picked.has(column.name)
      ? [...picked].filter(n => n !== column.name)
      : [...picked, column.name];
    onChange(pick(source, table, columns.value.columns, names));
  };

  return (
    <FormControl
      fullWidth
      margin="normal"
      error={Boolean(rawErrors?.length) || columns.state === 'failed'}
      component="fieldset"
    >
      <FormLabel component="legend">
        {schema.title ?? `Source of ${copyTable}`}
      </FormLabel>
      {schema.description && (
        <Typography variant="body2" color="textSecondary">
          {schema.description}
        </Typography>
      )}
      <Typography variant="body2" style={{ marginTop: 8 }}>
        Source: <strong>{title}</strong>
      </Typography>
      <FormControl
        margin="dense"
        disabled={disabled || tables.state !== 'ready'}
      >
        <InputLabel id={`${id}-table-label`}>Table</InputLabel>
        <Select
          labelId={`${id}-table-label`}
          value={tables.state === 'ready' ? table : ''}
          onChange={e => chooseTable(String(e.target.value))}
          inputProps={{ 'aria-label': `Table of ${copyTable}` }}
        >
          {tables.state === 'ready' &&
            tables.value.tables.map(t => (
              <MenuItem key={t} value={t}>
                {t}
              </MenuItem>
            ))}
        </Select>
      </FormControl>
      {tables.state === 'failed' && (
        <FormHelperText error>
          Could not list tables: {tables.message}
        </FormHelperText>
      )}
      {columns.state === 'loading' && (
        <CircularProgress size={20} aria-label="loading columns" />
      )}
      {columns.state === 'failed' && (
        <FormHelperText error>
          Could not read the columns of {table}: {columns.message}
        </FormHelperText>
      )}
      {columns.state === 'ready' && (
        <FormGroup aria-label={`Columns of ${table}`}>
          {columns.value.columns.map(c => (
            <FormControlLabel
              key={c.name}
              control={
                <Checkbox
                  size="small"
                  checked={c.primaryKey || picked.has(c.name)}
                  disabled={disabled || c.primaryKey}
                  onChange={() => toggle(c)}
                  inputProps={{ 'aria-label': c.name }}
                />
              }
              label={
                <span>
                  <code>{c.name}</code>{' '}
                  <Typography
                    component="span"
                    variant="caption"
                    color="textSecondary"
                  >
                    {c.type}
                    {c.nullable ? '' : ' not null'}
                    {c.primaryKey ? ' · primary key' : ''}
                  </Typography>
                </span>
              }
            />
          ))}
        </FormGroup>
      )}
      {rawErrors?.map(e => (
        <FormHelperText key={e} error>
          {e}
        </FormHelperText>
      ))}
    </FormControl>
  );
}
