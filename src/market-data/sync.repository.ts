/**
 * The symbol_universe side of market-data sync: which symbols are due, and recording each outcome
 * (synced, failed, delisted) on the symbol's row. Plain functions taking `db` or a transaction.
 */
import { sql, type Kysely } from 'kysely';
import type { DB, IsoDate, SymbolStatus } from '../db/schema.js';

/** The sync state of one symbol. */
export interface SymbolSyncState {
  symbol: string;
  status: SymbolStatus;
  lastPriceDate: IsoDate | null;
  lastSynced: Date | null;
  consecutiveFailures: number;
}

/**
 * Symbols to sync, ordered by symbol: active rows with status 'pending' or 'active' (never 'error'
 * or 'delisted'), not options or private holdings (no provider has them), and not synced at or after
 * `syncedBefore` (seed 002: a symbol synced recently is skipped, which is also how a crashed run
 * resumes where it stopped). `symbols` narrows the set.
 */
export async function symbolsDueForSync(
  db: Kysely<DB>,
  options: { syncedBefore: Date; symbols?: readonly string[] },
): Promise<SymbolSyncState[]> {
  let q = db
    .selectFrom('symbol_universe')
    .select(['symbol', 'status', 'last_price_date', 'last_synced', 'consecutive_failures'])
    .where('is_active', '=', true)
    .where('status', 'in', ['pending', 'active'])
    .where('asset_type', 'not in', ['option', 'private'])
    .where((eb) => eb.or([eb('last_synced', 'is', null), eb('last_synced', '<=', options.syncedBefore)]));
  if (options.symbols) {
    if (options.symbols.length === 0) return [];
    q = q.where('symbol', 'in', [...options.symbols]);
  }
  const rows = await q.orderBy('symbol').execute();
  return rows.map((r) => ({
    symbol: r.symbol,
    status: r.status,
    lastPriceDate: r.last_price_date,
    lastSynced: r.last_synced,
    consecutiveFailures: r.consecutive_failures,
  }));
}

/**
 * Records a successful sync: status 'active', failures reset, last_synced = `at`, and the stored
 * date span widened to include [firstDate, lastDate] (last_price_date and last_seen_date only move
 * forward; first_seen_date only backward). Dates are null when no bar was stored.
 */
export async function markSymbolSynced(
  db: Kysely<DB>,
  symbol: string,
  update: { at: Date; firstDate: IsoDate | null; lastDate: IsoDate | null },
): Promise<void> {
  await db
    .updateTable('symbol_universe')
    .set({
      status: 'active',
      status_reason: null,
      consecutive_failures: 0,
      last_synced: update.at,
      last_price_date: sql<IsoDate>`greatest(last_price_date, ${update.lastDate}::date)`,
      last_seen_date: sql<IsoDate>`greatest(last_seen_date, ${update.lastDate}::date)`,
      first_seen_date: sql<IsoDate>`least(first_seen_date, ${update.firstDate}::date)`,
      updated_at: update.at,
    })
    .where('symbol', '=', symbol)
    .execute();
}

/**
 * Counts one more consecutive failure with its reason; at `maxFailures` the status becomes 'error'
 * (later syncs skip the symbol until someone resets it). Returns the new count and status.
 */
export async function recordSymbolFailure(
  db: Kysely<DB>,
  symbol: string,
  failure: { reason: string; maxFailures: number; at: Date },
): Promise<{ consecutiveFailures: number; status: SymbolStatus }> {
  const row = await db
    .updateTable('symbol_universe')
    .set((eb) => ({
      consecutive_failures: eb('consecutive_failures', '+', 1),
      status: sql<SymbolStatus>`case when consecutive_failures + 1 >= ${failure.maxFailures} then 'error' else status end`,
      status_reason: failure.reason,
      updated_at: failure.at,
    }))
    .where('symbol', '=', symbol)
    .returning(['consecutive_failures', 'status'])
    .executeTakeFirst();
  return row ? { consecutiveFailures: row.consecutive_failures, status: row.status } : { consecutiveFailures: 0, status: 'pending' };
}

/** Marks a symbol delisted: status 'delisted', is_active false, with the reason. */
export async function markSymbolDelisted(db: Kysely<DB>, symbol: string, update: { reason: string; at: Date }): Promise<void> {
  await db
    .updateTable('symbol_universe')
    .set({ status: 'delisted', is_active: false, status_reason: update.reason, updated_at: update.at })
    .where('symbol', '=', symbol)
    .execute();
}

/**
 * Records bars imported from a file: widens each symbol's date span like {@link markSymbolSynced}
 * (last_synced untouched), and adds symbols the universe does not know as 'pending' rows with
 * added_source 'import', so the sync picks them up from the imported history.
 */
export async function recordImportedSpans(
  db: Kysely<DB>,
  spans: readonly { symbol: string; firstDate: IsoDate; lastDate: IsoDate }[],
  at: Date,
): Promise<void> {
  if (spans.length === 0) return;
  await sql`
    insert into symbol_universe as u (symbol, first_seen_date, last_seen_date, last_price_date, status, added_source, updated_at)
    select s, f, l, l, 'pending', 'import', ${at} from unnest(
      ${spans.map((x) => x.symbol)}::varchar[], ${spans.map((x) => x.firstDate)}::date[], ${spans.map((x) => x.lastDate)}::date[]) as t(s, f, l)
    on conflict (symbol) do update set
      first_seen_date = least(u.first_seen_date, excluded.first_seen_date),
      last_seen_date = greatest(u.last_seen_date, excluded.last_seen_date),
      last_price_date = greatest(u.last_price_date, excluded.last_price_date),
      updated_at = excluded.updated_at`.execute(db);
}
