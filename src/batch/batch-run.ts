/**
 * Running the batch for trading days in order: for each day the symbol job, then that day's
 * portfolio jobs, waiting for each (the portfolio refresh of D reads D's symbol results and rolls
 * forward from D - 1's snapshot, so days never overlap). Jobs go through the queue, so workers in
 * other processes share them; this process works them too. `sigmasight batch run`, the scheduled
 * nightly run and the first start's backfill all call {@link runBatchDays}.
 */
import type { Kysely } from 'kysely';
import type { PgBoss } from 'pg-boss';
import type { DB, IsoDate } from '../db/schema.js';
import { finishBatchJob, startBatchJob } from './batch-audit.repository.js';
import { queuePortfolioJobs, type BatchWorkers, type SymbolJobOutput } from './batch-worker.js';
import { sendOrFind, waitForJobs } from './job-queue.js';
import type { PortfolioChunkReport } from './portfolio/portfolio-refresh.js';
import { PORTFOLIO_BATCH_QUEUE, SYMBOL_BATCH_QUEUE, type SymbolBatchJobData } from './queues.js';
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
  /** Called after each day. */
  onDay?: (report: BatchDayReport, index: number, total: number) => void;
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
    await finishBatchJob(db, run, { failed: true, error: (e as Error).message, metadata: { date: days.at(-1), days: days.length } }).catch(() => undefined);
    throw e;
  } finally {
    clearInterval(beat);
  }
}

async function runDays(boss: PgBoss, db: Kysely<DB>, workers: BatchWorkers, days: readonly IsoDate[], options: BatchRunOptions): Promise<BatchDayReport[]> {
  const { phase, portfolioIds: only, signal } = options;
  const pollMs = options.pollMs ?? 200;
  const reports: BatchDayReport[] = [];
  for (const [i, date] of days.entries()) {
    const report: BatchDayReport = { date, symbols: null, portfolios: null, error: null };
    reports.push(report);
    try {
      let portfolioJobs: string[] | null = null;
      if (phase !== 'portfolios') {
        const id = await sendOrFind(boss, SYMBOL_BATCH_QUEUE.name, { date, portfolios: phase === 'all' && only === undefined } satisfies SymbolBatchJobData, date);
        workers.notify();
        const [done] = await waitForJobs(boss, SYMBOL_BATCH_QUEUE.name, [id], { pollMs, ...(signal ? { signal } : {}) });
        if (done.state !== 'completed') throw new Error(`the symbol batch job ${done.state} (its steps are in calculation_audit_log): ${JSON.stringify(done.output)}`);
        const out = done.output as SymbolJobOutput;
        report.symbols = out;
        if (out.status !== 'completed') {
          throw new Error(`the symbol batch ${out.status}: ${out.steps.filter((s) => s.status !== 'completed').map((s) => `${s.step}: ${s.error}`).join('; ')}`);
        }
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
