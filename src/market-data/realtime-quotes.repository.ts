import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** A quote as cached in realtime_quotes_cache. */
export interface CachedQuote {
  symbol: string;
  lastPrice: number;
  bid: number | null;
  ask: number | null;
  change: number | null;
  /** Percent (1.5 = +1.5 %). */
  changePct: number | null;
  volume: number | null;
  quoteTime: Date;
  fetchedAt: Date;
  /** The quote is used until this instant (fetchedAt + the cache's TTL). */
  expiresAt: Date;
  dataSource: string;
}

/** Upserts quotes on symbol (one row per symbol, the newest fetch wins). Returns the rows written. */
export async function upsertQuotes(db: Kysely<DB>, quotes: readonly CachedQuote[]): Promise<number> {
  if (quotes.length === 0) return 0;
  await db
    .insertInto('realtime_quotes_cache')
    .values(quotes.map((q) => ({
      symbol: q.symbol, last_price: q.lastPrice, bid: q.bid, ask: q.ask, change: q.change, change_pct: q.changePct,
      volume: q.volume === null ? null : Math.round(q.volume), quote_time: q.quoteTime, fetched_at: q.fetchedAt,
      expires_at: q.expiresAt, data_source: q.dataSource,
    })))
    .onConflict((oc) => oc.column('symbol').doUpdateSet((eb) => ({
      last_price: eb.ref('excluded.last_price'), bid: eb.ref('excluded.bid'), ask: eb.ref('excluded.ask'),
      change: eb.ref('excluded.change'), change_pct: eb.ref('excluded.change_pct'), volume: eb.ref('excluded.volume'),
      quote_time: eb.ref('excluded.quote_time'), fetched_at: eb.ref('excluded.fetched_at'),
      expires_at: eb.ref('excluded.expires_at'), data_source: eb.ref('excluded.data_source'),
    })))
    .execute();
  return quotes.length;
}

/** The cached quotes of `symbols` that have not expired at `at` (expired rows are never returned). */
export async function unexpiredQuotes(db: Kysely<DB>, symbols: readonly string[], at: Date): Promise<Map<string, CachedQuote>> {
  if (symbols.length === 0) return new Map();
  const rows = await db
    .selectFrom('realtime_quotes_cache')
    .selectAll()
    .where('symbol', 'in', [...symbols])
    .where('expires_at', '>', at)
    .execute();
  return new Map(rows.map((r) => [r.symbol, {
    symbol: r.symbol, lastPrice: r.last_price, bid: r.bid, ask: r.ask, change: r.change, changePct: r.change_pct,
    volume: r.volume, quoteTime: r.quote_time, fetchedAt: r.fetched_at, expiresAt: r.expires_at, dataSource: r.data_source,
  }]));
}

/** Deletes quotes that expired before `before`; returns how many. */
export async function deleteExpiredQuotes(db: Kysely<DB>, before: Date): Promise<number> {
  const r = await sql`delete from realtime_quotes_cache where expires_at < ${before}`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}
