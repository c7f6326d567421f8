/**
 * symbol_onboarding_queue: the durable queue of symbols to onboard, shared by any number of workers.
 *
 * - At most one pending or processing row per symbol (partial unique index idx_queue_pending_symbol);
 *   enqueueing inserts ON CONFLICT on that index's predicate DO NOTHING, so it is idempotent.
 * - A worker claims rows with SELECT ... FOR UPDATE SKIP LOCKED, ordered by priority_rank then
 *   next_attempt_at; the claim sets status 'processing', attempts + 1, locked_by and
 *   locked_until = now() + lease. A claim whose lease ran out (a crashed or stalled worker) is
 *   claimable again; the worker that lost it can no longer complete or fail it.
 * - All times are the database's now(), so workers on different machines agree.
 *
 * Plain async functions taking the database or the caller's transaction first; none opens a
 * transaction.
 */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, QueuePriority, QueueStatus, SymbolOnboardingQueueTable } from '../db/schema.js';

/** One queue row. */
export type QueueRow = Selectable<SymbolOnboardingQueueTable>;

/** The column default of max_attempts (migration 0002). */
export const DEFAULT_MAX_ATTEMPTS = 5;

const PRIORITY_RANK: Readonly<Record<QueuePriority, number>> = { high: 0, normal: 1, low: 2 };

/** A symbol to queue. */
export interface EnqueueItem {
  symbol: string;
  /** Default 'normal'. */
  priority?: QueuePriority;
  requestedBy?: string | null;
  /** Default {@link DEFAULT_MAX_ATTEMPTS}. */
  maxAttempts?: number;
}

/**
 * Queues symbols for onboarding. A symbol that already has a pending or processing row gets no
 * second one (INSERT ... ON CONFLICT (symbol) WHERE status IN ('pending','processing') DO NOTHING);
 * a pending row is raised to a higher priority when one is asked for. Duplicates in `items` keep the
 * highest priority. Returns the symbols that got a new row.
 */
export async function enqueueOnboarding(db: Kysely<DB>, items: readonly EnqueueItem[]): Promise<string[]> {
  const bySymbol = new Map<string, Required<EnqueueItem>>();
  for (const it of items) {
    const priority = it.priority ?? 'normal';
    const maxAttempts = it.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
      throw new RangeError(`enqueueOnboarding: maxAttempts for ${it.symbol} must be a whole number >= 1, got ${maxAttempts}`);
    }
    const seen = bySymbol.get(it.symbol);
    if (!seen || PRIORITY_RANK[priority] < PRIORITY_RANK[seen.priority]) {
      bySymbol.set(it.symbol, { symbol: it.symbol, priority, requestedBy: it.requestedBy ?? seen?.requestedBy ?? null, maxAttempts });
    }
  }
  const list = [...bySymbol.values()];
  if (list.length === 0) return [];
  const inserted = await sql<{ symbol: string }>`
    insert into symbol_onboarding_queue (symbol, priority, requested_by, max_attempts)
    select * from unnest(
      ${list.map((i) => i.symbol)}::varchar[], ${list.map((i) => i.priority)}::varchar[],
      ${list.map((i) => i.requestedBy)}::uuid[], ${list.map((i) => i.maxAttempts)}::integer[])
    on conflict (symbol) where status in ('pending', 'processing') do nothing
    returning symbol`.execute(db);
  const raised = list.filter((i) => i.priority !== 'low');
  if (raised.length > 0) {
    await sql`
      update symbol_onboarding_queue q set priority = v.priority
      from unnest(${raised.map((i) => i.symbol)}::varchar[], ${raised.map((i) => i.priority)}::varchar[]) as v(symbol, priority)
      where q.symbol = v.symbol and q.status = 'pending'
        and q.priority_rank > case v.priority when 'high' then 0 when 'normal' then 1 else 2 end`.execute(db);
  }
  return inserted.rows.map((r) => r.symbol);
}

/** Claim settings. */
export interface ClaimOptions {
  /** Recorded in locked_by (at most 100 characters). */
  workerId: string;
  /** Most rows to claim. */
  limit: number;
  /** Lease length: the claim expires at now() + leaseMs unless renewed. */
  leaseMs: number;
}

function checkClaim(o: ClaimOptions): void {
  if (!o.workerId || o.workerId.length > 100) throw new RangeError(`workerId must be 1-100 characters, got "${o.workerId}"`);
  if (!Number.isInteger(o.limit) || o.limit < 1) throw new RangeError(`claim limit must be a whole number >= 1, got ${o.limit}`);
  if (!Number.isInteger(o.leaseMs) || o.leaseMs < 1) throw new RangeError(`leaseMs must be a whole number >= 1, got ${o.leaseMs}`);
}

/**
 * Claims up to `limit` due rows: pending rows whose next_attempt_at has come, and processing rows
 * whose lease expired (with attempts left). Rows locked by a concurrent claimer are skipped
 * (FOR UPDATE SKIP LOCKED), so two workers never claim the same row. Each claimed row gets
 * status 'processing', attempts + 1, locked_by, locked_until = now() + lease, started_at.
 * Returned in claim order: priority_rank, then next_attempt_at.
 */
