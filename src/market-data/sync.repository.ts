/**
 * The symbol_universe side of market-data sync: which symbols are due, and recording each outcome
 * (synced, failed, delisted) on the symbol's row. Plain functions taking `db` or a transaction.
 */
import { hostname } from 'node:os';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, IsoDate, SymbolStatus, SymbolUniverseTable } from '../db/schema.js';

/** The sync state of one symbol. */
export interface SymbolSyncState {
  symbol: string;
  status: SymbolStatus;
  lastPriceDate: IsoDate | null;
  lastSynced: Date | null;
  consecutiveFailures: number;
}

/**
 * Symbols to sync, ordered by symbol: active rows with status 'active' (never 'pending': a pending
 * symbol belongs to onboarding, which fetches its history; nor 'error' or 'delisted'), not options
 * or private holdings (no provider has them), with no pending or processing onboarding queue row,
 * not claimed by another sync whose claim is still valid at `now`, and not synced at or after
 * `syncedBefore` (seed 002: a symbol synced recently is skipped, which is also how a crashed run
 * resumes where it stopped). `symbols` narrows the set. Candidates only: each is claimed with
 * {@link claimSymbolForSync} before it is fetched.
 */
export async function symbolsDueForSync(
  db: Kysely<DB>,
  options: { syncedBefore: Date; now: Date; symbols?: readonly string[] },
): Promise<SymbolSyncState[]> {
  if (options.symbols && options.symbols.length === 0) return [];
  let q = db
    .selectFrom('symbol_universe as u')
    .select(['u.symbol', 'u.status', 'u.last_price_date', 'u.last_synced', 'u.consecutive_failures'])
    .where(isDue(options));
  if (options.symbols) q = q.where('u.symbol', 'in', [...options.symbols]);
  return (await q.orderBy('u.symbol').execute()).map(toSyncState);
}

type StateColumns = Pick<Selectable<SymbolUniverseTable>, 'symbol' | 'status' | 'last_price_date' | 'last_synced' | 'consecutive_failures'>;

function toSyncState(r: StateColumns): SymbolSyncState {
  return { symbol: r.symbol, status: r.status, lastPriceDate: r.last_price_date, lastSynced: r.last_synced, consecutiveFailures: r.consecutive_failures };
}

/**
 * This machine's name as the first part of a sync's claim owner (`host:pid:random`): at most 40
 * characters, no ':'. Claims of a process that ended on the same host are released at once
 * ({@link releaseClaimsOfEndedProcesses}); two containers sharing a host name and pid numbers would
 * take each other's claims for ended ones, which costs a duplicate fetch, never a wrong price (the
 * symbol lock guards every write).
 */
export function claimHost(): string {
  return hostname().replace(/:/g, '_').slice(0, 40);
}

/** Clears the claim columns only if `owner` holds the claim (a claim taken over stays its new owner's). */
function releaseIfOwned(owner: string) {
  return {
    sync_claimed_by: sql<string | null>`case when sync_claimed_by = ${owner} then null else sync_claimed_by end`,
    sync_claimed_until: sql<Date | null>`case when sync_claimed_by = ${owner} then null else sync_claimed_until end`,
  };
}

/**
 * True when `owner` still holds the claim on `symbol`, locking the universe row for the rest of
 * `trx`: a sync confirms its claim in the transaction that writes, so a sync whose lease expired
 * and whose symbol another sync took over writes nothing.
 */
export async function confirmSyncClaim(trx: Transaction<DB>, symbol: string, owner: string): Promise<boolean> {
  const r = await trx.selectFrom('symbol_universe').select('symbol').where('symbol', '=', symbol).where('sync_claimed_by', '=', owner).forUpdate().executeTakeFirst();
  return r !== undefined;
}

/** A symbol the sync keeps (row `u` of symbol_universe): active, status 'active', with a market. */
const SYNCABLE = sql<boolean>`u.is_active and u.status = 'active' and u.asset_type not in ('option', 'private')`;

/**
 * The rule of {@link symbolsDueForSync} on the row `u` of symbol_universe. Written on the row's own
 * columns (no join), so the claim's UPDATE re-checks all of it against the newest row version when
 * it waited for another claimer (PostgreSQL's read-committed re-check sees only the target row).
 */
function isDue(o: { syncedBefore: Date; now: Date }) {
  return sql<boolean>`${SYNCABLE}
    and (u.last_synced is null or u.last_synced <= ${o.syncedBefore})
    and (u.sync_claimed_until is null or u.sync_claimed_until < ${o.now})
    and not exists (select 1 from symbol_onboarding_queue q where q.symbol = u.symbol and q.status in ('pending', 'processing'))`;
}

/**
 * How many symbols the sync keeps are already current: synced after `syncedBefore`, so a run with
 * that threshold leaves them alone (`sigmasight sync` says so and points to --force). `symbols`
 * narrows the count.
 */
