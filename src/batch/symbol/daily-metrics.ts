/**
 * Symbol batch, daily metrics: one symbol_daily_metrics row per symbol and trading day D, the
 * dashboard's per-symbol numbers, computed once in the batch and only read afterwards.
 *
 * Conventions (all from adjusted closes, so splits and dividends are not price moves):
 * - current_price: the traded close on D. A symbol with no bar on D gets no row (reported).
 * - return_1d: P_D / P_prev - 1, P_prev the symbol's previous stored close.
 * - return_mtd, return_ytd: P_D over the last close before D's month (year), minus 1; null when no
 *   close before that month (year) is stored.
 * - return_1m, return_3m, return_1y: P_D over the close 21, 63 and 252 of the symbol's trading
 *   sessions earlier, minus 1; null with fewer sessions.
 * - volatility_21d, _63d, _252d: annualized realized volatility, sample sd (n - 1) of the last 21, 63
 *   and 252 simple daily returns times sqrt(252) (analytics/volatility.ts); null with fewer returns.
 * - factor_market: the market beta (ols_single on SPY) the batch stored for D over `windowDays`
 *   returns (default 252); factor_value, factor_growth, factor_momentum: the style model's OLS betas
 *   (ols_multifactor) of the same window; null when not fitted.
 * - market_cap, pe_ratio: the provider's profile figures (symbol_universe, fetched at onboarding on
 *   profile_date) carried to D by the ratio of D's adjusted close to the adjusted close on the
 *   profile's date: shares outstanding and trailing earnings are taken as unchanged since the
 *   profile; splits do not move them, dividends (in the adjusted closes) add at most the yield per
 *   year since the profile. Null without a profile, or without a price as old as the profile.
 */
import type { Kysely } from 'kysely';
import { realizedVolatility } from '../../analytics/volatility.js';
import type { DB, IsoDate } from '../../db/schema.js';
import { adjustedCloses } from '../../market-data/adjusted-prices.repository.js';
import { addDays } from '../../market-data/trading-calendar.js';
import { DEFAULT_BETA_WINDOW } from './factor-exposures.js';
import { closesOn, profileAnchors, replaceSymbolDailyMetrics, styleBetas, type ProfileAnchor, type SymbolDailyMetricsRow } from './daily-metrics.repository.js';

/** The trailing windows, in the symbol's own trading sessions. */
export const RETURN_WINDOWS = { return1m: 21, return3m: 63, return1y: 252 } as const;
export const VOLATILITY_WINDOWS = { volatility21d: 21, volatility63d: 63, volatility252d: 252 } as const;

/** The price-derived metrics of one symbol on `date`. */
export type PriceMetrics = Pick<SymbolDailyMetricsRow, 'return1d' | 'returnMtd' | 'returnYtd' | 'return1m' | 'return3m' | 'return1y' | 'volatility21d' | 'volatility63d' | 'volatility252d'>;

/**
 * The price-derived metrics (see the module comment) from a symbol's adjusted closes ending on
 * `date` (ascending; the last one must be dated `date`). Pure.
 *
 * @example
 * priceMetrics({ dates: ['2024-12-30', '2024-12-31'], values: [100, 101] }, '2024-12-31').return1d // 0.01
 */
export function priceMetrics(series: { dates: readonly IsoDate[]; values: ArrayLike<number> }, date: IsoDate): PriceMetrics {
  const n = series.dates.length;
  if (n === 0 || series.dates[n - 1] !== date) throw new RangeError(`priceMetrics: the series must end on ${date}`);
  const p = series.values;
  const last = p[n - 1];
  const ago = (k: number) => (n - 1 - k >= 0 ? last / p[n - 1 - k] - 1 : null);
  const before = (boundary: IsoDate) => {
    for (let i = n - 1; i >= 0; i--) if (series.dates[i] < boundary) return last / p[i] - 1;
    return null;
  };
  const returns = new Float64Array(Math.max(0, n - 1));
  for (let i = 1; i < n; i++) returns[i - 1] = p[i] / p[i - 1] - 1;
  const vol = (w: number) => (returns.length >= w ? realizedVolatility(returns, { window: w }) : null);
  return {
    return1d: ago(1),
    returnMtd: before(`${date.slice(0, 7)}-01`),
    returnYtd: before(`${date.slice(0, 4)}-01-01`),
    return1m: ago(RETURN_WINDOWS.return1m),
    return3m: ago(RETURN_WINDOWS.return3m),
    return1y: ago(RETURN_WINDOWS.return1y),
    volatility21d: vol(VOLATILITY_WINDOWS.volatility21d),
    volatility63d: vol(VOLATILITY_WINDOWS.volatility63d),
    volatility252d: vol(VOLATILITY_WINDOWS.volatility252d),
  };
}

