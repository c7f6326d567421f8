import type { Transaction } from 'kysely';
import type { DB, IsoDate } from '../db/schema.js';
import { adjustedCloses } from './adjusted-prices.repository.js';
import { loadFactorProxies, upsertSymbolFactorExposures } from './factor-exposures.repository.js';
import { fitSymbolFactorBetas, type BetaFitOptions, type SymbolBetaFailure, type SymbolBetaFit } from './symbol-betas.js';

/** What fitting one symbol's betas did: the fit (or why not) and the rows written. */
export type SymbolBetaResult = (SymbolBetaFit & { rowsWritten: number }) | SymbolBetaFailure;

/**
 * Fits each symbol's factor betas on the adjusted closes stored in market_data_cache over
 * [from, to] (multi-factor OLS with intercept on simple returns against every factor ETF with
 * enough prices; see symbol-betas.ts) and upserts them into symbol_factor_exposures as
 * 'ols_multifactor' rows with `windowDays`, then sets symbol_universe.last_factor_date. Run it in
 * the caller's transaction. Used by onboarding (one symbol) and the demo seed (all demo stocks).
 */
export async function refreshSymbolBetas(
  db: Transaction<DB>,
  symbols: readonly string[],
  window: { from: IsoDate; to: IsoDate; windowDays: number } & BetaFitOptions,
): Promise<Map<string, SymbolBetaResult>> {
  const out = new Map<string, SymbolBetaResult>();
  if (symbols.length === 0) return out;
  const proxies = await loadFactorProxies(db);
  const series = await adjustedCloses(db, [...symbols, ...proxies.map((p) => p.etf)], window.from, window.to);
  for (const symbol of symbols) {
    const fit = fitSymbolFactorBetas(
      series.get(symbol) ?? { dates: [], values: [] },
      proxies.map((proxy) => ({ proxy, prices: series.get(proxy.etf) })),
      { minObservations: window.minObservations, minCoverage: window.minCoverage },
    );
    if (!fit.ok) {
      out.set(symbol, fit);
      continue;
    }
    const rowsWritten = await upsertSymbolFactorExposures(
      db,
      fit.betas.map((b) => ({
        symbol, factorId: b.factorId, calculationDate: fit.calculationDate, beta: b.beta, stdError: b.stdError, tStat: b.tStat,
        rSquared: fit.rSquared, observations: fit.observations, windowDays: window.windowDays, method: 'ols_multifactor' as const,
      })),
    );
    await db.updateTable('symbol_universe').set({ last_factor_date: fit.calculationDate, updated_at: new Date() }).where('symbol', '=', symbol).execute();
    out.set(symbol, { ...fit, rowsWritten });
  }
  return out;
}
