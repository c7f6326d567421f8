/**
 * The batch as a service: what `sigmasight start` runs inside the server process and `sigmasight
 * worker` runs alone. It works the batch queues, fires the schedules of `batch_job_schedules` (the
 * one source of schedules; the environment only seeds it), and runs the scheduled jobs:
 *
 * - `market_data_update`: the symbol phase and then the portfolio refresh for the last completed
 *   session, after any trading days missed since the last completed run, in order (at most
 *   {@link MAX_CATCH_UP_DAYS});
 * - `calculate_risk_metrics` and `create_daily_snapshot`: the portfolio refresh of the last day whose
 *   symbol phase completed, for the portfolios that lack its snapshot (a catch-up after a failure;
 *   the snapshot is part of the refresh);
 * - `first_start`: on a new database, the symbol phase and the portfolio refresh for the last
 *   {@link FIRST_START_DAYS} trading days of the stored prices, so the dashboard has history.
 *
 * Jobs run on US trading days only; a schedule that fires on a holiday records that and does nothing.
 * Each run keeps a `batch_jobs` row (status, progress in its metadata) that the start page shows.
 */
import { sql, type Kysely } from 'kysely';
import type { PgBoss } from 'pg-boss';
import type { Database } from '../db/database.js';
import type { DB, IsoDate } from '../db/schema.js';
import { lastCompletedSession } from '../market-data/freshness.js';
import { isoDateInZone } from '../iso-date.js';
import { addDays, isTradingDay, tradingDays } from '../market-data/trading-calendar.js';
import { CALENDAR_ETF, finishBatchJob, lastCalendarDate, lastSymbolBatchDate, startBatchJob } from './batch-audit.repository.js';
import { BATCH_DAYS_JOB, runBatchDays, type BatchDayReport, type BatchPhase } from './batch-run.js';
import { workBatchQueues, type BatchWorkerDeps, type BatchWorkers } from './batch-worker.js';
import { openJobQueue, transactionDb, type QueueDefinition } from './job-queue.js';
import { POSITIONS_CHANGED_AT } from './portfolio/portfolio-refresh.js';
import { markResultsStale } from '../portfolios/results-stale.repository.js';
import { BATCH_QUEUES, PORTFOLIO_BATCH_QUEUE, type PortfolioBatchJobData } from './queues.js';

/** The scheduled (and first-start) runs; one at a time per kind. */
export const NIGHTLY_QUEUE: QueueDefinition = {
  name: 'batch.nightly',
  // A run stopped by a shutdown (or a killed worker's, once its heartbeat lapses) is run again soon;
  // every day it redoes replaces its rows.
  options: { policy: 'exclusive', retryLimit: 3, retryDelay: 5, expireInSeconds: 6 * 3600, heartbeatSeconds: 15 },
};

/** The kinds of scheduled run (batch_job_schedules.job_type), the first start's and a portfolio's recompute. */
export type NightlyKind = 'market_data_update' | 'calculate_risk_metrics' | 'create_daily_snapshot' | 'first_start' | 'portfolio_recompute';
export interface NightlyJobData {
  kind: NightlyKind;
  /** portfolio_recompute: the portfolio whose stored days from `from` on are recomputed. */
  portfolioId?: string;
  from?: IsoDate;
  /** Started by an administrator (POST /admin/batch/runs), not by its schedule. */
  manual?: boolean;
}

/** Trading days of history the first start computes (seed 003, 5.3: at least 90). */
export const FIRST_START_DAYS = 90;
/** Missed trading days a scheduled run catches up at most. */
export const MAX_CATCH_UP_DAYS = 30;

/** Portfolios with a position entered by D and no daily snapshot of D. */
async function portfoliosMissing(db: Kysely<DB>, date: IsoDate): Promise<string[]> {
  const rows = await db.selectFrom('portfolios as f').select('f.id').where('f.deleted_at', 'is', null)
    .where((eb) => eb.exists(eb.selectFrom('positions as p').select('p.id').whereRef('p.portfolio_id', '=', 'f.id')
      .where('p.deleted_at', 'is', null).where('p.entry_date', '<=', date)))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('portfolio_snapshots as s').select('s.id').whereRef('s.portfolio_id', '=', 'f.id')
      .where('s.snapshot_date', '=', date))))
    .execute();
  return rows.map((r) => r.id);
}

