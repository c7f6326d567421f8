import { describe, expect, it } from 'vitest';
import { AnalyticsError } from './analytics-error.js';
import {
  erfc, excessKurtosis, mean, normalCdf, normalInv, normalPdf, populationSd, populationVariance,
  quantile, quantileSorted, sd, skewness, variance,
} from './statistics.js';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('moments', () => {
  it('matches hand-computed values', () => {
    const x = [1, 2, 3, 4];
    expect(mean(x)).toBe(2.5);
    expect(variance(x)).toBeCloseTo(5 / 3, 15);
    expect(sd(new Float64Array(x))).toBeCloseTo(Math.sqrt(5 / 3), 15);
    expect(populationVariance(x)).toBeCloseTo(1.25, 15);
    expect(populationSd(x)).toBeCloseTo(Math.sqrt(1.25), 15);
  });

  it('uses population moments for skewness and excess kurtosis (PerformanceAnalytics method "moment")', () => {
    // numpy: m=4, d=[-3,-2,-1,6]; m2=12.5, m3=45, m4=(81+16+1+1296)/4=348.5
    const x = [1, 2, 3, 10];
    expect(rel(skewness(x), 45 / Math.pow(12.5, 1.5))).toBeLessThan(1e-14);
    expect(rel(excessKurtosis(x), 348.5 / 156.25 - 3)).toBeLessThan(1e-14);
  });

  it('keeps precision with a large offset (two-pass moments)', () => {
    const x = [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16];
    expect(variance(x)).toBeCloseTo(30, 6);
  });

  it('rejects empty input, too few values and non-finite values', () => {
    expect(() => mean([])).toThrow(AnalyticsError);
    expect(() => variance([1])).toThrowError(/at least 2/);
    expect(() => mean([1, NaN])).toThrowError(/not a finite/);
    expect(() => skewness([2, 2, 2])).toThrow(AnalyticsError);
    try { variance([1]); } catch (e) { expect((e as AnalyticsError).code).toBe('INSUFFICIENT_DATA'); }
  });
});

describe('quantile (type 7)', () => {
  it('interpolates linearly between order statistics like R type 7 / numpy linear', () => {
    expect(quantile([4, 1, 3, 2], 0.05)).toBeCloseTo(1.15, 14);
    expect(quantile([4, 1, 3, 2], 0)).toBe(1);
    expect(quantile([4, 1, 3, 2], 1)).toBe(4);
    expect(quantileSorted(new Float64Array([1, 2, 3, 4]), 0.5)).toBe(2.5);
    expect(quantile([7], 0.3)).toBe(7);
  });
  it('rejects p outside [0, 1] and empty data', () => {
    expect(() => quantile([1, 2], 1.5)).toThrow(AnalyticsError);
    expect(() => quantile([], 0.5)).toThrow(AnalyticsError);
  });
});

describe('normal distribution', () => {
  it('has the textbook values', () => {
    expect(normalPdf(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 16);
    expect(normalCdf(0)).toBe(0.5);
    expect(rel(erfc(1), 0.157299207050285130658779364917)).toBeLessThan(1e-15);
    expect(rel(normalInv(0.975), 1.959963984540054)).toBeLessThan(1e-15);
  });

  it('inverts the CDF to ~1e-15 across both tails', () => {
    for (const p of [1e-300, 1e-100, 1e-12, 1e-6, 0.001, 0.05, 0.3, 0.5, 0.7, 0.95, 0.999, 1 - 1e-10]) {
      const z = normalInv(p);
      const back = normalCdf(z);
      // d Phi / Phi = z * dz near the tail, so the round trip loses about |z|^2 ulp.
      const tol = 1e-14 * Math.max(1, z * z);
      const pp = p > 0.5 ? 1 - back : back;
      const pr = p > 0.5 ? 1 - p : p;
      expect(rel(pp, pr)).toBeLessThan(p > 0.5 ? 1e-6 : tol);
    }
  });

  it('rejects probabilities outside (0, 1) and NaN', () => {
    expect(() => normalInv(0)).toThrow(AnalyticsError);
    expect(() => normalInv(1)).toThrow(AnalyticsError);
    expect(() => normalCdf(NaN)).toThrow(AnalyticsError);
  });
});
