/**
 * The symbol batch for a trading day D, the first half of the nightly batch (seed 000's V2 split):
 * everything computed once per symbol and day, which portfolios then only read.
 *
 * Steps, in order, each recorded in calculation_audit_log under one batch_jobs row:
 * 1. prices: the market-data sync of the active universe through D (sync.ts);
 * 2. factor_exposures: every active symbol's betas (factor-exposures.ts);
 * 3. factor_covariance: the factor ETFs' covariance, sample and EWMA (factor-covariance.ts);
 * 4. symbol_daily_metrics: returns, volatility and betas per symbol (daily-metrics.ts).
 * A failing step is recorded with its error and the later steps still run (each reads what is
 * stored); the job is 'failed' when any step failed. Every step replaces its own rows for D, so
 * running D again leaves the same rows.
 */
import type { Kysely } from 'kysely';
import type { DB, IsoDate } from '../../db/schema.js';
import type { FallbackChain } from '../../market-data/providers/fallback-chain.js';
import { syncMarketData, type SyncLogger } from '../../market-data/sync.js';
import { finishBatchJob, recordAuditStep, startBatchJob } from '../batch-audit.repository.js';
import { refreshSymbolDailyMetrics } from './daily-metrics.js';
import { refreshFactorCovariance } from './factor-covariance.js';
import { refreshFactorExposures, type FactorExposureOptions } from './factor-exposures.js';
import { activeSymbols } from './symbol-batch.repository.js';

/** One step's outcome. */
export interface SymbolBatchStep {
  step: 'prices' | 'factor_exposures' | 'factor_covariance' | 'symbol_daily_metrics';
  status: 'completed' | 'failed';
  /** Rows the step wrote (bars, exposures, covariance pairs, metrics rows). */
  records: number;
  seconds: number;
  /** What a person should know: symbols not fitted or without a price, missing factors. */
  notes: string[];
  error: string | null;
}

/** What a symbol batch run did. */
export interface SymbolBatchReport {
  date: IsoDate;
  batchJobId: string;
  status: 'completed' | 'failed';
  symbols: number;
  steps: SymbolBatchStep[];
}

/** Settings of a run. */
export interface SymbolBatchOptions {
  /** Providers for the prices step; without a chain the step is left out (prices as stored). */
  chain?: FallbackChain;
  exposures?: FactorExposureOptions;
  /** Names this run in batch_jobs.locked_by. */
  workerId: string;
  /**
   * Aborted when the run must stop writing (the queue's job was lost to an expired heartbeat, or the
   * worker is stopping): no further step starts, the sync abandons its symbols in flight, the job
   * row is closed as failed and the run throws, so the queue retries the day.
   */
  signal?: AbortSignal;
  logger?: SyncLogger & { error?(obj: object, msg: string): void };
}

const list = (items: readonly string[], max = 10) => (items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`);

/**
 * Runs the symbol batch for `date` (see the module comment) and returns what each step did.
 *
 * @example
 * const r = await runSymbolBatch(db, '2024-12-31', { chain, workerId: 'cli' });
 * r.steps.map((s) => `${s.step}: ${s.status}, ${s.records} rows`);
 */
export async function runSymbolBatch(db: Kysely<DB>, date: IsoDate, options: SymbolBatchOptions): Promise<SymbolBatchReport> {
  const batchJobId = await startBatchJob(db, { name: `symbol batch ${date}`, type: 'symbol_batch', date, lockedBy: options.workerId });
  const steps: SymbolBatchStep[] = [];
  const step = async (name: SymbolBatchStep['step'], run: () => Promise<{ records: number; notes: string[]; failed?: string }>) => {
    if (options.signal?.aborted) {
      const error = `stopped before ${name}: the job was lost or its worker is stopping`;
      await finishBatchJob(db, batchJobId, { failed: true, error, metadata: { date, steps: steps.map((s) => ({ step: s.step, status: s.status })) } });
      throw new Error(`symbol batch ${date}: ${error}`);
    }
    const startTime = new Date();
    let s: SymbolBatchStep;
    try {
      const r = await run();
      s = { step: name, status: r.failed ? 'failed' : 'completed', records: r.records, seconds: 0, notes: r.notes, error: r.failed ?? null };
    } catch (e) {
      s = { step: name, status: 'failed', records: 0, seconds: 0, notes: [], error: (e as Error).message ?? String(e) };
      options.logger?.error?.({ step: name, date, err: e }, 'symbol batch: step failed');
    }
    const endTime = new Date();
    s.seconds = (endTime.getTime() - startTime.getTime()) / 1000;
    steps.push(s);
    await recordAuditStep(db, { batchJobId, type: name, date, startTime, endTime, status: s.status, records: s.records, error: s.error, metadata: { notes: s.notes } });
  };

  if (options.chain) {
    const chain = options.chain;
    await step('prices', async () => {
      const r = await syncMarketData(db, chain, { today: date, ...(options.logger ? { logger: options.logger } : {}), ...(options.signal ? { signal: options.signal } : {}) });
      const failed = r.results.filter((x) => x.outcome === 'failed' || x.outcome === 'error').map((x) => `${x.symbol} (${x.error})`);
      return {
        records: r.barsStored,
        notes: [`${r.synced} of ${r.symbols} symbol(s) synced, ${r.current} already current, ${r.skipped} taken by another process`, ...(failed.length ? [`failed: ${list(failed, 5)}`] : [])],
        ...(failed.length ? { failed: `${failed.length} symbol(s) failed to sync: ${list(failed, 5)}` } : {}),
      };
    });
  }
  const symbols = await activeSymbols(db);
  await step('factor_exposures', async () => {
    const r = await refreshFactorExposures(db, symbols, date, options.exposures);
    if (!r.ok) return { records: 0, notes: [], failed: r.reason };
    return {
      records: r.rowsWritten,
      notes: [`${r.fitted} of ${r.symbols} symbol(s) fitted on ${r.windowStart}..${r.windowEnd}`, ...(r.unfitted.length ? [`not fitted (too few returns): ${list(r.unfitted.map((u) => u.symbol))}`] : [])],
    };
  });
  await step('factor_covariance', async () => {
    const r = await refreshFactorCovariance(db, date);
    if (!r.ok) return { records: 0, notes: [], failed: r.reason };
    return { records: r.rowsWritten, notes: [`${r.factors} factors over ${r.observations} returns, ${r.firstReturnDate}..${r.lastReturnDate}`, ...(r.missing.length ? [`missing: ${r.missing.join(', ')}`] : [])] };
  });
  await step('symbol_daily_metrics', async () => {
    const r = await refreshSymbolDailyMetrics(db, symbols, date);
    return { records: r.rowsWritten, notes: r.withoutPrice.length ? [`no price on ${date}: ${list(r.withoutPrice)}`] : [] };
  });

  const failed = steps.filter((s) => s.status === 'failed');
  const status = failed.length > 0 ? 'failed' : 'completed';
  await finishBatchJob(db, batchJobId, {
    failed: failed.length > 0,
    error: failed.length > 0 ? failed.map((s) => `${s.step}: ${s.error}`).join('; ') : null,
    metadata: { date, symbols: symbols.length, steps: steps.map((s) => ({ step: s.step, status: s.status, records: s.records, seconds: s.seconds })) },
  });
  return { date, batchJobId, status, symbols: symbols.length, steps };
}
