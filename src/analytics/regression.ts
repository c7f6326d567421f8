/**
 * Factor regressions: OLS with intercept, ridge, the spread-factor regressions, and a batched
 * kernel that regresses thousands of symbols on one factor matrix in a single call.
 *
 * Numerics: every fit goes through a Householder QR of the design (never the normal equations).
 * The batched kernels factor each distinct design once and reuse it for every symbol that has the
 * same rows: symbols with full data share one factorization, and symbols with gaps are grouped by
 * their exact missing-day pattern, each group with its own factorization of the rows it has.
 *
 * Missing data: NaN marks a missing observation (in the response or in a factor); a row is used
 * only when the response and every factor are present on it (listwise deletion, never zero-filled).
 * Infinite values are errors. Failures that depend on the data (too few rows, collinear factors,
 * a constant response) come back as `{ ok: false, reason }` instead of NaN; malformed calls
 * (length mismatch, bad lambda) throw {@link AnalyticsError}.
 */
import { AnalyticsError } from './analytics-error.js';
import { backSubstitute, createMatrix, qrDecompose, qrInverseGram, thinQTransposed, type QrDecomposition } from './linear-algebra.js';
import type { Series } from './statistics.js';

/** Why a regression could not be fitted. */
export type RegressionFailureReason = 'INSUFFICIENT_DATA' | 'RANK_DEFICIENT' | 'CONSTANT_RESPONSE';

/** A regression that could not be fitted, and why. `n` is the number of usable rows. */
export interface RegressionFailure {
  readonly ok: false;
  readonly reason: RegressionFailureReason;
  readonly n: number;
  readonly message: string;
}

/**
 * An OLS fit of y = a + X b + e. Index 0 of every coefficient array is the intercept (alpha, per
 * period), index j >= 1 the coefficient of factor j - 1 (beta). Standard errors are the classical
 * (homoskedastic) ones: se_j = s sqrt([(X'X)^-1]_jj) with s^2 = SSR / (n - p), p = k + 1.
 */
export interface OlsFit {
  readonly ok: true;
  readonly coefficients: Float64Array;
  readonly standardErrors: Float64Array;
  /** coefficient / standard error; +-Infinity (or 0 for a zero coefficient) when the fit is exact. */
  readonly tStats: Float64Array;
  /** 1 - SSR / SST with SST centred on the mean of y. */
  readonly rSquared: number;
  /** 1 - (1 - R^2) (n - 1) / (n - p). */
  readonly adjustedRSquared: number;
  /** s = sqrt(SSR / (n - p)): residual (idiosyncratic) volatility per period, not annualized. */
  readonly residualVolatility: number;
  /** Observations used. */
  readonly n: number;
  /** Residual degrees of freedom n - p. */
  readonly degreesOfFreedom: number;
}

export type OlsResult = OlsFit | RegressionFailure;

/** Options shared by the OLS entry points. */
export interface OlsOptions {
  /** Minimum usable rows; default p + 1 = k + 2 (one residual degree of freedom). Values below that are raised to it. */
  readonly minObservations?: number;
}

// ---------------------------------------------------------------------------------------------
// Input checks and row patterns
// ---------------------------------------------------------------------------------------------

function checkInputs(factors: readonly Series[], ys: readonly Series[]): number {
  if (factors.length === 0) throw new AnalyticsError('INVALID_ARGUMENT', 'at least one factor is needed', 'factors');
  const n = factors[0].length;
  const check = (s: Series, field: string): void => {
    if (s.length !== n) throw new AnalyticsError('LENGTH_MISMATCH', `${field} has ${s.length} observations, factors have ${n}`, field);
    for (let t = 0; t < n; t++) {
      const v = s[t];
      if (v === Infinity || v === -Infinity) throw new AnalyticsError('INVALID_ARGUMENT', `${field}[${t}] is infinite`, field);
    }
  };
  factors.forEach((f, j) => check(f, `factors[${j}]`));
  ys.forEach((y, i) => check(y, ys.length === 1 ? 'y' : `ys[${i}]`));
  return n;
}

/** Rows on which every factor is present. */
function factorRows(factors: readonly Series[], n: number): Int32Array {
  const rows: number[] = [];
  for (let t = 0; t < n; t++) {
    let ok = true;
    for (const f of factors) if (Number.isNaN(f[t])) { ok = false; break; }
    if (ok) rows.push(t);
  }
  return Int32Array.from(rows);
}

