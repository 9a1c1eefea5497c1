import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../e2e-tests/support';

const run = promisify(execFile);
const STACK = path.join(REPO_ROOT, 'infra/local/stack');

/** `infra/local/stack <command> <component>`; throws with the stack's own output on failure. */
export async function stack(
  command: 'start' | 'stop',
  ...components: string[]
) {
  try {
    await run(STACK, [command, ...components], {
      cwd: REPO_ROOT,
      timeout: 900_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(
      `stack ${command} ${components.join(' ')} failed: ${e.message}\n${
        e.stderr ?? ''
      }${e.stdout ?? ''}`.slice(0, 4000),
    );
  }
}

/** SIGKILL of a component's whole process group: a crash, not a shutdown. */
export async function crash(component: string) {
  const { stdout } = await run(STACK, ['status', '--json', component], {
    cwd: REPO_ROOT,
  });
  const [entry] = JSON.parse(stdout) as { pid: number | null }[];
  if (!entry?.pid) throw new Error(`${component} has no process to kill`);
  process.kill(-entry.pid, 'SIGKILL');
}
