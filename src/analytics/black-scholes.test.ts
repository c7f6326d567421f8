import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnalyticsError } from './analytics-error.js';
import {
  blackScholes,
  blackScholesBatch,
  blackScholesPrice,
  perRatePoint,
  perVolPoint,
  yearFraction,
  type BlackScholesInput,
  type BlackScholesResult,
  type OptionRight,
} from './black-scholes.js';

interface GoldenCase {
  right: OptionRight;
  spot: number;
  strike: number;
  days: number;
  rate: number;
  dividendYield: number;
  volatility: number;
  price: number;
  delta: number;
  gamma: number;
  vega: number;
  thetaPerYear: number;
  thetaPerDay: number;
  rho: number;
}

const golden = JSON.parse(readFileSync(new URL('../../test/golden/options.json', import.meta.url), 'utf8')) as {
  valuationDate: string;
  cases: GoldenCase[];
};

function relClose(actual: number, expected: number, rel: number, abs = 0): boolean {
  return Math.abs(actual - expected) <= rel * Math.abs(expected) + abs;
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso + 'T00:00:00Z') + days * 86_400_000).toISOString().slice(0, 10);
}

describe('blackScholes: oracle values (shared/oracles/expected_output.txt [5], QuantLib 1.29)', () => {
  const base = { spot: 100, strike: 100, timeToExpiry: 1, rate: 0.05, dividendYield: 0, volatility: 0.2 };
  // 1e-8 relative, or 5e-11 absolute: the oracle prints 10 decimals, so its own rounding is up to
  // 5e-11, which is 1.1e-8 of the put's theta per day (-0.0045421381). The full-precision QuantLib
  // values of the same two options are in test/golden/options.json and are checked at 1e-8 below.
  it('prices the call and its Greeks', () => {
    const g = blackScholes({ right: 'call', ...base });
    const expected: Partial<BlackScholesResult> = {
      price: 10.4505835722, delta: 0.6368306512, gamma: 0.0187620173, vega: 37.5240346917,
      thetaPerYear: -6.4140275464, thetaPerDay: -0.0175726782, rho: 53.2324815454,
    };
    for (const [k, v] of Object.entries(expected)) expect(relClose(g[k as keyof BlackScholesResult], v, 1e-8, 5e-11), k).toBe(true);
  });
  it('prices the put and its Greeks', () => {
    const g = blackScholes({ right: 'put', ...base });
    const expected: Partial<BlackScholesResult> = {
      price: 5.5735260223, delta: -0.3631693488, gamma: 0.0187620173, vega: 37.5240346917,
      thetaPerYear: -1.6578804239, thetaPerDay: -0.0045421381, rho: -41.8904609047,
    };
    for (const [k, v] of Object.entries(expected)) expect(relClose(g[k as keyof BlackScholesResult], v, 1e-8, 5e-11), k).toBe(true);
  });
});

describe('blackScholes: test/golden/options.json (QuantLib AnalyticEuropeanEngine)', () => {
  // Tolerance: 1e-8 relative, plus an absolute floor of 1e-13 times each quantity's natural scale.
  // The floor is needed for far out-of-the-money cases: QuantLib prices some puts through a
  // difference of forward-sized terms and returns e.g. -5.6e-15 where the exact value is ~1e-300.
  const fields = ['price', 'delta', 'gamma', 'vega', 'thetaPerYear', 'thetaPerDay', 'rho'] as const;
  it(`matches all ${golden.cases.length} cases, dates converted by Act/365`, () => {
    for (const c of golden.cases) {
      const T = yearFraction(golden.valuationDate, addDays(golden.valuationDate, c.days));
      expect(T).toBe(c.days / 365);
      const g = blackScholes({ right: c.right, spot: c.spot, strike: c.strike, timeToExpiry: T, rate: c.rate, dividendYield: c.dividendYield, volatility: c.volatility });
      const scale: Record<(typeof fields)[number], number> = {
        price: c.spot + c.strike, delta: 1, gamma: 1 / c.spot, vega: c.spot, thetaPerYear: c.spot + c.strike,
        thetaPerDay: (c.spot + c.strike) / 365, rho: c.strike * T + c.spot,
      };
      for (const f of fields) {
        expect(relClose(g[f], c[f], 1e-8, 1e-13 * scale[f]), `${f} ${JSON.stringify(c)} got ${g[f]}`).toBe(true);
      }
    }
  });
});

