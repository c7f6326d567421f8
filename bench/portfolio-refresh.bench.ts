/**
 * Portfolio refresh benchmark (issue 8): one trading day's refresh of N portfolios x 30 positions (a
 * third of them holding 10 option positions, valued by Black-Scholes-Merton without quotes) on
 * PostgreSQL, by 1 and then 2 `sigmasight worker` processes (the built command) sharing the queue,
 * database reads and writes included; and how much the database grows for that refreshed day.
 * Targets at 10,000 portfolios: under 60 s with 2 workers, 2 workers at least 1.6x faster than 1,
 * under 300 MB of growth per refreshed day. The previous day is refreshed first and the database
 * vacuumed (not timed), so the timed day is a new day on top of another, as in production; the
 * growth is the 1-worker run's. Both timed runs write D as a new day (D's results are deleted and
 * vacuumed between them).
 *
 * The universe (400 stocks x 300 days and the nine factor ETFs) follows a factor model, as the
 * symbol batch benchmark's; the symbol phase for the day is computed before timing starts.
 *
 * Run: npm run build && npx tsx bench/portfolio-refresh.bench.ts [portfolios=10000] (BENCH_PROFILE_DIR=<dir>: the workers' CPU profiles)
 * PostgreSQL: postgres://postgres@127.0.0.1:5432 (BENCH_DATABASE_URL overrides); a database named
 * sigmasight_bench_<random> is created and dropped.
 */
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { runBatchDays } from '../src/batch/batch-run.js';
import { openJobQueue } from '../src/batch/job-queue.js';
import { BATCH_QUEUES } from '../src/batch/queues.js';
import { packageRoot } from '../src/package-root.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { machineCpuSeconds, postgresCpuSeconds, processCpuSeconds, withServerDatabase } from './server-database.js';
import { BENCH_DATE, BENCH_DATES, buildPortfolioUniverse } from './portfolio-universe.js';

const PORTFOLIOS = Number(process.argv[2] ?? 10_000);
const MAIN = path.join(packageRoot(), 'dist', 'src', 'cli', 'main.js');

const load = () => loadavg()[0].toFixed(1);

// Worker processes, each in its own process group, killed with it whatever happens.
const children = new Set<ChildProcess>();
const killAll = () => children.forEach((c) => { try { process.kill(-c.pid!, 'SIGKILL'); } catch { /* gone */ } });
process.on('exit', killAll);
function spawnWorker(env: NodeJS.ProcessEnv): ChildProcess {
  // BENCH_PROFILE_DIR=<dir>: each worker writes a CPU profile there when it stops.
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, MAIN, 'worker', '--concurrency', '1'], { env, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}
const exited = (c: ChildProcess) => new Promise<void>((resolve) => (c.exitCode !== null ? resolve() : c.once('exit', () => resolve())));

