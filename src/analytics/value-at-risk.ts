/**
 * Value at Risk (VaR) and Expected Shortfall (ES, also CVaR): historical, Gaussian, modified
 * (Cornish-Fisher), Monte Carlo from a factor model, and Euler component / marginal VaR.
 *
 * Sign convention (the PerformanceAnalytics default `invert = TRUE` and the project's oracles):
 * `valueAtRisk` and `expectedShortfall` are the alpha = 1 - confidence quantile and tail mean of the
 * RETURN distribution over the horizon, so losses are negative numbers (-0.0258 = a 2.58% loss).
 * When a portfolio value V is given, `varLoss` = -valueAtRisk x V and `esLoss` = -expectedShortfall x V
 * are the same figures as positive dollar losses. Every result carries its method, confidence and
 * horizon.
 *
 * Horizon (`horizon`, in periods of the input series: days for daily returns, default 1):
 * - historical: the empirical distribution of overlapping compounded h-period returns,
 *   prod(1 + r_t..r_{t+h-1}) - 1 for every start t (n - h + 1 windows); no sqrt-time scaling.
 * - gaussian, modified: iid aggregation of the one-period cumulants: mean x h, sd x sqrt(h),
 *   skewness / sqrt(h), excess kurtosis / h (so gaussian is the usual sqrt-time rule).
 * - monte carlo: factor and specific shocks drawn with h-period covariance h x Sigma.
 */
import { AnalyticsError } from './analytics-error.js';
import { cholesky, createMatrix, multiplyVector, type Matrix } from './linear-algebra.js';
import { createRng, normalDrawsByColumn } from './random.js';
import {
  excessKurtosis,
  mean,
  normalInv,
  normalPdf,
  populationSd,
  quantileSorted,
  requireFinite,
  skewness,
  type Series,
} from './statistics.js';

/** VaR estimation method, as portfolio_var_results.method and portfolio_snapshots.var_method store it. */
export type VarMethod = 'historical' | 'gaussian' | 'modified' | 'monte_carlo';

/** Options shared by the VaR functions. */
export interface VarOptions {
  /** Confidence level in (0.5, 1), e.g. 0.95 or 0.99. Default 0.95. */
  confidence?: number;
  /** Horizon in periods of the input (days for daily data), integer >= 1. Default 1. */
  horizon?: number;
  /** Portfolio value in dollars; when given, results also carry positive dollar losses. */
  portfolioValue?: number;
}

/** A VaR / ES estimate. Returns are over `horizon` periods; negative = loss. */
export interface VarResult {
  method: VarMethod;
  confidence: number;
  horizon: number;
  /** The (1 - confidence) quantile of the horizon return (negative = loss). */
  valueAtRisk: number;
  /** Mean horizon return in the tail at or below the quantile (negative = loss). */
  expectedShortfall: number;
  /** -valueAtRisk x portfolioValue (positive = loss), when portfolioValue was given. */
  varLoss?: number;
  /** -expectedShortfall x portfolioValue (positive = loss), when portfolioValue was given. */
  esLoss?: number;
  /** Observations (historical: h-period windows; parametric: input returns) or simulations. */
  sampleSize: number;
}

interface ResolvedOptions {
  confidence: number;
  horizon: number;
  portfolioValue: number | undefined;
}

function resolve(options: VarOptions): ResolvedOptions {
  const confidence = options.confidence ?? 0.95;
  const horizon = options.horizon ?? 1;
  if (!(confidence > 0.5 && confidence < 1)) {
    throw new AnalyticsError('INVALID_ARGUMENT', `confidence must be in (0.5, 1), got ${confidence}`, 'confidence');
  }
  if (!(Number.isInteger(horizon) && horizon >= 1)) {
    throw new AnalyticsError('INVALID_ARGUMENT', `horizon must be an integer >= 1 period, got ${horizon}`, 'horizon');
  }
  const pv = options.portfolioValue;
  if (pv !== undefined && !(Number.isFinite(pv) && pv > 0)) {
    throw new AnalyticsError('INVALID_ARGUMENT', `portfolioValue must be a positive finite number, got ${pv}`, 'portfolioValue');
  }
  return { confidence, horizon, portfolioValue: pv };
}

