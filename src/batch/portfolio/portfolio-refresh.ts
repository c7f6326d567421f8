/**
 * The portfolio phase of the batch: each portfolio's results for a trading day D, from stored
 * symbol-level data only, one transaction per portfolio with the portfolio's row locked first (so a
 * refresh and a position change, or two refreshes, never interleave). The arithmetic is
 * `portfolioRisk` (src/analytics/portfolio-risk.ts); docs/portfolio-risk.md says what is stored.
 */
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import { portfolioRisk } from '../../analytics/portfolio-risk.js';
import type { DB, IsoDate } from '../../db/schema.js';
import { recordAuditStep } from '../batch-audit.repository.js';
import { POSITIONS_CHANGED_AT, loadPortfolioRiskInput, loadPositions, loadSymbolInputs, sharedInputs, symbolsOf, symbolsOfPortfolios, type SharedInputs } from './portfolio-inputs.repository.js';
import { computeRangeDay, valueRangeDay, type RangeContext, type RangeDayResult, type RangeDayTask } from './range-day.js';
import { RangeRollForward, loadRangeData, storedRollForward } from './range-inputs.repository.js';
import { RANGE_THREADS, computeDaysInThreads } from './range-pool.js';
import { deleteResults, positionsHash, storePortfolioResults, updatePositionValues, type StoredCounts } from './portfolio-results.repository.js';
import { insertMany, type TableRows } from '../../db/insert-many.js';

/** Settings of the refresh. */
export interface PortfolioRefreshSettings {
  /** Continuously compounded annual risk-free rate (RISK_FREE_RATE). */
  riskFreeRate: number;
  /** Portfolios per refresh job (BATCH_PORTFOLIO_CHUNK_SIZE); default PORTFOLIO_CHUNK_SIZE. */
  chunkSize?: number;
}

/** What one portfolio's refresh did. */
export type PortfolioRefreshOutcome =
  | { portfolioId: string; date: IsoDate; status: 'refreshed'; counts: StoredCounts; warnings: string[] }
  | { portfolioId: string; date: IsoDate; status: 'skipped'; reason: string };

/**
 * Refreshes one portfolio for D in one transaction: locks the portfolio row, reads its inputs,
 * computes, replaces D's results. A deleted portfolio, or one that never had a position, is skipped
 * with the reason (one whose positions all come after D, or were all deleted, gets a snapshot of its
 * equity holding nothing). Throws on a database error (the transaction rolls back: nothing of D
 * changes).
 */
export async function refreshPortfolio(db: Kysely<DB>, portfolioId: string, date: IsoDate, settings: PortfolioRefreshSettings, shared?: SharedInputs): Promise<PortfolioRefreshOutcome> {
  return db.transaction().execute(async (trx) => {
    // Results are recomputable: their commit need not wait for the WAL flush (PostgreSQL; a crash can
    // lose the last refreshes, and the change sweep finds a day's missing snapshot and redoes it).
    await sql`set local synchronous_commit = off`.execute(trx);
    const portfolio = await trx.selectFrom('portfolios').select(['id', 'equity_balance', 'deleted_at'])
      .where('id', '=', portfolioId).forUpdate().executeTakeFirst();
    if (!portfolio || portfolio.deleted_at !== null) return { portfolioId, date, status: 'skipped', reason: 'the portfolio does not exist or is deleted' };
    // Read after the lock: the positions and the latest change among them (stored with the snapshot,
    // so the refresh-on-change sweep knows exactly which changes the results include).
    const { input, historyReason, changedAt, stored } = await loadPortfolioRiskInput(trx, { id: portfolio.id, equityBalance: portfolio.equity_balance }, date, settings, shared);
    if (changedAt === null) return { portfolioId, date, status: 'skipped', reason: 'the portfolio has no positions' };
    const result = portfolioRisk(input);
    if (historyReason) result.warnings.unshift(`return history: ${historyReason}`);
    if (input.positions.length === 0) result.warnings.unshift(`no position entered on or before ${date}`);
    const counts = await storePortfolioResults(trx, portfolio.id, result, { hash: positionsHash(input.positions), changedAt, factorIds: shared?.factorIds, stored });
    return { portfolioId, date, status: 'refreshed', counts, warnings: result.warnings };
  });
}

/** What one portfolio's range refresh did: the days refreshed, with their warnings' count. */
export type PortfolioRangeOutcome =
  | { portfolioId: string; status: 'refreshed'; days: IsoDate[]; warnings: number; seconds: { read: number; rollForward: number; compute: number; write: number } }
  | { portfolioId: string; status: 'skipped'; reason: string };

/** Days of results written per statement by a range refresh (about 40 kB of rows a day). */
const RANGE_WRITE_DAYS = 32;

/** The fewest days a range refresh computes in worker threads (fewer: in this thread, as starting the work costs more). */
export const RANGE_THREAD_MIN_DAYS = 64;