interface RowGroup {
  readonly rows: Int32Array;
  readonly members: number[];
}

/**
 * Groups responses by the exact set of usable rows (factor rows where y is present). The key is a
 * run-length list of missing positions, so symbols with identical gaps share one factorization.
 */
function groupByRows(ys: readonly Series[], base: Int32Array): RowGroup[] {
  const groups = new Map<string, { rows: Int32Array; members: number[] }>();
  for (let i = 0; i < ys.length; i++) {
    const y = ys[i];
    let key = '';
    let runStart = -1;
    let missing = 0;
    for (let r = 0; r < base.length; r++) {
      const gap = Number.isNaN(y[base[r]]);
      if (gap) {
        missing++;
        if (runStart < 0) runStart = r;
      } else if (runStart >= 0) {
        key += `${runStart}-${r},`;
        runStart = -1;
      }
    }
    if (runStart >= 0) key += `${runStart}-${base.length},`;
    let g = groups.get(key);
    if (!g) {
      let rows = base;
      if (missing > 0) {
        const kept: number[] = [];
        for (let r = 0; r < base.length; r++) if (!Number.isNaN(y[base[r]])) kept.push(base[r]);
        rows = Int32Array.from(kept);
      }
      g = { rows, members: [] };
      groups.set(key, g);
    }
    g.members.push(i);
  }
  return [...groups.values()];
}

function failure(reason: RegressionFailureReason, n: number, message: string): RegressionFailure {
  return { ok: false, reason, n, message };
}

function columnLabel(j: number): string {
  return j === 0 ? 'the intercept' : `factor ${j - 1}`;
}

// ---------------------------------------------------------------------------------------------
// OLS
// ---------------------------------------------------------------------------------------------

/** One factorization of the design [1, X] on a set of rows, reused for every symbol with those rows. */
interface OlsDesign {
  readonly rows: Int32Array;
  readonly design: Float64Array; // n x p row-major
  readonly qr: QrDecomposition;
  readonly qt: Float64Array; // p x n, thin Q transposed
  readonly inverseGramDiagonal: Float64Array;
}

function prepareOls(factors: readonly Series[], rows: Int32Array, minObservations: number): OlsDesign | RegressionFailure {
  const n = rows.length, k = factors.length, p = k + 1;
  if (n < minObservations) {
    return failure('INSUFFICIENT_DATA', n, `${n} usable observations; a regression on ${k} factor(s) with intercept needs at least ${minObservations}`);
  }
  const design = new Float64Array(n * p);
  for (let r = 0; r < n; r++) {
    design[r * p] = 1;
    for (let j = 0; j < k; j++) design[r * p + j + 1] = factors[j][rows[r]];
  }
  const qr = qrDecompose(createMatrix(n, p, design));
  if (qr.rank < p) {
    return failure('RANK_DEFICIENT', n, `${columnLabel(qr.firstDependentColumn)} is (numerically) a linear combination of the columns before it`);
  }
  const inv = qrInverseGram(qr);
  const inverseGramDiagonal = new Float64Array(p);
  for (let j = 0; j < p; j++) inverseGramDiagonal[j] = inv.data[j * p + j];
  return { rows, design, qr, qt: thinQTransposed(qr).data, inverseGramDiagonal };
}

function fitOls(d: OlsDesign, y: Series, yBuffer: Float64Array, z: Float64Array): OlsResult {
  const n = d.rows.length, p = d.qr.cols;
  let ySum = 0;
  for (let r = 0; r < n; r++) {
    const v = y[d.rows[r]];
    yBuffer[r] = v;
    ySum += v;
  }
  const yMean = ySum / n;
  // Q1'y, then R b = Q1'y.
  for (let j = 0; j < p; j++) {
    let s = 0;
    const o = j * n;
    for (let r = 0; r < n; r++) s += d.qt[o + r] * yBuffer[r];
    z[j] = s;
  }
  const coefficients = backSubstitute(d.qr, z);
  // Residuals from the data (not ||y||^2 - ||Q1'y||^2, which cancels when R^2 is near 1).
  let ssr = 0, sst = 0;
  for (let r = 0; r < n; r++) {
    let fitted = 0;
    const o = r * p;
    for (let j = 0; j < p; j++) fitted += d.design[o + j] * coefficients[j];
    const e = yBuffer[r] - fitted;
    const c = yBuffer[r] - yMean;
    ssr += e * e;
    sst += c * c;
  }
  if (!(sst > 0)) return failure('CONSTANT_RESPONSE', n, 'the response is constant on the usable rows, so R^2 is undefined');
  const df = n - p;
  const s2 = ssr / df;
  const standardErrors = new Float64Array(p);
  const tStats = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const se = Math.sqrt(s2 * d.inverseGramDiagonal[j]);
    standardErrors[j] = se;
    tStats[j] = se > 0 ? coefficients[j] / se : coefficients[j] === 0 ? 0 : Math.sign(coefficients[j]) * Infinity;
  }
  const rSquared = 1 - ssr / sst;
  return {
    ok: true,
    coefficients,
    standardErrors,
    tStats,
    rSquared,
    adjustedRSquared: 1 - ((1 - rSquared) * (n - 1)) / df,
    residualVolatility: Math.sqrt(s2),
    n,
    degreesOfFreedom: df,
  };
}

