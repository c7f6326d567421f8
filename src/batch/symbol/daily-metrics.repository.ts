/** symbol_daily_metrics (write) and what it is computed from beyond prices (read). */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, IsoDate } from '../../db/schema.js';

/** One symbol_daily_metrics row. */
export interface SymbolDailyMetricsRow {
  symbol: string;
  date: IsoDate;
  currentPrice: number;
  marketCap: number | null;
  peRatio: number | null;
  return1d: number | null;
  returnMtd: number | null;
  returnYtd: number | null;
  return1m: number | null;
  return3m: number | null;
  return1y: number | null;
  volatility21d: number | null;
  volatility63d: number | null;
  volatility252d: number | null;
  factorMarket: number | null;
  factorValue: number | null;
  factorGrowth: number | null;
  factorMomentum: number | null;
}

/** The traded close of each symbol on exactly `date` (symbols without a bar that day are absent). */
export async function closesOn(db: Kysely<DB>, symbols: readonly string[], date: IsoDate): Promise<Map<string, number>> {
  if (symbols.length === 0) return new Map();
  const rows = await db.selectFrom('market_data_cache').select(['symbol', 'close']).where('symbol', 'in', [...symbols]).where('date', '=', date).execute();
  return new Map(rows.map((r) => [r.symbol, r.close]));
}

/** A symbol's profile figures and its adjusted close on the profile's date (or the last before it). */
export interface ProfileAnchor {
  marketCap: number | null;
  peRatio: number | null;
  profileDate: IsoDate;
  /** Adjusted close on or before profileDate; null when no price that old is stored. */
  adjustedClose: number | null;
}

/** The profiles (market cap, P/E) of `symbols` that have one, each with its price anchor. */
export async function profileAnchors(db: Kysely<DB>, symbols: readonly string[]): Promise<Map<string, ProfileAnchor>> {
  if (symbols.length === 0) return new Map();
  const rows = await sql<{ symbol: string; market_cap: number | null; pe_ratio: number | null; profile_date: IsoDate; adj: number | null }>`
    select u.symbol, u.market_cap, u.pe_ratio, u.profile_date, m.adj
    from symbol_universe u
    left join lateral (select coalesce(c.adjusted_close, c.close) as adj from market_data_cache c
      where c.symbol = u.symbol and c.date <= u.profile_date order by c.date desc limit 1) m on true
    where u.symbol = any(${[...symbols]}::varchar[]) and u.profile_date is not null and (u.market_cap is not null or u.pe_ratio is not null)`.execute(db);
  return new Map(rows.rows.map((r) => [r.symbol, {
    marketCap: r.market_cap === null ? null : Number(r.market_cap), peRatio: r.pe_ratio === null ? null : Number(r.pe_ratio),
    profileDate: r.profile_date, adjustedClose: r.adj === null ? null : Number(r.adj),
  }]));
}

/**
 * The market beta (ols_single) and the style model's value, growth and momentum betas
 * (ols_multifactor) the symbol batch stored for `date` over `windowDays` returns (other windows,
 * such as onboarding's, are other models).
 */
export async function styleBetas(db: Kysely<DB>, symbols: readonly string[], date: IsoDate, windowDays: number): Promise<Map<string, { market?: number; value?: number; growth?: number; momentum?: number }>> {
  const out = new Map<string, { market?: number; value?: number; growth?: number; momentum?: number }>();
  if (symbols.length === 0) return out;
  const rows = await sql<{ symbol: string; name: string; beta: number }>`
    select x.symbol, f.name, x.beta_value as beta
    from symbol_factor_exposures x join factor_definitions f on f.id = x.factor_id
    where x.symbol = any(${[...symbols]}::varchar[]) and x.calculation_date = ${date}::date and x.window_days = ${windowDays}
      and ((f.name = 'market' and x.calculation_method = 'ols_single')
        or (f.name in ('value', 'growth', 'momentum') and x.calculation_method = 'ols_multifactor'))`.execute(db);
  for (const r of rows.rows) out.set(r.symbol, { ...out.get(r.symbol), [r.name]: r.beta });
  return out;
}

/** Replaces the rows of `symbols` on `date` with `rows` (a symbol without a row loses its old one). Returns the rows written. */
export async function replaceSymbolDailyMetrics(trx: Transaction<DB>, date: IsoDate, symbols: readonly string[], rows: readonly SymbolDailyMetricsRow[]): Promise<number> {
  if (symbols.length > 0) await trx.deleteFrom('symbol_daily_metrics').where('metrics_date', '=', date).where('symbol', 'in', [...symbols]).execute();
  if (rows.length === 0) return 0;
  const col = (f: (r: SymbolDailyMetricsRow) => number | null) => rows.map((r) => { const v = f(r); return v === null ? null : String(v); });
  await sql`
    insert into symbol_daily_metrics as m (symbol, metrics_date, current_price, return_1d, return_mtd, return_ytd, return_1m, return_3m, return_1y,
      volatility_21d, volatility_63d, volatility_252d, factor_market, factor_value, factor_growth, factor_momentum, market_cap, pe_ratio, updated_at)
    select s, ${date}::date, p, r1d, rmtd, rytd, r1m, r3m, r1y, v21, v63, v252, fm, fv, fg, fmo, mc, pe, now() from unnest(
      ${rows.map((r) => r.symbol)}::varchar[], ${col((r) => r.currentPrice)}::numeric[], ${col((r) => r.return1d)}::numeric[],
      ${col((r) => r.returnMtd)}::numeric[], ${col((r) => r.returnYtd)}::numeric[], ${col((r) => r.return1m)}::numeric[],
      ${col((r) => r.return3m)}::numeric[], ${col((r) => r.return1y)}::numeric[], ${col((r) => r.volatility21d)}::numeric[],
      ${col((r) => r.volatility63d)}::numeric[], ${col((r) => r.volatility252d)}::numeric[], ${col((r) => r.factorMarket)}::numeric[],
      ${col((r) => r.factorValue)}::numeric[], ${col((r) => r.factorGrowth)}::numeric[], ${col((r) => r.factorMomentum)}::numeric[],
      ${col((r) => r.marketCap)}::numeric[], ${col((r) => r.peRatio)}::numeric[])
      as t(s, p, r1d, rmtd, rytd, r1m, r3m, r1y, v21, v63, v252, fm, fv, fg, fmo, mc, pe)
    on conflict (symbol, metrics_date) do update set
      current_price = excluded.current_price, return_1d = excluded.return_1d, return_mtd = excluded.return_mtd,
      return_ytd = excluded.return_ytd, return_1m = excluded.return_1m, return_3m = excluded.return_3m, return_1y = excluded.return_1y,
      volatility_21d = excluded.volatility_21d, volatility_63d = excluded.volatility_63d, volatility_252d = excluded.volatility_252d,
      factor_market = excluded.factor_market, factor_value = excluded.factor_value, factor_growth = excluded.factor_growth,
      factor_momentum = excluded.factor_momentum, market_cap = excluded.market_cap, pe_ratio = excluded.pe_ratio,
      updated_at = excluded.updated_at`.execute(trx);
  return rows.length;
}
