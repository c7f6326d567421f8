/**
 * Portfolio factor exposures and the factor risk decomposition of a linear factor model
 * r_u = beta_u' f + e_u (underlying u's return on factor returns f, with independent residual e_u).
 *
 * Exposures are delta-adjusted dollars: a stock contributes its market value, an option its delta
 * dollars (delta x qty x multiplier x S, see option-positions.ts), so options count through their
 * underlying's betas. With portfolio value V, a position's weight is w_i = deltaDollars_i / V and the
 * portfolio beta on factor k is sum_i w_i beta_{u(i),k}; the dollar exposure is sum_i deltaDollars_i
 * beta_{u(i),k} = V x beta_k. Covariances are per period (e.g. daily) and results carry the same
 * period; nothing is annualized here.
 */
import { AnalyticsError } from './analytics-error.js';
import { createMatrix, multiplyVector, type Matrix } from './linear-algebra.js';
import type { FactorModelExposure } from './value-at-risk.js';

/** A position's delta-adjusted dollar exposure to its underlying. */
export interface ExposureInput {
  id: string;
  underlying: string;
  /** Stock: signed market value; option: delta x qty x multiplier x spot. */
  deltaDollars: number;
}

/** Factor betas by underlying, in the order of `factors`. */
export interface FactorBetas {
  factors: readonly string[];
  betas: Readonly<Record<string, ArrayLike<number>>>;
}

/** Output of {@link portfolioFactorExposures}. */
export interface PortfolioFactorExposures {
  factors: string[];
  portfolioValue: number;
  /** Dollar exposure per factor: sum_i deltaDollars_i beta_{u(i),k}. */
  dollarExposures: Float64Array;
  /** Portfolio beta per factor: dollarExposures / portfolioValue = sum_i w_i beta_{u(i),k}. */
  betas: Float64Array;
  byPosition: { id: string; underlying: string; deltaDollars: number; weight: number; dollarExposures: Float64Array }[];
}

function betasFor(model: FactorBetas, underlying: string, id: string): ArrayLike<number> {
  const b = model.betas[underlying];
  if (b === undefined) {
    throw new AnalyticsError('INSUFFICIENT_DATA', `${id}: no factor betas for ${underlying}`, `betas.${underlying}`);
  }
  if (b.length !== model.factors.length) {
    throw new AnalyticsError('LENGTH_MISMATCH', `${underlying}: ${b.length} betas for ${model.factors.length} factors`, `betas.${underlying}`);
  }
  for (let k = 0; k < b.length; k++) {
    if (!Number.isFinite(b[k])) throw new AnalyticsError('INVALID_ARGUMENT', `${underlying}: beta ${model.factors[k]} is not finite`, `betas.${underlying}`);
  }
  return b;
}

/**
 * Portfolio factor betas and dollar exposures, options included through their delta dollars.
 * beta_k = sum_i (deltaDollars_i / V) beta_{u(i),k}; dollarExposure_k = V beta_k. Throws
 * INSUFFICIENT_DATA naming the underlying when its betas are missing (never treated as zero).
 *
 * @example
 * portfolioFactorExposures([{ id: 'a', underlying: 'AAPL', deltaDollars: 60_000 }, { id: 'c', underlying: 'AAPL', deltaDollars: 12_736 }],
 *   { factors: ['Market'], betas: { AAPL: [1.2] } }, 100_000)
 * // betas [0.8728], dollarExposures [87,283.2]
 */
export function portfolioFactorExposures(positions: readonly ExposureInput[], model: FactorBetas, portfolioValue: number): PortfolioFactorExposures {
  if (!(Number.isFinite(portfolioValue) && portfolioValue > 0)) {
    throw new AnalyticsError('INVALID_ARGUMENT', `portfolioValue must be positive, got ${portfolioValue}`, 'portfolioValue');
  }
  const k = model.factors.length;
  const dollars = new Float64Array(k);
  const byPosition = positions.map((p) => {
    if (!Number.isFinite(p.deltaDollars)) throw new AnalyticsError('INVALID_ARGUMENT', `${p.id}: deltaDollars is not finite`, 'deltaDollars');
    const b = betasFor(model, p.underlying, p.id);
    const d = new Float64Array(k);
    for (let j = 0; j < k; j++) {
      d[j] = p.deltaDollars * b[j];
      dollars[j] += d[j];
    }
    return { id: p.id, underlying: p.underlying, deltaDollars: p.deltaDollars, weight: p.deltaDollars / portfolioValue, dollarExposures: d };
  });
  return {
    factors: [...model.factors],
    portfolioValue,
    dollarExposures: dollars,
    betas: Float64Array.from(dollars, (x) => x / portfolioValue),
    byPosition,
  };
}

