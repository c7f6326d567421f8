/**
 * The realtime quote cache: quotes fetched through the provider chain are kept in
 * realtime_quotes_cache for a time-to-live, and a read returns only quotes that have not expired,
 * so a caller never prices with a stale quote by accident.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { FallbackChain } from './providers/fallback-chain.js';
import { unexpiredQuotes, upsertQuotes, type CachedQuote } from './realtime-quotes.repository.js';

/** How long a quote is used: one minute. */
export const DEFAULT_QUOTE_TTL_MS = 60_000;

/** Cache settings. */
export interface QuoteCacheOptions {
  ttlMs?: number;
  /** Clock; default `new Date()`. */
  now?: () => Date;
}

/** Quotes by symbol, and the symbols no provider could quote (with why). */
export interface QuotesResult {
  quotes: Map<string, CachedQuote>;
  failed: { symbol: string; reason: string }[];
}

/**
 * Fetches a quote for each symbol through the chain and caches it for `ttlMs` (one transaction for
 * all). Symbols no provider could quote are listed in `failed`; their cached rows are left as they are.
 */
export async function refreshQuotes(db: Kysely<DB>, chain: FallbackChain, symbols: readonly string[], options: QuoteCacheOptions = {}): Promise<QuotesResult> {
  const ttl = options.ttlMs ?? DEFAULT_QUOTE_TTL_MS;
  if (!(ttl > 0)) throw new RangeError('ttlMs must be > 0');
  const now = options.now ?? (() => new Date());
  const fresh: CachedQuote[] = [];
  const failed: QuotesResult['failed'] = [];
  for (const symbol of symbols) {
    try {
      const { data: q, dataSource } = await chain.quote(symbol);
      const quoteTime = new Date(q.timestamp);
      if (!(Number.isFinite(q.price) && q.price > 0)) throw new Error(`${dataSource} quoted a price of ${q.price}`);
      if (Number.isNaN(quoteTime.getTime())) throw new Error(`${dataSource} quoted an invalid time "${q.timestamp}"`);
      const fetchedAt = now();
      fresh.push({
        symbol, lastPrice: q.price, bid: null, ask: null, change: q.change, changePct: q.changePercent, volume: q.volume,
        quoteTime, fetchedAt, expiresAt: new Date(fetchedAt.getTime() + ttl), dataSource,
      });
    } catch (e) {
      failed.push({ symbol, reason: (e as Error).message });
    }
  }
  if (fresh.length > 0) await db.transaction().execute((trx) => upsertQuotes(trx, fresh));
  return { quotes: new Map(fresh.map((q) => [q.symbol, q])), failed };
}

/** The cached, unexpired quotes of `symbols` (no provider call). */
export async function cachedQuotes(db: Kysely<DB>, symbols: readonly string[], options: Pick<QuoteCacheOptions, 'now'> = {}): Promise<Map<string, CachedQuote>> {
  return unexpiredQuotes(db, symbols, (options.now ?? (() => new Date()))());
}

/**
 * Quotes for `symbols`: the unexpired cached ones, and fresh ones fetched (and cached) for the rest.
 *
 * @example
 * const { quotes, failed } = await getQuotes(db, chain, ['AAPL', 'MSFT'], { ttlMs: 30_000 });
 */
export async function getQuotes(db: Kysely<DB>, chain: FallbackChain, symbols: readonly string[], options: QuoteCacheOptions = {}): Promise<QuotesResult> {
  const cached = await cachedQuotes(db, symbols, options);
  const missing = symbols.filter((s) => !cached.has(s));
  if (missing.length === 0) return { quotes: cached, failed: [] };
  const fetched = await refreshQuotes(db, chain, missing, options);
  for (const [s, q] of fetched.quotes) cached.set(s, q);
  return { quotes: cached, failed: fetched.failed };
}
