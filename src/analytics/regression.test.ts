import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnalyticsError } from './analytics-error.js';
import { createRng } from './random.js';
import { ols, olsBatch, ridge, ridgeBatch, spreadFactorRegressions, spreadReturns, SPREAD_FACTORS, type OlsFit, type OlsResult } from './regression.js';

function simulate(seed: number, n: number, betas: readonly number[], alpha: number, noise: number): { y: Float64Array; x: Float64Array[] } {
  const rng = createRng(seed);
  const x = betas.map(() => rng.fillNormal(new Float64Array(n)).map((v) => 0.01 * v));
  const y = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    let v = alpha + noise * rng.normal();
    betas.forEach((b, j) => (v += b * x[j][t]));
    y[t] = v;
  }
  return { y, x };
}

function fit(r: OlsResult): OlsFit {
  if (!r.ok) throw new Error(`${r.reason}: ${r.message}`);
  return r;
}

describe('ols', () => {
  it('fits an exact line and reports n and degrees of freedom', () => {
    const x = [1, 2, 3, 4, 5];
    const y = [3, 5.1, 6.9, 9.2, 10.8];
    const f = fit(ols(y, [x]));
    // Hand-computed: slope = Sxy / Sxx = 19.7 / 10, intercept = 7 - 1.97 * 3.
    expect(f.coefficients[1]).toBeCloseTo(1.97, 13);
    expect(f.coefficients[0]).toBeCloseTo(1.09, 13);
    expect(f.n).toBe(5);
    expect(f.degreesOfFreedom).toBe(3);
    expect(f.rSquared).toBeGreaterThan(0.99);
  });

  it('returns INSUFFICIENT_DATA when rows do not exceed parameters', () => {
    const r = ols([1, 2, 3], [[1, 2, 4], [3, 1, 2]]);
    expect(r).toMatchObject({ ok: false, reason: 'INSUFFICIENT_DATA', n: 3 });
    expect(ols([1, 2, 3, 4, 5], [[1, 2, 3, 4, 6]], { minObservations: 10 })).toMatchObject({ ok: false, reason: 'INSUFFICIENT_DATA' });
  });

  it('returns RANK_DEFICIENT for collinear or constant factors', () => {
    const x1 = [1, 2, 3, 4, 5, 6];
    const r = ols([1, 3, 2, 5, 4, 6], [x1, x1.map((v) => 2 * v + 1)]);
    expect(r).toMatchObject({ ok: false, reason: 'RANK_DEFICIENT' });
    if (!r.ok) expect(r.message).toMatch(/factor 1/);
    expect(ols([1, 3, 2, 5], [[2, 2, 2, 2]])).toMatchObject({ ok: false, reason: 'RANK_DEFICIENT' });
  });

  it('returns CONSTANT_RESPONSE instead of a NaN R^2', () => {
    expect(ols([1, 1, 1, 1], [[1, 2, 3, 5]])).toMatchObject({ ok: false, reason: 'CONSTANT_RESPONSE' });
  });

  it('throws on length mismatch and infinite values, drops NaN rows', () => {
    expect(() => ols([1, 2, 3], [[1, 2]])).toThrowError(AnalyticsError);
    try { ols([1, 2, 3], [[1, 2]]); } catch (e) { expect((e as AnalyticsError).code).toBe('LENGTH_MISMATCH'); }
    expect(() => ols([1, 2, Infinity, 4], [[1, 2, 3, 4]])).toThrowError(/infinite/);
    const withGap = fit(ols([3, 5.1, NaN, 6.9, 9.2, 10.8], [[1, 2, 99, 3, 4, 5]]));
    expect(withGap.n).toBe(5);
    expect(withGap.coefficients[1]).toBeCloseTo(1.97, 13);
  });

  it('recovers known betas from simulated data (property, seeded)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 1, maxLength: 5 }),
        fc.double({ min: -0.001, max: 0.001, noNaN: true }),
        (seed, betas, alpha) => {
          const noise = 0.002;
          const { y, x } = simulate(seed, 800, betas, alpha, noise);
          const f = fit(ols(y, x));
          betas.forEach((b, j) => {
            // |beta_hat - beta| <= 6 standard errors (a 1e-9 event per coefficient), and the
            // reported standard error is close to the theoretical noise / (sd(x) sqrt(n)).
            expect(Math.abs(f.coefficients[j + 1] - b)).toBeLessThan(6 * f.standardErrors[j + 1]);
            const theory = noise / (0.01 * Math.sqrt(800));
            expect(f.standardErrors[j + 1] / theory).toBeGreaterThan(0.8);
            expect(f.standardErrors[j + 1] / theory).toBeLessThan(1.25);
          });
          expect(Math.abs(f.residualVolatility / noise - 1)).toBeLessThan(0.15);
        },
      ),
      { seed: 20240601, numRuns: 40 },
    );
  });
});

