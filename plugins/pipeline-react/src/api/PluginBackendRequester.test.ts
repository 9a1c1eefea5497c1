import { delay, http, HttpResponse } from 'msw';
import {
  mockBackendBaseUrl,
  mockBackendDeps,
  setupRecordingMsw,
} from '../testUtils';
import { DataPlatformApiError } from './DataPlatformApiError';
import { PluginBackendRequester } from './PluginBackendRequester';

const { server, requests } = setupRecordingMsw();
const base = mockBackendBaseUrl('flink');
const backend = new PluginBackendRequester('flink', mockBackendDeps());

/** What the call threw. */
const failure = (call: Promise<unknown>) =>
  call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: DataPlatformApiError) => error,
  );

describe('PluginBackendRequester', () => {
  it("GETs from the plugin's base URL, leaving out undefined query parameters", async () => {
    server.use(http.get(`${base}/details`, () => HttpResponse.json({ ok: 1 })));
    expect(
      await backend.get('/details', {
        entityRef: 'component:default/a b',
        checkpoints: 5,
        exceptions: undefined,
      }),
    ).toEqual({ ok: 1 });
    const url = new URL(requests[0].url);
    expect(url.pathname).toBe('/api/flink/details');
    expect([...url.searchParams]).toEqual([
      ['entityRef', 'component:default/a b'],
      ['checkpoints', '5'],
    ]);
  });

  it('sends no query string when there are no parameters', async () => {
    server.use(http.get(`${base}/fleet`, () => HttpResponse.json([])));
    await backend.get('/fleet', { only: undefined });
    expect(requests[0].url).toBe(`${base}/fleet`);
  });

  it('POSTs the body as JSON', async () => {
    server.use(
      http.post(`${base}/cancel`, async ({ request }) =>
        HttpResponse.json({ got: await request.json() }),
      ),
    );
    expect(await backend.post('/cancel', { entityRef: 'r' })).toEqual({
      got: { entityRef: 'r' },
    });
    expect(requests[0].headers.get('content-type')).toBe('application/json');
  });

  it("throws the backend's error message with the status", async () => {
    server.use(
      http.post(`${base}/rollback`, () =>
        HttpResponse.json(
          { error: { name: 'ConflictError', message: 'branch moved' } },
          { status: 409 },
        ),
      ),
    );
    const error = await failure(backend.post('/rollback', {}));
    expect(error).toBeInstanceOf(DataPlatformApiError);
    expect(error.message).toBe('branch moved');
    expect([error.status, error.conflict, error.upstreamDown]).toEqual([
      409,
      true,
      false,
    ]);
  });

  it('tells an upstream that is down (503) and a refusal (403) apart', async () => {
    server.use(
      http.get(`${base}/summary`, () =>
        HttpResponse.json(
          { error: { message: 'flink-rest: cannot reach it' } },
          { status: 503 },
        ),
      ),
      http.post(`${base}/cancel`, () =>
        HttpResponse.json({ error: { message: 'no' } }, { status: 403 }),
      ),
    );
    const down = await failure(backend.get('/summary'));
    const refused = await failure(backend.post('/cancel', {}));
    expect([down.upstreamDown, down.forbidden]).toEqual([true, false]);
    expect([refused.upstreamDown, refused.forbidden]).toEqual([false, true]);
  });

  it('uses a plain-text body, cut short, as the message when it is not JSON', async () => {
    server.use(
      http.get(
        `${base}/summary`,
        () => new HttpResponse('x'.repeat(1000), { status: 502 }),
      ),
    );
    const error = await failure(backend.get('/summary'));
    expect(error.status).toBe(502);
    expect(error.message).toBe('x'.repeat(300));
  });

  it('uses the status text when the error has no body', async () => {
    server.use(
      http.get(
        `${base}/summary`,
        () => new HttpResponse(null, { status: 500, statusText: 'Boom' }),
      ),
    );
    expect((await failure(backend.get('/summary'))).message).toBe('Boom');
  });

  it('aborts a call that takes longer than its timeout', async () => {
    const impatient = new PluginBackendRequester('flink', mockBackendDeps(), {
      timeoutMs: 20,
    });
    server.use(
      http.get(`${base}/summary`, async () => {
        await new Promise(resolve => setTimeout(resolve, 500));
        return HttpResponse.json({});
      }),
    );
    await expect(impatient.get('/summary')).rejects.toThrow();
  });

  it("aborts a call when the caller's signal fires (a newer request replaces it)", async () => {
    server.use(
      http.post(`${base}/select-check`, async () => {
        await delay(2000);
        return HttpResponse.json({ status: 'accepted' });
      }),
    );
    const caller = new AbortController();
    const call = backend.post('/select-check', { select: 'SELECT 1' }, caller);
    setTimeout(() => caller.abort(), 50);
    await expect(call).rejects.toThrow(/abort/i);
    expect(requests[0].signal.aborted).toBe(true);
  });
});
