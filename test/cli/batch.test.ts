/**
 * `sigmasight batch run` on the demo, on both engines: the symbol batch job goes through the queue
 * (pg-boss) and is worked by the command itself; it fills factor exposures, factor covariance and
 * symbol daily metrics for the day, records a batch_jobs row with one audit row per step, then the
 * portfolio jobs fill every portfolio results table for the three demo portfolios; a second run of
 * the same day leaves the same rows.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { openJobQueue } from '../../src/batch/job-queue.js';
import { BATCH_QUEUES, SYMBOL_BATCH_QUEUE } from '../../src/batch/queues.js';
import { runCli } from '../../src/cli/main.js';
import { loadConfig, readEnvironment } from '../../src/config/config.js';
import { openDatabase } from '../../src/db/database.js';
import { tradingDays } from '../../src/market-data/trading-calendar.js';
import { captureIo, useCliEnvironment, withCommandDatabase } from '../support/cli-environment.js';
import { engineUnderTest } from '../support/test-database.js';

const DAY = '2026-11-17';

async function digest(): Promise<Record<string, string | number>> {
  return withCommandDatabase(async (db) => {
    const r = await sql<Record<string, string | number>>`
      select
        (select count(*)::int from symbol_factor_exposures where calculation_date = ${DAY}::date and window_days = 252) as exposures,
        (select md5(string_agg(concat_ws('|', symbol, factor_id, calculation_method, beta_value, std_error, t_stat, r_squared, observations), ',' order by symbol, factor_id, calculation_method))
          from symbol_factor_exposures where calculation_date = ${DAY}::date and window_days = 252) as exposures_md5,
        (select count(*)::int from factor_covariance where calculation_date = ${DAY}::date) as covariance,
        (select md5(string_agg(concat_ws('|', factor1_id, factor2_id, decay_lambda, covariance, correlation), ',' order by decay_lambda, factor1_id, factor2_id))
          from factor_covariance where calculation_date = ${DAY}::date) as covariance_md5,
        (select count(*)::int from symbol_daily_metrics where metrics_date = ${DAY}::date) as metrics,
        (select md5(string_agg(concat_ws('|', symbol, current_price, return_1d, return_ytd, volatility_21d, factor_market, factor_value, factor_growth, factor_momentum), ',' order by symbol))
          from symbol_daily_metrics where metrics_date = ${DAY}::date) as metrics_md5`.execute(db);
    return r.rows[0];
  });
}

/** Per results table: the demo portfolios with rows on DAY, and a digest of the rows' content (ids and timestamps left out). */
async function portfolioDigest(): Promise<Record<string, string | number>> {
  return withCommandDatabase(async (db) => {
    const r = await sql<Record<string, string | number>>`
      select
        (select count(distinct portfolio_id)::int from portfolio_snapshots where snapshot_date = ${DAY}::date) as snapshots,
        (select md5(string_agg(concat_ws('|', portfolio_id, total_value, equity_value, gross_exposure, net_exposure, delta_adjusted_exposure, total_pnl,
            portfolio_beta, annualized_volatility, sharpe_ratio, sortino_ratio, max_drawdown, position_correlation, diversification_score,
            total_delta, total_gamma, total_theta, total_vega, var_value, cvar_value, inputs_synthetic, positions_hash), ',' order by portfolio_id))
          from portfolio_snapshots where snapshot_date = ${DAY}::date) as snapshots_md5,
        (select count(distinct p.portfolio_id)::int from position_greeks g join positions p on p.id = g.position_id where g.calculation_date = ${DAY}::date) as greeks,
        (select md5(string_agg(concat_ws('|', position_id, delta, gamma, theta, vega, rho, delta_dollars, implied_volatility, is_estimated), ',' order by position_id))
          from position_greeks where calculation_date = ${DAY}::date) as greeks_md5,
        (select count(distinct portfolio_id)::int from positions where position_type in ('LC', 'LP', 'SC', 'SP') and deleted_at is null and exit_date is null) as with_options,
        (select count(distinct portfolio_id)::int from position_factor_exposures where calculation_date = ${DAY}::date) as position_factors,
        (select count(distinct portfolio_id)::int from portfolio_factor_exposures where calculation_date = ${DAY}::date) as portfolio_factors,
        (select md5(string_agg(concat_ws('|', portfolio_id, factor_ids::text, exposure_value::text, exposure_dollar::text, variance_contribution::text), ',' order by portfolio_id))
          from portfolio_factor_exposures where calculation_date = ${DAY}::date) as portfolio_factors_md5,
        (select count(distinct portfolio_id)::int from portfolio_correlation_matrices where calculation_date = ${DAY}::date) as correlations,
        (select count(distinct portfolio_id)::int from stress_test_results where calculation_date = ${DAY}::date) as stress,
        (select md5(string_agg(concat_ws('|', portfolio_id, scenario_ids::text, direct_pnl::text, correlated_pnl::text, position_direct_pnl::text, position_correlated_pnl::text), ',' order by portfolio_id))
          from stress_test_results where calculation_date = ${DAY}::date) as stress_md5,
        (select coalesce(sum(cardinality(method)), 0)::int from portfolio_var_results where calculation_date = ${DAY}::date) as var_rows,
        (select md5(string_agg(concat_ws('|', portfolio_id, method::text, confidence::text, horizon_days::text, var_value::text, cvar_value::text), ',' order by portfolio_id))
          from portfolio_var_results where calculation_date = ${DAY}::date) as var_md5,
        (select count(distinct portfolio_id)::int from position_var_contributions where calculation_date = ${DAY}::date) as var_contributions,
        (select count(distinct portfolio_id)::int from portfolio_analytics_cache where cache_key like ${DAY + ':%'}) as cache,
        (select count(*)::int from positions where deleted_at is null and exit_date is null and market_value is null) as unvalued_positions`.execute(db);
    return r.rows[0];
  });
}

