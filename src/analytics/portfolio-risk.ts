/**
 * The portfolio refresh's arithmetic: one pure function from a portfolio's inputs on a trading day D
 * to every stored result (valuation and P&L, the equity roll-forward, Greeks, exposures and
 * concentration, factor exposures and risk contributions, correlations, volatility, Sharpe, Sortino,
 * drawdown, VaR and CVaR by method with component VaR, stress tests, short-squeeze levels). The
 * nightly batch calls it with stored symbol-level data; the what-if sessions call it unchanged on
 * edited positions. docs/portfolio-risk.md is its specification (units, annualization, windows, what
 * is left out and why); test/batch/portfolio-refresh-golden.test.ts checks it against an independent
 * numpy oracle.
 *
 * Conventions (project-wide): quantities signed (long > 0, short < 0); options in contracts of 100
 * shares; money in the portfolio currency; returns and rates decimal; daily figures unless named
 * annual (252 trading days a year); VaR and CVaR reported as positive dollar losses. Nothing is
 * guessed: a position without a price is left out of everything, one without betas out of the
 * factor figures and stress tests, and each such case is named in `warnings`.
 */
import { AnalyticsError } from './analytics-error.js';
import { priceUnchecked } from './black-scholes.js';
import { covarianceMatrix } from './covariance.js';
import { maxDrawdown, wealthIndex } from './drawdown.js';
import {
  concentration as concentrationOf,
  diversificationScore,
  exposureSummary,
  exposuresBy,
  type ExposurePosition,
  type ExposureSummary,
  type GroupExposure,
} from './exposures.js';
import { createMatrix, type Matrix } from './linear-algebra.js';
import {
  aggregateByUnderlying,
  positionRisk,
  totalGreeks,
  type MarketContext,
  type PositionRisk,
  type PositionType,
  type RiskPosition,
  type UnderlyingGreeks,
} from './option-positions.js';
import { sharpeRatio, sortinoRatio } from './performance.js';
import { shortSqueezeRisks, type ShortSellingMetrics, type ShortSqueezeRisk } from './short-squeeze.js';
import { sd } from './statistics.js';
import { runStressTests, type StressScenario } from './stress-test.js';
import { componentVar, monteCarloDeltaGammaVar, valueAtRisk, type VarMethod, type VarResult } from './value-at-risk.js';
import { TRADING_DAYS_PER_YEAR } from './volatility.js';


/** One position of the portfolio, as stored. */
export interface PortfolioPosition {
  id: string;
  /** Ticker, or the option's OCC symbol (its own prices are keyed by it). */
  symbol: string;
  positionType: PositionType;
  /** Signed: shares, or contracts for options. */
  quantity: number;
  /** Per share (an option's premium per share). */
  entryPrice: number;
  entryDate: string;
  exitPrice?: number | null;
  exitDate?: string | null;
  /** Options: the underlying, strike and expiry (ISO date). */
  underlying?: string | null;
  strike?: number | null;
  expiry?: string | null;
  sector?: string | null;
  industry?: string | null;
  tags?: readonly string[];
}

/** The last stored close on or before D of a symbol. */
export interface PriceInput {
  close: number;
  /** Its date (before D = stale). */
  date: string;
  /** From the synthetic demo market. */
  synthetic?: boolean;
}

/** A stress scenario as stored (stress_scenarios and its shocks), factors by factor name. */
export interface ScenarioInput {
  id: string;
  name: string;
  type: 'sensitivity' | 'historical' | 'hypothetical';
  factorShocks?: Readonly<Record<string, number>>;
  yieldShocks?: Readonly<Record<string, number>>;
  spotShocks?: Readonly<Record<string, number>>;
  volShocks?: Readonly<Record<string, number>>;
}

/** The previous session's stored results the roll-forward continues from. */
export interface PreviousSnapshot {
  date: string;
  equity: number;
  totalPnl: number;
  cumulativePnl: number;
  timeWeightedReturn: number;
}

