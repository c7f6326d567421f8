/**
 * The real-data demo (`sigmasight demo seed --real`): the user demo_dow with a long/short Dow 30
 * portfolio for 1991-2000, priced from real closes, and each Dow stock's market beta against the
 * NYSE Composite. The data is in data/real (see its README for sources, licenses and quirks):
 *
 * - DJ30 daily closes 1991-01-02 .. 2001-01-02 (the 1990-12-31 row duplicates 1991-01-02 and is
 *   dropped), stored with data_source 'real-dj30', open/high/low/volume/adjusted_close NULL;
 * - NYSE Composite 1966-2002 as symbol 'NYA' ('real-nyse'), close only;
 * - S&P 500 2000-2020 OHLCV as symbol 'SPX' ('real-sp500').
 *
 * Betas: for each of the 30 stocks, OLS with intercept of its simple daily returns on the NYSE
 * Composite's, on the dates both have in 1991-01-02 .. 2000-12-29 (inner join), stored in
 * symbol_factor_exposures against the 'market' factor with calculation_method 'ols_single',
 * calculation_date the last return date and window_days the calendar days of the window.
 *
 * Positions: entered at the real close of their entry date (the first trading date on or after the
 * planned one), valued at the last DJ30 close (2001-01-02); quantities are signed (shorts negative).
 * Idempotent and all in one transaction, like the synthetic demo.
 */
import bcrypt from 'bcryptjs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { ols } from '../analytics/regression.js';
import { alignedReturns } from '../analytics/returns.js';
import { insertPositions } from '../portfolios/positions.repository.js';
import type { DB, IsoDate } from '../db/schema.js';
import { factorIdByName, upsertSymbolFactorExposures } from '../market-data/factor-exposures.repository.js';
import { beginSymbolWrite } from '../market-data/price-sources.js';
import { upsertBars, type StoredBar } from '../market-data/prices.repository.js';
import { dayNumber } from '../market-data/trading-calendar.js';
import { packageRoot } from '../package-root.js';
import { DEMO_PASSWORD } from './demo-portfolios.js';

/** The demo user and portfolio. */
export const REAL_DEMO_USER = {
  username: 'demo_dow',
  email: 'demo_dow@sigmasight.com',
  fullName: 'Demo Dow 30 (real data)',
  portfolioName: 'Dow 30 (1991-2000)',
  description: 'Long/short Dow 30 stocks, 1991-2000, priced from real daily closes (data/real). Betas against the NYSE Composite.',
  equityBalance: 1_000_000,
} as const;

/** data_source of each file's rows. */
export const REAL_DATA_SOURCES = { dj30: 'real-dj30', nyse: 'real-nyse', sp500: 'real-sp500' } as const;
/** The NYSE Composite's symbol: the market factor of this demo. */
export const NYSE_COMPOSITE_SYMBOL = 'NYA';
/** The S&P 500 index's symbol. */
export const SP500_SYMBOL = 'SPX';
/** The beta window: the DJ30 file's 1990s. */
export const REAL_BETA_WINDOW = { from: '1991-01-02', to: '2000-12-29' } as const;

const FILES = {
  dj30: 'dj30_daily_close_1990_2001.csv',
  nyse: 'nyse_composite_daily_1966_2002.csv',
  sp500: 'sp500_daily_ohlcv_2000_2020.csv',
} as const;
/** The DJ30 quirk: this date repeats 1991-01-02. */
const DJ30_DUPLICATE_DATE = '1990-12-31';
const BCRYPT_ROUNDS = 10;

