/**
 * Stress tests: factor shocks (optionally spot and volatility shocks by underlying) applied to a book
 * of stocks and options, directly and with the unshocked factors moved by their conditional
 * expectation under the factor covariance.
 *
 * Model. Underlying u moves by r_u = sum_k beta_{u,k} f_k (its factor betas times the factor returns),
 * unless the scenario gives u a spot shock, which replaces r_u; a spot move is added to it. Stocks are
 * linear: P&L = q S max(r_u, -1) (the dollar factor exposure times the shock; a price stops at zero). Options are revalued in full with Black-Scholes-Merton at
 * the shocked spot S (1 + r_u) and shocked volatility sigma + dSigma, at the same time to expiry (an
 * instantaneous shock), so gamma and vega show: P&L = q m (V(S', sigma') - V(S, sigma)), V the model
 * value at the position's base volatility (implied from its quote, or realized; option-positions.ts).
 * The shocked spot is floored just above 0 and the shocked vol at 0.0001 for the option formula (a
 * price cannot go negative); there are no loss caps.
 *
 * Rates. A yield shock dy on a rate factor proxied by a bond ETF (TLT) becomes the factor return
 * -D x dy with D the ETF's modified duration (an input): +25bp with D = 17 is a -4.25% Interest Rate
 * factor return, so a position with a positive beta to that factor loses.
 *
 * Correlated scenarios: with S the factor covariance, shocked set s and others o,
 * E[f_o | f_s = s] = S_os S_ss^{-1} s (the Gaussian conditional mean); shocked factors keep their values.
 *
 * Attribution (both direct and correlated): total P&L = sum_k factorImpacts_k + idiosyncraticPnl +
 * nonlinearPnl, where factorImpacts_k = sum over positions without a spot shock of
 * deltaDollars_i beta_{u,k} f_k (the delta-equivalent exposure times the shock), idiosyncraticPnl =
 * deltaDollars_i r_u for positions whose underlying has a spot shock, and nonlinearPnl = the rest
 * (options' gamma, vega and higher-order terms).
 */
import { AnalyticsError } from './analytics-error.js';
import { blackScholes } from './black-scholes.js';
import { createMatrix, solveSpd, type Matrix } from './linear-algebra.js';
import { positionRisk, type MarketContext, type RiskPosition } from './option-positions.js';

/** A stress scenario. Shocks are decimals: 0.10 = +10% return, 0.0025 = +25bp of yield, 0.05 = +5 vol points. */
export interface StressScenario {
  id: string;
  name: string;
  kind: 'sensitivity' | 'historical';
  /** Factor returns by factor name. */
  factorShocks?: Readonly<Record<string, number>>;
  /** Yield changes by rate factor name, converted to factor returns -D x dy (D from the context). */
  yieldShocks?: Readonly<Record<string, number>>;
  /** Underlying returns that replace the factor-implied move, by underlying. */
  spotShocks?: Readonly<Record<string, number>>;
  /** Underlying returns added to the factor-implied move, by underlying; key '*' applies to every underlying without its own. */
  spotMoves?: Readonly<Record<string, number>>;
  /** Absolute volatility changes by underlying; key '*' applies to every underlying without its own. */
  volShocks?: Readonly<Record<string, number>>;
  /** Historical replay: factor returns over this window come from factor price series. */
  window?: { start: string; end: string };
  /**
   * Historical only: documented factor returns over the window, used when no factor price series
   * covers it (the result says so: `shockSource: 'reference'`).
   */
  referenceFactorShocks?: Readonly<Record<string, number>>;
}

/** A factor's price (level) history: ISO dates ascending and levels. */
export interface FactorPriceSeries {
  dates: readonly string[];
  values: ArrayLike<number>;
}

/** Everything a stress test needs besides the positions. */
export interface StressContext {
  /** Factor names, in the order of `factorCovariance` and of each beta vector. */
  factors: readonly string[];
  /** Factor return covariance (any period; only used for conditional expectations). */
  factorCovariance: Matrix;
  /** Factor betas by underlying, in `factors` order. */
  betas: Readonly<Record<string, ArrayLike<number>>>;
  /** Spots, rate, dividend yields and realized vols for valuing positions (option-positions.ts). */
  market: MarketContext;
  /** Modified duration of each rate factor's proxy (e.g. { 'Interest Rate': 17 } for TLT), for yield shocks. */
  yieldFactorDurations?: Readonly<Record<string, number>>;
  /** Factor price histories for historical replays, by factor name. */
  factorPrices?: Readonly<Record<string, FactorPriceSeries>>;
  /** Portfolio value (equity) for returns; optional. */
  portfolioValue?: number;
}

