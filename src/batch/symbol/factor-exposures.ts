/**
 * Symbol batch, factor exposures: every symbol's betas to the factors for a trading day D, computed
 * once per symbol and day with the batched kernels and stored in symbol_factor_exposures. Portfolios
 * only read them.
 *
 * The regressions, all with an intercept, on simple daily returns of adjusted closes:
 * - 'ols_single': market on SPY; interest rate on TLT (a yield beta follows from TLT's duration D as
 *   -D x the rate beta, see factor_definitions.proxy_duration_years); oil on USO.
 * - 'ols_multifactor' and 'ridge': the style model, market + momentum, value, growth, quality, size
 *   and low volatility together; ridge on standardized regressors with penalty `ridgeLambda` in
 *   units of observations (regression.ts ridgeBatch; its betas are back on the original scale).
 * - 'spread_ols': each spread (VUG-VTV, MTUM-SPY, IWM-SPY, QUAL-SPY) alone.
 *
 * The window is a calendar of the factor ETFs: the last `windowDays` + 1 dates on or before D on
 * which every factor ETF has a price, so `windowDays` returns. A symbol's return on a calendar date
 * is its adjusted close there over its adjusted close on the previous calendar date, minus 1; a
 * missing price on either date makes it missing (NaN), and the fit drops that row (olsBatch and
 * ridgeBatch group symbols by missing-day pattern). A fit needs `minObservations` rows (default 60).
 *
 * Symbols are read and fitted in chunks of `chunkSize`, their prices as arrays per symbol, never one
 * object per bar kept across chunks; each chunk's rows are written in one transaction.
 */
import type { Kysely, Transaction } from 'kysely';
import { olsBatch, ridgeBatch, type OlsResult, type RidgeResult } from '../../analytics/regression.js';
import type { DB, IsoDate } from '../../db/schema.js';
import { adjustedCloses } from '../../market-data/adjusted-prices.repository.js';
import { upsertSymbolFactorExposures, type SymbolExposureRow } from '../../market-data/factor-exposures.repository.js';
import { addDays } from '../../market-data/trading-calendar.js';
import { deleteFactorExposures, loadBetaFactors, markFactorDate, type BetaFactor } from './factor-exposures.repository.js';

/** symbol_factor_exposures.beta_value is NUMERIC(14, 8). */
const BETA_COLUMN_LIMIT = 1e6;

/** Daily returns in a fit's window by default (one year of sessions). */
export const DEFAULT_BETA_WINDOW = 252;
/** Fewest usable returns for a fit by default. */
export const DEFAULT_MIN_BETA_OBSERVATIONS = 60;
/** Ridge penalty in observations (about a tenth of a year's returns). */
export const DEFAULT_RIDGE_LAMBDA = 25;
/** Symbols read and fitted together. */
export const DEFAULT_BETA_CHUNK = 500;

/** The factors of the style model, by factor_definitions.name. */
export const STYLE_FACTORS = ['market', 'momentum', 'value', 'growth', 'quality', 'size', 'low_volatility'] as const;
/** The single-factor regressions, by factor_definitions.name. */
export const SINGLE_FACTORS = ['market', 'interest_rate', 'oil'] as const;

/** Settings; every field has a default. */
export interface FactorExposureOptions {
  windowDays?: number;
  minObservations?: number;
  ridgeLambda?: number;
  chunkSize?: number;
}

/** The factor ETFs' calendar and returns for one window. */
export interface FactorWindow {
  /** windowDays + 1 price dates, ascending; returns are dated by their end date (dates[1..]). */
  dates: IsoDate[];
  /** Each factor ETF's returns on dates[1..], by ETF symbol. */
  etfReturns: Map<string, Float64Array>;
}

/**
 * A symbol's returns on the window's calendar (NaN where a price is missing at either end). Both the
 * calendar and the series' dates are ascending with one price per date (as adjustedCloses reads
 * them): a merge walk from the calendar's first date, so the cost is the window's, not the series'.
 */
