import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/backend-test-utils';

/** An msw server for one test file, plus every request it saw (to prove "no request sent"). */
export function setupMsw() {
  const server = setupServer();
  registerMswTestHooks(server);
  const requests: Request[] = [];
  server.events.on('request:start', ({ request }) => {
    requests.push(request);
  });
  beforeEach(() => {
    requests.length = 0;
  });
  return { server, requests };
}

/** Runs `fn` and returns what it threw (fails the test if it did not throw). */
export async function caught(fn: () => Promise<unknown>): Promise<Error> {
  try {
    await fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to throw');
}
