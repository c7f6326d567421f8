/**
 * The portfolio benchmarks' universe: 400 stocks x 300 trading days and the nine factor ETFs,
 * following a factor model (bench/factor-market.ts), the symbol phase computed for the last two days,
 * and N portfolios of 30 positions (20 stocks long or short; a third add 10 unquoted options on
 * their stocks, the rest 10 more stocks), entered long before the last day.
 */
import type { Kysely } from 'kysely';
import { createRng } from '../src/analytics/random.js';
import { refreshFactorCovariance } from '../src/batch/symbol/factor-covariance.js';
import { refreshFactorExposures } from '../src/batch/symbol/factor-exposures.js';
import type { DB, NewPosition } from '../src/db/schema.js';
import { insertNewBars, type StoredBar } from '../src/market-data/prices.repository.js';
import { tradingDays } from '../src/market-data/trading-calendar.js';
import { factorMarket } from './factor-market.js';

export const BENCH_DATE = '2024-12-31';
export const BENCH_DATES = tradingDays('2023-06-01', BENCH_DATE).slice(-300);
const STOCKS = 400;

/** Builds the universe and `portfolios` portfolios; returns the number of positions. */
export async function buildPortfolioUniverse(db: Kysely<DB>, portfolios: number): Promise<number> {
  const rng = createRng(7);
  const n = BENCH_DATES.length;
  const market = factorMarket(rng, BENCH_DATES);
  await db.transaction().execute((trx) => insertNewBars(trx, market.etfBars()));
  const stocks = Array.from({ length: STOCKS }, (_, i) => `B${String(i).padStart(4, '0')}`);
  const last = new Map<string, number>();
  const bars: StoredBar[] = [];
  for (const s of stocks) {
    const p = market.stock();
    last.set(s, p[n - 1]);
    p.forEach((x, t) => bars.push(market.bar(s, t, x)));
  }
  for (let i = 0; i < bars.length; i += 20_000) await db.transaction().execute((trx) => insertNewBars(trx, bars.slice(i, i + 20_000)));
  await db.insertInto('symbol_universe').values(stocks.map((symbol) => ({ symbol, status: 'active' as const, added_source: 'admin' as const, sector: `Sector ${symbol.charCodeAt(4) % 11}` }))).execute();
  for (const date of BENCH_DATES.slice(-2)) {
    const betas = await refreshFactorExposures(db, stocks, date);
    const cov = await refreshFactorCovariance(db, date);
    if (!betas.ok || !cov.ok) throw new Error(`symbol phase of ${date} failed`);
  }

  for (let u = 0; u < portfolios; u += 100) {
    const user = await db.insertInto('users').values({ email: `bench${u}@example.com`, username: `bench${u}`, password_hash: `$2b$10$${'a'.repeat(53)}` })
      .returning('id').executeTakeFirstOrThrow();
    const ps = await db.insertInto('portfolios').values(Array.from({ length: Math.min(100, portfolios - u) }, (_, k) => ({
      user_id: user.id, name: `Book ${u + k}`, equity_balance: 1_000_000,
    }))).returning('id').execute();
    const rows: NewPosition[] = [];
    ps.forEach((p, k) => {
      const withOptions = (u + k) % 3 === 0;
      const picks = new Set<string>();
      while (picks.size < (withOptions ? 20 : 30)) picks.add(stocks[Math.floor(rng.uniform() * STOCKS)]);
      const held = [...picks];
      for (const s of held) {
        const long = rng.uniform() < 0.65;
        const qty = Math.max(1, Math.round(30_000 / last.get(s)!)) * (long ? 1 : -1);
        rows.push({ portfolio_id: p.id, symbol: s, position_type: long ? 'LONG' : 'SHORT', quantity: qty, entry_price: last.get(s)! * (0.9 + 0.2 * rng.uniform()), entry_date: '2024-06-03' });
      }
      if (withOptions) {
        for (let o = 0; o < 10; o++) {
          const s = held[o];
          const call = o % 2 === 0;
          const long = o % 3 !== 0;
          const strike = Math.round(last.get(s)! * (call ? 1.05 : 0.95));
          const type = call ? (long ? 'LC' : 'SC') : (long ? 'LP' : 'SP');
          rows.push({
            portfolio_id: p.id, symbol: `${s}250321${call ? 'C' : 'P'}${String(strike * 1000).padStart(8, '0')}`, position_type: type, quantity: long ? 5 : -5,
            investment_class: 'OPTIONS', underlying_symbol: s, strike_price: strike, expiration_date: '2025-03-21', option_type: call ? 'CALL' : 'PUT',
            entry_price: 3, entry_date: '2024-11-01',
          });
        }
      }
    });
    await db.insertInto('positions').values(rows).execute();
  }
  return Number((await db.selectFrom('positions').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}
