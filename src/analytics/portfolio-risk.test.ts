/**
 * portfolioRisk's handling of missing and partial data (the golden test in
 * test/batch/portfolio-refresh-golden.test.ts checks its numbers): nothing is guessed, every gap is
 * named in the warnings, and what can be computed still is.
 */
import { describe, expect, it } from 'vitest';
import { createMatrix } from './linear-algebra.js';
import { portfolioRisk, type PortfolioPosition, type PortfolioRiskInput } from './portfolio-risk.js';
import { createRng } from './random.js';

const D = '2024-06-28';
const rng = createRng(7);
const series = (n: number, sd: number) => Float64Array.from({ length: n }, () => sd * rng.normal());
const dates = Array.from({ length: 120 }, (_, i) => `2024-01-${String(i).padStart(3, '0')}`);

function input(positions: PortfolioPosition[], over: Partial<PortfolioRiskInput> = {}): PortfolioRiskInput {
  const singleCov = createMatrix(3, 3, [1e-4, 0, 0, 0, 2e-4, 0, 0, 0, 4e-4]);
  return {
    asOf: D, riskFreeRate: 0.04, positions,
    prices: { AAA: { close: 100, date: D }, BBB: { close: 50, date: D, synthetic: false } },
    history: { dates, returns: { AAA: series(120, 0.01), BBB: series(120, 0.02) } },
    betas: { single: { AAA: { market: 1.1, interest_rate: 0.2, oil: 0 }, BBB: { market: 0.8, interest_rate: -0.1, oil: 0.3 } }, style: {} },
    factors: { style: [], single: ['market', 'interest_rate', 'oil'], market: 'market', names: ['market', 'interest_rate', 'oil'], covariance: singleCov, durations: { interest_rate: 16.5 } },
    scenarios: [{ id: 's1', name: 'Market Down 10%', type: 'sensitivity', factorShocks: { market: -0.1 } }],
    shortSelling: {}, previous: null, statedEquity: 100_000, cashFlows: 0,
    ...over,
  };
}
const stock = (id: string, symbol: string, quantity: number, extra: Partial<PortfolioPosition> = {}): PortfolioPosition => ({
  id, symbol, positionType: quantity > 0 ? 'LONG' : 'SHORT', quantity, entryPrice: 90, entryDate: '2024-01-02', tags: [], ...extra,
});