/**
 * Batched OLS: regresses every series in `ys` on the same factors with an intercept,
 * y_i = a_i + X b_i + e_i, and returns one {@link OlsResult} per series, in order.
 *
 * The design [1, X] is QR-factored once for the rows where all factors are present; every series
 * with data on all those rows is solved against that one factorization (two matrix-vector products
 * of size p x n each). Series with gaps are grouped by missing-day pattern and each pattern gets its
 * own factorization of its remaining rows, so a gap never biases another symbol's fit.
 * `factors[j]` and each `ys[i]` are per-period returns of equal length n (NaN = missing).
 * @example
 * const fits = olsBatch([marketReturns, sizeReturns], symbolReturns);
 * fits.map((f) => (f.ok ? f.coefficients[1] : null)); // market betas, null where the fit failed
 */
export function olsBatch(factors: readonly Series[], ys: readonly Series[], options: OlsOptions = {}): OlsResult[] {
  const n = checkInputs(factors, ys);
  const p = factors.length + 1;
  const minObservations = Math.max(p + 1, options.minObservations ?? 0);
  const results = new Array<OlsResult>(ys.length);
  const base = factorRows(factors, n);
  const yBuffer = new Float64Array(n);
  const z = new Float64Array(p);
  for (const group of groupByRows(ys, base)) {
    const design = prepareOls(factors, group.rows, minObservations);
    for (const i of group.members) results[i] = 'ok' in design ? design : fitOls(design, ys[i], yBuffer, z);
  }
  return results;
}

/**
 * OLS with intercept of y on k factors by Householder QR: y = a + X b + e, reporting coefficients
 * (intercept first), classical standard errors, t-statistics, R^2, adjusted R^2, residual
 * volatility s = sqrt(SSR / (n - k - 1)) per period, and n. Rows with a NaN anywhere are dropped.
 * For a CAPM beta pass one factor (the market's simple returns on the same dates).
 * @example
 * const fit = ols(aaplReturns, [spxReturns]);
 * if (fit.ok) console.log(fit.coefficients[1]); // beta 0.9933917188 on 2013-05-14..2018-05-11
 */
export function ols(y: Series, factors: readonly Series[], options: OlsOptions = {}): OlsResult {
  return olsBatch(factors, [y], options)[0];
}

// ---------------------------------------------------------------------------------------------
// Ridge
// ---------------------------------------------------------------------------------------------

/**
 * A ridge fit. `coefficients` are on the ORIGINAL scale of the factors (index 0 the intercept), so
 * they are used exactly like OLS coefficients; `standardizedCoefficients` are the penalized b on
 * the standardized factors. No standard errors: ridge estimates are biased and the classical
 * formula does not apply.
 */
export interface RidgeFit {
  readonly ok: true;
  readonly lambda: number;
  readonly coefficients: Float64Array;
  readonly standardizedCoefficients: Float64Array;
  /** In-sample 1 - SSR / SST on the original data. */
  readonly rSquared: number;
  readonly n: number;
}

export type RidgeResult = RidgeFit | RegressionFailure;

interface RidgeDesign {
  readonly rows: Int32Array;
  readonly means: Float64Array;
  readonly scales: Float64Array;
  readonly standardized: Float64Array; // n x k
  readonly qr: QrDecomposition;
  readonly qt: Float64Array; // k x (n + k)
}