/** Everything {@link portfolioRisk} needs; see docs/portfolio-risk.md for how the batch fills it. */
export interface PortfolioRiskInput {
  /** Trading day D, ISO. */
  asOf: string;
  /** Continuously compounded annual risk-free rate (decimal). */
  riskFreeRate: number;
  /** Every position not deleted with entryDate <= D (open and closed). */
  positions: readonly PortfolioPosition[];
  /** Last close on or before D, by symbol (stocks, underlyings, option symbols when quoted). */
  prices: Readonly<Record<string, PriceInput>>;
  /** The factor calendar's return dates (ascending, ending on D) and each underlying's simple returns on them (NaN = missing). */
  history: { dates: readonly string[]; returns: Readonly<Record<string, ArrayLike<number>>> };
  /** Factor betas by underlying and factor name: single-factor OLS (market, interest rate, oil) and the ridge style model. */
  betas: {
    single: Readonly<Record<string, Readonly<Record<string, number>>>>;
    style: Readonly<Record<string, Readonly<Record<string, number>>>>;
  };
  factors: {
    /** The style model's factors, in order. */
    style: readonly string[];
    /** The single-factor (stress) factors, in order; also reported as exposures except the market factor. */
    single: readonly string[];
    /** The single factor whose portfolio beta is "the" portfolio beta (market). */
    market: string;
    /** Daily factor covariance (sample) over `names`. */
    names: readonly string[];
    covariance: Matrix;
    /** Modified duration of rate factors' proxies, for yield shocks. */
    durations: Readonly<Record<string, number>>;
  };
  scenarios: readonly ScenarioInput[];
  /** Latest short-selling metrics by symbol. */
  shortSelling: Readonly<Record<string, ShortSellingMetrics>>;
  /** The previous session's snapshot, or null for the first one. */
  previous: PreviousSnapshot | null;
  /** The portfolio's stated equity, used when there is no previous snapshot. */
  statedEquity: number | null;
  /** Sum of cash flows dated D (deposits > 0). */
  cashFlows: number;
  /** Defaults: 60 history dates, 10,000 simulations, seed 1. */
  options?: { minObservations?: number; simulations?: number; seed?: number };
}

/** A position's results on D. */
export interface PositionResult {
  id: string;
  symbol: string;
  underlying: string;
  positionType: PositionType;
  quantity: number;
  multiplier: number;
  /** Per share: the close, an option's quote, or its model value. */
  price: number;
  underlyingPrice: number;
  marketValue: number;
  cost: number;
  unrealizedPnl: number;
  /** unrealizedPnl / |cost|; null when the cost is 0. */
  unrealizedPnlPct: number | null;
  /** Option valued at realized volatility (no usable quote on D). */
  estimated: boolean;
  deltaDollars: number;
  gammaDollarsPer1Pct: number;
  thetaPerDay: number;
  vegaPerVolPoint: number;
  rhoPerRatePoint: number;
  /** Options only: per-share Black-Scholes-Merton figures. */
  option?: {
    delta: number;
    gamma: number;
    /** Per calendar day. */
    theta: number;
    /** Per 1.00 of volatility. */
    vega: number;
    /** Per 1.00 of rate. */
    rho: number;
    volatility: number | null;
    volatilitySource: 'implied' | 'realized' | 'expired';
    timeToExpiry: number;
    modelPrice: number;
  };
  /** Beta and dollars per factor (style model and single factors), when the underlying has betas. */
  factorExposures: { factor: string; model: 'style' | 'single'; beta: number; dollars: number }[];
}

/** One VaR estimate, as stored. */
export interface VarRow {
  method: VarMethod;
  confidence: number;
  horizon: number;
  /** Positive dollar losses. */
  var: number;
  cvar: number;
  /** The quantile and tail mean of the horizon return (negative = loss). */
  varReturn: number;
  cvarReturn: number;
  sampleSize: number;
}

/** Component VaR of one position for one confidence and horizon (positive = adds to the loss). */
export interface ComponentVarRow {
  positionId: string;
  confidence: number;
  horizon: number;
  componentVar: number;
  componentCvar: number;
  marginalVar: number;
  percentOfVar: number;
}

/** A stress scenario's result. */
export interface StressRow {
  scenarioId: string;
  name: string;
  directPnl: number;
  correlatedPnl: number;
  directReturn: number | null;
  correlatedReturn: number | null;
  factorImpacts: { factor: string; shock: number; correlatedShock: number; directPnl: number; correlatedPnl: number }[];
  positionImpacts: { positionId: string; symbol: string; directPnl: number; correlatedPnl: number }[];
}

/** Every result of a portfolio on D. */
export interface PortfolioRiskResult {
  asOf: string;
  riskFreeRate: number;
  equity: number;
  previousEquity: number | null;
  cashFlows: number;
  /** Net market value of the open positions. */
  marketValue: number;
  cash: number;
  totalPnl: number;
  realizedPnl: number;
  unrealizedPnl: number;
  dailyPnl: number | null;
  dailyReturn: number | null;
  cumulativePnl: number;
  timeWeightedReturn: number;
  positions: PositionResult[];
  closedPositions: { id: string; symbol: string; realizedPnl: number }[];
  exposures: ExposureSummary;
  exposuresBy: Record<'sector' | 'industry' | 'tag' | 'positionType' | 'underlying', GroupExposure[]>;
  concentration: { hhi: number; effectiveN: number; top5: number; weights: { underlying: string; weight: number }[] } | null;
  greeks: { deltaDollars: number; gammaDollarsPer1Pct: number; thetaPerDay: number; vegaPerVolPoint: number; rhoPerRatePoint: number };
  greeksByUnderlying: UnderlyingGreeks[];
  /** The single-factor market beta of the book (delta dollars x beta / equity). */
  marketBeta: number | null;
  factorExposures: { factor: string; model: 'style' | 'single'; beta: number; dollars: number; varianceContribution: number | null }[];
  /** Return-based risk of today's holdings over the history; null when too little history. */
  returnRisk: {
    observations: number;
    firstDate: string;
    lastDate: string;
    volatilityDaily: number;
    volatilityAnnual: number;
    sharpe: number | null;
    sortino: number | null;
    maxDrawdown: number;
    var: VarRow[];
    componentVar: ComponentVarRow[];
  } | null;
  correlations: {
    observations: number;
    pairs: { position1: string; position2: string; symbol1: string; symbol2: string; correlation: number }[];
    average: number | null;
    diversificationScore: number | null;
  } | null;
  stress: StressRow[];
  shortSqueeze: ShortSqueezeRisk[];
  provenance: { inputsDate: string; stale: boolean; staleSymbols: string[]; synthetic: boolean };
  warnings: string[];
}

