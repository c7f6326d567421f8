import { sql, type Kysely } from 'kysely';
import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { blackScholesPrice, yearFraction } from '../../src/analytics/black-scholes.js';
import { parseOccSymbol } from '../../src/analytics/occ-symbol.js';
import type { DB } from '../../src/db/schema.js';
import { refreshPortfolio } from '../../src/batch/portfolio/portfolio-refresh.js';
import { refreshFactorExposures } from '../../src/batch/symbol/factor-exposures.js';
import { seedDemo } from '../../src/demo/demo-seed.js';
import { demoSymbols, stockProfile } from '../../src/demo/demo-universe.js';
import { DEMO_RISK_FREE_RATE, generateMarket, underlyingModel } from '../../src/demo/synthetic-market.js';
import { tradingDays } from '../../src/market-data/trading-calendar.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

const TODAY = '2026-11-20';

/** Everything the seed writes, without generated ids, timestamps or salted hashes, as one digest. */
async function fingerprint(db: Kysely<DB>): Promise<Record<string, string>> {
  const q = async (name: string, query: ReturnType<typeof sql<{ d: string }>>) => [name, (await query.execute(db)).rows[0].d] as const;
  return Object.fromEntries(await Promise.all([
    q('users', sql`select md5(string_agg(concat_ws('|', username, email, full_name, is_demo, is_active), ',' order by username)) as d from users`),
    q('portfolios', sql`select md5(string_agg(concat_ws('|', u.username, p.name, p.currency, p.equity_balance), ',' order by p.name)) as d from portfolios p join users u on u.id = p.user_id`),
    q('positions', sql`select md5(string_agg(concat_ws('|', u.username, x.symbol, x.position_type, x.quantity, x.entry_price, x.entry_date, x.last_price, x.market_value, x.unrealized_pnl, x.strike_price, x.expiration_date), ',' order by u.username, x.symbol, x.position_type)) as d
      from positions x join portfolios p on p.id = x.portfolio_id join users u on u.id = p.user_id`),
    q('tags', sql`select md5(string_agg(concat_ws('|', u.username, t.name, t.tag_type, t.color, t.usage_count), ',' order by u.username, t.name)) as d from tags t join users u on u.id = t.user_id`),
    q('position_tags', sql`select md5(string_agg(concat_ws('|', x.symbol, t.name), ',' order by x.symbol, t.name)) as d from position_tags pt join positions x on x.id = pt.position_id join tags t on t.id = pt.tag_id`),
    q('prices', sql`select md5(string_agg(concat_ws('|', symbol, date, open, high, low, close, adjusted_close, volume, sector, data_source), ',' order by symbol, date)) as d from market_data_cache`),
    q('betas', sql`select md5(string_agg(concat_ws('|', e.symbol, f.name, e.calculation_date, e.beta_value, e.std_error, e.r_squared, e.observations), ',' order by e.symbol, f.name)) as d
      from symbol_factor_exposures e join factor_definitions f on f.id = e.factor_id`),
    q('universe', sql`select md5(string_agg(concat_ws('|', symbol, asset_type, status, sector, first_seen_date, last_price_date), ',' order by symbol)) as d from symbol_universe`),
  ]));
}