export async function claimOnboardingBatch(db: Kysely<DB>, options: ClaimOptions): Promise<QueueRow[]> {
  checkClaim(options);
  const rows = await sql<QueueRow>`
    with picked as (
      select id from symbol_onboarding_queue
      where (status = 'pending' and next_attempt_at <= now())
         or (status = 'processing' and locked_until < now() and attempts < max_attempts)
      order by priority_rank, next_attempt_at, created_at
      limit ${options.limit}
      for update skip locked
    )
    update symbol_onboarding_queue q
    set status = 'processing', attempts = q.attempts + 1, locked_by = ${options.workerId},
        locked_until = now() + ${options.leaseMs}::integer * interval '1 millisecond',
        started_at = now()
    from picked
    where q.id = picked.id
    returning q.*`.execute(db);
  return rows.rows.sort(
    (a, b) =>
      a.priority_rank - b.priority_rank ||
      a.next_attempt_at.getTime() - b.next_attempt_at.getTime() ||
      a.created_at.getTime() - b.created_at.getTime(),
  );
}

/**
 * Extends the leases of rows this worker still holds. Rows locked right now (being completed or
 * failed in a transaction) are skipped rather than waited for, so renewal never blocks, or
 * deadlocks with, the onboarding transactions. Returns how many leases were extended.
 */
export async function renewOnboardingLeases(db: Kysely<DB>, workerId: string, ids: readonly string[], leaseMs: number): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await sql`
    with mine as (
      select id from symbol_onboarding_queue
      where id = any(${[...ids]}::uuid[]) and locked_by = ${workerId} and status = 'processing'
      for update skip locked
    )
    update symbol_onboarding_queue q
    set locked_until = now() + ${leaseMs}::integer * interval '1 millisecond'
    from mine where q.id = mine.id`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/**
 * Inside the caller's transaction, locks the row if `workerId` still holds it (status processing,
 * locked_by = workerId) and returns it; undefined when the claim was lost to another worker or the
 * row is gone. Holding the lock until commit keeps a re-claim from overlapping this one's writes.
 */
export async function lockOwnedClaim(db: Transaction<DB>, id: string, workerId: string): Promise<QueueRow | undefined> {
  return db
    .selectFrom('symbol_onboarding_queue')
    .selectAll()
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'processing')
    .forUpdate()
    .executeTakeFirst();
}

/** Marks a row this worker holds as completed. Returns false when the claim was lost. */
export async function completeOnboarding(db: Kysely<DB>, id: string, workerId: string): Promise<boolean> {
  const r = await db
    .updateTable('symbol_onboarding_queue')
    .set({ status: 'completed', completed_at: sql<Date>`now()`, locked_by: null, locked_until: null, error_message: null })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'processing')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** How a failed attempt is recorded. */
export interface FailureRecord {
  /** The error, stored in error_message. */
  message: string;
  /** When set, the row goes back to pending with next_attempt_at = now() + retryInMs. */
  retryInMs?: number;
}

/**
 * Records a failed attempt on a row this worker holds: error_message, and either pending again with
 * next_attempt_at = now() + retryInMs, or (no retryInMs) status 'failed'. Releases the claim.
 * Returns the updated row, or undefined when the claim was lost.
 */
export async function recordOnboardingFailure(db: Kysely<DB>, id: string, workerId: string, f: FailureRecord): Promise<QueueRow | undefined> {
  const retry = f.retryInMs !== undefined;
  if (retry && !(Number.isInteger(f.retryInMs) && f.retryInMs! >= 0)) {
    throw new RangeError(`retryInMs must be a whole number >= 0, got ${f.retryInMs}`);
  }
  const r = await sql<QueueRow>`
    update symbol_onboarding_queue
    set status = ${retry ? 'pending' : 'failed'},
        error_message = ${f.message},
        next_attempt_at = case when ${retry}::boolean then now() + ${f.retryInMs ?? 0}::integer * interval '1 millisecond' else next_attempt_at end,
        completed_at = case when ${retry}::boolean then null else now() end,
        locked_by = null, locked_until = null
    where id = ${id} and locked_by = ${workerId} and status = 'processing'
    returning *`.execute(db);
  return r.rows[0];
}

/**
 * Fails processing rows whose lease expired with no attempts left (the worker died on the last
 * attempt, or the symbol keeps killing workers): status 'failed', error_message says so. Returns
 * the rows failed. Locked rows are skipped, so concurrent reapers do not block each other.
 */
export async function failExhaustedClaims(db: Kysely<DB>): Promise<QueueRow[]> {
  const r = await sql<QueueRow>`
    with dead as (
      select id from symbol_onboarding_queue
      where status = 'processing' and locked_until < now() and attempts >= max_attempts
      for update skip locked
    )
    update symbol_onboarding_queue q
    set status = 'failed', completed_at = now(), locked_by = null, locked_until = null,
        error_message = concat_ws('; ', q.error_message,
          'claim by ' || coalesce(q.locked_by, '?') || ' expired on the last of ' || q.max_attempts || ' attempts')
    from dead where q.id = dead.id
    returning q.*`.execute(db);
  return r.rows;
}

/** Rows per status (every status present, 0 when none). */
export async function queueCounts(db: Kysely<DB>): Promise<Record<QueueStatus, number>> {
  const rows = await db
    .selectFrom('symbol_onboarding_queue')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .groupBy('status')
    .execute();
  const out: Record<QueueStatus, number> = { pending: 0, processing: 0, completed: 0, failed: 0 };
  for (const r of rows) out[r.status] = r.n;
  return out;
}