const OPTION_TYPES = new Set<PositionType>(['LC', 'LP', 'SC', 'SP']);
/** The stored VaR grid: methods, confidences and horizons (days). */
export const VAR_METHODS = ['historical', 'gaussian', 'modified', 'monte_carlo'] as const;
export const VAR_CONFIDENCES = [0.95, 0.99] as const;
export const VAR_HORIZONS = [1, 10] as const;

/** True for LC/LP/SC/SP. */
export function isOptionPosition(type: PositionType): boolean {
  return OPTION_TYPES.has(type);
}

/**
 * The analytics library's position (option-positions.ts) for a stored one; `quote` is the option's
 * close on D. The one place the stored option fields (LC/LP/SC/SP, 'CALL'/'PUT') become the
 * library's ('call'/'put' from the type, which the table checks agrees with option_type).
 */
export function riskPositionOf(p: PortfolioPosition, quote?: number | null): RiskPosition {
  if (!isOptionPosition(p.positionType)) return { kind: 'stock', id: p.id, underlying: p.symbol, quantity: p.quantity };
  if (!p.underlying || !(typeof p.strike === 'number' && p.strike > 0) || !p.expiry) {
    throw new AnalyticsError('INVALID_ARGUMENT', `${p.id} (${p.symbol}): an option needs its underlying, strike and expiry`, 'positions');
  }
  return {
    kind: 'option', id: p.id, underlying: p.underlying, right: p.positionType === 'LC' || p.positionType === 'SC' ? 'call' : 'put',
    strike: p.strike, expiry: p.expiry, quantity: p.quantity, marketPrice: quote ?? null,
  };
}

/** Underlying of a stored position: the option's underlying, else the symbol. */
export function underlyingOf(p: PortfolioPosition): string {
  return isOptionPosition(p.positionType) ? (p.underlying ?? p.symbol) : p.symbol;
}

function isOpen(p: PortfolioPosition, date: string): boolean {
  return !p.exitDate || p.exitDate > date;
}

/**
 * The first part of {@link portfolioRisk}: the realized volatilities, the valuation of the open
 * positions, the realized P&L of the closed ones and the equity roll-forward from the previous
 * snapshot, with the warnings so far. Pure. A range refresh rolls the equity forward day by day with
 * it alone, then computes the days' full results in parallel, each from its previous day's equity.
 */