describe('yearFraction', () => {
  it('counts calendar days / 365', () => {
    expect(yearFraction('2024-01-02', '2025-01-01')).toBe(365 / 365);
    expect(yearFraction('2024-02-28', '2024-03-01')).toBe(2 / 365); // leap day counts
    expect(yearFraction('2024-03-01', '2024-02-28')).toBe(-2 / 365);
    expect(yearFraction(new Date(Date.UTC(2024, 0, 2)), '2024-01-09')).toBe(7 / 365);
  });
  it('rejects malformed and impossible dates', () => {
    expect(() => yearFraction('2024-02-30', '2024-03-01')).toThrow(AnalyticsError);
    expect(() => yearFraction('2024/01/02', '2024-03-01')).toThrow(/ISO date/);
  });
});

describe('blackScholes: expiry and validation', () => {
  const at = (right: OptionRight, spot: number, T = 0): BlackScholesResult =>
    blackScholes({ right, spot, strike: 100, timeToExpiry: T, rate: 0.05, volatility: 0.2 });
  it('is worth intrinsic value at and past expiry, with step deltas and zero other Greeks', () => {
    expect(at('call', 110)).toEqual({ price: 10, delta: 1, gamma: 0, vega: 0, thetaPerYear: 0, thetaPerDay: 0, rho: 0 });
    expect(at('call', 90).price).toBe(0);
    expect(at('call', 90).delta).toBe(0);
    expect(at('put', 90, -0.5)).toEqual({ price: 10, delta: -1, gamma: 0, vega: 0, thetaPerYear: 0, thetaPerDay: 0, rho: 0 });
    expect(at('put', 110).delta).toBe(0);
    expect(at('call', 100).delta).toBe(0.5);
    expect(at('put', 100).delta).toBe(-0.5);
    // volatility is irrelevant once expired, even if missing (0)
    expect(blackScholes({ right: 'call', spot: 120, strike: 100, timeToExpiry: 0, rate: 0, volatility: 0 }).price).toBe(20);
  });
  it('converges to intrinsic as T -> 0 from above', () => {
    expect(at('call', 110, 1e-9).price).toBeCloseTo(10, 6);
    expect(at('put', 110, 1e-9).price).toBeCloseTo(0, 12);
  });
  it('rejects bad inputs with AnalyticsError naming the field', () => {
    const ok: BlackScholesInput = { right: 'call', spot: 100, strike: 100, timeToExpiry: 1, rate: 0.05, volatility: 0.2 };
    const cases: [Partial<BlackScholesInput>, string][] = [
      [{ spot: 0 }, 'spot'], [{ strike: -1 }, 'strike'], [{ volatility: 0 }, 'volatility'], [{ volatility: NaN }, 'volatility'],
      [{ timeToExpiry: Infinity }, 'timeToExpiry'], [{ rate: NaN }, 'rate'], [{ dividendYield: Infinity }, 'dividendYield'],
      [{ right: 'straddle' as OptionRight }, 'right'],
    ];
    for (const [patch, field] of cases) {
      let err: unknown;
      try {
        blackScholes({ ...ok, ...patch });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AnalyticsError);
      expect((err as AnalyticsError).field).toBe(field);
    }
  });
  it('converts vega and rho to per point', () => {
    expect(perVolPoint(37.5)).toBe(0.375);
    expect(perRatePoint(53)).toBe(0.53);
  });
});

// Inputs with S = 100 (prices are homogeneous of degree 1 in S and K, so this loses no generality).
const optionArb = fc.record({
  right: fc.constantFrom<OptionRight>('call', 'put'),
  spot: fc.constant(100),
  strike: fc.double({ min: 50, max: 200, noNaN: true }),
  timeToExpiry: fc.double({ min: 0.02, max: 3, noNaN: true }),
  rate: fc.double({ min: -0.01, max: 0.08, noNaN: true }),
  dividendYield: fc.double({ min: 0, max: 0.06, noNaN: true }),
  volatility: fc.double({ min: 0.05, max: 1, noNaN: true }),
});

