import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readColumn } from '../../test/support/market-fixtures.js';
import { blackScholes } from './black-scholes.js';
import { createMatrix, matrixFromRows } from './linear-algebra.js';
import type { RiskPosition } from './option-positions.js';
import {
  conditionalFactorShocks,
  defaultStressScenarios,
  historicalFactorShocks,
  runStressTests,
  scenarioFactorShocks,
  type StressContext,
  type StressPnl,
  type StressScenario,
} from './stress-test.js';

interface GoldenStress {
  factors: string[];
  covariance: number[][];
  shocks: Record<string, number>;
  conditionalShocks: Record<string, number>;
}
const golden = JSON.parse(readFileSync(new URL('../../test/golden/risk.json', import.meta.url), 'utf8')) as { stress: GoldenStress[] };

// Daily factor covariance from vols 1.2% (Market), 0.9% (Interest Rate, TLT-proxied), 2% (Oil) and
// correlations Market/Rates -0.2, Market/Oil 0.3, Rates/Oil -0.1.
const vols = [0.012, 0.009, 0.02];
const corr = [[1, -0.2, 0.3], [-0.2, 1, -0.1], [0.3, -0.1, 1]];
const cov = matrixFromRows(corr.map((row, i) => row.map((c, j) => c * vols[i] * vols[j])));
const factors = ['Market', 'Interest Rate', 'Oil'];
const spx = readColumn('sp500_daily_ohlcv_2000_2020.csv', 'close');

const context: StressContext = {
  factors,
  factorCovariance: cov,
  betas: { AAPL: [1.2, -0.1, 0], XOM: [0.8, 0, 0.9], TLT: [0, 1, 0], JPM: [1.1, -0.3, 0.1] },
  market: {
    valuationDate: '2024-01-02', rate: 0.05,
    spots: { AAPL: 190, XOM: 100, TLT: 95, JPM: 170 },
    realizedVolatility: { AAPL: 0.25, XOM: 0.3, TLT: 0.15, JPM: 0.22 },
  },
  yieldFactorDurations: { 'Interest Rate': 17 },
  factorPrices: { Market: { dates: spx.dates, values: spx.values } },
  portfolioValue: 1_000_000,
};
const book: RiskPosition[] = [
  { kind: 'stock', id: 'aapl', underlying: 'AAPL', quantity: 1000 },
  { kind: 'stock', id: 'xom', underlying: 'XOM', quantity: -500 },
  { kind: 'stock', id: 'tlt', underlying: 'TLT', quantity: 2000 },
  { kind: 'option', id: 'aapl-c', underlying: 'AAPL', right: 'call', strike: 200, expiry: '2024-06-21', quantity: 10, marketPrice: 9.5 },
  { kind: 'option', id: 'jpm-p', underlying: 'JPM', right: 'put', strike: 160, expiry: '2024-03-15', quantity: -15 },
];

function attributionSums(p: StressPnl): boolean {
  const s = Object.values(p.factorImpacts).reduce((a, b) => a + b, 0) + p.idiosyncraticPnl + p.nonlinearPnl;
  return Math.abs(s - p.totalPnl) <= 1e-9 * (1 + Math.abs(p.totalPnl));
}

