import { parseArgs } from 'node:util';
import { migrate } from '../db/migrator.js';
import { seedDemo } from '../demo/demo-seed.js';
import { UsageError, type CliIo } from './cli-io.js';
import { openRuntime } from './runtime.js';

export const DEMO_USAGE = `sigmasight demo seed      write the demo users, portfolios and two years of synthetic prices (idempotent)
  --today YYYY-MM-DD      the last day of the generated prices (default: today)`;

/** `sigmasight demo seed`. Migrates first, so it works on an empty database. */
export async function demoCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'seed') throw new UsageError(`unknown demo command "${sub ?? ''}"\n${DEMO_USAGE}`);
  const { values } = parseArgs({ args: rest, options: { today: { type: 'string' } }, strict: true });
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw new UsageError(`--today must be YYYY-MM-DD, got "${values.today}"`);
  const rt = await openRuntime();
  try {
    await migrate(rt.database.db);
    const r = await seedDemo(rt.database.db, { today: values.today });
    io.out(`Demo data through ${r.through}: ${r.usersCreated} user(s), ${r.portfoliosCreated} portfolio(s), ${r.positionsCreated} position(s) created; ${r.barsWritten} price bars for ${r.symbols} symbols written.`);
    io.out('Demo logins (password demo123): demo_growth, demo_value, demo_balanced');
    return 0;
  } finally {
    await rt.close();
  }
}
