/**
 * Small dense linear algebra for the analytics (factor regressions, covariance repair, VaR).
 *
 * Storage layout: a {@link Matrix} is row-major on one Float64Array; element (i, j) of an
 * r x c matrix is `data[i * c + j]`. Vectors are plain Float64Arrays. Functions never modify
 * their inputs unless the name says so. Sizes here are small (tens to a few hundred columns), so
 * the algorithms favour accuracy and simplicity: Householder QR for least squares, Cholesky for
 * SPD solves, Householder tridiagonalization + implicit QL for symmetric eigenproblems.
 */
import { AnalyticsError } from './analytics-error.js';

/** Dense row-major matrix: element (i, j) is `data[i * cols + j]`. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/**
 * Creates a rows x cols matrix, zero-filled or copied from row-major `data`.
 * @example const a = createMatrix(2, 2, [4, 2, 2, 3]); // [[4, 2], [2, 3]]
 */
export function createMatrix(rows: number, cols: number, data?: ArrayLike<number>): Matrix {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new AnalyticsError('INVALID_ARGUMENT', `matrix dimensions must be non-negative integers, got ${rows}x${cols}`, 'rows');
  }
  const out = new Float64Array(rows * cols);
  if (data !== undefined) {
    if (data.length !== rows * cols) {
      throw new AnalyticsError('LENGTH_MISMATCH', `expected ${rows * cols} values for a ${rows}x${cols} matrix, got ${data.length}`, 'data');
    }
    out.set(data);
  }
  return { rows, cols, data: out };
}

/**
 * Builds a matrix from an array of equally long rows.
 * @example matrixFromRows([[1, 2], [3, 4]]).data // Float64Array [1, 2, 3, 4]
 */
export function matrixFromRows(rows: readonly ArrayLike<number>[]): Matrix {
  const r = rows.length;
  const c = r === 0 ? 0 : rows[0].length;
  const m = createMatrix(r, c);
  for (let i = 0; i < r; i++) {
    if (rows[i].length !== c) throw new AnalyticsError('LENGTH_MISMATCH', `row ${i} has ${rows[i].length} values, expected ${c}`, 'rows');
    m.data.set(rows[i], i * c);
  }
  return m;
}

/**
 * Builds an n x k matrix whose column j is `columns[j]` (each of length n).
 * @example matrixFromColumns([[1, 3], [2, 4]]).data // Float64Array [1, 2, 3, 4]
 */
export function matrixFromColumns(columns: readonly ArrayLike<number>[]): Matrix {
  const k = columns.length;
  const n = k === 0 ? 0 : columns[0].length;
  const m = createMatrix(n, k);
  for (let j = 0; j < k; j++) {
    const col = columns[j];
    if (col.length !== n) throw new AnalyticsError('LENGTH_MISMATCH', `column ${j} has ${col.length} values, expected ${n}`, 'columns');
    for (let i = 0; i < n; i++) m.data[i * k + j] = col[i];
  }
  return m;
}

/** n x n identity. @example identity(2).data // [1, 0, 0, 1] */
export function identity(n: number): Matrix {
  const m = createMatrix(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}

/** Transpose. @example transpose(createMatrix(1, 2, [1, 2])).rows // 2 */
export function transpose(a: Matrix): Matrix {
  const t = createMatrix(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) t.data[j * a.rows + i] = a.data[i * a.cols + j];
  return t;
}

/**
 * Matrix product A B (i-k-j loop order, so the inner loop runs along contiguous rows).
 * @example multiply(identity(2), createMatrix(2, 1, [5, 6])).data // [5, 6]
 */
export function multiply(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new AnalyticsError('LENGTH_MISMATCH', `cannot multiply ${a.rows}x${a.cols} by ${b.rows}x${b.cols}`, 'b');
  const c = createMatrix(a.rows, b.cols);
  const ad = a.data, bd = b.data, cd = c.data, n = b.cols;
  for (let i = 0; i < a.rows; i++) {
    const ci = i * n;
    for (let k = 0; k < a.cols; k++) {
      const aik = ad[i * a.cols + k];
      if (aik === 0) continue;
      const bk = k * n;
      for (let j = 0; j < n; j++) cd[ci + j] += aik * bd[bk + j];
    }
  }
  return c;
}

/**
 * Matrix-vector product A x.
 * @example multiplyVector(identity(2), new Float64Array([1, 2])) // [1, 2]
 */
export function multiplyVector(a: Matrix, x: ArrayLike<number>): Float64Array {
  if (a.cols !== x.length) throw new AnalyticsError('LENGTH_MISMATCH', `cannot multiply ${a.rows}x${a.cols} by a vector of ${x.length}`, 'x');
  const out = new Float64Array(a.rows);
  for (let i = 0; i < a.rows; i++) {
    let s = 0;
    const o = i * a.cols;
    for (let j = 0; j < a.cols; j++) s += a.data[o + j] * x[j];
    out[i] = s;
  }
  return out;
}

/**
 * Gram matrix A' A (k x k, symmetric), computed without forming the transpose.
 * @example crossProduct(createMatrix(2, 1, [3, 4])).data // [25]
 */
export function crossProduct(a: Matrix): Matrix {
  const k = a.cols;
  const g = createMatrix(k, k);
  for (let r = 0; r < a.rows; r++) {
    const o = r * k;
    for (let i = 0; i < k; i++) {
      const v = a.data[o + i];
      if (v === 0) continue;
      for (let j = i; j < k; j++) g.data[i * k + j] += v * a.data[o + j];
    }
  }
  for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) g.data[i * k + j] = g.data[j * k + i];
  return g;
}

