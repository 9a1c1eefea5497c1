import { trimMessage } from '../../lib/http';

// Flink answers errors as {"errors": ["<first line>\n\tat …", "<Exception on server side: …"]}.
// Useful words hide in the first line or a "Caused by:" line, behind wrapper exceptions
// of the REST and gateway plumbing.
const PLUMBING =
  /^(Internal server error\.?|.*(SqlGatewayException|SqlExecutionException: Failed to execute the operation|RestHandlerException: Failed to \w+|CompletionException|ExecutionException)\b.*)$/;

/** `{message, code}` from a Flink REST / SQL Gateway error body; code = exception simple name. */
export function readFlinkErrors(body: unknown): {
  message?: string;
  code?: string;
} {
  const errors = (body as { errors?: unknown })?.errors;
  if (!Array.isArray(errors)) return {};
  const lines: string[] = [];
  for (const raw of errors) {
    if (typeof raw !== 'string') continue;
    const text = raw.replace(/^<Exception on server side:\s*/, '');
    lines.push(text.split('\n')[0]);
    for (const m of text.matchAll(/^Caused by: (.*)$/gm)) lines.push(m[1]);
  }
  const meaningful = lines
    .map(l => l.trim())
    .filter(l => l && !PLUMBING.test(l));
  const chosen = meaningful[0] ?? lines.find(l => l.trim());
  if (!chosen) return {};
  // "org.apache.flink.table.api.ValidationException: msg" -> "ValidationException: msg"
  const m = chosen.match(/^(?:[a-z_$][\w$]*\.)+([A-Z][\w$]*)(?::\s*(.*))?$/s);
  if (!m) return { message: trimMessage(chosen) };
  return { message: trimMessage(m[2] ? `${m[1]}: ${m[2]}` : m[1]), code: m[1] };
}