/** The days and phase a run covers now (empty when there is nothing to do, with the reason). */
export async function planNightly(db: Kysely<DB>, data: NightlyJobData, now: Date): Promise<{ days: IsoDate[]; phase: BatchPhase; portfolioIds?: string[]; note: string }> {
  const { kind } = data;
  const session = lastCompletedSession(now);
  if (kind === 'portfolio_recompute') {
    if (!data.portfolioId || !data.from) return { days: [], phase: 'portfolios', note: 'no portfolio or date given' };
    // Its stored days from `from` on, in order: each rolls forward from the one before.
    const rows = await db.selectFrom('portfolio_snapshots').select('snapshot_date').where('portfolio_id', '=', data.portfolioId)
      .where('frequency', '=', 'daily').where('snapshot_date', '>=', data.from).orderBy('snapshot_date').execute();
    const days = rows.map((r) => r.snapshot_date);
    return { days, phase: 'portfolios', portfolioIds: [data.portfolioId], note: `${days.length} stored day(s) from ${data.from}` };
  }
  if (kind === 'first_start') {
    const end = await lastCalendarDate(db, session);
    if (!end) return { days: [], phase: 'all', note: `no ${CALENDAR_ETF} prices stored: nothing to compute` };
    const days = tradingDays(addDays(end, -Math.ceil(FIRST_START_DAYS * 1.6) - 10), end).slice(-FIRST_START_DAYS);
    return { days, phase: 'all', note: `${days.length} trading days of history, ${days[0]} to ${end}` };
  }
  if (kind === 'market_data_update') {
    const today = isoDateInZone(now.getTime(), 'America/New_York');
    // A schedule firing on a holiday does nothing; a run started by hand computes the last completed session.
    if (!data.manual && !isTradingDay(today)) return { days: [], phase: 'all', note: `${today} is not a US trading day` };
    const last = await lastSymbolBatchDate(db);
    const from = last && last < session ? addDays(last, 1) : session;
    const days = tradingDays(from, session).slice(-MAX_CATCH_UP_DAYS);
    return { days, phase: 'all', note: days.length > 1 ? `catching up ${days.length} trading days from ${days[0]}` : `the session of ${session}` };
  }
  const last = await lastSymbolBatchDate(db);
  if (!last) return { days: [], phase: 'portfolios', note: 'no completed symbol phase yet' };
  const missing = await portfoliosMissing(db, last);
  if (missing.length === 0) return { days: [], phase: 'portfolios', note: `every portfolio has its ${last} snapshot` };
  return { days: [last], phase: 'portfolios', portfolioIds: missing, note: `${missing.length} portfolio(s) without their ${last} snapshot` };
}

