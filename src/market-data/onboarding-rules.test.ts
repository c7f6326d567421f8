import { describe, expect, it } from 'vitest';
import { classifySymbol, looksPrivate, normalizeSymbol, retryDelayMs } from './onboarding.service.js';

describe('onboarding rules', () => {
  it('classifies private holdings, OCC options and listed symbols', () => {
    expect(classifySymbol({ symbol: 'AAPL', investmentClass: 'PRIVATE' })).toMatchObject({ kind: 'private', reason: expect.stringMatching(/investment_class PRIVATE/) });
    expect(classifySymbol({ symbol: 'FARMLAND', private: true })).toMatchObject({ kind: 'private', reason: expect.stringMatching(/marked private/) });
    expect(classifySymbol({ symbol: 'aapl240119c00150000' })).toEqual({
      kind: 'option', contract: { underlying: 'AAPL', expiry: '2024-01-19', right: 'call', strike: 150, multiplier: 100 },
    });
    expect(classifySymbol({ symbol: 'SPY   240621P00432500' })).toMatchObject({ kind: 'option', contract: { underlying: 'SPY', strike: 432.5 } });
    expect(classifySymbol({ symbol: 'BRK.B' })).toEqual({ kind: 'listed' });
  });

  it('takes a symbol for private only when it cannot be a ticker or carries a private prefix', () => {
    for (const s of ['PVT-ACME', 'PRIVATE.FUND', 'PRIV ACME', 'ACME HOLDINGS LP', 'FUND/II', 'ABCDEFGHIJKLM']) expect(looksPrivate(s), s).toBe(true);
    for (const s of ['AAPL', 'BRK.B', 'BF-B', '^GSPC', 'PRIVX', 'AAPL  240119C00150000', 'PVTL']) expect(looksPrivate(s), s).toBe(false);
  });

  it('backs off exponentially with a cap', () => {
    const s = { retryBaseMs: 30_000, retryMaxMs: 3_600_000 };
    expect([1, 2, 3, 4, 5, 8, 20].map((a) => retryDelayMs(a, s))).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 3_600_000, 3_600_000]);
  });

  it('normalizes symbols and rejects empty ones by name', () => {
    expect(normalizeSymbol('  msft ')).toBe('MSFT');
    expect(() => normalizeSymbol('  ')).toThrow('symbol "  " is empty');
  });
});
