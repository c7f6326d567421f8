/**
 * Golden test of the stored symbol_daily_metrics (symbol batch): price, 1-day, MTD, YTD, 1-month,
 * 3-month and 1-year returns and 21/63/252-day realized volatility of four stocks (XOM with a gap)
 * against numpy over the same stored prices (test/golden/daily-metrics.json, made by
 * test/golden/oracles/daily_metrics_oracle.py); the factor columns against the stored betas.
 * Tolerance: 1e-8 absolute for returns and volatilities (8 decimals kept), 5e-7 for the factor columns
 * (6 decimals kept); nulls where the history is too short.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priceMetrics, refreshSymbolDailyMetrics } from '../../src/batch/symbol/daily-metrics.js';
import { refreshFactorExposures } from '../../src/batch/symbol/factor-exposures.js';
import { storeGoldenBars } from '../support/golden-prices.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

type Metrics = Record<string, number | null>;
const golden = JSON.parse(readFileSync(new URL('../golden/daily-metrics.json', import.meta.url), 'utf8')) as { dates: Record<string, Record<string, Metrics>> };
const exposures = JSON.parse(readFileSync(new URL('../golden/factor-exposures.json', import.meta.url), 'utf8')) as {
  symbols: Record<string, { method: string; factor: string; beta: number }[]>;
};
const COLUMNS = ['return_1d', 'return_mtd', 'return_ytd', 'return_1m', 'return_3m', 'return_1y', 'volatility_21d', 'volatility_63d', 'volatility_252d'] as const;

describe(`stored symbol daily metrics against numpy, on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await storeGoldenBars(t.db, { stocks: true });
  });
  afterAll(async () => t?.destroy());

  it.each(Object.keys(golden.dates))('%s', async (date) => {
    const symbols = Object.keys(golden.dates[date]);
    if (date === '2024-12-31') await refreshFactorExposures(t.db, symbols, date, { windowDays: 252, ridgeLambda: 25 });
    const r = await refreshSymbolDailyMetrics(t.db, [...symbols, 'NOPRICES'], date, { chunkSize: 3 });
    expect(r).toEqual({ date, rowsWritten: 4, withoutPrice: ['NOPRICES'] });
    const rows = await t.db.selectFrom('symbol_daily_metrics').selectAll().where('metrics_date', '=', date).orderBy('symbol').execute();
    expect(rows.map((x) => x.symbol)).toEqual(symbols.sort());
    let worst = 0;
    for (const row of rows) {
      const g = golden.dates[date][row.symbol];
      expect(row.current_price).toBe(g.price);
      for (const c of COLUMNS) {
        if (g[c] === null) expect(row[c], `${row.symbol} ${c}`).toBeNull();
        else worst = Math.max(worst, Math.abs(row[c]! - g[c]!));
      }
      const beta = (method: string, factor: string) => exposures.symbols[row.symbol].find((f) => f.method === method && f.factor === factor)?.beta;
      if (date === '2024-12-31') {
        expect(row.factor_market).toBeCloseTo(beta('ols_single', 'market')!, 6);
        expect(row.factor_value).toBeCloseTo(beta('ols_multifactor', 'value')!, 6);
        expect(row.factor_growth).toBeCloseTo(beta('ols_multifactor', 'growth')!, 6);
        expect(row.factor_momentum).toBeCloseTo(beta('ols_multifactor', 'momentum')!, 6);
      } else {
        expect([row.factor_market, row.factor_value, row.factor_growth, row.factor_momentum]).toEqual([null, null, null, null]);
      }
    }
    expect(worst).toBeLessThan(1e-8);
  });

  it('priceMetrics refuses a series that does not end on the date', () => {
    expect(() => priceMetrics({ dates: ['2024-12-30'], values: [1] }, '2024-12-31')).toThrow(/must end on 2024-12-31/);
  });
});