export function valuePortfolio(input: PortfolioRiskInput) {
  const D = input.asOf;
  const warnings: string[] = [];
  if (!Number.isFinite(input.riskFreeRate)) throw new AnalyticsError('INVALID_ARGUMENT', 'riskFreeRate must be finite', 'riskFreeRate');

  // Realized volatility of every underlying: sample sd of its available returns x sqrt(252).
  const realizedVolatility: Record<string, number> = {};
  for (const [u, r] of Object.entries(input.history.returns)) {
    const x = new Float64Array(r.length);
    let k = 0;
    for (let t = 0; t < r.length; t++) if (Number.isFinite(r[t])) x[k++] = r[t];
    if (k >= 2) realizedVolatility[u] = sd(x.subarray(0, k)) * Math.sqrt(TRADING_DAYS_PER_YEAR);
  }

  // Valuation of the open positions, and the realized P&L of the closed ones.
  // Spots are added as positions are valued; every valuation and the stress tests share this context.
  const spots: Record<string, number> = {};
  const market: MarketContext = { valuationDate: D, rate: input.riskFreeRate, spots, realizedVolatility };
  const usedPrices = new Map<string, PriceInput>();
  const closedPositions: PortfolioRiskResult['closedPositions'] = [];
  let realizedPnl = 0;
  const open: { p: PortfolioPosition; rp: RiskPosition; risk: PositionRisk }[] = [];
  for (const p of input.positions) {
    if (p.entryDate > D) continue;
    const m = isOptionPosition(p.positionType) ? 100 : 1;
    if (!isOpen(p, D)) {
      const pnl = p.quantity * ((p.exitPrice as number) - p.entryPrice) * m;
      realizedPnl += pnl;
      closedPositions.push({ id: p.id, symbol: p.symbol, realizedPnl: pnl });
      continue;
    }
    const u = underlyingOf(p);
    const spot = input.prices[u];
    if (!spot) {
      warnings.push(`${p.symbol}: no price of ${u} on or before ${D}; the position is left out`);
      continue;
    }
    spots[u] = spot.close;
    usedPrices.set(u, spot);
    const quote = isOptionPosition(p.positionType) ? input.prices[p.symbol] : undefined;
    // An option's own close counts only when it is D's: an older quote against today's spot would imply a wrong volatility.
    const usableQuote = quote && quote.date === D ? quote.close : null;
    if (usableQuote !== null) usedPrices.set(p.symbol, quote as PriceInput);
    try {
      const rp = riskPositionOf(p, usableQuote);
      open.push({ p, rp, risk: positionRisk(rp, market) });
    } catch (e) {
      if (!(e instanceof AnalyticsError) || e.code !== 'INSUFFICIENT_DATA') throw e;
      warnings.push(`${p.symbol}: ${e.message}; the position is left out`);
    }
  }

  const positions: PositionResult[] = open.map(({ p, risk }) => {
    const cost = p.quantity * p.entryPrice * risk.multiplier;
    const unrealized = risk.marketValue - cost;
    const out: PositionResult = {
      id: p.id, symbol: p.symbol, underlying: risk.underlying, positionType: p.positionType, quantity: p.quantity,
      multiplier: risk.multiplier, price: risk.price, underlyingPrice: risk.spot, marketValue: risk.marketValue, cost,
      unrealizedPnl: unrealized, unrealizedPnlPct: cost !== 0 ? unrealized / Math.abs(cost) : null, estimated: risk.estimated,
      deltaDollars: risk.deltaDollars, gammaDollarsPer1Pct: risk.gammaDollarsPer1Pct, thetaPerDay: risk.thetaPerDay,
      vegaPerVolPoint: risk.vegaPerVolPoint, rhoPerRatePoint: risk.rhoPerRatePoint, factorExposures: [],
    };
    if (risk.kind === 'option' && risk.greeks) {
      out.option = {
        delta: risk.greeks.delta, gamma: risk.greeks.gamma, theta: risk.greeks.thetaPerDay, vega: risk.greeks.vega, rho: risk.greeks.rho,
        volatility: risk.volatility ?? null, volatilitySource: risk.volatilitySource ?? 'expired', timeToExpiry: risk.timeToExpiry ?? 0,
        modelPrice: risk.modelPrice ?? risk.price,
      };
    }
    if (risk.estimated && risk.note) warnings.push(`${p.symbol}: ${risk.note}`);
    return out;
  });
  const risks = open.map((o) => o.risk);

  // P&L and the equity roll-forward.
  let unrealizedPnl = 0, marketValue = 0;
  for (const r of positions) {
    unrealizedPnl += r.unrealizedPnl;
    marketValue += r.marketValue;
  }
  const totalPnl = unrealizedPnl + realizedPnl;
  const prev = input.previous;
  const dailyPnl = prev ? totalPnl - prev.totalPnl : null;
  let equity: number;
  if (prev) equity = prev.equity + (dailyPnl as number) + input.cashFlows;
  else {
    let gross = 0;
    for (const r of positions) gross += Math.abs(r.marketValue);
    equity = (input.statedEquity ?? gross) + input.cashFlows;
  }
  const dailyReturn = prev && prev.equity > 0 ? (dailyPnl as number) / prev.equity : null;
  const timeWeightedReturn = prev ? (1 + prev.timeWeightedReturn) * (1 + (dailyReturn ?? 0)) - 1 : 0;
  const cumulativePnl = prev ? prev.cumulativePnl + (dailyPnl as number) : totalPnl;
  return {
    warnings, market, usedPrices, closedPositions, realizedPnl, open, positions, risks,
    unrealizedPnl, marketValue, totalPnl, prev, dailyPnl, equity, dailyReturn, timeWeightedReturn, cumulativePnl,
  };
}

/**
 * Computes every result of a portfolio on D (docs/portfolio-risk.md). Pure: same inputs, same
 * output. Throws AnalyticsError only for malformed inputs (an option without its fields, a
 * non-finite number); missing data degrades to warnings.
 */
