/**
 * Golden test of the stored factor covariance (symbol batch): the rows refreshFactorCovariance
 * stores from the factor ETFs' prices equal numpy's sample covariance (np.cov, ddof 1) and an
 * independent RiskMetrics EWMA loop over the same prices (test/golden/factor-covariance.json, made
 * by test/golden/oracles/factor_covariance_oracle.py from test/golden/factor-prices.csv).
 * Tolerance: covariance within 1e-13 + 1e-9 relative (the column keeps 14 decimals of a daily
 * covariance of ~1e-4), correlation within 1e-9 (10 decimals kept).
 */
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshFactorCovariance } from '../../src/batch/symbol/factor-covariance.js';
import { storeGoldenBars } from '../support/golden-prices.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

interface Estimate { first_return_date: string; observations: number; sample: number[][]; sample_correlation: number[][]; ewma: number[][]; ewma_correlation: number[][] }
const golden = JSON.parse(readFileSync(new URL('../golden/factor-covariance.json', import.meta.url), 'utf8')) as {
  symbols: string[]; lookback: number; lambda: number; dates: Record<string, Estimate>;
};

describe(`stored factor covariance against numpy, on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  const etfOf = new Map<string, string>();
  beforeAll(async () => {
    t = await createTestDatabase();
    await storeGoldenBars(t.db, { stocks: false });
    for (const f of await t.db.selectFrom('factor_definitions').select(['id', 'etf_proxy']).execute()) if (f.etf_proxy) etfOf.set(f.id, f.etf_proxy);
  });
  afterAll(async () => t?.destroy());

  const stored = (date: string) =>
    t.db.selectFrom('factor_covariance').selectAll().where('calculation_date', '=', date).orderBy(['decay_lambda', 'factor1_id', 'factor2_id']).execute();

  it.each(Object.keys(golden.dates))('%s: sample and EWMA (lambda 0.94) over 252 daily returns', async (date) => {
    const g = golden.dates[date];
    const r = await refreshFactorCovariance(t.db, date, { lookbackDays: golden.lookback, lambda: golden.lambda });
    expect(r).toMatchObject({ ok: true, factors: 9, observations: 252, firstReturnDate: g.first_return_date, lastReturnDate: date, rowsWritten: 2 * 45, missing: [] });
    const rows = await stored(date);
    expect(rows).toHaveLength(90);
    let worstCov = 0;
    let worstCorr = 0;
    for (const row of rows) {
      const i = golden.symbols.indexOf(etfOf.get(row.factor1_id)!);
      const j = golden.symbols.indexOf(etfOf.get(row.factor2_id)!);
      const sample = row.decay_lambda === 1;
      expect(row.decay_lambda).toBe(sample ? 1 : 0.94);
      expect(row).toMatchObject({ lookback_days: 252, observations: 252 });
      const cov = (sample ? g.sample : g.ewma)[i][j];
      const corr = (sample ? g.sample_correlation : g.ewma_correlation)[i][j];
      worstCov = Math.max(worstCov, Math.abs(row.covariance - cov) - 1e-9 * Math.abs(cov));
      worstCorr = Math.max(worstCorr, Math.abs(row.correlation - corr));
    }
    expect(worstCov).toBeLessThan(1e-13);
    expect(worstCorr).toBeLessThan(1e-9);
  });

  it('a rerun leaves exactly the rows of one run', async () => {
    const before = await stored('2024-12-31');
    await refreshFactorCovariance(t.db, '2024-12-31');
    const after = await stored('2024-12-31');
    const strip = (rows: typeof before) => rows.map(({ id: _id, created_at: _c, ...rest }) => rest);
    expect(strip(after)).toEqual(strip(before));
  });

  it('stores nothing with fewer than 60 common returns, and says why', async () => {
    expect(await refreshFactorCovariance(t.db, '2023-10-31')).toEqual({
      ok: false, date: '2023-10-31', reason: '41 common daily returns of the factor ETFs up to 2023-10-31; at least 60 needed',
    });
    expect(await sql`select 1 from factor_covariance where calculation_date = '2023-10-31'`.execute(t.db).then((x) => x.rows)).toEqual([]);
  });
});
