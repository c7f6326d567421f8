import { describe, expect, it } from 'vitest';
import { AnalyticsError } from './analytics-error.js';
import { calmarRatio, downsideDeviation, sharpeRatio, sortinoRatio } from './performance.js';
import { sd } from './statistics.js';

const r = [0.02, -0.01, 0.03, -0.02, 0.01, 0.015];

describe('Sharpe (PerformanceAnalytics SharpeRatio.annualized)', () => {
  it('divides the annualized geometric excess return by the annualized sd of raw returns', () => {
    const rf = 0.001;
    const growth = r.reduce((g, x) => g * (1 + x - rf), 1);
    const expected = (Math.pow(growth, 12 / r.length) - 1) / (sd(r) * Math.sqrt(12));
    expect(sharpeRatio(r, { riskFree: rf, periodsPerYear: 12 })).toBeCloseTo(expected, 12);
    expect(sharpeRatio(r, { riskFree: new Array(6).fill(rf), periodsPerYear: 12 })).toBeCloseTo(expected, 12);
  });
  it('rejects a mismatched risk-free series and a constant series', () => {
    expect(() => sharpeRatio(r, { riskFree: [0.001], periodsPerYear: 12 })).toThrowError(/riskFree/);
    expect(() => sharpeRatio([0.01, 0.01, 0.01], { periodsPerYear: 12 })).toThrow(AnalyticsError);
  });
});

describe('Sortino and Calmar', () => {
  it('uses the full-sample downside deviation (divides by all n)', () => {
    expect(downsideDeviation(r)).toBeCloseTo(Math.sqrt((0.0001 + 0.0004) / 6), 15);
    const m = r.reduce((a, b) => a + b, 0) / r.length;
    expect(sortinoRatio(r)).toBeCloseTo(m / Math.sqrt(0.0005 / 6), 14);
  });
  it('Calmar is the annualized return over the max drawdown', () => {
    const growth = r.reduce((g, x) => g * (1 + x), 1);
    const ann = Math.pow(growth, 12 / 6) - 1;
    const mdd = 1 - (1.02 * 0.99 * 1.03 * 0.98) / (1.02 * 0.99 * 1.03);
    expect(calmarRatio(r, 12)).toBeCloseTo(ann / mdd, 12);
  });
  it('throws when the ratios are unbounded', () => {
    expect(() => sortinoRatio([0.01, 0.02])).toThrowError(/MAR/);
    expect(() => calmarRatio([0.01, 0.02], 12)).toThrowError(/never draws down/);
  });
});