function result(method: VarMethod, o: ResolvedOptions, v: number, es: number, sampleSize: number): VarResult {
  const r: VarResult = { method, confidence: o.confidence, horizon: o.horizon, valueAtRisk: v, expectedShortfall: es, sampleSize };
  if (o.portfolioValue !== undefined) {
    r.varLoss = -v * o.portfolioValue;
    r.esLoss = -es * o.portfolioValue;
  }
  return r;
}

/**
 * Overlapping compounded h-period returns: out[t] = prod_{j<h}(1 + r[t+j]) - 1, t = 0..n-h.
 * @example overlappingReturns([0.1, -0.1, 0.1], 2) // [-0.01, -0.01]
 */
export function overlappingReturns(returns: Series, horizon: number): Float64Array {
  if (!(Number.isInteger(horizon) && horizon >= 1)) {
    throw new AnalyticsError('INVALID_ARGUMENT', `horizon must be an integer >= 1, got ${horizon}`, 'horizon');
  }
  requireFinite(returns, horizon, 'returns');
  const n = returns.length - horizon + 1;
  const out = new Float64Array(n);
  // Sum of log(1 + r) over a sliding window is cheaper but loses accuracy; h is small, so multiply.
  for (let t = 0; t < n; t++) {
    let g = 1;
    for (let j = 0; j < horizon; j++) g *= 1 + returns[t + j];
    out[t] = g - 1;
  }
  return out;
}

/**
 * Historical VaR and ES: VaR is the type-7 quantile (R's default, linear interpolation between
 * order statistics) of returns at alpha = 1 - confidence; ES is the mean of the returns at or below
 * that quantile. This is PerformanceAnalytics `VaR(method = "historical")` and
 * `ES(method = "historical")`. With horizon h > 1 both are taken on the overlapping compounded
 * h-period returns (see {@link overlappingReturns}). Needs at least 2 (h-period) returns.
 *
 * @example
 * historicalVar(ham1Returns, { confidence: 0.95 })
 * // { method: 'historical', confidence: 0.95, horizon: 1, valueAtRisk: -0.02582, expectedShortfall: -0.0512571429, sampleSize: 132 }
 */
export function historicalVar(returns: Series, options: VarOptions = {}): VarResult {
  const o = resolve(options);
  requireFinite(returns, o.horizon + 1, 'returns');
  const sample = o.horizon === 1 ? Float64Array.from(returns as ArrayLike<number>) : overlappingReturns(returns, o.horizon);
  sample.sort();
  const alpha = 1 - o.confidence;
  const v = quantileSorted(sample, alpha);
  let s = 0, k = 0;
  for (let i = 0; i < sample.length && sample[i] <= v; i++) {
    s += sample[i];
    k++;
  }
  // k >= 1 always: the type-7 quantile is >= the smallest observation.
  return result('historical', o, v, s / k, sample.length);
}

/**
 * Gaussian (parametric normal) VaR and ES, PerformanceAnalytics `method = "gaussian"` convention:
 * mu and sigma are the sample mean and the POPULATION standard deviation (divisor n) of the
 * one-period returns; over h periods mu_h = h mu, sigma_h = sqrt(h) sigma; with z = Phi^{-1}(alpha),
 * VaR = mu_h + z sigma_h and ES = mu_h - sigma_h phi(z) / alpha. Needs at least 2 returns.
 *
 * @example gaussianVar(ham1Returns).valueAtRisk // -0.0308729270 (PA VaR.Gaussian, HAM1, 95%)
 */
export function gaussianVar(returns: Series, options: VarOptions = {}): VarResult {
  const o = resolve(options);
  requireFinite(returns, 2, 'returns');
  const alpha = 1 - o.confidence;
  const z = normalInv(alpha);
  const mu = mean(returns) * o.horizon;
  const sigma = populationSd(returns) * Math.sqrt(o.horizon);
  return result('gaussian', o, mu + z * sigma, mu - (sigma * normalPdf(z)) / alpha, returns.length);
}