function requireSquare(a: Matrix, field: string): void {
  if (a.rows !== a.cols) throw new AnalyticsError('INVALID_ARGUMENT', `${field} must be square, got ${a.rows}x${a.cols}`, field);
}

/**
 * Cholesky factor: lower-triangular L with A = L L' for a symmetric positive-definite A (only the
 * lower triangle of A is read). Throws NOT_POSITIVE_DEFINITE naming the failing pivot when a pivot
 * is not positive (A is singular, indefinite or not symmetric enough to matter).
 * @example cholesky(createMatrix(2, 2, [4, 2, 2, 3])).data // [2, 0, 1, 1.414...]
 */
export function cholesky(a: Matrix): Matrix {
  requireSquare(a, 'a');
  const n = a.rows;
  const l = createMatrix(n, n);
  const L = l.data, A = a.data;
  for (let j = 0; j < n; j++) {
    let d = A[j * n + j];
    for (let k = 0; k < j; k++) d -= L[j * n + k] * L[j * n + k];
    if (!(d > 0) || !Number.isFinite(d)) {
      throw new AnalyticsError('NOT_POSITIVE_DEFINITE', `matrix is not positive definite: pivot ${j} is ${d}`, 'a');
    }
    const ljj = Math.sqrt(d);
    L[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = A[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      L[i * n + j] = s / ljj;
    }
  }
  return l;
}

/**
 * Solves (L L') x = b given the Cholesky factor L from {@link cholesky}.
 * @example choleskySolve(cholesky(a), new Float64Array([1, 2]))
 */
export function choleskySolve(l: Matrix, b: ArrayLike<number>): Float64Array {
  const n = l.rows;
  if (b.length !== n) throw new AnalyticsError('LENGTH_MISMATCH', `right-hand side has ${b.length} values, expected ${n}`, 'b');
  const L = l.data;
  const y = Float64Array.from(b as ArrayLike<number>);
  for (let i = 0; i < n; i++) {
    let s = y[i];
    for (let k = 0; k < i; k++) s -= L[i * n + k] * y[k];
    y[i] = s / L[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * y[k];
    y[i] = s / L[i * n + i];
  }
  return y;
}

/**
 * Solves A x = b for symmetric positive-definite A by Cholesky. Throws NOT_POSITIVE_DEFINITE otherwise.
 * @example solveSpd(createMatrix(2, 2, [4, 2, 2, 3]), [2, 1]) // [0.5, 0]
 */
export function solveSpd(a: Matrix, b: ArrayLike<number>): Float64Array {
  return choleskySolve(cholesky(a), b);
}

/**
 * Householder QR of an n x k matrix (n >= k), A = Q R, without column pivoting.
 * `packed` holds R on and above the diagonal and the Householder vectors v_j (with v_j[j] = 1 implied)
 * below it, LAPACK style; reflector j is H_j = I - tau_j v_j v_j'.
 * `rank` counts leading columns with |R_jj| > RANK_TOLERANCE * ||A_j|| (the column's norm), the same
 * relative test R's `lm` applies (tolerance 1e-7): a column that is numerically a combination of the
 * earlier ones makes the fit rank deficient.
 */
export interface QrDecomposition {
  readonly rows: number;
  readonly cols: number;
  readonly packed: Matrix;
  readonly tau: Float64Array;
  readonly rank: number;
  /** Index of the first column found (numerically) dependent on earlier ones, or -1. */
  readonly firstDependentColumn: number;
}

/** Relative tolerance on |R_jj| / ||A_j|| below which column j counts as collinear (R's lm uses 1e-7). */
export const RANK_TOLERANCE = 1e-7;

/**
 * Householder QR decomposition (see {@link QrDecomposition}). Needs rows >= cols.
 * @example const qr = qrDecompose(design); qr.rank === design.cols
 */
export function qrDecompose(a: Matrix): QrDecomposition {
  const n = a.rows, k = a.cols;
  if (n < k) throw new AnalyticsError('INSUFFICIENT_DATA', `QR needs at least as many rows as columns, got ${n}x${k}`, 'a');
  const packed = createMatrix(n, k, a.data);
  const R = packed.data;
  const tau = new Float64Array(k);
  const colNorm = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += R[i * k + j] * R[i * k + j];
    colNorm[j] = Math.sqrt(s);
  }
  let firstDependentColumn = -1;
  for (let j = 0; j < k; j++) {
    // Norm of the trailing part of column j, scaled against overflow.
    let scale = 0;
    for (let i = j; i < n; i++) scale = Math.max(scale, Math.abs(R[i * k + j]));
    let norm = 0;
    if (scale > 0) {
      let s = 0;
      for (let i = j; i < n; i++) {
        const v = R[i * k + j] / scale;
        s += v * v;
      }
      norm = scale * Math.sqrt(s);
    }
    if (firstDependentColumn < 0 && !(norm > RANK_TOLERANCE * colNorm[j])) firstDependentColumn = j;
    if (norm === 0) {
      tau[j] = 0;
      continue;
    }
    const x0 = R[j * k + j];
    const alpha = x0 >= 0 ? -norm : norm; // R_jj = alpha; sign chosen to avoid cancellation in v_0 = x0 - alpha
    const v0 = x0 - alpha;
    for (let i = j + 1; i < n; i++) R[i * k + j] /= v0;
    tau[j] = (alpha - x0) / alpha;
    R[j * k + j] = alpha;
    // Apply H_j to the remaining columns: c -= tau v (v' c).
    for (let c = j + 1; c < k; c++) {
      let dot = R[j * k + c];
      for (let i = j + 1; i < n; i++) dot += R[i * k + j] * R[i * k + c];
      dot *= tau[j];
      R[j * k + c] -= dot;
      for (let i = j + 1; i < n; i++) R[i * k + c] -= dot * R[i * k + j];
    }
  }
  const rank = firstDependentColumn < 0 ? k : firstDependentColumn;
  return { rows: n, cols: k, packed, tau, rank, firstDependentColumn };
}

/**
 * Overwrites `b` (length n) with Q' b.
 * @example applyQTranspose(qr, y) // y now holds Q'y; its first k entries are the rotated targets
 */
export function applyQTranspose(qr: QrDecomposition, b: Float64Array): Float64Array {
  const { rows: n, cols: k } = qr;
  if (b.length !== n) throw new AnalyticsError('LENGTH_MISMATCH', `vector has ${b.length} values, expected ${n}`, 'b');
  const R = qr.packed.data;
  for (let j = 0; j < k; j++) {
    const t = qr.tau[j];
    if (t === 0) continue;
    let dot = b[j];
    for (let i = j + 1; i < n; i++) dot += R[i * k + j] * b[i];
    dot *= t;
    b[j] -= dot;
    for (let i = j + 1; i < n; i++) b[i] -= dot * R[i * k + j];
  }
  return b;
}

/**
 * Upper-triangular k x k factor R.
 * @example qrR(qrDecompose(a)).rows === a.cols
 */
export function qrR(qr: QrDecomposition): Matrix {
  const k = qr.cols;
  const r = createMatrix(k, k);
  for (let i = 0; i < k; i++) for (let j = i; j < k; j++) r.data[i * k + j] = qr.packed.data[i * k + j];
  return r;
}

/**
 * Thin Q factor transposed: the k x n matrix Q1' whose rows are the first k columns of Q, so that
 * Q1' y is k dot products over contiguous memory (used to solve many right-hand sides fast).
 * @example const qt = thinQTransposed(qr); // qt.rows === k, qt.cols === n
 */
export function thinQTransposed(qr: QrDecomposition): Matrix {
  const { rows: n, cols: k } = qr;
  const qt = createMatrix(k, n);
  const R = qr.packed.data;
  // Q e_c = H_0 H_1 ... H_{k-1} e_c: apply reflectors in reverse to each unit vector.
  const col = new Float64Array(n);
  for (let c = 0; c < k; c++) {
    col.fill(0);
    col[c] = 1;
    for (let j = k - 1; j >= 0; j--) {
      const t = qr.tau[j];
      if (t === 0) continue;
      let dot = col[j];
      for (let i = j + 1; i < n; i++) dot += R[i * k + j] * col[i];
      dot *= t;
      col[j] -= dot;
      for (let i = j + 1; i < n; i++) col[i] -= dot * R[i * k + j];
    }
    qt.data.set(col, c * n);
  }
  return qt;
}

/**
 * Solves R x = z in place for the upper-triangular R stored in `qr.packed` (first k entries of z).
 * @internal used by {@link qrSolve} and the batched regression kernel.
 */
export function backSubstitute(qr: QrDecomposition, z: Float64Array): Float64Array {
  const k = qr.cols;
  const R = qr.packed.data;
  const x = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let s = z[i];
    for (let j = i + 1; j < k; j++) s -= R[i * k + j] * x[j];
    x[i] = s / R[i * k + i];
  }
  return x;
}

