/**
 * The batch's job queues (pg-boss, job-queue.ts). One place for their names and options, so the
 * CLI, the workers and the server create them alike.
 */
import type { QueueDefinition } from './job-queue.js';

/** The symbol batch of one trading day; one job per date at a time ('exclusive', keyed by the date). */
export const SYMBOL_BATCH_QUEUE: QueueDefinition = {
  name: 'batch.symbols',
  // A killed worker's job comes back after its heartbeat lapses and is run again (each step replaces
  // its rows, so a rerun leaves what one run leaves).
  options: { policy: 'exclusive', retryLimit: 2, retryDelay: 5, expireInSeconds: 3 * 3600, heartbeatSeconds: 15 },
};

/**
 * The portfolio refresh of one trading day, split into chunks of portfolios so several workers share
 * it; one job per chunk key at a time ('exclusive'). Each portfolio is its own transaction, so a
 * retried chunk redoes whole portfolios and leaves what one run leaves.
 */
export const PORTFOLIO_BATCH_QUEUE: QueueDefinition = {
  name: 'batch.portfolios',
  options: { policy: 'exclusive', retryLimit: 2, retryDelay: 2, expireInSeconds: 3600, heartbeatSeconds: 10 },
};

/**
 * The portfolio refresh of a range of days (a backfill, a recompute, the first start's history): a
 * chunk of portfolios, each refreshed over every day in one pass (refreshPortfolioRange); one job per
 * chunk key at a time. Each portfolio's range is one transaction, so a retried job redoes whole ranges.
 */
export const PORTFOLIO_RANGE_QUEUE: QueueDefinition = {
  name: 'batch.portfolio-ranges',
  options: { policy: 'exclusive', retryLimit: 2, retryDelay: 2, expireInSeconds: 3600, heartbeatSeconds: 10 },
};

/** Every queue, as openJobQueue creates them. */
export const BATCH_QUEUES: readonly QueueDefinition[] = [SYMBOL_BATCH_QUEUE, PORTFOLIO_BATCH_QUEUE, PORTFOLIO_RANGE_QUEUE];

/**
 * Portfolios per portfolio-refresh job. A chunk reads its symbols' inputs once (about 0.2 s for 400
 * symbols x 252 days), so larger chunks read less; 200 keeps a job to a few seconds and 10,000
 * portfolios in 50 jobs for the workers to share.
 */
export const PORTFOLIO_CHUNK_SIZE = 200;

/**
 * A range job holds about as many portfolio-days as this many days' chunks (PORTFOLIO_CHUNK_SIZE
 * portfolios each): with the defaults, a range of 504 days is one portfolio a job and one of 32 days
 * 31, so several workers share a backfill of many portfolios.
 */
export const PORTFOLIO_RANGE_CHUNK_DAYS = 5;

/** The data of a symbol batch job. */
export interface SymbolBatchJobData {
  date: string;
  /** Queue D's portfolio refresh when the symbol phase completes (the nightly run and `batch run --phase all`). */
  portfolios?: boolean;
}

/** The data of a portfolio refresh job: a chunk of portfolios for one date. */
export interface PortfolioBatchJobData {
  date: string;
  portfolioIds: string[];
  /**
   * The queueing that made the job (one token for all of a day's chunks queued together): a worker
   * reads D's symbol inputs once per token and reuses them for the token's other chunks.
   */
  run?: string;
}

/** The data of a portfolio range job: a chunk of portfolios over ascending trading days. */
export interface PortfolioRangeJobData {
  days: string[];
  portfolioIds: string[];
}
