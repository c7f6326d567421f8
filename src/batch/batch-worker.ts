/**
 * Working the batch queues: what `sigmasight worker`, `sigmasight batch run` and the server run, so a
 * job is done the same way whoever takes it.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { PgBoss } from 'pg-boss';
import type { DB, IsoDate } from '../db/schema.js';
import type { FallbackChain } from '../market-data/providers/fallback-chain.js';
import type { SyncLogger } from '../market-data/sync.js';
import { portfoliosToRefresh, refreshPortfolioRanges, refreshPortfolios, type PortfolioChunkReport, type PortfolioRangeReport, type PortfolioRefreshSettings } from './portfolio/portfolio-refresh.js';
import { sendOrFind } from './job-queue.js';
import { PORTFOLIO_BATCH_QUEUE, PORTFOLIO_CHUNK_SIZE, PORTFOLIO_RANGE_CHUNK_DAYS, PORTFOLIO_RANGE_QUEUE, SYMBOL_BATCH_QUEUE, type PortfolioBatchJobData, type PortfolioRangeJobData, type SymbolBatchJobData } from './queues.js';
import { runSymbolBatch, type SymbolBatchReport } from './symbol/symbol-batch.js';

/** What a batch job needs. */
export interface BatchWorkerDeps {
  db: Kysely<DB>;
  chain: FallbackChain;
  workerId: string;
  settings: PortfolioRefreshSettings;
  logger?: SyncLogger & { error?(obj: object, msg: string): void };
  /**
   * Aborted when this process stops working (an interrupted `batch run`): the jobs in hand stop at
   * their next checkpoint (between portfolios, a range's transactions, the symbol steps) and fail,
   * to be retried by the queue, instead of running to their end first.
   */
  stop?: AbortSignal;
}

/** A job's signal, aborted also when the process stops working (deps.stop). */
function jobSignal(deps: BatchWorkerDeps, signal: AbortSignal | undefined): AbortSignal | undefined {
  if (!deps.stop) return signal;
  return signal ? AbortSignal.any([signal, deps.stop]) : deps.stop;
}

/** A symbol batch job's output: its report, and the portfolio jobs it queued when asked to. */
export interface SymbolJobOutput extends SymbolBatchReport {
  portfolioJobs: string[];
  /** The worker that ran the job. */
  workerId: string;
}

/** A portfolio job's output: its chunk's report and the worker that ran it. */
export interface PortfolioJobOutput extends PortfolioChunkReport {
  workerId: string;
}

/**
 * Queues D's portfolio refresh in chunks of `chunkSize` portfolios (all of them, or `only`) and
 * returns the job ids. A chunk already queued or running (same key) is not queued twice:
 * its id is returned instead.
 */
export async function queuePortfolioJobs(boss: PgBoss, db: Kysely<DB>, date: IsoDate, only?: readonly string[], chunkSize = PORTFOLIO_CHUNK_SIZE): Promise<string[]> {
  const ids = await portfoliosToRefresh(db, date, only);
  const jobs: string[] = [];
  const run = randomUUID();
  for (let i = 0; i < ids.length; i += chunkSize) {
    const chunk = ids.slice(i, i + chunkSize);
    jobs.push(await sendOrFind(boss, PORTFOLIO_BATCH_QUEUE.name, { date, portfolioIds: chunk, run } satisfies PortfolioBatchJobData, `${date}:${chunk[0]}:${chunk.length}`));
  }
  return jobs;
}

/** A portfolio range job's output: its chunk's report and the worker that ran it. */
export interface PortfolioRangeJobOutput extends PortfolioRangeReport {
  workerId: string;
}

/**
 * Queues the portfolio refresh over `days` (ascending) of every portfolio with a position entered by
 * the last day (or `only`) and returns the job ids. A job holds as many portfolio-days as
 * PORTFOLIO_RANGE_CHUNK_DAYS daily chunks of `portfoliosPerDay` portfolios (the daily chunk size),
 * and at most one daily chunk's portfolios. A chunk already queued or running (same key) is not queued twice: its id is returned.
 */
export async function queuePortfolioRangeJobs(boss: PgBoss, db: Kysely<DB>, days: readonly IsoDate[], only?: readonly string[], portfoliosPerDay = PORTFOLIO_CHUNK_SIZE): Promise<string[]> {
  const ids = await portfoliosToRefresh(db, days.at(-1)!, only);
  const chunkSize = Math.max(1, Math.min(portfoliosPerDay, Math.floor((portfoliosPerDay * PORTFOLIO_RANGE_CHUNK_DAYS) / days.length)));
  const jobs: string[] = [];
  for (let i = 0; i < ids.length; i += chunkSize) {
    const chunk = ids.slice(i, i + chunkSize);
    const data: PortfolioRangeJobData = { days: [...days], portfolioIds: chunk };
    jobs.push(await sendOrFind(boss, PORTFOLIO_RANGE_QUEUE.name, data, `${days[0]}..${days.at(-1)}:${days.length}:${chunk[0]}:${chunk.length}`));
  }
  return jobs;
}

async function portfolioRangeJob(deps: BatchWorkerDeps, data: PortfolioRangeJobData, signal?: AbortSignal): Promise<PortfolioRangeJobOutput> {
  const report = await refreshPortfolioRanges(deps.db, data.portfolioIds, data.days, deps.settings, { ...(signal ? { signal } : {}), ...(deps.logger ? { logger: deps.logger } : {}) });
  deps.logger?.info?.({ from: data.days[0], to: data.days.at(-1), refreshed: report.refreshed.length, failed: report.failed.length, seconds: report.seconds }, 'portfolio range chunk done');
  return { ...report, workerId: deps.workerId };
}

