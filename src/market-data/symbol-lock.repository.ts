/**
 * The one lock every writer of a symbol's prices takes first. A transaction that writes a symbol's
 * bars, corporate actions or adjusted closes starts with {@link lockSymbols}, so two writers (a
 * sync and an onboarding worker, two syncs, an import) take turns on that symbol: the second reads
 * corporate_actions only after the first committed, and never applies a split or dividend the first
 * already applied. Read-only work takes no lock.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

/** First key of SigmaSight's two-key advisory locks on symbols (ASCII "SYMB"). */
const SYMBOL_LOCK_NAMESPACE = 0x53594d42;

/** 32-bit FNV-1a of the symbol, as a signed int4 (the advisory lock's second key). */
export function symbolLockKey(symbol: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < symbol.length; i++) {
    h ^= symbol.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/**
 * Takes the transaction-scoped advisory lock of each symbol (`pg_advisory_xact_lock`), waiting for
 * any other transaction holding one; released at commit or rollback. Keys are taken in ascending
 * order, so two transactions locking overlapping sets cannot deadlock (two symbols sharing a key
 * only make their writers wait for each other).
 *
 * @example
 * await db.transaction().execute(async (trx) => {
 *   await lockSymbols(trx, ['AAPL']);
 *   // read corporate_actions, write bars...
 * });
 */
export async function lockSymbols(trx: Transaction<DB>, symbols: Iterable<string>): Promise<void> {
  const keys = [...new Set([...symbols].map(symbolLockKey))].sort((a, b) => a - b);
  if (keys.length === 0) return;
  // unnest of a literal array yields its elements in order, so the locks are taken in key order.
  await sql`select pg_advisory_xact_lock(${SYMBOL_LOCK_NAMESPACE}::int4, k) from unnest(${keys}::int4[]) as k`.execute(trx);
}
