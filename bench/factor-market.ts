/**
 * Prices that follow a factor model, for the benchmarks: the nine factor ETFs' daily returns (market
 * plus noise, the others loaded on the market), and stocks whose returns are their betas times the
 * ETFs' returns plus noise, as the demo generator does, so fits and risk figures do real work.
 */
import type { Rng } from '../src/analytics/random.js';
import type { StoredBar } from '../src/market-data/prices.repository.js';

export const ETFS = ['SPY', 'MTUM', 'VTV', 'VUG', 'QUAL', 'IWM', 'SPLV', 'TLT', 'USO'];

export function factorMarket(rng: Rng, dates: readonly string[]) {
  const n = dates.length;
  const etfReturns = ETFS.map((_, j) => Float64Array.from({ length: n }, () => 0.0004 + (j === 0 ? 0.011 : 0.008) * rng.normal()));
  for (let j = 1; j < ETFS.length; j++) for (let t = 0; t < n; t++) etfReturns[j][t] += (j === 7 ? -0.2 : 0.9) * etfReturns[0][t];
  /** Prices from returns, starting at `start`. */
  const path = (r: Float64Array, start: number) => {
    const p = new Float64Array(n);
    p[0] = start;
    for (let t = 1; t < n; t++) p[t] = p[t - 1] * (1 + r[t]);
    return p;
  };
  const bar = (symbol: string, t: number, price: number): StoredBar => {
    const c = Math.round(price * 1e4) / 1e4;
    return { symbol, date: dates[t], open: c, high: c, low: c, close: c, adjustedClose: c, volume: 1000, dataSource: 'bench' };
  };
  /** One stock's prices: betas ~ 1 on the market and N(0, 0.3) on each ETF, 1.5% daily noise. */
  const stock = () => {
    const betas = ETFS.map(() => 0.3 * rng.normal());
    betas[0] += 1;
    const r = Float64Array.from({ length: n }, (_, t) => betas.reduce((acc, b, j) => acc + b * etfReturns[j][t], 0) + 0.015 * rng.normal());
    return path(r, 20 + 200 * rng.uniform());
  };
  return { etfReturns, path, bar, stock, etfBars: () => ETFS.flatMap((e, j) => Array.from(path(etfReturns[j], 100), (p, t) => bar(e, t, p))) };
}
