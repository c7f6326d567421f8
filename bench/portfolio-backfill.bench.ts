/**
 * One portfolio's 504-day backfill (issue 8's target: under 2 s), on PostgreSQL: a portfolio of 30
 * positions (20 stocks long or short and 10 unquoted options on them) over the 504 trading days
 * ending on BENCH_DATE, the symbol phase stored for each day first (not timed). Timed: the range
 * refresh (`refreshPortfolioRange` as built in dist/, the path of `batch run --phase portfolios --from --to` and the
 * first start's backfill) writing the days new in a fresh process, then replacing them REPS times
 * (3; the days computed in worker threads, then in this thread only; the medians are a running
 * worker's figures); the same through the built
 * command (`sigmasight batch run --phase portfolios`; run `npm run build` first); and, for comparison, the daily
 * refresh day by day over the last DAILY days (extrapolated to 504).
 *
 * Run: npm run build && npx tsx bench/portfolio-backfill.bench.ts [days=504] [daily=40]; REPS=n;
 * PROFILE=file.cpuprofile profiles the range refreshes; HOLD=file, after the set-up, writes the
 * database's URL, the portfolio's id and the days to `file` and waits until the file is deleted (to
 * time or profile the command by hand meanwhile; its days are then stored, so the "new days" pass
 * replaces them).
 * PostgreSQL as bench/server-database.ts says (a fresh database, dropped afterwards).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { createRng } from '../src/analytics/random.js';
import type * as PortfolioRefresh from '../src/batch/portfolio/portfolio-refresh.js';
import type * as CopyBinary from '../src/db/copy-binary.js';
import type * as DatabaseModule from '../src/db/database.js';
import { refreshFactorCovariance } from '../src/batch/symbol/factor-covariance.js';
import { refreshFactorExposures } from '../src/batch/symbol/factor-exposures.js';
import type { NewPosition } from '../src/db/schema.js';
import { insertNewBars, type StoredBar } from '../src/market-data/prices.repository.js';
import { tradingDays } from '../src/market-data/trading-calendar.js';
import { packageRoot } from '../src/package-root.js';
import { factorMarket } from './factor-market.js';
import { postgresCpuSeconds, withServerDatabase } from './server-database.js';

const DAYS = Number(process.argv[2] ?? 504);
const DAILY = Number(process.argv[3] ?? 40);
const BENCH_DATE = '2024-12-31';
const settings = { riskFreeRate: 0.04 };
const load = () => loadavg()[0].toFixed(1);
const MAIN = path.join(packageRoot(), 'dist', 'src', 'cli', 'main.js');
// The timed refreshes run the built code, as `sigmasight` does: from the sources its worker threads
// would compile the TypeScript through tsx first, a cost no deployment has. The database is opened by
// the built code too: its pool's clients lend themselves to the binary COPY of their own copy only.
const built = (file: string) => pathToFileURL(path.join(packageRoot(), 'dist', 'src', file)).href;
const { refreshPortfolio, refreshPortfolioRange } = (await import(built('batch/portfolio/portfolio-refresh.js'))) as typeof PortfolioRefresh;
const { openDatabase } = (await import(built('db/database.js'))) as typeof DatabaseModule;
const { copyLayout } = (await import(built('db/copy-binary.js'))) as typeof CopyBinary;

await withServerDatabase(async (database, url) => {
  const db = database.db;
  const t0 = performance.now();
  const dates = tradingDays('2020-01-01', BENCH_DATE).slice(-(DAYS + 300));
  const days = dates.slice(-DAYS);
  const rng = createRng(11);
  const market = factorMarket(rng, dates);
  await db.transaction().execute((trx) => insertNewBars(trx, market.etfBars()));
  const stocks = Array.from({ length: 20 }, (_, i) => `S${String(i).padStart(3, '0')}`);
  const first = new Map<string, number>();
  const bars: StoredBar[] = [];
  for (const s of stocks) {
    const p = market.stock();
    first.set(s, p[dates.length - DAYS]);
    p.forEach((x, t) => bars.push(market.bar(s, t, x)));
  }
  await db.transaction().execute((trx) => insertNewBars(trx, bars));
  await db.insertInto('symbol_universe').values(stocks.map((symbol, i) => ({ symbol, status: 'active' as const, added_source: 'admin' as const, sector: `Sector ${i % 11}` }))).execute();
  for (const date of days) {
    const betas = await refreshFactorExposures(db, stocks, date);
    const cov = await refreshFactorCovariance(db, date);
    if (!betas.ok || !cov.ok) throw new Error(`symbol phase of ${date} failed`);
  }
  const user = await db.insertInto('users').values({ email: 'bench@example.com', username: 'bench', password_hash: `$2b$10$${'a'.repeat(53)}` }).returning('id').executeTakeFirstOrThrow();
  const portfolio = await db.insertInto('portfolios').values({ user_id: user.id, name: 'Backfill', equity_balance: 1_000_000 }).returning('id').executeTakeFirstOrThrow();
  const rows: NewPosition[] = stocks.map((s, i) => {
    const long = i % 3 !== 0;
    const qty = Math.max(1, Math.round(30_000 / first.get(s)!)) * (long ? 1 : -1);
    return { portfolio_id: portfolio.id, symbol: s, position_type: long ? 'LONG' : 'SHORT', quantity: qty, entry_price: first.get(s)!, entry_date: days[0] };
  });
  for (let o = 0; o < 10; o++) {
    const s = stocks[o];
    const call = o % 2 === 0;
    const long = o % 3 !== 0;
    const strike = Math.round(first.get(s)! * (call ? 1.05 : 0.95));
    rows.push({
      portfolio_id: portfolio.id, symbol: `${s}260320${call ? 'C' : 'P'}${String(strike * 1000).padStart(8, '0')}`, position_type: call ? (long ? 'LC' : 'SC') : (long ? 'LP' : 'SP'),
      quantity: long ? 5 : -5, investment_class: 'OPTIONS', underlying_symbol: s, strike_price: strike, expiration_date: '2026-03-20', option_type: call ? 'CALL' : 'PUT',
      entry_price: 3, entry_date: days[0],
    });
  }
  await db.insertInto('positions').values(rows).execute();
  await sql`vacuum analyze`.execute(db);
  console.log(`set up ${stocks.length} stocks + 9 ETFs x ${dates.length} days, the symbol phase for ${days.length} days, one portfolio of ${rows.length} positions in ${((performance.now() - t0) / 1000).toFixed(1)} s (not timed); load ${load()}`);
  // The refreshes write their rows by binary COPY, as on any PostgreSQL database sigmasight opens.
  if ((await copyLayout(db)) === null) throw new Error('the built code cannot COPY on this database: the bench would time the portable write path');

  if (process.env.HOLD) {
    writeFileSync(process.env.HOLD, JSON.stringify({ url, portfolio: portfolio.id, from: days[0], to: days.at(-1) }));
    while (existsSync(process.env.HOLD)) await new Promise((r) => setTimeout(r, 500));
  }
  // PROFILE=<file>: a CPU profile of the timed range refreshes only (Chrome DevTools' .cpuprofile format).
  const session = process.env.PROFILE ? new Session() : null;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  // The first pass writes the days new in a process that has computed none (the code not yet
  // optimized, the threads starting); the later ones replace them, as a worker that has run before
  // does. The replacing passes are repeated (REPS, 3): a long-running worker's figure is their median.
  const reps = Number(process.env.REPS ?? 3);
  const passes: [string, { threads?: boolean }][] = [
    ['new days', {}],
    ...Array.from({ length: reps }, (_, i): [string, { threads?: boolean }] => [`replacing them (${i + 1}/${reps})`, {}]),
    ...Array.from({ length: reps }, (_, i): [string, { threads?: boolean }] => [`replacing them, computed in this thread only (${i + 1}/${reps})`, { threads: false }]),
  ];
  const walls = new Map<string, number[]>();
  for (const [pass, options] of passes) {
    const l0 = load();
    const cpu0 = process.cpuUsage(), pg0 = postgresCpuSeconds();
    const a = performance.now();
    const out = await refreshPortfolioRange(db, portfolio.id, days, settings, options);
    const s = (performance.now() - a) / 1000;
    const cpu = process.cpuUsage(cpu0), pgCpu = postgresCpuSeconds() - pg0;
    if (out.status !== 'refreshed' || out.days.length !== days.length) throw new Error(`range refresh: ${JSON.stringify(out).slice(0, 300)}`);
    const kind = pass.replace(/ \(\d+\/\d+\)$/, '');
    walls.set(kind, [...(walls.get(kind) ?? []), s]);
    console.log(`range refresh, ${pass}: ${days.length} days in ${s.toFixed(2)} s (${((s * 1000) / days.length).toFixed(1)} ms a day; seconds: read ${out.seconds.read.toFixed(2)}, roll-forward ${out.seconds.rollForward.toFixed(2)}, compute ${out.seconds.compute.toFixed(2)}, write ${out.seconds.write.toFixed(2)}); CPU: this process ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, PostgreSQL ${pgCpu.toFixed(2)} s; load ${l0} -> ${load()}`);
  }
  for (const [kind, list] of walls) {
    if (list.length < 2) continue;
    const sorted = [...list].sort((x, y) => x - y);
    console.log(`range refresh, ${kind}: median ${sorted[Math.floor(sorted.length / 2)].toFixed(2)} s of ${list.map((x) => x.toFixed(2)).join(', ')}`);
  }
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(process.env.PROFILE!, JSON.stringify(profile));
    session.disconnect();
  }
  const size = await sql<{ mb: number }>`select pg_database_size(current_database()) / 1e6 as mb`.execute(db);
  console.log(`database ${Number(size.rows[0].mb).toFixed(0)} MB`);

  // The same backfill through the built command, as an operator runs it (process start, the job
  // queue and its worker in that process included).
  {
    const l0 = load();
    const a = performance.now();
    const child = spawnSync(process.execPath, [MAIN, 'batch', 'run', '--phase', 'portfolios', '--portfolio', portfolio.id, '--from', days[0], '--to', days.at(-1)!, '--json'], {
      env: { ...process.env, DATABASE_URL: url, MARKET_DATA_PROVIDERS: 'synthetic', LOG_LEVEL: 'warn', BATCH_ENABLED: 'false', SIGMASIGHT_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'ss-bench-')) },
      encoding: 'utf8', maxBuffer: 1 << 28,
    });
    const s = (performance.now() - a) / 1000;
    if (child.status !== 0) throw new Error(`batch run exited ${child.status}: ${child.stderr.slice(-2000)}`);
    if (process.env.BENCH_VERBOSE) process.stderr.write(child.stderr);
    const out = JSON.parse(child.stdout) as { dates: { date: string; error: string | null; portfolios: { refreshed: number } | null }[] };
    const refreshed = out.dates.filter((d) => d.error === null && d.portfolios?.refreshed === 1).length;
    console.log(`sigmasight batch run --phase portfolios --portfolio <id> --from ${days[0]} --to ${days.at(-1)} (the built command): ${refreshed} days in ${s.toFixed(2)} s wall; load ${l0} -> ${load()}`);
  }

  if (DAILY > 0) {
    const l0 = load();
    const a = performance.now();
    for (const date of days.slice(-DAILY)) {
      const out = await refreshPortfolio(db, portfolio.id, date, settings);
      if (out.status !== 'refreshed') throw new Error(`daily refresh of ${date}: ${JSON.stringify(out)}`);
    }
    const s = (performance.now() - a) / 1000;
    console.log(`daily refresh, day by day in this process (no queue): ${DAILY} days in ${s.toFixed(2)} s (${((s * 1000) / DAILY).toFixed(1)} ms a day, ${((s / DAILY) * days.length).toFixed(1)} s for ${days.length}); load ${l0} -> ${load()}`);
  }
}, { open: openDatabase });
