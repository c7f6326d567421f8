import { describe, expect, it } from 'vitest';
import { createRng, normalDraws, normalDrawsByColumn, seedFromString } from './random.js';

describe('createRng', () => {
  it('repeats the same sequence for the same seed and differs for another seed', () => {
    const a = createRng(7), b = createRng(7), c = createRng(8);
    const xa = Array.from({ length: 5 }, () => a.uniform());
    const xb = Array.from({ length: 5 }, () => b.uniform());
    const xc = Array.from({ length: 5 }, () => c.uniform());
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
  });

  it('draws uniforms in [0,1) with mean 1/2 and normals with mean 0 and variance 1', () => {
    const rng = createRng(123);
    const n = 200_000;
    let su = 0, sn = 0, sn2 = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      su += u;
      const z = rng.normal();
      sn += z;
      sn2 += z * z;
    }
    // Standard errors: uniform mean 0.29/sqrt(n) ~ 6.5e-4; normal mean 1/sqrt(n) ~ 2.2e-3; variance sqrt(2/n) ~ 3.2e-3.
    expect(Math.abs(su / n - 0.5)).toBeLessThan(0.003);
    expect(Math.abs(sn / n)).toBeLessThan(0.01);
    expect(Math.abs(sn2 / n - 1)).toBeLessThan(0.015);
  });

  it('hashes strings to stable seeds', () => {
    expect(seedFromString('AAPL')).toBe(seedFromString('AAPL'));
    expect(seedFromString('AAPL')).not.toBe(seedFromString('MSFT'));
  });
});

describe('normalDraws', () => {
  it('is the seed stream of normal() from the first draw, whatever was asked before', () => {
    const fresh = (seed: number, count: number) => { const rng = createRng(seed); return Float64Array.from({ length: count }, () => rng.normal()); };
    expect(normalDraws(5, 7)).toEqual(fresh(5, 7));
    expect(normalDraws(5, 3001)).toEqual(fresh(5, 3001));
    expect(normalDraws(5, 10)).toEqual(fresh(5, 10));
    expect(normalDraws(6, 10)).toEqual(fresh(6, 10));
    expect(normalDraws(6, 10)).not.toEqual(fresh(5, 10));
  });
});

describe('normalDrawsByColumn', () => {
  it('is the seed stream read as a rows x cols matrix in row order, stored column after column, whatever was cached', () => {
    const check = (seed: number, rows: number, cols: number) => {
      const z = normalDraws(seed, rows * cols);
      const byColumn = normalDrawsByColumn(seed, rows, cols);
      expect(byColumn.length).toBe(rows * cols);
      let differing = 0;
      for (let s = 0; s < rows; s++) for (let j = 0; j < cols; j++) if (!Object.is(byColumn[j * rows + s], z[s * cols + j])) differing++;
      expect(differing).toBe(0);
    };
    check(5, 7, 3);
    check(5, 3, 7);
    const first = normalDrawsByColumn(9, 200_000, 1);
    expect(normalDrawsByColumn(9, 200_000, 1)).toBe(first);
    // 1.6 MB a column, 58 MB in all, over the 32 MB kept: the first ones are dropped, and come back equal.
    for (let cols = 1; cols <= 8; cols++) check(9, 200_000, cols);
    const again = normalDrawsByColumn(9, 200_000, 1);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    check(5, 7, 3);
  });
});
