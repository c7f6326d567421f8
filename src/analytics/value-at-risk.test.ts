import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readColumn, readManagers } from '../../test/support/market-fixtures.js';
import { AnalyticsError } from './analytics-error.js';
import { cholesky, createMatrix, matrixFromRows } from './linear-algebra.js';
import { createRng, normalDraws } from './random.js';
import { normalInv, quantileSorted } from './statistics.js';
import {
  componentVar,
  cornishFisherQuantile,
  gaussianVar,
  historicalVar,
  modifiedVar,
  monteCarloDeltaGammaVar,
  monteCarloVar,
  overlappingReturns,
  valueAtRisk,
  type VarResult,
} from './value-at-risk.js';

interface GoldenVar {
  file: string;
  column: string;
  confidence: number;
  horizon: number;
  n: number;
  historicalVar: number;
  historicalEs: number;
  gaussianVar: number;
  gaussianEs: number;
  modifiedVar: number;
  modifiedEs: number;
}
interface GoldenComponent {
  label: string;
  exposures: number[];
  means: number[];
  covariance: number[][];
  confidence: number;
  horizon: number;
  valueAtRisk: number;
  expectedShortfall: number;
  standardDeviation: number;
  marginalVar: number[];
  componentVar: number[];
  componentEs: number[];
}

const golden = JSON.parse(readFileSync(new URL('../../test/golden/risk.json', import.meta.url), 'utf8')) as {
  var: GoldenVar[];
  componentVar: GoldenComponent[];
};

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

function defined(x: Float64Array): Float64Array {
  return x.filter((v) => !Number.isNaN(v));
}

function simple(prices: Float64Array): Float64Array {
  const out = new Float64Array(prices.length - 1);
  for (let i = 1; i < prices.length; i++) out[i - 1] = prices[i] / prices[i - 1] - 1;
  return out;
}

function seriesFor(file: string, column: string): Float64Array {
  if (file.startsWith('managers')) return defined(readManagers().columns[column]);
  if (file.startsWith('sp500')) return simple(readColumn(file, 'adj_close').values);
  return defined(readColumn(file, column).values);
}

describe('VaR and ES on HAM1 (shared/oracles/expected_output.txt [3], Python and R lines)', () => {
  const ham1 = defined(readManagers().columns.HAM1);
  // Oracle values are printed with 10 decimals (rounding <= 5e-11, i.e. < 2e-9 of these values):
  // 1e-8 relative is above that and far below any convention difference.
  it('historical VaR and ES at 95%', () => {
    const r = historicalVar(ham1, { confidence: 0.95 });
    expect(r.sampleSize).toBe(132);
    expect(rel(r.valueAtRisk, -0.02582)).toBeLessThan(1e-8);
    expect(rel(r.expectedShortfall, -0.0512571429)).toBeLessThan(1e-8);
    expect(r).toMatchObject({ method: 'historical', confidence: 0.95, horizon: 1 });
  });
  it('Gaussian VaR and ES at 95% (population sd)', () => {
    const r = gaussianVar(ham1);
    expect(rel(r.valueAtRisk, -0.030872927)).toBeLessThan(1e-8);
    expect(rel(r.expectedShortfall, -0.0415415174)).toBeLessThan(1e-8);
    expect(r.method).toBe('gaussian');
  });
  it('modified (Cornish-Fisher) VaR at 95%', () => {
    const r = modifiedVar(ham1);
    expect(rel(r.valueAtRisk, -0.0342295481)).toBeLessThan(1e-8);
    expect(r.method).toBe('modified');
  });
  it('reports positive dollar losses when a portfolio value is given', () => {
    const r = historicalVar(ham1, { portfolioValue: 1_000_000 });
    expect(r.varLoss).toBeCloseTo(25_820, 6);
    expect(r.esLoss).toBeCloseTo(51_257.1428571, 4);
    expect(gaussianVar(ham1).varLoss).toBeUndefined();
  });
});