describe('portfolioRisk with missing or partial data', () => {
  it('values what it can and names a position without a price, one without betas, and a short without metrics', () => {
    const r = portfolioRisk(input([stock('a', 'AAA', 100), stock('b', 'BBB', -200), stock('c', 'CCC', 10)], {
      betas: { single: { AAA: { market: 1.1, interest_rate: 0.2, oil: 0 } }, style: {} },
    }));
    expect(r.positions.map((p) => p.id)).toEqual(['a', 'b']);
    expect(r.marketValue).toBe(100 * 100 - 200 * 50);
    expect(r.warnings).toEqual(expect.arrayContaining([
      expect.stringMatching(/^CCC: no price of CCC on or before 2024-06-28; the position is left out$/),
      expect.stringMatching(/^BBB: no single-factor betas \(market, rates, oil\) on 2024-06-28; its positions are left out of those factor exposures and the stress tests$/),
      expect.stringMatching(/^BBB: no short-selling metrics/),
    ]));
    // Stress and factor exposures cover AAA only; VaR covers both.
    expect(r.stress[0].positionImpacts.map((p) => p.positionId)).toEqual(['a']);
    expect(r.stress[0].directPnl).toBeCloseTo(100 * 100 * 1.1 * -0.1, 9);
    expect(r.marketBeta).toBeCloseTo((100 * 100 * 1.1) / 100_000, 12);
    expect(r.returnRisk?.var).toHaveLength(16);
    expect(r.returnRisk?.componentVar.filter((c) => c.confidence === 0.95 && c.horizon === 1).map((c) => c.positionId)).toEqual(['a', 'b']);
  });

  it('leaves return-based risk out, with the reason, when the holdings share fewer than 60 dates of history', () => {
    const sparse = series(120, 0.01);
    for (let t = 0; t < 70; t++) sparse[t] = NaN;
    const base = input([stock('a', 'AAA', 100), stock('b', 'BBB', 100)]);
    const r = portfolioRisk({ ...base, history: { dates, returns: { ...base.history.returns, BBB: sparse } } });
    expect(r.returnRisk).toBeNull();
    expect(r.correlations).toBeNull();
    expect(r.warnings).toContain('50 history dates with a return for every holding (60 needed): VaR, volatility and correlations are not computed');
    expect(r.stress).toHaveLength(1);
  });

  it('marks stale and synthetic inputs, and dates the result by its oldest price', () => {
    const r = portfolioRisk(input([stock('a', 'AAA', 100), stock('b', 'BBB', 100)], {
      prices: { AAA: { close: 100, date: '2024-06-26', synthetic: true }, BBB: { close: 50, date: D } },
    }));
    expect(r.provenance).toEqual({ inputsDate: '2024-06-26', stale: true, staleSymbols: ['AAA'], synthetic: true });
    expect(r.warnings).toContain('stale prices (last close before 2024-06-28): AAA');
  });

  it('rolls equity forward from the previous snapshot with the day\'s flows, and counts a closed position\'s realized P&L', () => {
    const positions = [stock('a', 'AAA', 100), stock('x', 'BBB', 100, { exitPrice: 60, exitDate: '2024-03-01' })];
    const r = portfolioRisk(input(positions, {
      previous: { date: '2024-06-27', equity: 120_000, totalPnl: 1500, cumulativePnl: 1500, timeWeightedReturn: 0.05 }, cashFlows: -10_000,
    }));
    expect(r.realizedPnl).toBe(100 * (60 - 90));
    expect(r.unrealizedPnl).toBe(100 * (100 - 90));
    expect(r.totalPnl).toBe(-2000);
    expect(r.dailyPnl).toBe(-3500);
    expect(r.equity).toBe(120_000 - 3500 - 10_000);
    expect(r.dailyReturn).toBeCloseTo(-3500 / 120_000, 15);
    expect(r.timeWeightedReturn).toBeCloseTo(1.05 * (1 - 3500 / 120_000) - 1, 15);
    expect(r.cash).toBe(r.equity - 10_000);
  });

  it('computes nothing that needs equity when the equity is not positive, and says so', () => {
    const r = portfolioRisk(input([stock('a', 'AAA', 100)], { previous: { date: '2024-06-27', equity: 500, totalPnl: 20_000, cumulativePnl: 20_000, timeWeightedReturn: 0 } }));
    expect(r.equity).toBe(500 + 1000 - 20_000);
    expect(r.returnRisk).toBeNull();
    expect(r.stress).toEqual([]);
    expect(r.warnings[0]).toMatch(/^equity -18500.00 is not positive/);
  });

  it('gives no market beta and no factor exposures, rather than 0, when none of the holdings has betas on D', () => {
    const r = portfolioRisk(input([stock('a', 'AAA', 100), stock('b', 'BBB', -100)], { betas: { single: {}, style: {} } }));
    expect(r.marketBeta).toBeNull();
    expect(r.factorExposures).toEqual([]);
    expect(r.warnings).toContain(`AAA: no single-factor betas (market, rates, oil) on ${D}; its positions are left out of those factor exposures and the stress tests`);
    // One holding with betas: the book's beta is that holding's dollars over equity.
    const partial = portfolioRisk(input([stock('a', 'AAA', 100), stock('b', 'BBB', -100)], { betas: { single: { AAA: { market: 1.1, interest_rate: 0.2, oil: 0 } }, style: {} } }));
    expect(partial.marketBeta).toBeCloseTo((100 * 100 * 1.1) / 100_000, 12);
  });

  it('reports a 100% maximum drawdown, with a warning, when a day of the lookback loses more than the equity', () => {
    const crash = series(120, 0.01);
    crash[100] = -0.5;
    const base = input([stock('a', 'AAA', 5_000)], { statedEquity: 100_000 });
    const r = portfolioRisk({ ...base, history: { dates, returns: { ...base.history.returns, AAA: crash } } });
    // 5,000 shares at 100 on 100,000 of equity: the day's -50% is -250% of equity.
    expect(r.returnRisk?.maxDrawdown).toBe(1);
    expect(r.returnRisk?.var).toHaveLength(16);
    expect(r.warnings).toContain(`maximum drawdown: the lookback P&L of today's holdings on ${dates[100]} (-250.0% of equity) loses all the equity: 100% is reported`);
  });

  it('prices an option without a quote on D at realized volatility and flags it; an older quote is not used', () => {
    const option: PortfolioPosition = {
      id: 'o', symbol: 'AAA240920C00100000', positionType: 'LC', quantity: 2, entryPrice: 4, entryDate: '2024-01-02',
      underlying: 'AAA', strike: 100, expiry: '2024-09-20', tags: [],
    };
    const base = input([option]);
    const r = portfolioRisk({ ...base, prices: { ...base.prices, AAA240920C00100000: { close: 5, date: '2024-06-27' } } });
    expect(r.positions[0]).toMatchObject({ estimated: true, option: { volatilitySource: 'realized' } });
    expect(r.warnings).toContain('AAA240920C00100000: no market price; valued at realized volatility');
    expect(r.provenance.staleSymbols).toEqual([]);
  });
});
