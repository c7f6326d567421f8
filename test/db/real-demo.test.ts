import bcrypt from 'bcryptjs';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshPortfolio } from '../../src/batch/portfolio/portfolio-refresh.js';
import type { DB } from '../../src/db/schema.js';
import { REAL_BETA_WINDOW, REAL_DEMO_POSITIONS, seedRealDemo, type RealDemoResult } from '../../src/demo/real-demo.js';
import { readColumn, readDj30, readMarketCsv, type DatedValues } from '../support/market-fixtures.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

const DJ30 = [...new Set(readMarketCsv('dj30_daily_close_1990_2001.csv').rows.map((r) => r[0]))].sort();

/** Closed-form OLS slope (and R^2) of the stock's simple returns on the NYSE Composite's, from the shared files. */
function directBeta(stock: DatedValues, market: DatedValues) {
  const m = new Map<string, number>();
  market.dates.forEach((d, i) => m.set(d, market.values[i]));
  const pairs: [number, number][] = [];
  stock.dates.forEach((d, i) => {
    if (d >= REAL_BETA_WINDOW.from && d <= REAL_BETA_WINDOW.to && m.has(d)) pairs.push([stock.values[i], m.get(d)!]);
  });
  const y: number[] = [], x: number[] = [];
  for (let t = 1; t < pairs.length; t++) {
    y.push(pairs[t][0] / pairs[t - 1][0] - 1);
    x.push(pairs[t][1] / pairs[t - 1][1] - 1);
  }
  const n = y.length, mx = x.reduce((a, b) => a + b) / n, my = y.reduce((a, b) => a + b) / n;
  let sxx = 0, sxy = 0, syy = 0;
  for (let t = 0; t < n; t++) {
    sxx += (x[t] - mx) ** 2;
    sxy += (x[t] - mx) * (y[t] - my);
    syy += (y[t] - my) ** 2;
  }
  return { beta: sxy / sxx, r2: (sxy * sxy) / (sxx * syy), n };
}

async function fingerprint(db: Kysely<DB>): Promise<Record<string, string>> {
  const q = async (name: string, query: ReturnType<typeof sql<{ d: string }>>) => [name, (await query.execute(db)).rows[0].d] as const;
  return Object.fromEntries(await Promise.all([
    q('users', sql`select md5(string_agg(concat_ws('|', username, email, full_name, is_demo), ',' order by username)) as d from users`),
    q('portfolios', sql`select md5(string_agg(concat_ws('|', name, equity_balance), ',' order by name)) as d from portfolios`),
    q('positions', sql`select md5(string_agg(concat_ws('|', symbol, position_type, quantity, entry_price, entry_date, last_price, market_value, unrealized_pnl), ',' order by symbol)) as d from positions`),
    q('prices', sql`select md5(string_agg(concat_ws('|', symbol, date, open, high, low, close, adjusted_close, volume, data_source), ',' order by symbol, date)) as d from market_data_cache`),
    q('betas', sql`select md5(string_agg(concat_ws('|', symbol, factor_id, calculation_date, beta_value, std_error, t_stat, r_squared, observations, window_days, calculation_method), ',' order by symbol)) as d from symbol_factor_exposures`),
    q('universe', sql`select md5(string_agg(concat_ws('|', symbol, name, asset_type, status, is_active, first_seen_date, last_price_date, last_factor_date), ',' order by symbol)) as d from symbol_universe`),
  ]));
}