/** The 2000 Dow members in the file, with their names then. */
export const DOW_30_NAMES: Readonly<Record<string, string>> = {
  AA: 'Alcoa', AXP: 'American Express', BA: 'Boeing', C: 'Citigroup', CAT: 'Caterpillar', DD: 'DuPont',
  DIS: 'Walt Disney', EK: 'Eastman Kodak', GE: 'General Electric', GM: 'General Motors', HD: 'Home Depot',
  HON: 'Honeywell International', HWP: 'Hewlett-Packard', IBM: 'International Business Machines', INTC: 'Intel',
  IP: 'International Paper', JNJ: 'Johnson & Johnson', JPM: 'J.P. Morgan Chase', KO: 'Coca-Cola', MCD: "McDonald's",
  MMM: 'Minnesota Mining and Manufacturing (3M)', MO: 'Philip Morris', MRK: 'Merck', MSFT: 'Microsoft',
  PG: 'Procter & Gamble', SBC: 'SBC Communications', T: 'AT&T', UTX: 'United Technologies', WMT: 'Wal-Mart Stores',
  XOM: 'Exxon Mobil',
};

/** One planned position: dollars at entry (absolute), entered on the first trading date on or after `entered`. */
export interface RealDemoPosition {
  symbol: string;
  side: 'LONG' | 'SHORT';
  dollars: number;
  entered: IsoDate;
}

/** The portfolio: thirteen longs, four shorts. */
export const REAL_DEMO_POSITIONS: readonly RealDemoPosition[] = [
  { symbol: 'MSFT', side: 'LONG', dollars: 100_000, entered: '1991-01-02' },
  { symbol: 'INTC', side: 'LONG', dollars: 100_000, entered: '1991-01-02' },
  { symbol: 'GE', side: 'LONG', dollars: 100_000, entered: '1991-01-02' },
  { symbol: 'WMT', side: 'LONG', dollars: 80_000, entered: '1991-01-02' },
  { symbol: 'HD', side: 'LONG', dollars: 80_000, entered: '1991-01-02' },
  { symbol: 'JNJ', side: 'LONG', dollars: 80_000, entered: '1991-01-02' },
  { symbol: 'XOM', side: 'LONG', dollars: 80_000, entered: '1991-01-02' },
  { symbol: 'MRK', side: 'LONG', dollars: 60_000, entered: '1991-01-02' },
  { symbol: 'PG', side: 'LONG', dollars: 60_000, entered: '1991-01-02' },
  { symbol: 'KO', side: 'LONG', dollars: 60_000, entered: '1991-01-02' },
  { symbol: 'IBM', side: 'LONG', dollars: 80_000, entered: '1993-07-01' },
  { symbol: 'JPM', side: 'LONG', dollars: 60_000, entered: '1995-01-03' },
  { symbol: 'C', side: 'LONG', dollars: 60_000, entered: '1995-01-03' },
  { symbol: 'EK', side: 'SHORT', dollars: 50_000, entered: '1996-01-02' },
  { symbol: 'IP', side: 'SHORT', dollars: 40_000, entered: '1997-01-02' },
  { symbol: 'GM', side: 'SHORT', dollars: 50_000, entered: '1998-01-02' },
  { symbol: 'T', side: 'SHORT', dollars: 40_000, entered: '1999-01-04' },
];

/** A close series, dates ascending. */
export interface CloseSeries {
  dates: IsoDate[];
  closes: Float64Array;
}

/** The three files, parsed. */
export interface RealData {
  /** DJ30 closes per stock, without the duplicated 1990-12-31 row. */
  dj30: Map<string, CloseSeries>;
  nyse: CloseSeries;
  sp500: { date: IsoDate; open: number; high: number; low: number; close: number; adjClose: number; volume: number }[];
}

/** Where the files are: `<package root>/data/real`. */
export function defaultRealDataDir(): string {
  return path.join(packageRoot(), 'data', 'real');
}

function readCsv(dir: string, file: string, header: string): string[][] {
  const full = path.join(dir, file);
  const lines = readFileSync(full, 'utf8').split(/\r?\n/).filter((l) => l !== '');
  if (lines[0] !== header) throw new Error(`${full}: expected the header "${header}", got "${lines[0]}"`);
  const width = header.split(',').length;
  return lines.slice(1).map((l, i) => {
    const cells = l.split(',');
    if (cells.length !== width) throw new Error(`${full} line ${i + 2}: expected ${width} fields, got ${cells.length}`);
    return cells;
  });
}