/**
 * Specific (idiosyncratic) variance of the portfolio: sum_u X_u^2 sigma_u^2, where X_u is the net
 * delta-dollar exposure to underlying u (positions on one underlying share its residual) and
 * sigma_u^2 its residual variance per period. Units: dollars^2 per period. Throws INSUFFICIENT_DATA
 * for an underlying without a residual variance.
 * @example portfolioSpecificVariance([{ id: 'a', underlying: 'X', deltaDollars: 1000 }], { X: 1e-4 }) // 100
 */
export function portfolioSpecificVariance(positions: readonly ExposureInput[], residualVariance: Readonly<Record<string, number>>): number {
  const net = new Map<string, number>();
  for (const p of positions) net.set(p.underlying, (net.get(p.underlying) ?? 0) + p.deltaDollars);
  let total = 0;
  for (const [u, x] of net) {
    const v = residualVariance[u];
    if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0)) {
      throw new AnalyticsError('INSUFFICIENT_DATA', `no residual variance for ${u}`, `residualVariance.${u}`);
    }
    total += x * x * v;
  }
  return total;
}

/** Output of {@link factorRiskDecomposition}; variances in (exposure units)^2 per covariance period. */
export interface FactorRiskDecomposition {
  factors: string[];
  /** b' Sigma b. */
  factorVariance: number;
  specificVariance: number;
  /** factorVariance + specificVariance. */
  totalVariance: number;
  /** sqrt(totalVariance). */
  totalVolatility: number;
  /** b_k (Sigma b)_k; these plus specificVariance sum to totalVariance. Can be negative (hedges). */
  contributions: Float64Array;
  /** contributions / totalVariance. */
  percentOfVariance: Float64Array;
  specificPercent: number;
  /** d totalVolatility / d b_k = (Sigma b)_k / totalVolatility. */
  marginal: Float64Array;
  /** b_k x marginal_k = contributions / totalVolatility; plus specificVariance / totalVolatility sums to totalVolatility. */
  componentVolatility: Float64Array;
}

/**
 * Factor variance decomposition: total = b' Sigma b + specific, with factor k's contribution
 * b_k (Sigma b)_k (Euler allocation of the quadratic form), its share of the total, its marginal
 * volatility (Sigma b)_k / sigma and component volatility b_k (Sigma b)_k / sigma. b are factor
 * exposures (dollars from {@link portfolioFactorExposures}, or betas for return units); Sigma is the
 * factor covariance per period; specificVariance in the same units (see
 * {@link portfolioSpecificVariance}). Throws INVALID_ARGUMENT if the total variance is not positive.
 *
 * @example
 * factorRiskDecomposition([1e6, -2e5], createMatrix(2, 2, [1e-4, 2e-5, 2e-5, 4e-5]), 2.5e7)
 * // factorVariance = 1e8 - 8e6 + 1.6e6 = 9.36e7; contributions [9.6e7, -2.4e6]; totalVariance 1.186e8
 */
