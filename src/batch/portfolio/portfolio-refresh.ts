/**
 * The portfolio phase of the batch: each portfolio's results for a trading day D, from stored
 * symbol-level data only, one transaction per portfolio with the portfolio's row locked first (so a
 * refresh and a position change, or two refreshes, never interleave). The arithmetic is
 * `portfolioRisk` (src/analytics/portfolio-risk.ts); docs/portfolio-risk.md says what is stored.
 */
import { performance } from 'node:perf_hooks';
import { sql, type Kysely, type Transaction } from 'kysely';
import { portfolioRisk } from '../../analytics/portfolio-risk.js';
import type { Engine } from '../../db/database.js';
import type { DB, IsoDate } from '../../db/schema.js';
import { recordAuditStep } from '../batch-audit.repository.js';
import { POSITIONS_CHANGED_AT, SharedInputsCache, loadPortfolioRiskInput, loadPositions, loadSymbolInputs, sharedInputs, symbolsOf, symbolsOfPortfolios, type SharedInputs } from './portfolio-inputs.repository.js';
import { computeRangeDay, valueRangeDay, type RangeContext, type RangeDayResult, type RangeDayTask } from './range-day.js';
import { RangeRollForward, loadRangeData, storedRollForward } from './range-inputs.repository.js';
import { RANGE_THREADS, startDaysInThreads, warmRangeThreads } from './range-pool.js';
import { deleteResults, markLaterDaysIfChanged, positionsHash, storePortfolioResults, updatePositionValues, type StoredCounts } from './portfolio-results.repository.js';
import { gatherSerialized, insertSerialized, type SerializedTable } from '../../db/insert-many.js';
import { copyLayout, type CopyLayout } from '../../db/copy-binary.js';
import { PREPARED } from '../../db/raw-pg-client.js';

/** Settings of the refresh. */
export interface PortfolioRefreshSettings {
  /** Continuously compounded annual risk-free rate (RISK_FREE_RATE). */
  riskFreeRate: number;
  /** Portfolios per refresh job (BATCH_PORTFOLIO_CHUNK_SIZE); default PORTFOLIO_CHUNK_SIZE. */
  chunkSize?: number;
  /** The most days of a range refreshed in one transaction; default RANGE_TRANSACTION_DAYS. */
  rangeTransactionDays?: number;
}

/**
 * The refresh's settings from the configuration, for the engine: on the embedded database, whose one
 * connection a range's transaction holds (the API waits for it), ranges commit every 32 days.
 */
export function refreshSettingsOf(batch: { riskFreeRate: number; portfolioChunkSize: number }, engine: Engine): PortfolioRefreshSettings {
  return { riskFreeRate: batch.riskFreeRate, chunkSize: batch.portfolioChunkSize, ...(engine === 'pglite' ? { rangeTransactionDays: 32 } : {}) };
}

/** What one portfolio's refresh did. */
export type PortfolioRefreshOutcome =
  | { portfolioId: string; date: IsoDate; status: 'refreshed'; counts: StoredCounts; warnings: string[] }
  | { portfolioId: string; date: IsoDate; status: 'skipped'; reason: string };

/**
 * Locks the portfolio's row for a refresh's transaction and reads what the refresh needs of it. The
 * results are recomputable, so the transaction's commit need not wait for the WAL flush (PostgreSQL;
 * a crash can lose the last refreshes, and the change sweep finds a day's missing snapshot and redoes it).
 */
function lockForRefresh(trx: Transaction<DB>, portfolioId: string) {
  return trx.selectFrom('portfolios').modifyFront(sql.raw(PREPARED)).select(['id', 'equity_balance', 'deleted_at'])
    .select(sql<string>`set_config('synchronous_commit', 'off', true)`.as('synchronous_commit'))
    .where('id', '=', portfolioId).forUpdate().executeTakeFirst();
}

