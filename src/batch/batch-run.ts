/**
 * Running the batch for trading days in order: for each day the symbol job, then that day's
 * portfolio jobs, waiting for each (the portfolio refresh of D reads D's symbol results and rolls
 * forward from D - 1's snapshot, so days never overlap). Several days with the portfolio phase run
 * the symbol days first, then each portfolio over all the days in one pass (range jobs). Jobs go through the queue, so workers in
 * other processes share them; this process works them too. `sigmasight batch run`, the scheduled
 * nightly run and the first start's backfill all call {@link runBatchDays}.
 */
import type { Kysely } from 'kysely';
import type { PgBoss } from 'pg-boss';
import type { DB, IsoDate } from '../db/schema.js';
import { finishBatchJob, startBatchJob } from './batch-audit.repository.js';
import { queuePortfolioJobs, queuePortfolioRangeJobs, type BatchWorkers, type SymbolJobOutput } from './batch-worker.js';
import { sendOrFind, waitForJobs } from './job-queue.js';
import type { PortfolioChunkReport, PortfolioRangeReport } from './portfolio/portfolio-refresh.js';
import { PORTFOLIO_BATCH_QUEUE, PORTFOLIO_RANGE_QUEUE, SYMBOL_BATCH_QUEUE, type SymbolBatchJobData } from './queues.js';
import type { SymbolBatchReport } from './symbol/symbol-batch.js';

/** What the batch did for one day. */
export interface BatchDayReport {
  date: IsoDate;
  symbols: SymbolBatchReport | null;
  portfolios: { jobs: number; refreshed: number; skipped: PortfolioChunkReport['skipped']; failed: PortfolioChunkReport['failed']; warnings: number } | null;
  /** Why this day failed, when it did. */
  error: string | null;
}

/** Which phases to run. */
export type BatchPhase = 'symbols' | 'portfolios' | 'all';

export interface BatchRunOptions {
  phase: BatchPhase;
  /** Refresh only these portfolios (the portfolio phase). */
  portfolioIds?: readonly string[];
  signal?: AbortSignal;
  /** Called after each day, with its final report (several days with the portfolio phase: all at the end, in order). */
  onDay?: (report: BatchDayReport, index: number, total: number) => void;
  /** Several days with phase 'all': called after each day's symbol phase completed (its report holds only that). */
  onSymbolDay?: (report: BatchDayReport, index: number, total: number) => void;
  /** Milliseconds between checks of the jobs' states. */
  pollMs?: number;
  /** Portfolios per portfolio job (default PORTFOLIO_CHUNK_SIZE). */
  chunkSize?: number;
}

/** batch_jobs.job_type of a run of days (runBatchDays). */
export const BATCH_DAYS_JOB = 'batch_days';

/** Thrown when the run was interrupted by its signal. */
export class BatchInterrupted extends Error {
  constructor(readonly date: IsoDate) {
    super(`interrupted at ${date}; its queued jobs stay on the queue for a worker`);
  }
}

/**
 * Runs `days` in order (see the module comment) and returns a report per day run. A day whose
 * symbol phase fails stops the run (later days would roll forward from it); failing portfolios are
 * reported and the run goes on. Throws {@link BatchInterrupted} when `signal` aborts.
 */
export async function runBatchDays(boss: PgBoss, db: Kysely<DB>, workers: BatchWorkers, days: readonly IsoDate[], options: BatchRunOptions): Promise<BatchDayReport[]> {
  if (days.length === 0) return [];
  // A 'batch_days' row, running with a heartbeat while the days run: the refresh-on-change sweep
  // waits for it (a refresh of a later day in between would roll forward from a day not yet computed).
  const run = await startBatchJob(db, { name: `batch ${days[0]}..${days.at(-1)} (${options.phase})`, type: BATCH_DAYS_JOB, date: days.at(-1)!, lockedBy: `pid ${process.pid}` }, { supersede: false });
  const beat = setInterval(() => {
    void db.updateTable('batch_jobs').set({ heartbeat_at: new Date() }).where('id', '=', run).execute().catch(() => undefined);
  }, 20_000);
  beat.unref?.();
  let reports: BatchDayReport[] = [];
  try {
    reports = await runDays(boss, db, workers, days, options);
    const failed = reports.filter((r) => r.error);
    await finishBatchJob(db, run, {
      failed: failed.length > 0, error: failed.length > 0 ? failed.map((r) => `${r.date}: ${r.error}`).join('; ') : null,
      metadata: { date: days.at(-1), days: days.length, run: reports.length },
    });
    return reports;
  } catch (e) {
    // An interrupted run is cancelled, not failed: nothing of it went wrong, its jobs stay on the queue.
    const interrupted = e instanceof BatchInterrupted;
    await finishBatchJob(db, run, { failed: !interrupted, cancelled: interrupted, error: (e as Error).message, metadata: { date: days.at(-1), days: days.length } }).catch(() => undefined);
    throw e;
  } finally {
    clearInterval(beat);
  }
}