function prepareRidge(factors: readonly Series[], rows: Int32Array, lambda: number, minObservations: number): RidgeDesign | RegressionFailure {
  const n = rows.length, k = factors.length;
  if (n < minObservations) return failure('INSUFFICIENT_DATA', n, `${n} usable observations; ridge needs at least ${minObservations}`);
  const means = new Float64Array(k), scales = new Float64Array(k);
  const aug = new Float64Array((n + k) * k);
  for (let j = 0; j < k; j++) {
    const f = factors[j];
    let s = 0;
    for (let r = 0; r < n; r++) s += f[rows[r]];
    const m = s / n;
    let ss = 0;
    for (let r = 0; r < n; r++) ss += (f[rows[r]] - m) ** 2;
    const sdPop = Math.sqrt(ss / n);
    if (!(sdPop > 1e-12 * Math.max(1, Math.abs(m)))) {
      return failure('RANK_DEFICIENT', n, `factor ${j} is constant on the usable rows and cannot be standardized`);
    }
    means[j] = m;
    scales[j] = sdPop;
    for (let r = 0; r < n; r++) aug[r * k + j] = (f[rows[r]] - m) / sdPop;
    aug[(n + j) * k + j] = Math.sqrt(lambda);
  }
  const qr = qrDecompose(createMatrix(n + k, k, aug));
  if (qr.rank < k) {
    return failure('RANK_DEFICIENT', n, `factor ${qr.firstDependentColumn} is collinear with earlier factors and lambda = 0`);
  }
  return { rows, means, scales, standardized: aug.subarray(0, n * k), qr, qt: thinQTransposed(qr).data };
}

function fitRidge(d: RidgeDesign, y: Series, lambda: number, yBuffer: Float64Array, z: Float64Array): RidgeResult {
  const n = d.rows.length, k = d.means.length, m = n + k;
  let ySum = 0;
  for (let r = 0; r < n; r++) ySum += y[d.rows[r]];
  const yMean = ySum / n;
  let sst = 0;
  for (let r = 0; r < n; r++) {
    const c = y[d.rows[r]] - yMean;
    yBuffer[r] = c;
    sst += c * c;
  }
  if (!(sst > 0)) return failure('CONSTANT_RESPONSE', n, 'the response is constant on the usable rows');
  // Augmented right-hand side [y - mean(y); 0]: only the first n entries contribute to Q1'y.
  for (let j = 0; j < k; j++) {
    let s = 0;
    const o = j * m;
    for (let r = 0; r < n; r++) s += d.qt[o + r] * yBuffer[r];
    z[j] = s;
  }
  const b = backSubstitute(d.qr, z);
  const coefficients = new Float64Array(k + 1);
  let intercept = yMean;
  for (let j = 0; j < k; j++) {
    coefficients[j + 1] = b[j] / d.scales[j];
    intercept -= coefficients[j + 1] * d.means[j];
  }
  coefficients[0] = intercept;
  let ssr = 0;
  for (let r = 0; r < n; r++) {
    let fitted = 0;
    for (let j = 0; j < k; j++) fitted += d.standardized[r * k + j] * b[j];
    const e = yBuffer[r] - fitted;
    ssr += e * e;
  }
  return { ok: true, lambda, coefficients, standardizedCoefficients: b, rSquared: 1 - ssr / sst, n };
}

/**
 * Batched ridge regression, one {@link RidgeResult} per series in `ys` (same grouping of missing
 * data and shared factorizations as {@link olsBatch}).
 *
 * Conventions:
 * - Standardization: each factor is centred on its mean and divided by its POPULATION sd (divisor n)
 *   over the rows used, so Z'Z / n is the factors' correlation matrix. y is centred, not scaled.
 * - The intercept is not penalized: it is mean(y) - sum_j beta_j mean(x_j).
 * - Objective: ||y_c - Z b||^2 + lambda ||b||^2 (sums, not means), so lambda is in units of
 *   observations: lambda = 0 is OLS, lambda = n shrinks like a unit prior on each standardized b.
 *   This equals scikit-learn `Ridge(alpha=lambda)` on `StandardScaler`-transformed factors.
 * - Solved by QR of the augmented matrix [Z; sqrt(lambda) I] (no normal equations).
 * - Reported `coefficients` are back on the original scale: beta_j = b_j / sd_j.
 * - At least 3 usable rows by default (`minObservations` can raise it); ridge, unlike OLS, allows k >= n.
 * @example
 * const fits = ridgeBatch(eightFactors, symbolReturns, 50);
 */