describe(`demo seed on ${engineUnderTest}`, () => {
  let a: TestDatabase;
  let b: TestDatabase;

  beforeAll(async () => {
    [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    await seedDemo(a.db, { today: TODAY });
    await seedDemo(b.db, { today: TODAY });
  });
  afterAll(async () => {
    await a?.destroy();
    await b?.destroy();
  });

  it('creates the three demo users with password demo123 and the addendum 5.2 portfolio shapes', async () => {
    const users = await a.db.selectFrom('users').select(['username', 'email', 'is_demo', 'password_hash']).orderBy('username').execute();
    expect(users.map((u) => [u.username, u.email, u.is_demo])).toEqual([
      ['demo_balanced', 'demo_balanced@sigmasight.com', true],
      ['demo_growth', 'demo_growth@sigmasight.com', true],
      ['demo_value', 'demo_value@sigmasight.com', true],
    ]);
    for (const u of users) expect(await bcrypt.compare('demo123', u.password_hash)).toBe(true);

    const shape = await sql<{ username: string; total: number; long: number; short: number; options: number; sectors: string[] }>`
      select u.username, count(*)::int as total,
        count(*) filter (where x.position_type = 'LONG')::int as long,
        count(*) filter (where x.position_type = 'SHORT')::int as short,
        count(*) filter (where x.investment_class = 'OPTIONS')::int as options,
        array_agg(distinct m.sector) filter (where m.sector is not null) as sectors
      from positions x join portfolios p on p.id = x.portfolio_id join users u on u.id = p.user_id
      left join market_data_cache m on m.symbol = x.symbol and m.date = ${TODAY}::date
      group by u.username order by u.username`.execute(a.db);
    const by = Object.fromEntries(shape.rows.map((r) => [r.username, r]));
    expect(by.demo_growth).toMatchObject({ total: 25, long: 18, short: 3, options: 4 });
    expect(by.demo_value).toMatchObject({ total: 20, long: 15, short: 5, options: 0 });
    expect(by.demo_value.sectors).toEqual(expect.arrayContaining(['Financial Services', 'Energy']));
    expect(by.demo_balanced).toMatchObject({ total: 30, long: 15, short: 5, options: 10 });
  });

  it('writes two years of daily bars up to the seed date for every demo symbol and factor ETF', async () => {
    const expectedDays = tradingDays('2024-11-20', TODAY).length;
    const rows = await sql<{ symbol: string; n: number; first: string; last: string }>`
      select symbol, count(*)::int as n, min(date)::text as first, max(date)::text as last
      from market_data_cache where data_source = 'synthetic' group by symbol`.execute(a.db);
    const bySymbol = new Map(rows.rows.map((r) => [r.symbol, r]));
    for (const s of [...demoSymbols(), 'SPY', 'MTUM', 'VTV', 'VUG', 'QUAL', 'IWM', 'SPLV', 'TLT', 'USO']) {
      expect(bySymbol.get(s), s).toMatchObject({ n: expectedDays, first: '2024-11-20', last: TODAY });
    }
  });

  it('seeds through the last session closed in New York by default: during a session, the day before', async () => {
    // Monday 2026-12-07, 10:52 in New York: the session is open, its close does not exist yet.
    vi.useFakeTimers({ now: new Date('2026-12-07T15:52:00Z'), toFake: ['Date'] });
    const c = await createTestDatabase();
    try {
      await seedDemo(c.db);
      const last = await sql<{ last: string }>`select max(date)::text as last from market_data_cache where symbol = 'SPY'`.execute(c.db);
      expect(last.rows[0].last).toBe('2026-12-04');
    } finally {
      vi.useRealTimers();
      await c.destroy();
    }
  });

  it('prices every option position from Black-Scholes on its underlying path', async () => {
    const options = await a.db.selectFrom('positions as p')
      .innerJoin('market_data_cache as m', (j) => j.onRef('m.symbol', '=', 'p.symbol').on('m.date', '=', TODAY))
      .select(['p.symbol', 'p.underlying_symbol', 'p.entry_date', 'p.entry_price', 'm.close as last_price']).where('p.investment_class', '=', 'OPTIONS').execute();
    expect(options).toHaveLength(14);
    const market = generateMarket(TODAY);
    for (const o of options) {
      const c = parseOccSymbol(o.symbol);
      const t = market.dates.indexOf(TODAY);
      const spot = market.bars.get(c.underlying)!.find((x) => x.date === TODAY)!.close;
      const { volatility, dividendYield } = underlyingModel(c.underlying);
      const price = blackScholesPrice({ right: c.right, spot, strike: c.strike, timeToExpiry: yearFraction(TODAY, c.expiry), rate: DEMO_RISK_FREE_RATE, dividendYield, volatility: volatility * market.regime[t] });
      // Stored premiums are rounded to cents.
      expect(Math.abs(o.last_price! - price), o.symbol).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(c.expiry > TODAY).toBe(true);
    }
  });

  it('stores no betas: the symbol batch fits them on the demo market, recovering the generator\'s loadings (within 4.5 standard errors)', async () => {
    expect(await a.db.selectFrom('symbol_factor_exposures').select('id').execute()).toEqual([]);
    const SYMBOLS = ['AAPL', 'XOM', 'JPM', 'KO', 'NVDA'];
    // A copy, so the fingerprints below compare seeds only.
    const c = await createTestDatabase();
    try {
      await seedDemo(c.db, { today: TODAY });
      expect(await refreshFactorExposures(c.db, SYMBOLS, TODAY)).toMatchObject({ ok: true, fitted: 5 });
      await checkLoadings(c.db, SYMBOLS);
    } finally {
      await c.destroy();
    }
  });

  async function checkLoadings(db: Kysely<DB>, symbols: string[]) {
    const rows = await db.selectFrom('symbol_factor_exposures as e').innerJoin('factor_definitions as f', 'f.id', 'e.factor_id')
      .select(['e.symbol', 'f.etf_proxy', 'e.beta_value', 'e.std_error', 'e.observations', 'e.calculation_date', 'e.calculation_method'])
      .where('e.symbol', 'in', symbols).where('e.calculation_method', '=', 'ols_multifactor').execute();
    expect(rows).toHaveLength(5 * 7);
    for (const symbol of ['AAPL', 'XOM', 'JPM', 'KO', 'NVDA']) {
      const p = stockProfile(symbol)!;
      // r = beta SPY + growth (VUG - VTV) + momentum (MTUM - SPY) + size (IWM - SPY) + rates TLT + oil USO + e
      const truth: Record<string, number> = {
        SPY: p.beta - p.momentum - p.size, VUG: p.growth, VTV: -p.growth, MTUM: p.momentum, IWM: p.size, TLT: p.rates, USO: p.oil, QUAL: 0, SPLV: 0,
      };
      for (const r of rows.filter((x) => x.symbol === symbol)) {
        expect(r).toMatchObject({ calculation_date: TODAY, calculation_method: 'ols_multifactor', observations: 252 });
        const z = (r.beta_value - truth[r.etf_proxy!]) / r.std_error!;
        expect(Math.abs(z), `${symbol} on ${r.etf_proxy}: beta ${r.beta_value}, true ${truth[r.etf_proxy!]}, se ${r.std_error}`).toBeLessThan(4.5);
      }
    }
    const universe = await db.selectFrom('symbol_universe').select('last_factor_date').where('symbol', '=', 'AAPL').executeTakeFirstOrThrow();
    expect(universe.last_factor_date).toBe(TODAY);
  }

  it('is deterministic: two fresh databases seeded for the same day hold the same data', async () => {
    expect(await fingerprint(b.db)).toEqual(await fingerprint(a.db));
  });

  it('is idempotent: seeding again creates nothing and changes nothing', async () => {
    const before = await fingerprint(a.db);
    const again = await seedDemo(a.db, { today: TODAY });
    expect(again).toMatchObject({ usersCreated: 0, portfoliosCreated: 0, positionsCreated: 0 });
    expect(await fingerprint(a.db)).toEqual(before);
  });

  it('extends prices on a later day without changing any earlier bar', async () => {
    const earlier = await sql<{ d: string }>`select md5(string_agg(concat_ws('|', symbol, date, close, volume), ',' order by symbol, date)) as d from market_data_cache where date <= ${TODAY}::date and date >= '2024-11-23'`.execute(b.db);
    const r = await seedDemo(b.db, { today: '2026-11-24' });
    expect(r.through).toBe('2026-11-24');
    const after = await sql<{ d: string }>`select md5(string_agg(concat_ws('|', symbol, date, close, volume), ',' order by symbol, date)) as d from market_data_cache where date <= ${TODAY}::date and date >= '2024-11-23'`.execute(b.db);
    expect(after.rows[0].d).toBe(earlier.rows[0].d);
    const latest = await sql<{ d: string }>`select max(date)::text as d from market_data_cache where symbol = 'SPY'`.execute(b.db);
    expect(latest.rows[0].d).toBe('2026-11-24');
  });

  it('leaves valuing positions to the portfolio refresh, whose values get_active_positions returns', { timeout: 60_000 }, async () => {
    const p = await a.db.selectFrom('portfolios').select('id').where('name', '=', 'Balanced Portfolio').executeTakeFirstOrThrow();
    const unvalued = await a.db.selectFrom('positions').select('market_value').where('portfolio_id', '=', p.id).execute();
    expect(unvalued.every((x) => x.market_value === null)).toBe(true);
    expect(await refreshPortfolio(a.db, p.id, TODAY, { riskFreeRate: 0.04 })).toMatchObject({ status: 'refreshed' });
    const rows = await sql<{ symbol: string; position_type: string; quantity: number; current_price: number; market_value: number; unrealized_pnl: number; entry_price: number; greeks: { delta: number } | null }>`
      select * from get_active_positions(${p.id})`.execute(a.db);
    expect(rows.rows).toHaveLength(30);
    for (const r of rows.rows) {
      const m = ['LC', 'LP', 'SC', 'SP'].includes(r.position_type) ? 100 : 1;
      // The signed-quantity convention: market value and P&L carry the quantity's sign.
      expect(Math.sign(r.market_value), r.symbol).toBe(Math.sign(r.quantity));
      expect(r.market_value, r.symbol).toBeCloseTo(r.quantity * r.current_price * m, 1);
      expect(r.unrealized_pnl, r.symbol).toBeCloseTo(r.quantity * (r.current_price - r.entry_price) * m, 1);
      expect(r.greeks === null, r.symbol).toBe(m === 1);
    }
  });
});