async function symbolJob(boss: PgBoss, deps: BatchWorkerDeps, data: SymbolBatchJobData, signal?: AbortSignal): Promise<SymbolJobOutput> {
  const report = await runSymbolBatch(deps.db, data.date, { chain: deps.chain, workerId: deps.workerId, ...(deps.logger ? { logger: deps.logger } : {}), ...(signal ? { signal } : {}) });
  // D's portfolios read D's symbol results: they are queued only once every symbol step completed.
  const portfolioJobs = data.portfolios && report.status === 'completed' ? await queuePortfolioJobs(boss, deps.db, data.date, undefined, deps.settings.chunkSize) : [];
  return { ...report, portfolioJobs, workerId: deps.workerId };
}

async function portfolioJob(deps: BatchWorkerDeps, data: PortfolioBatchJobData, signal?: AbortSignal): Promise<PortfolioJobOutput> {
  const report = await refreshPortfolios(deps.db, data.portfolioIds, data.date, deps.settings, { ...(signal ? { signal } : {}), ...(data.run ? { run: data.run } : {}) });
  deps.logger?.info?.({ date: data.date, refreshed: report.refreshed, failed: report.failed.length, seconds: report.seconds }, 'portfolio refresh chunk done');
  return { ...report, workerId: deps.workerId };
}

/** This process's batch workers; `notify` makes them fetch now (after this process queued jobs) instead of at their next poll. */
export interface BatchWorkers {
  notify(): void;
}

/** Starts working the batch queues in this process until `boss.stop()` (polling every second). */
export async function workBatchQueues(boss: PgBoss, deps: BatchWorkerDeps): Promise<BatchWorkers> {
  const ids = [
    await boss.work<SymbolBatchJobData, SymbolJobOutput>(SYMBOL_BATCH_QUEUE.name, { pollingIntervalSeconds: 1, batchSize: 1 }, async ([job]) => symbolJob(boss, deps, job!.data, jobSignal(deps, job!.signal))),
    await boss.work<PortfolioBatchJobData, PortfolioJobOutput>(PORTFOLIO_BATCH_QUEUE.name, { pollingIntervalSeconds: 1, batchSize: 1 }, async ([job]) => portfolioJob(deps, job!.data, jobSignal(deps, job!.signal))),
    await boss.work<PortfolioRangeJobData, PortfolioRangeJobOutput>(PORTFOLIO_RANGE_QUEUE.name, { pollingIntervalSeconds: 1, batchSize: 1 }, async ([job]) => portfolioRangeJob(deps, job!.data, jobSignal(deps, job!.signal))),
  ];
  // Stopping: no new job is taken (one fetched now would start with its signal aborted and fail
  // at once, using up a retry), while the jobs in hand stop on their signals.
  deps.stop?.addEventListener('abort', () => {
    for (const queue of [SYMBOL_BATCH_QUEUE.name, PORTFOLIO_BATCH_QUEUE.name, PORTFOLIO_RANGE_QUEUE.name]) void boss.offWork(queue, { wait: false }).catch(() => undefined);
  }, { once: true });
  return { notify: () => ids.forEach((id) => boss.notifyWorker(id)) };
}

/** Stops taking batch jobs in this process; the jobs in hand finish first. */
export async function stopWorkingBatchQueues(boss: PgBoss): Promise<void> {
  await boss.offWork(SYMBOL_BATCH_QUEUE.name, { wait: true });
  await boss.offWork(PORTFOLIO_BATCH_QUEUE.name, { wait: true });
  await boss.offWork(PORTFOLIO_RANGE_QUEUE.name, { wait: true });
}

/**
 * Works the batch jobs that are due now, one at a time (symbol jobs first, since they queue
 * portfolio jobs), then returns how many completed and failed (for `worker --once`). A job whose
 * work throws is failed with the error (and retried later by the queue's policy).
 */
export async function drainBatchQueues(boss: PgBoss, deps: BatchWorkerDeps): Promise<{ completed: number; failed: { id: string; error: string }[] }> {
  const out = { completed: 0, failed: [] as { id: string; error: string }[] };
  for (;;) {
    if (deps.stop?.aborted) return out;
    // Symbol jobs first (they queue portfolio jobs), then portfolio days, then ranges.
    let queue = '';
    let job: { id: string; data: unknown } | undefined;
    for (const q of [SYMBOL_BATCH_QUEUE.name, PORTFOLIO_BATCH_QUEUE.name, PORTFOLIO_RANGE_QUEUE.name]) {
      [job] = await boss.fetch<object>(q, { batchSize: 1 });
      queue = q;
      if (job) break;
    }
    if (!job) return out;
    try {
      const signal = jobSignal(deps, undefined);
      const output = queue === SYMBOL_BATCH_QUEUE.name ? await symbolJob(boss, deps, job.data as SymbolBatchJobData, signal)
        : queue === PORTFOLIO_BATCH_QUEUE.name ? await portfolioJob(deps, job.data as PortfolioBatchJobData, signal)
          : await portfolioRangeJob(deps, job.data as PortfolioRangeJobData, signal);
      await boss.complete(queue, job.id, output as unknown as object);
      out.completed++;
    } catch (e) {
      const error = (e as Error).message ?? String(e);
      await boss.fail(queue, job.id, { error });
      out.failed.push({ id: job.id, error });
    }
  }
}