/** What {@link refreshSymbolDailyMetrics} did. */
export interface DailyMetricsOutcome {
  date: IsoDate;
  rowsWritten: number;
  /** Symbols with no bar on the date (no row written). */
  withoutPrice: string[];
}

/**
 * Market cap and P/E on a day whose adjusted close is `adjustedClose`, from the profile's figures
 * and its own adjusted close (see the module comment); rounded to the columns' precision. Pure.
 *
 * @example
 * profileMetrics({ marketCap: 1e9, peRatio: 20, profileDate: '2024-06-28', adjustedClose: 50 }, 55) // { marketCap: 1.1e9, peRatio: 22 }
 */
export function profileMetrics(p: ProfileAnchor | undefined, adjustedClose: number): Pick<SymbolDailyMetricsRow, 'marketCap' | 'peRatio'> {
  if (!p || p.adjustedClose === null || !(p.adjustedClose > 0) || !(adjustedClose > 0)) return { marketCap: null, peRatio: null };
  const ratio = adjustedClose / p.adjustedClose;
  const round = (x: number, digits: number, limit: number) => (Number.isFinite(x) && Math.abs(x) < limit ? Number(x.toFixed(digits)) : null);
  return {
    marketCap: p.marketCap === null ? null : round(p.marketCap * ratio, 2, 1e18),
    peRatio: p.peRatio === null ? null : round(p.peRatio * ratio, 4, 1e8),
  };
}

/**
 * Computes and stores the daily metrics of `symbols` for `date` (see the module comment), in chunks
 * of `chunkSize`, each chunk's rows replacing that date's rows in one transaction.
 */
export async function refreshSymbolDailyMetrics(db: Kysely<DB>, symbols: readonly string[], date: IsoDate, options: { chunkSize?: number; windowDays?: number } = {}): Promise<DailyMetricsOutcome> {
  const chunkSize = options.chunkSize ?? 1_000;
  const windowDays = options.windowDays ?? DEFAULT_BETA_WINDOW;
  // A year of sessions plus the previous year-end, with room for holidays.
  const from = addDays(date, -400);
  const withoutPrice: string[] = [];
  let rowsWritten = 0;
  for (let i = 0; i < symbols.length; i += chunkSize) {
    const chunk = symbols.slice(i, i + chunkSize);
    const [series, closes, betas, profiles] = await Promise.all([
      adjustedCloses(db, chunk, from, date), closesOn(db, chunk, date), styleBetas(db, chunk, date, windowDays), profileAnchors(db, chunk),
    ]);
    const rows: SymbolDailyMetricsRow[] = [];
    for (const symbol of chunk) {
      const s = series.get(symbol);
      const close = closes.get(symbol);
      if (!s || close === undefined || s.dates.at(-1) !== date) {
        withoutPrice.push(symbol);
        continue;
      }
      const b = betas.get(symbol);
      rows.push({
        symbol, date, currentPrice: close, ...priceMetrics(s, date), ...profileMetrics(profiles.get(symbol), s.values[s.values.length - 1]),
        factorMarket: b?.market ?? null, factorValue: b?.value ?? null, factorGrowth: b?.growth ?? null, factorMomentum: b?.momentum ?? null,
      });
    }
    rowsWritten += await db.transaction().execute((trx) => replaceSymbolDailyMetrics(trx, date, chunk, rows));
  }
  return { date, rowsWritten, withoutPrice };
}