/**
 * The Cornish-Fisher quantile of a standardized distribution with skewness s and excess kurtosis k:
 * z_cf = z + (z^2 - 1) s / 6 + (z^3 - 3z) k / 24 - (2 z^3 - 5z) s^2 / 36, z = Phi^{-1}(alpha).
 * @example cornishFisherQuantile(0.05, 0, 0) // -1.6448536269514726 (normal)
 */
export function cornishFisherQuantile(alpha: number, skew: number, exKurt: number): number {
  const z = normalInv(alpha);
  return z + ((z * z - 1) * skew) / 6 + ((z * z * z - 3 * z) * exKurt) / 24 - ((2 * z * z * z - 5 * z) * skew * skew) / 36;
}

/**
 * Modified (Cornish-Fisher) VaR and ES as PerformanceAnalytics computes them (`VaR(method =
 * "modified")`, `ES(method = "modified")` with its default `operational = TRUE`, Boudt, Peterson and
 * Croux 2008):
 * - moments: mu the mean, m2 the population variance, skewness s = m3 / m2^1.5 and excess kurtosis
 *   k = m4 / m2^2 - 3 from population central moments (statistics.ts `skewness`, `excessKurtosis`);
 * - VaR = mu + z_cf sqrt(m2), with z_cf from {@link cornishFisherQuantile};
 * - ES: E = phi(z_cf) [1 + z_cf^3 s / 6 + (z_cf^6 - 9 z_cf^4 + 9 z_cf^2 + 3) s^2 / 72
 *   + (z_cf^4 - 2 z_cf^2 - 1) k / 24] / alpha, and ES = mu + sqrt(m2) min(-E, z_cf) (the "operational"
 *   floor keeps ES at or below VaR).
 * Unlike PerformanceAnalytics, results are not set to NA when "inverse risk" (ES > 0) appears nor capped
 * at -100%; they are returned as computed. Horizon h > 1 scales the cumulants as iid sums (mu h,
 * sd sqrt(h), s / sqrt(h), k / h). Needs at least 2 returns, not all equal.
 *
 * @example modifiedVar(ham1Returns).valueAtRisk // -0.0342295481 (PA VaR(method='modified'), HAM1, 95%)
 */
export function modifiedVar(returns: Series, options: VarOptions = {}): VarResult {
  const o = resolve(options);
  requireFinite(returns, 2, 'returns');
  const alpha = 1 - o.confidence;
  const h = o.horizon;
  const mu = mean(returns) * h;
  const sigma = populationSd(returns) * Math.sqrt(h);
  const s = skewness(returns) / Math.sqrt(h);
  const k = excessKurtosis(returns) / h;
  const zcf = cornishFisherQuantile(alpha, s, k);
  const z2 = zcf * zcf, z4 = z2 * z2;
  const e =
    (normalPdf(zcf) * (1 + (zcf * z2 * s) / 6 + ((z4 * z2 - 9 * z4 + 9 * z2 + 3) * s * s) / 72 + ((z4 - 2 * z2 - 1) * k) / 24)) / alpha;
  return result('modified', o, mu + zcf * sigma, mu + sigma * Math.min(-e, zcf), returns.length);
}

/** One underlying (or position) in the factor model used by {@link monteCarloVar}. */
export interface FactorModelExposure {
  /** Label, for error messages. */
  id: string;
  /** Factor betas of the underlying's return, in the order of the covariance matrix. */
  betas: ArrayLike<number>;
  /** Variance of the underlying's specific (residual) return per period. */
  specificVariance: number;
  /** Delta-adjusted dollar exposure (stock market value plus options' delta dollars). */
  deltaDollars: number;
  /**
   * Options' dollar gamma per 1% (see option-positions.ts): 0.01 Gamma S^2 qty mult, summed over the
   * underlying's options. Adds the second-order term 0.5 Gamma (S r)^2 qty mult = 50 x this x r^2.
   */
  gammaDollarsPer1Pct?: number;
}

/** Inputs to {@link monteCarloVar}. */
export interface MonteCarloVarInput {
  /** Factor return covariance per period (k x k, symmetric positive definite). */
  factorCovariance: Matrix;
  /** Mean factor returns per period (default 0). */
  factorMeans?: ArrayLike<number>;
  exposures: readonly FactorModelExposure[];
  /** Portfolio value (equity) in dollars, > 0: P&L / portfolioValue is the simulated return. */
  portfolioValue: number;
}