export function calendarReturns(calendar: readonly IsoDate[], series: { dates: readonly IsoDate[]; values: ArrayLike<number> } | undefined): Float64Array {
  const out = new Float64Array(Math.max(0, calendar.length - 1)).fill(NaN);
  if (!series || calendar.length === 0) return out;
  const { dates, values } = series;
  let j = lowerBound(dates, calendar[0]);
  const priceOn = (d: IsoDate): number | undefined => {
    while (j < dates.length && dates[j] < d) j++;
    return j < dates.length && dates[j] === d ? values[j] : undefined;
  };
  let prev = priceOn(calendar[0]);
  for (let t = 1; t < calendar.length; t++) {
    const p = priceOn(calendar[t]);
    if (p !== undefined && prev !== undefined && prev > 0) out[t - 1] = p / prev - 1;
    prev = p;
  }
  return out;
}

/** The first index of ascending `dates` whose date is on or after `d` (dates.length when none). */
export function lowerBound(dates: readonly IsoDate[], d: IsoDate): number {
  let lo = 0, hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dates[mid] < d) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One fitted coefficient as a stored row. */
function row(symbol: string, factorId: string, date: IsoDate, fit: OlsResult | RidgeResult, j: number, method: SymbolExposureRow['method'], windowDays: number): SymbolExposureRow | null {
  if (!fit.ok) return null;
  const ols = 'standardErrors' in fit ? fit : null;
  const finite = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? x : null);
  return {
    symbol, factorId, calculationDate: date, beta: fit.coefficients[j + 1],
    stdError: ols ? finite(ols.standardErrors[j + 1]) : null, tStat: ols ? finite(ols.tStats[j + 1]) : null,
    rSquared: Math.min(1, Math.max(0, fit.rSquared)), observations: fit.n, windowDays, method,
  };
}

/**
 * Every stored row of the fits of `ys` (symbol returns on the window's calendar) against the window's
 * factors (see the module comment). Pure.
 */
export function factorExposureRows(
  symbols: readonly string[],
  ys: readonly Float64Array[],
  window: FactorWindow,
  factors: readonly BetaFactor[],
  date: IsoDate,
  o: Required<Pick<FactorExposureOptions, 'windowDays' | 'minObservations' | 'ridgeLambda'>>,
): SymbolExposureRow[] {
  const out: SymbolExposureRow[] = [];
  const byName = new Map(factors.map((f) => [f.name, f]));
  const returnsOf = (f: BetaFactor): Float64Array | null => {
    if (f.etf) return window.etfReturns.get(f.etf) ?? null;
    const a = f.spreadLong ? window.etfReturns.get(f.spreadLong) : undefined;
    const b = f.spreadShort ? window.etfReturns.get(f.spreadShort) : undefined;
    return a && b ? Float64Array.from(a, (x, t) => x - b[t]) : null;
  };
  const push = (fits: readonly (OlsResult | RidgeResult)[], used: readonly BetaFactor[], method: SymbolExposureRow['method']) => {
    fits.forEach((fit, i) => used.forEach((f, j) => {
      const r = row(symbols[i], f.factorId, date, fit, j, method, o.windowDays);
      if (r) out.push(r);
    }));
  };
  const options = { minObservations: o.minObservations };
  for (const name of SINGLE_FACTORS) {
    const f = byName.get(name);
    const x = f && returnsOf(f);
    if (f && x) push(olsBatch([x], ys, options), [f], 'ols_single');
  }
  const style = STYLE_FACTORS.map((n) => byName.get(n)).filter((f): f is BetaFactor => !!f && !!returnsOf(f));
  if (style.length > 0) {
    const xs = style.map((f) => returnsOf(f)!);
    push(olsBatch(xs, ys, options), style, 'ols_multifactor');
    push(ridgeBatch(xs, ys, o.ridgeLambda, options), style, 'ridge');
  }
  for (const f of factors.filter((x) => x.spreadLong)) {
    const x = returnsOf(f);
    if (x) push(olsBatch([x], ys, options), [f], 'spread_ols');
  }
  return out;
}