describe('VaR and ES against test/golden/risk.json (numpy/scipy, PerformanceAnalytics conventions)', () => {
  // 1e-9 relative: both sides compute the same closed forms in double precision on the same data;
  // the differences are summation order in the moments (~1e-14 relative), so 1e-9 is generous.
  it(`matches ${golden.var.length} series x confidence x horizon cases`, () => {
    for (const g of golden.var) {
      const r = seriesFor(g.file, g.column);
      expect(r.length).toBe(g.n);
      const opts = { confidence: g.confidence, horizon: g.horizon };
      const h = historicalVar(r, opts), ga = gaussianVar(r, opts), m = modifiedVar(r, opts);
      const label = `${g.column} p=${g.confidence} h=${g.horizon}`;
      expect(rel(h.valueAtRisk, g.historicalVar), label).toBeLessThan(1e-9);
      expect(rel(h.expectedShortfall, g.historicalEs), label).toBeLessThan(1e-9);
      expect(rel(ga.valueAtRisk, g.gaussianVar), label).toBeLessThan(1e-9);
      expect(rel(ga.expectedShortfall, g.gaussianEs), label).toBeLessThan(1e-9);
      expect(rel(m.valueAtRisk, g.modifiedVar), label).toBeLessThan(1e-9);
      expect(rel(m.expectedShortfall, g.modifiedEs), label).toBeLessThan(1e-9);
      expect(h.horizon).toBe(g.horizon);
    }
  });
});

describe('componentVar against test/golden/risk.json (DJ30 covariance, Euler allocation)', () => {
  it('reproduces VaR, ES, marginal and component values', () => {
    for (const g of golden.componentVar) {
      const r = componentVar(g.exposures, matrixFromRows(g.covariance), { confidence: g.confidence, horizon: g.horizon, means: g.means });
      const label = `${g.label} p=${g.confidence} h=${g.horizon}`;
      // Same closed form in double precision; 1e-9 relative covers summation-order differences.
      expect(rel(r.valueAtRisk, g.valueAtRisk), label).toBeLessThan(1e-9);
      expect(rel(r.expectedShortfall, g.expectedShortfall), label).toBeLessThan(1e-9);
      expect(rel(r.standardDeviation, g.standardDeviation), label).toBeLessThan(1e-9);
      g.componentVar.forEach((c, i) => {
        expect(Math.abs(r.componentVar[i] - c), label).toBeLessThan(1e-9 * Math.abs(g.valueAtRisk));
        expect(Math.abs(r.marginalVar[i] - g.marginalVar[i]), label).toBeLessThan(1e-9 * Math.abs(g.marginalVar[i]) + 1e-15);
        expect(Math.abs(r.componentEs[i] - g.componentEs[i]), label).toBeLessThan(1e-9 * Math.abs(g.expectedShortfall));
      });
    }
  });
});

