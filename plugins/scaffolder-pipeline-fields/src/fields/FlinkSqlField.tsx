import { lazy, Suspense, useMemo } from 'react';
import {
  Box,
  Button,
  CircularProgress,
  FormControl,
  FormHelperText,
  FormLabel,
  Typography,
} from '@material-ui/core';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  completionSchema,
  shapeParamsFromForm,
  shapeSelect,
} from '../formParams';
import { SelectCheckState, useSelectCheck } from './useSelectCheck';

// CodeMirror and its SQL language are a chunk of their own, loaded when a SQL field shows.
const SqlEditor = lazy(() => import('./SqlEditor'));

/** `ui:options` of a FlinkSqlField: whose SELECT it holds. */
export interface FlinkSqlFieldOptions {
  /** The use-case shape, e.g. `fraud-cep`. */
  shape: string;
  /** The derived table or Kafka sink whose SELECT this is. */
  table: string;
}

/** What the check says, in one line under the editor. */
function CheckStatus({
  check,
  testId,
}: {
  check: SelectCheckState;
  testId: string;
}) {
  if (check.state === 'waiting')
    return (
      <Typography variant="body2" color="textSecondary" data-testid={testId}>
        Checked by the Flink planner when you pause typing…
      </Typography>
    );
  if (check.state === 'checking')
    return (
      <Box display="flex" alignItems="center" data-testid={testId}>
        <CircularProgress size={16} aria-label="checking" />
        <Typography variant="body2" style={{ marginLeft: 8 }}>
          Checking with the Flink planner (EXPLAIN on the SQL Gateway)…
        </Typography>
      </Box>
    );
  if (check.state === 'failed')
    return (
      <FormHelperText error data-testid={testId}>
        Could not check the SELECT: {check.message}
      </FormHelperText>
    );
  const { result } = check;
  if (result.status === 'accepted')
    return (
      <Typography
        variant="body2"
        style={{ color: '#2e7d32' }}
        data-testid={testId}
      >
        ✓ Accepted by the Flink planner ({result.planLines} plan lines,{' '}
        {(result.elapsedMs / 1000).toFixed(1)} s)
      </Typography>
    );
  const where = result.position
    ? `Line ${result.position.line}, column ${result.position.column}: `
    : '';
  return (
    <FormHelperText error data-testid={testId} role="alert">
      {result.scope === 'form'
        ? `Fix the other answers first: ${result.message}`
        : `${where}${result.message}`}
    </FormHelperText>
  );
}

/**
 * A SELECT of the use-case spec (a derived table's or a Kafka sink's) in a Flink SQL editor.
 * Empty means the shape's own SELECT for the form's parameters, shown in the editor; editing
 * it makes it the team's. Each pause in typing asks the backend to plan it on the real SQL
 * Gateway within the spec the form describes; the planner's complaint is marked at its line.
 */
export function FlinkSqlField(
  props: FieldExtensionComponentProps<string, FlinkSqlFieldOptions>,
) {
  const { formData, onChange, uiSchema, schema, rawErrors, disabled } = props;
  const { shape, table } =
    uiSchema['ui:options'] ?? ({} as FlinkSqlFieldOptions);
  const formValues = (props.formContext as any)?.formData;
  const params = shapeParamsFromForm(formValues);
  const paramsKey = JSON.stringify(params);
  const generated = useMemo(
    () => shapeSelect(shape, JSON.parse(paramsKey), table) ?? '',
    [shape, table, paramsKey],
  );
  const completion = useMemo(
    () => completionSchema(shape, JSON.parse(paramsKey)),
    [shape, paramsKey],
  );
  const authored = formData ?? '';
  const check = useSelectCheck({ shape, params, table, select: authored });
  const problem =
    check.state === 'done' && check.result.status === 'rejected'
      ? check.result
      : undefined;
  const label = schema.title ?? `SELECT of ${table}`;

  return (
    <FormControl
      fullWidth
      margin="normal"
      error={Boolean(problem) || Boolean(rawErrors?.length)}
    >
      <FormLabel>{label}</FormLabel>
      {schema.description && (
        <Typography variant="body2" color="textSecondary">
          {schema.description}
        </Typography>
      )}
      <Box marginTop={1}>
        <Suspense
          fallback={<CircularProgress size={20} aria-label="loading editor" />}
        >
          <SqlEditor
            label={label}
            value={authored || generated}
            // Text equal to the shape's SELECT stays "the shape's": parameters keep applying.
            onChange={text => onChange(text === generated ? '' : text)}
            problem={
              problem?.scope === 'select'
                ? { message: problem.message ?? '', position: problem.position }
                : undefined
            }
            schema={completion}
            disabled={disabled}
          />
        </Suspense>
      </Box>
      <Box display="flex" alignItems="center" marginTop={1} style={{ gap: 12 }}>
        <Box flexGrow={1}>
          <CheckStatus check={check} testId={`sql-check-${table}`} />
        </Box>
        {authored ? (
          <Button size="small" onClick={() => onChange('')} disabled={disabled}>
            Use the shape’s SELECT
          </Button>
        ) : (
          <Typography variant="caption" color="textSecondary">
            The shape’s SELECT for the answers above; edit it to write your own.
          </Typography>
        )}
      </Box>
      {rawErrors?.map(e => (
        <FormHelperText key={e} error>
          {e}
        </FormHelperText>
      ))}
    </FormControl>
  );
}
