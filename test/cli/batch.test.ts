/**
 * `sigmasight batch run` on the demo, on both engines: the symbol batch job goes through the queue
 * (pg-boss) and is worked by the command itself; it fills factor exposures, factor covariance and
 * symbol daily metrics for the day, records a batch_jobs row with one audit row per step, and a
 * second run of the same day leaves the same rows.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { openJobQueue } from '../../src/batch/job-queue.js';
import { BATCH_QUEUES, SYMBOL_BATCH_QUEUE } from '../../src/batch/queues.js';
import { runCli } from '../../src/cli/main.js';
import { loadConfig, readEnvironment } from '../../src/config/config.js';
import { openDatabase } from '../../src/db/database.js';
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

describe(`sigmasight batch run on ${engineUnderTest} (demo, synthetic provider)`, () => {
  useCliEnvironment('batch', { MARKET_DATA_PROVIDERS: 'synthetic' });
  beforeAll(async () => {
    expect(await runCli(['demo', 'seed', '--today', DAY], captureIo().io)).toBe(0);
  });

  it('fills the symbol-level results for the day through the job queue, with its audit trail', { timeout: 120_000 }, async () => {
    const c = captureIo();
    expect(await runCli(['batch', 'run', '--date', DAY, '--json'], c.io)).toBe(0);
    const report = JSON.parse(c.out.join('\n'));
    expect(report).toMatchObject({ date: DAY, status: 'completed' });
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

    // The same day again: identical rows.
    const text = captureIo();
    expect(await runCli(['batch', 'run', '--date', DAY], text.io)).toBe(0);
    expect(text.out[0]).toMatch(new RegExp(`^Symbol batch ${DAY}: completed \\(\\d+ symbols\\)\\.$`));
    expect(await digest()).toEqual(d);
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
    expect(await runCli(['batch', 'run', '--date', '2099-01-02'], c.io)).toBe(2);
  });
});