/** Runs one nightly job: plans it, records a batch_jobs row with progress (and the job's id, `job_id`), runs the days in order. */
async function runNightly(boss: PgBoss, deps: BatchWorkerDeps, workers: BatchWorkers, jobId: string, data: NightlyJobData, signal?: AbortSignal): Promise<{ note: string; days: BatchDayReport[] }> {
  const { db } = deps;
  const plan = await planNightly(db, data, new Date());
  const type = `nightly_${data.kind}`;
  const id = await startBatchJob(db, { name: `${data.kind} (${plan.note})`, type, date: plan.days.at(-1) ?? lastCompletedSession(new Date()), lockedBy: deps.workerId, ...(data.portfolioId ? { portfolioId: data.portfolioId } : {}) });
  let shown = -1;
  const progress = async (done: number, current: IsoDate | null) => {
    // Days finish in blocks (range jobs): the progress never moves back.
    if (done < shown) return;
    shown = done;
    await db.updateTable('batch_jobs').set({
      heartbeat_at: new Date(),
      metadata: JSON.stringify({ date: plan.days.at(-1) ?? null, kind: data.kind, job_id: jobId, ...(data.portfolioId ? { portfolio_id: data.portfolioId } : {}), note: plan.note, total: plan.days.length, done, current }),
    }).where('id', '=', id).execute();
  };
  await progress(0, plan.days[0] ?? null);
  let reports: BatchDayReport[] = [];
  let error: string | null = null;
  let retry = false;
  try {
    reports = await runBatchDays(boss, db, workers, plan.days, {
      phase: plan.phase, ...(plan.portfolioIds ? { portfolioIds: plan.portfolioIds } : {}), ...(signal ? { signal } : {}), chunkSize: deps.settings.chunkSize,
      onDay: (r, i) => {
        deps.logger?.info?.({ kind: data.kind, date: r.date, error: r.error, done: i + 1, total: plan.days.length }, 'batch day done');
        void progress(i + 1, plan.days[i + 1] ?? null).catch(() => undefined);
      },
      // Several days: the symbol days move the progress on (the portfolios then run over all of them at once).
      onSymbolDay: (r, i) => {
        deps.logger?.info?.({ kind: data.kind, date: r.date, done: i + 1, total: plan.days.length }, 'batch symbol day done');
        void progress(i, plan.days[i + 1] ?? null).catch(() => undefined);
      },
    });
    const failed = reports.filter((r) => r.error);
    if (failed.length > 0) error = failed.map((r) => `${r.date}: ${r.error}`).join('; ');
    // A day whose symbol phase failed stops the run: the job is retried. Failing portfolios are
    // recorded (calculation_audit_log) and the run counts as done: rerunning every day would not help them.
    if (reports.length < plan.days.length || reports.some((r) => r.error && r.symbols?.status !== 'completed' && plan.phase !== 'portfolios')) {
      retry = true;
      error = `${error ?? ''} (stopped; ${plan.days.length - reports.length} later day(s) not run)`.trim();
    }
  } catch (e) {
    retry = true;
    error = (e as Error).message;
  }
  await finishBatchJob(db, id, {
    failed: error !== null, error,
    metadata: { date: plan.days.at(-1) ?? null, kind: data.kind, job_id: jobId, ...(data.portfolioId ? { portfolio_id: data.portfolioId } : {}), note: plan.note, total: plan.days.length, done: reports.length, current: null },
  });
  if (data.kind === 'portfolio_recompute' && data.portfolioId && plan.days.length > 0) {
    // A day computed after this run was planned (a scheduled run in another process) rolled forward
    // from a day this run was changing: mark it, so the next sweep recomputes it too.
    const portfolioId = data.portfolioId, after = addDays(plan.days.at(-1)!, 1);
    await db.transaction().execute(async (trx) => {
      await trx.selectFrom('portfolios').select('id').where('id', '=', portfolioId).forUpdate().execute();
      await markResultsStale(trx, portfolioId, after);
    });
  }
  if (data.kind !== 'first_start' && data.kind !== 'portfolio_recompute' && !data.manual) {
    await db.updateTable('batch_job_schedules').set({ last_run_at: new Date() }).where('job_type', '=', data.kind).execute();
  }
  if (retry) throw new Error(`${data.kind}: ${error}`);
  return { note: plan.note, days: reports };
}

/** Default crons of migration 0005; a row still on its default takes the environment's value (the seed). */
const DEFAULT_CRONS: Record<string, string> = {
  market_data_update: '0 16 * * 1-5', calculate_risk_metrics: '0 17 * * 1-5', create_daily_snapshot: '30 17 * * 1-5',
};

/**
 * Seeds batch_job_schedules from the environment (a row still on its migration default takes the
 * configured cron and time zone) and registers every enabled row with pg-boss (a disabled one is
 * unscheduled). pg-boss keeps schedules in the database and fires each once per tick across processes.
 */
