/**
 * What an administrator reads about the installation's operations: batch runs with their per-step
 * audit log, failures, the job queue's states, the onboarding queue, the symbol universe's errors.
 * Read-only but for starting a batch run; every use case is for admins only (the routes check the
 * role first).
 */
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { UUID } from '../access.js';
import { notFound } from '../errors.js';
import { CursorTimestamp, decodeCursor, encodeCursor } from '../pagination.js';
import { NIGHTLY_QUEUE } from '../../batch/batch-service.js';
import { BATCH_QUEUES } from '../../batch/queues.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const Key = z.tuple([CursorTimestamp, z.uuid()]);

/** Batch runs, newest first, a page at a time. */
export async function batchRuns(db: Kysely<DB>, q: { limit: number; cursor?: string | undefined; status?: string | undefined }) {
  let query = db.selectFrom('batch_jobs').selectAll().select(sql<string>`created_at::text`.as('created_key'))
    .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit + 1);
  if (q.status) query = query.where('status', '=', q.status as never);
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, Key);
    query = query.where(sql<boolean>`(created_at, id) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await query.execute();
  const last = rows[q.limit - 1];
  return {
    items: rows.slice(0, q.limit).map((r) => ({
      id: r.id, name: r.job_name, type: r.job_type, status: r.status, locked_by: r.locked_by, attempts: r.attempts,
      started_at: iso(r.started_at), completed_at: iso(r.completed_at), heartbeat_at: iso(r.heartbeat_at), error: r.error_message,
      metadata: (r.metadata ?? null) as Record<string, unknown> | null, created_at: r.created_at.toISOString(),
    })),
    next_cursor: rows.length > q.limit && last ? encodeCursor([last.created_key, last.id]) : null,
  };
}

/** One batch run with every audit step it recorded. */
export async function batchRun(db: Kysely<DB>, id: string) {
  if (!UUID.test(id)) throw notFound('batch run', id);
  const run = await db.selectFrom('batch_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!run) throw notFound('batch run', id);
  const steps = await db.selectFrom('calculation_audit_log').selectAll().where('batch_job_id', '=', id).orderBy('start_time').limit(10_000).execute();
  return {
    id: run.id, name: run.job_name, type: run.job_type, status: run.status, started_at: iso(run.started_at), completed_at: iso(run.completed_at), error: run.error_message,
    metadata: (run.metadata ?? null) as Record<string, unknown> | null,
    steps: steps.map(step),
  };
}

function step(s: { id: string; calculation_type: string; calculation_date: string; status: string; start_time: Date; end_time: Date | null; records_processed: number | null; error_message: string | null; portfolio_id: string | null; metadata: unknown }) {
  return {
    id: s.id, type: s.calculation_type, date: s.calculation_date, status: s.status, started_at: s.start_time.toISOString(), ended_at: iso(s.end_time),
    records: s.records_processed, error: s.error_message, portfolio_id: s.portfolio_id, metadata: (s.metadata ?? null) as Record<string, unknown> | null,
  };
}

/** The latest failed steps (symbols, portfolios, phases), newest first. */
export async function failures(db: Kysely<DB>, q: { limit: number }) {
  const rows = await db.selectFrom('calculation_audit_log').selectAll().where('status', '=', 'failed').orderBy('created_at', 'desc').limit(q.limit).execute();
  return { items: rows.map(step) };
}

/** The job queue (pg-boss): jobs per queue and state. */
export async function jobQueues(db: Kysely<DB>) {
  const exists = await sql<{ ok: boolean }>`select to_regclass('pgboss.job') is not null as ok`.execute(db);
  if (!exists.rows[0]?.ok) return { items: [] };
  const rows = await sql<{ name: string; state: string; n: number }>`select name, state::text as state, count(*)::int as n from pgboss.job group by name, state order by name, state`.execute(db);
  const byQueue = new Map<string, Record<string, number>>();
  for (const r of rows.rows) byQueue.set(r.name, { ...byQueue.get(r.name), [r.state]: r.n });
  return { items: [...byQueue].map(([queue, states]) => ({ queue, states })) };
}

/** The batch's queues, whose jobs an administrator may look up by id. */
const BATCH_QUEUE_NAMES = [...BATCH_QUEUES, NIGHTLY_QUEUE].map((q) => q.name);

/**
 * One job of the batch's queues: its state, attempts, times, output (a run's report, or the error
 * of its last attempt) and, for a scheduled or triggered run, the batch run it recorded (its audit
 * log is at /admin/batch/runs/{id}).
 */
export async function jobStatus(db: Kysely<DB>, id: string) {
  if (!UUID.test(id)) throw notFound('job', id);
  const exists = await sql<{ ok: boolean }>`select to_regclass('pgboss.job') is not null as ok`.execute(db);
  if (!exists.rows[0]?.ok) throw notFound('job', id);
  const r = await sql<{ id: string; queue: string; state: string; data: unknown; output: unknown; retry_count: number; retry_limit: number; created_on: Date; started_on: Date | null; completed_on: Date | null; batch_run_id: string | null }>`
    select j.id, j.name as queue, j.state::text as state, j.data, j.output, j.retry_count, j.retry_limit, j.created_on, j.started_on, j.completed_on,
      (select b.id from batch_jobs b where b.metadata->>'job_id' = j.id::text order by b.created_at desc limit 1) as batch_run_id
    from pgboss.job j where j.id = ${id}::uuid and j.name = any(${BATCH_QUEUE_NAMES}::text[])`.execute(db);
  const j = r.rows[0];
  if (!j) throw notFound('job', id);
  return {
    id: j.id, queue: j.queue, state: j.state, data: (j.data ?? null) as Record<string, unknown> | null, output: j.output ?? null,
    attempts: j.retry_count + (j.started_on ? 1 : 0), retry_limit: j.retry_limit,
    created_at: j.created_on.toISOString(), started_at: iso(j.started_on), completed_at: iso(j.completed_on), batch_run_id: j.batch_run_id,
  };
}

/** The onboarding queue: counts by status and the rows of one status (default: not completed). */
export async function onboardingQueue(db: Kysely<DB>, q: { limit: number; status?: 'pending' | 'processing' | 'completed' | 'failed' | undefined }) {
  const counts = await db.selectFrom('symbol_onboarding_queue').select(['status', sql<number>`count(*)::int`.as('n')]).groupBy('status').execute();
  let rows = db.selectFrom('symbol_onboarding_queue').selectAll().orderBy('created_at', 'desc').limit(q.limit);
  rows = q.status ? rows.where('status', '=', q.status) : rows.where('status', '<>', 'completed');
  return {
    counts: Object.fromEntries(counts.map((c) => [c.status, c.n])) as Record<string, number>,
    items: (await rows.execute()).map((r) => ({
      id: r.id, symbol: r.symbol, status: r.status, priority: r.priority, attempts: r.attempts, max_attempts: r.max_attempts,
      error: r.error_message, next_attempt_at: iso(r.next_attempt_at), locked_by: r.locked_by, created_at: r.created_at.toISOString(),
    })),
  };
}

/** The symbol universe's symbols in trouble (error, failing) or of one status. */
export async function symbolUniverse(db: Kysely<DB>, q: { limit: number; status?: string | undefined }) {
  let rows = db.selectFrom('symbol_universe').selectAll().orderBy('symbol').limit(q.limit);
  rows = q.status ? rows.where('status', '=', q.status as never) : rows.where((eb) => eb.or([eb('status', '=', 'error'), eb('consecutive_failures', '>', 0)]));
  return {
    items: (await rows.execute()).map((u) => ({
      symbol: u.symbol, status: u.status, reason: u.status_reason, consecutive_failures: u.consecutive_failures, asset_type: u.asset_type,
      last_price_date: u.last_price_date, last_factor_date: u.last_factor_date, last_synced: iso(u.last_synced),
    })),
  };
}
