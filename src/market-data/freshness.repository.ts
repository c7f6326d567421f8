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