describe(`real-data demo seed on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  let first: RealDemoResult;
  let second: RealDemoResult;
  let before: Record<string, string>;

  beforeAll(async () => {
    t = await createTestDatabase();
    first = await seedRealDemo(t.db);
    before = await fingerprint(t.db);
    second = await seedRealDemo(t.db);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it('is idempotent: the second run creates nothing and leaves every row as it was', async () => {
    expect(first).toMatchObject({ asOf: '2001-01-02', userCreated: true, portfolioCreated: true, positionsCreated: REAL_DEMO_POSITIONS.length, betasWritten: 30, universeInserted: 32 });
    expect(second).toMatchObject({ userCreated: false, portfolioCreated: false, positionsCreated: 0, universeInserted: 0 });
    expect(second.barsWritten).toBe(first.barsWritten);
    expect(await fingerprint(t.db)).toEqual(before);
  });

  it('loads the real closes with their data sources; DJ30 without its duplicated 1990-12-31 row and with closes only', async () => {
    const rows = await sql<{ src: string; symbols: number; n: number; first: string; last: string; ohlv: number; adj: number }>`
      select data_source as src, count(distinct symbol)::int as symbols, count(*)::int as n, min(date)::text as first, max(date)::text as last,
        count(*) filter (where open is not null or high is not null or low is not null or volume is not null)::int as ohlv,
        count(*) filter (where adjusted_close is not null)::int as adj
      from market_data_cache group by data_source order by data_source`.execute(t.db);
    expect(rows.rows).toEqual([
      { src: 'real-dj30', symbols: 30, n: 75_870 - 30, first: '1991-01-02', last: '2001-01-02', ohlv: 0, adj: 0 },
      { src: 'real-nyse', symbols: 1, n: 9_311, first: '1966-01-04', last: '2002-12-31', ohlv: 0, adj: 0 },
      { src: 'real-sp500', symbols: 1, n: 5_105, first: '2000-01-03', last: '2020-04-17', ohlv: 5_105, adj: 5_105 },
    ]);
    const ibm = readDj30('IBM');
    const stored = await t.db.selectFrom('market_data_cache').select(['date', 'close']).where('symbol', '=', 'IBM').orderBy('date').execute();
    expect(stored.map((r) => r.date)).toEqual(ibm.dates);
    expect(stored.map((r) => r.close)).toEqual([...ibm.values]);
    const nya = await t.db.selectFrom('market_data_cache').select(['close']).where('symbol', '=', 'NYA').where('date', '=', '1987-10-19').executeTakeFirstOrThrow();
    expect(nya.close).toBe(readColumn('nyse_composite_daily_1966_2002.csv', 'close').values[readColumn('nyse_composite_daily_1966_2002.csv', 'close').dates.indexOf('1987-10-19')]);
  });

  it("stores each Dow stock's market beta on the NYSE Composite, matching a direct OLS on the files to 1e-8", async () => {
    const nyse = readColumn('nyse_composite_daily_1966_2002.csv', 'close');
    const rows = await t.db
      .selectFrom('symbol_factor_exposures as x')
      .innerJoin('factor_definitions as f', 'f.id', 'x.factor_id')
      .select(['x.symbol', 'f.name', 'x.beta_value', 'x.r_squared', 'x.observations', 'x.window_days', 'x.calculation_method', 'x.calculation_date'])
      .orderBy('x.symbol')
      .execute();
    expect(rows.map((r) => r.symbol)).toEqual(DJ30);
    for (const r of rows) {
      const d = directBeta(readDj30(r.symbol), nyse);
      expect(r).toMatchObject({ name: 'market', calculation_method: 'ols_single', calculation_date: '2000-12-29', window_days: 3649, observations: d.n });
      expect(Math.abs(r.beta_value - d.beta), r.symbol).toBeLessThan(1e-8);
      expect(Math.abs(r.r_squared! - d.r2), r.symbol).toBeLessThan(1e-8);
    }
    // Plausible 1990s betas: every Dow stock moved with the market.
    expect(rows.every((r) => r.beta_value > 0.3 && r.beta_value < 2)).toBe(true);
  });

  it('creates demo_dow (password demo123) with a long/short Dow portfolio entered at real closes', async () => {
    const user = await t.db.selectFrom('users').selectAll().where('username', '=', 'demo_dow').executeTakeFirstOrThrow();
    expect(user).toMatchObject({ email: 'demo_dow@sigmasight.com', is_demo: true });
    expect(await bcrypt.compare('demo123', user.password_hash)).toBe(true);
    const portfolio = await t.db.selectFrom('portfolios').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(portfolio.name).toBe('Dow 30 (1991-2000)');
    const positions = await t.db.selectFrom('positions').selectAll().where('portfolio_id', '=', portfolio.id).orderBy('symbol').execute();
    expect(positions).toHaveLength(REAL_DEMO_POSITIONS.length);
    expect(positions.filter((p) => p.position_type === 'LONG')).toHaveLength(13);
    const shorts = positions.filter((p) => p.position_type === 'SHORT');
    expect(shorts.map((p) => p.symbol).sort()).toEqual(['EK', 'GM', 'IP', 'T']);
    for (const p of positions) {
      const series = readDj30(p.symbol);
      const i = series.dates.indexOf(p.entry_date);
      expect(i, `${p.symbol} entry date ${p.entry_date}`).toBeGreaterThanOrEqual(0);
      expect(p.entry_price).toBe(series.values[i]);
      expect(Math.sign(p.quantity)).toBe(p.position_type === 'LONG' ? 1 : -1);
      // Valued by the portfolio refresh (the batch), not by the seed.
      expect(p.last_price).toBeNull();
    }
    const end = readDj30('IBM').dates.at(-1)!;
    expect(await refreshPortfolio(t.db, portfolio.id, end, { riskFreeRate: 0.04 })).toMatchObject({ status: 'refreshed' });
    for (const p of await t.db.selectFrom('positions').selectAll().where('portfolio_id', '=', portfolio.id).orderBy('symbol').execute()) {
      const series = readDj30(p.symbol);
      expect(p.last_price, p.symbol).toBe(series.values[series.values.length - 1]);
      expect(p.market_value).toBeCloseTo(p.quantity * p.last_price!, 2);
      expect(p.unrealized_pnl).toBeCloseTo(p.quantity * (p.last_price! - p.entry_price), 2);
    }
    // IBM's planned entry date is a trading day in the file; the short EK entered 1996-01-02.
    expect(positions.find((p) => p.symbol === 'EK')!.entry_date).toBe('1996-01-02');
    const universe = await t.db.selectFrom('symbol_universe').select(['symbol', 'asset_type', 'status', 'is_active', 'last_factor_date']).where('symbol', 'in', ['NYA', 'SPX', 'HWP']).orderBy('symbol').execute();
    expect(universe).toEqual([
      { symbol: 'HWP', asset_type: 'equity', status: 'active', is_active: false, last_factor_date: '2000-12-29' },
      { symbol: 'NYA', asset_type: 'index', status: 'active', is_active: false, last_factor_date: null },
      { symbol: 'SPX', asset_type: 'index', status: 'active', is_active: false, last_factor_date: null },
    ]);
  });
});