export function portfolioRisk(input: PortfolioRiskInput): PortfolioRiskResult {
  const D = input.asOf;
  const minObs = input.options?.minObservations ?? 60;
  const {
    warnings, market, usedPrices, closedPositions, realizedPnl, open, positions, risks,
    unrealizedPnl, marketValue, totalPnl, prev, dailyPnl, equity, dailyReturn, timeWeightedReturn, cumulativePnl,
  } = valuePortfolio(input);
  const equityUsable = Number.isFinite(equity) && equity > 0;
  if (!equityUsable) warnings.push(`equity ${equity.toFixed(2)} is not positive: betas, VaR and returns are not computed`);

  // Exposures, concentration, Greeks.
  const byId = new Map(input.positions.map((p) => [p.id, p]));
  const exposurePositions: ExposurePosition[] = positions.map((r) => {
    const p = byId.get(r.id) as PortfolioPosition;
    return {
      id: r.id, underlying: r.underlying, marketValue: r.marketValue, deltaDollars: r.deltaDollars,
      sector: p.sector ?? null, industry: p.industry ?? null, positionType: p.positionType, tags: p.tags ?? [],
    };
  });
  const pv = equityUsable ? equity : undefined;
  const exposures = exposureSummary(exposurePositions, pv);
  const grouped = {
    sector: exposuresBy(exposurePositions, 'sector', pv),
    industry: exposuresBy(exposurePositions, 'industry', pv),
    tag: exposuresBy(exposurePositions, 'tag', pv),
    positionType: exposuresBy(exposurePositions, 'positionType', pv),
    underlying: exposuresBy(exposurePositions, 'underlying', pv),
  };
  let concentration: PortfolioRiskResult['concentration'] = null;
  if (exposurePositions.some((p) => p.deltaDollars !== 0)) {
    try {
      const c = concentrationOf(exposurePositions);
      concentration = { hhi: c.hhi, effectiveN: c.effectiveN, top5: c.top5, weights: c.weights };
    } catch (e) {
      if (!(e instanceof AnalyticsError)) throw e;
      warnings.push(`concentration: ${e.message}`);
    }
  }
  const totals = totalGreeks(risks);
  const greeks = {
    deltaDollars: totals.deltaDollars, gammaDollarsPer1Pct: totals.gammaDollarsPer1Pct, thetaPerDay: totals.thetaPerDay,
    vegaPerVolPoint: totals.vegaPerVolPoint, rhoPerRatePoint: totals.rhoPerRatePoint,
  };

  // Factor exposures: style model (ridge) and single factors other than... every single factor.
  const { style: styleFactors, single: singleFactors } = input.factors;
  const styleDollars = new Float64Array(styleFactors.length);
  const singleDollars = new Float64Array(singleFactors.length);
  // An underlying without the style model's betas is left out of the style exposures; without the
  // single-factor betas, out of those and of the stress tests.
  const missingStyle = new Set<string>();
  const missingSingle = new Set<string>();
  for (const r of positions) {
    const sb = input.betas.style[r.underlying];
    const gb = input.betas.single[r.underlying];
    if (styleFactors.length === 0) {
      // no style model
    } else if (sb && styleFactors.every((f) => Number.isFinite(sb[f]))) {
      styleFactors.forEach((f, k) => {
        const d = r.deltaDollars * sb[f];
        styleDollars[k] += d;
        r.factorExposures.push({ factor: f, model: 'style', beta: sb[f], dollars: d });
      });
    } else missingStyle.add(r.underlying);
    if (gb && singleFactors.every((f) => Number.isFinite(gb[f]))) {
      singleFactors.forEach((f, k) => {
        const d = r.deltaDollars * gb[f];
        singleDollars[k] += d;
        r.factorExposures.push({ factor: f, model: 'single', beta: gb[f], dollars: d });
      });
    } else missingSingle.add(r.underlying);
  }
  for (const u of [...new Set([...missingSingle, ...missingStyle])].sort()) {
    const what = missingSingle.has(u) && missingStyle.has(u) ? 'factor betas' : missingSingle.has(u) ? 'single-factor betas (market, rates, oil)' : 'style-model betas';
    warnings.push(`${u}: no ${what} on ${D}; its positions are left out of ${missingSingle.has(u) ? 'those factor exposures and the stress tests' : 'the style factor exposures'}`);
  }
  const factorExposures: PortfolioRiskResult['factorExposures'] = [];
  let marketBeta: number | null = null;
  if (equityUsable && positions.length > 0) {
    const styleCov = subCovariance(input.factors, styleFactors);
    let contributions: Float64Array | null = null;
    if (styleCov) {
      contributions = new Float64Array(styleFactors.length);
      for (let i = 0; i < styleFactors.length; i++) {
        let s = 0;
        for (let j = 0; j < styleFactors.length; j++) s += styleCov.data[i * styleFactors.length + j] * styleDollars[j];
        contributions[i] = styleDollars[i] * s;
      }
    } else warnings.push(`no factor covariance for ${D}: factor risk contributions are not computed`);
    // A model none of whose underlyings has betas on D gives no exposure (not a beta of 0): the warnings say why.
    const anyStyle = positions.some((r) => !missingStyle.has(r.underlying));
    const anySingle = positions.some((r) => !missingSingle.has(r.underlying));
    if (anyStyle) {
      styleFactors.forEach((f, k) => factorExposures.push({
        factor: f, model: 'style', beta: styleDollars[k] / equity, dollars: styleDollars[k], varianceContribution: contributions ? contributions[k] : null,
      }));
    }
    if (anySingle) {
      singleFactors.forEach((f, k) => {
        if (f === input.factors.market) marketBeta = singleDollars[k] / equity;
        else factorExposures.push({ factor: f, model: 'single', beta: singleDollars[k] / equity, dollars: singleDollars[k], varianceContribution: null });
      });
    }
  }

  // Return-based risk of today's holdings over the history (complete cases).
  let returnRisk: PortfolioRiskResult['returnRisk'] = null;
  let correlations: PortfolioRiskResult['correlations'] = null;
  const held = [...new Set(positions.map((r) => r.underlying))].sort();
  const noHistory = held.filter((u) => !input.history.returns[u]);
  if (positions.length > 0 && noHistory.length > 0) warnings.push(`no return history for ${noHistory.join(', ')}: VaR, volatility and correlations are not computed`);
  else if (positions.length > 0) {
    const heldReturns = held.map((u) => input.history.returns[u]);
    const rows: number[] = [];
    for (let t = 0; t < input.history.dates.length; t++) {
      let complete = true;
      for (const r of heldReturns) if (!Number.isFinite(r[t])) { complete = false; break; }
      if (complete) rows.push(t);
    }
    if (rows.length < minObs) {
      warnings.push(`${rows.length} history dates with a return for every holding (${minObs} needed): VaR, volatility and correlations are not computed`);
    } else {
      const columns = heldReturns.map((r) => {
        const c = new Float64Array(rows.length);
        for (let k = 0; k < rows.length; k++) c[k] = r[rows[k]];
        return c;
      });
      const cov = covarianceMatrix(columns);
      const col = new Map(held.map((u, i) => [u, i]));
      const n = held.length;
      const positionCov = createMatrix(positions.length, positions.length);
      positions.forEach((a, i) => positions.forEach((b, j) => {
        positionCov.data[i * positions.length + j] = cov.data[(col.get(a.underlying) as number) * n + (col.get(b.underlying) as number)];
      }));
      const x = Float64Array.from(positions, (r) => r.deltaDollars);
      correlations = positionCorrelations(positions, positionCov, x, rows.length, warnings);
      if (equityUsable) {
        returnRisk = holdingsRisk({
          positions, risks, book: open.map((o) => o.rp), columns, col, rows: rows.length, equity, rate: input.riskFreeRate, cov, positionCov, x,
          firstDate: input.history.dates[rows[0]], lastDate: input.history.dates[rows[rows.length - 1]], rowDates: rows.map((t) => input.history.dates[t]),
          simulations: input.options?.simulations ?? 10_000, seed: input.options?.seed ?? 1, warnings,
        });
      }
    }
  }

  // Stress tests on the single-factor betas, positions with betas only.
  const stress: StressRow[] = [];
  const stressCov = subCovariance(input.factors, singleFactors);
  const covered = open.filter(({ risk }) => !missingSingle.has(risk.underlying));
  if (covered.length > 0 && equityUsable && stressCov) {
    const riskPositions = covered.map(({ rp }) => rp);
    const betas: Record<string, Float64Array> = {};
    for (const { risk } of covered) betas[risk.underlying] = Float64Array.from(singleFactors, (f) => input.betas.single[risk.underlying][f]);
    const context = {
      factors: singleFactors, factorCovariance: stressCov, betas, market,
      yieldFactorDurations: input.factors.durations, portfolioValue: equity,
    };
    const symbols = new Map(covered.map(({ p }) => [p.id, p.symbol]));
    for (const s of input.scenarios) {
      const scenario: StressScenario = {
        id: s.id, name: s.name, kind: s.type === 'historical' ? 'historical' : 'sensitivity',
        factorShocks: s.factorShocks, yieldShocks: s.yieldShocks, spotShocks: s.spotShocks, volShocks: s.volShocks,
      };
      try {
        const [r] = runStressTests(riskPositions, context, [scenario]);
        const correlatedById = new Map(r.correlated.positions.map((q) => [q.id, q.pnl]));
        stress.push({
          scenarioId: s.id, name: s.name, directPnl: r.direct.totalPnl, correlatedPnl: r.correlated.totalPnl,
          directReturn: r.direct.totalReturn ?? null, correlatedReturn: r.correlated.totalReturn ?? null,
          factorImpacts: singleFactors.map((f) => ({
            factor: f, shock: r.direct.factorShocks[f], correlatedShock: r.correlated.factorShocks[f],
            directPnl: r.direct.factorImpacts[f], correlatedPnl: r.correlated.factorImpacts[f],
          })),
          positionImpacts: r.direct.positions.map((q) => ({
            positionId: q.id, symbol: symbols.get(q.id) as string, directPnl: q.pnl, correlatedPnl: correlatedById.get(q.id) as number,
          })),
        });
      } catch (e) {
        if (!(e instanceof AnalyticsError)) throw e;
        warnings.push(`stress scenario "${s.name}": ${e.message}`);
      }
    }
  } else if (open.length > 0 && !stressCov) warnings.push(`no factor covariance for ${D}: stress tests are not computed`);

  const shorts = positions.filter((r) => r.positionType === 'SHORT').map((r) => ({ id: r.id, symbol: r.symbol, quantity: r.quantity }));
  const squeeze = shortSqueezeRisks(shorts, input.shortSelling);
  for (const s of squeeze.missingMetrics) warnings.push(`${s}: no short-selling metrics; its squeeze risk is unknown`);

  let inputsDate = D, synthetic = false;
  const staleSymbols: string[] = [];
  for (const [s, p] of usedPrices) {
    if (p.date < inputsDate) inputsDate = p.date;
    if (p.date < D) staleSymbols.push(s);
    synthetic ||= p.synthetic === true;
  }
  staleSymbols.sort();
  if (staleSymbols.length > 0) warnings.push(`stale prices (last close before ${D}): ${staleSymbols.join(', ')}`);

  return {
    asOf: D, riskFreeRate: input.riskFreeRate, equity, previousEquity: prev ? prev.equity : null, cashFlows: input.cashFlows,
    marketValue, cash: equity - marketValue, totalPnl, realizedPnl, unrealizedPnl, dailyPnl, dailyReturn, cumulativePnl,
    timeWeightedReturn, positions, closedPositions, exposures, exposuresBy: grouped, concentration, greeks,
    greeksByUnderlying: aggregateByUnderlying(risks), marketBeta, factorExposures, returnRisk, correlations, stress,
    shortSqueeze: squeeze.risks, provenance: { inputsDate, stale: staleSymbols.length > 0, staleSymbols, synthetic }, warnings,
  };
}

