/**
 * Several `sigmasight worker` processes sharing one PostgreSQL (the built command, each in its own
 * process group, killed in teardown whatever happens): two workers finish one batch together and
 * do each job exactly once; a worker killed with SIGKILL at three points of a run, then replaced,
 * leaves rows identical (by content hash) to an uninterrupted run's, and so does one killed twice in
 * the middle of a backfill's portfolio range jobs; a schedule fires once per tick with two worker processes. PostgreSQL only: PGlite is one process's embedded database.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { PgBoss } from 'pg-boss';
import { afterAll, describe, expect, it } from 'vitest';
import { NIGHTLY_QUEUE } from '../../src/batch/batch-service.js';
import { runBatchDays } from '../../src/batch/batch-run.js';
import { workBatchQueues } from '../../src/batch/batch-worker.js';
import { openJobQueue } from '../../src/batch/job-queue.js';
import { BATCH_QUEUES, PORTFOLIO_RANGE_QUEUE } from '../../src/batch/queues.js';
import { runSymbolBatch } from '../../src/batch/symbol/symbol-batch.js';
import { seedDemo } from '../../src/demo/demo-seed.js';
import { tradingDays } from '../../src/market-data/trading-calendar.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import type { DB } from '../../src/db/schema.js';
import { migrate } from '../../src/db/migrator.js';
import { createConfiguredChain } from '../../src/market-data/providers/configured-chain.js';
import { packageRoot } from '../../src/package-root.js';
import { exited, spawnGroup } from '../support/child-processes.js';
import { createGoldenPortfolio, goldenPortfolio, storeGoldenMarket } from '../support/golden-portfolio.js';
import { createServerDatabase, serverUrl } from '../support/test-database.js';

const MAIN = path.join(packageRoot(), 'dist', 'src', 'cli', 'main.js');
const DAYS = ['2024-12-27', '2024-12-30', '2024-12-31'];
/** 120 portfolios: three chunks of the portfolio queue per day (BATCH_PORTFOLIO_CHUNK_SIZE 40). */
const PORTFOLIOS = 120;
const CHUNK = 40;
const chain = createConfiguredChain({ order: ['synthetic'], polygonApiKey: undefined, fmpApiKey: undefined, eodhdApiKey: undefined });
const noWorkers = { notify: () => {} };
const DEMO_TODAY = '2026-11-20';
/** The range run's days: 40 trading days of the demo's market (range jobs, refreshPortfolioRange). */
const RANGE_DAYS = tradingDays('2026-08-01', DEMO_TODAY).slice(-40);
const url = (c: { url: string }) => c.url;

/** A fresh server database with the golden market and PORTFOLIOS copies of the golden portfolio. */
async function prepare(): Promise<{ url: string; database: Database; drop(): Promise<void> }> {
  const created = await createServerDatabase();
  const database = await openDatabase({ databaseUrl: created.url, dataDir: mkdtempSync(path.join(tmpdir(), 'ss-workers-')) });
  await migrate(database.db);
  await storeGoldenMarket(database.db);
  for (let i = 0; i < PORTFOLIOS; i++) await createGoldenPortfolio(database.db, `golden${i}`);
  return { url: created.url, database, drop: async () => { await database.close(); await created.drop(); } };
}

