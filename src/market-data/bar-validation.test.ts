import { describe, expect, it } from 'vitest';
import { validateBars, type ValidatableBar } from './bar-validation.js';

const TODAY = '2024-01-10';

const bar = (over: Partial<ValidatableBar> & { date: string }): ValidatableBar => ({
  symbol: 'AAPL',
  open: 100,
  high: 102,
  low: 99,
  close: 101,
  volume: 1_000,
  adjClose: 100.5,
  ...over,
});

const one = (b: ValidatableBar, opts: Partial<Parameters<typeof validateBars>[1]> = {}) =>
  validateBars([b], { today: TODAY, ...opts });

describe('validateBars', () => {
  it('accepts sound bars, sorted by symbol then date', () => {
    const r = validateBars(
      [bar({ date: '2024-01-03' }), bar({ symbol: 'MSFT', date: '2024-01-02' }), bar({ date: '2024-01-02' })],
      { today: TODAY },
    );
    expect(r.rejected).toEqual([]);
    expect(r.accepted.map((b) => `${b.symbol} ${b.date}`)).toEqual(['AAPL 2024-01-02', 'AAPL 2024-01-03', 'MSFT 2024-01-02']);
  });

  it('accepts a doji and a bar touching its high/low exactly, and zero volume', () => {
    expect(one(bar({ date: '2024-01-02', open: 100, high: 100, low: 100, close: 100, volume: 0 })).rejected).toEqual([]);
  });

  it('rejects non-positive or non-finite prices, naming them', () => {
    for (const over of [{ open: 0 }, { close: -1 }, { low: Number.NaN }, { high: Number.POSITIVE_INFINITY }, { adjClose: 0 }]) {
      const r = one(bar({ date: '2024-01-02', ...over }));
      expect(r.accepted).toEqual([]);
      expect(r.rejected[0]!.rules).toContain('NON_POSITIVE_PRICE');
      expect(r.rejected[0]!.reason).toContain(Object.keys(over)[0]!);
    }
  });

  it('allows a missing (null) adjusted close', () => {
    expect(one(bar({ date: '2024-01-02', adjClose: null })).accepted).toHaveLength(1);
  });

  it('rejects high below max(open, close)', () => {
    const r = one(bar({ date: '2024-01-02', open: 100, close: 103, high: 102 }));
    expect(r.rejected[0]).toMatchObject({ symbol: 'AAPL', date: '2024-01-02', rules: ['HIGH_BELOW_OPEN_CLOSE'] });
    expect(r.rejected[0]!.reason).toBe('high 102 is below max(open, close) = 103.');
  });

  it('rejects low above min(open, close)', () => {
    const r = one(bar({ date: '2024-01-02', open: 98, low: 99, close: 101 }));
    expect(r.rejected[0]!.rules).toEqual(['LOW_ABOVE_OPEN_CLOSE']);
    expect(r.rejected[0]!.reason).toContain('low 99 is above min(open, close) = 98');
  });

  it('rejects dates after today and invalid dates', () => {
    expect(one(bar({ date: '2024-01-11' })).rejected[0]!.rules).toEqual(['FUTURE_DATE']);
    expect(one(bar({ date: '2024-01-10' })).accepted).toHaveLength(1);
    expect(one(bar({ date: '2024-02-30' })).rejected[0]!.rules).toEqual(['INVALID_DATE']);
    expect(one(bar({ date: '01/02/2024' })).rejected[0]!.reason).toContain('not a valid YYYY-MM-DD');
  });

  it('rejects negative, fractional or non-finite volume', () => {
    for (const volume of [-1, 10.5, Number.NaN]) {
      const r = one(bar({ date: '2024-01-02', volume }));
      expect(r.rejected[0]!.rules).toEqual(['BAD_VOLUME']);
    }
  });

  it('lists every broken rule in one reason', () => {
    const r = one(bar({ date: '2030-01-01', volume: -5, high: 50 }));
    expect(r.rejected[0]!.rules).toEqual(['FUTURE_DATE', 'HIGH_BELOW_OPEN_CLOSE', 'BAD_VOLUME']);
    expect(r.rejected[0]!.reason.split('; ')).toHaveLength(3);
  });

  it('rejects a second bar for the same symbol and date', () => {
    const r = validateBars([bar({ date: '2024-01-02' }), bar({ date: '2024-01-02', close: 101.5, high: 102 })], { today: TODAY });
    expect(r.accepted).toHaveLength(1);
    expect(r.rejected[0]!.rules).toEqual(['DUPLICATE_DATE']);
  });

  describe('close-to-close jump', () => {
    const series = (closes: [string, number][]) =>
      closes.map(([date, c]) => bar({ date, open: c, high: c, low: c, close: c, adjClose: c }));

    it('rejects a move of more than 80 % with no split on record, in either direction', () => {
      const up = validateBars(series([['2024-01-02', 100], ['2024-01-03', 181]]), { today: TODAY });
      expect(up.rejected[0]).toMatchObject({ date: '2024-01-03', rules: ['PRICE_JUMP'] });
      expect(up.rejected[0]!.reason).toContain('+81.0% from the previous close 100 on 2024-01-02');
      const down = validateBars(series([['2024-01-02', 100], ['2024-01-03', 19]]), { today: TODAY });
      expect(down.rejected[0]!.reason).toContain('-81.0%');
    });

    it('accepts a move of exactly 80 %', () => {
      expect(validateBars(series([['2024-01-02', 100], ['2024-01-03', 180]]), { today: TODAY }).rejected).toEqual([]);
    });

    it('accepts a large move when a split is on record between the two bars', () => {
      const bars = series([['2014-06-06', 645.57], ['2014-06-09', 93.7]]);
      const bySymbol = validateBars(bars, { today: TODAY, knownSplits: { AAPL: ['2014-06-09'] } });
      expect(bySymbol.rejected).toEqual([]);
      const byRecord = validateBars(bars, { today: TODAY, knownSplits: [{ symbol: 'AAPL', exDate: '2014-06-09' }] });
      expect(byRecord.rejected).toEqual([]);
    });

    it('does not accept a split outside the window or for another symbol', () => {
      const bars = series([['2014-06-06', 645.57], ['2014-06-09', 93.7]]);
      expect(validateBars(bars, { today: TODAY, knownSplits: { AAPL: ['2014-06-06'] } }).rejected).toHaveLength(1);
      expect(validateBars(bars, { today: TODAY, knownSplits: { MSFT: ['2014-06-09'] } }).rejected).toHaveLength(1);
    });

    it('compares with the last accepted bar, so a single spike does not condemn the next good bar', () => {
      const r = validateBars(series([['2024-01-02', 100], ['2024-01-03', 1000], ['2024-01-04', 101]]), { today: TODAY });
      expect(r.rejected.map((x) => x.date)).toEqual(['2024-01-03']);
      expect(r.accepted.map((x) => x.date)).toEqual(['2024-01-02', '2024-01-04']);
    });

    it('does not compare across symbols, and honours a custom limit', () => {
      const r = validateBars(
        [bar({ symbol: 'A', date: '2024-01-02', close: 10, open: 10, high: 10, low: 10 }), bar({ symbol: 'B', date: '2024-01-03' })],
        { today: TODAY },
      );
      expect(r.rejected).toEqual([]);
      const strict = validateBars(series([['2024-01-02', 100], ['2024-01-03', 125]]), { today: TODAY, maxCloseJump: 0.2 });
      expect(strict.rejected[0]!.reason).toContain('limit ±20%');
    });
  });

  it('rejects a bad "today"', () => {
    expect(() => validateBars([], { today: 'tomorrow' })).toThrow(RangeError);
  });
});