/**
 * The factor ETFs' window ending on or before `date`: the last windowDays + 1 dates every ETF of
 * `etfs` has a price on. Null, with the reason, when there are fewer.
 */
export async function loadFactorWindow(db: Kysely<DB>, etfs: readonly string[], date: IsoDate, windowDays: number): Promise<FactorWindow | { reason: string }> {
  return factorWindowOf(etfs, await adjustedCloses(db, etfs, factorWindowStart(date, windowDays), date), date, windowDays);
}

/** The first calendar day whose prices {@link factorWindowOf} may use for D: 1.5 calendar days per trading day, and two weeks. */
export function factorWindowStart(date: IsoDate, windowDays: number): IsoDate {
  return addDays(date, -Math.ceil(windowDays * 1.5) - 14);
}

/** The dates, ascending, on which every one of `etfs` has a price in `prices`. */
export function commonDates(etfs: readonly string[], prices: ReadonlyMap<string, { dates: readonly IsoDate[] }>): IsoDate[] {
  const counts = new Map<IsoDate, number>();
  for (const e of etfs) for (const d of prices.get(e)?.dates ?? []) counts.set(d, (counts.get(d) ?? 0) + 1);
  return [...counts.entries()].filter(([, c]) => c === etfs.length).map(([d]) => d).sort();
}

/**
 * The factor calendar of D from the ETFs' adjusted closes (ascending, any span holding
 * [factorWindowStart, D]; prices outside it are ignored): the last windowDays + 1 dates on which
 * every ETF has a price, the last being D; or why there is none. `common` ({@link commonDates} of
 * the same prices) may be given once for many days, and with it `returnsOf`: an ETF's
 * {@link calendarReturns} on the window's dates, the `count` returns of the window starting at
 * common[start] (a range of days reads them from returns computed once on the whole of `common`).
 */
export function factorWindowOf(
  etfs: readonly string[],
  prices: ReadonlyMap<string, { dates: readonly IsoDate[]; values: ArrayLike<number> }>,
  date: IsoDate,
  windowDays: number,
  common: readonly IsoDate[] = commonDates(etfs, prices),
  returnsOf?: (etf: string, start: number, count: number) => Float64Array,
): FactorWindow | { reason: string } {
  const from = factorWindowStart(date, windowDays);
  /** The last price date of the ETF in [from, D], or undefined. */
  const lastIn = (e: string): IsoDate | undefined => {
    const dates = prices.get(e)?.dates ?? [];
    const i = lowerBound(dates, addDays(date, 1)) - 1;
    return i >= 0 && dates[i] >= from ? dates[i] : undefined;
  };
  const missing = etfs.filter((e) => lastIn(e) === undefined);
  if (missing.length > 0) return { reason: `no prices for the factor ETF(s) ${missing.join(', ')} up to ${date}` };
  const first = lowerBound(common, from), end = lowerBound(common, addDays(date, 1));
  if (end - first < windowDays + 1) return { reason: `the factor ETFs share ${end - first} price dates up to ${date}; ${windowDays + 1} needed for ${windowDays} returns` };
  // A window ending before D would be stored as D's: refuse stale factor prices instead.
  if (common[end - 1] !== date) return { reason: `the factor ETFs' common prices end on ${common[end - 1]}, not ${date}: ${etfs.filter((e) => lastIn(e)! < date).join(', ')} not current` };
  const start = end - windowDays - 1;
  const dates = common.slice(start, end);
  return { dates, etfReturns: new Map(etfs.map((e) => [e, returnsOf ? returnsOf(e, start, windowDays) : calendarReturns(dates, prices.get(e))])) };
}

/** What {@link refreshFactorExposures} did. */
export type FactorExposureOutcome =
  | { ok: true; date: IsoDate; windowStart: IsoDate; windowEnd: IsoDate; symbols: number; fitted: number; rowsWritten: number; unfitted: { symbol: string; reason: string }[] }
  | { ok: false; date: IsoDate; reason: string };