async function runDays(boss: PgBoss, db: Kysely<DB>, workers: BatchWorkers, days: readonly IsoDate[], options: BatchRunOptions): Promise<BatchDayReport[]> {
  if (days.length >= RANGE_MIN_DAYS && options.phase !== 'symbols') return runRange(boss, db, workers, days, options);
  return runEachDay(boss, db, workers, days, options);
}

/**
 * The fewest days run as a range (range jobs read each portfolio's inputs for the whole range, where
 * a day's chunk reads the day's shared inputs once for many portfolios: for a few days the day's
 * chunks cost less).
 */
export const RANGE_MIN_DAYS = 5;

/** Runs the days one by one: each day's symbol job, then its portfolio chunks. */
async function runEachDay(boss: PgBoss, db: Kysely<DB>, workers: BatchWorkers, days: readonly IsoDate[], options: BatchRunOptions): Promise<BatchDayReport[]> {
  const { phase, portfolioIds: only, signal } = options;
  const pollMs = options.pollMs ?? 200;
  const reports: BatchDayReport[] = [];
  for (const [i, date] of days.entries()) {
    const report: BatchDayReport = { date, symbols: null, portfolios: null, error: null };
    reports.push(report);
    try {
      let portfolioJobs: string[] | null = null;
      if (phase !== 'portfolios') {
        await symbolDay(boss, workers, report, phase === 'all' && only === undefined, options);
        // The symbol job queued D's portfolio jobs when asked to; queueing them again finds the same
        // jobs (same keys), and queues them when the job was sent without asking (a symbols-only run's).
        if (phase === 'all' && only === undefined) portfolioJobs = await queuePortfolioJobs(boss, db, date, undefined, options.chunkSize);
      }
      if (phase !== 'symbols') {
        portfolioJobs ??= await queuePortfolioJobs(boss, db, date, only, options.chunkSize);
        workers.notify();
        if (only !== undefined && portfolioJobs.length === 0) throw new Error(`portfolio ${only.join(', ')} does not exist, is deleted, or has no position entered by ${date}`);
        const finished = portfolioJobs.length > 0 ? await waitForJobs(boss, PORTFOLIO_BATCH_QUEUE.name, portfolioJobs, { pollMs, ...(signal ? { signal } : {}) }) : [];
        const p = { jobs: portfolioJobs.length, refreshed: 0, skipped: [] as PortfolioChunkReport['skipped'], failed: [] as PortfolioChunkReport['failed'], warnings: 0 };
        for (const f of finished) {
          if (f.state !== 'completed') {
            p.failed.push({ portfolioId: `(job ${f.id})`, error: `the portfolio job ${f.state}: ${JSON.stringify(f.output)}` });
            continue;
          }
          const c = f.output as PortfolioChunkReport;
          p.refreshed += c.refreshed;
          p.skipped.push(...c.skipped);
          p.failed.push(...c.failed);
          p.warnings += c.warnings;
        }
        report.portfolios = p;
        if (p.failed.length > 0) report.error = `${p.failed.length} portfolio(s) failed`;
      }
    } catch (e) {
      if (signal?.aborted) throw new BatchInterrupted(date);
      report.error = (e as Error).message;
    }
    options.onDay?.(report, i, days.length);
    if (report.error && phase !== 'portfolios' && report.symbols?.status !== 'completed') break;
  }
  return reports;
}

/** Runs the report's day's symbol job and waits for it, keeping its output in the report; throws when the job or a step did not complete. */
async function symbolDay(boss: PgBoss, workers: BatchWorkers, report: BatchDayReport, portfolios: boolean, options: BatchRunOptions): Promise<void> {
  const date = report.date;
  const id = await sendOrFind(boss, SYMBOL_BATCH_QUEUE.name, { date, portfolios } satisfies SymbolBatchJobData, date);
  workers.notify();
  const [done] = await waitForJobs(boss, SYMBOL_BATCH_QUEUE.name, [id], { pollMs: options.pollMs ?? 200, ...(options.signal ? { signal: options.signal } : {}) });
  if (done.state !== 'completed') throw new Error(`the symbol batch job ${done.state} (its steps are in calculation_audit_log): ${JSON.stringify(done.output)}`);
  const out = done.output as SymbolJobOutput;
  report.symbols = out;
  if (out.status !== 'completed') {
    throw new Error(`the symbol batch ${out.status}: ${out.steps.filter((s) => s.status !== 'completed').map((s) => `${s.step}: ${s.error}`).join('; ')}`);
  }
}

