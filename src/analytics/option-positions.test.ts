import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blackScholes } from './black-scholes.js';
import {
  aggregateByUnderlying,
  optionPositionFromOcc,
  positionRisk,
  positionTypeOf,
  totalGreeks,
  type MarketContext,
  type OptionPosition,
  type RiskPosition,
} from './option-positions.js';

// The oracle's option (expected_output.txt [5]): S = K = 100, T = 365/365, r = 5%, q = 0, sigma = 20%.
const market: MarketContext = {
  valuationDate: '2024-01-02',
  rate: 0.05,
  spots: { AAPL: 100, MSFT: 400 },
  realizedVolatility: { AAPL: 0.2, MSFT: 0.3 },
};
const call: OptionPosition = { kind: 'option', id: 'lc', underlying: 'AAPL', right: 'call', strike: 100, expiry: '2025-01-01', quantity: 2 };
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('positionRisk for options', () => {
  it('prices an unquoted option at realized vol, flags it estimated, and scales Greeks to dollars', () => {
    const r = positionRisk(call, market);
    expect(r).toMatchObject({ kind: 'option', positionType: 'LC', multiplier: 100, volatility: 0.2, volatilitySource: 'realized', estimated: true });
    expect(r.timeToExpiry).toBe(1);
    expect(r.note).toMatch(/no market price/);
    // QuantLib values (expected_output.txt [5]) times q m = 200 (and S = 100 for delta dollars).
    expect(rel(r.deltaDollars, 0.6368306512 * 200 * 100)).toBeLessThan(1e-9);
    expect(rel(r.deltaShares, 0.6368306512 * 200)).toBeLessThan(1e-9);
    expect(rel(r.gammaDollarsPer1Pct, 0.0187620173 * 0.01 * 100 * 200 * 100)).toBeLessThan(1e-8);
    expect(rel(r.vegaPerVolPoint, (37.5240346917 / 100) * 200)).toBeLessThan(1e-9);
    expect(rel(r.thetaPerDay, -0.0175726782 * 200)).toBeLessThan(1e-8);
    expect(rel(r.rhoPerRatePoint, (53.2324815454 / 100) * 200)).toBeLessThan(1e-9);
    expect(rel(r.marketValue, 10.4505835722 * 200)).toBeLessThan(1e-9);
  });

  it('implies vol from a market price and values the position at that price', () => {
    const r = positionRisk({ ...call, marketPrice: 12 }, market);
    expect(r.volatilitySource).toBe('implied');
    expect(r.estimated).toBe(false);
    expect(r.note).toBeUndefined();
    expect(rel(r.volatility as number, 0.2411168937)).toBeLessThan(1e-8);
    expect(r.marketValue).toBeCloseTo(2400, 9);
    expect(r.modelPrice).toBeCloseTo(12, 9);
  });

  it('falls back to realized vol, flagged, when the quote is outside the no-arbitrage bounds', () => {
    const r = positionRisk({ ...call, strike: 50, marketPrice: 40 }, market); // lower bound ~ 52.4
    expect(r.volatilitySource).toBe('realized');
    expect(r.estimated).toBe(true);
    expect(r.note).toMatch(/OUT_OF_BOUNDS/);
  });

  it('uses signed quantities: a short put has positive delta dollars and negative gamma and vega', () => {
    const sp = positionRisk({ ...call, id: 'sp', right: 'put', quantity: -3 }, market);
    expect(sp.positionType).toBe('SP');
    expect(sp.deltaDollars).toBeGreaterThan(0);
    expect(sp.gammaDollarsPer1Pct).toBeLessThan(0);
    expect(sp.vegaPerVolPoint).toBeLessThan(0);
    expect(sp.thetaPerDay).toBeGreaterThan(0);
    expect(sp.marketValue).toBeLessThan(0);
    expect(rel(sp.deltaDollars, 0.3631693488 * 300 * 100)).toBeLessThan(1e-9);
  });

  it('values expired options at intrinsic without needing a volatility', () => {
    const noVol: MarketContext = { ...market, realizedVolatility: {} };
    const r = positionRisk({ ...call, strike: 90, expiry: '2024-01-02' }, noVol);
    expect(r).toMatchObject({ volatility: null, volatilitySource: 'expired', estimated: false, price: 10, marketValue: 2000, deltaDollars: 20000, gammaDollarsPer1Pct: 0 });
  });

  it('refuses to guess when neither a quote nor a realized vol is available', () => {
    expect(() => positionRisk(call, { ...market, realizedVolatility: {} })).toThrow(
      expect.objectContaining({ code: 'INSUFFICIENT_DATA', field: 'realizedVolatility.AAPL' }),
    );
    expect(() => positionRisk({ ...call, underlying: 'NOPE' }, market)).toThrow(expect.objectContaining({ field: 'spots.NOPE' }));
    expect(() => positionRisk({ ...call, marketPrice: -1 }, market)).toThrow(expect.objectContaining({ field: 'marketPrice' }));
    expect(() => positionRisk({ ...call, quantity: 0 }, market)).toThrow(expect.objectContaining({ field: 'quantity' }));
  });

  it('gamma dollars per 1% is the change in share delta for a 1% move, valued at spot', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 60, max: 160, noNaN: true }),
        fc.integer({ min: 7, max: 700 }),
        fc.constantFrom<'call' | 'put'>('call', 'put'),
        fc.integer({ min: -50, max: 50 }).filter((x) => x !== 0),
        (strike, days, right, quantity) => {
          const expiry = new Date(Date.UTC(2024, 0, 2 + days)).toISOString().slice(0, 10);
          const p: OptionPosition = { ...call, right, strike, expiry, quantity };
          const r = positionRisk(p, market);
          const S = 100;
          const d = (s: number) => positionRisk(p, { ...market, spots: { ...market.spots, AAPL: s } }).deltaShares;
          // d(deltaShares)/dS x (0.01 S) x S by a central difference with a relative step of 1e-5
          // (much smaller than the 7-day distribution width S sigma sqrt T ~ 2.8% of S): truncation
          // error ~1e-7 relative, rounding ~1e-16 / 1e-5; tolerance 1e-5 relative plus 1e-9 q m S.
          const eps = 1e-5;
          const fd = ((d(S * (1 + eps)) - d(S * (1 - eps))) / (2 * eps * S)) * 0.01 * S * S;
          return Math.abs(fd - r.gammaDollarsPer1Pct) <= 1e-5 * Math.abs(r.gammaDollarsPer1Pct) + 1e-9 * Math.abs(quantity) * 100 * S;
        },
      ),
    );
  });
});