/**
 * Least-squares solution x minimizing ||A x - b||_2 from a QR decomposition: x = R^{-1} (Q' b)_{1..k}.
 * Throws RANK_DEFICIENT when the decomposition is not of full column rank.
 * @example qrSolve(qrDecompose(createMatrix(3, 1, [1, 1, 1])), [1, 2, 3]) // [2]
 */
export function qrSolve(qr: QrDecomposition, b: ArrayLike<number>): Float64Array {
  if (qr.rank < qr.cols) {
    throw new AnalyticsError('RANK_DEFICIENT', `design matrix is rank deficient: column ${qr.firstDependentColumn} is collinear with earlier columns`, 'a');
  }
  const z = applyQTranspose(qr, Float64Array.from(b as ArrayLike<number>));
  return backSubstitute(qr, z);
}

/**
 * Least squares min ||A x - b|| by Householder QR (never the normal equations).
 * @example leastSquares(createMatrix(3, 2, [1, 0, 1, 1, 1, 2]), [1, 3, 5]) // [1, 2]
 */
export function leastSquares(a: Matrix, b: ArrayLike<number>): Float64Array {
  if (b.length !== a.rows) throw new AnalyticsError('LENGTH_MISMATCH', `right-hand side has ${b.length} values, expected ${a.rows}`, 'b');
  return qrSolve(qrDecompose(a), b);
}

