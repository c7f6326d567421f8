import { sql, type Kysely } from 'kysely';
import { parseArgs } from 'node:util';
import type { DB } from '../db/schema.js';
import { migrate } from '../db/migrator.js';
import { seedDemo } from '../demo/demo-seed.js';
import { SYNTHETIC_DATA_SOURCE } from '../market-data/synthetic-source.js';
import { REAL_DEMO_USER, seedRealDemo } from '../demo/real-demo.js';
import { isIsoDate, isoDateInZone } from '../market-data/types.js';
import { UsageError, type CliIo } from './cli-io.js';
import { openRuntime } from './runtime.js';

export const DEMO_USAGE = `sigmasight demo seed      write the demo users, portfolios and two years of synthetic prices (idempotent)
  --today YYYY-MM-DD      the last day of the generated prices (default: the last session closed in New York)
  --real                  instead, the Dow 30 demo on real 1991-2000 prices (user demo_dow); use its own
                          database: SIGMASIGHT_DATA_DIR=.sigmasight-real npx sigmasight demo seed --real`;

/**
 * The two demos share tickers (MSFT, IBM, JPM, ...): in one database, "latest price" would value the
 * real 1990s positions at synthetic prices. Each demo therefore refuses a database holding the other.
 */
async function otherDemoPresent(db: Kysely<DB>, real: boolean): Promise<boolean> {
  const r = real
    ? await sql<{ n: number }>`select count(*)::int as n from (select 1 from market_data_cache where data_source = ${SYNTHETIC_DATA_SOURCE} limit 1) x`.execute(db)
    : await sql<{ n: number }>`select count(*)::int as n from (select 1 from market_data_cache where data_source like 'real-%' limit 1) x`.execute(db);
  return r.rows[0].n > 0;
}

/** `sigmasight demo seed [--real]`. Migrates first, so it works on an empty database. */
export async function demoCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'seed') throw new UsageError(`unknown demo command "${sub ?? ''}"\n${DEMO_USAGE}`);
  const { values } = parseArgs({ args: rest, options: { today: { type: 'string' }, real: { type: 'boolean', default: false } }, strict: true });
  if (values.today !== undefined) {
    if (!isIsoDate(values.today)) throw new UsageError(`--today must be a calendar date YYYY-MM-DD, got "${values.today}"`);
    const now = isoDateInZone(Date.now(), 'America/New_York');
    if (values.today > now) throw new UsageError(`--today ${values.today} is in the future (today is ${now} in New York): prices exist only for days that have happened`);
  }
  if (values.real && values.today !== undefined) throw new UsageError('--today does not apply to --real (its prices end on 2001-01-02)');
  const rt = await openRuntime();
  try {
    await migrate(rt.database.db);
    if (await otherDemoPresent(rt.database.db, values.real)) {
      io.err(
        `sigmasight: this database (${rt.database.location}) already holds the ${values.real ? 'synthetic' : 'real-data'} demo; ` +
          'the two share tickers, so seed this one into its own database (another SIGMASIGHT_DATA_DIR or DATABASE_URL).',
      );
      return 1;
    }
    if (values.real) {
      const r = await seedRealDemo(rt.database.db);
      io.out(`Real-data demo as of ${r.asOf}: ${r.userCreated ? 1 : 0} user, ${r.portfolioCreated ? 1 : 0} portfolio, ${r.positionsCreated} position(s) created; ${r.barsWritten} price bars and ${r.betasWritten} market betas written.`);
      io.out(`Login: ${REAL_DEMO_USER.username} / demo123`);
      return 0;
    }
    const r = await seedDemo(rt.database.db, { today: values.today });
    io.out(`Demo data through ${r.through}: ${r.usersCreated} user(s), ${r.portfoliosCreated} portfolio(s), ${r.positionsCreated} position(s) created; ${r.barsWritten} price bars for ${r.symbols} symbols written (new or refreshed).`);
    io.out('Demo logins (password demo123): demo_growth, demo_value, demo_balanced');
    return 0;
  } finally {
    await rt.close();
  }
}
