import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  factorModelCovariance,
  factorModelExposures,
  factorRiskDecomposition,
  portfolioFactorExposures,
  portfolioSpecificVariance,
} from './factor-risk.js';
import { createMatrix, matrixFromRows } from './linear-algebra.js';
import { positionRisk, type MarketContext, type RiskPosition } from './option-positions.js';
import { componentVar, monteCarloVar } from './value-at-risk.js';

interface GoldenFactorRisk {
  factors: string[];
  covariance: number[][];
  exposures: number[];
  specificVariance: number;
  factorVariance: number;
  totalVariance: number;
  contributions: number[];
  marginal: number[];
}
const golden = JSON.parse(readFileSync(new URL('../../test/golden/risk.json', import.meta.url), 'utf8')) as { factorRisk: GoldenFactorRisk[] };

const model = { factors: ['Market', 'Interest Rate', 'Oil'], betas: { AAPL: [1.2, -0.1, 0.05], XOM: [0.8, 0.05, 0.9], TLT: [-0.1, 1.0, 0] } };
const market: MarketContext = { valuationDate: '2024-01-02', rate: 0.05, spots: { AAPL: 100, XOM: 50, TLT: 95 }, realizedVolatility: { AAPL: 0.25, XOM: 0.3, TLT: 0.15 } };

describe('portfolioFactorExposures', () => {
  it('sums weight x beta, with options entering through their delta dollars', () => {
    const book: RiskPosition[] = [
      { kind: 'stock', id: 's', underlying: 'AAPL', quantity: 500 },
      { kind: 'option', id: 'c', underlying: 'AAPL', right: 'call', strike: 100, expiry: '2025-01-01', quantity: 4 },
      { kind: 'stock', id: 'x', underlying: 'XOM', quantity: -400 },
    ];
    const risks = book.map((p) => positionRisk(p, market));
    const V = 100_000;
    const e = portfolioFactorExposures(risks, model, V);
    const optionDelta = risks[1].deltaDollars;
    expect(optionDelta).toBeGreaterThan(0);
    const expectedMarket = (50_000 + optionDelta) * 1.2 + -20_000 * 0.8;
    expect(e.dollarExposures[0]).toBeCloseTo(expectedMarket, 8);
    expect(e.betas[0]).toBeCloseTo(expectedMarket / V, 12);
    expect(e.byPosition[1].weight).toBeCloseTo(optionDelta / V, 14);
    expect(e.factors).toEqual(model.factors);
  });
  it('refuses positions whose underlying has no betas rather than treating them as zero', () => {
    expect(() => portfolioFactorExposures([{ id: 'z', underlying: 'ZZZ', deltaDollars: 1 }], model, 1)).toThrow(
      expect.objectContaining({ code: 'INSUFFICIENT_DATA', field: 'betas.ZZZ' }),
    );
  });
});