describe('componentVar properties', () => {
  const n = 4;
  const arb = fc.record({
    w: fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: n, maxLength: n }),
    a: fc.array(fc.double({ min: -0.05, max: 0.05, noNaN: true }), { minLength: n * n, maxLength: n * n }),
    mu: fc.array(fc.double({ min: -0.002, max: 0.002, noNaN: true }), { minLength: n, maxLength: n }),
    confidence: fc.double({ min: 0.9, max: 0.999, noNaN: true }),
    horizon: fc.integer({ min: 1, max: 20 }),
  });
  it('components sum to the total VaR and ES (Euler), percentages to 1', () => {
    fc.assert(
      fc.property(arb, ({ w, a, mu, confidence, horizon }) => {
        // Sigma = A A' + 1e-6 I is symmetric positive definite.
        const cov = createMatrix(n, n);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
          let s = i === j ? 1e-6 : 0;
          for (let k = 0; k < n; k++) s += a[i * n + k] * a[j * n + k];
          cov.data[i * n + j] = s;
        }
        if (w.every((x) => Math.abs(x) < 1)) return true;
        const r = componentVar(w, cov, { confidence, horizon, means: mu });
        const sum = r.componentVar.reduce((s, x) => s + x, 0);
        const sumEs = r.componentEs.reduce((s, x) => s + x, 0);
        const sumPct = r.percentContribution.reduce((s, x) => s + x, 0);
        const scale = r.standardDeviation + Math.abs(r.valueAtRisk);
        // Rounding only: n terms of size <= sum |w_i| |marginal_i|, so 1e-10 of the scale is ample.
        const absScale = w.reduce((s, x, i) => s + Math.abs(x * r.marginalVar[i]), 0) + scale;
        return Math.abs(sum - r.valueAtRisk) <= 1e-10 * absScale && Math.abs(sumEs - r.expectedShortfall) <= 1e-10 * (absScale + Math.abs(r.expectedShortfall)) &&
          (Math.abs(r.valueAtRisk) < 1e-9 * absScale || Math.abs(sumPct - 1) <= 1e-6);
      }),
    );
  });
  it('marginal VaR is the derivative of VaR in each exposure', () => {
    const cov = matrixFromRows([[4e-4, 1e-4, 0], [1e-4, 9e-4, -2e-4], [0, -2e-4, 1e-4]]);
    const w = [1e6, -4e5, 2.5e6];
    const base = componentVar(w, cov, { confidence: 0.99, horizon: 5 });
    for (let i = 0; i < 3; i++) {
      const hstep = 1;
      const up = componentVar(w.map((x, j) => (j === i ? x + hstep : x)), cov, { confidence: 0.99, horizon: 5 }).valueAtRisk;
      const dn = componentVar(w.map((x, j) => (j === i ? x - hstep : x)), cov, { confidence: 0.99, horizon: 5 }).valueAtRisk;
      // VaR is smooth on the scale of $1 vs $1e6 exposures: central-difference error ~1e-12 relative.
      expect(Math.abs((up - dn) / (2 * hstep) - base.marginalVar[i])).toBeLessThan(1e-7);
    }
  });
});

describe('horizon conventions', () => {
  const r = Float64Array.from({ length: 300 }, (_, i) => 0.01 * Math.sin(i * 1.7) + 0.002 * Math.cos(i * 0.3));
  it('historical uses overlapping compounded h-period returns', () => {
    expect(Array.from(overlappingReturns([0.1, -0.1, 0.1], 2)).map((x) => +x.toFixed(12))).toEqual([-0.01, -0.01]);
    const h5 = historicalVar(r, { horizon: 5 });
    const direct = historicalVar(overlappingReturns(r, 5));
    expect(h5.valueAtRisk).toBe(direct.valueAtRisk);
    expect(h5.sampleSize).toBe(296);
    expect(h5.horizon).toBe(5);
  });
  it('gaussian scales the mean by h and the sd by sqrt(h)', () => {
    const g1 = gaussianVar(r), g4 = gaussianVar(r, { horizon: 4 });
    const z = normalInv(0.05);
    const sd1 = (g1.valueAtRisk - g1.expectedShortfall) / (z + 0.05 ** -1 * Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI));
    const mu1 = g1.valueAtRisk - z * sd1;
    expect(g4.valueAtRisk).toBeCloseTo(4 * mu1 + z * 2 * sd1, 14);
  });
  it('modified with zero skew and kurtosis is gaussian', () => {
    expect(cornishFisherQuantile(0.01, 0, 0)).toBe(normalInv(0.01));
  });
});

