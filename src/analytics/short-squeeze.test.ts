import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shortSqueezeRiskLevel, shortSqueezeRisks } from './short-squeeze.js';

describe('shortSqueezeRiskLevel', () => {
  it('applies the thresholds in percent, strictly', () => {
    const L = (costToBorrowRate: number, daysToCover: number) => shortSqueezeRiskLevel({ costToBorrowRate, daysToCover });
    expect(L(10.01, 0)).toBe('HIGH');
    expect(L(0, 5.01)).toBe('HIGH');
    expect(L(10, 5)).toBe('MEDIUM');
    expect(L(5.01, 0)).toBe('MEDIUM');
    expect(L(0, 3.5)).toBe('MEDIUM');
    expect(L(5, 3)).toBe('LOW');
    expect(L(0.25, 1)).toBe('LOW'); // 0.25% borrow: general collateral
  });
  it('matches the rule for any metrics', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 200, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }), (c, d) => {
        const expected = c > 10 || d > 5 ? 'HIGH' : c > 5 || d > 3 ? 'MEDIUM' : 'LOW';
        return shortSqueezeRiskLevel({ costToBorrowRate: c, daysToCover: d }) === expected;
      }),
    );
  });
  it('rejects negative or non-finite inputs', () => {
    expect(() => shortSqueezeRiskLevel({ costToBorrowRate: -1, daysToCover: 1 })).toThrow(expect.objectContaining({ field: 'costToBorrowRate' }));
    expect(() => shortSqueezeRiskLevel({ costToBorrowRate: 1, daysToCover: NaN })).toThrow(expect.objectContaining({ field: 'daysToCover' }));
  });
});

describe('shortSqueezeRisks', () => {
  it('assesses short positions only, sorted by borrow then days to cover, listing missing metrics', () => {
    const r = shortSqueezeRisks(
      [
        { id: '1', symbol: 'AAA', quantity: -100 },
        { id: '2', symbol: 'BBB', quantity: 200 },
        { id: '3', symbol: 'CCC', quantity: -50 },
        { id: '4', symbol: 'DDD', quantity: -10 },
        { id: '5', symbol: 'EEE', quantity: -10 },
      ],
      { AAA: { costToBorrowRate: 2, daysToCover: 4 }, BBB: { costToBorrowRate: 50, daysToCover: 9 }, CCC: { costToBorrowRate: 30, daysToCover: 1 }, EEE: { costToBorrowRate: 2, daysToCover: 6 } },
    );
    expect(r.risks.map((x) => [x.symbol, x.level])).toEqual([['CCC', 'HIGH'], ['EEE', 'HIGH'], ['AAA', 'MEDIUM']]);
    expect(r.missingMetrics).toEqual(['DDD']);
  });
});
