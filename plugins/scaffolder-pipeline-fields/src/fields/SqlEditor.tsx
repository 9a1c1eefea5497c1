import { useEffect, useRef } from 'react';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { MySQL, sql, SQLDialect } from '@codemirror/lang-sql';
import {
  bracketMatching,
  defaultHighlightStyle,
  syntaxHighlighting,
} from '@codemirror/language';
import { Diagnostic, lintGutter, setDiagnostics } from '@codemirror/lint';
import { Compartment, EditorState } from '@codemirror/state';
import {
  EditorView,
  highlightActiveLine,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import type { SqlPosition } from '@internal/backstage-plugin-pipeline-common';

/**
 * Flink SQL as CodeMirror should colour it: SQL with backtick-quoted names (MySQL's dialect
 * has both, and the standard keywords), no MySQL string escapes or `#` comments, and Flink's
 * streaming words (MATCH_RECOGNIZE, windows, temporal joins).
 */
const FlinkSQL = SQLDialect.define({
  ...MySQL.spec,
  identifierQuotes: '`',
  backslashEscapes: false,
  hashComments: false,
  keywords: `${MySQL.spec.keywords} match_recognize measures pattern define within after skip past last row rows per match one first proctime match_proctime watermark lateral unnest interval system_time tumble hop cumulate session descriptor`,
});

export interface SqlEditorProps {
  value: string;
  onChange(value: string): void;
  /** The field's label, read by screen readers (and tests) on the editable area. */
  label: string;
  /** The planner's (or the rule's) complaint, marked at its place. */
  problem?: { message: string; position?: SqlPosition };
  /** Tables and their columns for completion. */
  schema?: Record<string, string[]>;
  disabled?: boolean;
}

/** Character range of a 1-based line/column place in the document, clamped to it. */
function rangeOf(view: EditorView, p: SqlPosition) {
  const doc = view.state.doc;
  const line = doc.line(Math.min(Math.max(p.line, 1), doc.lines));
  const from = Math.min(line.from + Math.max(p.column - 1, 0), line.to);
  if (p.endLine && p.endColumn) {
    const end = doc.line(Math.min(Math.max(p.endLine, 1), doc.lines));
    // The planner's end column is inclusive.
    return {
      from,
      to: Math.max(from, Math.min(end.from + p.endColumn, end.to)),
    };
  }
  const word = /^[`\w$.]+/.exec(doc.sliceString(from, line.to));
  return { from, to: from + Math.max(word?.[0].length ?? 1, 1) };
}

/**
 * CodeMirror 6 with Flink SQL highlighting, line numbers, completion of the spec's tables and
 * columns, and the problem marked at its line. Loaded lazily (its own chunk) by FlinkSqlField.
 */
export default function SqlEditor(props: SqlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView>();
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  const language = useRef(new Compartment());
  const schemaKey = JSON.stringify(props.schema ?? {});

  useEffect(() => {
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: props.value,
        extensions: [
          lineNumbers(),
          history(),
          highlightActiveLine(),
          bracketMatching(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          language.current.of(
            sql({
              dialect: FlinkSQL,
              schema: props.schema,
              upperCaseKeywords: true,
            }),
          ),
          lintGutter(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          EditorState.readOnly.of(Boolean(props.disabled)),
          EditorView.contentAttributes.of({ 'aria-label': props.label }),
          EditorView.updateListener.of(update => {
            if (update.docChanged)
              onChange.current(update.state.doc.toString());
          }),
          EditorView.theme({
            '&': {
              border: '1px solid rgba(127,127,127,0.5)',
              borderRadius: '4px',
            },
            '.cm-content': { fontFamily: 'monospace', minHeight: '12em' },
            '.cm-scroller': { maxHeight: '28em', overflow: 'auto' },
          }),
        ],
      }),
    });
    view.current = editor;
    return () => editor.destroy();
    // The editor is created once; value, problem and schema changes are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== props.value)
      editor.dispatch({
        changes: { from: 0, to: editor.state.doc.length, insert: props.value },
      });
  }, [props.value]);

  // Picked columns change what completion offers.
  useEffect(() => {
    view.current?.dispatch({
      effects: language.current.reconfigure(
        sql({
          dialect: FlinkSQL,
          schema: JSON.parse(schemaKey),
          upperCaseKeywords: true,
        }),
      ),
    });
  }, [schemaKey]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const diagnostics: Diagnostic[] =
      props.problem?.position !== undefined
        ? [
            {
              ...rangeOf(editor, props.problem.position),
              severity: 'error',
              message: props.problem.message,
            },
          ]
        : [];
    editor.dispatch(setDiagnostics(editor.state, diagnostics));
  }, [props.problem, props.value]);

  return <div ref={host} data-testid="sql-editor" />;
}
