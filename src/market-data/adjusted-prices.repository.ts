/**
 * Adjusted closes: scaling them when a corporate action arrives, and reading them. Every return in
 * SigmaSight is computed from adjusted closes (see price-adjustment.ts for the method), never from
 * the traded close, so a split or a dividend is not mistaken for a price move. {@link adjustedCloses}
 * is the one reader of prices for returns (onboarding's factor betas, analytics).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DatedSeries } from '../analytics/returns.js';
import type { DB, IsoDate } from '../db/schema.js';

/** One symbol's adjusted closes, ascending by date, one per date: a DatedSeries for the return functions. */
export interface AdjustedCloseSeries extends DatedSeries {
  dates: IsoDate[];
  values: Float64Array;
}

/**
 * Multiplies the adjusted close of every bar of `symbol` dated before `before` (except the dates in
 * `except`: bars just written with the action already counted) by
 * `numerator / denominator` (computed in NUMERIC, rounded to the column's 6 decimals); a bar
 * without an adjusted close starts from its close. This is how an action that arrives after bars
 * were stored reaches them: a split of f new shares per old one is 1 / f, a dividend
 * (P_prev - D) / P_prev. Returns the bars changed. Run it inside the caller's transaction, once per
 * new action (the action's insert and this update commit together, so it is never applied twice).
 */
export async function scaleAdjustedCloses(
  db: Transaction<DB>,
  symbol: string,
  change: { before: IsoDate; numerator: number; denominator: number; except?: readonly IsoDate[] },
): Promise<number> {
  if (!(change.numerator > 0 && change.denominator > 0)) throw new RangeError(`adjustment factor must be positive, got ${change.numerator}/${change.denominator}`);
  const r = await sql`
    update market_data_cache
    set adjusted_close = round(coalesce(adjusted_close, close) * ${String(change.numerator)}::numeric / ${String(change.denominator)}::numeric, 6),
        updated_at = now()
    where symbol = ${symbol} and date < ${change.before}::date
      and not (date = any(${[...(change.except ?? [])]}::date[]))`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/**
 * Adjusted closes of `symbols` with `from <= date <= to`, ascending by date, in one query for all
 * symbols (duplicates in `symbols` are read once); a bar without an adjusted close contributes its
 * close (coalesce(adjusted_close, close)). Symbols with no bar in the range are absent from the
 * map. Compute returns from these, never from the traded close.
 *
 * @example
 * const series = await adjustedCloses(db, ['AAPL', 'SPY'], '2024-01-02', '2024-12-31');
 * const aapl = series.get('AAPL'); // { dates: [...], values: Float64Array [...] }
 * const returns = simpleReturns(aapl.values);
 */
export async function adjustedCloses(db: Kysely<DB>, symbols: readonly string[], from: IsoDate, to: IsoDate): Promise<Map<string, AdjustedCloseSeries>> {
  const out = new Map<string, AdjustedCloseSeries>();
  if (symbols.length === 0 || from > to) return out;
  // One row per symbol with its dates and prices as arrays (the driver parses date[] and numeric[]),
  // never one object per bar.
  const rows = await sql<{ symbol: string; dates: IsoDate[]; adj: number[] }>`
    select symbol, array_agg(date order by date) as dates, array_agg(coalesce(adjusted_close, close) order by date) as adj
    from market_data_cache
    where symbol = any(${[...new Set(symbols)]}::varchar[]) and date between ${from}::date and ${to}::date
    group by symbol`.execute(db);
  for (const r of rows.rows) out.set(r.symbol, { dates: r.dates, values: Float64Array.from(r.adj) });
  return out;
}