/**
 * Refreshes one portfolio for every day of `days` (ascending trading days) in one transaction, with
 * the results a refresh of each day alone, in order, would store ({@link refreshPortfolio}; equal value
 * for value: test/batch/portfolio-range.test.ts): the portfolio's row locked first; its positions,
 * roll-forward and every symbol input of the range read once (range-inputs.repository.ts); the equity
 * rolled forward day by day from each day's valuation as stored (cents); then each day's full results
 * (`portfolioRisk`), in worker threads for RANGE_THREAD_MIN_DAYS days or more (`threads` overrides:
 * 0 computes here); the range's old rows deleted in one statement and the new ones written a few
 * statements for the whole range, overlapping the computing. Days before the portfolio's first
 * position are skipped, as the daily batch skips them. Throws on a database error (nothing of the
 * range changes).
 */
export async function refreshPortfolioRange(
  db: Kysely<DB>, portfolioId: string, days: readonly IsoDate[], settings: PortfolioRefreshSettings, options: { threads?: boolean } = {},
): Promise<PortfolioRangeOutcome> {
  if (days.length === 0) return { portfolioId, status: 'skipped', reason: 'no day to refresh' };
  const sorted = [...days].sort();
  return db.transaction().execute(async (trx) => {
    await sql`set local synchronous_commit = off`.execute(trx);
    const portfolio = await trx.selectFrom('portfolios').select(['id', 'equity_balance', 'deleted_at'])
      .where('id', '=', portfolioId).forUpdate().executeTakeFirst();
    if (!portfolio || portfolio.deleted_at !== null) return { portfolioId, status: 'skipped', reason: 'the portfolio does not exist or is deleted' };
    const changed = await sql<{ changed: string | null }>`select ${POSITIONS_CHANGED_AT}::text as changed from portfolios f where f.id = ${portfolioId}::uuid`.execute(trx);
    const changedAt = changed.rows[0]?.changed ?? null;
    if (changedAt === null) return { portfolioId, status: 'skipped', reason: 'the portfolio has no positions' };
    const positions = await loadPositions(trx, portfolioId, sorted.at(-1)!);
    const run = positions.length === 0 ? [] : sorted.filter((d) => d >= positions[0].entryDate);
    if (run.length === 0) return { portfolioId, status: 'skipped', reason: `no position entered on or before ${sorted.at(-1)}` };
    const seconds = { read: 0, rollForward: 0, compute: 0, write: 0 };
    let clock = performance.now();
    const lap = (into: keyof typeof seconds) => {
      const now = performance.now();
      seconds[into] += (now - clock) / 1000;
      clock = now;
    };
    const [data, rollForward] = await Promise.all([loadRangeData(trx, run, symbolsOf(positions)), RangeRollForward.load(trx, portfolioId, run[0], run.at(-1)!)]);
    const ctx: RangeContext = { portfolioId, equityBalance: portfolio.equity_balance, positions, settings: { riskFreeRate: settings.riskFreeRate }, changedAt, data };
    lap('read');
    // The roll-forward, day by day: each day continues from the day before as stored.
    const tasks: RangeDayTask[] = [];
    let last: ReturnType<typeof valueRangeDay> | null = null;
    for (const date of run) {
      const task = { date, ...rollForward.at(date) };
      last = valueRangeDay(ctx, task);
      rollForward.record(storedRollForward(date, last));
      tasks.push(task);
    }
    lap('rollForward');
    const later = (await deleteResults(trx, portfolioId, run)).later;
    lap('write');

    // Every day's results; the rows written a few days at a time while the next days compute.
    const tables = new Map<string, TableRows>();
    let gathered = 0, warnings = 0;
    let pending: Promise<void> = Promise.resolve();
    const flush = (final: boolean) => {
      const batch = [...tables.values()];
      tables.clear();
      gathered = 0;
      const also = final && !later && last ? updatePositionValues(last) : [];
      pending = pending.then(() => insertMany(trx, batch, also));
      pending.catch(() => undefined);
    };
    const gather = (day: RangeDayResult) => {
      warnings += day.warnings;
      for (const t of day.tables) {
        const into = tables.get(t.table);
        if (into) (into.rows as unknown[]).push(...t.rows);
        else tables.set(t.table, { ...t, rows: [...t.rows] } as TableRows);
      }
      if (++gathered === RANGE_WRITE_DAYS) flush(false);
    };
    if (options.threads ?? (RANGE_THREADS > 1 && tasks.length >= RANGE_THREAD_MIN_DAYS)) await computeDaysInThreads(ctx, tasks, gather);
    else {
      for (const [i, task] of tasks.entries()) {
        gather(computeRangeDay(ctx, task));
        // Let the socket take the statement in flight between days.
        if (i >= RANGE_WRITE_DAYS) await new Promise((resolve) => setImmediate(resolve));
      }
    }
    lap('compute');
    flush(true);
    await pending;
    lap('write');
    return { portfolioId, status: 'refreshed', days: run, warnings, seconds };
  });
}

export { POSITIONS_CHANGED_AT } from './portfolio-inputs.repository.js';
export { positionsHash } from './portfolio-results.repository.js';