export async function countCurrentSymbols(db: Kysely<DB>, o: { syncedBefore: Date; symbols?: readonly string[] }): Promise<number> {
  if (o.symbols && o.symbols.length === 0) return 0;
  let q = db
    .selectFrom('symbol_universe as u')
    .select(sql<number>`count(*)::int`.as('n'))
    .where(SYNCABLE)
    .where('u.last_synced', '>', o.syncedBefore);
  if (o.symbols) q = q.where('u.symbol', 'in', [...o.symbols]);
  return (await q.executeTakeFirstOrThrow()).n;
}

/**
 * Claims `symbol` for the sync `owner` until `now + leaseMs`, if it is still due by the rule of
 * {@link symbolsDueForSync}; returns its state, or null when it is not (another sync claimed or
 * synced it meanwhile, or onboarding took it). One UPDATE: on PostgreSQL a second claimer waits on
 * the row lock and then re-checks the conditions against the first claimer's committed row, so of
 * two syncs exactly one gets the symbol. The claim is cleared when the outcome is recorded
 * ({@link markSymbolSynced}, {@link recordSymbolFailure}, {@link markSymbolDelisted}) or released
 * ({@link releaseSyncClaim}); a claim left by a crashed sync expires.
 */
export async function claimSymbolForSync(
  db: Kysely<DB>,
  symbol: string,
  o: { owner: string; now: Date; leaseMs: number; syncedBefore: Date },
): Promise<SymbolSyncState | null> {
  const row = await db
    .updateTable('symbol_universe as u')
    .set({ sync_claimed_by: o.owner, sync_claimed_until: new Date(o.now.getTime() + o.leaseMs) })
    .where('u.symbol', '=', symbol)
    .where(isDue(o))
    .returning(['symbol', 'status', 'last_price_date', 'last_synced', 'consecutive_failures'])
    .executeTakeFirst();
  return row ? toSyncState(row) : null;
}

/**
 * Releases the sync claims whose owner (`host:pid:...`, see sync.ts) ran on `host` and whose process
 * `isAlive` says has ended: a sync killed on this machine hands its symbols back at once instead of
 * after its lease. Claims of other machines are left to expire. Returns the symbols released.
 */
export async function releaseClaimsOfEndedProcesses(db: Kysely<DB>, host: string, isAlive: (pid: number) => boolean): Promise<string[]> {
  const prefix = `${host}:`;
  const rows = await db
    .selectFrom('symbol_universe')
    .select(['symbol', 'sync_claimed_by'])
    .where('sync_claimed_by', 'like', `${prefix.replace(/[\\%_]/g, '\\$&')}%`)
    .execute();
  const ended = rows.filter((r) => {
    const pid = Number(r.sync_claimed_by!.slice(prefix.length).split(':')[0]);
    return Number.isInteger(pid) && pid > 0 && !isAlive(pid);
  });
  for (const r of ended) await releaseSyncClaim(db, r.symbol, r.sync_claimed_by!);
  return ended.map((r) => r.symbol);
}

/** Gives up `owner`'s claim on `symbol` without recording an outcome (an interrupted sync). */
export async function releaseSyncClaim(db: Kysely<DB>, symbol: string, owner: string): Promise<void> {
  await db
    .updateTable('symbol_universe')
    .set({ sync_claimed_by: null, sync_claimed_until: null })
    .where('symbol', '=', symbol)
    .where('sync_claimed_by', '=', owner)
    .execute();
}

/**
 * Records a successful sync: status 'active', failures reset, last_synced = `at`, `owner`'s sync claim cleared, and the stored
 * date span widened to include [firstDate, lastDate] (last_price_date and last_seen_date only move
 * forward; first_seen_date only backward). Dates are null when no bar was stored.
 */
export async function markSymbolSynced(
  db: Kysely<DB>,
  symbol: string,
  update: { at: Date; firstDate: IsoDate | null; lastDate: IsoDate | null; owner: string },
): Promise<void> {
  await db
    .updateTable('symbol_universe')
    .set({
      status: 'active',
      status_reason: null,
      consecutive_failures: 0,
      last_synced: update.at,
      ...releaseIfOwned(update.owner),
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
  failure: { reason: string; maxFailures: number; at: Date; owner: string },
): Promise<{ consecutiveFailures: number; status: SymbolStatus }> {
  const row = await db
    .updateTable('symbol_universe')
    .set((eb) => ({
      consecutive_failures: eb('consecutive_failures', '+', 1),
      status: sql<SymbolStatus>`case when consecutive_failures + 1 >= ${failure.maxFailures} then 'error' else status end`,
      status_reason: failure.reason,
      ...releaseIfOwned(failure.owner),
      updated_at: failure.at,
    }))
    .where('symbol', '=', symbol)
    .returning(['consecutive_failures', 'status'])
    .executeTakeFirst();
  return row ? { consecutiveFailures: row.consecutive_failures, status: row.status } : { consecutiveFailures: 0, status: 'pending' };
}

/** Marks a symbol delisted: status 'delisted', is_active false, with the reason. */
export async function markSymbolDelisted(db: Kysely<DB>, symbol: string, update: { reason: string; at: Date; owner: string }): Promise<void> {
  await db
    .updateTable('symbol_universe')
    .set({ status: 'delisted', is_active: false, status_reason: update.reason, ...releaseIfOwned(update.owner), updated_at: update.at })
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