export function factorRiskDecomposition(
  exposures: ArrayLike<number>,
  covariance: Matrix,
  specificVariance = 0,
  factors?: readonly string[],
): FactorRiskDecomposition {
  const k = exposures.length;
  if (covariance.rows !== k || covariance.cols !== k) {
    throw new AnalyticsError('LENGTH_MISMATCH', `covariance is ${covariance.rows}x${covariance.cols}, expected ${k}x${k}`, 'covariance');
  }
  if (factors !== undefined && factors.length !== k) {
    throw new AnalyticsError('LENGTH_MISMATCH', `${factors.length} factor names for ${k} exposures`, 'factors');
  }
  for (let i = 0; i < k; i++) {
    if (!Number.isFinite(exposures[i])) throw new AnalyticsError('INVALID_ARGUMENT', `exposure ${i} is not finite`, 'exposures');
  }
  if (!(Number.isFinite(specificVariance) && specificVariance >= 0)) {
    throw new AnalyticsError('INVALID_ARGUMENT', `specificVariance must be >= 0, got ${specificVariance}`, 'specificVariance');
  }
  const sb = multiplyVector(covariance, exposures);
  const contributions = new Float64Array(k);
  let fv = 0;
  for (let i = 0; i < k; i++) {
    contributions[i] = exposures[i] * sb[i];
    fv += contributions[i];
  }
  const total = fv + specificVariance;
  if (!(total > 0)) throw new AnalyticsError('INVALID_ARGUMENT', `total variance must be positive, got ${total}`, 'covariance');
  const sigma = Math.sqrt(total);
  return {
    factors: factors ? [...factors] : Array.from({ length: k }, (_, i) => `factor${i + 1}`),
    factorVariance: fv,
    specificVariance,
    totalVariance: total,
    totalVolatility: sigma,
    contributions,
    percentOfVariance: Float64Array.from(contributions, (c) => c / total),
    specificPercent: specificVariance / total,
    marginal: Float64Array.from(sb, (x) => x / sigma),
    componentVolatility: Float64Array.from(contributions, (c) => c / sigma),
  };
}

/**
 * Covariance of asset returns implied by the factor model: B Sigma B' + diag(specific), with B the
 * n x k loadings (row i = asset i's betas). Feed it to value-at-risk.ts `componentVar` for
 * position-level Euler VaR.
 * @example factorModelCovariance(createMatrix(2, 1, [1, 0.5]), createMatrix(1, 1, [1e-4]), [1e-5, 2e-5]).data
 * // [1.1e-4, 5e-5, 5e-5, 4.5e-5]
 */
export function factorModelCovariance(loadings: Matrix, factorCovariance: Matrix, specificVariances: ArrayLike<number>): Matrix {
  const n = loadings.rows, k = loadings.cols;
  if (factorCovariance.rows !== k || factorCovariance.cols !== k) {
    throw new AnalyticsError('LENGTH_MISMATCH', `factor covariance is ${factorCovariance.rows}x${factorCovariance.cols}, expected ${k}x${k}`, 'factorCovariance');
  }
  if (specificVariances.length !== n) {
    throw new AnalyticsError('LENGTH_MISMATCH', `${specificVariances.length} specific variances for ${n} assets`, 'specificVariances');
  }
  const out = createMatrix(n, n);
  const B = loadings.data, F = factorCovariance.data;
  const bf = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    for (let b = 0; b < k; b++) {
      let s = 0;
      for (let a = 0; a < k; a++) s += B[i * k + a] * F[a * k + b];
      bf[b] = s;
    }
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let b = 0; b < k; b++) s += bf[b] * B[j * k + b];
      out.data[i * n + j] = s;
      out.data[j * n + i] = s;
    }
    out.data[i * n + i] += specificVariances[i];
  }
  return out;
}

/**
 * Groups positions by underlying into the inputs of value-at-risk.ts `monteCarloVar`: net delta
 * dollars, summed dollar gamma per 1% (from option-positions.ts), the underlying's betas and residual
 * variance. Underlyings appear in first-seen order.
 * @example monteCarloVar({ factorCovariance, portfolioValue, exposures: factorModelExposures(risks, model, residuals) })
 */
export function factorModelExposures(
  positions: readonly (ExposureInput & { gammaDollarsPer1Pct?: number })[],
  model: FactorBetas,
  residualVariance: Readonly<Record<string, number>>,
): FactorModelExposure[] {
  const by = new Map<string, FactorModelExposure & { gammaDollarsPer1Pct: number }>();
  for (const p of positions) {
    let e = by.get(p.underlying);
    if (!e) {
      const v = residualVariance[p.underlying];
      if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0)) {
        throw new AnalyticsError('INSUFFICIENT_DATA', `no residual variance for ${p.underlying}`, `residualVariance.${p.underlying}`);
      }
      e = { id: p.underlying, betas: betasFor(model, p.underlying, p.id), specificVariance: v, deltaDollars: 0, gammaDollarsPer1Pct: 0 };
      by.set(p.underlying, e);
    }
    e.deltaDollars += p.deltaDollars;
    e.gammaDollarsPer1Pct += p.gammaDollarsPer1Pct ?? 0;
  }
  return [...by.values()];
}
