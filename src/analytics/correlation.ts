/**
 * Pearson correlation matrices and their repair to the nearest valid (PSD, unit-diagonal) matrix.
 */
import { AnalyticsError } from './analytics-error.js';
import { centredCompleteColumns, checkColumns, pairMoments, type MissingPolicy } from './covariance.js';
import { createMatrix, symmetricEigen, type Matrix } from './linear-algebra.js';
import { logReturns, simpleReturns } from './returns.js';
import type { Series } from './statistics.js';

function clampCorrelation(r: number): number {
  return r > 1 ? 1 : r < -1 ? -1 : r;
}

/**
 * Pearson correlation matrix of return series, rho_ij = cov_ij / (sd_i sd_j), symmetric with an
 * exact unit diagonal and entries clamped to [-1, 1] against rounding. Missing values (NaN)
 * follow `missing` (see {@link MissingPolicy}); `'pairwise'` matches pandas `DataFrame.corr()`,
 * which uses, for each pair, only the rows where both are present and the means and sds over
 * those rows. A series that is constant on its rows has no correlation (INVALID_ARGUMENT).
 * @example correlationMatrix([aa, ge, ibm, msft, xom]).data[1] // 0.238074 (AA-GE, DJ30 1991-2000)
 */
export function correlationMatrix(columns: readonly Series[], options: { missing?: MissingPolicy } = {}): Matrix {
  const missing = options.missing ?? 'error';
  const n = checkColumns(columns, missing);
  const k = columns.length;
  const out = createMatrix(k, k);
  const R = out.data;
  if (missing === 'pairwise') {
    for (let i = 0; i < k; i++) {
      R[i * k + i] = 1;
      for (let j = i + 1; j < k; j++) {
        const pm = pairMoments(columns[i], columns[j]);
        if (pm.n < 2) {
          throw new AnalyticsError('INSUFFICIENT_DATA', `columns ${i} and ${j} share ${pm.n} observations; correlation needs 2`, `columns[${j}]`);
        }
        if (!(pm.sxx > 0 && pm.syy > 0)) {
          throw new AnalyticsError('INVALID_ARGUMENT', `column ${pm.sxx > 0 ? j : i} is constant where columns ${i} and ${j} overlap`, `columns[${pm.sxx > 0 ? j : i}]`);
        }
        R[i * k + j] = R[j * k + i] = clampCorrelation(pm.sxy / Math.sqrt(pm.sxx * pm.syy));
      }
    }
    return out;
  }
  const { data, m } = centredCompleteColumns(columns, n);
  if (m < 2) throw new AnalyticsError('INSUFFICIENT_DATA', `${m} complete observations; correlation needs 2`, 'columns');
  // Scale each centred column to unit length, then correlations are plain dot products.
  for (let j = 0; j < k; j++) {
    const o = j * m;
    let ss = 0;
    for (let r = 0; r < m; r++) ss += data[o + r] * data[o + r];
    if (!(ss > 0)) throw new AnalyticsError('INVALID_ARGUMENT', `column ${j} is constant, so its correlation is undefined`, `columns[${j}]`);
    const inv = 1 / Math.sqrt(ss);
    for (let r = 0; r < m; r++) data[o + r] *= inv;
  }
  for (let i = 0; i < k; i++) {
    R[i * k + i] = 1;
    const oi = i * m;
    for (let j = i + 1; j < k; j++) {
      const oj = j * m;
      let s = 0;
      for (let r = 0; r < m; r++) s += data[oi + r] * data[oj + r];
      R[i * k + j] = R[j * k + i] = clampCorrelation(s);
    }
  }
  return out;
}

/**
 * Correlation of the returns of aligned price series (all the same dates, no gaps): simple returns
 * p_t / p_{t-1} - 1 or log returns ln(p_t / p_{t-1}), then {@link correlationMatrix}.
 * @example returnCorrelation([aaPrices, gePrices], 'log')
 */
export function returnCorrelation(prices: readonly Series[], kind: 'simple' | 'log' = 'simple'): Matrix {
  const f = kind === 'log' ? logReturns : simpleReturns;
  return correlationMatrix(prices.map((p) => f(p)));
}

/** Result of {@link nearestCorrelation}. */
export interface NearestCorrelation {
  readonly matrix: Matrix;
  /** Alternating-projection iterations run (0 when the input was already valid). */
  readonly iterations: number;
}

