import bcrypt from 'bcryptjs';
import { sql, type Kysely, type Transaction } from 'kysely';
import { formatOccSymbol, parseOccSymbol } from '../analytics/occ-symbol.js';
import type { DB, IsoDate, NewPosition, PositionType } from '../db/schema.js';
import { lastCompletedSession } from '../market-data/freshness.js';
import { beginSymbolWrite } from '../market-data/price-sources.js';
import { SYNTHETIC_DATA_SOURCE } from '../market-data/synthetic-source.js';
import { upsertBars, type StoredBar } from '../market-data/prices.repository.js';
import { addDays, isTradingDay, previousOrSameTradingDay } from '../market-data/trading-calendar.js';
import { insertPositions } from '../portfolios/positions.repository.js';
import { classification, demoSymbols } from './demo-universe.js';
import { DEMO_PASSWORD, DEMO_PORTFOLIOS, type DemoOption, type DemoPortfolio } from './demo-portfolios.js';
import { generateMarket, optionBars, type Bar, type OptionContractSpec, type SyntheticMarket } from './synthetic-market.js';

/** Calendar days of history the demo keeps: two years. */
const HISTORY_DAYS = 730;
const BCRYPT_ROUNDS = 10;

export interface DemoSeedResult {
  through: IsoDate;
  usersCreated: number;
  portfoliosCreated: number;
  positionsCreated: number;
  barsWritten: number;
  symbols: number;
}

/** The third Friday of the month `months` after `from`'s month, moved to the trading day before if it is a holiday. */
export function monthlyExpiry(from: IsoDate, months: number): IsoDate {
  const y = Number(from.slice(0, 4));
  const m = Number(from.slice(5, 7)) - 1 + months;
  const first = new Date(Date.UTC(y, m, 1));
  const offset = (5 - first.getUTCDay() + 7) % 7;
  const friday = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1 + offset + 14)).toISOString().slice(0, 10);
  return isTradingDay(friday) ? friday : previousOrSameTradingDay(friday);
}

/** Listed strike grid: $1 below $25, $2.50 below $100, $5 from $100. */
export function roundToStrike(price: number): number {
  const step = price < 25 ? 1 : price < 100 ? 2.5 : 5;
  return Math.max(step, Math.round(price / step) * step);
}

function rightOf(type: DemoOption['type']): 'call' | 'put' {
  return type === 'LC' || type === 'SC' ? 'call' : 'put';
}

function closeOn(market: SyntheticMarket, symbol: string, date: IsoDate): number {
  const bars = market.bars.get(symbol);
  const bar = bars?.find((b) => b.date === date);
  if (!bar) throw new Error(`no synthetic close for ${symbol} on ${date}`);
  return bar.close;
}

function contractFor(market: SyntheticMarket, option: DemoOption, through: IsoDate): OptionContractSpec {
  const expiry = monthlyExpiry(through, option.monthsToExpiry);
  const strike = roundToStrike(closeOn(market, option.underlying, through) * option.moneyness);
  const right = rightOf(option.type);
  return { symbol: formatOccSymbol({ underlying: option.underlying, expiry, right, strike }), underlying: option.underlying, right, strike, expiry };
}

function toStored(bar: Bar): StoredBar {
  const c = classification(bar.symbol);
  return {
    symbol: bar.symbol, date: bar.date, open: bar.open, high: bar.high, low: bar.low, close: bar.close,
    adjustedClose: bar.adjustedClose, volume: bar.volume, sector: c?.sector ?? null, industry: c?.industry ?? null,
    dataSource: SYNTHETIC_DATA_SOURCE,
  };
}

/** `username/portfolio name` of the demo portfolios that already hold positions. */
async function portfoliosWithPositions(db: Kysely<DB>): Promise<Set<string>> {
  const rows = await db
    .selectFrom('portfolios as pf')
    .innerJoin('users as u', 'u.id', 'pf.user_id')
    .where('u.is_demo', '=', true)
    .where('pf.deleted_at', 'is', null)
    .where((eb) => eb.exists(eb.selectFrom('positions as p').select('p.id').whereRef('p.portfolio_id', '=', 'pf.id')))
    .select(['u.username', 'pf.name'])
    .execute();
  return new Set(rows.map((r) => `${r.username}/${r.name}`));
}

/** Option contracts already held by demo users, so re-seeding on a later day keeps their prices current. */
async function heldDemoContracts(db: Kysely<DB>): Promise<OptionContractSpec[]> {
  const rows = await db
    .selectFrom('positions as p')
    .innerJoin('portfolios as pf', 'pf.id', 'p.portfolio_id')
    .innerJoin('users as u', 'u.id', 'pf.user_id')
    .where('u.is_demo', '=', true)
    .where('p.investment_class', '=', 'OPTIONS')
    .select('p.symbol')
    .distinct()
    .execute();
  return rows.map((r) => {
    const c = parseOccSymbol(r.symbol);
    return { symbol: r.symbol, underlying: c.underlying, right: c.right, strike: c.strike, expiry: c.expiry };
  });
}

