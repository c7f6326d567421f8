/** batch_jobs (a row per run and phase) and calculation_audit_log (a row per step), written as a run goes. */
import { sql, type Kysely } from 'kysely';
import type { DB, IsoDate } from '../db/schema.js';

/**
 * Opens a batch_jobs row in status 'running' and returns its id. An earlier row of the same type and
 * date still 'running' belonged to an attempt that died (its job is retried as this one): it is closed
 * as failed, so the admin view never shows a run that will not finish. With `supersede: false` (runs
 * that may legitimately overlap, such as two `batch run` commands) it is left alone.
 */
export async function startBatchJob(db: Kysely<DB>, job: { name: string; type: string; date: IsoDate; lockedBy: string; portfolioId?: string }, options: { supersede?: boolean } = {}): Promise<string> {
  if (options.supersede !== false) await db
    .updateTable('batch_jobs')
    .set({ status: 'failed', completed_at: new Date(), error_message: `superseded by a later attempt (${job.lockedBy}): the worker running it stopped` })
    .where('job_type', '=', job.type)
    .where('status', '=', 'running')
    .where(sql<boolean>`metadata ->> 'date' = ${job.date}`)
    // A run for one portfolio (a recompute) replaces only that portfolio's.
    .where(sql<boolean>`coalesce(metadata ->> 'portfolio_id', '') = ${job.portfolioId ?? ''}`)
    .execute();
  const row = await db
    .insertInto('batch_jobs')
    .values({
      job_name: job.name.slice(0, 100), job_type: job.type, status: 'running', attempts: 1, locked_by: job.lockedBy, started_at: new Date(), heartbeat_at: new Date(),
      metadata: JSON.stringify({ date: job.date, ...(job.portfolioId ? { portfolio_id: job.portfolioId } : {}) }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Closes a batch_jobs row as completed or failed, with its counts. */
export async function finishBatchJob(db: Kysely<DB>, id: string, outcome: { failed: boolean; cancelled?: boolean; error: string | null; metadata: object }): Promise<void> {
  await db
    .updateTable('batch_jobs')
    .set({ status: outcome.cancelled ? 'cancelled' : outcome.failed ? 'failed' : 'completed', completed_at: new Date(), error_message: outcome.error, metadata: JSON.stringify(outcome.metadata) })
    .where('id', '=', id)
    .execute();
}

/** One finished step of a batch job, as calculation_audit_log records it. */
export interface AuditStep {
  batchJobId: string | null;
  /** The portfolio the step was about, for portfolio steps. */
  portfolioId?: string | null;
  type: string;
  date: IsoDate;
  startTime: Date;
  endTime: Date;
  status: 'completed' | 'failed';
  records: number | null;
  error: string | null;
  metadata: object;
}

/** Records a step of a batch job. */
export async function recordAuditStep(db: Kysely<DB>, s: AuditStep): Promise<void> {
  await db
    .insertInto('calculation_audit_log')
    .values({
      calculation_type: s.type, batch_job_id: s.batchJobId, portfolio_id: s.portfolioId ?? null, calculation_date: s.date, start_time: s.startTime, end_time: s.endTime,
      status: s.status, records_processed: s.records, error_message: s.error, metadata: JSON.stringify(s.metadata),
    })
    .execute();
}

/** The factor ETF every factor calendar needs; its last stored close bounds what the batch can compute. */
export const CALENDAR_ETF = 'SPY';

/** The last date with a completed symbol phase (batch_jobs), or null. */
export async function lastSymbolBatchDate(db: Kysely<DB>): Promise<IsoDate | null> {
  const r = await db.selectFrom('batch_jobs').select(sql<IsoDate | null>`max((metadata ->> 'date')::date)`.as('d'))
    .where('job_type', '=', 'symbol_batch').where('status', '=', 'completed').executeTakeFirst();
  return r?.d ?? null;
}

/** The last stored close of the calendar ETF on or before `date`. */
export async function lastCalendarDate(db: Kysely<DB>, date: IsoDate): Promise<IsoDate | null> {
  const r = await db.selectFrom('market_data_cache').select(sql<IsoDate | null>`max(date)`.as('d'))
    .where('symbol', '=', CALENDAR_ETF).where('date', '<=', date).executeTakeFirst();
  return r?.d ?? null;
}
