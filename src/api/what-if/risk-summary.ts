/**
 * What a what-if session shows of a portfolio's risk, before and after its trades, and the
 * difference: the figures of {@link PortfolioRiskResult} a trade changes, keyed so that before and
 * after line up (by sector, tag, factor, VaR method/confidence/horizon, scenario, underlying,
 * position). Units as the batch stores them: dollars; VaR and CVaR as positive dollar losses of the
 * historical, Gaussian, modified (Cornish-Fisher) and Monte Carlo methods at 95% and 99% over 1 and
 * 10 days; beta dimensionless; Greeks in dollars per 1% (gamma), per day (theta), per vol point (vega).
 */
import type { PortfolioRiskResult } from '../../analytics/portfolio-risk.js';

type Num = number | null;
export interface Exposure { long: number; short: number; gross: number; net: number; delta_adjusted: number; positions: number }

export interface RiskSummary {
  as_of: string;
  equity: number;
  market_value: number;
  cash: number;
  total_pnl: number;
  exposures: Exposure;
  exposures_by_sector: Record<string, Exposure>;
  exposures_by_tag: Record<string, Exposure>;
  beta: Num;
  factor_exposures: Record<string, { beta: number; dollars: number }>;
  greeks: { delta_dollars: number; gamma_dollars_per_1pct: number; theta_per_day: number; vega_per_vol_point: number; rho_per_rate_point: number };
  greeks_by_underlying: Record<string, { market_value: number; delta_dollars: number; gamma_dollars_per_1pct: number; theta_per_day: number; vega_per_vol_point: number }>;
  volatility_annualized: Num;
  /** Keyed "method confidence horizon", e.g. "historical 0.95 1d". */
  var: Record<string, { var: number; cvar: number }>;
  /** Component VaR per position (and trade) id, 95% over 1 day. */
  component_var: Record<string, { symbol: string; component_var: number; percent_of_var: number }>;
  concentration: { hhi: number; effective_n: number; top5: number } | null;
  /** Per scenario id: its name and direct and correlated P&L. */
  stress: Record<string, { name: string; direct_pnl: number; correlated_pnl: number }>;
  positions: Record<string, { symbol: string; quantity: number; market_value: number; delta_dollars: number }>;
  warnings: string[];
}

const exposure = (e: { long: number; short: number; gross: number; net: number; deltaNet: number; positions: number }): Exposure => ({
  long: e.long, short: e.short, gross: e.gross, net: e.net, delta_adjusted: e.deltaNet, positions: e.positions,
});

/** The session's view of one risk result. */
export function riskSummary(r: PortfolioRiskResult): RiskSummary {
  const rr = r.returnRisk;
  const symbolOf = new Map(r.positions.map((p) => [p.id, p.symbol]));
  return {
    as_of: r.asOf, equity: r.equity, market_value: r.marketValue, cash: r.cash, total_pnl: r.totalPnl,
    exposures: exposure(r.exposures),
    exposures_by_sector: Object.fromEntries(r.exposuresBy.sector.map((g) => [g.key, exposure(g)])),
    exposures_by_tag: Object.fromEntries(r.exposuresBy.tag.map((g) => [g.key, exposure(g)])),
    beta: r.marketBeta,
    factor_exposures: Object.fromEntries(r.factorExposures.map((f) => [`${f.model}:${f.factor}`, { beta: f.beta, dollars: f.dollars }])),
    greeks: {
      delta_dollars: r.greeks.deltaDollars, gamma_dollars_per_1pct: r.greeks.gammaDollarsPer1Pct, theta_per_day: r.greeks.thetaPerDay,
      vega_per_vol_point: r.greeks.vegaPerVolPoint, rho_per_rate_point: r.greeks.rhoPerRatePoint,
    },
    greeks_by_underlying: Object.fromEntries(r.greeksByUnderlying.map((g) => [g.underlying, {
      market_value: g.marketValue, delta_dollars: g.deltaDollars, gamma_dollars_per_1pct: g.gammaDollarsPer1Pct, theta_per_day: g.thetaPerDay, vega_per_vol_point: g.vegaPerVolPoint,
    }])),
    volatility_annualized: rr?.volatilityAnnual ?? null,
    var: Object.fromEntries((rr?.var ?? []).map((v) => [`${v.method} ${v.confidence} ${v.horizon}d`, { var: v.var, cvar: v.cvar }])),
    component_var: Object.fromEntries((rr?.componentVar ?? []).filter((c) => c.confidence === 0.95 && c.horizon === 1)
      .map((c) => [c.positionId, { symbol: symbolOf.get(c.positionId) ?? '', component_var: c.componentVar, percent_of_var: c.percentOfVar }])),
    concentration: r.concentration ? { hhi: r.concentration.hhi, effective_n: r.concentration.effectiveN, top5: r.concentration.top5 } : null,
    stress: Object.fromEntries(r.stress.map((s) => [s.scenarioId, { name: s.name, direct_pnl: s.directPnl, correlated_pnl: s.correlatedPnl }])),
    positions: Object.fromEntries(r.positions.map((p) => [p.id, { symbol: p.symbol, quantity: p.quantity, market_value: p.marketValue, delta_dollars: p.deltaDollars }])),
    warnings: r.warnings,
  };
}

/**
 * after - before, field by field, in the same shape: a number missing on one side counts as 0 (a
 * sector, tag, factor or position that appears or disappears), a null stays null; text (names,
 * symbols) is after's, or before's when after lacks the key; lists (warnings) are left out.
 */
export function difference(before: unknown, after: unknown): unknown {
  if (typeof before === 'number' || typeof after === 'number') {
    if (before === null || after === null) return null;
    return (typeof after === 'number' ? after : 0) - (typeof before === 'number' ? before : 0);
  }
  if (typeof before === 'string' || typeof after === 'string') return after ?? before;
  if (Array.isArray(before) || Array.isArray(after)) return undefined;
  const b = (before ?? {}) as Record<string, unknown>, a = (after ?? {}) as Record<string, unknown>;
  if (before === null && after === null) return null;
  const out: Record<string, unknown> = {};
  for (const k of new Set([...Object.keys(b), ...Object.keys(a)])) {
    const d = difference(b[k], a[k]);
    if (d !== undefined) out[k] = d;
  }
  return out;
}