describe('monteCarloVar', () => {
  const cov = matrixFromRows([[1e-4, 3e-5], [3e-5, 4e-5]]);
  const exposures = [
    { id: 'AAA', betas: [1.2, 0.1], specificVariance: 4e-5, deltaDollars: 600_000 },
    { id: 'BBB', betas: [0.8, -0.5], specificVariance: 9e-5, deltaDollars: -250_000 },
    { id: 'CCC', betas: [0.3, 1.1], specificVariance: 1e-5, deltaDollars: 400_000 },
  ];
  const input = { factorCovariance: cov, exposures, portfolioValue: 1_000_000 };

  it('is reproducible for a seed and differs across seeds', () => {
    const a = monteCarloVar(input, { seed: 42, simulations: 2000 });
    const b = monteCarloVar(input, { seed: 42, simulations: 2000 });
    const c = monteCarloVar(input, { seed: 43, simulations: 2000 });
    expect(a).toEqual(b);
    expect(a.valueAtRisk).not.toBe(c.valueAtRisk);
    expect(a).toMatchObject({ method: 'monte_carlo', confidence: 0.95, horizon: 1, sampleSize: 2000 });
  });

  it('agrees with the analytic Gaussian VaR of the same linear factor model', () => {
    // Portfolio variance: b' Sigma b + sum x_u^2 sigma_u^2 with b_k = sum_u x_u beta_uk.
    const b = [0, 0];
    let spec = 0;
    for (const e of exposures) {
      b[0] += e.deltaDollars * e.betas[0];
      b[1] += e.deltaDollars * e.betas[1];
      spec += e.deltaDollars ** 2 * e.specificVariance;
    }
    const variance = b[0] * (1e-4 * b[0] + 3e-5 * b[1]) + b[1] * (3e-5 * b[0] + 4e-5 * b[1]) + spec;
    const horizon = 10;
    const sigma = Math.sqrt(variance * horizon) / 1_000_000;
    const mc = monteCarloVar(input, { seed: 7, simulations: 200_000, horizon, confidence: 0.99 });
    const exact = normalInv(0.01) * sigma;
    // Standard error of a 1% quantile from 200k normal draws: sqrt(a(1-a)/n)/phi(z) sigma ~ 0.008 sigma;
    // allow 4 standard errors.
    expect(Math.abs(mc.valueAtRisk - exact)).toBeLessThan(0.035 * sigma);
    expect(mc.varLoss).toBeCloseTo(-mc.valueAtRisk * 1_000_000, 6);
  });

  it('adds the delta-gamma term: long gamma reduces the loss, short gamma increases it', () => {
    const one = (g: number) =>
      monteCarloVar(
        { factorCovariance: createMatrix(1, 1, [4e-4]), portfolioValue: 1e6, exposures: [{ id: 'X', betas: [1], specificVariance: 0, deltaDollars: 0, gammaDollarsPer1Pct: g }] },
        { seed: 3, simulations: 5000 },
      );
    // Pure gamma: P&L = 50 g r^2 >= 0 for g > 0, so VaR is >= 0; short gamma loses.
    expect(one(10_000).valueAtRisk).toBeGreaterThanOrEqual(0);
    expect(one(-10_000).valueAtRisk).toBeLessThan(0);
  });

  it('validates inputs', () => {
    expect(() => monteCarloVar({ ...input, portfolioValue: 0 })).toThrow(AnalyticsError);
    expect(() => monteCarloVar({ ...input, factorCovariance: matrixFromRows([[1, 2], [2, 1]]) })).toThrow(
      expect.objectContaining({ code: 'NOT_POSITIVE_DEFINITE' }),
    );
    expect(() => monteCarloVar({ ...input, exposures: [{ ...exposures[0], betas: [1] }] })).toThrow(
      expect.objectContaining({ code: 'LENGTH_MISMATCH' }),
    );
  });
});

describe('validation', () => {
  it('rejects bad confidence, horizon and data', () => {
    const r = [0.01, -0.02, 0.03];
    expect(() => historicalVar(r, { confidence: 95 })).toThrow(expect.objectContaining({ field: 'confidence' }));
    expect(() => gaussianVar(r, { horizon: 0 })).toThrow(expect.objectContaining({ field: 'horizon' }));
    expect(() => gaussianVar(r, { horizon: 1.5 })).toThrow(expect.objectContaining({ field: 'horizon' }));
    expect(() => historicalVar([0.01])).toThrow(expect.objectContaining({ code: 'INSUFFICIENT_DATA' }));
    expect(() => modifiedVar([0.01, NaN, 0.02])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => modifiedVar([0.01, 0.01, 0.01])).toThrow(AnalyticsError);
    expect(() => historicalVar(r, { horizon: 3 })).toThrow(expect.objectContaining({ code: 'INSUFFICIENT_DATA' }));
    expect(valueAtRisk(r, 'gaussian')).toEqual(gaussianVar(r));
  });
});