/**
 * Fits and stores the factor exposures of `symbols` for `date` (see the module comment): each
 * chunk's transaction deletes the chunk's rows of that date and window and writes the new ones, so a
 * rerun leaves exactly one run's rows; then sets each fitted symbol's last_factor_date. Symbols
 * without enough returns, or with a beta the column cannot hold, are listed in `unfitted` with the
 * reason. The symbol batch calls it for the whole universe; onboarding calls it for one new symbol
 * inside its own transaction (given a Transaction, every chunk is written in it).
 *
 * @example
 * const r = await refreshFactorExposures(db, ['AAPL', 'XOM'], '2024-12-31');
 * // r.ok && r.rowsWritten: 3 single + 7 OLS + 7 ridge + 4 spread rows per symbol
 */
export async function refreshFactorExposures(db: Kysely<DB>, symbols: readonly string[], date: IsoDate, options: FactorExposureOptions = {}): Promise<FactorExposureOutcome> {
  const o = {
    windowDays: options.windowDays ?? DEFAULT_BETA_WINDOW,
    minObservations: options.minObservations ?? DEFAULT_MIN_BETA_OBSERVATIONS,
    ridgeLambda: options.ridgeLambda ?? DEFAULT_RIDGE_LAMBDA,
  };
  const chunkSize = options.chunkSize ?? DEFAULT_BETA_CHUNK;
  const factors = await loadBetaFactors(db);
  const etfs = [...new Set(factors.flatMap((f) => [f.etf, f.spreadLong, f.spreadShort]).filter((e): e is string => !!e))].sort();
  const window = await loadFactorWindow(db, etfs, date, o.windowDays);
  if ('reason' in window) return { ok: false, date, reason: window.reason };
  const unfitted: { symbol: string; reason: string }[] = [];
  let fitted = 0;
  let rowsWritten = 0;
  for (let i = 0; i < symbols.length; i += chunkSize) {
    const chunk = symbols.slice(i, i + chunkSize);
    const prices = await adjustedCloses(db, chunk, window.dates[0], window.dates.at(-1)!);
    const ys = chunk.map((s) => calendarReturns(window.dates, prices.get(s)));
    const fits = factorExposureRows(chunk, ys, window, factors, date, o);
    // A beta the column cannot hold (|beta| >= 1e6, a degenerate fit) drops that symbol, not the chunk.
    const wild = new Map<string, string>();
    for (const r of fits) if (!(Math.abs(r.beta) < BETA_COLUMN_LIMIT) && !wild.has(r.symbol)) wild.set(r.symbol, `${r.method} beta ${r.beta} on factor ${r.factorId} is outside the stored range`);
    const rows = fits.filter((r) => !wild.has(r.symbol));
    for (const [symbol, reason] of wild) unfitted.push({ symbol, reason });
    const withRows = new Set(rows.map((r) => r.symbol));
    chunk.forEach((s, k) => {
      if (withRows.has(s) || wild.has(s)) return;
      const usable = ys[k].reduce((n, x) => n + (Number.isNaN(x) ? 0 : 1), 0);
      unfitted.push({ symbol: s, reason: `${usable} usable daily returns in the window ${window.dates[1]}..${window.dates.at(-1)}; at least ${o.minObservations} needed` });
    });
    fitted += withRows.size;
    const write = async (trx: Transaction<DB>) => {
      await deleteFactorExposures(trx, chunk, date, o.windowDays);
      const n = await upsertSymbolFactorExposures(trx, rows);
      await markFactorDate(trx, [...withRows], date);
      return n;
    };
    rowsWritten += db.isTransaction ? await write(db as Transaction<DB>) : await db.transaction().execute(write);
  }
  return { ok: true, date, windowStart: window.dates[1], windowEnd: window.dates.at(-1)!, symbols: symbols.length, fitted, rowsWritten, unfitted };
}
