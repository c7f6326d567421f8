import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnalyticsError } from './analytics-error.js';
import { repairCovariance } from './correlation.js';
import { covarianceMatrix, ewmaCovariance, ledoitWolf } from './covariance.js';
import { cholesky, createMatrix, symmetricEigen, type Matrix } from './linear-algebra.js';
import { createRng } from './random.js';
import { populationVariance, variance } from './statistics.js';
import { ewmaVolatilitySeries } from './volatility.js';

function columns(seed: number, k: number, n: number): Float64Array[] {
  const rng = createRng(seed);
  const common = rng.fillNormal(new Float64Array(n));
  return Array.from({ length: k }, (_, j) => {
    const own = rng.fillNormal(new Float64Array(n));
    return own.map((v, t) => 0.01 * (v + (j % 3) * 0.5 * common[t]));
  });
}

const minEigen = (m: Matrix): number => symmetricEigen(m).values[m.rows - 1];

describe('sample covariance', () => {
  it('has variances on the diagonal and is symmetric', () => {
    const cols = columns(1, 4, 100);
    const c = covarianceMatrix(cols);
    cols.forEach((col, j) => expect(c.data[j * 4 + j]).toBeCloseTo(variance(col), 16));
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expect(c.data[i * 4 + j]).toBe(c.data[j * 4 + i]);
  });
  it('treats NaN by policy: error by default, listwise or pairwise on request', () => {
    const cols = columns(2, 3, 50);
    cols[1][4] = NaN;
    expect(() => covarianceMatrix(cols)).toThrowError(/missing/);
    const complete = covarianceMatrix(cols, { missing: 'complete' });
    const dropped = cols.map((c) => c.filter((_, t) => t !== 4));
    expect(complete.data[0]).toBeCloseTo(variance(dropped[0]), 16);
    const pairwise = covarianceMatrix(cols, { missing: 'pairwise' });
    expect(pairwise.data[0]).toBeCloseTo(variance(cols[0]), 16); // column 0 keeps all 50 rows on its own
  });
  it('rejects length mismatch, infinities and too few rows', () => {
    expect(() => covarianceMatrix([[1, 2, 3], [1, 2]])).toThrow(AnalyticsError);
    expect(() => covarianceMatrix([[1, Infinity, 3]])).toThrowError(/infinite/);
    expect(() => covarianceMatrix([[1]])).toThrowError(/needs 2/);
    expect(() => covarianceMatrix([[1, NaN, 3], [NaN, 2, NaN]], { missing: 'pairwise' })).toThrowError(/share 0/);
  });
});

describe('EWMA covariance', () => {
  it('has the EWMA volatility variances on its diagonal', () => {
    const cols = columns(3, 3, 200);
    const c = ewmaCovariance(cols, { lambda: 0.94 });
    cols.forEach((col, j) => {
      const vol = ewmaVolatilitySeries(col, { lambda: 0.94 }).at(-1)!;
      expect(Math.sqrt(252 * c.data[j * 3 + j])).toBeCloseTo(vol, 14);
    });
    const seeded = ewmaCovariance(cols, { initial: covarianceMatrix(cols) });
    expect(seeded.data[0]).toBeGreaterThan(0);
    expect(() => ewmaCovariance(cols, { lambda: 1.5 })).toThrowError(/lambda/);
  });
});

describe('Ledoit-Wolf', () => {
  it('shrinks more when there are few observations per asset, and stays positive definite when k > n', () => {
    const many = ledoitWolf(columns(4, 10, 1000));
    const few = ledoitWolf(columns(4, 10, 30));
    expect(few.shrinkage).toBeGreaterThan(many.shrinkage);
    const wide = ledoitWolf(columns(5, 40, 20));
    expect(wide.shrinkage).toBeGreaterThan(0);
    expect(() => cholesky(wide.covariance)).not.toThrow();
  });
  it('keeps the average variance (trace) of the divisor-n sample covariance', () => {
    const cols = columns(6, 5, 60);
    const lw = ledoitWolf(cols);
    let trace = 0;
    for (let j = 0; j < 5; j++) trace += lw.covariance.data[j * 5 + j];
    const sampleTrace = cols.reduce((s, c) => s + populationVariance(c), 0);
    expect(trace).toBeCloseTo(sampleTrace, 15);
    expect(lw.target).toBeCloseTo(sampleTrace / 5, 16);
  });
});

describe('PSD repair of covariance (property)', () => {
  it('a repaired pairwise covariance is PSD and keeps the variances', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 3, max: 8 }), (seed, k) => {
        const rng = createRng(seed);
        const cols = columns(seed, k, 40);
        // Heavy, different gaps per column make the pairwise estimate inconsistent (often indefinite).
        for (const c of cols) for (let t = 0; t < 40; t++) if (rng.uniform() < 0.45) c[t] = NaN;
        let pairwise: Matrix;
        try {
          pairwise = covarianceMatrix(cols, { missing: 'pairwise' });
        } catch {
          return; // some pair overlapped in < 2 rows: nothing to repair
        }
        const fixed = repairCovariance(pairwise);
        const scale = Math.max(...Array.from({ length: k }, (_, j) => fixed.data[j * k + j]));
        expect(minEigen(fixed)).toBeGreaterThanOrEqual(-1e-12 * scale);
        for (let j = 0; j < k; j++) expect(fixed.data[j * k + j]).toBeCloseTo(pairwise.data[j * k + j], 14);
      }),
      { seed: 77, numRuns: 60 },
    );
  });
  it('with minEigenvalue the repaired matrix is Cholesky-factorable', () => {
    const bad = createMatrix(3, 3, [4, 3.9, -3.9, 3.9, 4, 3.9, -3.9, 3.9, 4]);
    expect(() => cholesky(bad)).toThrow(AnalyticsError);
    const fixed = repairCovariance(bad, { minEigenvalue: 1e-6 });
    expect(() => cholesky(fixed)).not.toThrow();
  });
});