export function ridgeBatch(factors: readonly Series[], ys: readonly Series[], lambda: number, options: OlsOptions = {}): RidgeResult[] {
  if (!(lambda >= 0 && Number.isFinite(lambda))) throw new AnalyticsError('INVALID_ARGUMENT', `lambda must be >= 0, got ${lambda}`, 'lambda');
  const n = checkInputs(factors, ys);
  const k = factors.length;
  const minObservations = Math.max(3, options.minObservations ?? 0);
  const results = new Array<RidgeResult>(ys.length);
  const base = factorRows(factors, n);
  const yBuffer = new Float64Array(n);
  const z = new Float64Array(k);
  for (const group of groupByRows(ys, base)) {
    const design = prepareRidge(factors, group.rows, lambda, minObservations);
    for (const i of group.members) results[i] = 'ok' in design ? design : fitRidge(design, ys[i], lambda, yBuffer, z);
  }
  return results;
}

/**
 * Ridge regression of one series; see {@link ridgeBatch} for the conventions.
 * @example
 * const fit = ridge(y, [f1, f2, f3], 10);
 * if (fit.ok) fit.coefficients; // [intercept, beta1, beta2, beta3] on the original scale
 */
export function ridge(y: Series, factors: readonly Series[], lambda: number, options: OlsOptions = {}): RidgeResult {
  return ridgeBatch(factors, [y], lambda, options)[0];
}

// ---------------------------------------------------------------------------------------------
// Spread factors
// ---------------------------------------------------------------------------------------------

/** The style spreads: each is the long ETF's return minus the short ETF's return, per period. */
export const SPREAD_FACTORS = [
  { name: 'Growth-Value', long: 'VUG', short: 'VTV' },
  { name: 'Momentum-Market', long: 'MTUM', short: 'SPY' },
  { name: 'Size-Market', long: 'IWM', short: 'SPY' },
  { name: 'Quality-Market', long: 'QUAL', short: 'SPY' },
] as const;

export type SpreadFactorName = (typeof SPREAD_FACTORS)[number]['name'];

/**
 * Spread return series from ETF returns keyed by ticker (VUG, VTV, MTUM, SPY, IWM, QUAL), all on the
 * same dates: spread_t = r_long,t - r_short,t. A NaN on either leg gives NaN (missing) for that day.
 * @example spreadReturns({ VUG, VTV, MTUM, SPY, IWM, QUAL })['Growth-Value'] // VUG - VTV
 */
export function spreadReturns(etfReturns: Readonly<Record<string, Series>>): Record<SpreadFactorName, Float64Array> {
  const out = {} as Record<SpreadFactorName, Float64Array>;
  for (const spread of SPREAD_FACTORS) {
    const a = etfReturns[spread.long], b = etfReturns[spread.short];
    if (!a || !b) {
      const missing = !a ? spread.long : spread.short;
      throw new AnalyticsError('INVALID_ARGUMENT', `${spread.name} needs returns for ${missing}`, missing);
    }
    if (a.length !== b.length) {
      throw new AnalyticsError('LENGTH_MISMATCH', `${spread.long} has ${a.length} returns, ${spread.short} has ${b.length}`, spread.short);
    }
    out[spread.name] = Float64Array.from({ length: a.length }, (_, t) => a[t] - b[t]);
  }
  return out;
}

/**
 * Single-factor spread regressions for many symbols: for each spread in {@link SPREAD_FACTORS},
 * y_i = a + b * spread + e by {@link olsBatch} (one shared factorization per spread). Returns one
 * record per symbol mapping spread name to its {@link OlsResult}; the spread beta is coefficients[1].
 * These are separate univariate regressions, not one multivariate fit, because the spreads share
 * SPY and are strongly correlated with each other.
 * @example
 * const [aapl] = spreadFactorRegressions([aaplReturns], { VUG, VTV, MTUM, SPY, IWM, QUAL });
 * aapl['Growth-Value']; // { ok: true, coefficients: [alpha, beta], ... }
 */
export function spreadFactorRegressions(
  ys: readonly Series[],
  etfReturns: Readonly<Record<string, Series>>,
  options: OlsOptions = {},
): Record<SpreadFactorName, OlsResult>[] {
  const spreads = spreadReturns(etfReturns);
  const out = ys.map(() => ({}) as Record<SpreadFactorName, OlsResult>);
  for (const spread of SPREAD_FACTORS) {
    const fits = olsBatch([spreads[spread.name]], ys, options);
    fits.forEach((fit, i) => (out[i][spread.name] = fit));
  }
  return out;
}