/**
 * (R'R)^{-1} = (A'A)^{-1} from the R factor, as R^{-1} R^{-T}; the unscaled covariance of OLS coefficients.
 * Requires full rank.
 * @example const xtxInv = qrInverseGram(qr); // se_j = sigma * sqrt(xtxInv[j, j])
 */
export function qrInverseGram(qr: QrDecomposition): Matrix {
  if (qr.rank < qr.cols) throw new AnalyticsError('RANK_DEFICIENT', 'design matrix is rank deficient', 'a');
  const k = qr.cols;
  const R = qr.packed.data;
  // Rinv upper triangular: solve R Rinv = I column by column.
  const rinv = new Float64Array(k * k);
  for (let c = 0; c < k; c++) {
    for (let i = c; i >= 0; i--) {
      let s = i === c ? 1 : 0;
      for (let j = i + 1; j <= c; j++) s -= R[i * k + j] * rinv[j * k + c];
      rinv[i * k + c] = s / R[i * k + i];
    }
  }
  const g = createMatrix(k, k);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let s = 0;
      for (let m = j; m < k; m++) s += rinv[i * k + m] * rinv[j * k + m];
      g.data[i * k + j] = s;
      g.data[j * k + i] = s;
    }
  }
  return g;
}

/** Eigen-decomposition of a symmetric matrix: A = V diag(values) V'. */
export interface SymmetricEigen {
  /** Eigenvalues in descending order. */
  readonly values: Float64Array;
  /** Orthonormal eigenvectors as columns: column j of `vectors` belongs to `values[j]`. */
  readonly vectors: Matrix;
}

