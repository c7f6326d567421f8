import { blackScholesPrice, yearFraction } from '../analytics/black-scholes.js';
import { createRng, seedFromString, type Rng } from '../analytics/random.js';
import { tradingDays } from '../market-data/trading-calendar.js';
import {
  FACTOR_ETFS,
  MARKET_DRIFT,
  MARKET_START_PRICE,
  MARKET_SYMBOL,
  MARKET_VOL,
  STOCK_PROFILES,
  type SymbolProfile,
} from './demo-universe.js';

/**
 * The synthetic demo market: a deterministic factor model that writes daily OHLCV bars.
 *
 * Every path starts on a fixed epoch (GENERATOR_EPOCH), so the bar for a given date is the same
 * whatever day the generator runs: running it tomorrow adds a bar and changes none. Randomness
 * comes from seeded streams: one for the market and factor ETFs, one per stock (seeded by its
 * symbol), so adding a symbol changes no other path.
 *
 * Market: r_SPY = mu/252 + m_t x 0.17/sqrt(252) x z, with a common volatility regime
 * m_t = exp(h_t - var_h), h_t = 0.97 h_{t-1} + 0.06 eta (AR(1) log-volatility; E[m_t^2] ~ 1), so
 * volatility clusters and returns have fat tails. Factor ETFs and stocks load on it as described in
 * demo-universe.ts. Closes are exp(cumulative log of (1 + r)); open, high, low and volume come from
 * the same per-symbol stream.
 */
export const GENERATOR_EPOCH = '2018-01-02';
const GENERATOR_SEED = 6;
const DAYS_PER_YEAR = 252;
const REGIME_PERSISTENCE = 0.97;
const REGIME_SHOCK = 0.06;
const REGIME_VARIANCE = (REGIME_SHOCK * REGIME_SHOCK) / (1 - REGIME_PERSISTENCE * REGIME_PERSISTENCE);
/** Risk-free rate used to price demo options, continuous. */
export const DEMO_RISK_FREE_RATE = 0.04;

export interface Bar {
  symbol: string;
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  adjustedClose: number;
  volume: number;
}