/**
 * RANGE_MIN_DAYS days or more with the portfolio phase, in blocks of days: for each block the symbol
 * jobs day by day first (phase 'all'; a failing day stops the run there), then every portfolio over
 * the block's days whose symbol phase is complete, in one pass each (range jobs,
 * refreshPortfolioRange: the same rows as the days one by one, the inputs read once). The portfolio
 * phase alone is one block; with the symbol phase the blocks double in length (1, 2, 4, ... days; the
 * blocks shorter than RANGE_MIN_DAYS run day by day), so the first days' results show early and a
 * long backfill still runs in few passes. A day's report is final, and `onDay` called, once its
 * block is done; a block's skipped and failed portfolios are listed on its last day,
 * and a failure is the error of every day of the block.
 */
async function runRange(boss: PgBoss, db: Kysely<DB>, workers: BatchWorkers, days: readonly IsoDate[], options: BatchRunOptions): Promise<BatchDayReport[]> {
  const reports: BatchDayReport[] = [];
  for (let at = 0, size = 1; at < days.length; at += size, size *= 2) {
    if (options.phase !== 'all') size = days.length;
    const slice = days.slice(at, at + size);
    let block: { reports: BatchDayReport[]; stopped: boolean };
    if (slice.length < RANGE_MIN_DAYS) {
      const each = await runEachDay(boss, db, workers, slice, { ...options, onDay: undefined });
      block = { reports: each, stopped: each.length < slice.length || each.some((r) => r.error !== null && r.symbols?.status !== 'completed') };
    } else block = await runBlock(boss, db, workers, slice, options, at, days.length);
    block.reports.forEach((r, i) => options.onDay?.(r, at + i, days.length));
    reports.push(...block.reports);
    if (block.stopped) break;
  }
  return reports;
}

async function runBlock(
  boss: PgBoss, db: Kysely<DB>, workers: BatchWorkers, days: readonly IsoDate[], options: BatchRunOptions, offset: number, total: number,
): Promise<{ reports: BatchDayReport[]; stopped: boolean }> {
  const { phase, portfolioIds: only, signal } = options;
  const reports: BatchDayReport[] = days.map((date) => ({ date, symbols: null, portfolios: null, error: null }));
  let ready = days.length;
  if (phase === 'all') {
    for (const [i, date] of days.entries()) {
      try {
        await symbolDay(boss, workers, reports[i], false, options);
      } catch (e) {
        if (signal?.aborted) throw new BatchInterrupted(date);
        reports[i].error = (e as Error).message;
        ready = i;
        break;
      }
      options.onSymbolDay?.(reports[i], offset + i, total);
    }
  }
  const run = days.slice(0, ready);
  if (run.length > 0) {
    try {
      const jobs = await queuePortfolioRangeJobs(boss, db, run, only, options.chunkSize);
      workers.notify();
      if (only !== undefined && jobs.length === 0) throw new Error(`portfolio ${only.join(', ')} does not exist, is deleted, or has no position entered by ${run.at(-1)}`);
      const finished = jobs.length > 0 ? await waitForJobs(boss, PORTFOLIO_RANGE_QUEUE.name, jobs, { pollMs: options.pollMs ?? 200, ...(signal ? { signal } : {}) }) : [];
      const per = run.map(() => ({ jobs: jobs.length, refreshed: 0, skipped: [] as PortfolioChunkReport['skipped'], failed: [] as PortfolioChunkReport['failed'], warnings: 0 }));
      const end = per[per.length - 1];
      for (const f of finished) {
        if (f.state !== 'completed') {
          end.failed.push({ portfolioId: `(job ${f.id})`, error: `the portfolio range job ${f.state}: ${JSON.stringify(f.output)}` });
          continue;
        }
        const c = f.output as PortfolioRangeReport;
        for (const r of c.refreshed) {
          for (let k = Math.max(0, run.indexOf(r.from)); k < run.length; k++) per[k].refreshed++;
          for (const [date, n] of Object.entries(r.warnings)) if (run.includes(date)) per[run.indexOf(date)].warnings += n;
        }
        end.skipped.push(...c.skipped);
        end.failed.push(...c.failed);
      }
      per.forEach((p, k) => { reports[k].portfolios = p; });
      // A failed portfolio may miss any day of the block (a range is refreshed in parts): every day says so.
      if (end.failed.length > 0) run.forEach((_, k) => { reports[k].error = `${end.failed.length} portfolio(s) failed over ${run[0]}..${run.at(-1)}`; });
    } catch (e) {
      if (signal?.aborted) throw new BatchInterrupted(run[0]);
      run.forEach((_, k) => { reports[k].error = (e as Error).message; });
    }
  }
  // As day by day: the days after a failed symbol day are not run (nor reported).
  return ready < days.length ? { reports: reports.slice(0, ready + 1), stopped: true } : { reports, stopped: false };
}