describe('olsBatch', () => {
  const { x } = simulate(5, 300, [1, 0.5, -0.3], 0, 0.01);
  const ys = Array.from({ length: 12 }, (_, i) => simulate(100 + i, 300, [0.5 + i / 10, 0.2, 0.1], 0.0001 * i, 0.005).y.map((v, t) => v + x[0][t]));
  // Gaps: two symbols share one pattern, one has its own, one starts late, one is nearly empty.
  for (const t of [3, 50, 51, 200]) { ys[1][t] = NaN; ys[2][t] = NaN; }
  ys[4][17] = NaN;
  for (let t = 0; t < 120; t++) ys[6][t] = NaN;
  for (let t = 0; t < 297; t++) ys[9][t] = NaN;

  it('gives every symbol the same answer as its own ols call (gaps included)', () => {
    const batch = olsBatch(x, ys);
    ys.forEach((y, i) => {
      const single = ols(y, x);
      if (!single.ok) {
        expect(batch[i]).toEqual(single);
        return;
      }
      const b = fit(batch[i]);
      expect(b.n).toBe(single.n);
      for (let j = 0; j < 4; j++) {
        expect(b.coefficients[j]).toBeCloseTo(single.coefficients[j], 13);
        expect(b.standardErrors[j]).toBeCloseTo(single.standardErrors[j], 13);
      }
      expect(b.rSquared).toBeCloseTo(single.rSquared, 13);
    });
    expect(fit(batch[0]).n).toBe(300);
    expect(fit(batch[1]).n).toBe(296);
    expect(fit(batch[6]).n).toBe(180);
    expect(batch[9]).toMatchObject({ ok: false, reason: 'INSUFFICIENT_DATA', n: 3 });
  });

  it('matches fitting the symbol on only its rows (a gap never zero-fills)', () => {
    const rows = Array.from({ length: 300 }, (_, t) => t).filter((t) => !Number.isNaN(ys[6][t]));
    const direct = fit(ols(rows.map((t) => ys[6][t]), x.map((f) => rows.map((t) => f[t]))));
    const batched = fit(olsBatch(x, [ys[6]])[0]);
    expect(batched.coefficients[1]).toBeCloseTo(direct.coefficients[1], 14);
  });

  it('drops rows where a factor is missing for every symbol', () => {
    const xf = x.map((f) => Float64Array.from(f));
    xf[0][10] = NaN;
    expect(fit(olsBatch(xf, [ys[0]])[0]).n).toBe(299);
  });
});

describe('ridge', () => {
  const { y, x } = simulate(9, 250, [0.8, -0.4, 0.3], 0.0005, 0.004);

  it('equals OLS at lambda = 0 and shrinks the standardized coefficients as lambda grows', () => {
    const o = fit(ols(y, x));
    const r0 = ridge(y, x, 0);
    if (!r0.ok) throw new Error(r0.message);
    for (let j = 0; j < 4; j++) expect(r0.coefficients[j]).toBeCloseTo(o.coefficients[j], 12);
    expect(r0.rSquared).toBeCloseTo(o.rSquared, 12);
    let previous = Infinity;
    for (const lambda of [1, 10, 100, 1000, 1e5]) {
      const r = ridge(y, x, lambda);
      if (!r.ok) throw new Error(r.message);
      const norm = Math.hypot(...r.standardizedCoefficients);
      expect(norm).toBeLessThan(previous);
      previous = norm;
    }
  });

  it('does not penalize the intercept: huge lambda leaves mean(y)', () => {
    const r = ridge(y, x, 1e14);
    if (!r.ok) throw new Error(r.message);
    const meanY = y.reduce((a, b) => a + b, 0) / y.length;
    expect(r.coefficients[0]).toBeCloseTo(meanY, 10);
  });

  it('fits collinear factors when lambda > 0 but reports constant factors and bad lambda', () => {
    const twin = [x[0], x[0].map((v) => 2 * v)];
    expect(ridge(y, twin, 0)).toMatchObject({ ok: false, reason: 'RANK_DEFICIENT' });
    const r = ridge(y, twin, 5);
    expect(r.ok).toBe(true);
    expect(ridge(y, [new Float64Array(250).fill(0.01)], 5)).toMatchObject({ ok: false, reason: 'RANK_DEFICIENT' });
    expect(() => ridge(y, x, -1)).toThrowError(/lambda/);
    expect(ridgeBatch(x, [y, y.map((v, t) => (t < 248 ? NaN : v))], 1)[1]).toMatchObject({ ok: false, reason: 'INSUFFICIENT_DATA' });
  });
});

describe('spread factors', () => {
  const rng = createRng(3);
  const etf: Record<string, Float64Array> = {};
  for (const t of ['VUG', 'VTV', 'MTUM', 'SPY', 'IWM', 'QUAL']) etf[t] = rng.fillNormal(new Float64Array(120)).map((v) => 0.01 * v);

  it('builds long - short series for the four spreads', () => {
    const s = spreadReturns(etf);
    expect(Object.keys(s)).toEqual(SPREAD_FACTORS.map((f) => f.name));
    expect(s['Growth-Value'][5]).toBe(etf.VUG[5] - etf.VTV[5]);
    expect(s['Size-Market'][7]).toBe(etf.IWM[7] - etf.SPY[7]);
  });

  it('regresses each symbol on each spread separately', () => {
    const s = spreadReturns(etf);
    const y = Float64Array.from(s['Momentum-Market'], (v, t) => 1.5 * v + 0.001 * Math.sin(t));
    const [fits] = spreadFactorRegressions([y], etf);
    expect(fit(fits['Momentum-Market']).coefficients[1]).toBeCloseTo(1.5, 1);
    expect(fit(fits['Growth-Value']).coefficients[1]).toBeCloseTo(fit(ols(y, [s['Growth-Value']])).coefficients[1], 14);
  });

  it('names a missing ETF', () => {
    const { QUAL: _q, ...rest } = etf;
    expect(() => spreadReturns(rest)).toThrowError(/QUAL/);
  });
});
