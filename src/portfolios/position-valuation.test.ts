import { describe, expect, it } from 'vitest';
import { valuePosition } from './position-valuation.js';

describe('valuePosition', () => {
  it('values longs and shorts with the signed-quantity convention', () => {
    expect(valuePosition('LONG', 100, 50, 55)).toEqual({ marketValue: 5500, unrealizedPnl: 500, unrealizedPnlPct: 0.1 });
    expect(valuePosition('SHORT', -100, 50, 45)).toEqual({ marketValue: -4500, unrealizedPnl: 500, unrealizedPnlPct: 0.1 });
    expect(valuePosition('SHORT', -100, 50, 60)).toEqual({ marketValue: -6000, unrealizedPnl: -1000, unrealizedPnlPct: -0.2 });
  });

  it('applies the 100-share multiplier to options, long and short', () => {
    expect(valuePosition('LC', 2, 3.5, 4)).toEqual({ marketValue: 800, unrealizedPnl: 100, unrealizedPnlPct: 0.142857 });
    expect(valuePosition('SP', -3, 2, 1.5)).toEqual({ marketValue: -450, unrealizedPnl: 150, unrealizedPnlPct: 0.25 });
  });

  it('has no percentage for a zero cost basis', () => {
    expect(valuePosition('LONG', 10, 0, 5).unrealizedPnlPct).toBeNull();
  });
});
