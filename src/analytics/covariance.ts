/**
 * Covariance estimators on return series: sample (with pairwise-complete option), EWMA
 * (RiskMetrics) and Ledoit-Wolf shrinkage.
 *
 * Input: `columns[j]` is the return series of asset j (all the same length n, aligned on dates).
 * Output: a k x k {@link Matrix} (row-major) of PER-PERIOD covariances; multiply by the periods
 * per year (252 daily) to annualize.
 */
import { AnalyticsError } from './analytics-error.js';
import { createMatrix, type Matrix } from './linear-algebra.js';
import { requireLambda, RISKMETRICS_LAMBDA } from './volatility.js';
import type { Series } from './statistics.js';

/**
 * How NaN (missing) values are treated:
 * - `'error'`: any NaN is an INVALID_ARGUMENT (the default: silent dropping hides data problems);
 * - `'complete'`: drop every row with a NaN in any column (listwise), then estimate;
 * - `'pairwise'`: each pair (i, j) uses the rows where both i and j are present, with means over
 *   those rows (pandas `DataFrame.cov()` / `.corr()`). A pairwise matrix need not be PSD.
 */
export type MissingPolicy = 'error' | 'complete' | 'pairwise';

/** @internal checks the shared shape of column inputs and returns n. */
export function checkColumns(columns: readonly Series[], missing: MissingPolicy | 'none'): number {
  if (columns.length === 0) throw new AnalyticsError('INVALID_ARGUMENT', 'at least one series is needed', 'columns');
  const n = columns[0].length;
  columns.forEach((c, j) => {
    if (c.length !== n) throw new AnalyticsError('LENGTH_MISMATCH', `columns[${j}] has ${c.length} observations, columns[0] has ${n}`, `columns[${j}]`);
    for (let t = 0; t < n; t++) {
      const v = c[t];
      if (Number.isNaN(v)) {
        if (missing === 'error' || missing === 'none') {
          throw new AnalyticsError('INVALID_ARGUMENT', `columns[${j}][${t}] is missing (NaN); choose a missing-data policy`, `columns[${j}]`);
        }
      } else if (!Number.isFinite(v)) {
        throw new AnalyticsError('INVALID_ARGUMENT', `columns[${j}][${t}] is infinite`, `columns[${j}]`);
      }
    }
  });
  return n;
}

/**
 * @internal Centred copies of the columns restricted to the rows present in every column,
 * as one k x m row-major buffer (column j contiguous at j * m). Returns m, the rows kept.
 */
export function centredCompleteColumns(columns: readonly Series[], n: number): { data: Float64Array; m: number } {
  const k = columns.length;
  const keep: number[] = [];
  for (let t = 0; t < n; t++) {
    let ok = true;
    for (let j = 0; j < k; j++) if (Number.isNaN(columns[j][t])) { ok = false; break; }
    if (ok) keep.push(t);
  }
  const m = keep.length;
  const data = new Float64Array(k * m);
  for (let j = 0; j < k; j++) {
    const c = columns[j];
    let s = 0;
    for (let r = 0; r < m; r++) s += c[keep[r]];
    const mean = s / m;
    let corr = 0;
    for (let r = 0; r < m; r++) corr += c[keep[r]] - mean;
    const mu = mean + corr / m;
    const o = j * m;
    for (let r = 0; r < m; r++) data[o + r] = c[keep[r]] - mu;
  }
  return { data, m };
}

/** Sums over the rows where both series are present, centred on the means over those rows. */
export interface PairMoments {
  readonly n: number;
  readonly sxx: number;
  readonly syy: number;
  readonly sxy: number;
}

