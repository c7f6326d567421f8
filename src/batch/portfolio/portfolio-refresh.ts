/**
 * The portfolio phase of the batch: each portfolio's results for a trading day D, from stored
 * symbol-level data only, one transaction per portfolio with the portfolio's row locked first (so a
 * refresh and a position change, or two refreshes, never interleave). The arithmetic is
 * `portfolioRisk` (src/analytics/portfolio-risk.ts); docs/portfolio-risk.md says what is stored.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { portfolioRisk, type PortfolioPosition } from '../../analytics/portfolio-risk.js';
import type { DB, IsoDate } from '../../db/schema.js';
import { recordAuditStep } from '../batch-audit.repository.js';
import { loadPortfolioRiskInput, loadSymbolInputs, sharedInputs, symbolsOfPortfolios, type SharedInputs } from './portfolio-inputs.repository.js';
import { storePortfolioResults, type StoredCounts } from './portfolio-results.repository.js';

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
 * A hash of what the results depend on in the positions (their ids, terms and tags): the analytics
 * cache's key, so a read can tell whether stored results still describe the portfolio.
 */
export function positionsHash(positions: readonly PortfolioPosition[]): string {
  const terms = [...positions]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((p) => [p.id, p.symbol, p.positionType, p.quantity, p.entryPrice, p.entryDate, p.exitPrice ?? null, p.exitDate ?? null,
      p.underlying ?? null, p.strike ?? null, p.expiry ?? null, [...(p.tags ?? [])].sort()]);
  return createHash('sha256').update(JSON.stringify(terms)).digest('hex');
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

export { POSITIONS_CHANGED_AT } from './portfolio-inputs.repository.js';

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