/** Options of {@link monteCarloVar}. */
export interface MonteCarloVarOptions extends Omit<VarOptions, 'portfolioValue'> {
  /** Number of scenarios, >= 100. Default 10,000. */
  simulations?: number;
  /** RNG seed (random.ts xoshiro128**); the same seed gives the same result. Default 1. */
  seed?: number;
}

/**
 * Monte Carlo VaR and ES from a linear factor model with a delta-gamma option term.
 *
 * Each scenario draws h-period factor returns f ~ N(h mu_f, h Sigma) (through the Cholesky factor of
 * Sigma) and, per underlying u, an independent specific return e_u ~ N(0, h sigma_u^2); the
 * underlying's return is r_u = beta_u' f + e_u and the scenario P&L is
 * sum_u [deltaDollars_u r_u + 50 gammaDollarsPer1Pct_u r_u^2]. VaR / ES are the type-7 quantile and
 * tail mean of P&L / portfolioValue, as in {@link historicalVar}. Seeded and reproducible: draws are
 * made factor-first, then specific, scenario by scenario. Throws NOT_POSITIVE_DEFINITE if Sigma is not.
 *
 * @example
 * monteCarloVar({ factorCovariance: createMatrix(1, 1, [1e-4]), portfolioValue: 1e6,
 *   exposures: [{ id: 'SPY', betas: [1], specificVariance: 0, deltaDollars: 1e6 }] }, { seed: 7 })
 * // valueAtRisk ~ -0.01645 (1.645 x 1% daily sd)
 */
export function monteCarloVar(input: MonteCarloVarInput, options: MonteCarloVarOptions = {}): VarResult {
  const o = resolve({ ...options, portfolioValue: input.portfolioValue });
  const sims = options.simulations ?? 10_000;
  if (!(Number.isInteger(sims) && sims >= 100)) {
    throw new AnalyticsError('INVALID_ARGUMENT', `simulations must be an integer >= 100, got ${sims}`, 'simulations');
  }
  const seed = options.seed ?? 1;
  const cov = input.factorCovariance;
  const k = cov.rows;
  if (cov.cols !== k) throw new AnalyticsError('INVALID_ARGUMENT', 'factorCovariance must be square', 'factorCovariance');
  const means = input.factorMeans ?? new Float64Array(k);
  if (means.length !== k) throw new AnalyticsError('LENGTH_MISMATCH', `factorMeans has ${means.length} values, expected ${k}`, 'factorMeans');
  requireFinite(means, 0, 'factorMeans');
  const h = o.horizon;
  const L = cholesky(createMatrix(k, k, Float64Array.from(cov.data, (x) => x * h)));
  const m = input.exposures.length;
  const betas = new Float64Array(m * k);
  const specSd = new Float64Array(m);
  const delta = new Float64Array(m);
  const gamma50 = new Float64Array(m);
  input.exposures.forEach((e, u) => {
    if (e.betas.length !== k) {
      throw new AnalyticsError('LENGTH_MISMATCH', `${e.id}: ${e.betas.length} betas for ${k} factors`, `exposures[${u}].betas`);
    }
    requireFinite(e.betas, 0, `exposures[${u}].betas`);
    if (!(e.specificVariance >= 0 && Number.isFinite(e.specificVariance))) {
      throw new AnalyticsError('INVALID_ARGUMENT', `${e.id}: specificVariance must be >= 0`, `exposures[${u}].specificVariance`);
    }
    const g = e.gammaDollarsPer1Pct ?? 0;
    if (!Number.isFinite(e.deltaDollars) || !Number.isFinite(g)) {
      throw new AnalyticsError('INVALID_ARGUMENT', `${e.id}: deltaDollars and gammaDollarsPer1Pct must be finite`, `exposures[${u}]`);
    }
    betas.set(e.betas, u * k);
    specSd[u] = Math.sqrt(e.specificVariance * h);
    delta[u] = e.deltaDollars;
    gamma50[u] = 50 * g;
  });
  const rng = createRng(seed);
  const z = new Float64Array(k);
  const pnl = new Float64Array(sims);
  for (let s = 0; s < sims; s++) {
    rng.fillNormal(z);
    const f = multiplyVector(L, z);
    for (let j = 0; j < k; j++) f[j] += means[j] * h;
    let total = 0;
    for (let u = 0; u < m; u++) {
      let r = 0;
      for (let j = 0; j < k; j++) r += betas[u * k + j] * f[j];
      if (specSd[u] > 0) r += specSd[u] * rng.normal();
      total += delta[u] * r + gamma50[u] * r * r;
    }
    pnl[s] = total / input.portfolioValue;
  }
  pnl.sort();
  const alpha = 1 - o.confidence;
  const v = quantileSorted(pnl, alpha);
  let sum = 0, cnt = 0;
  for (let i = 0; i < sims && pnl[i] <= v; i++) {
    sum += pnl[i];
    cnt++;
  }
  return result('monte_carlo', o, v, sum / cnt, sims);
}