/** @internal pairwise-complete centred sums for one pair (two passes). */
export function pairMoments(x: Series, y: Series): PairMoments {
  let n = 0, sx = 0, sy = 0;
  for (let t = 0; t < x.length; t++) {
    const a = x[t], b = y[t];
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    n++;
    sx += a;
    sy += b;
  }
  const mx = sx / n, my = sy / n;
  let sxx = 0, syy = 0, sxy = 0;
  for (let t = 0; t < x.length; t++) {
    const a = x[t], b = y[t];
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    const dx = a - mx, dy = b - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return { n, sxx, syy, sxy };
}

/**
 * Sample covariance matrix, cov_ij = sum_t (x_it - mean_i)(x_jt - mean_j) / (m - 1), per period,
 * where m is the number of rows used (see {@link MissingPolicy}). Needs at least 2 rows (for each
 * pair under `'pairwise'`).
 * @example covarianceMatrix([spyReturns, tltReturns]).data // [var_spy, cov, cov, var_tlt]
 */
export function covarianceMatrix(columns: readonly Series[], options: { missing?: MissingPolicy } = {}): Matrix {
  const missing = options.missing ?? 'error';
  const n = checkColumns(columns, missing);
  const k = columns.length;
  const out = createMatrix(k, k);
  if (missing === 'pairwise') {
    for (let i = 0; i < k; i++) {
      for (let j = i; j < k; j++) {
        const pm = pairMoments(columns[i], columns[j]);
        if (pm.n < 2) {
          throw new AnalyticsError('INSUFFICIENT_DATA', `columns ${i} and ${j} share ${pm.n} observations; covariance needs 2`, `columns[${j}]`);
        }
        out.data[i * k + j] = out.data[j * k + i] = pm.sxy / (pm.n - 1);
      }
    }
    return out;
  }
  const { data, m } = centredCompleteColumns(columns, n);
  if (m < 2) throw new AnalyticsError('INSUFFICIENT_DATA', `${m} complete observations; covariance needs 2`, 'columns');
  for (let i = 0; i < k; i++) {
    const oi = i * m;
    for (let j = i; j < k; j++) {
      const oj = j * m;
      let s = 0;
      for (let r = 0; r < m; r++) s += data[oi + r] * data[oj + r];
      out.data[i * k + j] = out.data[j * k + i] = s / (m - 1);
    }
  }
  return out;
}

/**
 * EWMA covariance (RiskMetrics, zero mean), per period:
 * S_t = lambda S_{t-1} + (1 - lambda) r_t r_t', seeded with S_0 = r_0 r_0' (or, with `initial`,
 * S_0 = lambda initial + (1 - lambda) r_0 r_0'). Returns S after the last observation, i.e. the
 * forecast for the next period. Its diagonal is exactly the EWMA variance of
 * `ewmaVolatilitySeries` (same seed), so sqrt(252 * S_ii) is that annualized volatility.
 * No missing values allowed. lambda defaults to 0.94.
 * @example ewmaCovariance([a, b], { lambda: 0.97 })
 */
export function ewmaCovariance(columns: readonly Series[], options: { lambda?: number; initial?: Matrix } = {}): Matrix {
  const lambda = options.lambda ?? RISKMETRICS_LAMBDA;
  requireLambda(lambda);
  const n = checkColumns(columns, 'none');
  if (n < 1) throw new AnalyticsError('INSUFFICIENT_DATA', 'EWMA covariance needs at least one observation', 'columns');
  const k = columns.length;
  const s = createMatrix(k, k);
  const S = s.data;
  const row = new Float64Array(k);
  if (options.initial) {
    const init = options.initial;
    if (init.rows !== k || init.cols !== k) throw new AnalyticsError('LENGTH_MISMATCH', `initial must be ${k}x${k}`, 'initial');
    for (let i = 0; i < k * k; i++) S[i] = lambda * init.data[i];
  }
  const w0 = options.initial ? 1 - lambda : 1;
  for (let j = 0; j < k; j++) row[j] = columns[j][0];
  for (let i = 0; i < k; i++) for (let j = i; j < k; j++) S[i * k + j] += w0 * row[i] * row[j];
  const a = 1 - lambda;
  for (let t = 1; t < n; t++) {
    for (let j = 0; j < k; j++) row[j] = columns[j][t];
    for (let i = 0; i < k; i++) {
      const ri = a * row[i];
      const o = i * k;
      for (let j = i; j < k; j++) S[o + j] = lambda * S[o + j] + ri * row[j];
    }
  }
  for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) S[i * k + j] = S[j * k + i];
  return s;
}

/** Result of {@link ledoitWolf}. */
export interface LedoitWolfEstimate {
  /** Shrunk covariance delta * mu I + (1 - delta) S, per period. */
  readonly covariance: Matrix;
  /** Shrinkage intensity delta in [0, 1] toward the target. */
  readonly shrinkage: number;
  /** mu = trace(S) / k, the variance level of the scaled-identity target mu I. */
  readonly target: number;
}

/**
 * Ledoit-Wolf shrinkage toward a scaled identity, the estimator of Ledoit & Wolf (2004), "A
 * well-conditioned estimator for large-dimensional covariance matrices", J. Multivariate Anal. 88:
 * with rows x_t demeaned and S = X'X / n (divisor n, as in the paper), and the paper's normalized
 * Frobenius norm ||A||^2 = tr(A A') / k:
 *   mu = tr(S) / k,  d^2 = ||S - mu I||^2,  b_bar^2 = (1 / n^2) sum_t ||x_t x_t' - S||^2,
 *   b^2 = min(b_bar^2, d^2),  delta = b^2 / d^2,  Sigma = delta mu I + (1 - delta) S.
 * (This is also scikit-learn's `ledoit_wolf`.) The identity target keeps the estimate positive
 * definite even when k > n. No missing values allowed; needs n >= 2.
 * @example ledoitWolf(dailyReturnsOf50Names).shrinkage // e.g. 0.12
 */
export function ledoitWolf(columns: readonly Series[]): LedoitWolfEstimate {
  const n = checkColumns(columns, 'none');
  if (n < 2) throw new AnalyticsError('INSUFFICIENT_DATA', `Ledoit-Wolf needs at least 2 observations, got ${n}`, 'columns');
  const k = columns.length;
  const { data } = centredCompleteColumns(columns, n);
  const cov = createMatrix(k, k);
  const S = cov.data;
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let s = 0;
      for (let t = 0; t < n; t++) s += data[i * n + t] * data[j * n + t];
      S[i * k + j] = S[j * k + i] = s / n;
    }
  }
  let trace = 0, frob2 = 0;
  for (let i = 0; i < k; i++) trace += S[i * k + i];
  for (let i = 0; i < k * k; i++) frob2 += S[i] * S[i];
  const mu = trace / k;
  // ||S - mu I||_F^2 = ||S||_F^2 - 2 mu tr(S) + k mu^2 = ||S||_F^2 - k mu^2.
  let d2 = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const v = S[i * k + j] - (i === j ? mu : 0);
      d2 += v * v;
    }
  }
  d2 /= k;
  // sum_t ||x_t x_t' - S||_F^2 = sum_t ||x_t||^4 - n ||S||_F^2, because sum_t x_t x_t' = n S.
  let sum4 = 0;
  for (let t = 0; t < n; t++) {
    let sq = 0;
    for (let j = 0; j < k; j++) sq += data[j * n + t] * data[j * n + t];
    sum4 += sq * sq;
  }
  const bBar2 = Math.max(0, (sum4 - n * frob2) / (n * n * k));
  const b2 = Math.min(bBar2, d2);
  const shrinkage = d2 > 0 ? b2 / d2 : 0;
  for (let i = 0; i < k * k; i++) S[i] *= 1 - shrinkage;
  for (let i = 0; i < k; i++) S[i * k + i] += shrinkage * mu;
  return { covariance: cov, shrinkage, target: mu };
}