function projectPsd(a: Float64Array, n: number, floor: number): Float64Array {
  const { values, vectors } = symmetricEigen(createMatrix(n, n, a));
  const V = vectors.data;
  const out = new Float64Array(n * n);
  for (let e = 0; e < n; e++) {
    const lam = Math.max(values[e], floor);
    if (lam === 0) continue;
    for (let i = 0; i < n; i++) {
      const vi = V[i * n + e] * lam;
      if (vi === 0) continue;
      for (let j = i; j < n; j++) out[i * n + j] += vi * V[j * n + e];
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) out[i * n + j] = out[j * n + i];
  return out;
}

function frobenius(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}

/**
 * Nearest correlation matrix in the Frobenius norm by Higham (2002), "Computing the nearest
 * correlation matrix - a problem from finance", IMA J. Numer. Anal. 22: alternating projections
 * (with Dykstra's correction) between the PSD cone and the unit-diagonal matrices, unweighted
 * (W = I), stopped when successive iterates change by less than `tolerance` (relative Frobenius).
 * A last step clips eigenvalues at `minEigenvalue` (default 0) and rescales to a unit diagonal,
 * so the result is PSD to rounding (or has eigenvalues >= about minEigenvalue, which makes it
 * Cholesky-factorable). The diagonal of the input is taken as 1; input that is then already valid
 * is returned unchanged. Each iteration costs one symmetric eigen-decomposition (~10 n^3 flops). Throws NO_CONVERGENCE after `maxIterations`.
 * @example nearestCorrelation(pairwiseCorrelation).matrix // PSD with unit diagonal
 */
export function nearestCorrelation(
  a: Matrix,
  options: { tolerance?: number; maxIterations?: number; minEigenvalue?: number } = {},
): NearestCorrelation {
  const n = a.rows;
  if (a.cols !== n) throw new AnalyticsError('INVALID_ARGUMENT', `matrix must be square, got ${a.rows}x${a.cols}`, 'a');
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 2000;
  const floor = options.minEigenvalue ?? 0;
  if (!(floor >= 0 && floor < 1)) throw new AnalyticsError('INVALID_ARGUMENT', `minEigenvalue must be in [0, 1), got ${floor}`, 'minEigenvalue');
  const sym = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = 0.5 * (a.data[i * n + j] + a.data[j * n + i]);
      if (!Number.isFinite(v)) throw new AnalyticsError('INVALID_ARGUMENT', `entry (${i}, ${j}) is not finite`, 'a');
      sym[i * n + j] = i === j ? 1 : v;
    }
  }
  const smallest = symmetricEigen(createMatrix(n, n, sym)).values[n - 1];
  if (smallest >= floor) return { matrix: createMatrix(n, n, sym), iterations: 0 };

  let y: Float64Array = sym;
  let x: Float64Array = new Float64Array(n * n);
  const ds = new Float64Array(n * n);
  let iterations = 0;
  for (;;) {
    if (iterations >= maxIterations) {
      throw new AnalyticsError('NO_CONVERGENCE', `nearest correlation did not converge in ${maxIterations} iterations`, 'a');
    }
    iterations++;
    const r = new Float64Array(n * n);
    for (let i = 0; i < n * n; i++) r[i] = y[i] - ds[i];
    const xNew = projectPsd(r, n, 0);
    for (let i = 0; i < n * n; i++) ds[i] = xNew[i] - r[i];
    const yNew = Float64Array.from(xNew);
    for (let i = 0; i < n; i++) yNew[i * n + i] = 1;
    const dx = new Float64Array(n * n), dy = new Float64Array(n * n), dxy = new Float64Array(n * n);
    for (let i = 0; i < n * n; i++) {
      dx[i] = xNew[i] - x[i];
      dy[i] = yNew[i] - y[i];
      dxy[i] = yNew[i] - xNew[i];
    }
    const change = Math.max(frobenius(dx) / frobenius(xNew), frobenius(dy) / frobenius(yNew), frobenius(dxy) / frobenius(yNew));
    x = xNew;
    y = yNew;
    if (change <= tolerance) break;
  }
  // Final clip and unit-diagonal rescale: D^-1/2 P(Y) D^-1/2.
  const clipped = projectPsd(y, n, floor);
  const scale = new Float64Array(n);
  for (let i = 0; i < n; i++) scale[i] = 1 / Math.sqrt(clipped[i * n + i]);
  const out = createMatrix(n, n);
  for (let i = 0; i < n; i++) {
    out.data[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) out.data[i * n + j] = out.data[j * n + i] = clampCorrelation(clipped[i * n + j] * scale[i] * scale[j]);
  }
  return { matrix: out, iterations };
}

/**
 * Repairs a covariance matrix that is not PSD (e.g. a pairwise-complete estimate): keeps each
 * variance, replaces the implied correlation C = D^-1/2 S D^-1/2 by {@link nearestCorrelation}(C),
 * and returns D^1/2 C* D^1/2. Variances must be positive.
 * @example repairCovariance(covarianceMatrix(cols, { missing: 'pairwise' }))
 */
export function repairCovariance(cov: Matrix, options: { tolerance?: number; minEigenvalue?: number } = {}): Matrix {
  const n = cov.rows;
  if (cov.cols !== n) throw new AnalyticsError('INVALID_ARGUMENT', `matrix must be square, got ${cov.rows}x${cov.cols}`, 'cov');
  const sdv = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = cov.data[i * n + i];
    if (!(v > 0 && Number.isFinite(v))) throw new AnalyticsError('INVALID_ARGUMENT', `variance ${i} must be positive, got ${v}`, 'cov');
    sdv[i] = Math.sqrt(v);
  }
  const corr = createMatrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) corr.data[i * n + j] = cov.data[i * n + j] / (sdv[i] * sdv[j]);
  const fixed = nearestCorrelation(corr, options).matrix;
  const out = createMatrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out.data[i * n + j] = fixed.data[i * n + j] * sdv[i] * sdv[j];
  return out;
}