/** Inputs to {@link monteCarloDeltaGammaVar}: a book seen through its underlyings. */
export interface DeltaGammaBook {
  /** Daily return covariance of the underlyings (n x n, positive definite). */
  covariance: Matrix;
  /** Delta dollars per underlying (stock market value plus options' delta dollars). */
  deltaDollars: ArrayLike<number>;
  /** Options' dollar gamma per 1% per underlying (option-positions.ts), default 0. */
  gammaDollarsPer1Pct?: ArrayLike<number>;
  /** Portfolio value (equity) in dollars, > 0. */
  portfolioValue: number;
}

/**
 * Monte Carlo VaR and ES of a book on its underlyings' joint normal returns, delta-gamma, for several
 * confidences and horizons in one pass. Each (confidence, horizon) result equals
 * {@link monteCarloVar} with the underlyings as the factors (identity betas, no specific risk, zero
 * means) and a fresh generator of the same seed, up to rounding (1e-12 relative): the draws z are
 * the same for every horizon, the h-day returns are cholesky(h S) z = sqrt(h) cholesky(S) z, and the
 * scenario P&L is sum_u [deltaDollars_u r_u + 50 gammaDollarsPer1Pct_u r_u^2] / portfolioValue.
 * Sharing the draws (and, across calls, the seed's normal stream: {@link normalDrawsByColumn}) makes it
 * many times cheaper than separate calls. Results are ordered by confidence, then horizon.
 * @example monteCarloDeltaGammaVar(book, { confidences: [0.95, 0.99], horizons: [1, 10] }).length // 4
 */
