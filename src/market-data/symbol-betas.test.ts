import { describe, expect, it } from 'vitest';
import { createRng } from '../analytics/random.js';
import { ols } from '../analytics/regression.js';
import { tradingDays } from './trading-calendar.js';
import { fitSymbolFactorBetas, type FactorProxy } from './symbol-betas.js';

const MARKET: FactorProxy = { factorId: 'f-market', name: 'market', etf: 'SPY' };
const OIL: FactorProxy = { factorId: 'f-oil', name: 'oil', etf: 'USO' };
const SIZE: FactorProxy = { factorId: 'f-size', name: 'size', etf: 'IWM' };

/** Prices from returns, starting at 100. */
function pricesOf(returns: ArrayLike<number>): number[] {
  const p = [100];
  for (let t = 0; t < returns.length; t++) p.push(p[t] * (1 + returns[t]));
  return p;
}

describe('fitSymbolFactorBetas', () => {
  const dates = tradingDays('2023-01-03', '2024-12-31');
  const rng = createRng(7);
  const n = dates.length - 1;
  const m = Float64Array.from({ length: n }, () => 0.01 * rng.normal());
  const o = Float64Array.from({ length: n }, () => 0.02 * rng.normal());
  const y = Float64Array.from({ length: n }, (_, t) => 0.0002 + 1.3 * m[t] - 0.4 * o[t] + 0.005 * rng.normal());
  const series = (r: ArrayLike<number>) => ({ dates, values: pricesOf(r) });

  it('is OLS with intercept on simple returns of the inner-joined dates, factors in the order given', () => {
    // Drop a few dates from the oil ETF and the symbol: the fit uses only the common dates.
    const oil = series(o);
    const sparse = { dates: oil.dates.filter((_, i) => i % 50 !== 7), values: oil.values.filter((_, i) => i % 50 !== 7) };
    const sym = series(y);
    const fit = fitSymbolFactorBetas(sym, [{ proxy: MARKET, prices: series(m) }, { proxy: OIL, prices: sparse }]);
    expect(fit.ok).toBe(true);
    if (!fit.ok) return;
    // The direct computation: prices on common dates -> returns -> ols.
    const keep = new Set(sparse.dates);
    const idx = dates.map((d, i) => (keep.has(d) ? i : -1)).filter((i) => i >= 0);
    const ret = (p: number[]) => idx.slice(1).map((i, k) => p[i] / p[idx[k]] - 1);
    const direct = ols(ret(sym.values), [ret(series(m).values), ret(series(o).values)]);
    if (!direct.ok) throw new Error('direct fit failed');
    expect(fit.observations).toBe(idx.length - 1);
    expect(fit.calculationDate).toBe(dates[dates.length - 1]);
    expect(fit.betas.map((b) => b.name)).toEqual(['market', 'oil']);
    expect(fit.betas[0].beta).toBeCloseTo(direct.coefficients[1], 12);
    expect(fit.betas[1].beta).toBeCloseTo(direct.coefficients[2], 12);
    expect(fit.betas[0].beta).toBeCloseTo(1.3, 1);
    expect(fit.betas[1].beta).toBeCloseTo(-0.4, 1);
    expect(fit.rSquared).toBeCloseTo(direct.rSquared, 12);
    expect(fit.betas[0].tStat).toBeCloseTo(direct.tStats[1], 8);
    expect(fit.missing).toEqual([]);
  });

  it('leaves out a factor whose ETF has no or too few prices and reports it', () => {
    const short = { dates: dates.slice(-100), values: pricesOf(o).slice(-100) };
    const fit = fitSymbolFactorBetas(series(y), [
      { proxy: MARKET, prices: series(m) },
      { proxy: OIL, prices: short },
      { proxy: SIZE, prices: undefined },
    ]);
    expect(fit.ok).toBe(true);
    if (!fit.ok) return;
    expect(fit.betas.map((b) => b.etf)).toEqual(['SPY']);
    expect(fit.missing.map((f) => f.etf)).toEqual(['USO', 'IWM']);
    expect(fit.observations).toBe(n);
  });

  it('says why when there is nothing to fit', () => {
    expect(fitSymbolFactorBetas(series(y), [{ proxy: MARKET, prices: undefined }])).toEqual({
      ok: false, reason: 'no factor ETF prices cover the window (SPY)', missing: [MARKET],
    });
    const few = { dates: dates.slice(0, 30), values: pricesOf(y).slice(0, 30) };
    const r = fitSymbolFactorBetas(few, [{ proxy: MARKET, prices: series(m) }]);
    expect(r).toMatchObject({ ok: false, reason: '29 common daily returns with the factor ETFs; at least 60 are needed' });
    const twice = fitSymbolFactorBetas(series(y), [{ proxy: MARKET, prices: series(m) }, { proxy: SIZE, prices: series(m) }]);
    expect(twice).toMatchObject({ ok: false, reason: expect.stringMatching(/RANK_DEFICIENT.*IWM/) });
  });

  it('stores an exact fit (the symbol is the ETF) with null standard errors instead of infinities', () => {
    const fit = fitSymbolFactorBetas(series(m), [{ proxy: MARKET, prices: series(m) }]);
    expect(fit.ok).toBe(true);
    if (!fit.ok) return;
    expect(fit.betas[0].beta).toBeCloseTo(1, 12);
    expect(fit.rSquared).toBeLessThanOrEqual(1);
    expect(fit.betas[0].tStat === null || Number.isFinite(fit.betas[0].tStat)).toBe(true);
  });
});
