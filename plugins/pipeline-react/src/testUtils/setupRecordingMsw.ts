import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { setupServer } from 'msw/node';

/**
 * An msw server for one test file, plus every request it saw (cleared before each test), so a
 * test can check what was asked, or that nothing was.
 */
export function setupRecordingMsw() {
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
