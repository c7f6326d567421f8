import { describe, expect, it } from 'vitest';
import { AnalyticsError } from './analytics-error.js';
import { drawdownSeries, maxDrawdown, wealthIndex } from './drawdown.js';

describe('drawdowns', () => {
  it('starts wealth at 1, so a first-period loss is a drawdown', () => {
    const w = wealthIndex([-0.1, 0.05]);
    expect(Array.from(w)).toEqual([1, 0.9, 0.9450000000000001]);
    const dd = maxDrawdown(w);
    expect(dd.maxDrawdown).toBeCloseTo(0.1, 15);
    expect([dd.peakIndex, dd.troughIndex, dd.recoveryIndex]).toEqual([0, 1, null]);
  });
  it('finds peak, trough and recovery with dates', () => {
    const levels = [100, 120, 90, 60, 110, 125, 100];
    const dates = ['d0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6'];
    const dd = maxDrawdown(levels, dates);
    expect(dd.maxDrawdown).toBeCloseTo(0.5, 15);
    expect([dd.peakDate, dd.troughDate, dd.recoveryDate]).toEqual(['d1', 'd3', 'd5']);
    expect(Array.from(drawdownSeries(levels)).map((v) => +v.toFixed(12))).toEqual([0, 0, -0.25, -0.5, -0.083333333333, 0, -0.2]);
  });
  it('reports zero for a path that never falls', () => {
    const dd = maxDrawdown([1, 1, 2, 3]);
    expect(dd).toMatchObject({ maxDrawdown: 0, peakIndex: 0, troughIndex: 0, recoveryIndex: 0, peakDate: null });
  });
  it('rejects non-positive levels and mismatched dates', () => {
    expect(() => maxDrawdown([1, 0])).toThrow(AnalyticsError);
    expect(() => maxDrawdown([1, 2], ['d0'])).toThrowError(/dates/);
    expect(() => wealthIndex([])).toThrow(AnalyticsError);
  });
});