/** P&L of one position under one set of factor returns. */
export interface PositionStressPnl {
  id: string;
  underlying: string;
  /** The underlying's shocked return r_u. */
  underlyingReturn: number;
  pnl: number;
}

/** P&L of the book under one set of factor returns. */
export interface StressPnl {
  /** Factor returns applied, every factor of the context. */
  factorShocks: Record<string, number>;
  totalPnl: number;
  /** totalPnl / portfolioValue, when given. */
  totalReturn?: number;
  /** Delta-equivalent dollar exposure x shock, per factor. */
  factorImpacts: Record<string, number>;
  idiosyncraticPnl: number;
  nonlinearPnl: number;
  positions: PositionStressPnl[];
}

/** Result of one scenario. */
export interface StressResult {
  scenarioId: string;
  name: string;
  kind: 'sensitivity' | 'historical';
  /** Where the factor shocks came from. */
  shockSource: 'definition' | 'prices' | 'reference';
  /** Only the scenario's own shocks (unshocked factors 0). */
  direct: StressPnl;
  /** Unshocked factors moved by E[f_o | f_s = s]. */
  correlated: StressPnl;
}

/** Default factor names used by {@link defaultStressScenarios}. */
export const DEFAULT_STRESS_FACTORS = { market: 'Market', rates: 'Interest Rate', oil: 'Oil' } as const;

/**
 * The seed's eight default scenarios. Sensitivities: Market +-10% (factor return), Rates +-0.25%
 * (a +-25bp yield shock on the rate factor, through its duration), Oil +-5%. Historical replays:
 * "2008 Financial Crisis" = the Lehman month 2008-09-12 .. 2008-10-10 and "COVID-19 Crash" =
 * 2020-02-19 .. 2020-03-23 (the S&P 500 peak to trough); their reference market shocks are the
 * S&P 500 price returns over those windows of data/real/sp500_daily_ohlcv_2000_2020.csv (oracle [6]: -28.16% and -33.92%).
 * @example defaultStressScenarios().map((s) => s.name) // ['Market Up 10%', ..., 'COVID-19 Crash']
 */
export function defaultStressScenarios(names: { market: string; rates: string; oil: string } = DEFAULT_STRESS_FACTORS): StressScenario[] {
  return [
    { id: 'market_up_10', name: 'Market Up 10%', kind: 'sensitivity', factorShocks: { [names.market]: 0.1 } },
    { id: 'market_down_10', name: 'Market Down 10%', kind: 'sensitivity', factorShocks: { [names.market]: -0.1 } },
    { id: 'rates_up_25bp', name: 'Rates Up 0.25%', kind: 'sensitivity', yieldShocks: { [names.rates]: 0.0025 } },
    { id: 'rates_down_25bp', name: 'Rates Down 0.25%', kind: 'sensitivity', yieldShocks: { [names.rates]: -0.0025 } },
    { id: 'oil_up_5', name: 'Oil Up 5%', kind: 'sensitivity', factorShocks: { [names.oil]: 0.05 } },
    { id: 'oil_down_5', name: 'Oil Down 5%', kind: 'sensitivity', factorShocks: { [names.oil]: -0.05 } },
    {
      id: 'gfc_2008', name: '2008 Financial Crisis', kind: 'historical', window: { start: '2008-09-12', end: '2008-10-10' },
      referenceFactorShocks: { [names.market]: -0.2816010177 },
    },
    {
      id: 'covid_2020', name: 'COVID-19 Crash', kind: 'historical', window: { start: '2020-02-19', end: '2020-03-23' },
      referenceFactorShocks: { [names.market]: -0.3392496001 },
    },
  ];
}

/**
 * Factor returns over a window for historical replay: level(end) / level(start) - 1, where level(d)
 * is the last observation on or before d. A factor is included only when its series covers the
 * window (first date <= start and last date >= end); the others are left for the correlated
 * propagation. Dates are ISO strings, compared as text.
 * @example historicalFactorShocks({ Market: spx }, { start: '2020-02-19', end: '2020-03-23' }) // { Market: -0.3392496001 }
 */