function positive(file: string, line: number, field: string, cell: string): number {
  const v = Number(cell);
  if (!(Number.isFinite(v) && v > 0) || cell.trim() === '') throw new Error(`${file} line ${line}: ${field} "${cell}" is not a positive number`);
  return v;
}

function isoDate(file: string, line: number, cell: string): IsoDate {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(cell)) throw new Error(`${file} line ${line}: date "${cell}" is not YYYY-MM-DD`);
  return cell;
}

function ascending(file: string, label: string, dates: readonly IsoDate[]): void {
  for (let i = 1; i < dates.length; i++) {
    if (!(dates[i] > dates[i - 1])) throw new Error(`${file}: ${label} dates are not strictly ascending at ${dates[i]}`);
  }
}

/** Reads and checks the three files; errors name the file, line and field. Drops the DJ30 1990-12-31 rows. */
export function loadRealData(dir: string = defaultRealDataDir()): RealData {
  const dj30 = new Map<string, { dates: IsoDate[]; closes: number[] }>();
  readCsv(dir, FILES.dj30, 'symbol,date,close').forEach(([symbol, date, close], i) => {
    const d = isoDate(FILES.dj30, i + 2, date);
    if (d === DJ30_DUPLICATE_DATE) return;
    const s = dj30.get(symbol) ?? { dates: [], closes: [] };
    s.dates.push(d);
    s.closes.push(positive(FILES.dj30, i + 2, 'close', close));
    dj30.set(symbol, s);
  });
  const stocks = new Map<string, CloseSeries>();
  for (const [symbol, s] of [...dj30.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const order = s.dates.map((_, i) => i).sort((a, b) => (s.dates[a] < s.dates[b] ? -1 : 1));
    const series = { dates: order.map((i) => s.dates[i]), closes: Float64Array.from(order, (i) => s.closes[i]) };
    ascending(FILES.dj30, symbol, series.dates);
    stocks.set(symbol, series);
  }
  const nyseRows = readCsv(dir, FILES.nyse, 'date,close');
  const nyse = {
    dates: nyseRows.map(([d], i) => isoDate(FILES.nyse, i + 2, d)),
    closes: Float64Array.from(nyseRows, ([, c], i) => positive(FILES.nyse, i + 2, 'close', c)),
  };
  ascending(FILES.nyse, 'NYSE', nyse.dates);
  const sp500 = readCsv(dir, FILES.sp500, 'date,open,high,low,close,adj_close,volume').map(([date, o, h, l, c, a, v], i) => {
    const line = i + 2;
    const volume = Number(v);
    if (!Number.isInteger(volume) || volume < 0) throw new Error(`${FILES.sp500} line ${line}: volume "${v}" is not a whole number >= 0`);
    return {
      date: isoDate(FILES.sp500, line, date), open: positive(FILES.sp500, line, 'open', o), high: positive(FILES.sp500, line, 'high', h),
      low: positive(FILES.sp500, line, 'low', l), close: positive(FILES.sp500, line, 'close', c), adjClose: positive(FILES.sp500, line, 'adj_close', a), volume,
    };
  });
  ascending(FILES.sp500, 'S&P 500', sp500.map((r) => r.date));
  return { dj30: stocks, nyse, sp500 };
}

function within(s: CloseSeries, from: IsoDate, to: IsoDate): { dates: IsoDate[]; values: Float64Array } {
  const keep = s.dates.map((d, i) => (d >= from && d <= to ? i : -1)).filter((i) => i >= 0);
  return { dates: keep.map((i) => s.dates[i]), values: Float64Array.from(keep, (i) => s.closes[i]) };
}

/** One stock's market beta on the NYSE Composite. */
export interface RealMarketBeta {
  symbol: string;
  beta: number;
  stdError: number;
  tStat: number;
  rSquared: number;
  observations: number;
  /** The last return date. */
  calculationDate: IsoDate;
}

/**
 * Each DJ30 stock's market beta: OLS with intercept of its simple returns on the NYSE Composite's,
 * inner-joined dates within {@link REAL_BETA_WINDOW}. Throws naming the stock when a fit fails.
 */
export function realMarketBetas(data: RealData): RealMarketBeta[] {
  const market = within(data.nyse, REAL_BETA_WINDOW.from, REAL_BETA_WINDOW.to);
  return [...data.dj30.entries()].map(([symbol, series]) => {
    const r = alignedReturns([within(series, REAL_BETA_WINDOW.from, REAL_BETA_WINDOW.to), market]);
    const fit = ols(r.values[0], [r.values[1]]);
    if (!fit.ok) throw new Error(`market beta of ${symbol} on ${NYSE_COMPOSITE_SYMBOL}: ${fit.message}`);
    return {
      symbol, beta: fit.coefficients[1], stdError: fit.standardErrors[1], tStat: fit.tStats[1],
      rSquared: fit.rSquared, observations: fit.n, calculationDate: r.dates[r.dates.length - 1],
    };
  });
}

/** What {@link seedRealDemo} did. */
export interface RealDemoResult {
  /** The valuation date: the last DJ30 close. */
  asOf: IsoDate;
  userCreated: boolean;
  portfolioCreated: boolean;
  positionsCreated: number;
  barsWritten: number;
  betasWritten: number;
  /** Universe rows inserted (existing rows are left alone). */
  universeInserted: number;
}

/** Settings for {@link seedRealDemo}. */
export interface RealDemoOptions {
  /** Folder holding the three files; default data/real under the package root. */
  dataDir?: string;
}

function closeOnOrAfter(series: CloseSeries, symbol: string, date: IsoDate): { date: IsoDate; close: number } {
  const i = series.dates.findIndex((d) => d >= date);
  if (i < 0) throw new Error(`real demo: ${symbol} has no close on or after ${date}`);
  return { date: series.dates[i], close: series.closes[i] };
}

/**
 * Seeds the real-data demo (see the module comment): prices, universe rows, market betas, the user
 * demo_dow (password demo123, is_demo) and the portfolio 'Dow 30 (1991-2000)' with its positions.
 * One transaction; idempotent (a second run re-writes the same prices and betas and creates no user,
 * portfolio or position twice; an existing portfolio keeps its positions).
 */
export async function seedRealDemo(db: Kysely<DB>, options: RealDemoOptions = {}): Promise<RealDemoResult> {
  const data = loadRealData(options.dataDir ?? defaultRealDataDir());
  const betas = realMarketBetas(data);
  const bars: StoredBar[] = [];
  for (const [symbol, s] of data.dj30) {
    s.dates.forEach((date, i) => bars.push({ symbol, date, open: null, high: null, low: null, close: s.closes[i], adjustedClose: null, volume: null, dataSource: REAL_DATA_SOURCES.dj30 }));
  }
  data.nyse.dates.forEach((date, i) => bars.push({
    symbol: NYSE_COMPOSITE_SYMBOL, date, open: null, high: null, low: null, close: data.nyse.closes[i], adjustedClose: null, volume: null, dataSource: REAL_DATA_SOURCES.nyse,
  }));
  for (const r of data.sp500) {
    bars.push({ symbol: SP500_SYMBOL, date: r.date, open: r.open, high: r.high, low: r.low, close: r.close, adjustedClose: r.adjClose, volume: r.volume, dataSource: REAL_DATA_SOURCES.sp500 });
  }
  const asOf = [...data.dj30.values()].reduce((m, s) => (s.dates[s.dates.length - 1] > m ? s.dates[s.dates.length - 1] : m), '');
  const passwordHash = await bcrypt.hash(DEMO_PASSWORD, BCRYPT_ROUNDS);

  return db.transaction().execute(async (trx) => {
    await beginSymbolWrite(trx, bars.map((b) => ({ symbol: b.symbol, dataSource: b.dataSource })));
    const barsWritten = await upsertBars(trx, bars);

    const marketId = await factorIdByName(trx, 'market');
    const windowDays = dayNumber(REAL_BETA_WINDOW.to) - dayNumber(REAL_BETA_WINDOW.from);
    const betasWritten = await upsertSymbolFactorExposures(trx, betas.map((b) => ({
      symbol: b.symbol, factorId: marketId, calculationDate: b.calculationDate, beta: b.beta, stdError: b.stdError, tStat: b.tStat,
      rSquared: b.rSquared, observations: b.observations, windowDays, method: 'ols_single' as const,
    })));

    const reason = 'historical demo data (data/real, 1991-2001): not synced from providers';
    const span = (s: { dates: IsoDate[] }) => ({ first_seen_date: s.dates[0], last_seen_date: s.dates[s.dates.length - 1], last_price_date: s.dates[s.dates.length - 1] });
    const factorDate = new Map(betas.map((b) => [b.symbol, b.calculationDate]));
    const universe = [
      ...[...data.dj30.entries()].map(([symbol, s]) => ({
        symbol, name: DOW_30_NAMES[symbol] ?? null, asset_type: 'equity' as const, exchange: 'NYSE', ...span(s), last_factor_date: factorDate.get(symbol) ?? null,
      })),
      { symbol: NYSE_COMPOSITE_SYMBOL, name: 'NYSE Composite Index', asset_type: 'index' as const, exchange: 'NYSE', ...span(data.nyse), last_factor_date: null },
      { symbol: SP500_SYMBOL, name: 'S&P 500 Index', asset_type: 'index' as const, exchange: null, ...span({ dates: data.sp500.map((r) => r.date) }), last_factor_date: null },
    ].map((r) => ({ ...r, status: 'active' as const, status_reason: reason, is_active: false, added_source: 'demo', last_synced: sql<Date>`now()` }));
    const inserted = await trx.insertInto('symbol_universe').values(universe).onConflict((oc) => oc.column('symbol').doNothing()).returning('symbol').execute();

    const u = REAL_DEMO_USER;
    const newUser = await trx
      .insertInto('users')
      .values({ email: u.email, username: u.username, full_name: u.fullName, password_hash: passwordHash, is_demo: true })
      .onConflict((oc) => oc.column('username').doNothing())
      .returning('id')
      .executeTakeFirst();
    const user = await trx.selectFrom('users').select('id').where('username', '=', u.username).executeTakeFirstOrThrow();
    let portfolio = await trx
      .selectFrom('portfolios').select('id')
      .where('user_id', '=', user.id).where('name', '=', u.portfolioName).where('deleted_at', 'is', null)
      .executeTakeFirst();
    const portfolioCreated = !portfolio;
    if (!portfolio) {
      portfolio = await trx
        .insertInto('portfolios')
        .values({ user_id: user.id, name: u.portfolioName, description: u.description, equity_balance: u.equityBalance })
        .returning('id')
        .executeTakeFirstOrThrow();
    }
    const existing = await trx.selectFrom('positions').select(sql<number>`count(*)::int`.as('n')).where('portfolio_id', '=', portfolio.id).executeTakeFirstOrThrow();
    let positionsCreated = 0;
    if (existing.n === 0) {
      const rows = REAL_DEMO_POSITIONS.map((p) => {
        const series = data.dj30.get(p.symbol);
        if (!series) throw new Error(`real demo position ${p.symbol}: no DJ30 closes for it`);
        const entry = closeOnOrAfter(series, p.symbol, p.entered);
        const last = series.closes[series.closes.length - 1];
        const shares = Math.max(1, Math.round(p.dollars / entry.close));
        const quantity = p.side === 'LONG' ? shares : -shares;
        return {
          portfolio_id: portfolio.id, symbol: p.symbol, position_type: p.side, quantity, investment_class: 'PUBLIC' as const,
          entry_price: entry.close, entry_date: entry.date,
          notes: `Entered at the real ${p.symbol} close of ${entry.date} (last close ${last} on ${series.dates[series.dates.length - 1]}).`,
        };
      });
      await insertPositions(trx, rows);
      positionsCreated = rows.length;
    }
    return {
      asOf, userCreated: newUser !== undefined, portfolioCreated, positionsCreated, barsWritten, betasWritten, universeInserted: inserted.length,
    };
  });
}