/** All paths, from the epoch to `through`. Held in memory: about 2,000 days x 70 symbols. */
export interface SyntheticMarket {
  dates: string[];
  /** Volatility regime multiplier m_t per date. */
  regime: Float64Array;
  /** Simple daily returns per symbol (index 0 is the epoch: 0). */
  returns: Map<string, Float64Array>;
  bars: Map<string, Bar[]>;
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

function priceDecimals(price: number): number {
  return price >= 1 ? 2 : 4;
}

/** Builds OHLCV bars from closes with one stream: gaps, ranges and volumes. */
function barsFromCloses(symbol: string, dates: string[], closes: Float64Array, regime: Float64Array, dailyVol: number, baseVolume: number, rng: Rng): Bar[] {
  const bars: Bar[] = new Array(dates.length);
  for (let t = 0; t < dates.length; t++) {
    const close = closes[t];
    const prev = t === 0 ? close : closes[t - 1];
    const sigma = dailyVol * regime[t];
    const open = prev * Math.exp(0.3 * sigma * rng.normal());
    const hi = Math.max(open, close) * (1 + Math.abs(0.5 * sigma * rng.normal()));
    const lo = Math.min(open, close) * (1 - Math.min(0.5, Math.abs(0.5 * sigma * rng.normal())));
    const volume = Math.round(baseVolume * regime[t] * Math.exp(0.25 * rng.normal()));
    const d = priceDecimals(close);
    const c = round(close, d);
    const o = round(open, d);
    bars[t] = {
      symbol,
      date: dates[t],
      open: o,
      high: Math.max(round(hi, d), o, c),
      low: Math.min(round(lo, d), o, c),
      close: c,
      adjustedClose: c,
      volume,
    };
  }
  return bars;
}

function pathFromReturns(start: number, returns: Float64Array): Float64Array {
  const closes = new Float64Array(returns.length);
  let p = start;
  for (let t = 0; t < returns.length; t++) {
    p *= 1 + returns[t];
    closes[t] = p;
  }
  return closes;
}

/** Simulates every demo symbol from the epoch through `through` (an ISO date). */
export function generateMarket(through: string): SyntheticMarket {
  const dates = tradingDays(GENERATOR_EPOCH, through);
  const n = dates.length;
  const rng = createRng(GENERATOR_SEED);
  const regime = new Float64Array(n);
  const returns = new Map<string, Float64Array>();
  const spy = new Float64Array(n);
  const etfs = FACTOR_ETFS.map((f) => ({ profile: f, r: new Float64Array(n) }));
  let h = 0;
  for (let t = 0; t < n; t++) {
    h = t === 0 ? 0 : REGIME_PERSISTENCE * h + REGIME_SHOCK * rng.normal();
    const m = Math.exp(h - REGIME_VARIANCE);
    regime[t] = m;
    const z = rng.normal();
    spy[t] = t === 0 ? 0 : MARKET_DRIFT / DAYS_PER_YEAR + (m * MARKET_VOL * z) / Math.sqrt(DAYS_PER_YEAR);
    for (const e of etfs) {
      const eps = rng.normal();
      e.r[t] = t === 0 ? 0 : e.profile.drift / DAYS_PER_YEAR + e.profile.marketLoading * spy[t] + (m * e.profile.residualVol * eps) / Math.sqrt(DAYS_PER_YEAR);
    }
  }
  returns.set(MARKET_SYMBOL, spy);
  for (const e of etfs) returns.set(e.profile.symbol, e.r);
  const f = (s: string) => returns.get(s)!;
  const [vug, vtv, mtum, iwm, tlt, uso] = ['VUG', 'VTV', 'MTUM', 'IWM', 'TLT', 'USO'].map(f);

  const bars = new Map<string, Bar[]>();
  const marketBarsRng = createRng(GENERATOR_SEED + 1);
  bars.set(MARKET_SYMBOL, barsFromCloses(MARKET_SYMBOL, dates, pathFromReturns(MARKET_START_PRICE, spy), regime, MARKET_VOL / Math.sqrt(DAYS_PER_YEAR), 80_000_000, marketBarsRng));
  for (const e of etfs) {
    const vol = Math.hypot(e.profile.marketLoading * MARKET_VOL, e.profile.residualVol) / Math.sqrt(DAYS_PER_YEAR);
    bars.set(e.profile.symbol, barsFromCloses(e.profile.symbol, dates, pathFromReturns(e.profile.startPrice, e.r), regime, vol, e.profile.volume, createRng(seedFromString(`bars:${e.profile.symbol}`))));
  }

  for (const s of STOCK_PROFILES) {
    const srng = createRng(seedFromString(`stock:${s.symbol}`));
    const r = new Float64Array(n);
    for (let t = 1; t < n; t++) {
      const systematic = s.beta * spy[t] + s.growth * (vug[t] - vtv[t]) + s.momentum * (mtum[t] - spy[t])
        + s.size * (iwm[t] - spy[t]) + s.rates * tlt[t] + s.oil * uso[t];
      // Floor at -60% so a price never crosses zero even on an extreme draw.
      r[t] = Math.max(-0.6, s.drift / DAYS_PER_YEAR + systematic + (regime[t] * s.idio * srng.normal()) / Math.sqrt(DAYS_PER_YEAR));
    }
    returns.set(s.symbol, r);
    // Bars draw from their own stream: sharing the return stream would make a day's range depend on how many days were generated.
    bars.set(s.symbol, barsFromCloses(s.symbol, dates, pathFromReturns(s.startPrice, r), regime, modelVolatility(s) / Math.sqrt(DAYS_PER_YEAR), s.volume, createRng(seedFromString(`bars:${s.symbol}`))));
  }
  return { dates, regime, returns, bars };
}

/**
 * The model's annualized volatility of a stock before the regime multiplier, from its loadings and
 * the factor ETFs' structure: sqrt(var of the systematic part + idio^2).
 */
export function modelVolatility(s: SymbolProfile): number {
  // Loadings on the common market shock and on each ETF residual.
  const etf = (sym: string) => FACTOR_ETFS.find((e) => e.symbol === sym)!;
  const coef: Record<string, number> = {
    VUG: s.growth, VTV: -s.growth, MTUM: s.momentum, IWM: s.size, TLT: s.rates, USO: s.oil,
  };
  let marketLoading = s.beta - s.momentum - s.size;
  let residualVar = 0;
  for (const [sym, c] of Object.entries(coef)) {
    const e = etf(sym);
    marketLoading += c * e.marketLoading;
    residualVar += (c * e.residualVol) ** 2;
  }
  return Math.sqrt((marketLoading * MARKET_VOL) ** 2 + residualVar + s.idio ** 2);
}

export interface OptionContractSpec {
  symbol: string;
  underlying: string;
  right: 'call' | 'put';
  strike: number;
  expiry: string;
}

/**
 * Daily option bars from Black-Scholes-Merton on the underlying's path, from `listed` to the day
 * before expiry (or the last generated date). Volatility is the underlying's model volatility
 * times the day's regime multiplier; rate DEMO_RISK_FREE_RATE; dividend yield from the profile;
 * time Act/365 (see underlyingModel). Premiums are rounded to cents and days worth less than half a cent carry no trade.
 * Open = high = low = close: the demo has no intraday option data.
 */
export function optionBars(market: SyntheticMarket, contract: OptionContractSpec, listed: string): Bar[] {
  const under = market.bars.get(contract.underlying);
  if (!under) throw new Error(`no synthetic path for ${contract.underlying}`);
  const { volatility: vol, dividendYield } = underlyingModel(contract.underlying);
  const out: Bar[] = [];
  for (let t = 0; t < under.length; t++) {
    const date = under[t].date;
    if (date < listed || date >= contract.expiry) continue;
    const price = blackScholesPrice({
      right: contract.right,
      spot: under[t].close,
      strike: contract.strike,
      timeToExpiry: yearFraction(date, contract.expiry),
      rate: DEMO_RISK_FREE_RATE,
      dividendYield,
      volatility: vol * market.regime[t],
    });
    const p = round(price, 2);
    if (p < 0.01) continue;
    out.push({ symbol: contract.symbol, date, open: p, high: p, low: p, close: p, adjustedClose: p, volume: Math.round(200 + 50 * market.regime[t] * ((t * 7919) % 13)) });
  }
  return out;
}

/** Dividend yields of the ETFs that carry options in the demo. */
const ETF_DIVIDEND_YIELD: Record<string, number> = { SPY: 0.013, IWM: 0.012, QQQ: 0.006 };

/**
 * Annualized model volatility (before the regime multiplier) and continuous dividend yield of any
 * demo symbol, the inputs its options are priced with.
 */
export function underlyingModel(symbol: string): { volatility: number; dividendYield: number } {
  if (symbol === MARKET_SYMBOL) return { volatility: MARKET_VOL, dividendYield: ETF_DIVIDEND_YIELD.SPY };
  const etf = FACTOR_ETFS.find((e) => e.symbol === symbol);
  if (etf) return { volatility: Math.hypot(etf.marketLoading * MARKET_VOL, etf.residualVol), dividendYield: ETF_DIVIDEND_YIELD[symbol] ?? 0 };
  const stock = STOCK_PROFILES.find((s) => s.symbol === symbol);
  if (!stock) throw new Error(`${symbol} is not a demo symbol`);
  return { volatility: modelVolatility(stock), dividendYield: stock.dividendYield };
}
