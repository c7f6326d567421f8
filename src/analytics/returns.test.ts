import { describe, expect, it } from 'vitest';
import { AnalyticsError } from './analytics-error.js';
import {
  alignedReturns, alignSeries, annualizedReturn, cumulativeReturn, dailyPnl, logReturns, rollEquity, simpleReturns,
} from './returns.js';

describe('simple and log returns', () => {
  it('computes p_t / p_{t-1} - 1 and ln(p_t / p_{t-1})', () => {
    expect(Array.from(simpleReturns([100, 110, 99]))).toEqual([0.10000000000000009, -0.09999999999999998]);
    expect(logReturns([100, 110])[0]).toBeCloseTo(Math.log(1.1), 15);
  });
  it('rejects fewer than two prices, non-positive and non-finite prices', () => {
    expect(() => simpleReturns([100])).toThrowError(/at least 2/);
    expect(() => simpleReturns([100, 0])).toThrowError(/positive/);
    expect(() => logReturns([100, NaN])).toThrow(AnalyticsError);
  });
});

describe('alignSeries (inner join)', () => {
  const a = { dates: ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'], values: [1, 2, 3, 4] };
  const b = { dates: ['2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08'], values: [10, NaN, 30, 40] };
  it('keeps only dates present (and non-NaN) in every series, never filling gaps', () => {
    const out = alignSeries([a, b]);
    expect(out.dates).toEqual(['2024-01-03', '2024-01-05']);
    expect(Array.from(out.values[0])).toEqual([2, 4]);
    expect(Array.from(out.values[1])).toEqual([10, 30]);
  });
  it('takes returns over the common dates only, so each return spans the same interval everywhere', () => {
    const out = alignedReturns([a, b]);
    expect(out.dates).toEqual(['2024-01-05']);
    expect(out.values[0][0]).toBeCloseTo(4 / 2 - 1, 15);
    expect(out.values[1][0]).toBeCloseTo(30 / 10 - 1, 15);
  });
  it('rejects unsorted or duplicated dates and dates/values length mismatch', () => {
    expect(() => alignSeries([{ dates: ['2024-01-03', '2024-01-02'], values: [1, 2] }])).toThrowError(/ascending/);
    expect(() => alignSeries([{ dates: ['2024-01-02', '2024-01-02'], values: [1, 2] }])).toThrowError(/ascending/);
    try {
      alignSeries([{ dates: ['2024-01-02'], values: [1, 2] }]);
      expect.fail('should throw');
    } catch (e) {
      expect((e as AnalyticsError).code).toBe('LENGTH_MISMATCH');
    }
    expect(() => alignedReturns([a, { dates: ['2024-01-08'], values: [1] }])).toThrowError(/share 0 dates/);
  });
});

describe('compounding', () => {
  it('cumulative and annualized geometric return', () => {
    expect(cumulativeReturn([0.1, -0.1])).toBeCloseTo(-0.01, 15);
    expect(annualizedReturn([0.01, 0.02, -0.005], 12)).toBeCloseTo(Math.pow(1.01 * 1.02 * 0.995, 4) - 1, 14);
    // 252 daily returns of 0.0004 compound to one year exactly.
    expect(annualizedReturn(new Float64Array(252).fill(0.0004), 252)).toBeCloseTo(Math.pow(1.0004, 252) - 1, 14);
  });
  it('rejects a total loss, empty input and bad periods', () => {
    expect(() => annualizedReturn([0.1, -1], 12)).toThrowError(/wipes out/);
    expect(() => cumulativeReturn([])).toThrow(AnalyticsError);
    expect(() => annualizedReturn([0.1], 0)).toThrowError(/periodsPerYear/);
  });
});

describe('P&L and equity roll-forward', () => {
  it('separates flows from gains, with flows at the end of the day', () => {
    const pnl = dailyPnl([100, 103, 150], [0, 50]);
    expect(Array.from(pnl)).toEqual([3, -3]);
    const roll = rollEquity(100, pnl, [0, 50]);
    expect(Array.from(roll.equity)).toEqual([100, 103, 150]);
    expect(roll.dailyReturns[0]).toBeCloseTo(0.03, 15);
    expect(roll.dailyReturns[1]).toBeCloseTo(-3 / 103, 15);
    expect(roll.timeWeightedReturn).toBeCloseTo(1.03 * (1 - 3 / 103) - 1, 15);
  });
  it('time-weighted return ignores the size and timing of flows', () => {
    const withFlows = rollEquity(100, [10, -5], [50, 0]);
    expect(Array.from(withFlows.equity)).toEqual([100, 160, 155]);
    expect(withFlows.timeWeightedReturn).toBeCloseTo(1.1 * (1 - 5 / 160) - 1, 15);
    // Same daily returns without flows give the same TWR.
    const noFlows = rollEquity(100, [10, -5 * (110 / 160)]);
    expect(noFlows.timeWeightedReturn).toBeCloseTo(withFlows.timeWeightedReturn, 14);
  });
  it('rejects a non-positive base and mismatched flows', () => {
    expect(() => rollEquity(100, [-100, 5])).toThrowError(/positive equity/);
    expect(() => rollEquity(100, [1, 2], [0])).toThrowError(/flows/);
    expect(() => dailyPnl([1, 2, 3], [0, 0, 0])).toThrow(AnalyticsError);
  });
});