/**
 * Symmetric eigen-decomposition: Householder reduction to tridiagonal form, then the implicit QL
 * method with Wilkinson-style shifts (EISPACK tred2/tql2, as in JAMA). Reads the full matrix and
 * symmetrizes it as (A + A') / 2. Backward stable (eigenvalues accurate to a few ulp of ||A||),
 * about 10 n^3 flops with vectors: ~40 ms for n = 200. Throws NO_CONVERGENCE if an eigenvalue
 * needs more than 60 QL iterations (not expected for finite input).
 * @example symmetricEigen(createMatrix(2, 2, [2, 1, 1, 2])).values // [3, 1]
 */
export function symmetricEigen(a: Matrix): SymmetricEigen {
  requireSquare(a, 'a');
  const n = a.rows;
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = 0.5 * (a.data[i * n + j] + a.data[j * n + i]);
      if (!Number.isFinite(v)) throw new AnalyticsError('INVALID_ARGUMENT', `matrix entry (${i}, ${j}) is not finite`, 'a');
      V[i * n + j] = v;
    }
  }
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  if (n > 0) {
    tridiagonalize(V, d, e, n);
    tridiagonalQl(V, d, e, n);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => d[j] - d[i]);
  const values = new Float64Array(n);
  const vectors = createMatrix(n, n);
  order.forEach((src, dst) => {
    values[dst] = d[src];
    for (let r = 0; r < n; r++) vectors.data[r * n + dst] = V[r * n + src];
  });
  return { values, vectors };
}

function hypot(x: number, y: number): number {
  const a = Math.abs(x), b = Math.abs(y);
  if (a > b) {
    const r = b / a;
    return a * Math.sqrt(1 + r * r);
  }
  if (b === 0) return 0;
  const r = a / b;
  return b * Math.sqrt(1 + r * r);
}

/** Householder tridiagonalization (EISPACK tred2): on return V holds the orthogonal transform, d the diagonal, e the subdiagonal in e[1..n-1]. */
function tridiagonalize(V: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) d[j] = V[(n - 1) * n + j];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = V[(i - 1) * n + j];
        V[i * n + j] = 0;
        V[j * n + i] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j];
        V[j * n + i] = f;
        g = e[j] + V[j * n + j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += V[k * n + j] * d[k];
          e[k] += V[k * n + j] * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        for (let k = j; k <= i - 1; k++) V[k * n + j] -= f * e[k] + g * d[k];
        d[j] = V[(i - 1) * n + j];
        V[i * n + j] = 0;
      }
    }
    d[i] = h;
  }
  // Accumulate the transformations.
  for (let i = 0; i < n - 1; i++) {
    V[(n - 1) * n + i] = V[i * n + i];
    V[i * n + i] = 1;
    const h = d[i + 1];
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = V[k * n + i + 1] / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += V[k * n + i + 1] * V[k * n + j];
        for (let k = 0; k <= i; k++) V[k * n + j] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) V[k * n + i + 1] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = V[(n - 1) * n + j];
    V[(n - 1) * n + j] = 0;
  }
  V[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}

/** Implicit QL on the tridiagonal (d, e) from {@link tridiagonalize} (EISPACK tql2), accumulating rotations into V. */
function tridiagonalQl(V: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = Number.EPSILON;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n - 1 && Math.abs(e[m]) > eps * tst1) m++;
    if (m > l) {
      let iterations = 0;
      do {
        if (++iterations > 60) throw new AnalyticsError('NO_CONVERGENCE', `eigenvalue ${l} did not converge in 60 QL iterations`, 'a');
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1, c2 = c, c3 = c;
        const el1 = e[l + 1];
        let s = 0, s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          for (let k = 0; k < n; k++) {
            const o = k * n;
            const vk1 = V[o + i + 1];
            V[o + i + 1] = s * V[o + i] + c * vk1;
            V[o + i] = c * V[o + i] - s * vk1;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
}
