import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnalyticsError } from './analytics-error.js';
import { correlationMatrix, nearestCorrelation, returnCorrelation } from './correlation.js';
import { covarianceMatrix } from './covariance.js';
import { createMatrix, matrixFromRows, symmetricEigen } from './linear-algebra.js';
import { createRng } from './random.js';

describe('correlationMatrix', () => {
  it('equals cov_ij / (sd_i sd_j) and the simple/log variants differ only slightly', () => {
    const rng = createRng(9);
    const a = rng.fillNormal(new Float64Array(60)).map((v) => 0.01 * v);
    const b = a.map((v) => 0.5 * v + 0.01 * rng.normal());
    const c = covarianceMatrix([a, b]).data;
    expect(correlationMatrix([a, b]).data[1]).toBeCloseTo(c[1] / Math.sqrt(c[0] * c[3]), 15);
    const pa = [100], pb = [50];
    for (let t = 0; t < 60; t++) { pa.push(pa[t] * (1 + a[t])); pb.push(pb[t] * (1 + b[t])); }
    expect(returnCorrelation([pa, pb], 'simple').data[1]).toBeCloseTo(correlationMatrix([a, b]).data[1], 12);
    expect(Math.abs(returnCorrelation([pa, pb], 'log').data[1] - correlationMatrix([a, b]).data[1])).toBeLessThan(0.01);
  });

  it('pairwise uses each pair\'s own overlap and its own means', () => {
    const x = [1, 2, 3, 4, NaN, 6];
    const y = [2, 1, 4, 3, 9, NaN];
    const r = correlationMatrix([x, y], { missing: 'pairwise' }).data[1];
    expect(r).toBeCloseTo(correlationMatrix([[1, 2, 3, 4], [2, 1, 4, 3]]).data[1], 15);
  });

  it('rejects constant columns, too little overlap and NaN without a policy', () => {
    expect(() => correlationMatrix([[1, 1, 1], [1, 2, 3]])).toThrowError(/constant/);
    expect(() => correlationMatrix([[1, NaN], [1, 2]])).toThrowError(/missing/);
    expect(() => correlationMatrix([[1, NaN, 3], [NaN, 2, 5]], { missing: 'pairwise' })).toThrow(AnalyticsError);
  });

  it('is symmetric with unit diagonal and entries in [-1, 1] (property, with and without gaps)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e9 }),
        fc.integer({ min: 2, max: 7 }),
        fc.integer({ min: 5, max: 80 }),
        fc.constantFrom<'error' | 'pairwise'>('error', 'pairwise'),
        (seed, k, n, missing) => {
          const rng = createRng(seed);
          const common = rng.fillNormal(new Float64Array(n));
          const cols = Array.from({ length: k }, () => {
            const w = 2 * rng.uniform() - 1;
            return Float64Array.from(common, (c) => w * c + rng.normal() * rng.uniform());
          });
          if (missing === 'pairwise') for (const c of cols) c[Math.floor(rng.uniform() * n)] = NaN;
          const r = correlationMatrix(cols, { missing }).data;
          for (let i = 0; i < k; i++) {
            expect(r[i * k + i]).toBe(1);
            for (let j = 0; j < k; j++) {
              expect(r[i * k + j]).toBe(r[j * k + i]);
              expect(Math.abs(r[i * k + j])).toBeLessThanOrEqual(1);
            }
          }
        },
      ),
      { seed: 4242, numRuns: 100 },
    );
  });
});

describe('nearestCorrelation (Higham 2002)', () => {
  it('reproduces Higham\'s 3x3 example', () => {
    // Higham (2002), section 4: A = [1 1 0; 1 1 1; 0 1 1] has nearest correlation matrix
    // [1 0.7607 0.1573; 0.7607 1 0.7607; 0.1573 0.7607 1] (4 decimals in the paper).
    const { matrix, iterations } = nearestCorrelation(matrixFromRows([[1, 1, 0], [1, 1, 1], [0, 1, 1]]));
    expect(iterations).toBeGreaterThan(0);
    const d = matrix.data;
    expect(d[1]).toBeCloseTo(0.7607, 4);
    expect(d[2]).toBeCloseTo(0.1573, 4);
    expect(d[5]).toBeCloseTo(0.7607, 4);
    expect([d[0], d[4], d[8]]).toEqual([1, 1, 1]);
    expect(symmetricEigen(matrix).values[2]).toBeGreaterThan(-1e-14);
  });

  it('leaves a valid correlation matrix alone and honours minEigenvalue', () => {
    const ok = createMatrix(2, 2, [1, 0.3, 0.3, 1]);
    expect(nearestCorrelation(ok)).toEqual({ matrix: ok, iterations: 0 });
    const fixed = nearestCorrelation(matrixFromRows([[1, 0.99, -0.99], [0.99, 1, 0.99], [-0.99, 0.99, 1]]), { minEigenvalue: 1e-4 });
    expect(symmetricEigen(fixed.matrix).values[2]).toBeGreaterThan(0.5e-4);
  });

  it('output is PSD, symmetric, unit-diagonal for random symmetric input in [-1, 1] (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 7 }), fc.integer({ min: 1, max: 1e9 }), (k, seed) => {
        const rng = createRng(seed);
        const a = createMatrix(k, k);
        for (let i = 0; i < k; i++) {
          a.data[i * k + i] = 1;
          for (let j = i + 1; j < k; j++) a.data[i * k + j] = a.data[j * k + i] = 2 * rng.uniform() - 1;
        }
        const { matrix } = nearestCorrelation(a);
        expect(symmetricEigen(matrix).values[k - 1]).toBeGreaterThanOrEqual(-1e-12);
        for (let i = 0; i < k; i++) {
          expect(matrix.data[i * k + i]).toBe(1);
          for (let j = 0; j < k; j++) expect(matrix.data[i * k + j]).toBe(matrix.data[j * k + i]);
        }
      }),
      { seed: 99, numRuns: 60 },
    );
  });
});