export function monteCarloDeltaGammaVar(
  book: DeltaGammaBook,
  options: { confidences: readonly number[]; horizons: readonly number[]; simulations?: number; seed?: number },
): VarResult[] {
  const n = book.covariance.rows;
  if (book.covariance.cols !== n) throw new AnalyticsError('INVALID_ARGUMENT', 'covariance must be square', 'covariance');
  if (book.deltaDollars.length !== n) throw new AnalyticsError('LENGTH_MISMATCH', `deltaDollars has ${book.deltaDollars.length} values, expected ${n}`, 'deltaDollars');
  const gamma = book.gammaDollarsPer1Pct ?? new Float64Array(n);
  if (gamma.length !== n) throw new AnalyticsError('LENGTH_MISMATCH', `gammaDollarsPer1Pct has ${gamma.length} values, expected ${n}`, 'gammaDollarsPer1Pct');
  requireFinite(book.deltaDollars, 0, 'deltaDollars');
  requireFinite(gamma, 0, 'gammaDollarsPer1Pct');
  const sims = options.simulations ?? 10_000;
  if (!(Number.isInteger(sims) && sims >= 100)) throw new AnalyticsError('INVALID_ARGUMENT', `simulations must be an integer >= 100, got ${sims}`, 'simulations');
  const resolved = options.confidences.flatMap((confidence) => options.horizons.map((horizon) => resolve({ confidence, horizon, portfolioValue: book.portfolioValue })));
  const pv = book.portfolioValue;
  const horizons = [...new Set(options.horizons)];
  // cholesky(h S) = sqrt(h) cholesky(S): the h-day returns are sqrt(h) r with r = L z, so each draw's
  // P&L is sqrt(h) d'r + h sum_u 50 g_u r_u^2. d'r = (L'd)'z costs n per draw; r_u is formed only
  // for the underlyings that carry gamma.
  const L = cholesky(book.covariance).data;
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) w[j] += book.deltaDollars[i] * L[i * n + j];
  const curved: number[] = [];
  for (let i = 0; i < n; i++) if (gamma[i] !== 0) curved.push(i);
  const g = Float64Array.from(curved, (i) => 50 * gamma[i]);
  const roots = horizons.map((h) => Math.sqrt(h) / pv);
  const scales = horizons.map((h) => h / pv);
  // The draws column by column (z_j over all draws contiguous): each pass below is one long loop the
  // compiler keeps in registers, and every draw's sums are formed in the same order as draw by draw.
  const z = normalDrawsByColumn(options.seed ?? 1, sims, n);
  // Work arrays reused from call to call (a portfolio refresh runs this once per portfolio; fresh
  // arrays of 10,000 draws each were most of the batch's garbage). Nothing of them is returned.
  const linear = scratch(0, sims);
  combine(linear, w, 0, n, z, sims);
  const quadratic = scratch(1, sims);
  quadratic.fill(0);
  const r = scratch(2, sims);
  for (let c = 0; c < curved.length; c++) addSquaredCombination(quadratic, g[c], L, curved[c] * n, curved[c] + 1, z, sims, r);
  const pnl = horizons.map((_, k) => {
    const out = scratch(3 + k, sims), root = roots[k], scale = scales[k];
    for (let s = 0; s < sims; s++) out[s] = root * linear[s] + scale * quadratic[s];
    return out;
  });
  // Only the lower tail is read: the smallest m draws, m past the lowest confidence's quantile, are
  // moved to the front and sorted (the rest are not ordered, but none is below them).
  const m = Math.min(sims, Math.ceil((sims - 1) * (1 - Math.min(...options.confidences))) + 2);
  for (const p of pnl) sortSmallest(p, m);
  return resolved.map((o) => {
    const sorted = pnl[horizons.indexOf(o.horizon)];
    const v = quantileSorted(sorted, 1 - o.confidence);
    let sum = 0, cnt = 0;
    let i = 0;
    for (; i < m && sorted[i] <= v; i++) {
      sum += sorted[i];
      cnt++;
    }
    // Draws tied with the m-th smallest may follow the prefix.
    if (i === m) for (; i < sims; i++) if (sorted[i] <= v) { sum += sorted[i]; cnt++; }
    return result('monte_carlo', o, v, sum / cnt, sims);
  });
}

const scratchArrays: Float64Array[] = [];

/** Work array number `slot` of {@link monteCarloDeltaGammaVar}, `length` long, its values left from the call before (kept between calls; one thread runs one call at a time). */
function scratch(slot: number, length: number): Float64Array {
  let a = scratchArrays[slot];
  if (!a || a.length < length) scratchArrays[slot] = a = new Float64Array(length);
  return a.subarray(0, length);
}

/**
 * out[s] = sum_{j < count} coef[from + j] z[j * sims + s] for every s (0 when count is 0), the terms added in
 * j order to 0 (as a loop over j from out[s] = 0 would, so the sums are the same to the last bit),
 * up to four columns a pass so out is read and written a quarter as often.
 */
function combine(out: Float64Array, coef: ArrayLike<number>, from: number, count: number, z: Float64Array, sims: number): void {
  out.fill(0);
  for (let j = 0; j < count; j += 4) moreColumns(out, coef, from, j, Math.min(count - j, 4), z, sims);
}

/**
 * quadratic[s] += g (sum_{j < count} coef[from + j] z[j * sims + s])^2 for every s, the sum formed as
 * {@link combine} forms it; the last (up to four) columns are added in the same pass as the square,
 * so the full sum is never stored. `work` holds the partial sums of the columns before them.
 * `count` is at least 1 (an underlying's row of the Cholesky factor has its diagonal).
 */