describe('positionRisk for stocks, position types and OCC input', () => {
  it('gives a stock delta 1 per share', () => {
    const r = positionRisk({ kind: 'stock', id: 's', underlying: 'MSFT', quantity: -50 }, market);
    expect(r).toMatchObject({ positionType: 'SHORT', marketValue: -20000, deltaDollars: -20000, deltaShares: -50, gammaDollarsPer1Pct: 0, estimated: false });
  });
  it('derives LONG/SHORT/LC/LP/SC/SP from kind, right and sign', () => {
    const s = (q: number): RiskPosition => ({ kind: 'stock', id: 's', underlying: 'X', quantity: q });
    const o = (right: 'call' | 'put', q: number): RiskPosition => ({ ...call, right, quantity: q });
    expect([positionTypeOf(s(1)), positionTypeOf(s(-1)), positionTypeOf(o('call', 1)), positionTypeOf(o('put', 1)), positionTypeOf(o('call', -1)), positionTypeOf(o('put', -1))])
      .toEqual(['LONG', 'SHORT', 'LC', 'LP', 'SC', 'SP']);
  });
  it('builds option positions from OCC symbols', () => {
    const p = optionPositionFromOcc('o1', 'AAPL  250101C00100000', 2, null);
    expect(p).toMatchObject({ underlying: 'AAPL', right: 'call', strike: 100, expiry: '2025-01-01', multiplier: 100, quantity: 2 });
    expect(positionRisk(p, market).deltaDollars).toBeCloseTo(positionRisk(call, market).deltaDollars, 9);
  });
});

describe('aggregation', () => {
  const book: RiskPosition[] = [
    { kind: 'stock', id: 'a', underlying: 'AAPL', quantity: 1000 },
    call,
    { ...call, id: 'sc', strike: 110, quantity: -5, marketPrice: 6 },
    { kind: 'stock', id: 'm', underlying: 'MSFT', quantity: -100 },
    { ...call, id: 'mp', underlying: 'MSFT', right: 'put', strike: 380, quantity: 3, expiry: '2024-06-21' },
  ];
  const risks = book.map((p) => positionRisk(p, market));
  it('sums dollar Greeks by underlying and in total', () => {
    const by = aggregateByUnderlying(risks);
    expect(by.map((g) => g.underlying)).toEqual(['AAPL', 'MSFT']);
    const aapl = by[0];
    expect(aapl.positions).toBe(3);
    expect(aapl.estimated).toBe(true);
    const sum = (k: 'deltaDollars' | 'gammaDollarsPer1Pct' | 'vegaPerVolPoint' | 'thetaPerDay' | 'marketValue') =>
      risks.filter((r) => r.underlying === 'AAPL').reduce((s, r) => s + r[k], 0);
    for (const k of ['deltaDollars', 'gammaDollarsPer1Pct', 'vegaPerVolPoint', 'thetaPerDay', 'marketValue'] as const) {
      expect(aapl[k]).toBeCloseTo(sum(k), 9);
    }
    const t = totalGreeks(risks);
    expect(t.deltaDollars).toBeCloseTo(by[0].deltaDollars + by[1].deltaDollars, 8);
    expect(t.estimated).toBe(true);
  });
  it('vega per vol point and theta per day match revaluation', () => {
    const r = risks[1];
    const bs = (v: number, T: number) => blackScholes({ right: 'call', spot: 100, strike: 100, timeToExpiry: T, rate: 0.05, volatility: v }).price * 200;
    // Central difference over +-1 vol point: the volga term cancels, the third-order term is ~1e-5 of vega.
    expect(Math.abs((bs(0.21, 1) - bs(0.19, 1)) / 2 - r.vegaPerVolPoint)).toBeLessThan(1e-4 * Math.abs(r.vegaPerVolPoint));
    // One day passing: theta changes little over a day at T = 1.
    expect(Math.abs(bs(0.2, 1 - 1 / 365) - bs(0.2, 1) - r.thetaPerDay)).toBeLessThan(1e-2 * Math.abs(r.thetaPerDay));
  });
});
