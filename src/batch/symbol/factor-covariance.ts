/**
 * Symbol batch, factor covariance: the covariance and correlation of the factor ETFs' daily returns
 * for a trading day D, sample and EWMA, stored in factor_covariance. Factor risk contributions and
 * the correlated stress tests of every portfolio read them; nothing recomputes them per portfolio.
 *
 * Conventions:
 * - Returns: simple daily returns r_t = P_t / P_{t-1} - 1 of adjusted closes, on the dates all the
 *   factor ETFs share (inner join, no filling), the last `lookbackDays` of them ending on or before D.
 * - Sample: cov_ij = sum_t (r_it - mean_i)(r_jt - mean_j) / (n - 1); decay_lambda stored as 1.
 * - EWMA (RiskMetrics, zero mean): S_t = lambda S_{t-1} + (1 - lambda) r_t r_t', seeded with
 *   S_0 = r_0 r_0' on the first return of the window; decay_lambda = lambda (default 0.94).
 * - Units: per day (not annualized; x 252 for annual). correlation = cov_ij / sqrt(cov_ii cov_jj).
 * - One row per unordered pair with factor1_id <= factor2_id (uuid order), diagonal included.
 */
import type { Kysely } from 'kysely';
import { covarianceMatrix, ewmaCovariance } from '../../analytics/covariance.js';
import { alignedReturns } from '../../analytics/returns.js';
import type { Matrix } from '../../analytics/linear-algebra.js';
import type { DB, IsoDate } from '../../db/schema.js';
import { adjustedCloses } from '../../market-data/adjusted-prices.repository.js';
import { loadFactorProxies } from '../../market-data/factor-exposures.repository.js';
import { addDays } from '../../market-data/trading-calendar.js';
import { replaceFactorCovariance, type FactorCovarianceRow } from './factor-covariance.repository.js';

/** Returns in the window by default: one year of trading days. */
export const DEFAULT_COVARIANCE_LOOKBACK = 252;
/** Fewest common returns a covariance is computed from. */
export const MIN_COVARIANCE_OBSERVATIONS = 60;
/** RiskMetrics' daily decay. */
export const DEFAULT_EWMA_LAMBDA = 0.94;

/** One factor's daily returns over the window. */
export interface FactorReturnColumn {
  factorId: string;
  returns: ArrayLike<number>;
}

/**
 * The factor_covariance rows of one estimate (see the module comment) from return columns of equal
 * length: the sample estimate when `lambda` is 1, the EWMA one otherwise.
 *
 * @example
 * factorCovarianceRows([{ factorId: a, returns: spy }, { factorId: b, returns: tlt }], { lookbackDays: 252, lambda: 1 });
 * // 3 rows: (a,a), (a,b), (b,b) with covariance, correlation and observations
 */
export function factorCovarianceRows(columns: readonly FactorReturnColumn[], o: { lookbackDays: number; lambda: number }): FactorCovarianceRow[] {
  const sorted = [...columns].sort((x, y) => (x.factorId < y.factorId ? -1 : x.factorId > y.factorId ? 1 : 0));
  const series = sorted.map((c) => c.returns);
  const m: Matrix = o.lambda === 1 ? covarianceMatrix(series) : ewmaCovariance(series, { lambda: o.lambda });
  const k = sorted.length;
  const observations = sorted[0]?.returns.length ?? 0;
  const rows: FactorCovarianceRow[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const cov = m.data[i * k + j];
      const denom = Math.sqrt(m.data[i * k + i] * m.data[j * k + j]);
      const correlation = i === j ? 1 : denom > 0 ? Math.max(-1, Math.min(1, cov / denom)) : 0;
      rows.push({ factor1Id: sorted[i].factorId, factor2Id: sorted[j].factorId, covariance: cov, correlation, lookbackDays: o.lookbackDays, decayLambda: o.lambda, observations });
    }
  }
  return rows;
}

/** What {@link refreshFactorCovariance} did for a date. */
export type FactorCovarianceOutcome =
  | { ok: true; date: IsoDate; factors: number; observations: number; firstReturnDate: IsoDate; lastReturnDate: IsoDate; rowsWritten: number; missing: string[] }
  | { ok: false; date: IsoDate; reason: string };

/**
 * Computes and stores the sample and EWMA factor covariance for `date` from the factor ETFs'
 * adjusted closes in market_data_cache (see the module comment), replacing the rows of that date
 * and lookback in one transaction. Factors whose ETF has no price in the window are left out and
 * named in `missing`; fewer than {@link MIN_COVARIANCE_OBSERVATIONS} common returns stores nothing.
 */
export async function refreshFactorCovariance(
  db: Kysely<DB>,
  date: IsoDate,
  options: { lookbackDays?: number; lambda?: number } = {},
): Promise<FactorCovarianceOutcome> {
  const lookbackDays = options.lookbackDays ?? DEFAULT_COVARIANCE_LOOKBACK;
  const lambda = options.lambda ?? DEFAULT_EWMA_LAMBDA;
  const proxies = await loadFactorProxies(db);
  // Calendar days enough for lookbackDays + 1 sessions, with room for holidays.
  const from = addDays(date, -Math.ceil(lookbackDays * 1.5) - 14);
  const prices = await adjustedCloses(db, proxies.map((p) => p.etf), from, date);
  const present = proxies.filter((p) => (prices.get(p.etf)?.dates.length ?? 0) >= 2);
  const missing = proxies.filter((p) => !present.includes(p)).map((p) => `${p.name} (${p.etf})`);
  if (present.length < 2) return { ok: false, date, reason: `factor ETFs with prices up to ${date}: ${present.length}; a covariance needs 2 (missing ${missing.join(', ')})` };
  const aligned = alignedReturns(present.map((p) => prices.get(p.etf)!));
  if (aligned.dates.at(-1) !== date) {
    return { ok: false, date, reason: `the factor ETFs' common prices end on ${aligned.dates.at(-1)}, not ${date}: their covariance for ${date} would be stale` };
  }
  const n = Math.min(lookbackDays, aligned.dates.length);
  if (n < MIN_COVARIANCE_OBSERVATIONS) {
    return { ok: false, date, reason: `${aligned.dates.length} common daily returns of the factor ETFs up to ${date}; at least ${MIN_COVARIANCE_OBSERVATIONS} needed` };
  }
  const start = aligned.dates.length - n;
  const columns = present.map((p, j) => ({ factorId: p.factorId, returns: aligned.values[j].subarray(start) }));
  const rows = [...factorCovarianceRows(columns, { lookbackDays, lambda: 1 }), ...factorCovarianceRows(columns, { lookbackDays, lambda })];
  const rowsWritten = await db.transaction().execute((trx) => replaceFactorCovariance(trx, date, lookbackDays, rows));
  return { ok: true, date, factors: present.length, observations: n, firstReturnDate: aligned.dates[start], lastReturnDate: aligned.dates.at(-1)!, rowsWritten, missing };
}
