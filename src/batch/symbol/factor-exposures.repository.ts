/** The factors the symbol batch fits (factor_definitions) and the universe's last factor date. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, IsoDate } from '../../db/schema.js';

/** A factor with what stands for its returns: one ETF, or a spread of two. */
export interface BetaFactor {
  factorId: string;
  /** factor_definitions.name, e.g. 'market' or 'growth_value_spread'. */
  name: string;
  etf: string | null;
  spreadLong: string | null;
  spreadShort: string | null;
}

/** The active factors that have returns (an ETF proxy or a spread), in display order. */
export async function loadBetaFactors(db: Kysely<DB>): Promise<BetaFactor[]> {
  const rows = await db
    .selectFrom('factor_definitions')
    .select(['id', 'name', 'etf_proxy', 'spread_long', 'spread_short'])
    .where('is_active', '=', true)
    .where((eb) => eb.or([eb('etf_proxy', 'is not', null), eb('spread_long', 'is not', null)]))
    .orderBy('display_order')
    .execute();
  return rows.map((r) => ({ factorId: r.id, name: r.name, etf: r.etf_proxy, spreadLong: r.spread_long, spreadShort: r.spread_short }));
}

/** The batch's methods: onboarding's own fits (other windows) are left alone by a delete of the batch's window. */
const BATCH_METHODS = ['ols_single', 'ols_multifactor', 'ridge', 'spread_ols'] as const;

/** Deletes the stored exposures of `symbols` on `date` over `windowDays` returns (before a chunk is written again). */
export async function deleteFactorExposures(trx: Transaction<DB>, symbols: readonly string[], date: IsoDate, windowDays: number): Promise<void> {
  if (symbols.length === 0) return;
  await trx
    .deleteFrom('symbol_factor_exposures')
    .where('symbol', 'in', [...symbols])
    .where('calculation_date', '=', date)
    .where('window_days', '=', windowDays)
    .where('calculation_method', 'in', [...BATCH_METHODS])
    .execute();
}

/** Moves symbol_universe.last_factor_date of `symbols` forward to `date` (never back). */
export async function markFactorDate(trx: Transaction<DB>, symbols: readonly string[], date: IsoDate): Promise<void> {
  if (symbols.length === 0) return;
  await trx
    .updateTable('symbol_universe')
    .set({ last_factor_date: sql<IsoDate>`greatest(last_factor_date, ${date}::date)`, updated_at: new Date() })
    .where('symbol', 'in', [...symbols])
    .execute();
}