/** A digest of every result the batch writes for DAYS (content only: no ids, no timestamps; rows ordered by content). */
async function digest(db: Kysely<DB>): Promise<Record<string, string | number>> {
  const tables: Record<string, string> = {
    snapshots: `select concat_ws('|', portfolio_id, snapshot_date, total_value, equity_value, daily_pnl, total_pnl, time_weighted_return, portfolio_beta,
      annualized_volatility, sharpe_ratio, var_value, cvar_value, position_correlation, total_delta, positions_hash, position_ids::text) as v from portfolio_snapshots`,
    var: `select concat_ws('|', portfolio_id, calculation_date, method::text, confidence::text, horizon_days::text, var_value::text, cvar_value::text) as v from portfolio_var_results`,
    component: `select concat_ws('|', portfolio_id, calculation_date, confidence, horizon_days, component_var::text, component_cvar::text) as v from position_var_contributions`,
    stress: `select concat_ws('|', portfolio_id, calculation_date, scenario_ids::text, direct_pnl::text, correlated_pnl::text, position_direct_pnl::text, position_correlated_pnl::text,
      factors::text, factor_impacts::text) as v from stress_test_results`,
    portfolioFactors: `select concat_ws('|', portfolio_id, calculation_date, factor_ids::text, exposure_value::text, exposure_dollar::text, variance_contribution::text) as v from portfolio_factor_exposures`,
    greeks: `select concat_ws('|', position_id, calculation_date, delta, gamma, implied_volatility) as v from position_greeks`,
    factors: `select concat_ws('|', portfolio_id, calculation_date, factor_ids::text, betas::text, dollars::text) as v from position_factor_exposures`,
    correlations: `select concat_ws('|', portfolio_id, calculation_date, correlations::text) as v from portfolio_correlation_matrices`,
    betas: `select concat_ws('|', symbol, factor_id, calculation_date, calculation_method, beta_value) as v from symbol_factor_exposures where window_days = 252`,
    covariance: `select concat_ws('|', calculation_date, factor1_id, factor2_id, decay_lambda, covariance) as v from factor_covariance`,
    cache: `select concat_ws('|', portfolio_id, cache_key, cached_data::text) as v from portfolio_analytics_cache`,
  };
  const out: Record<string, string | number> = {};
  for (const [name, rows] of Object.entries(tables)) {
    const r = await sql<{ n: number; d: string }>`select count(*)::int as n, md5(coalesce(string_agg(v, ',' order by v), '')) as d from (${sql.raw(rows)}) t`.execute(db);
    out[name] = r.rows[0].n;
    out[`${name}_md5`] = r.rows[0].d;
  }
  return out;
}

function startWorker(url: string, extra: NodeJS.ProcessEnv = {}) {
  const env: NodeJS.ProcessEnv = {
    ...process.env, DATABASE_URL: url, MARKET_DATA_PROVIDERS: 'synthetic', LOG_LEVEL: 'warn', BATCH_ENABLED: 'false', BATCH_PORTFOLIO_CHUNK_SIZE: String(CHUNK),
    SIGMASIGHT_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'ss-worker-')), ...extra,
  };
  const child = spawnGroup(process.execPath, [MAIN, 'worker', '--concurrency', '1'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (/Onboarding worker \S+: concurrency 1/.test(output)) {
        clearInterval(timer);
        resolve();
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`worker exited: ${output}`));
      }
    }, 100);
  });
  return { child, ready, output: () => output };
}

async function jobs(db: Kysely<DB>, names: readonly string[]) {
  const r = await sql<{ id: string; name: string; state: string; retry_count: number; output: { workerId?: string } | null }>`
    select id, name, state, retry_count, output from pgboss.job where name = any(${[...names]}::text[]) order by created_on`.execute(db);
  return r.rows;
}

