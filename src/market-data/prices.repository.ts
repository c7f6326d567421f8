import { sql, type Kysely } from 'kysely';
import type { DB, IsoDate } from '../db/schema.js';

/** One daily bar as stored in market_data_cache. */
export interface StoredBar {
  symbol: string;
  date: IsoDate;
  open: number | null;
  high: number | null;
  low: number | null;
  close: number;
  adjustedClose: number | null;
  volume: number | null;
  sector?: string | null;
  industry?: string | null;
  dataSource: string;
}

const CHUNK = 5_000;

/**
 * Upserts bars on (symbol, date) in chunks of 5,000, each one INSERT ... SELECT FROM unnest(arrays)
 * (one round trip and one plan per chunk, on both engines). A re-sent bar replaces the stored one,
 * so a provider's correction heals the table. Run it inside the caller's transaction.
 * Returns the number of rows written.
 */
export async function upsertBars(db: Kysely<DB>, bars: readonly StoredBar[]): Promise<number> {
  let written = 0;
  for (let i = 0; i < bars.length; i += CHUNK) {
    const chunk = bars.slice(i, i + CHUNK);
    const col = <T>(f: (b: StoredBar) => T): T[] => chunk.map(f);
    await sql`
      insert into market_data_cache (symbol, date, open, high, low, close, adjusted_close, volume, sector, industry, data_source)
      select * from unnest(
        ${col((b) => b.symbol)}::varchar[], ${col((b) => b.date)}::date[],
        ${col((b) => b.open)}::numeric[], ${col((b) => b.high)}::numeric[], ${col((b) => b.low)}::numeric[],
        ${col((b) => b.close)}::numeric[], ${col((b) => b.adjustedClose)}::numeric[], ${col((b) => b.volume)}::bigint[],
        ${col((b) => b.sector ?? null)}::varchar[], ${col((b) => b.industry ?? null)}::varchar[], ${col((b) => b.dataSource)}::varchar[])
      on conflict (symbol, date) do update set
        open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close,
        adjusted_close = excluded.adjusted_close, volume = excluded.volume,
        sector = coalesce(excluded.sector, market_data_cache.sector),
        industry = coalesce(excluded.industry, market_data_cache.industry),
        data_source = excluded.data_source, updated_at = now()`.execute(db);
    written += chunk.length;
  }
  return written;
}

/** Latest close on or before `date` for each symbol given (symbols with no price are absent). */
export async function latestCloses(db: Kysely<DB>, symbols: readonly string[], date: IsoDate): Promise<Map<string, { date: IsoDate; close: number }>> {
  if (symbols.length === 0) return new Map();
  const rows = await sql<{ symbol: string; date: IsoDate; close: number }>`
    select distinct on (symbol) symbol, date, close
    from market_data_cache
    where symbol = any(${[...symbols]}::varchar[]) and date <= ${date}::date
    order by symbol, date desc`.execute(db);
  return new Map(rows.rows.map((r) => [r.symbol, { date: r.date, close: r.close }]));
}

/** The newest stored bar of `symbol` dated before `date`, or null. */
export async function lastBarBefore(db: Kysely<DB>, symbol: string, date: IsoDate): Promise<StoredBar | null> {
  const r = await db
    .selectFrom('market_data_cache')
    .select(['symbol', 'date', 'open', 'high', 'low', 'close', 'adjusted_close', 'volume', 'data_source'])
    .where('symbol', '=', symbol)
    .where('date', '<', date)
    .orderBy('date', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r
    ? { symbol: r.symbol, date: r.date, open: r.open, high: r.high, low: r.low, close: r.close, adjustedClose: r.adjusted_close, volume: r.volume, dataSource: r.data_source }
    : null;
}
