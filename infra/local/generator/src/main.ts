/**
 * The stack's traffic generator (infra/local component `generator`): GENERATOR_RATE changes per
 * second (default 2) across MariaDB (customers, orders, inventory), PostgreSQL (payments,
 * tickets), Cassandra (inventory deltas) and the event stream `behavior`, including the fraud
 * pattern.
 */
import { ChangeApplier } from './apply';
import { DEFAULT_WORLD, TrafficModel } from './model';
import { endpointsFromEnv, openSinks } from './sinks';

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

async function main() {
  const rate = Number(process.env.GENERATOR_RATE ?? 2);
  if (!(rate > 0 && rate <= 200))
    throw new Error(
      `GENERATOR_RATE must be in (0, 200], got ${process.env.GENERATOR_RATE}`,
    );
  const sinks = await openSinks(endpointsFromEnv());
  const applier = new ChangeApplier(sinks);
  await applier.ensureWorld(DEFAULT_WORLD);
  const model = new TrafficModel();
  const counts: Record<string, number> = {};
  let stopping = false;
  const stop = () => {
    stopping = true;
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdout.write(
    `${new Date().toISOString()} generating ${rate} changes/s\n`,
  );
  let n = 0;
  let errors = 0;
  const periodMs = 1000 / rate;
  let next = Date.now();
  while (!stopping) {
    const change = model.next();
    try {
      await applier.apply(change);
      counts[change.kind] = (counts[change.kind] ?? 0) + 1;
    } catch (error) {
      errors++;
      process.stderr.write(
        `${new Date().toISOString()} ${change.kind} failed: ${
          (error as Error).message
        }\n`,
      );
    }
    n++;
    if (n % Math.max(1, Math.round(rate * 60)) === 0)
      process.stdout.write(
        `${new Date().toISOString()} ${n} changes (${errors} failed) ${JSON.stringify(
          counts,
        )}\n`,
      );
    next += periodMs;
    await sleep(Math.max(0, next - Date.now()));
  }
  await sinks.close();
}

main().catch(error => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