/** The covariance of `factors` out of the input's matrix, or null when one is missing. */
function subCovariance(f: PortfolioRiskInput['factors'], factors: readonly string[]): Matrix | null {
  const idx = factors.map((name) => f.names.indexOf(name));
  if (idx.some((i) => i < 0)) return null;
  const n = f.names.length;
  const out = createMatrix(factors.length, factors.length);
  idx.forEach((a, i) => idx.forEach((b, j) => { out.data[i * factors.length + j] = f.covariance.data[a * n + b]; }));
  for (const v of out.data) if (!Number.isFinite(v)) return null;
  return out;
}

function positionCorrelations(positions: readonly PositionResult[], cov: Matrix, x: Float64Array, observations: number, warnings: string[]): PortfolioRiskResult['correlations'] {
  const n = positions.length;
  const pairs: NonNullable<PortfolioRiskResult['correlations']>['pairs'] = [];
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = cov.data[i * n + i], b = cov.data[j * n + j];
      if (!(a > 0 && b > 0)) continue;
      const c = Math.max(-1, Math.min(1, cov.data[i * n + j] / Math.sqrt(a * b)));
      pairs.push({ position1: positions[i].id, position2: positions[j].id, symbol1: positions[i].symbol, symbol2: positions[j].symbol, correlation: c });
      sum += c;
    }
  }
  let score: number | null = null;
  try {
    score = diversificationScore(x, cov).score;
  } catch (e) {
    if (!(e instanceof AnalyticsError)) throw e;
    warnings.push(`diversification: ${e.message}`);
  }
  return { observations, pairs, average: pairs.length > 0 ? sum / pairs.length : null, diversificationScore: score };
}