describe('conditionalFactorShocks', () => {
  it('matches test/golden/risk.json (numpy, managers factor covariance)', () => {
    for (const g of golden.stress) {
      const got = conditionalFactorShocks(g.factors, matrixFromRows(g.covariance), g.shocks);
      for (const f of g.factors) {
        // Same linear solve in double precision: 1e-10 relative (or 1e-15 absolute for tiny moves).
        expect(Math.abs(got[f] - g.conditionalShocks[f]), f).toBeLessThan(1e-10 * Math.abs(g.conditionalShocks[f]) + 1e-15);
      }
    }
  });
  it('keeps shocked factors and moves the others by beta to the shock', () => {
    const got = conditionalFactorShocks(['M', 'R'], createMatrix(2, 2, [4e-4, -1e-4, -1e-4, 1e-4]), { M: -0.1 });
    expect(got.M).toBe(-0.1);
    expect(got.R).toBeCloseTo(0.025, 15);
    expect(() => conditionalFactorShocks(['M'], createMatrix(1, 1, [1]), { X: 1 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('rates through duration (the reference system had this wrong by ~17x and in sign)', () => {
  const scenarios = defaultStressScenarios();
  const up = scenarios.find((s) => s.id === 'rates_up_25bp') as StressScenario;
  const down = scenarios.find((s) => s.id === 'rates_down_25bp') as StressScenario;
  it('turns +25bp into a TLT-proxied factor return of -D x 0.0025 = -4.25% with D = 17', () => {
    expect(scenarioFactorShocks(up, context).shocks['Interest Rate']).toBeCloseTo(-0.0425, 15);
    expect(scenarioFactorShocks(down, context).shocks['Interest Rate']).toBeCloseTo(0.0425, 15);
  });
  it('makes a long TLT position (beta +1 to the rate factor) LOSE about 4.25% of its value when rates rise', () => {
    const tlt: RiskPosition[] = [{ kind: 'stock', id: 'tlt', underlying: 'TLT', quantity: 1000 }];
    const [r] = runStressTests(tlt, context, [up]);
    expect(r.direct.totalPnl).toBeCloseTo(-0.0425 * 95_000, 8); // -4,037.50
    expect(r.direct.totalPnl).toBeLessThan(0);
    expect(r.direct.factorImpacts['Interest Rate']).toBeCloseTo(-4037.5, 8);
    const [d] = runStressTests(tlt, context, [down]);
    expect(d.direct.totalPnl).toBeCloseTo(4037.5, 8);
  });
  it('requires the duration instead of guessing it', () => {
    expect(() => scenarioFactorShocks(up, { ...context, yieldFactorDurations: {} })).toThrow(
      expect.objectContaining({ code: 'INSUFFICIENT_DATA', field: 'yieldFactorDurations.Interest Rate' }),
    );
  });
});

describe('the eight default scenarios', () => {
  const results = runStressTests(book, context, defaultStressScenarios());
  it('each produce a real number, directly and correlated, with attribution that adds up', () => {
    expect(results.map((r) => r.name)).toEqual([
      'Market Up 10%', 'Market Down 10%', 'Rates Up 0.25%', 'Rates Down 0.25%', 'Oil Up 5%', 'Oil Down 5%', '2008 Financial Crisis', 'COVID-19 Crash',
    ]);
    for (const r of results) {
      for (const p of [r.direct, r.correlated]) {
        expect(Number.isFinite(p.totalPnl), r.name).toBe(true);
        expect(p.totalPnl, r.name).not.toBe(0);
        expect(p.positions).toHaveLength(book.length);
        expect(p.positions.every((x) => Number.isFinite(x.pnl))).toBe(true);
        expect(attributionSums(p), r.name).toBe(true);
        expect(p.totalReturn).toBeCloseTo(p.totalPnl / 1_000_000, 15);
      }
    }
  });
  it('replays the historical windows from the S&P 500 series (oracle [6] returns)', () => {
    const gfc = results[6], covid = results[7];
    expect(gfc.shockSource).toBe('prices');
    expect(Math.abs(gfc.direct.factorShocks.Market - -0.2816010177)).toBeLessThan(1e-10);
    expect(Math.abs(covid.direct.factorShocks.Market - -0.3392496001)).toBeLessThan(1e-10);
    expect(gfc.correlated.factorShocks['Interest Rate']).toBeCloseTo(gfc.direct.factorShocks.Market * (-0.2 * 0.009) / 0.012, 14);
    expect(gfc.direct.totalPnl).toBeLessThan(0);
  });
  it('falls back to the documented reference shocks, and says so, without price history', () => {
    const [gfc] = runStressTests(book, { ...context, factorPrices: undefined }, [defaultStressScenarios()[6]]);
    expect(gfc.shockSource).toBe('reference');
    expect(gfc.direct.factorShocks.Market).toBe(-0.2816010177);
  });
  it('propagates shocks to correlated factors only in the correlated result', () => {
    const oilOnly: RiskPosition[] = [{ kind: 'stock', id: 'o', underlying: 'XOM', quantity: 100 }];
    const ctx = { ...context, betas: { XOM: [0, 0, 1] } };
    const [r] = runStressTests(oilOnly, ctx, [defaultStressScenarios()[1]]);
    expect(r.direct.totalPnl).toBe(0);
    expect(r.correlated.factorShocks.Oil).toBeCloseTo(-0.1 * (0.3 * 0.02) / 0.012, 14);
    expect(r.correlated.totalPnl).toBeCloseTo(100 * 100 * r.correlated.factorShocks.Oil, 8);
  });
});

describe('option revaluation', () => {
  const call: RiskPosition = { kind: 'option', id: 'c', underlying: 'AAPL', right: 'call', strike: 190, expiry: '2024-04-01', quantity: 10 };
  const shortCall: RiskPosition = { ...call, id: 'sc', quantity: -10 };
  const market10: StressScenario = { id: 'm', name: 'm', kind: 'sensitivity', factorShocks: { Market: 0.1 } };
  it('revalues in full with Black-Scholes, so gamma shows as nonlinear P&L', () => {
    const [long] = runStressTests([call], context, [market10]);
    const [short] = runStressTests([shortCall], context, [market10]);
    const T = 90 / 365;
    const v = (s: number) => blackScholes({ right: 'call', spot: s, strike: 190, timeToExpiry: T, rate: 0.05, volatility: 0.25 }).price;
    expect(long.direct.totalPnl).toBeCloseTo(1000 * (v(190 * 1.12) - v(190)), 8);
    expect(long.direct.nonlinearPnl).toBeGreaterThan(0); // long gamma beats delta
    expect(short.direct.nonlinearPnl).toBeLessThan(0);
    expect(long.direct.positions[0].underlyingReturn).toBeCloseTo(0.12, 15);
  });
  it('applies vol shocks (vega) and spot overrides', () => {
    const volUp: StressScenario = { id: 'v', name: 'v', kind: 'sensitivity', factorShocks: {}, volShocks: { '*': 0.1 } };
    const [r] = runStressTests([call], context, [volUp]);
    expect(r.direct.totalPnl).toBeGreaterThan(0);
    expect(r.direct.nonlinearPnl).toBeCloseTo(r.direct.totalPnl, 10);
    const crash: StressScenario = { id: 'x', name: 'x', kind: 'sensitivity', factorShocks: { Market: 0.1 }, spotShocks: { AAPL: -0.5 } };
    const [c] = runStressTests([{ kind: 'stock', id: 's', underlying: 'AAPL', quantity: 100 }], context, [crash]);
    expect(c.direct.totalPnl).toBeCloseTo(-0.5 * 19_000, 8);
    expect(c.direct.idiosyncraticPnl).toBeCloseTo(-9_500, 8);
    expect(c.direct.factorImpacts.Market).toBe(0);
  });
  it('values a put at a huge shock without a loss cap', () => {
    const [r] = runStressTests([{ ...call, right: 'put', quantity: -10 }], context, [{ id: 'd', name: 'd', kind: 'sensitivity', factorShocks: { Market: -0.5 } }]);
    expect(r.direct.totalPnl).toBeLessThan(-1000 * (190 * 0.4 - 10));
  });
});

describe('historicalFactorShocks', () => {
  it('takes the last level on or before each window date and skips series that do not cover it', () => {
    const s = { dates: ['2020-01-02', '2020-01-03', '2020-01-06'], values: [100, 90, 99] };
    expect(historicalFactorShocks({ A: s }, { start: '2020-01-02', end: '2020-01-05' }).A).toBeCloseTo(-0.1, 15);
    expect(historicalFactorShocks({ A: s }, { start: '2019-12-31', end: '2020-01-06' })).toEqual({});
    expect(() => historicalFactorShocks({ A: s }, { start: '2020-01-06', end: '2020-01-02' })).toThrow(expect.objectContaining({ field: 'window' }));
  });
  it('errors when no series covers the window and there is no reference', () => {
    const s: StressScenario = { id: 'h', name: 'h', kind: 'historical', window: { start: '1987-10-16', end: '1987-10-19' } };
    expect(() => scenarioFactorShocks(s, context)).toThrow(expect.objectContaining({ code: 'INSUFFICIENT_DATA' }));
  });
});