/** The portfolios a batch for D refreshes: not deleted, with a position entered on or before D; by id. */
export async function portfoliosToRefresh(db: Kysely<DB>, date: IsoDate, only?: readonly string[]): Promise<string[]> {
  let q = db.selectFrom('portfolios as f').select('f.id').where('f.deleted_at', 'is', null)
    .where((eb) => eb.exists(eb.selectFrom('positions as p').select('p.id')
      .whereRef('p.portfolio_id', '=', 'f.id').where('p.deleted_at', 'is', null).where('p.entry_date', '<=', date)))
    .orderBy('f.id');
  if (only) q = q.where('f.id', 'in', only.length > 0 ? [...only] : ['00000000-0000-0000-0000-000000000000']);
  return (await q.execute()).map((r) => r.id);
}

/** What a chunk of portfolio refreshes did. */
export interface PortfolioChunkReport {
  date: IsoDate;
  refreshed: number;
  skipped: { portfolioId: string; reason: string }[];
  failed: { portfolioId: string; error: string }[];
  warnings: number;
  seconds: number;
}

/**
 * Refreshes `portfolioIds` for D one after another, each in its own transaction; a failing
 * portfolio is recorded in calculation_audit_log with its error and the rest go on. Stops between
 * portfolios when `signal` aborts.
 */
export async function refreshPortfolios(
  db: Kysely<DB>,
  portfolioIds: readonly string[],
  date: IsoDate,
  settings: PortfolioRefreshSettings,
  options: { batchJobId?: string | null; signal?: AbortSignal } = {},
): Promise<PortfolioChunkReport> {
  const started = Date.now();
  const report: PortfolioChunkReport = { date, refreshed: 0, skipped: [], failed: [], warnings: 0, seconds: 0 };
  // The factor calendar, covariance, scenarios and every held symbol's inputs of D, read once for the chunk.
  const shared = await sharedInputs(db, date);
  await loadSymbolInputs(db, shared, await symbolsOfPortfolios(db, portfolioIds, date));
  for (const id of portfolioIds) {
    if (options.signal?.aborted) throw new Error(`portfolio refresh for ${date} aborted: ${String(options.signal.reason ?? 'job stopped')}`);
    const t0 = new Date();
    try {
      const out = await refreshPortfolio(db, id, date, settings, shared);
      if (out.status === 'refreshed') {
        report.refreshed++;
        report.warnings += out.warnings.length;
      } else report.skipped.push({ portfolioId: id, reason: out.reason });
    } catch (e) {
      const error = (e as Error).message ?? String(e);
      report.failed.push({ portfolioId: id, error });
      await recordAuditStep(db, {
        batchJobId: options.batchJobId ?? null, type: 'portfolio_refresh', date, startTime: t0, endTime: new Date(), status: 'failed',
        records: 0, error, metadata: { portfolioId: id }, portfolioId: id,
      });
    }
  }
  report.seconds = (Date.now() - started) / 1000;
  return report;
}

/** What a range job's chunk of portfolios did: each refreshed portfolio's first refreshed day (it refreshed every day from it on). */
export interface PortfolioRangeReport {
  days: IsoDate[];
  refreshed: { portfolioId: string; from: IsoDate; warnings: number }[];
  skipped: { portfolioId: string; reason: string }[];
  failed: { portfolioId: string; error: string }[];
  seconds: number;
}

/**
 * Refreshes each of `portfolioIds` over `days` (refreshPortfolioRange), one after another; a failing
 * portfolio is recorded in calculation_audit_log with its error (dated its range's last day) and the
 * rest go on. Stops between portfolios when `signal` aborts.
 */
export async function refreshPortfolioRanges(
  db: Kysely<DB>,
  portfolioIds: readonly string[],
  days: readonly IsoDate[],
  settings: PortfolioRefreshSettings,
  options: { batchJobId?: string | null; signal?: AbortSignal } = {},
): Promise<PortfolioRangeReport> {
  const started = Date.now();
  const report: PortfolioRangeReport = { days: [...days], refreshed: [], skipped: [], failed: [], seconds: 0 };
  for (const id of portfolioIds) {
    if (options.signal?.aborted) throw new Error(`portfolio range refresh aborted: ${String(options.signal.reason ?? 'job stopped')}`);
    const t0 = new Date();
    try {
      const out = await refreshPortfolioRange(db, id, days, settings);
      if (out.status === 'refreshed') report.refreshed.push({ portfolioId: id, from: out.days[0], warnings: out.warnings });
      else report.skipped.push({ portfolioId: id, reason: out.reason });
    } catch (e) {
      const error = (e as Error).message ?? String(e);
      report.failed.push({ portfolioId: id, error });
      await recordAuditStep(db, {
        batchJobId: options.batchJobId ?? null, type: 'portfolio_refresh', date: days.at(-1)!, startTime: t0, endTime: new Date(), status: 'failed',
        records: 0, error: `${days[0]}..${days.at(-1)}: ${error}`, metadata: { portfolioId: id, from: days[0], to: days.at(-1) }, portfolioId: id,
      });
    }
  }
  report.seconds = (Date.now() - started) / 1000;
  return report;
}