describe('monteCarloDeltaGammaVar', () => {
  it('equals monteCarloVar on the underlyings as factors (identity betas), for every confidence and horizon, to 1e-12 relative', () => {
    const covariance = createMatrix(3, 3, [4e-4, 1e-4, -5e-5, 1e-4, 2.25e-4, 2e-5, -5e-5, 2e-5, 9e-4]);
    const deltaDollars = [400_000, -250_000, 120_000];
    const gammaDollarsPer1Pct = [1500, 0, -3000];
    const shared = monteCarloDeltaGammaVar({ covariance, deltaDollars, gammaDollarsPer1Pct, portfolioValue: 1e6 },
      { confidences: [0.95, 0.99], horizons: [1, 10], simulations: 2000, seed: 11 });
    expect(shared.map((v) => [v.confidence, v.horizon])).toEqual([[0.95, 1], [0.95, 10], [0.99, 1], [0.99, 10]]);
    for (const v of shared) {
      const alone = monteCarloVar({
        factorCovariance: covariance, portfolioValue: 1e6,
        exposures: deltaDollars.map((d, i) => ({ id: `u${i}`, betas: [0, 1, 2].map((j) => (j === i ? 1 : 0)), specificVariance: 0, deltaDollars: d, gammaDollarsPer1Pct: gammaDollarsPer1Pct[i] })),
      }, { confidence: v.confidence, horizon: v.horizon, simulations: 2000, seed: 11 });
      const figures = (x: VarResult) => [x.valueAtRisk, x.expectedShortfall, x.varLoss as number, x.esLoss as number];
      expect(v).toMatchObject({ method: alone.method, confidence: alone.confidence, horizon: alone.horizon, sampleSize: alone.sampleSize });
      figures(alone).forEach((x, i) => expect(Math.abs(figures(v)[i] - x)).toBeLessThan(1e-12 * Math.abs(x)));
    }
  });

  // The sums are formed four columns a pass, the last one to four with the square: these books cover
  // every count of columns left (1-4) after 0, 4 and 8 columns, for the linear and the quadratic sums.
  // (What is compared is each VaR and ES: a change of the sums' order shows where its last bits reach them.)
  it.each([
    { n: 9, gammaDollarsPer1Pct: [800, 0, 0, -1200, 400, 0, 0, 2500, -300] },
    // Gamma large against delta: the quadratic sums' last bits reach the quantiles.
    { n: 6, gammaDollarsPer1Pct: [3e5, -7e5, 1.5e5, 9e5, -5e4, 6e5] },
    { n: 12, gammaDollarsPer1Pct: [0, 0, 0, 0, 0, 0, 6e5, 0, 4.5e5, -8e5, 1.3e6, -9e5] },
    { n: 3, gammaDollarsPer1Pct: [0, 5e5, -2e5] },
    { n: 2, gammaDollarsPer1Pct: [0, 0] },
    { n: 1, gammaDollarsPer1Pct: [4e5] },
  ])('equals a draw-by-draw reference digit for digit ($n underlyings, gamma $gammaDollarsPer1Pct), call after call of different sizes', ({ n, gammaDollarsPer1Pct }) => {
    const rng = createRng(21);
    const a = Array.from({ length: n * n }, () => rng.normal() * 0.01);
    const cov = new Array<number>(n * n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      for (let k = 0; k < n; k++) cov[i * n + j] += a[i * n + k] * a[j * n + k];
      if (i === j) cov[i * n + j] += 1e-4;
    }
    const covariance = createMatrix(n, n, cov);
    const deltaDollars = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? -1 : 1) * (50_000 + 10_000 * i));
    const reference = (sims: number, seed: number, confidences: number[], horizons: number[]) => {
      // The loop as first written: each draw's P&L from its n normals, the full sample sorted.
      const L = cholesky(covariance).data;
      const w = new Float64Array(n);
      for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) w[j] += deltaDollars[i] * L[i * n + j];
      const z = normalDraws(seed, sims * n);
      return confidences.flatMap((c) => horizons.map((h) => {
        const pnl = new Float64Array(sims);
        for (let s = 0; s < sims; s++) {
          let linear = 0, quadratic = 0;
          for (let j = 0; j < n; j++) linear += w[j] * z[s * n + j];
          for (let i = 0; i < n; i++) {
            if (gammaDollarsPer1Pct[i] === 0) continue;
            let r = 0;
            for (let j = 0; j <= i; j++) r += L[i * n + j] * z[s * n + j];
            quadratic += 50 * gammaDollarsPer1Pct[i] * r * r;
          }
          pnl[s] = (Math.sqrt(h) / 1e6) * linear + (h / 1e6) * quadratic;
        }
        pnl.sort();
        const v = quantileSorted(pnl, 1 - c);
        let sum = 0, cnt = 0;
        for (const x of pnl) if (x <= v) { sum += x; cnt++; }
        return [v, sum / cnt];
      }));
    };
    for (const [sims, seed] of [[5000, 4], [100, 4], [5000, 5], [777, 4], [5000, 4]]) {
      const got = monteCarloDeltaGammaVar({ covariance, deltaDollars, gammaDollarsPer1Pct, portfolioValue: 1e6 }, { confidences: [0.95, 0.99], horizons: [1, 10], simulations: sims, seed });
      const want = reference(sims, seed, [0.95, 0.99], [1, 10]);
      got.forEach((v, k) => {
        expect(Object.is(v.valueAtRisk, want[k][0]), `${sims} draws, seed ${seed}, result ${k}: ${v.valueAtRisk} vs ${want[k][0]}`).toBe(true);
        expect(Object.is(v.expectedShortfall, want[k][1]), `${sims} draws, seed ${seed}, result ${k}: ES`).toBe(true);
      });
    }
  });

  it('refuses a covariance that is not positive definite', () => {
    expect(() => monteCarloDeltaGammaVar({ covariance: createMatrix(2, 2, [1, 2, 2, 1]), deltaDollars: [1, 1], portfolioValue: 1 }, { confidences: [0.95], horizons: [1] }))
      .toThrow(expect.objectContaining({ code: 'NOT_POSITIVE_DEFINITE' }));
  });
});