async function waitUntil(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!serverUrl)('batch workers on PostgreSQL (the built command)', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  });

  it('two workers finish one batch together and do each job exactly once', { timeout: 300_000 }, async () => {
    expect(existsSync(MAIN), 'run npm run build first (npm install does it)').toBe(true);
    const { url, database, drop } = await prepare();
    cleanups.push(drop);
    const a = startWorker(url), b = startWorker(url);
    cleanups.push(() => Promise.all([a, b].map(async (w) => { w.child.kill('SIGTERM'); await exited(w.child, 30_000); })));
    await Promise.all([a.ready, b.ready]);
    const boss = await openJobQueue(database, { queues: BATCH_QUEUES });
    cleanups.push(() => boss.stop({ graceful: false }));
    // This process queues and waits; only the two workers work.
    const reports = await runBatchDays(boss, database.db, noWorkers, DAYS.slice(1), { phase: 'all', chunkSize: CHUNK });
    expect(reports.map((r) => [r.date, r.error, r.portfolios?.refreshed])).toEqual(DAYS.slice(1).map((d) => [d, null, PORTFOLIOS]));
    const done = await jobs(database.db, BATCH_QUEUES.map((q) => q.name));
    expect(done).toHaveLength(2 * (1 + 3));
    // Exactly once: every job completed on its first claim.
    expect(done.map((j) => `${j.state}:${j.retry_count}`)).toEqual(done.map(() => 'completed:0'));
    expect(new Set(done.map((j) => j.output?.workerId)).size, 'both workers took jobs').toBe(2);
    const snapshots = await database.db.selectFrom('portfolio_snapshots').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(snapshots.n)).toBe(2 * PORTFOLIOS);
  });

  it('a worker killed at three points of a run and replaced leaves the rows of an uninterrupted run', { timeout: 600_000 }, async () => {
    const { url, database, drop } = await prepare();
    cleanups.push(drop);
    let worker = startWorker(url);
    cleanups.push(async () => { worker.child.kill('SIGKILL'); });
    await worker.ready;
    const boss: PgBoss = await openJobQueue(database, { queues: BATCH_QUEUES });
    cleanups.push(() => boss.stop({ graceful: false }));
    const run = runBatchDays(boss, database.db, noWorkers, DAYS, { phase: 'all', pollMs: 100, chunkSize: CHUNK });
    run.catch(() => undefined);
    const killAndReplace = async () => {
      process.kill(-worker.child.pid!, 'SIGKILL');
      await exited(worker.child, 30_000);
      worker = startWorker(url);
      await worker.ready;
    };
    const active = async (name: string, date: string) => (await sql<{ n: number }>`
      select count(*)::int as n from pgboss.job where name = ${name} and state = 'active' and data ->> 'date' = ${date}`.execute(database.db)).rows[0].n > 0;
    const snapshotsOf = async (date: string) => Number((await database.db.selectFrom('portfolio_snapshots')
      .select(({ fn }) => fn.countAll<number>().as('n')).where('snapshot_date', '=', date).executeTakeFirstOrThrow()).n);
    // 1. In the first day's symbol phase.
    await waitUntil(() => active('batch.symbols', DAYS[0]), 120_000, 'the first symbol job');
    await killAndReplace();
    // 2. In the second day's portfolio refresh, between chunks or inside one.
    await waitUntil(() => active('batch.portfolios', DAYS[1]), 240_000, 'a portfolio job of the second day');
    await killAndReplace();
    // 3. In the middle of a portfolio chunk of the last day: some of its portfolios written, not all.
    await waitUntil(async () => (await active('batch.portfolios', DAYS[2])) && (await snapshotsOf(DAYS[2])) > 0, 240_000, 'a last-day chunk half done');
    expect(await snapshotsOf(DAYS[2])).toBeLessThan(PORTFOLIOS);
    await killAndReplace();
    const reports = await run;
    expect(reports.map((r) => [r.date, r.error])).toEqual(DAYS.map((d) => [d, null]));
    const retried = (await jobs(database.db, BATCH_QUEUES.map((q) => q.name))).filter((j) => j.retry_count > 0);
    expect(retried.length, 'the killed jobs were run again').toBeGreaterThanOrEqual(3);
    const interrupted = await digest(database.db);
    expect(interrupted.snapshots).toBe(DAYS.length * PORTFOLIOS);

    // The same days run again without interruption, in this process: every row is replaced by identical content.
    process.kill(-worker.child.pid!, 'SIGKILL');
    await exited(worker.child, 30_000);
    const workers = await workBatchQueues(boss, { db: database.db, chain, workerId: 'reference', settings: { riskFreeRate: goldenPortfolio.riskFreeRate, chunkSize: CHUNK } });
    const again = await runBatchDays(boss, database.db, workers, DAYS, { phase: 'all', pollMs: 100, chunkSize: CHUNK });
    expect(again.map((r) => r.error)).toEqual(DAYS.map(() => null));
    const reference = await digest(database.db);
    expect(Object.keys(reference).filter((k) => reference[k] !== interrupted[k]), 'tables that differ').toEqual([]);
  });

  it('a worker killed in the middle of portfolio range jobs and replaced leaves the rows of an uninterrupted run', { timeout: 600_000 }, async () => {
    const created = await createServerDatabase();
    const database = await openDatabase({ databaseUrl: created.url, dataDir: mkdtempSync(path.join(tmpdir(), 'ss-workers-')) });
    cleanups.push(async () => { await database.close(); await created.drop(); });
    await migrate(database.db);
    await seedDemo(database.db, { today: DEMO_TODAY });
    for (const date of RANGE_DAYS) {
      const r = await runSymbolBatch(database.db, date, { workerId: 'test' });
      if (r.status !== 'completed') throw new Error(`symbol batch ${date}: ${JSON.stringify(r.steps)}`);
    }
    // One demo portfolio a range job (chunk size 1), so the kills land in different jobs.
    let worker = startWorker(url(created), { BATCH_PORTFOLIO_CHUNK_SIZE: '1' });
    cleanups.push(async () => { worker.child.kill('SIGKILL'); });
    await worker.ready;
    const boss: PgBoss = await openJobQueue(database, { queues: BATCH_QUEUES });
    cleanups.push(() => boss.stop({ graceful: false }));
    const run = runBatchDays(boss, database.db, noWorkers, RANGE_DAYS, { phase: 'portfolios', pollMs: 100, chunkSize: 1 });
    run.catch(() => undefined);
    const activeRanges = async () => (await sql<{ id: string }>`select id from pgboss.job where name = ${PORTFOLIO_RANGE_QUEUE.name} and state = 'active'`.execute(database.db)).rows.map((r) => r.id);
    const killed = new Set<string>();
    for (let k = 0; k < 2; k++) {
      await waitUntil(async () => (await activeRanges()).some((id) => !killed.has(id)), 240_000, `range job ${k + 1} to start`);
      (await activeRanges()).forEach((id) => killed.add(id));
      process.kill(-worker.child.pid!, 'SIGKILL');
      await exited(worker.child, 30_000);
      worker = startWorker(url(created), { BATCH_PORTFOLIO_CHUNK_SIZE: '1' });
      await worker.ready;
    }
    const reports = await run;
    expect(reports.map((r) => [r.date, r.error, r.portfolios?.refreshed])).toEqual(RANGE_DAYS.map((d) => [d, null, 3]));
    const ranges = await jobs(database.db, [PORTFOLIO_RANGE_QUEUE.name]);
    expect(ranges.map((j) => j.state)).toEqual(['completed', 'completed', 'completed']);
    expect(ranges.filter((j) => killed.has(j.id)).every((j) => j.retry_count > 0), 'the killed jobs were run again').toBe(true);
    const interrupted = await digest(database.db);
    expect(interrupted.snapshots).toBe(RANGE_DAYS.length * 3);

    // The same range again without interruption, in this process: every row replaced by identical content.
    process.kill(-worker.child.pid!, 'SIGKILL');
    await exited(worker.child, 30_000);
    const workers = await workBatchQueues(boss, { db: database.db, chain, workerId: 'reference', settings: { riskFreeRate: 0.04, chunkSize: 1 } });
    const again = await runBatchDays(boss, database.db, workers, RANGE_DAYS, { phase: 'portfolios', pollMs: 100, chunkSize: 1 });
    expect(again.map((r) => r.error)).toEqual(RANGE_DAYS.map(() => null));
    const reference = await digest(database.db);
    expect(Object.keys(reference).filter((k) => reference[k] !== interrupted[k]), 'tables that differ').toEqual([]);
  });

  it('a schedule fires once per tick with two worker processes', { timeout: 300_000 }, async () => {
    const { url, database, drop } = await prepare();
    cleanups.push(drop);
    // Every minute; the run finds no completed symbol phase and ends at once, so only the firing counts.
    await database.db.updateTable('batch_job_schedules').set({ is_enabled: false }).execute();
    await database.db.updateTable('batch_job_schedules').set({ is_enabled: true, cron_expression: '* * * * *', timezone: 'UTC' })
      .where('job_type', '=', 'calculate_risk_metrics').execute();
    const a = startWorker(url, { BATCH_ENABLED: 'true' }), b = startWorker(url, { BATCH_ENABLED: 'true' });
    cleanups.push(() => Promise.all([a, b].map(async (w) => { w.child.kill('SIGTERM'); await exited(w.child, 30_000); })));
    await Promise.all([a.ready, b.ready]);
    const fired = async () => (await jobs(database.db, [NIGHTLY_QUEUE.name])).length;
    await waitUntil(async () => (await fired()) >= 1, 180_000, 'the schedule to fire');
    // Wait past the tick for a second process's copy, then count per minute.
    await new Promise((r) => setTimeout(r, 20_000));
    const perMinute = await sql<{ minute: string; n: number }>`
      select date_trunc('minute', created_on)::text as minute, count(*)::int as n from pgboss.job where name = ${NIGHTLY_QUEUE.name} group by 1`.execute(database.db);
    expect(perMinute.rows.length).toBeGreaterThanOrEqual(1);
    expect(perMinute.rows.map((r) => r.n)).toEqual(perMinute.rows.map(() => 1));
    await waitUntil(async () => (await database.db.selectFrom('batch_jobs').select('status').where('job_type', '=', 'nightly_calculate_risk_metrics')
      .where('status', '=', 'completed').executeTakeFirst()) !== undefined, 60_000, 'the scheduled run to complete');
  });
});