export async function syncSchedules(boss: PgBoss, db: Kysely<DB>, seed: { marketDataCron: string; riskCalcCron: string; snapshotCron: string; timezone: string }): Promise<number> {
  const seeded: Record<string, string> = { market_data_update: seed.marketDataCron, calculate_risk_metrics: seed.riskCalcCron, create_daily_snapshot: seed.snapshotCron };
  for (const [jobType, cron] of Object.entries(seeded)) {
    await db.updateTable('batch_job_schedules').set({ cron_expression: cron, timezone: seed.timezone })
      .where('job_type', '=', jobType).where('cron_expression', '=', DEFAULT_CRONS[jobType]).where('last_run_at', 'is', null).execute();
  }
  const rows = await db.selectFrom('batch_job_schedules').selectAll().execute();
  let registered = 0;
  for (const r of rows) {
    if (!(r.job_type in DEFAULT_CRONS)) continue;
    if (r.is_enabled) {
      await boss.schedule(NIGHTLY_QUEUE.name, r.cron_expression, { kind: r.job_type as NightlyKind } satisfies NightlyJobData, { tz: r.timezone, key: r.job_type, singletonKey: r.job_type });
      registered++;
    } else {
      await boss.unschedule(NIGHTLY_QUEUE.name, r.job_type);
    }
  }
  return registered;
}

/** Seconds a changed portfolio waits before its refresh starts, so a burst of edits makes one refresh. */
export const REFRESH_DEBOUNCE_SECONDS = 2;

/**
 * Portfolios whose results for D do not include their latest position change: a position created,
 * updated (every writer of positions sets updated_at), deleted or tagged after what D's snapshot
 * read (its positions_changed_at, taken inside the refresh's transaction), or no snapshot of D yet.
 * One whose refresh failed after its last change is left alone (its error is in
 * calculation_audit_log) until it changes again.
 */