/**
 * Seeds the demo: the synthetic market (two years of daily bars up to `today`, by default the last
 * session that has closed in New York, for every demo
 * symbol and factor ETF, and Black-Scholes prices for the demo options), the symbol universe, the
 * three demo users with their portfolios, tags and positions. One transaction: all or nothing. The
 * factor betas and every result come from the batch (`sigmasight batch run`, or the first start).
 *
 * Deterministic and idempotent: the same `today` writes the same rows; running it again creates no
 * user, portfolio or position twice (existing demo portfolios keep their positions) and re-writes
 * the same bars. Run on a later day, it extends the prices to that day.
 */
export async function seedDemo(db: Kysely<DB>, options: { today?: IsoDate } = {}): Promise<DemoSeedResult> {
  // By default the last session that has closed in New York: a session still open has no close yet.
  const today = options.today ?? lastCompletedSession(new Date());
  const through = previousOrSameTradingDay(today);
  const from = addDays(through, -HISTORY_DAYS);
  const market = generateMarket(through);

  // Contracts are derived from the seed day's spot, so only portfolios about to receive positions plan new ones;
  // contracts already held keep their prices current.
  const held = await heldDemoContracts(db);
  const seeded = await portfoliosWithPositions(db);
  const planned = DEMO_PORTFOLIOS.filter((p) => !seeded.has(`${p.username}/${p.portfolioName}`))
    .flatMap((p) => p.positions.filter((x): x is DemoOption => x.kind === 'option').map((o) => contractFor(market, o, through)));
  const contracts = new Map([...held, ...planned].map((c) => [c.symbol, c]));

  const bars: StoredBar[] = [];
  for (const symbol of demoSymbols()) {
    for (const bar of market.bars.get(symbol)!) if (bar.date >= from) bars.push(toStored(bar));
  }
  for (const c of contracts.values()) {
    const listed = addDays(c.expiry, -400) > from ? addDays(c.expiry, -400) : from;
    for (const bar of optionBars(market, c, listed)) bars.push({ ...toStored(bar), sector: null, industry: null });
  }

  const passwordHash = await bcrypt.hash(DEMO_PASSWORD, BCRYPT_ROUNDS);
  return db.transaction().execute(async (trx) => {
    await beginSymbolWrite(trx, bars.map((b) => ({ symbol: b.symbol, dataSource: b.dataSource })));
    const barsWritten = await upsertBars(trx, bars);
    const symbols = await upsertUniverse(trx, bars, contracts);
    let usersCreated = 0, portfoliosCreated = 0, positionsCreated = 0;
    for (const demo of DEMO_PORTFOLIOS) {
      const r = await seedPortfolio(trx, demo, market, through, passwordHash);
      usersCreated += r.userCreated ? 1 : 0;
      portfoliosCreated += r.portfolioCreated ? 1 : 0;
      positionsCreated += r.positionsCreated;
    }
    return { through, usersCreated, portfoliosCreated, positionsCreated, barsWritten, symbols };
  });
}

async function upsertUniverse(trx: Transaction<DB>, bars: StoredBar[], contracts: Map<string, OptionContractSpec>): Promise<number> {
  const span = new Map<string, { first: IsoDate; last: IsoDate }>();
  for (const b of bars) {
    const s = span.get(b.symbol);
    if (!s) span.set(b.symbol, { first: b.date, last: b.date });
    else {
      if (b.date < s.first) s.first = b.date;
      if (b.date > s.last) s.last = b.date;
    }
  }
  const rows = [...span.entries()].map(([symbol, s]) => {
    const c = classification(symbol);
    const option = contracts.get(symbol);
    return {
      symbol,
      name: c?.name ?? (option ? `${option.underlying} ${option.expiry} ${option.right.toUpperCase()} ${option.strike}` : null),
      asset_type: option ? ('option' as const) : (c?.assetType ?? 'equity'),
      exchange: option ? 'OPRA' : null,
      sector: c?.sector ?? null,
      industry: c?.industry ?? null,
      first_seen_date: s.first,
      last_seen_date: s.last,
      is_active: true,
      status: 'active' as const,
      added_source: 'demo',
      last_synced: new Date(),
      last_price_date: s.last,
    };
  });
  if (rows.length === 0) return 0;
  await trx
    .insertInto('symbol_universe')
    .values(rows)
    .onConflict((oc) =>
      oc.column('symbol').doUpdateSet((eb) => ({
        last_seen_date: eb.ref('excluded.last_seen_date'),
        last_price_date: eb.ref('excluded.last_price_date'),
        last_synced: eb.ref('excluded.last_synced'),
        first_seen_date: sql<IsoDate>`least(symbol_universe.first_seen_date, excluded.first_seen_date)`,
        updated_at: new Date(),
      })),
    )
    .execute();
  return rows.length;
}