describe(`sigmasight batch run on ${engineUnderTest} (demo, synthetic provider)`, () => {
  useCliEnvironment('batch', { MARKET_DATA_PROVIDERS: 'synthetic' });
  beforeAll(async () => {
    expect(await runCli(['demo', 'seed', '--today', DAY], captureIo().io)).toBe(0);
  });

  it('fills the symbol-level results for the day through the job queue, with its audit trail', { timeout: 120_000 }, async () => {
    const c = captureIo();
    expect(await runCli(['batch', 'run', '--date', DAY, '--json'], c.io)).toBe(0);
    const { symbols: report, portfolios, error } = JSON.parse(c.out.join('\n'));
    expect(error).toBeNull();
    expect(report).toMatchObject({ date: DAY, status: 'completed' });
    expect(portfolios).toMatchObject({ refreshed: 3, failed: [], skipped: [] });
    expect(report.steps.map((s: { step: string; status: string }) => `${s.step}:${s.status}`)).toEqual([
      'prices:completed', 'factor_exposures:completed', 'factor_covariance:completed', 'symbol_daily_metrics:completed',
    ]);
    const d = await digest();
    // Every active demo stock and ETF: 21 rows each over 252 returns (the demo seed's own 730-day fits are apart); 9 ETFs: 45 pairs x 2 estimates.
    expect(d).toMatchObject({ covariance: 90 });
    expect(Number(d.exposures)).toBe(report.steps[1].records);
    expect(Number(d.exposures)).toBeGreaterThan(60 * 21);
    expect(Number(d.metrics)).toBe(report.steps[3].records);
    const audit = await withCommandDatabase((db) =>
      db.selectFrom('calculation_audit_log').select(['calculation_type', 'status', 'records_processed']).where('batch_job_id', '=', report.batchJobId).orderBy('start_time').execute());
    expect(audit.map((a) => `${a.calculation_type}:${a.status}`)).toEqual(['prices:completed', 'factor_exposures:completed', 'factor_covariance:completed', 'symbol_daily_metrics:completed']);
    const job = await withCommandDatabase((db) => db.selectFrom('batch_jobs').select(['job_type', 'status']).where('id', '=', report.batchJobId).executeTakeFirstOrThrow());
    expect(job).toEqual({ job_type: 'symbol_batch', status: 'completed' });

    // Every portfolio results table holds the three demo portfolios' rows (Greeks: those holding options); every open position is valued.
    const p = await portfolioDigest();
    expect(p.with_options).toBeGreaterThan(0);
    expect(p).toMatchObject({
      snapshots: 3, greeks: p.with_options, position_factors: 3, portfolio_factors: 3, correlations: 3, stress: 3, var_contributions: 3, cache: 3, unvalued_positions: 0,
      var_rows: 3 * 4 * 2 * 2,
    });

    // The same day again: identical rows.
    const text = captureIo();
    expect(await runCli(['batch', 'run', '--date', DAY], text.io)).toBe(0);
    expect(text.out[0]).toMatch(new RegExp(`^Symbol batch ${DAY}: completed \\(\\d+ symbols\\)\\.$`));
    expect(text.out).toContain(`Portfolio refresh ${DAY}: 3 refreshed, 0 skipped, 0 failed (1 job(s), ${portfolios.warnings} warning(s)).`);
    expect(await digest()).toEqual(d);
    expect(await portfolioDigest()).toEqual(p);
  });

  it('a batch job on the queue is done by sigmasight worker --once', { timeout: 120_000 }, async () => {
    const config = loadConfig(readEnvironment());
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    let id: string | null;
    try {
      const boss = await openJobQueue(database, { queues: BATCH_QUEUES });
      id = await boss.send(SYMBOL_BATCH_QUEUE.name, { date: '2026-11-16' }, { singletonKey: '2026-11-16' });
      await boss.stop({ graceful: true });
    } finally {
      await database.close();
    }
    expect(id).not.toBeNull();
    const c = captureIo();
    expect(await runCli(['worker', '--once'], c.io)).toBe(0);
    expect(c.out).toContain('Batch jobs: 1 completed, 0 failed.');
    const audit = await withCommandDatabase((db) => db.selectFrom('calculation_audit_log').select(['calculation_type', 'status']).where('calculation_date', '=', '2026-11-16').orderBy('start_time').execute());
    expect(audit.map((a) => `${a.calculation_type}:${a.status}`)).toEqual(['prices:completed', 'factor_exposures:completed', 'factor_covariance:completed', 'symbol_daily_metrics:completed']);
  });

  it('refuses a day that is not a trading day, or has not closed yet', async () => {
    const c = captureIo();
    expect(await runCli(['batch', 'run', '--date', '2026-11-15'], c.io)).toBe(2);
    expect(c.err[0]).toMatch(/2026-11-15 is not a US trading day/);
    const future = captureIo();
    expect(await runCli(['batch', 'run', '--date', '2099-01-02'], future.io)).toBe(2);
    expect(future.err[0]).toMatch(/--date 2099-01-02 has no closing prices yet \(the last completed session is \d{4}-\d{2}-\d{2}\)/);
    // A weekend after the last session is named as a weekend, not as a day still to close.
    const weekend = captureIo();
    expect(await runCli(['batch', 'run', '--date', '2099-01-03'], weekend.io)).toBe(2);
    expect(weekend.err[0]).toMatch(/--date 2099-01-03 is not a US trading day/);
  });

  it('backfills a range with each portfolio in one pass, each day with its own counts; a range before a portfolio\'s first position is one error', { timeout: 300_000 }, async () => {
    const FROM = '2026-11-09', days = tradingDays(FROM, DAY);
    expect(await runCli(['batch', 'run', '--phase', 'symbols', '--from', FROM, '--to', DAY], captureIo().io)).toBe(0);
    const r = captureIo();
    expect(await runCli(['batch', 'run', '--phase', 'portfolios', '--from', FROM, '--to', DAY, '--json'], r.io)).toBe(0);
    const { dates } = JSON.parse(r.out.join('\n')) as { dates: { date: string; error: string | null; portfolios: { refreshed: number; warnings: number } }[] };
    expect(dates.map((d) => [d.date, d.error, d.portfolios.refreshed])).toEqual(days.map((d) => [d, null, 3]));
    // Each day's warnings are its own: those of the same day refreshed alone.
    for (const i of [0, days.length - 1]) {
      const one = captureIo();
      expect(await runCli(['batch', 'run', '--phase', 'portfolios', '--date', days[i], '--json'], one.io)).toBe(0);
      expect(dates[i].portfolios.warnings, days[i]).toBe(JSON.parse(one.out.join('\n')).portfolios.warnings);
    }
    const snapshots = await withCommandDatabase((db) => db.selectFrom('portfolio_snapshots').select(({ fn }) => fn.countAll<number>().as('n'))
      .where('snapshot_date', '>=', FROM).where('snapshot_date', '<=', DAY).executeTakeFirstOrThrow());
    expect(Number(snapshots.n)).toBe(3 * days.length);

    const late = await withCommandDatabase(async (db) => {
      const user = await db.selectFrom('users').select('id').executeTakeFirstOrThrow();
      const p = await db.insertInto('portfolios').values({ user_id: user.id, name: 'Starts on the last day' }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('positions').values({ portfolio_id: p.id, symbol: 'SPY', position_type: 'LONG', quantity: 10, entry_price: 500, entry_date: DAY }).execute();
      return p.id;
    });
    const e = captureIo();
    expect(await runCli(['batch', 'run', '--phase', 'portfolios', '--portfolio', late, '--from', FROM, '--to', days.at(-2)!], e.io)).toBe(1);
    expect(e.err.filter((l) => l.startsWith('sigmasight: batch'))).toEqual([
      `sigmasight: batch ${FROM}..${days.at(-2)} (${days.length - 1} days) failed: portfolio ${late} does not exist, is deleted, or has no position entered by ${days.at(-2)}`,
    ]);
  });
});