interface HoldingsInput {
  positions: readonly PositionResult[];
  risks: readonly PositionRisk[];
  /** The same positions as the library's positions (aligned with `risks`). */
  book: readonly RiskPosition[];
  /** Complete-case returns per held underlying, sorted by underlying. */
  columns: readonly Float64Array[];
  col: ReadonlyMap<string, number>;
  rows: number;
  equity: number;
  rate: number;
  /** Daily covariance of the held underlyings, and of the positions' underlyings. */
  cov: Matrix;
  positionCov: Matrix;
  x: Float64Array;
  firstDate: string;
  lastDate: string;
  /** The history date of each row of `columns`. */
  rowDates: readonly string[];
  simulations: number;
  seed: number;
  warnings: string[];
}

/**
 * The lookback P&L of today's holdings (docs/portfolio-risk.md): on each history row t,
 * sum over stocks of q S r_t(u) + sum over options of q m [V(S (1 + r_t(u))) - V(S)] at the base
 * volatility and today's time to expiry, over equity; then volatility, Sharpe, Sortino, drawdown,
 * VaR / CVaR by method, and component VaR.
 */
function holdingsRisk(h: HoldingsInput): NonNullable<PortfolioRiskResult['returnRisk']> {
  const pnl = new Float64Array(h.rows);
  h.risks.forEach((risk, i) => {
    const r = h.columns[h.col.get(risk.underlying) as number];
    const position = h.book[i];
    if (position.kind === 'stock') {
      for (let t = 0; t < h.rows; t++) pnl[t] += risk.quantity * risk.spot * r[t];
      return;
    }
    const isCall = position.right === 'call';
    const T = Math.max(risk.timeToExpiry ?? 0, 0);
    const vol = risk.volatility ?? 0;
    const base = risk.modelPrice as number;
    const qm = risk.quantity * risk.multiplier;
    const K = position.strike;
    for (let t = 0; t < h.rows; t++) {
      const S = Math.max(risk.spot * (1 + r[t]), risk.spot * 1e-12);
      const v = T > 0 ? priceUnchecked(isCall, S, K, T, h.rate, 0, vol) : Math.max(isCall ? S - K : K - S, 0);
      pnl[t] += qm * (v - base);
    }
  });
  const returns = Float64Array.from(pnl, (p) => p / h.equity);
  const volatilityDaily = sd(returns);
  const rfDaily = h.rate / TRADING_DAYS_PER_YEAR;
  const tryNumber = (label: string, f: () => number): number | null => {
    try {
      return f();
    } catch (e) {
      if (!(e instanceof AnalyticsError)) throw e;
      h.warnings.push(`${label}: ${e.message}`);
      return null;
    }
  };
  const sharpe = tryNumber('Sharpe ratio', () => sharpeRatio(returns, { riskFree: rfDaily, periodsPerYear: TRADING_DAYS_PER_YEAR }));
  // Annualized (x sqrt(252)) like the Sharpe ratio it is shown beside; the library's is per period.
  const sortinoDaily = tryNumber('Sortino ratio', () => sortinoRatio(returns, { mar: rfDaily }));
  const sortino = sortinoDaily === null ? null : sortinoDaily * Math.sqrt(TRADING_DAYS_PER_YEAR);
  // A day losing more than the equity wipes the book out: its wealth index is not positive, and the
  // maximum drawdown is the whole equity (1) rather than a failed refresh.
  let drawdown = 1;
  const wiped = returns.findIndex((r) => !(r > -1));
  if (wiped < 0) drawdown = maxDrawdown(wealthIndex(returns)).maxDrawdown;
  else h.warnings.push(`maximum drawdown: the lookback P&L of today's holdings on ${h.rowDates[wiped]} (${(returns[wiped] * 100).toFixed(1)}% of equity) loses all the equity: 100% is reported`);

  const vars: VarRow[] = [];
  const components: ComponentVarRow[] = [];
  // Monte Carlo on the held underlyings: summed delta and gamma dollars, one pass for every confidence and horizon.
  const n = h.columns.length;
  const delta = new Float64Array(n), gamma = new Float64Array(n);
  for (const r of h.risks) {
    const i = h.col.get(r.underlying) as number;
    delta[i] += r.deltaDollars;
    gamma[i] += r.gammaDollarsPer1Pct;
  }
  const hasRisk = volatilityDaily > 0;
  const simulated = new Map<string, VarResult>();
  if (hasRisk) {
    try {
      for (const v of monteCarloDeltaGammaVar({ covariance: h.cov, deltaDollars: delta, gammaDollarsPer1Pct: gamma, portfolioValue: h.equity },
        { confidences: VAR_CONFIDENCES, horizons: VAR_HORIZONS, simulations: h.simulations, seed: h.seed })) simulated.set(`${v.confidence}:${v.horizon}`, v);
    } catch (e) {
      if (!(e instanceof AnalyticsError)) throw e;
      h.warnings.push(`Monte Carlo VaR: ${e.message}`);
    }
  }
  for (const confidence of VAR_CONFIDENCES) {
    for (const horizon of VAR_HORIZONS) {
      for (const method of VAR_METHODS) {
        if (!hasRisk) continue;
        try {
          const v = method === 'monte_carlo' ? simulated.get(`${confidence}:${horizon}`) : valueAtRisk(returns, method, { confidence, horizon, portfolioValue: h.equity });
          if (!v) continue;
          vars.push({
            method, confidence, horizon, var: -v.valueAtRisk * h.equity, cvar: -v.expectedShortfall * h.equity,
            varReturn: v.valueAtRisk, cvarReturn: v.expectedShortfall, sampleSize: v.sampleSize,
          });
        } catch (e) {
          if (!(e instanceof AnalyticsError)) throw e;
          h.warnings.push(`${method} VaR ${confidence * 100}% ${horizon}d: ${e.message}`);
        }
      }
      try {
        const c = componentVar(h.x, h.positionCov, { confidence, horizon });
        h.positions.forEach((p, i) => components.push({
          positionId: p.id, confidence, horizon, componentVar: -c.componentVar[i], componentCvar: -c.componentEs[i],
          marginalVar: -c.marginalVar[i], percentOfVar: c.percentContribution[i],
        }));
      } catch (e) {
        if (!(e instanceof AnalyticsError)) throw e;
        h.warnings.push(`component VaR ${confidence * 100}% ${horizon}d: ${e.message}`);
      }
    }
  }
  return {
    observations: h.rows, firstDate: h.firstDate, lastDate: h.lastDate, volatilityDaily,
    volatilityAnnual: volatilityDaily * Math.sqrt(TRADING_DAYS_PER_YEAR), sharpe, sortino, maxDrawdown: drawdown,
    var: vars, componentVar: components,
  };
}
