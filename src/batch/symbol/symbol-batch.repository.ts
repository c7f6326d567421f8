/** The symbols the symbol batch computes for. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** Active symbols with a market (not options or private holdings), status 'active', by symbol. */
export async function activeSymbols(db: Kysely<DB>): Promise<string[]> {
  const rows = await db
    .selectFrom('symbol_universe')
    .select('symbol')
    .where('is_active', '=', true)
    .where('status', '=', 'active')
    .where('asset_type', 'not in', ['option', 'private'])
    .orderBy('symbol')
    .execute();
  return rows.map((r) => r.symbol);
}
