/**
 * A symbol's factor betas from prices: multi-factor OLS with intercept of the symbol's simple
 * returns on the factor ETFs' simple returns, on the dates every series has (inner join, nothing
 * filled). Pure; the fit itself is src/analytics/regression.ts.
 *
 * Which factors enter: a factor whose ETF has prices on at least `minCoverage` of the symbol's dates.
 * A factor ETF with no or too little data is left out (and reported), so one late-listed ETF does
 * not cut every symbol's sample short.
 */
import { ols } from '../analytics/regression.js';
import { alignSeries, simpleReturns, type DatedSeries } from '../analytics/returns.js';
import type { IsoDate } from '../db/schema.js';

/** A factor and the ETF whose returns stand for it. */
export interface FactorProxy {
  factorId: string;
  /** factor_definitions.name, e.g. 'market'. */
  name: string;
  /** The ETF symbol, e.g. 'SPY'. */
  etf: string;
}

/** One factor's fitted coefficient. */
export interface FittedFactorBeta extends FactorProxy {
  beta: number;
  /** Classical standard error; null when not finite (an exact fit). */
  stdError: number | null;
  /** beta / stdError; null when not finite. */
  tStat: number | null;
}

/** A successful fit. */
export interface SymbolBetaFit {
  ok: true;
  /** The last return date used. */
  calculationDate: IsoDate;
  /** Returns used (rows of the regression). */
  observations: number;
  rSquared: number;
  betas: FittedFactorBeta[];
  /** Factors left out for lack of ETF prices. */
  missing: FactorProxy[];
}

/** Why no betas could be computed. */
export interface SymbolBetaFailure {
  ok: false;
  reason: string;
  missing: FactorProxy[];
}

/** Fit settings. */
export interface BetaFitOptions {
  /** Fewest returns for a fit. Default 60. */
  minObservations?: number;
  /** Share of the symbol's dates a factor ETF must have prices for to be used. Default 0.9. */
  minCoverage?: number;
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * Fits y = a + sum_k b_k f_k + e on simple returns of `symbolPrices` and of each usable factor ETF's
 * prices (`factors[k].prices`, undefined when the ETF has none). See the module comment for which
 * factors are used. Returns the betas in factor order with standard errors, t-stats and R^2, or why
 * not (no usable factor, too few common dates, collinear factors, constant prices).
 */
export function fitSymbolFactorBetas(
  symbolPrices: DatedSeries,
  factors: readonly { proxy: FactorProxy; prices: DatedSeries | undefined }[],
  options: BetaFitOptions = {},
): SymbolBetaFit | SymbolBetaFailure {
  const minObservations = options.minObservations ?? 60;
  const minCoverage = options.minCoverage ?? 0.9;
  const symbolDates = symbolPrices.dates.length;
  const used: { proxy: FactorProxy; prices: DatedSeries }[] = [];
  const missing: FactorProxy[] = [];
  for (const f of factors) {
    if (!f.prices || f.prices.dates.length === 0 || symbolDates === 0) {
      missing.push(f.proxy);
      continue;
    }
    const have = new Set(f.prices.dates);
    let common = 0;
    for (const d of symbolPrices.dates) if (have.has(d)) common++;
    if (common < minCoverage * symbolDates) missing.push(f.proxy);
    else used.push({ proxy: f.proxy, prices: f.prices });
  }
  if (used.length === 0) {
    const list = missing.map((m) => m.etf).join(', ') || 'none defined';
    return { ok: false, reason: `no factor ETF prices cover the window (${list})`, missing };
  }
  const aligned = alignSeries([symbolPrices, ...used.map((u) => u.prices)]);
  const n = aligned.dates.length - 1;
  if (n < minObservations) {
    return { ok: false, reason: `${Math.max(n, 0)} common daily returns with the factor ETFs; at least ${minObservations} are needed`, missing };
  }
  const [y, ...xs] = aligned.values.map((p) => simpleReturns(p));
  const fit = ols(y, xs, { minObservations });
  if (!fit.ok) {
    const message = fit.message.replace(/factor (\d+)/g, (_, j: string) => `${used[Number(j)]?.proxy.etf ?? `factor ${j}`}`);
    return { ok: false, reason: `factor regression failed (${fit.reason}): ${message}`, missing };
  }
  return {
    ok: true,
    calculationDate: aligned.dates[aligned.dates.length - 1],
    observations: fit.n,
    rSquared: Math.min(1, Math.max(0, fit.rSquared)),
    betas: used.map((u, k) => ({
      ...u.proxy,
      beta: fit.coefficients[k + 1],
      stdError: finiteOrNull(fit.standardErrors[k + 1]),
      tStat: finiteOrNull(fit.tStats[k + 1]),
    })),
    missing,
  };
}
