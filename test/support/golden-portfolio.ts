/**
 * The golden portfolio of the portfolio refresh (test/golden/portfolio.json) stored on the golden
 * prices: its market (bars, option closes, universe rows, the symbol phases for both of its dates) and
 * its owner, portfolio, tags, positions, cash flows and short-selling metrics.
 */
import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { refreshPortfolio } from '../../src/batch/portfolio/portfolio-refresh.js';
import { refreshFactorCovariance } from '../../src/batch/symbol/factor-covariance.js';
import { refreshFactorExposures } from '../../src/batch/symbol/factor-exposures.js';
import type { DB, PositionType } from '../../src/db/schema.js';
import { beginSymbolWrite } from '../../src/market-data/price-sources.js';
import { upsertBars, type StoredBar } from '../../src/market-data/prices.repository.js';
import { storeGoldenBars } from './golden-prices.js';

export interface GoldenPosition {
  key: string; symbol: string; type: PositionType; quantity: number; entryPrice: number; entryDate: string; tags: string[];
  underlying?: string; strike?: number; expiry?: string; optionType?: 'CALL' | 'PUT'; exitPrice?: number; exitDate?: string;
}
export interface GoldenPortfolio {
  date: string; previousDate: string; equityBalance: number; riskFreeRate: number; cashFlows: { date: string; amount: number }[];
  universe: Record<string, { sector: string; industry: string }>; positions: GoldenPosition[];
  optionCloses: Record<string, Record<string, number>>; shortSelling: Record<string, { date: string; costToBorrowRate: number; daysToCover: number }>;
}

export const goldenPortfolio = JSON.parse(readFileSync(new URL('../golden/portfolio.json', import.meta.url), 'utf8')) as GoldenPortfolio;

/** Stores the golden prices and option closes, the universe rows, and the symbol phases (betas, covariance) for both dates. */
export async function storeGoldenMarket(db: Kysely<DB>): Promise<void> {
  const f = goldenPortfolio;
  await storeGoldenBars(db, { stocks: true });
  const optionBars: StoredBar[] = Object.entries(f.optionCloses).flatMap(([symbol, closes]) => Object.entries(closes).map(([date, p]) => ({
    symbol, date, open: p, high: p, low: p, close: p, adjustedClose: p, volume: 1, dataSource: 'synthetic',
  })));
  await db.transaction().execute(async (trx) => {
    await beginSymbolWrite(trx, optionBars);
    await upsertBars(trx, optionBars);
  });
  await db.insertInto('symbol_universe').values(Object.entries(f.universe).map(([symbol, u]) => ({
    symbol, sector: u.sector, industry: u.industry, status: 'active', asset_type: 'equity', added_source: 'admin',
  }))).execute();
  for (const date of [f.previousDate, f.date]) {
    const betas = await refreshFactorExposures(db, Object.keys(f.universe), date);
    const cov = await refreshFactorCovariance(db, date);
    if (!betas.ok || !cov.ok) throw new Error(`golden symbol phases for ${date} failed`);
  }
  await db.insertInto('short_selling_metrics').values(Object.entries(f.shortSelling).map(([symbol, m]) => ({
    symbol, metric_date: m.date, cost_to_borrow_rate: m.costToBorrowRate, days_to_cover: m.daysToCover, data_source: 'golden',
  }))).execute();
}

/** Creates the owner, the portfolio, its tags, positions and cash flows; returns the ids (positions by fixture key). */
export async function createGoldenPortfolio(db: Kysely<DB>, username = 'golden'): Promise<{ userId: string; portfolioId: string; positions: Map<string, string> }> {
  const f = goldenPortfolio;
  const user = await db.insertInto('users').values({
    email: `${username}@example.com`, username, password_hash: `$2b$10$${'a'.repeat(53)}`,
  }).returning('id').executeTakeFirstOrThrow();
  const portfolio = await db.insertInto('portfolios').values({ user_id: user.id, name: 'Golden long/short', equity_balance: f.equityBalance })
    .returning('id').executeTakeFirstOrThrow();
  const tagIds = new Map<string, string>();
  for (const name of [...new Set(f.positions.flatMap((p) => p.tags))]) {
    tagIds.set(name, (await db.insertInto('tags').values({ user_id: user.id, name }).returning('id').executeTakeFirstOrThrow()).id);
  }
  const positions = new Map<string, string>();
  for (const p of f.positions) {
    const row = await db.insertInto('positions').values({
      portfolio_id: portfolio.id, symbol: p.symbol, position_type: p.type, quantity: p.quantity, entry_price: p.entryPrice, entry_date: p.entryDate,
      investment_class: p.underlying ? 'OPTIONS' : 'PUBLIC', underlying_symbol: p.underlying ?? null, strike_price: p.strike ?? null,
      expiration_date: p.expiry ?? null, option_type: p.optionType ?? null, exit_price: p.exitPrice ?? null, exit_date: p.exitDate ?? null,
    }).returning('id').executeTakeFirstOrThrow();
    positions.set(p.key, row.id);
    for (const tag of p.tags) await db.insertInto('position_tags').values({ position_id: row.id, tag_id: tagIds.get(tag)! }).execute();
  }
  await db.insertInto('portfolio_cash_flows').values(f.cashFlows.map((c) => ({ portfolio_id: portfolio.id, flow_date: c.date, amount: c.amount }))).execute();
  return { userId: user.id, portfolioId: portfolio.id, positions };
}

/**
 * The golden market and portfolio, refreshed by the batch for the fixture's two days (previous day,
 * then D), as the golden and HTTP risk tests read them. Throws when a day is not refreshed.
 */
export async function refreshedGoldenPortfolio(db: Kysely<DB>): Promise<Awaited<ReturnType<typeof createGoldenPortfolio>>> {
  await storeGoldenMarket(db);
  const created = await createGoldenPortfolio(db);
  for (const date of [goldenPortfolio.previousDate, goldenPortfolio.date]) {
    const out = await refreshPortfolio(db, created.portfolioId, date, { riskFreeRate: goldenPortfolio.riskFreeRate });
    if (out.status !== 'refreshed') throw new Error(`the golden portfolio was not refreshed for ${date}: ${JSON.stringify(out)}`);
  }
  return created;
}