function addSquaredCombination(quadratic: Float64Array, g: number, coef: ArrayLike<number>, from: number, count: number, z: Float64Array, sims: number, work: Float64Array): void {
  // The columns before the last group of up to four.
  const head = count - ((count - 1) % 4) - 1;
  combine(work, coef, from, head, z, sims);
  const k = count - head;
  const a = coef[from + head], b = k > 1 ? coef[from + head + 1] : 0, c = k > 2 ? coef[from + head + 2] : 0, d = k > 3 ? coef[from + head + 3] : 0;
  const ca = head * sims, cb = ca + sims, cc = cb + sims, cd = cc + sims;
  // One loop per count of columns left: each adds exactly the terms the sum has (no 0 * z terms).
  if (k === 1) for (let s = 0; s < sims; s++) { const v = work[s] + a * z[ca + s]; quadratic[s] += g * v * v; }
  else if (k === 2) for (let s = 0; s < sims; s++) { const v = (work[s] + a * z[ca + s]) + b * z[cb + s]; quadratic[s] += g * v * v; }
  else if (k === 3) for (let s = 0; s < sims; s++) { const v = ((work[s] + a * z[ca + s]) + b * z[cb + s]) + c * z[cc + s]; quadratic[s] += g * v * v; }
  else for (let s = 0; s < sims; s++) { const v = (((work[s] + a * z[ca + s]) + b * z[cb + s]) + c * z[cc + s]) + d * z[cd + s]; quadratic[s] += g * v * v; }
}

/** out[s] += columns j .. j + k - 1 (k 1-4), added in order. */
function moreColumns(out: Float64Array, coef: ArrayLike<number>, from: number, j: number, k: number, z: Float64Array, sims: number): void {
  const a = coef[from + j], b = k > 1 ? coef[from + j + 1] : 0, c = k > 2 ? coef[from + j + 2] : 0, d = k > 3 ? coef[from + j + 3] : 0;
  const ca = j * sims, cb = ca + sims, cc = cb + sims, cd = cc + sims;
  if (k === 1) for (let s = 0; s < sims; s++) out[s] = out[s] + a * z[ca + s];
  else if (k === 2) for (let s = 0; s < sims; s++) out[s] = (out[s] + a * z[ca + s]) + b * z[cb + s];
  else if (k === 3) for (let s = 0; s < sims; s++) out[s] = ((out[s] + a * z[ca + s]) + b * z[cb + s]) + c * z[cc + s];
  else for (let s = 0; s < sims; s++) out[s] = (((out[s] + a * z[ca + s]) + b * z[cb + s]) + c * z[cc + s]) + d * z[cd + s];
}

/**
 * Reorders `x` in place so that its first m elements are its m smallest, in ascending order
 * (Hoare's selection, then a sort of the prefix); the others follow in no order, none below them.
 */