await withServerDatabase(async (database, url) => {
  const db = database.db;
  let started = Date.now();
  const positions = await buildPortfolioUniverse(db, PORTFOLIOS);
  console.log(`set up 400 stocks x ${BENCH_DATES.length} days, the symbol phase, ${PORTFOLIOS} portfolios with ${positions} positions in ${((Date.now() - started) / 1000).toFixed(1)} s (not timed); load ${load()}`);

  const boss = await openJobQueue(database, { queues: BATCH_QUEUES });
  const size = async () => Number((await sql<{ n: string }>`select pg_database_size(current_database())::text as n`.execute(db)).rows[0].n);
  const TABLES = ['portfolio_snapshots', 'position_greeks', 'position_factor_exposures', 'portfolio_factor_exposures', 'portfolio_correlation_matrices',
    'stress_test_results', 'portfolio_var_results', 'position_var_contributions', 'portfolio_analytics_cache', 'positions'];
  const sizes = async () => new Map((await sql<{ t: string; bytes: string }>`select relname as t, pg_total_relation_size(oid)::text as bytes from pg_class
    where relname = any(${TABLES}::text[])`.execute(db)).rows.map((r) => [r.t, Number(r.bytes)]));
  const PREVIOUS = BENCH_DATES.at(-2)!;
  const day = async (workers: number, date: string) => {
    const procs = Array.from({ length: workers }, () => {
      const child = spawnWorker({ ...process.env, DATABASE_URL: url, MARKET_DATA_PROVIDERS: 'synthetic', LOG_LEVEL: 'warn', BATCH_ENABLED: 'false', SIGMASIGHT_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'ss-bench-')) });
      return { child, ready: new Promise<void>((resolve) => child.stdout!.on('data', (d: Buffer) => /Onboarding worker/.test(String(d)) && resolve())) };
    });
    await Promise.all(procs.map((p) => p.ready));
    const loadBefore = load();
    const workerCpu = () => procs.reduce((sum, p) => sum + processCpuSeconds(p.child.pid!), 0);
    const cpu0 = { workers: workerCpu(), pg: postgresCpuSeconds(), machine: machineCpuSeconds() };
    const t0 = Date.now();
    const [report] = await runBatchDays(boss, db, { notify: () => {} }, [date], { phase: 'portfolios', pollMs: 250 });
    const seconds = (Date.now() - t0) / 1000;
    const machine = machineCpuSeconds();
    const used = { workers: workerCpu() - cpu0.workers, pg: postgresCpuSeconds() - cpu0.pg, busy: machine.busy - cpu0.machine.busy, all: machine.total - cpu0.machine.total };
    // CPU per portfolio of the workers and of PostgreSQL, and what else kept the machine busy (this
    // benchmark's own process and anything else running): the run is CPU-bound when busy is near all.
    const cpu = `CPU per portfolio: workers ${((used.workers * 1000) / PORTFOLIOS).toFixed(1)} ms, PostgreSQL ${((used.pg * 1000) / PORTFOLIOS).toFixed(1)} ms; ` +
      `machine busy ${used.busy.toFixed(0)} of ${used.all.toFixed(0)} core-seconds, of which other than the workers and PostgreSQL ${(used.busy - used.workers - used.pg).toFixed(0)}`;
    for (const p of procs) p.child.kill('SIGTERM');
    await Promise.all(procs.map((p) => exited(p.child)));
    return { seconds, report, load: `${loadBefore} -> ${load()}`, cpu };
  };
  // The day before D first (not timed), then VACUUM as autovacuum would: D then writes a day's results
  // on top of a previous day's, and the positions' daily valuation update reuses their pages.
  const warm = await day(2, PREVIOUS);
  await sql`vacuum analyze`.execute(db);
  console.log(`previous day ${PREVIOUS} refreshed in ${warm.seconds.toFixed(1)} s with 2 workers (not timed)`);
  const results: Record<number, number> = {};
  for (const workers of [1, 2]) {
    if (workers === 2) {
      // The same day again, as a new day: D's results removed and vacuumed first (not timed).
      for (const t of TABLES.filter((x) => !['positions', 'position_greeks', 'portfolio_snapshots', 'portfolio_analytics_cache'].includes(x))) await sql`delete from ${sql.id(t)} where calculation_date = ${BENCH_DATE}::date`.execute(db);
      await sql`delete from portfolio_analytics_cache where cache_key like ${`${BENCH_DATE}:%`}`.execute(db);
      await sql`delete from position_greeks where calculation_date = ${BENCH_DATE}::date`.execute(db);
      await sql`delete from portfolio_snapshots where snapshot_date = ${BENCH_DATE}::date`.execute(db);
      await sql`vacuum analyze`.execute(db);
    }
    const before = await size();
    const tablesBefore = await sizes();
    const run = await day(workers, BENCH_DATE);
    results[workers] = run.seconds;
    const grown = (await size()) - before;
    console.log(`${workers} worker(s): ${run.report.portfolios?.refreshed} portfolios refreshed, ${run.report.portfolios?.failed.length} failed, in ${run.seconds.toFixed(1)} s` +
      ` (${((run.seconds * 1000) / PORTFOLIOS).toFixed(1)} ms per portfolio); database ${(grown / 1e6).toFixed(1)} MB larger; load ${run.load}\n  ${run.cpu}`);
    if (workers === 1) {
      const after = await sizes();
      console.log(`  growth by table: ${[...after].map(([t, b]) => [t, b - (tablesBefore.get(t) ?? 0)] as const).sort((x, y) => y[1] - x[1]).map(([t, b]) => `${t} ${(b / 1e6).toFixed(1)} MB`).join(', ')}`);
    }
  }
  await boss.stop({ graceful: false });
  console.log(`speed-up with 2 workers: ${(results[1] / results[2]).toFixed(2)}x`);
}, { maxConnections: 4 });