async function seedPortfolio(trx: Transaction<DB>, demo: DemoPortfolio, market: SyntheticMarket, through: IsoDate, passwordHash: string) {
  const inserted = await trx
    .insertInto('users')
    .values({ email: demo.email, username: demo.username, full_name: demo.fullName, password_hash: passwordHash, is_demo: true })
    .onConflict((oc) => oc.column('username').doNothing())
    .returning('id')
    .executeTakeFirst();
  const user = await trx.selectFrom('users').select('id').where('username', '=', demo.username).executeTakeFirstOrThrow();

  let portfolio = await trx
    .selectFrom('portfolios')
    .select('id')
    .where('user_id', '=', user.id)
    .where('name', '=', demo.portfolioName)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  const portfolioCreated = !portfolio;
  if (!portfolio) {
    portfolio = await trx
      .insertInto('portfolios')
      .values({ user_id: user.id, name: demo.portfolioName, description: demo.description, equity_balance: demo.equityBalance })
      .returning('id')
      .executeTakeFirstOrThrow();
  }

  await trx
    .insertInto('tags')
    .values(demo.tags.map((t) => ({ user_id: user.id, name: t.name, tag_type: t.type, color: t.color, description: t.description })))
    .onConflict((oc) => oc.columns(['user_id', 'name']).where('deleted_at', 'is', null).doNothing())
    .execute();
  const tagIds = new Map(
    (await trx.selectFrom('tags').select(['id', 'name']).where('user_id', '=', user.id).where('deleted_at', 'is', null).execute()).map((t) => [t.name, t.id]),
  );

  const existing = await trx.selectFrom('positions').select(sql<number>`count(*)`.as('n')).where('portfolio_id', '=', portfolio.id).executeTakeFirstOrThrow();
  let positionsCreated = 0;
  if (Number(existing.n) === 0) {
    const dates = market.dates;
    const end = dates.indexOf(through);
    const rows: NewPosition[] = [];
    const rowTags: string[][] = [];
    for (const p of demo.positions) {
      const entryDate = dates[end - p.enteredDaysAgo];
      let row;
      if (p.kind === 'stock') {
        const entryPrice = closeOn(market, p.symbol, entryDate);
        const shares = Math.max(1, Math.round(p.dollars / entryPrice));
        const quantity = p.side === 'LONG' ? shares : -shares;
        // Valued by the portfolio refresh (the batch), the one valuation of a position.
        row = {
          portfolio_id: portfolio.id, symbol: p.symbol, position_type: p.side as PositionType, quantity, investment_class: 'PUBLIC' as const,
          entry_price: entryPrice, entry_date: entryDate,
        };
      } else {
        const c = contractFor(market, p, through);
        const series = optionBars(market, c, entryDate);
        const entry = series.find((b) => b.date === entryDate);
        const last = series.find((b) => b.date === through);
        if (!entry || !last) throw new Error(`demo option ${c.symbol} has no price on ${entry ? through : entryDate}`);
        const quantity = p.type === 'LC' || p.type === 'LP' ? p.contracts : -p.contracts;
        row = {
          portfolio_id: portfolio.id, symbol: c.symbol, position_type: p.type, quantity, investment_class: 'OPTIONS' as const,
          underlying_symbol: c.underlying, expiration_date: c.expiry, strike_price: c.strike,
          option_type: c.right === 'call' ? ('CALL' as const) : ('PUT' as const),
          entry_price: entry.close, entry_date: entryDate,
        };
      }
      rows.push(row);
      rowTags.push(p.tags);
    }
    const ids = await insertPositions(trx, rows, { requestedBy: user.id });
    positionsCreated = ids.length;
    const links = ids.flatMap((id, i) =>
      rowTags[i].map((name) => {
        const tagId = tagIds.get(name);
        if (!tagId) throw new Error(`demo position ${rows[i].symbol} names unknown tag ${name}`);
        return { position_id: id, tag_id: tagId };
      }),
    );
    if (links.length > 0) await trx.insertInto('position_tags').values(links).execute();
    await sql`
      update tags t set usage_count = (select count(*) from position_tags pt where pt.tag_id = t.id), updated_at = now()
      where t.user_id = ${user.id}`.execute(trx);
  }
  return { userCreated: inserted !== undefined, portfolioCreated, positionsCreated };
}
