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

/** Moves symbol_universe.last_factor_date of `symbols` forward to `date` (never back). */
export async function markFactorDate(trx: Transaction<DB>, symbols: readonly string[], date: IsoDate): Promise<void> {
  if (symbols.length === 0) return;
  await trx
    .updateTable('symbol_universe')
    .set({ last_factor_date: sql<IsoDate>`greatest(last_factor_date, ${date}::date)`, updated_at: new Date() })
    .where('symbol', 'in', [...symbols])
    .execute();
}