describe('monteCarloDeltaGammaVar tail', () => {
  it('reads the same quantile and tail mean as a full sort, for many confidences and tiny samples', () => {
    const covariance = createMatrix(2, 2, [4e-4, 1e-4, 1e-4, 9e-4]);
    for (const simulations of [100, 101, 257, 5000]) {
      for (const confidences of [[0.95, 0.99], [0.9], [0.999, 0.6]]) {
        const out = monteCarloDeltaGammaVar({ covariance, deltaDollars: [1e5, -4e4], gammaDollarsPer1Pct: [0, 900], portfolioValue: 1e6 }, { confidences, horizons: [1, 5], simulations, seed: 3 });
        for (const v of out) {
          const alone = monteCarloVar({
            factorCovariance: covariance, portfolioValue: 1e6,
            exposures: [{ id: 'a', betas: [1, 0], specificVariance: 0, deltaDollars: 1e5, gammaDollarsPer1Pct: 0 }, { id: 'b', betas: [0, 1], specificVariance: 0, deltaDollars: -4e4, gammaDollarsPer1Pct: 900 }],
          }, { confidence: v.confidence, horizon: v.horizon, simulations, seed: 3 });
          expect(Math.abs(v.valueAtRisk - alone.valueAtRisk)).toBeLessThan(1e-12 * Math.abs(alone.valueAtRisk));
          expect(Math.abs(v.expectedShortfall - alone.expectedShortfall)).toBeLessThan(1e-12 * Math.abs(alone.expectedShortfall));
        }
      }
    }
  });
});
