import { randomUUID } from 'node:crypto';
import { delay, http, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';

/** How the fake gateway answers an EXPLAIN. */
export type ExplainAnswer =
  | { plan: string }
  | { planner: string }
  | { hang: true };

/**
 * A Flink SQL Gateway (REST v2) for msw: sessions, statements and their result pages, as the
 * real one answers them. Every statement succeeds except EXPLAIN, which answers `explain`:
 * a plan, the planner's exception (in the gateway's wrapped error format), or never (NOT_READY).
 */
export function fakeSqlGateway(
  server: SetupServer,
  base: string,
  explain: () => ExplainAnswer,
) {
  const statements: string[] = [];
  const closedOperations: string[] = [];
  const closedSessions: string[] = [];
  const byOperation = new Map<string, string>();
  const sessions = { open: 0, mostOpen: 0 };
  const eos = (fields: unknown[][]) =>
    HttpResponse.json({
      resultType: 'EOS',
      isQueryResult: false,
      resultKind: 'SUCCESS_WITH_CONTENT',
      results: {
        columns: [
          {
            name: 'result',
            logicalType: { type: 'VARCHAR', nullable: true },
          },
        ],
        rowFormat: 'JSON',
        data: fields.map(f => ({ kind: 'INSERT', fields: f })),
      },
      nextResultUri: null,
    });
  server.use(
    http.post(`${base}/v2/sessions`, () => {
      sessions.open++;
      sessions.mostOpen = Math.max(sessions.mostOpen, sessions.open);
      return HttpResponse.json({ sessionHandle: randomUUID() });
    }),
    http.delete(`${base}/v2/sessions/:sh`, ({ params }) => {
      sessions.open--;
      closedSessions.push(String(params.sh));
      return HttpResponse.json({ status: 'CLOSED' });
    }),
    http.post(`${base}/v2/sessions/:sh/statements`, async ({ request }) => {
      const { statement } = (await request.json()) as { statement: string };
      statements.push(statement);
      const oh = randomUUID();
      byOperation.set(oh, statement);
      return HttpResponse.json({ operationHandle: oh });
    }),
    http.delete(
      `${base}/v2/sessions/:sh/operations/:oh/close`,
      ({ params }) => {
        closedOperations.push(String(params.oh));
        return HttpResponse.json({ status: 'CLOSED' });
      },
    ),
    http.get(
      `${base}/v2/sessions/:sh/operations/:oh/result/:token`,
      async ({ params }) => {
        const statement = byOperation.get(String(params.oh)) ?? '';
        if (!statement.startsWith('EXPLAIN')) return eos([['OK']]);
        const answer = explain();
        if ('plan' in answer) return eos([[answer.plan]]);
        if ('hang' in answer) {
          await delay(50);
          return HttpResponse.json({
            resultType: 'NOT_READY',
            results: { columns: [], data: [] },
            nextResultUri: `/v2/sessions/${params.sh}/operations/${params.oh}/result/0?rowFormat=JSON`,
          });
        }
        return HttpResponse.json(
          {
            errors: [
              'Internal server error.',
              `<Exception on server side:\norg.apache.flink.table.gateway.api.utils.SqlGatewayException: org.apache.flink.table.gateway.api.utils.SqlGatewayException: Failed to fetchResults.\n\tat org.apache.flink.table.gateway.rest.handler.statement.FetchResultsHandler.handleRequest(FetchResultsHandler.java:91)\nCaused by: org.apache.flink.table.gateway.service.utils.SqlExecutionException: Failed to execute the operation ${params.oh}.\nCaused by: ${answer.planner}\n\tat org.apache.flink.table.planner.delegation.ParserImpl.parse(ParserImpl.java:102)\n\nEnd of exception on server side>`,
            ],
          },
          { status: 500 },
        );
      },
    ),
  );
  return { statements, closedOperations, closedSessions, sessions };
}
