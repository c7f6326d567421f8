/**
 * Golden test of the stored symbol_daily_metrics (symbol batch): price, 1-day, MTD, YTD, 1-month,
 * 3-month and 1-year returns and 21/63/252-day realized volatility of four stocks (XOM with a gap)
 * against numpy over the same stored prices (test/golden/daily-metrics.json, made by
 * test/golden/oracles/daily_metrics_oracle.py); the factor columns against the stored betas.
 * Tolerance: 1e-8 absolute for returns and volatilities (8 decimals kept), 5e-7 for the factor columns
 * (6 decimals kept); nulls where the history is too short. Market cap and P/E: a profile carried by
 * the adjusted-close ratio read straight from the stored prices.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { priceMetrics, profileMetrics, refreshSymbolDailyMetrics } from '../../src/batch/symbol/daily-metrics.js';
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

  it('carries a profile\'s market cap and P/E to each day by the adjusted-close ratio since the profile (1e-2 and 1e-4: the columns\' scale)', async () => {
    // AAPL's profile as fetched on 2024-06-28 (JPM has none).
    const profile = { market_cap: 3_000_000_000_000, pe_ratio: 31.5, profile_date: '2024-06-28' };
    await t.db.insertInto('symbol_universe').values({ symbol: 'AAPL', status: 'active', added_source: 'admin', ...profile })
      .onConflict((oc) => oc.column('symbol').doUpdateSet(profile)).execute();
    const adj = async (date: string) => Number((await t.db.selectFrom('market_data_cache').select(sql<number>`coalesce(adjusted_close, close)`.as('a'))
      .where('symbol', '=', 'AAPL').where('date', '=', date).executeTakeFirstOrThrow()).a);
    const ratio = (await adj('2024-12-31')) / (await adj('2024-06-28'));
    for (const date of ['2024-06-28', '2024-12-31']) await refreshSymbolDailyMetrics(t.db, ['AAPL', 'JPM'], date);
    const rows = await t.db.selectFrom('symbol_daily_metrics').select(['symbol', 'metrics_date', 'market_cap', 'pe_ratio']).where('symbol', 'in', ['AAPL', 'JPM']).orderBy('symbol').orderBy('metrics_date').execute();
    expect(rows.slice(0, 1)).toEqual([{ symbol: 'AAPL', metrics_date: '2024-06-28', market_cap: 3_000_000_000_000, pe_ratio: 31.5 }]);
    expect(Math.abs(rows[1].market_cap! - 3e12 * ratio)).toBeLessThan(1e-2);
    expect(Math.abs(rows[1].pe_ratio! - 31.5 * ratio)).toBeLessThan(1e-4);
    expect(ratio).not.toBeCloseTo(1, 2);
    expect(rows.slice(2).map((r) => [r.market_cap, r.pe_ratio])).toEqual([[null, null], [null, null]]);
  });

  it('profileMetrics: null without a profile, a price anchor or a positive price', () => {
    const p = { marketCap: 1e9, peRatio: 20, profileDate: '2024-06-28', adjustedClose: 50 };
    expect(profileMetrics(p, 55)).toEqual({ marketCap: 1.1e9, peRatio: 22 });
    expect(profileMetrics({ ...p, peRatio: null }, 25)).toEqual({ marketCap: 5e8, peRatio: null });
    expect(profileMetrics(undefined, 55)).toEqual({ marketCap: null, peRatio: null });
    expect(profileMetrics({ ...p, adjustedClose: null }, 55)).toEqual({ marketCap: null, peRatio: null });
    expect(profileMetrics({ ...p, adjustedClose: 0 }, 55)).toEqual({ marketCap: null, peRatio: null });
  });

  it('priceMetrics refuses a series that does not end on the date', () => {
    expect(() => priceMetrics({ dates: ['2024-12-30'], values: [1] }, '2024-12-31')).toThrow(/must end on 2024-12-31/);
  });
});