export function historicalFactorShocks(
  prices: Readonly<Record<string, FactorPriceSeries>>,
  window: { start: string; end: string },
): Record<string, number> {
  if (!(window.start < window.end)) {
    throw new AnalyticsError('INVALID_ARGUMENT', `window start ${window.start} must be before end ${window.end}`, 'window');
  }
  const out: Record<string, number> = {};
  for (const [factor, s] of Object.entries(prices)) {
    const n = s.dates.length;
    if (n !== s.values.length) throw new AnalyticsError('LENGTH_MISMATCH', `${factor}: dates and values differ in length`, `factorPrices.${factor}`);
    if (n === 0 || s.dates[0] > window.start || s.dates[n - 1] < window.end) continue;
    const at = (d: string): number => {
      let lo = 0, hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (s.dates[mid] <= d) lo = mid;
        else hi = mid - 1;
      }
      const v = s.values[lo];
      if (!(Number.isFinite(v) && v > 0)) {
        throw new AnalyticsError('INVALID_ARGUMENT', `${factor}: level on ${s.dates[lo]} is not a positive number`, `factorPrices.${factor}`);
      }
      return v;
    };
    out[factor] = at(window.end) / at(window.start) - 1;
  }
  return out;
}

function factorIndex(factors: readonly string[], name: string, field: string): number {
  const i = factors.indexOf(name);
  if (i < 0) throw new AnalyticsError('INVALID_ARGUMENT', `unknown factor '${name}' (factors: ${factors.join(', ')})`, field);
  return i;
}

/**
 * Completes a partial set of factor shocks with the conditional expectation of the others,
 * E[f_o | f_s = s] = Sigma_os Sigma_ss^{-1} s. Returns every factor. Throws NOT_POSITIVE_DEFINITE
 * when Sigma_ss is singular (e.g. two shocked factors perfectly correlated).
 * @example conditionalFactorShocks(['M', 'R'], createMatrix(2, 2, [4e-4, -1e-4, -1e-4, 1e-4]), { M: -0.1 }) // { M: -0.1, R: 0.025 }
 */
export function conditionalFactorShocks(
  factors: readonly string[],
  covariance: Matrix,
  shocks: Readonly<Record<string, number>>,
): Record<string, number> {
  const k = factors.length;
  if (covariance.rows !== k || covariance.cols !== k) {
    throw new AnalyticsError('LENGTH_MISMATCH', `factor covariance is ${covariance.rows}x${covariance.cols}, expected ${k}x${k}`, 'factorCovariance');
  }
  const s = Object.keys(shocks).map((f) => factorIndex(factors, f, 'shocks'));
  const out: Record<string, number> = {};
  for (const f of factors) out[f] = 0;
  for (const [f, v] of Object.entries(shocks)) {
    if (!Number.isFinite(v)) throw new AnalyticsError('INVALID_ARGUMENT', `shock for ${f} is not finite`, 'shocks');
    out[f] = v;
  }
  if (s.length === 0 || s.length === k) return out;
  const m = s.length;
  const Sss = createMatrix(m, m);
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) Sss.data[a * m + b] = covariance.data[s[a] * k + s[b]];
  const x = solveSpd(Sss, s.map((i) => out[factors[i]]));
  for (let o = 0; o < k; o++) {
    if (s.includes(o)) continue;
    let v = 0;
    for (let a = 0; a < m; a++) v += covariance.data[o * k + s[a]] * x[a];
    out[factors[o]] = v;
  }
  return out;
}

/**
 * The scenario's own factor returns (yield shocks converted through duration; historical windows
 * from price series, else the reference shocks) and where they came from.
 * @example scenarioFactorShocks(defaultStressScenarios()[2], ctx) // { shocks: { 'Interest Rate': -0.0425 }, source: 'definition' } with D = 17
 */