/**
 * Refreshes one portfolio for D in one transaction: locks the portfolio row, reads its inputs,
 * computes, replaces D's results. A deleted portfolio, or one that never had a position, is skipped
 * with the reason (one whose positions all come after D, or were all deleted, gets a snapshot of its
 * equity holding nothing). Throws on a database error (the transaction rolls back: nothing of D
 * changes).
 */
export async function refreshPortfolio(db: Kysely<DB>, portfolioId: string, date: IsoDate, settings: PortfolioRefreshSettings, shared?: SharedInputs): Promise<PortfolioRefreshOutcome> {
  return db.transaction().execute(async (trx) => {
    const portfolio = await lockForRefresh(trx, portfolioId);
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

/** What one portfolio's range refresh did: the days refreshed, and the count of warnings of each day that has some. */
export type PortfolioRangeOutcome =
  | { portfolioId: string; status: 'refreshed'; days: IsoDate[]; warnings: Record<IsoDate, number>; seconds: { read: number; rollForward: number; compute: number; write: number } }
  | { portfolioId: string; status: 'skipped'; reason: string };

/** Days of results written per statement by a range refresh (about 40 kB of rows a day). */
const RANGE_WRITE_DAYS = 32;

/** The fewest days a range refresh computes in worker threads (fewer: in this thread, as starting the work costs more). */
export const RANGE_THREAD_MIN_DAYS = 64;

/**
 * The most days of a range refreshed in one transaction: a longer range is refreshed in parts, each
 * continuing from the part before as stored, so the portfolio's lock (and PGlite's one connection) is
 * held for a few seconds at most.
 */
export const RANGE_TRANSACTION_DAYS = 256;

type RangeSeconds = { read: number; rollForward: number; compute: number; write: number };

/**
 * Refreshes one portfolio for every day of `days` (trading days) with the rows the daily batch would
 * store refreshing the days one by one in order (refreshPortfolio on each day with a position entered
 * by then; equal column for column: test/batch/portfolio-range.test.ts), the positions' current values
 * included. Days before the portfolio's first position are skipped, as the daily batch skips them.
 * In parts of RANGE_TRANSACTION_DAYS days, one transaction each, the portfolio's row locked first:
 * its positions, roll-forward and every symbol input of the part read once (range-inputs.repository.ts);
 * the equity rolled forward day by day from each day's valuation as stored (cents); then each day's
 * full results (`portfolioRisk`), in worker threads for RANGE_THREAD_MIN_DAYS days or more (the
 * `threads` option forces either way; `transactionDays` sets the part's length, `writeDays` the days a write holds, 32); the part's old rows deleted in one statement and the new ones
 * written a few statements for the whole part, overlapping the computing. Throws on an error (the
 * part in progress changes nothing; the parts before it stay, as the days before a failing day do),
 * and when `signal` aborts (looked at after each day, the part in progress rolled back).
 */
export async function refreshPortfolioRange(
  db: Kysely<DB>, portfolioId: string, days: readonly IsoDate[], settings: PortfolioRefreshSettings,
  options: { threads?: boolean; transactionDays?: number; writeDays?: number; signal?: AbortSignal } = {},
): Promise<PortfolioRangeOutcome> {
  const sorted = [...new Set(days)].sort();
  const seconds: RangeSeconds = { read: 0, rollForward: 0, compute: 0, write: 0 };
  const run: IsoDate[] = [];
  const warnings: Record<IsoDate, number> = {};
  let skipped = 'no day to refresh';
  const partDays = options.transactionDays ?? settings.rangeTransactionDays ?? RANGE_TRANSACTION_DAYS;
  // PostgreSQL's column types, read once for the range: its rows go by binary COPY (null on PGlite).
  const copy = sorted.length === 0 ? null : await copyLayout(db);
  for (let at = 0; at < sorted.length; at += partDays) {
    // Between parts (each committed): an aborted job stops here, its retry redoing the range.
    if (options.signal?.aborted) throw rangeAborted(options.signal);
    // Only the last part checks the days after it: each part's later days within the range are the next parts'.
    const part = await refreshRangePart(db, portfolioId, sorted.slice(at, at + partDays), settings, options, copy, seconds, at + partDays >= sorted.length);
    if ('reason' in part) {
      // Positions entered after this part: the next part may hold them.
      if (!part.later) return { portfolioId, status: 'skipped', reason: part.reason };
      skipped = part.reason;
      continue;
    }
    run.push(...part.days);
    Object.assign(warnings, part.warnings);
  }
  if (run.length === 0) return { portfolioId, status: 'skipped', reason: skipped };
  return { portfolioId, status: 'refreshed', days: run, warnings, seconds };
}

/** One transaction of {@link refreshPortfolioRange} over ascending `days`. */
async function refreshRangePart(
  db: Kysely<DB>, portfolioId: string, days: readonly IsoDate[], settings: PortfolioRefreshSettings, options: { threads?: boolean; writeDays?: number; signal?: AbortSignal }, copy: CopyLayout | null, seconds: RangeSeconds, lastPart: boolean,
): Promise<{ days: IsoDate[]; warnings: Record<IsoDate, number> } | { reason: string; later: boolean }> {
  return db.transaction().execute(async (trx) => {
    const portfolio = await lockForRefresh(trx, portfolioId);
    if (!portfolio || portfolio.deleted_at !== null) return { reason: 'the portfolio does not exist or is deleted', later: false };
    const changed = await sql<{ changed: string | null }>`select ${POSITIONS_CHANGED_AT}::text as changed from portfolios f where f.id = ${portfolioId}::uuid`.execute(trx);
    const changedAt = changed.rows[0]?.changed ?? null;
    if (changedAt === null) return { reason: 'the portfolio has no positions', later: false };
    const positions = await loadPositions(trx, portfolioId, days.at(-1)!);
    const run = positions.length === 0 ? [] : days.filter((d) => d >= positions[0].entryDate);
    if (run.length === 0) return { reason: `no position entered on or before ${days.at(-1)}`, later: true };
    let clock = performance.now();
    const lap = (into: keyof RangeSeconds) => {
      const now = performance.now();
      seconds[into] += (now - clock) / 1000;
      clock = now;
    };
    const yieldNow = () => new Promise((resolve) => setImmediate(resolve));
    const threaded = options.threads ?? (RANGE_THREADS > 1 && run.length >= RANGE_THREAD_MIN_DAYS);
    // The threads load their code while the range's data is read.
    if (threaded) warmRangeThreads();
    const [data, rollForward] = await Promise.all([loadRangeData(trx, run, symbolsOf(positions)), RangeRollForward.load(trx, portfolioId, run[0], run.at(-1)!)]);
    const ctx: RangeContext = { portfolioId, equityBalance: portfolio.equity_balance, positions, settings: { riskFreeRate: settings.riskFreeRate }, changedAt, data, copy };
    const storedBefore = rollForward.dates();
    lap('read');

    // Every day's results; the rows written a few days at a time while the next days compute, after
    // the days' old rows are deleted (the delete is sent first, the writes follow it on the connection).
    const deleting = deleteResults(trx, portfolioId, run);
    const tables = new Map<string, SerializedTable>();
    let gathered = 0;
    const warnings: Record<IsoDate, number> = {};
    let pending: Promise<void> = deleting.then(() => undefined);
    let writeError: unknown = null;
    // The first failing statement's error; the statements after it fail only because the transaction is aborted (25P02).
    const onWriteError = (e: unknown) => {
      if ((e as { code?: string } | null)?.code !== '25P02') writeError ??= e;
    };
    pending.catch(onWriteError);
    // The positions' current values, as the days one by one leave them (filled once the delete says
    // whether a later day is stored); only the final write sets them.
    const current = new Map<string, PositionValues>();
    const flush = (final: boolean) => {
      const batch = [...tables.values()];
      tables.clear();
      gathered = 0;
      const also = final ? updatePositionValues({ positions: [...current.values()] }) : [];
      pending = pending.then(() => insertSerialized(trx, batch, also));
      pending.catch(onWriteError);
    };
    const gather = (day: RangeDayResult) => {
      // A failed write ends the computing: the transaction is lost.
      if (writeError !== null) throw writeError;
      if (day.warnings > 0) warnings[day.date] = day.warnings;
      gatherSerialized(tables, day.tables);
      if (++gathered === (options.writeDays ?? RANGE_WRITE_DAYS)) flush(false);
    };
    // In threads, each day is computed as soon as the roll-forward reaches it.
    const job = threaded ? startDaysInThreads(ctx, run.length, gather) : null;
    const jobError = job?.done.then(() => null, (e: unknown) => e ?? new Error('a range worker thread failed'));
    const fail = async (e: unknown): Promise<never> => {
      options.signal?.removeEventListener('abort', onAbort);
      job?.abort(e);
      await jobError;
      await pending.catch(() => undefined);
      throw writeError ?? e;
    };
    // A stopped job stops the part too (its transaction rolls back): the threads' days are dropped,
    // the day loops below look at the signal after each day.
    const signal = options.signal;
    const onAbort = () => job?.abort(rangeAborted(signal!));
    signal?.addEventListener('abort', onAbort, { once: true });
    const stopIfAborted = () => {
      if (signal?.aborted) throw rangeAborted(signal);
    };

    // The roll-forward, day by day: each day continues from the day before as stored.
    const tasks: RangeDayTask[] = [];
    const valued: PositionValues[][] = [];
    let last: ReturnType<typeof valueRangeDay> | null = null;
    let later = false;
    try {
      for (const date of run) {
        const task = { date, ...rollForward.at(date) };
        const v = (last = valueRangeDay(ctx, task));
        rollForward.record(storedRollForward(date, v));
        tasks.push(task);
        job?.push(task);
        valued.push(v.positions);
        await yieldNow();
        // A failed write loses the transaction: stop here.
        if (writeError !== null) throw writeError;
        stopIfAborted();
      }
      lap('rollForward');
      const removed = await deleting;
      later = removed.later;
      if (lastPart) await markLaterDaysIfChanged(trx, portfolioId, run.at(-1)!, later, removed.deleted, last!);
    } catch (e) {
      return fail(e);
    }
    if (!later) {
      run.forEach((date, i) => {
        if (storedBefore.some((d) => d > date && d <= run.at(-1)!)) return;
        for (const p of valued[i]) current.set(p.id, p);
      });
    }
    try {
      if (jobError) {
        const e = await jobError;
        if (e !== null) throw e;
      } else {
        for (const task of tasks) {
          gather(computeRangeDay(ctx, task));
          // Let the socket take the statement in flight, and timers run, between days.
          await yieldNow();
          stopIfAborted();
        }
      }
    } catch (e) {
      return fail(e);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    lap('compute');
    flush(true);
    await pending;
    lap('write');
    return { days: run, warnings };
  });
}

/** The error of a range refresh stopped by its job's signal. */
function rangeAborted(signal: AbortSignal): Error {
  return new Error(`portfolio range refresh aborted: ${String(signal.reason ?? 'job stopped')}`);
}

/** A position's current values as a day's valuation gives them. */
type PositionValues = Parameters<typeof updatePositionValues>[0]['positions'][number];

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

/**
 * D's shared inputs by queueing (`run` of the portfolio jobs, and D), the two latest: the chunks of one
 * day's batch read D's symbol inputs once per worker process instead of once per chunk (a read of
 * the held symbols' closes, 252 returns, betas and short metrics is a large part of a small
 * portfolio's refresh), while D's symbol phase is unchanged and for a minute at most (a day's batch
 * of 10,000 portfolios takes about a minute a worker).
 */
const sharedOfRun = new SharedInputsCache(2);

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
  options: { batchJobId?: string | null; signal?: AbortSignal; run?: string } = {},
): Promise<PortfolioChunkReport> {
  const started = Date.now();
  const report: PortfolioChunkReport = { date, refreshed: 0, skipped: [], failed: [], warnings: 0, seconds: 0 };
  // The factor calendar, covariance, scenarios and every held symbol's inputs of D, read once for the
  // chunk, or once for the chunks of one queueing (`run`) this process works (see sharedOfRun).
  const common = options.run ? await sharedOfRun.get(db, date, `${options.run}|${date}`) : await sharedInputs(db, date);
  // The chunk's own set of symbols found without data (read once by the chunk, not by each portfolio).
  const shared: SharedInputs = { ...common, symbols: { ...common.symbols, absent: new Set() } };
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
  refreshed: { portfolioId: string; from: IsoDate; warnings: Record<IsoDate, number> }[];
  skipped: { portfolioId: string; reason: string }[];
  failed: { portfolioId: string; error: string }[];
  seconds: number;
}

/**
 * Refreshes each of `portfolioIds` over `days` (refreshPortfolioRange), one after another. A range
 * that fails is refreshed again day by day (refreshPortfolio), so only its failing days are missing:
 * each is recorded in calculation_audit_log with its error, the portfolio is reported failed, and the
 * rest go on. Stops between portfolios when `signal` aborts.
 */
export async function refreshPortfolioRanges(
  db: Kysely<DB>,
  portfolioIds: readonly string[],
  days: readonly IsoDate[],
  settings: PortfolioRefreshSettings,
  options: { batchJobId?: string | null; signal?: AbortSignal; logger?: { warn?(obj: object, msg: string): void } } = {},
): Promise<PortfolioRangeReport> {
  const started = Date.now();
  const report: PortfolioRangeReport = { days: [...days], refreshed: [], skipped: [], failed: [], seconds: 0 };
  for (const id of portfolioIds) {
    if (options.signal?.aborted) throw rangeAborted(options.signal);
    try {
      const out = await refreshPortfolioRange(db, id, days, settings, options.signal ? { signal: options.signal } : {});
      if (out.status === 'refreshed') report.refreshed.push({ portfolioId: id, from: out.days[0], warnings: out.warnings });
      else report.skipped.push({ portfolioId: id, reason: out.reason });
    } catch (e) {
      if (options.signal?.aborted) throw e;
      // One failing day fails its whole part: the days are refreshed one by one instead, so only the
      // failing days are missing (and recorded), as in the daily batch.
      const rangeError = (e as Error).message ?? String(e);
      options.logger?.warn?.({ portfolioId: id, from: days[0], to: days.at(-1), err: e }, 'portfolio range refresh failed; refreshing its days one by one');
      const errors: string[] = [];
      let from: IsoDate | null = null;
      const warnings: Record<IsoDate, number> = {};
      for (const date of days) {
        if (options.signal?.aborted) throw rangeAborted(options.signal);
        const t0 = new Date();
        try {
          if ((await portfoliosToRefresh(db, date, [id])).length === 0) continue;
          const out = await refreshPortfolio(db, id, date, settings);
          if (out.status === 'refreshed') {
            from ??= date;
            if (out.warnings.length > 0) warnings[date] = out.warnings.length;
          }
        } catch (dayError) {
          const error = (dayError as Error).message ?? String(dayError);
          errors.push(`${date}: ${error}`);
          await recordAuditStep(db, {
            batchJobId: options.batchJobId ?? null, type: 'portfolio_refresh', date, startTime: t0, endTime: new Date(), status: 'failed',
            records: 0, error, metadata: { portfolioId: id, range: `${days[0]}..${days.at(-1)}`, rangeError }, portfolioId: id,
          });
        }
      }
      if (errors.length > 0) report.failed.push({ portfolioId: id, error: errors.length === 1 ? errors[0] : `${errors.length} days failed, first ${errors[0]}` });
      else if (from !== null) report.refreshed.push({ portfolioId: id, from, warnings });
    }
  }
  report.seconds = (Date.now() - started) / 1000;
  return report;
}
