import { describe, expect, it } from 'vitest';
import { AnalyticsError } from './analytics-error.js';
import { createRng } from './random.js';
import { sd } from './statistics.js';
import { ewmaVolatility, ewmaVolatilitySeries, realizedVolatilities, realizedVolatility, rollingVolatility } from './volatility.js';

const rng = createRng(11);
const returns = rng.fillNormal(new Float64Array(300)).map((z) => 0.01 * z);

describe('realized volatility', () => {
  it('is the sample sd of the last window times sqrt(periods)', () => {
    expect(realizedVolatility(returns, { window: 21 })).toBeCloseTo(sd(returns.subarray(279)) * Math.sqrt(252), 15);
    expect(realizedVolatility(returns, { periodsPerYear: 12 })).toBeCloseTo(sd(returns) * Math.sqrt(12), 15);
  });
  it('reports the 21/63/252 windows and null when a window is longer than the data', () => {
    const v = realizedVolatilities(returns.subarray(0, 100));
    expect(v.map((x) => x.window)).toEqual([21, 63, 252]);
    expect(v[0].volatility).toBeGreaterThan(0);
    expect(v[2].volatility).toBeNull();
  });
  it('rejects bad windows and short data', () => {
    expect(() => realizedVolatility(returns, { window: 1 })).toThrowError(/window/);
    expect(() => realizedVolatility(returns.subarray(0, 10), { window: 21 })).toThrow(AnalyticsError);
  });
});

describe('rolling volatility', () => {
  it('value i belongs to the window ending at i + window - 1', () => {
    const roll = rollingVolatility(returns, 63);
    expect(roll.length).toBe(300 - 63 + 1);
    expect(roll[0]).toBeCloseTo(sd(returns.subarray(0, 63)) * Math.sqrt(252), 14);
    expect(roll[roll.length - 1]).toBeCloseTo(realizedVolatility(returns, { window: 63 }), 14);
  });
});

describe('EWMA volatility', () => {
  it('follows s_t = lambda s_{t-1} + (1 - lambda) r_t^2 from s_0 = r_0^2', () => {
    const r = [0.01, -0.02, 0.005];
    let s = r[0] ** 2;
    s = 0.94 * s + 0.06 * r[1] ** 2;
    s = 0.94 * s + 0.06 * r[2] ** 2;
    expect(ewmaVolatility(r)).toBeCloseTo(Math.sqrt(252 * s), 15);
    const series = ewmaVolatilitySeries(r, { lambda: 0.9, periodsPerYear: 1, initialVariance: 0.0004 });
    expect(series[0]).toBeCloseTo(Math.sqrt(0.9 * 0.0004 + 0.1 * 0.0001), 15);
  });
  it('rejects lambda outside (0, 1)', () => {
    expect(() => ewmaVolatility(returns, { lambda: 1 })).toThrowError(/lambda/);
    expect(() => ewmaVolatility([], {})).toThrow(AnalyticsError);
  });
});
