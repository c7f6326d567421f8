/**
 * Reads price series for return calculations from market_data_cache.
 */
import { sql, type Kysely } from 'kysely';
import type { DB, IsoDate } from '../db/schema.js';

/** A symbol's prices for returns: dates ascending, one value per date. */
export interface CloseSeries {
  dates: IsoDate[];
  values: Float64Array;
}

/**
 * The close used for returns, coalesce(adjusted_close, close), of each symbol with `from <= date <= to`,
 * dates ascending. One query for all symbols; a symbol with no rows is absent from the map.
 */
export async function loadReturnCloses(
  db: Kysely<DB>,
  symbols: readonly string[],
  from: IsoDate,
  to: IsoDate,
): Promise<Map<string, CloseSeries>> {
  const out = new Map<string, CloseSeries>();
  if (symbols.length === 0) return out;
  const rows = await sql<{ symbol: string; date: IsoDate; price: number }>`
    select symbol, date, coalesce(adjusted_close, close) as price
    from market_data_cache
    where symbol = any(${[...new Set(symbols)]}::varchar[]) and date between ${from}::date and ${to}::date
    order by symbol, date`.execute(db);
  let start = 0;
  const list = rows.rows;
  for (let i = 1; i <= list.length; i++) {
    if (i === list.length || list[i].symbol !== list[start].symbol) {
      const chunk = list.slice(start, i);
      out.set(list[start].symbol, { dates: chunk.map((r) => r.date), values: Float64Array.from(chunk, (r) => r.price) });
      start = i;
    }
  }
  return out;
}