function sortSmallest(x: Float64Array, m: number): void {
  let lo = 0, hi = x.length - 1;
  const k = m - 1;
  while (hi > lo) {
    const pivot = x[(lo + hi) >>> 1];
    let i = lo, j = hi;
    while (i <= j) {
      while (x[i] < pivot) i++;
      while (x[j] > pivot) j--;
      if (i <= j) {
        const t = x[i]; x[i] = x[j]; x[j] = t;
        i++; j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  x.subarray(0, m).sort();
}

/** Euler decomposition of parametric (Gaussian) VaR and ES across positions. */
export interface ComponentVarResult {
  method: 'gaussian';
  confidence: number;
  horizon: number;
  /** Portfolio VaR in the units of the exposures (return if weights, dollars if dollar exposures); negative = loss. */
  valueAtRisk: number;
  /** Portfolio ES, same units and sign. */
  expectedShortfall: number;
  /** Portfolio standard deviation over the horizon, sqrt(h w' Sigma w). */
  standardDeviation: number;
  /** dVaR / dw_i = h mu_i + z h (Sigma w)_i / sigma_p. */
  marginalVar: Float64Array;
  /** w_i x marginalVar_i; sums to valueAtRisk. */
  componentVar: Float64Array;
  /** componentVar_i / valueAtRisk; sums to 1. */
  percentContribution: Float64Array;
  /** w_i x dES / dw_i = w_i [h mu_i - sqrt(h) phi(z) / alpha (Sigma w)_i / sigma_p]; sums to expectedShortfall. */
  componentEs: Float64Array;
}

/**
 * Component and marginal Gaussian VaR by Euler allocation (PerformanceAnalytics
 * `VaR(portfolio_method = "component", method = "gaussian")`, with our sign).
 *
 * With exposures w (portfolio weights, or dollar exposures for a dollar VaR), per-period mean vector
 * mu (default 0) and per-period covariance Sigma: sigma_p = sqrt(h w' Sigma w),
 * VaR = h w'mu + z sigma_p with z = Phi^{-1}(1 - confidence) < 0;
 * marginal_i = dVaR/dw_i = h mu_i + z h (Sigma w)_i / sigma_p; component_i = w_i marginal_i.
 * VaR is homogeneous of degree 1 in w, so the components sum exactly to VaR (Euler's theorem);
 * likewise for ES = h w'mu - sigma_p phi(z) / alpha. Throws INVALID_ARGUMENT if sigma_p = 0.
 *
 * @example
 * componentVar([0.5, 0.5], createMatrix(2, 2, [4e-4, 1e-4, 1e-4, 4e-4]))
 * // componentVar [-0.0195, -0.0195] sums to valueAtRisk -0.0390 (z = -1.645, sigma_p = 0.0158)
 */
export function componentVar(
  exposures: ArrayLike<number>,
  covariance: Matrix,
  options: Omit<VarOptions, 'portfolioValue'> & { means?: ArrayLike<number> } = {},
): ComponentVarResult {
  const o = resolve(options);
  const n = exposures.length;
  requireFinite(exposures, 1, 'exposures');
  if (covariance.rows !== n || covariance.cols !== n) {
    throw new AnalyticsError('LENGTH_MISMATCH', `covariance is ${covariance.rows}x${covariance.cols}, expected ${n}x${n}`, 'covariance');
  }
  const mu = options.means ?? new Float64Array(n);
  if (mu.length !== n) throw new AnalyticsError('LENGTH_MISMATCH', `means has ${mu.length} values, expected ${n}`, 'means');
  requireFinite(mu, 0, 'means');
  const h = o.horizon;
  const alpha = 1 - o.confidence;
  const z = normalInv(alpha);
  const sw = multiplyVector(covariance, exposures);
  let variance = 0, location = 0;
  for (let i = 0; i < n; i++) {
    variance += exposures[i] * sw[i];
    location += exposures[i] * mu[i];
  }
  variance *= h;
  location *= h;
  if (!(variance > 0)) {
    throw new AnalyticsError('INVALID_ARGUMENT', `portfolio variance must be positive, got ${variance}`, 'covariance');
  }
  const sigma = Math.sqrt(variance);
  const v = location + z * sigma;
  const tail = normalPdf(z) / alpha;
  const es = location - sigma * tail;
  const marginal = new Float64Array(n), comp = new Float64Array(n), pct = new Float64Array(n), compEs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const dSigma = (h * sw[i]) / sigma;
    marginal[i] = h * mu[i] + z * dSigma;
    comp[i] = exposures[i] * marginal[i];
    pct[i] = comp[i] / v;
    compEs[i] = exposures[i] * (h * mu[i] - tail * dSigma);
  }
  return {
    method: 'gaussian', confidence: o.confidence, horizon: h, valueAtRisk: v, expectedShortfall: es, standardDeviation: sigma,
    marginalVar: marginal, componentVar: comp, percentContribution: pct, componentEs: compEs,
  };
}

/**
 * Dispatches to the return-based estimators by name.
 * @example valueAtRisk(returns, 'modified', { confidence: 0.99 })
 */
export function valueAtRisk(returns: Series, method: Exclude<VarMethod, 'monte_carlo'>, options: VarOptions = {}): VarResult {
  switch (method) {
    case 'historical':
      return historicalVar(returns, options);
    case 'gaussian':
      return gaussianVar(returns, options);
    case 'modified':
      return modifiedVar(returns, options);
    default:
      throw new AnalyticsError('INVALID_ARGUMENT', `unknown VaR method '${String(method)}'`, 'method');
  }
}