export function scenarioFactorShocks(scenario: StressScenario, context: StressContext): { shocks: Record<string, number>; source: StressResult['shockSource'] } {
  const shocks: Record<string, number> = {};
  let source: StressResult['shockSource'] = 'definition';
  if (scenario.window) {
    const fromPrices = context.factorPrices ? historicalFactorShocks(context.factorPrices, scenario.window) : {};
    const known = Object.fromEntries(Object.entries(fromPrices).filter(([f]) => context.factors.includes(f)));
    if (Object.keys(known).length > 0) {
      Object.assign(shocks, known);
      source = 'prices';
    } else if (scenario.referenceFactorShocks) {
      Object.assign(shocks, scenario.referenceFactorShocks);
      source = 'reference';
    } else {
      throw new AnalyticsError(
        'INSUFFICIENT_DATA',
        `${scenario.name}: no factor price series covers ${scenario.window.start}..${scenario.window.end}`,
        'factorPrices',
      );
    }
  }
  for (const [f, v] of Object.entries(scenario.factorShocks ?? {})) shocks[f] = v;
  for (const [f, dy] of Object.entries(scenario.yieldShocks ?? {})) {
    const d = context.yieldFactorDurations?.[f];
    if (!(typeof d === 'number' && Number.isFinite(d) && d > 0)) {
      throw new AnalyticsError('INSUFFICIENT_DATA', `${scenario.name}: yield shock on '${f}' needs its modified duration`, `yieldFactorDurations.${f}`);
    }
    shocks[f] = -d * dy;
  }
  for (const f of Object.keys(shocks)) factorIndex(context.factors, f, `${scenario.id}.shocks`);
  return { shocks, source };
}

interface ValuedPosition {
  position: RiskPosition;
  spot: number;
  deltaDollars: number;
  baseValue: number;
  volatility: number;
  timeToExpiry: number;
  multiplier: number;
}

function value(positions: readonly RiskPosition[], context: StressContext): ValuedPosition[] {
  return positions.map((p) => {
    const r = positionRisk(p, context.market);
    return {
      position: p, spot: r.spot, deltaDollars: r.deltaDollars, baseValue: p.kind === 'option' ? (r.modelPrice as number) : r.spot,
      volatility: r.volatility ?? 0, timeToExpiry: r.timeToExpiry ?? 0, multiplier: r.multiplier,
    };
  });
}

function pnlUnder(valued: readonly ValuedPosition[], f: Record<string, number>, scenario: StressScenario, context: StressContext): StressPnl {
  const k = context.factors.length;
  const fv = context.factors.map((name) => f[name]);
  const impacts = new Float64Array(k);
  let idiosyncratic = 0, total = 0, linear = 0;
  const rows: PositionStressPnl[] = [];
  for (const v of valued) {
    const p = v.position;
    const u = p.underlying;
    const spotShock = scenario.spotShocks?.[u];
    let r: number;
    if (spotShock !== undefined) {
      if (!Number.isFinite(spotShock)) throw new AnalyticsError('INVALID_ARGUMENT', `spot shock for ${u} is not finite`, `spotShocks.${u}`);
      r = spotShock;
      idiosyncratic += v.deltaDollars * r;
      linear += v.deltaDollars * r;
    } else {
      const b = context.betas[u];
      if (b === undefined) throw new AnalyticsError('INSUFFICIENT_DATA', `${p.id}: no factor betas for ${u}`, `betas.${u}`);
      if (b.length !== k) throw new AnalyticsError('LENGTH_MISMATCH', `${u}: ${b.length} betas for ${k} factors`, `betas.${u}`);
      r = 0;
      for (let j = 0; j < k; j++) {
        const c = v.deltaDollars * b[j] * fv[j];
        impacts[j] += c;
        linear += c;
        r += b[j] * fv[j];
      }
      const move = scenario.spotMoves?.[u] ?? scenario.spotMoves?.['*'] ?? 0;
      if (!Number.isFinite(move)) throw new AnalyticsError('INVALID_ARGUMENT', `spot move for ${u} is not finite`, `spotMoves.${u}`);
      if (move !== 0) {
        r += move;
        idiosyncratic += v.deltaDollars * move;
        linear += v.deltaDollars * move;
      }
    }
    let pnl: number;
    if (p.kind === 'stock') {
      // A price falls at most to zero: a long stock loses at most its value.
      pnl = p.quantity * v.spot * Math.max(r, -1);
    } else {
      const dv = scenario.volShocks?.[u] ?? scenario.volShocks?.['*'] ?? 0;
      if (!Number.isFinite(dv)) throw new AnalyticsError('INVALID_ARGUMENT', `vol shock for ${u} is not finite`, `volShocks.${u}`);
      const spot = Math.max(v.spot * (1 + r), v.spot * 1e-12);
      const vol = v.timeToExpiry > 0 ? Math.max(v.volatility + dv, 1e-4) : 0;
      const shocked = blackScholes({
        right: p.right, spot, strike: p.strike, timeToExpiry: v.timeToExpiry, rate: context.market.rate,
        dividendYield: context.market.dividendYields?.[u] ?? 0, volatility: vol,
      }).price;
      pnl = p.quantity * v.multiplier * (shocked - v.baseValue);
    }
    total += pnl;
    rows.push({ id: p.id, underlying: u, underlyingReturn: r, pnl });
  }
  const out: StressPnl = {
    factorShocks: { ...f },
    totalPnl: total,
    factorImpacts: Object.fromEntries(context.factors.map((name, j) => [name, impacts[j]])),
    idiosyncraticPnl: idiosyncratic,
    nonlinearPnl: total - linear,
    positions: rows,
  };
  if (context.portfolioValue !== undefined) out.totalReturn = total / context.portfolioValue;
  return out;
}