describe('factorRiskDecomposition', () => {
  it('matches test/golden/risk.json (numpy, managers factor covariance)', () => {
    for (const g of golden.factorRisk) {
      const d = factorRiskDecomposition(g.exposures, matrixFromRows(g.covariance), g.specificVariance, g.factors);
      // Same closed form in double precision: 1e-10 relative covers summation order.
      expect(Math.abs(d.factorVariance - g.factorVariance) / g.factorVariance).toBeLessThan(1e-10);
      expect(Math.abs(d.totalVariance - g.totalVariance) / g.totalVariance).toBeLessThan(1e-10);
      g.contributions.forEach((c, k) => expect(Math.abs(d.contributions[k] - c)).toBeLessThan(1e-10 * g.totalVariance));
      g.marginal.forEach((m, k) => expect(Math.abs(d.marginal[k] - m)).toBeLessThan(1e-10 * Math.abs(m) + 1e-16));
    }
  });

  it('contributions plus specific sum to the total; component vols sum to the total vol', () => {
    const k = 3;
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: k, maxLength: k }),
        fc.array(fc.double({ min: -0.03, max: 0.03, noNaN: true }), { minLength: k * k, maxLength: k * k }),
        // Specific variance in dollars^2: 0 or a normal-range number (subnormals lose relative precision).
        fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1e8, noNaN: true })),
        (b, a, spec) => {
          const cov = createMatrix(k, k);
          for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) {
            let s = i === j ? 1e-6 : 0;
            for (let m = 0; m < k; m++) s += a[i * k + m] * a[j * k + m];
            cov.data[i * k + j] = s;
          }
          if (b.every((x) => Math.abs(x) < 1) && spec === 0) return true;
          const d = factorRiskDecomposition(b, cov, spec);
          const sumC = d.contributions.reduce((s, x) => s + x, 0) + d.specificVariance;
          const sumV = d.componentVolatility.reduce((s, x) => s + x, 0) + d.specificVariance / d.totalVolatility;
          const sumP = d.percentOfVariance.reduce((s, x) => s + x, 0) + d.specificPercent;
          // Scale for rounding: sum of |terms|; 1e-12 of it.
          const scale = d.contributions.reduce((s, x) => s + Math.abs(x), 0) + d.specificVariance;
          return Math.abs(sumC - d.totalVariance) <= 1e-12 * scale &&
            Math.abs(sumV - d.totalVolatility) <= 1e-12 * scale / d.totalVolatility &&
            Math.abs(sumP - 1) <= 1e-12 * scale / d.totalVariance;
        },
      ),
    );
  });

  it('marginal is the derivative of total volatility', () => {
    const cov = matrixFromRows([[1e-4, 2e-5], [2e-5, 4e-5]]);
    const b = [1e6, -2e5];
    const d = factorRiskDecomposition(b, cov, 2.5e7);
    expect(d.factorVariance).toBeCloseTo(1e8 - 8e6 + 1.6e6, 3);
    for (let i = 0; i < 2; i++) {
      const up = factorRiskDecomposition(b.map((x, j) => (j === i ? x + 1 : x)), cov, 2.5e7).totalVolatility;
      const dn = factorRiskDecomposition(b.map((x, j) => (j === i ? x - 1 : x)), cov, 2.5e7).totalVolatility;
      expect(Math.abs((up - dn) / 2 - d.marginal[i])).toBeLessThan(1e-9);
    }
  });
});

describe('factor model helpers', () => {
  const positions = [
    { id: 'a', underlying: 'AAPL', deltaDollars: 400_000, gammaDollarsPer1Pct: 1_000 },
    { id: 'b', underlying: 'AAPL', deltaDollars: -100_000 },
    { id: 'x', underlying: 'XOM', deltaDollars: 250_000 },
  ];
  const residual = { AAPL: 1e-4, XOM: 2e-4 };
  it('nets exposures per underlying for the specific variance', () => {
    expect(portfolioSpecificVariance(positions, residual)).toBeCloseTo(300_000 ** 2 * 1e-4 + 250_000 ** 2 * 2e-4, 3);
    expect(() => portfolioSpecificVariance(positions, { AAPL: 1e-4 })).toThrow(expect.objectContaining({ field: 'residualVariance.XOM' }));
  });
  it('gives a position covariance whose Gaussian VaR equals the factor decomposition', () => {
    const fcov = matrixFromRows([[1e-4, -1e-5, 2e-5], [-1e-5, 5e-5, 0], [2e-5, 0, 3e-4]]);
    const loadings = matrixFromRows([model.betas.AAPL, model.betas.XOM]);
    const cov = factorModelCovariance(loadings, fcov, [residual.AAPL, residual.XOM]);
    const x = [300_000, 250_000];
    const cv = componentVar(x, cov, { confidence: 0.99 });
    const e = portfolioFactorExposures(positions, model, 1e6);
    const d = factorRiskDecomposition(e.dollarExposures, fcov, portfolioSpecificVariance(positions, residual));
    expect(cv.standardDeviation).toBeCloseTo(d.totalVolatility, 6);
  });
  it('feeds monteCarloVar with per-underlying exposures', () => {
    const ex = factorModelExposures(positions, model, residual);
    expect(ex.map((e) => [e.id, e.deltaDollars, e.gammaDollarsPer1Pct])).toEqual([['AAPL', 300_000, 1_000], ['XOM', 250_000, 0]]);
    const fcov = matrixFromRows([[1e-4, 0, 0], [0, 5e-5, 0], [0, 0, 3e-4]]);
    const r = monteCarloVar({ factorCovariance: fcov, exposures: ex, portfolioValue: 1e6 }, { seed: 1, simulations: 1000 });
    expect(r.valueAtRisk).toBeLessThan(0);
  });
});