export async function changedPortfolios(db: Kysely<DB>, date: IsoDate): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    select f.id
    from portfolios f
    cross join lateral (select ${POSITIONS_CHANGED_AT} as changed) c
    left join portfolio_snapshots s on s.portfolio_id = f.id and s.snapshot_date = ${date}::date and s.frequency = 'daily'
    where f.deleted_at is null and c.changed is not null
      and (s.id is null or s.positions_changed_at is null or c.changed > s.positions_changed_at)
      and not exists (select 1 from calculation_audit_log a where a.portfolio_id = f.id and a.calculation_type = 'portfolio_refresh'
        and a.status = 'failed' and a.created_at > c.changed)
    order by f.id`.execute(db);
  return rows.rows.map((r) => r.id);
}

/**
 * Queues a refresh, for the last day with a completed symbol phase, of every changed portfolio
 * ({@link changedPortfolios}): one job per portfolio at a time (the queue's 'exclusive' key), started
 * after {@link REFRESH_DEBOUNCE_SECONDS}. Returns the portfolios queued.
 */
export async function queueChangedPortfolios(boss: PgBoss, db: Kysely<DB>): Promise<string[]> {
  // A run of days (batch run, a scheduled or first-start run) refreshes every portfolio day by day; a
  // refresh of its latest day in between would roll forward from a day not yet computed. The sweep
  // picks the changes up when it is done. (A run whose process died stops counting once its
  // heartbeat, written every 20 seconds, is 2 minutes old.)
  const running = await db.selectFrom('batch_jobs').select('id').where('job_type', '=', BATCH_DAYS_JOB).where('status', '=', 'running')
    .where('heartbeat_at', '>', sql<Date>`now() - interval '2 minutes'`).limit(1).executeTakeFirst();
  if (running) return [];
  const date = await lastSymbolBatchDate(db);
  if (!date) return [];
  const queued: string[] = [];
  for (const id of await changedPortfolios(db, date)) {
    const job = await boss.send(PORTFOLIO_BATCH_QUEUE.name, { date, portfolioIds: [id] } satisfies PortfolioBatchJobData,
      { singletonKey: `refresh:${id}`, startAfter: REFRESH_DEBOUNCE_SECONDS });
    if (job) queued.push(id);
  }
  return queued;
}

/**
 * Queues a recompute of every portfolio whose stored results a later change made stale
 * (portfolios.recompute_from: a back-dated cash flow, a new stated equity): one run per portfolio at
 * a time, its stored days from the mark on, in order. The mark is cleared by the transaction that
 * sends the job, so the job exists if and only if the mark is gone; a change during the run marks
 * the portfolio again and queues another run once this one is done. Returns the portfolios queued.
 */
export async function queueRecomputes(boss: PgBoss, db: Kysely<DB>): Promise<string[]> {
  const marked = await db.selectFrom('portfolios').select('id').where('recompute_from', 'is not', null).where('deleted_at', 'is', null).orderBy('id').execute();
  const queued: string[] = [];
  for (const { id } of marked) {
    const sent = await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('portfolios').select('recompute_from').where('id', '=', id).forUpdate().executeTakeFirst();
      if (!row?.recompute_from) return false;
      const job = await boss.send(NIGHTLY_QUEUE.name, { kind: 'portfolio_recompute', portfolioId: id, from: row.recompute_from } satisfies NightlyJobData,
        { singletonKey: `recompute:${id}`, db: transactionDb(trx) });
      // Null: its previous run is still queued or running; this mark waits for the next sweep.
      if (!job) return false;
      await trx.updateTable('portfolios').set({ recompute_from: null }).where('id', '=', id).execute();
      return true;
    });
    if (sent) queued.push(id);
  }
  return queued;
}

/** A running batch service. */
export interface BatchService {
  boss: PgBoss;
  /** Queues the first start's history run on a new database (once: a second call finds it queued or done). */
  queueFirstStart(): Promise<string | null>;
  stop(): Promise<void>;
}

/**
 * Opens the job queue on the app's database and works every batch queue in this process; with
 * `schedules`, also seeds and registers the schedules and takes part in firing them.
 */
export async function startBatchService(database: Database, deps: Omit<BatchWorkerDeps, 'db'>, options: { schedules: { marketDataCron: string; riskCalcCron: string; snapshotCron: string; timezone: string } | null; sweepMs?: number }): Promise<BatchService> {
  const boss = await openJobQueue(database, { queues: [...BATCH_QUEUES, NIGHTLY_QUEUE], ...(deps.logger?.error ? { logger: deps.logger as { error(o: object, m: string): void } } : {}), schedule: options.schedules !== null });
  const full: BatchWorkerDeps = { ...deps, db: database.db };
  // Stopping ends a long run between days (its job comes back on the queue) instead of waiting for it.
  const stopping = new AbortController();
  try {
    const workers = await workBatchQueues(boss, full);
    await boss.work<NightlyJobData>(NIGHTLY_QUEUE.name, { pollingIntervalSeconds: 1, batchSize: 1 }, async ([job]) =>
      runNightly(boss, full, workers, job!.id, job!.data, job!.signal ? AbortSignal.any([job!.signal, stopping.signal]) : stopping.signal));
    if (options.schedules) await syncSchedules(boss, database.db, options.schedules);
  } catch (e) {
    await boss.stop({ graceful: false }).catch(() => undefined);
    throw e;
  }
  // A position change refreshes its portfolio within seconds: look for changed portfolios every few seconds.
  let sweeping = false;
  const sweep = setInterval(() => {
    if (sweeping || stopping.signal.aborted) return;
    sweeping = true;
    queueChangedPortfolios(boss, database.db)
      .then((ids) => ids.length > 0 && deps.logger?.info?.({ portfolios: ids }, 'changed portfolios queued for a refresh'))
      .then(() => queueRecomputes(boss, database.db))
      .then((ids) => ids.length > 0 && deps.logger?.info?.({ portfolios: ids }, 'portfolios with stale stored days queued for a recompute'))
      .catch((e: unknown) => deps.logger?.error?.({ err: e }, 'refresh-on-change sweep failed'))
      .finally(() => (sweeping = false));
  }, options.sweepMs ?? 3000);
  sweep.unref?.();
  return {
    boss,
    queueFirstStart: async () => {
      // A new database only: none has run before and no portfolio has results yet.
      const done = await database.db.selectFrom('batch_jobs').select('id').where('job_type', '=', 'nightly_first_start').limit(1).executeTakeFirst();
      const results = await database.db.selectFrom('portfolio_snapshots').select('id').limit(1).executeTakeFirst();
      if (done || results) return null;
      return boss.send(NIGHTLY_QUEUE.name, { kind: 'first_start' } satisfies NightlyJobData, { singletonKey: 'first_start' });
    },
    stop: async () => {
      stopping.abort();
      clearInterval(sweep);
      await boss.stop({ graceful: true, timeout: 30_000 });
    },
  };
}
