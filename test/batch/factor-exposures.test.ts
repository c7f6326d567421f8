/**
 * Golden test of the stored factor exposures (symbol batch): the rows refreshFactorExposures stores
 * for four stocks (XOM with a three-day gap) equal numpy's regressions over the same stored prices
 * (test/golden/factor-exposures.json, made by test/golden/oracles/factor_exposures_oracle.py):
 * single-factor OLS on SPY, TLT and USO; the style model by OLS and by ridge (lambda 25); the four
 * spreads. Tolerances are the columns' precision: beta and standard error within 1e-8 (8 decimals
 * kept), t-statistic within 1e-6, R^2 within 1e-8; observations exact.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshFactorCovariance } from '../../src/batch/symbol/factor-covariance.js';
import { refreshFactorExposures } from '../../src/batch/symbol/factor-exposures.js';
import { storeGoldenBars } from '../support/golden-prices.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

interface Fit { method: string; factor: string; beta: number; se: number | null; t: number | null; r2: number; n: number }
const golden = JSON.parse(readFileSync(new URL('../golden/factor-exposures.json', import.meta.url), 'utf8')) as {
  date: string; window: number; ridge_lambda: number; window_start: string; symbols: Record<string, Fit[]>;
};

describe(`stored factor exposures against numpy, on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await t.db.insertInto('symbol_universe').values(Object.keys(golden.symbols).map((symbol) => ({ symbol, status: 'active' as const, added_source: 'admin' as const }))).execute();
    await storeGoldenBars(t.db, { stocks: true });
  });
  afterAll(async () => t?.destroy());

  it(`fits and stores every regression of ${golden.date} over ${golden.window} returns`, async () => {
    const symbols = Object.keys(golden.symbols);
    const r = await refreshFactorExposures(t.db, symbols, golden.date, { windowDays: golden.window, ridgeLambda: golden.ridge_lambda, chunkSize: 3 });
    expect(r).toMatchObject({ ok: true, windowStart: golden.window_start, windowEnd: golden.date, symbols: 4, fitted: 4, rowsWritten: 4 * 21, unfitted: [] });
    const rows = await t.db.selectFrom('symbol_factor_exposures as x').innerJoin('factor_definitions as f', 'f.id', 'x.factor_id')
      .select(['x.symbol', 'f.name', 'x.calculation_method', 'x.beta_value', 'x.std_error', 't_stat', 'r_squared', 'observations', 'window_days', 'calculation_date'])
      .where('calculation_date', '=', golden.date).execute();
    expect(rows).toHaveLength(84);
    const worst = { beta: 0, se: 0, t: 0, r2: 0 };
    for (const [symbol, fits] of Object.entries(golden.symbols)) {
      for (const g of fits) {
        const row = rows.find((x) => x.symbol === symbol && x.name === g.factor && x.calculation_method === g.method);
        expect(row, `${symbol} ${g.method} ${g.factor}`).toBeDefined();
        expect(row).toMatchObject({ observations: g.n, window_days: golden.window });
        worst.beta = Math.max(worst.beta, Math.abs(row!.beta_value - g.beta));
        worst.r2 = Math.max(worst.r2, Math.abs(row!.r_squared! - g.r2));
        if (g.se === null) expect([row!.std_error, row!.t_stat]).toEqual([null, null]);
        else {
          worst.se = Math.max(worst.se, Math.abs(row!.std_error! - g.se));
          worst.t = Math.max(worst.t, Math.abs(row!.t_stat! - g.t!));
        }
      }
    }
    expect(worst.beta).toBeLessThan(1e-8);
    expect(worst.se).toBeLessThan(1e-8);
    expect(worst.t).toBeLessThan(1e-6);
    expect(worst.r2).toBeLessThan(1e-8);
    const universe = await t.db.selectFrom('symbol_universe').select(['symbol', 'last_factor_date']).orderBy('symbol').execute();
    expect(universe.every((u) => u.last_factor_date === golden.date)).toBe(true);
  });

  it('a rerun replaces its rows; a symbol without enough returns is listed with the reason', async () => {
    const count = async () => Number((await t.db.selectFrom('symbol_factor_exposures').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const r = await refreshFactorExposures(t.db, ['AAPL', 'NOPRICES'], golden.date, { windowDays: golden.window, ridgeLambda: golden.ridge_lambda });
    expect(r).toMatchObject({ ok: true, fitted: 1, rowsWritten: 21, unfitted: [{ symbol: 'NOPRICES', reason: `0 usable daily returns in the window ${golden.window_start}..${golden.date}; at least 60 needed` }] });
    expect(await count()).toBe(before);
  });

  it('refuses a window whose factor prices end before the date (stale), for exposures and covariance alike', async () => {
    await t.db.deleteFrom('market_data_cache').where('symbol', '=', 'USO').where('date', '=', golden.date).execute();
    expect(await refreshFactorExposures(t.db, ['AAPL'], golden.date)).toEqual({
      ok: false, date: golden.date, reason: `the factor ETFs' common prices end on 2024-12-30, not ${golden.date}: USO not current`,
    });
    expect(await refreshFactorCovariance(t.db, golden.date)).toMatchObject({ ok: false, reason: expect.stringContaining('end on 2024-12-30, not 2024-12-31') });
  });
});