describe('blackScholes: properties', () => {
  it('satisfies put-call parity C - P = S e^{-qT} - K e^{-rT}', () => {
    fc.assert(
      fc.property(optionArb, (o) => {
        const c = blackScholesPrice({ ...o, right: 'call' });
        const p = blackScholesPrice({ ...o, right: 'put' });
        const fwd = o.spot * Math.exp(-o.dividendYield * o.timeToExpiry) - o.strike * Math.exp(-o.rate * o.timeToExpiry);
        // Each price carries a few ulps of S or K (~1e-14 here); 1e-12 (S + K) leaves a wide margin.
        return Math.abs(c - p - fwd) <= 1e-12 * (o.spot + o.strike);
      }),
    );
  });

  it('has Greeks equal to central finite differences of the price', () => {
    fc.assert(
      fc.property(optionArb, (o) => {
        const g = blackScholes(o);
        const P = (patch: Partial<BlackScholesInput>): number => blackScholesPrice({ ...o, ...patch });
        // Steps are 1e-3 of each input's natural scale (spot: one standard deviation of the terminal
        // price, S sigma sqrt T), so the O(h^2) truncation error is ~1e-6 relative and the rounding
        // error (~1e-14 / h, or / h^2 for gamma) stays below 1e-7 of the Greek's scale.
        const width = o.spot * o.volatility * Math.sqrt(o.timeToExpiry);
        const hS = 1e-3 * width;
        const hV = 1e-3 * o.volatility;
        const hT = 1e-3 * o.timeToExpiry;
        const hR = 1e-4;
        const fdDelta = (P({ spot: o.spot + hS }) - P({ spot: o.spot - hS })) / (2 * hS);
        const fdGamma = (P({ spot: o.spot + hS }) - 2 * P({}) + P({ spot: o.spot - hS })) / (hS * hS);
        const fdVega = (P({ volatility: o.volatility + hV }) - P({ volatility: o.volatility - hV })) / (2 * hV);
        const fdTheta = -(P({ timeToExpiry: o.timeToExpiry + hT }) - P({ timeToExpiry: o.timeToExpiry - hT })) / (2 * hT);
        const fdRho = (P({ rate: o.rate + hR }) - P({ rate: o.rate - hR })) / (2 * hR);
        // Tolerance 1e-5 of each Greek's natural scale (truncation ~1e-6 relative of that scale).
        const tol = 1e-5;
        return (
          Math.abs(fdDelta - g.delta) <= tol &&
          Math.abs(fdGamma - g.gamma) <= tol / width &&
          Math.abs(fdVega - g.vega) <= tol * o.spot * Math.sqrt(o.timeToExpiry) &&
          Math.abs(fdTheta - g.thetaPerYear) <= tol * (o.spot + o.strike) * (1 + 1 / o.timeToExpiry) &&
          Math.abs(fdRho - g.rho) <= tol * o.strike * o.timeToExpiry &&
          Math.abs(g.thetaPerDay - g.thetaPerYear / 365) <= 1e-15 * Math.abs(g.thetaPerYear)
        );
      }),
    );
  });

  it('batch results equal the scalar results exactly', () => {
    fc.assert(
      fc.property(fc.array(optionArb, { minLength: 1, maxLength: 20 }), (opts) => {
        const n = opts.length;
        const f = (k: keyof (typeof opts)[number]): Float64Array => Float64Array.from(opts, (o) => o[k] as number);
        const out = blackScholesBatch({
          isCall: Uint8Array.from(opts, (o) => (o.right === 'call' ? 1 : 0)),
          spot: f('spot'), strike: f('strike'), timeToExpiry: f('timeToExpiry'), rate: f('rate'),
          dividendYield: f('dividendYield'), volatility: f('volatility'),
        });
        for (let i = 0; i < n; i++) {
          const g = blackScholes(opts[i]);
          if (out.price[i] !== g.price || out.delta[i] !== g.delta || out.gamma[i] !== g.gamma ||
              out.vega[i] !== g.vega || out.thetaPerYear[i] !== g.thetaPerYear || out.rho[i] !== g.rho) return false;
        }
        return true;
      }),
    );
  });
});

describe('blackScholesBatch', () => {
  it('accepts scalar rate and dividend yield, handles expired entries and reuses output buffers', () => {
    const input = {
      isCall: Uint8Array.of(1, 0, 1),
      spot: Float64Array.of(100, 100, 120),
      strike: Float64Array.of(100, 100, 100),
      timeToExpiry: Float64Array.of(1, 1, 0),
      rate: 0.05,
      volatility: Float64Array.of(0.2, 0.2, 0.2),
    };
    const out = blackScholesBatch(input);
    expect(out.price[0]).toBeCloseTo(10.4505835722, 10);
    expect(out.price[1]).toBeCloseTo(5.5735260223, 10);
    expect(out.price[2]).toBe(20);
    expect(out.delta[2]).toBe(1);
    const again = blackScholesBatch(input, out);
    expect(again).toBe(out);
  });
  it('names the offending index and rejects mismatched lengths', () => {
    const base = {
      isCall: Uint8Array.of(1, 1), spot: Float64Array.of(100, -1), strike: Float64Array.of(100, 100),
      timeToExpiry: Float64Array.of(1, 1), rate: 0.05, volatility: Float64Array.of(0.2, 0.2),
    };
    expect(() => blackScholesBatch(base)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'spot[1]' }));
    expect(() => blackScholesBatch({ ...base, spot: Float64Array.of(100) })).toThrow(expect.objectContaining({ code: 'LENGTH_MISMATCH' }));
    expect(() => blackScholesBatch({ ...base, spot: Float64Array.of(100, 100), isCall: Uint8Array.of(1, 2) })).toThrow(
      expect.objectContaining({ field: 'isCall[1]' }),
    );
  });
});
