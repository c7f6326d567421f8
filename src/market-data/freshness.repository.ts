import { sql, type Kysely } from 'kysely';
import type { DB, IsoDate } from '../db/schema.js';

/** Seed 000: the newest date in market_data_cache, or null when it is empty. */
export async function latestPriceDate(db: Kysely<DB>): Promise<IsoDate | null> {
  const r = await sql<{ d: IsoDate | null }>`select max(date) as d from market_data_cache`.execute(db);
  return r.rows[0]?.d ?? null;
}

/** Seed 000: the newest calculation_date in symbol_factor_exposures, or null when it is empty. */
export async function latestFactorDate(db: Kysely<DB>): Promise<IsoDate | null> {
  const r = await sql<{ d: IsoDate | null }>`select max(calculation_date) as d from symbol_factor_exposures`.execute(db);
  return r.rows[0]?.d ?? null;
}

/** A data set of past prices that is complete as it is and is never synced (the real-data demo). */
export interface HistoricalDataset {
  /** Its last trading date: freshness is judged against this, not against today. */
  endDate: IsoDate;
  /** What the data set is: the status_reason its seed gave its symbols. */
  description: string | null;
  /** Symbols it holds (inactive universe rows added by a demo seed). */
  symbols: number;
}

/**
 * The historical data set this database holds, or null when its prices are meant to be current.
 *
 * Historical: no symbol_universe row is active (nothing is synced) and some row is a historical
 * demo symbol (added_source 'demo', is_active false, not a private holding: how `demo seed --real`
 * enters its symbols, "not synced from providers"). The end date is the newest last_price_date of
 * the historical symbols held in open positions (the demo portfolio's valuation date), else of all
 * of them.
 */
export async function historicalDataset(db: Kysely<DB>): Promise<HistoricalDataset | null> {
  const r = await sql<{ active: number; symbols: number; held_end: IsoDate | null; end: IsoDate | null; description: string | null }>`
    with frozen as (
      select symbol, last_price_date, status_reason from symbol_universe
      where not is_active and added_source = 'demo' and asset_type <> 'private')
    select
      (select count(*) from (select 1 from symbol_universe where is_active limit 1) a)::int as active,
      (select count(*) from frozen)::int as symbols,
      (select max(f.last_price_date) from frozen f
        where exists (select 1 from positions p where p.symbol = f.symbol and p.deleted_at is null and p.exit_date is null)) as held_end,
      (select max(last_price_date) from frozen) as "end",
      (select max(status_reason) from frozen) as description`.execute(db);
  const row = r.rows[0];
  if (!row || row.active > 0 || row.symbols === 0) return null;
  const endDate = row.held_end ?? row.end;
  return endDate === null ? null : { endDate, description: row.description, symbols: row.symbols };
}
