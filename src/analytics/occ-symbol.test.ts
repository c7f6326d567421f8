import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatOccSymbol, isOccSymbol, parseOccSymbol } from './occ-symbol.js';

describe('parseOccSymbol', () => {
  it('parses the padded 21-character OSI form and the compact form to the same contract', () => {
    const expected = { underlying: 'AAPL', expiry: '2024-01-19', right: 'call', strike: 150, multiplier: 100 };
    expect(parseOccSymbol('AAPL  240119C00150000')).toEqual(expected);
    expect(parseOccSymbol('AAPL240119C00150000')).toEqual(expected);
  });
  it('reads strikes as the last 8 digits / 1000 and puts as P', () => {
    expect(parseOccSymbol('SPY240621P00432500')).toMatchObject({ underlying: 'SPY', right: 'put', strike: 432.5 });
    expect(parseOccSymbol('F     250117C00001500').strike).toBe(1.5);
    expect(parseOccSymbol('BRKB  260320P99999999').strike).toBe(99999.999);
  });
  it('accepts 1- and 6-character roots and roots with digits (adjusted options)', () => {
    expect(parseOccSymbol('X240119C00010000').underlying).toBe('X');
    expect(parseOccSymbol('GOOGL1240119C00150000').underlying).toBe('GOOGL1');
    expect(parseOccSymbol('AAPL1 240119C00150000').underlying).toBe('AAPL1');
  });
  it('trims surrounding whitespace and upper-cases', () => {
    expect(parseOccSymbol('  aapl240119c00150000 ').underlying).toBe('AAPL');
  });
  it('rejects malformed symbols with a message naming the problem', () => {
    const bad: [string, RegExp][] = [
      ['AAPL', /16-21 characters/],
      ['TOOLONGROOT240119C00150000', /16-21 characters/],
      ['AAPL240119X00150000', /C or P/],
      ['AAPL241319C00150000', /not a calendar date/],
      ['AAPL230229C00150000', /not a calendar date/],
      ['AAPL240119C0015000A', /8 strike digits/],
      ['AAPL240119C00000000', /strike is zero/],
      ['AA PL240119C00150000', /spaces/],
      ['AAPL 240119C00150000', /spaces/],
      ['AA-L240119C00150000', /root/],
    ];
    for (const [s, re] of bad) {
      expect(() => parseOccSymbol(s), s).toThrow(re);
      expect(() => parseOccSymbol(s)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'symbol' }));
      expect(isOccSymbol(s)).toBe(false);
    }
  });
  it('tells options from stock tickers', () => {
    expect(isOccSymbol('AAPL240119C00150000')).toBe(true);
    expect(isOccSymbol('AAPL')).toBe(false);
    expect(isOccSymbol('BRK.B')).toBe(false);
  });
});

describe('formatOccSymbol', () => {
  const c = { underlying: 'AAPL', expiry: '2024-01-19', right: 'call' as const, strike: 150 };
  it('writes compact and padded forms', () => {
    expect(formatOccSymbol(c)).toBe('AAPL240119C00150000');
    expect(formatOccSymbol(c, { padded: true })).toBe('AAPL  240119C00150000');
    expect(formatOccSymbol(c, { padded: true })).toHaveLength(21);
    expect(formatOccSymbol({ ...c, right: 'put', strike: 0.5 })).toBe('AAPL240119P00000500');
  });
  it('rejects strikes with more than 3 decimals or out of range, and bad dates', () => {
    expect(() => formatOccSymbol({ ...c, strike: 150.0001 })).toThrow(expect.objectContaining({ field: 'strike' }));
    expect(() => formatOccSymbol({ ...c, strike: 100000 })).toThrow(expect.objectContaining({ field: 'strike' }));
    expect(() => formatOccSymbol({ ...c, strike: 0 })).toThrow(expect.objectContaining({ field: 'strike' }));
    expect(() => formatOccSymbol({ ...c, expiry: '1999-01-19' })).toThrow(expect.objectContaining({ field: 'expiry' }));
    expect(() => formatOccSymbol({ ...c, expiry: '2024-02-30' })).toThrow(expect.objectContaining({ field: 'expiry' }));
    expect(() => formatOccSymbol({ ...c, underlying: 'TOOLONG' })).toThrow(expect.objectContaining({ field: 'underlying' }));
  });
  it('round-trips through parse in both forms', () => {
    const contract = fc.record({
      underlying: fc.stringMatching(/^[A-Z][A-Z0-9]{0,5}$/),
      expiry: fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
      right: fc.constantFrom('call' as const, 'put' as const),
      strike: fc.integer({ min: 1, max: 99_999_999 }).map((m) => m / 1000),
    });
    fc.assert(
      fc.property(contract, fc.boolean(), (k, padded) => {
        const s = formatOccSymbol(k, { padded });
        expect(parseOccSymbol(s)).toEqual({ ...k, multiplier: 100 });
        if (padded) expect(s).toHaveLength(21);
      }),
    );
  });
});
