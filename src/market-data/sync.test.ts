import { describe, expect, it } from 'vitest';
import { healStart, syncRange } from './sync.js';

describe('sync ranges', () => {
  it('heals the last five trading days, across weekends and holidays', () => {
    expect(healStart('2024-07-12', 5)).toBe('2024-07-08');
    // 2024-07-04 is a holiday: the five sessions ending 2024-07-09 start 2024-07-02.
    expect(healStart('2024-07-09', 5)).toBe('2024-07-02');
    expect(healStart('2024-07-09', 1)).toBe('2024-07-09');
    expect(healStart('2024-07-09', 0)).toBe('2024-07-10');
    // A stored date on a weekend (an imported file): counted back from the session before it.
    expect(healStart('2024-07-07', 2)).toBe('2024-07-03');
  });

  it('fetches history for a new symbol, the gap plus the healing window otherwise, nothing when up to date with no heal', () => {
    const o = { today: '2024-07-12', historyStart: '2022-07-12', healDays: 5 };
    expect(syncRange(null, o)).toEqual({ from: '2022-07-12', to: '2024-07-12' });
    expect(syncRange('2024-07-10', o)).toEqual({ from: '2024-07-03', to: '2024-07-12' });
    expect(syncRange('2024-07-12', { ...o, healDays: 0 })).toBeNull();
  });
});