/**
 * The P&L of a book of stocks and options under one set of factor returns `factorShocks` (every
 * factor of the context; a missing one is 0) and the scenario's spot and volatility shocks: the
 * model of {@link runStressTests}, for one set of shocks chosen by the caller (a custom scenario).
 * Throws AnalyticsError for missing betas or spots, or a non-finite shock.
 * @example stressPnl(book, ctx, { market: -0.05 }, { volShocks: { '*': 0.05 } }).totalPnl // dollars
 */
export function stressPnl(positions: readonly RiskPosition[], context: StressContext, factorShocks: Readonly<Record<string, number>>, scenario: Pick<StressScenario, 'spotShocks' | 'spotMoves' | 'volShocks'> = {}): StressPnl {
  const f: Record<string, number> = {};
  for (const name of context.factors) f[name] = factorShocks[name] ?? 0;
  for (const name of Object.keys(factorShocks)) factorIndex(context.factors, name, 'factorShocks');
  return pnlUnder(value(positions, context), f, { id: 'custom', name: 'custom', kind: 'sensitivity', ...scenario }, context);
}

/**
 * Runs stress scenarios on a book of stocks and options (model in the module comment). For each
 * scenario: the direct P&L (only the scenario's shocks) and the correlated P&L (other factors at
 * their conditional expectation), each with per-factor impacts and per-position P&L.
 *
 * Throws AnalyticsError for unknown factors, missing betas / spots / durations, or a historical
 * window that no price series covers when the scenario has no reference shocks.
 *
 * @example
 * const [up] = runStressTests(book, ctx, defaultStressScenarios().slice(0, 1));
 * up.direct.totalPnl // dollars; up.correlated.factorShocks // every factor's move
 */
export function runStressTests(positions: readonly RiskPosition[], context: StressContext, scenarios: readonly StressScenario[]): StressResult[] {
  const k = context.factors.length;
  if (context.factorCovariance.rows !== k || context.factorCovariance.cols !== k) {
    throw new AnalyticsError('LENGTH_MISMATCH', `factor covariance is ${context.factorCovariance.rows}x${context.factorCovariance.cols}, expected ${k}x${k}`, 'factorCovariance');
  }
  if (context.portfolioValue !== undefined && !(Number.isFinite(context.portfolioValue) && context.portfolioValue > 0)) {
    throw new AnalyticsError('INVALID_ARGUMENT', `portfolioValue must be positive, got ${context.portfolioValue}`, 'portfolioValue');
  }
  const valued = value(positions, context);
  return scenarios.map((scenario) => {
    const { shocks, source } = scenarioFactorShocks(scenario, context);
    const direct: Record<string, number> = {};
    for (const f of context.factors) direct[f] = shocks[f] ?? 0;
    const correlated = conditionalFactorShocks(context.factors, context.factorCovariance, shocks);
    return {
      scenarioId: scenario.id,
      name: scenario.name,
      kind: scenario.kind,
      shockSource: source,
      direct: pnlUnder(valued, direct, scenario, context),
      correlated: pnlUnder(valued, correlated, scenario, context),
    };
  });
}
