import { describe, expect, it } from 'vitest';
import { AnalyticsError } from './analytics-error.js';
import { createRng } from './random.js';
import {
  cholesky, choleskySolve, createMatrix, crossProduct, identity, leastSquares, matrixFromColumns,
  matrixFromRows, multiply, multiplyVector, qrDecompose, qrInverseGram, qrR, solveSpd, symmetricEigen,
  thinQTransposed, transpose, type Matrix,
} from './linear-algebra.js';

function randomMatrix(rows: number, cols: number, seed: number): Matrix {
  const m = createMatrix(rows, cols);
  createRng(seed).fillNormal(m.data);
  return m;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

describe('matrix helpers', () => {
  it('multiplies, transposes and builds from rows or columns (row-major)', () => {
    const a = matrixFromRows([[1, 2, 3], [4, 5, 6]]);
    expect(Array.from(a.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(matrixFromColumns([[1, 4], [2, 5], [3, 6]]).data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(transpose(a).data)).toEqual([1, 4, 2, 5, 3, 6]);
    expect(Array.from(multiply(a, transpose(a)).data)).toEqual([14, 32, 32, 77]);
    expect(Array.from(crossProduct(a).data)).toEqual(Array.from(multiply(transpose(a), a).data));
    expect(Array.from(multiplyVector(a, [1, 1, 1]))).toEqual([6, 15]);
    expect(() => multiply(a, a)).toThrow(AnalyticsError);
    expect(() => createMatrix(2, 2, [1, 2, 3])).toThrow(AnalyticsError);
  });
});

describe('cholesky', () => {
  it('factors an SPD matrix and solves with it', () => {
    const x = randomMatrix(30, 5, 1);
    const a = crossProduct(x);
    const l = cholesky(a);
    expect(maxAbsDiff(multiply(l, transpose(l)).data, a.data)).toBeLessThan(1e-12);
    const b = [1, 2, 3, 4, 5];
    const sol = choleskySolve(l, b);
    expect(maxAbsDiff(multiplyVector(a, sol), b)).toBeLessThan(1e-12);
    expect(maxAbsDiff(solveSpd(a, b), sol)).toBe(0);
  });

  it('raises NOT_POSITIVE_DEFINITE with the failing pivot', () => {
    const a = matrixFromRows([[1, 2], [2, 1]]);
    expect(() => cholesky(a)).toThrowError(/pivot 1/);
    try { cholesky(a); } catch (e) { expect((e as AnalyticsError).code).toBe('NOT_POSITIVE_DEFINITE'); }
  });
});

describe('Householder QR', () => {
  it('reproduces A = Q R with orthonormal Q and solves least squares', () => {
    const a = randomMatrix(40, 6, 2);
    const qr = qrDecompose(a);
    expect(qr.rank).toBe(6);
    const q = transpose(thinQTransposed(qr));
    expect(maxAbsDiff(multiply(q, qrR(qr)).data, a.data)).toBeLessThan(1e-13);
    expect(maxAbsDiff(crossProduct(q).data, identity(6).data)).toBeLessThan(1e-14);
    const beta = [1, -2, 0.5, 3, 0, 7];
    const y = multiplyVector(a, beta);
    expect(maxAbsDiff(leastSquares(a, y), beta)).toBeLessThan(1e-12);
    const inv = qrInverseGram(qr);
    expect(maxAbsDiff(multiply(crossProduct(a), inv).data, identity(6).data)).toBeLessThan(1e-12);
  });

  it('flags a collinear column as rank deficient', () => {
    const cols = [[1, 1, 1, 1], [1, 2, 3, 4], [2, 4, 6, 8]];
    const qr = qrDecompose(matrixFromColumns(cols));
    expect(qr.rank).toBe(2);
    expect(qr.firstDependentColumn).toBe(2);
    expect(() => leastSquares(matrixFromColumns(cols), [1, 2, 3, 4])).toThrowError(/rank deficient/);
    expect(() => qrDecompose(createMatrix(2, 3))).toThrow(AnalyticsError);
  });
});

describe('symmetric eigen (tridiagonal QL)', () => {
  it('diagonalizes a symmetric matrix with orthonormal eigenvectors, values descending', () => {
    const x = randomMatrix(20, 8, 3);
    const a = crossProduct(x);
    const { values, vectors } = symmetricEigen(a);
    for (let i = 1; i < 8; i++) expect(values[i]).toBeLessThanOrEqual(values[i - 1]);
    const d = createMatrix(8, 8);
    for (let i = 0; i < 8; i++) d.data[i * 8 + i] = values[i];
    const rebuilt = multiply(multiply(vectors, d), transpose(vectors));
    expect(maxAbsDiff(rebuilt.data, a.data)).toBeLessThan(1e-11);
    expect(maxAbsDiff(crossProduct(vectors).data, identity(8).data)).toBeLessThan(1e-13);
    expect(Array.from(symmetricEigen(matrixFromRows([[2, 1], [1, 2]])).values).map((v) => +v.toFixed(12))).toEqual([3, 1]);
  });

  it('handles larger, rank-deficient, repeated-eigenvalue and trivial matrices', () => {
    for (const [rows, cols, seed] of [[60, 60, 4], [10, 40, 5]] as const) {
      const x = randomMatrix(rows, cols, seed);
      const a = crossProduct(x); // 40 x 40 of rank 10 in the second case
      const { values, vectors } = symmetricEigen(a);
      const n = a.rows;
      const d = createMatrix(n, n);
      for (let i = 0; i < n; i++) d.data[i * n + i] = values[i];
      const scale = values[0];
      expect(maxAbsDiff(multiply(multiply(vectors, d), transpose(vectors)).data, a.data)).toBeLessThan(1e-12 * scale);
      expect(maxAbsDiff(crossProduct(vectors).data, identity(n).data)).toBeLessThan(1e-12);
      if (rows < cols) for (let i = rows; i < n; i++) expect(Math.abs(values[i])).toBeLessThan(1e-12 * scale);
    }
    const id = symmetricEigen(identity(4));
    expect(Array.from(id.values)).toEqual([1, 1, 1, 1]);
    expect(maxAbsDiff(crossProduct(id.vectors).data, identity(4).data)).toBeLessThan(1e-15);
    expect(Array.from(symmetricEigen(createMatrix(3, 3)).values)).toEqual([0, 0, 0]);
    expect(Array.from(symmetricEigen(createMatrix(1, 1, [-2])).values)).toEqual([-2]);
    expect(Array.from(symmetricEigen(matrixFromRows([[3, 0, 0], [0, -1, 0], [0, 0, 2]])).values)).toEqual([3, 2, -1]);
    expect(() => symmetricEigen(createMatrix(2, 3))).toThrow(AnalyticsError);
  });
});
