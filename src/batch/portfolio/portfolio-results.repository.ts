/**
 * Writes one portfolio's results for a trading day D (docs/portfolio-risk.md, "What is stored"),
 * inside the refresh's transaction: D's rows of every results table are deleted and written again,
 * so a rerun leaves exactly one run's rows; the positions' current values move only when D is the
 * portfolio's latest snapshot date.
 */
import { sql, type Transaction } from 'kysely';
import type { PortfolioRiskResult } from '../../analytics/portfolio-risk.js';
import type { DB, IsoDate } from '../../db/schema.js';

/** Rounds money to cents, as NUMERIC(18, 2) stores it (so reruns compare equal digit for digit). */
const cents = (x: number): number => Math.round(x * 100) / 100;
/**
 * x when it is finite and fits a NUMERIC column with `digits` digits before the point, else null: a
 * ratio over a near-zero base (a perfectly hedged book's VaR shares, a tiny equity's daily return)
 * is stored as "undefined" rather than failing the portfolio's refresh on a numeric overflow.
 */
const within = (digits: number) => (x: number | null | undefined): number | null =>
  x === null || x === undefined || !Number.isFinite(x) || Math.abs(x) >= 10 ** digits ? null : x;
const orNull = within(4);
const ratio = within(6);
const wide = within(14);

/** Deletes every result row of the portfolio on D. */
async function deleteResults(trx: Transaction<DB>, portfolioId: string, date: IsoDate): Promise<void> {
  const positionIds = trx.selectFrom('positions').select('id').where('portfolio_id', '=', portfolioId);
  await trx.deleteFrom('position_greeks').where('position_id', 'in', positionIds).where('calculation_date', '=', date).execute();
  await trx.deleteFrom('position_factor_exposures').where('position_id', 'in', positionIds).where('calculation_date', '=', date).execute();
  for (const table of ['portfolio_factor_exposures', 'position_correlations', 'portfolio_correlation_matrices', 'stress_test_results', 'portfolio_var_results', 'position_var_contributions'] as const) {
    await trx.deleteFrom(table).where('portfolio_id', '=', portfolioId).where('calculation_date', '=', date).execute();
  }
  await trx.deleteFrom('portfolio_snapshots').where('portfolio_id', '=', portfolioId).where('snapshot_date', '=', date).where('frequency', '=', 'daily').execute();
  await trx.deleteFrom('portfolio_analytics_cache').where('portfolio_id', '=', portfolioId).where('cache_type', '=', 'portfolio_risk')
    .where('cache_key', 'like', `${date}:%`).execute();
}

/**
 * What the analytics cache keeps of a result: the figures no table holds (exposures by group,
 * concentration, Greeks by underlying, short-squeeze levels, closed positions, warnings, provenance),
 * money in cents. Everything else is in its table; keeping it twice would multiply the storage.
 */
export function cacheDocument(r: PortfolioRiskResult): object {
  const round = (x: unknown): unknown => {
    if (typeof x === 'number') return Number.isInteger(x) ? x : Math.round(x * 1e8) / 1e8;
    if (Array.isArray(x)) return x.map(round);
    if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, round(v)]));
    return x;
  };
  const groups = Object.fromEntries(Object.entries(r.exposuresBy).map(([by, list]) => [by, list.map((g) => ({
    key: g.key, positions: g.positions, long: cents(g.long), short: cents(g.short), gross: cents(g.gross), net: cents(g.net),
    deltaLong: cents(g.deltaLong), deltaShort: cents(g.deltaShort), deltaGross: cents(g.deltaGross), deltaNet: cents(g.deltaNet),
  }))]));
  return round({
    asOf: r.asOf, exposuresBy: groups, concentration: r.concentration, greeksByUnderlying: r.greeksByUnderlying,
    shortSqueeze: r.shortSqueeze, closedPositions: r.closedPositions, warnings: r.warnings, provenance: r.provenance,
    exposures: r.exposures, greeks: r.greeks,
  }) as object;
}

/** Counts of the rows written, for the audit log. */
export interface StoredCounts {
  positions: number;
  greeks: number;
  factorRows: number;
  correlations: number;
  stress: number;
  varRows: number;
}

/** Stores `r` for the portfolio (see the module comment). `positionsHash` keys the analytics cache. */
export async function storePortfolioResults(
  trx: Transaction<DB>,
  portfolioId: string,
  r: PortfolioRiskResult,
  positions: { hash: string; changedAt: string | null },
): Promise<StoredCounts> {
  const positionsHash = positions.hash;
  const date = r.asOf;
  await deleteResults(trx, portfolioId, date);
  const factorIds = new Map((await trx.selectFrom('factor_definitions').select(['id', 'name']).execute()).map((f) => [f.name, f.id]));
  const idOf = (name: string): string => {
    const id = factorIds.get(name);
    if (!id) throw new Error(`factor "${name}" is not in factor_definitions`);
    return id;
  };
  const rr = r.returnRisk;
  const headline = rr?.var.find((v) => v.method === 'historical' && v.confidence === 0.95 && v.horizon === 1);
  await trx.insertInto('portfolio_snapshots').values({
    portfolio_id: portfolioId, snapshot_date: date, frequency: 'daily',
    total_value: cents(r.marketValue), cash_value: cents(r.cash),
    long_value: cents(r.exposures.long), short_value: cents(r.exposures.short),
    long_exposure: cents(r.exposures.long), short_exposure: cents(r.exposures.short),
    gross_exposure: cents(r.exposures.gross), net_exposure: cents(r.exposures.net),
    delta_adjusted_exposure: cents(r.exposures.deltaNet), position_count: r.positions.length,
    daily_pnl: r.dailyPnl === null ? null : cents(r.dailyPnl), daily_pnl_pct: orNull(r.dailyReturn),
    cumulative_pnl: cents(r.cumulativePnl), total_pnl: cents(r.totalPnl),
    realized_pnl: cents(r.realizedPnl), unrealized_pnl: cents(r.unrealizedPnl),
    equity_value: cents(r.equity), cash_flows: cents(r.cashFlows), time_weighted_return: wide(r.timeWeightedReturn),
    portfolio_beta: ratio(r.marketBeta),
    portfolio_volatility: orNull(rr?.volatilityDaily), annualized_volatility: orNull(rr?.volatilityAnnual),
    sharpe_ratio: ratio(rr?.sharpe), sortino_ratio: ratio(rr?.sortino), max_drawdown: orNull(rr?.maxDrawdown),
    position_correlation: orNull(r.correlations?.average), diversification_score: orNull(r.correlations?.diversificationScore),
    total_delta: r.greeks.deltaDollars, total_gamma: r.greeks.gammaDollarsPer1Pct, total_theta: r.greeks.thetaPerDay, total_vega: r.greeks.vegaPerVolPoint,
    var_value: headline ? cents(headline.var) : null, cvar_value: headline ? cents(headline.cvar) : null,
    var_method: headline ? 'historical' : null, var_confidence: headline ? 0.95 : null, var_horizon_days: headline ? 1 : null,
    inputs_date: r.provenance.inputsDate, risk_free_rate: r.riskFreeRate, history_observations: rr?.observations ?? r.correlations?.observations ?? null,
    inputs_synthetic: r.provenance.synthetic, inputs_stale: r.provenance.stale, positions_hash: positions.hash,
    positions_changed_at: positions.changedAt,
  }).execute();

  const greeks = r.positions.filter((p) => p.option);
  if (greeks.length > 0) {
    await trx.insertInto('position_greeks').values(greeks.map((p) => {
      const o = p.option!;
      return {
        position_id: p.id, calculation_date: date, delta: o.delta, gamma: o.gamma, theta: o.theta, vega: o.vega, rho: o.rho,
        delta_dollars: cents(p.deltaDollars), gamma_dollars: cents(p.gammaDollarsPer1Pct), theta_dollars: cents(p.thetaPerDay),
        vega_dollars: cents(p.vegaPerVolPoint), underlying_price: p.underlyingPrice, option_price: p.price,
        implied_volatility: o.volatility, time_to_expiry_years: o.timeToExpiry, is_estimated: p.estimated,
      };
    })).execute();
  }

  // One row per position and factor: the style model's, then the single factors' except where the
  // style model has the same factor (market): position_factor_exposures holds one beta per factor.
  const positionFactorRows = r.positions.flatMap((p) => {
    const seen = new Set<string>();
    return p.factorExposures.filter((e) => !seen.has(e.factor) && seen.add(e.factor)).map((e) => ({
      position_id: p.id, factor_id: idOf(e.factor), calculation_date: date, exposure_value: e.beta, exposure_dollar: cents(e.dollars),
    }));
  });
  if (positionFactorRows.length > 0) await trx.insertInto('position_factor_exposures').values(positionFactorRows).execute();
  if (r.factorExposures.length > 0) {
    await trx.insertInto('portfolio_factor_exposures').values(r.factorExposures.map((e) => ({
      portfolio_id: portfolioId, factor_id: idOf(e.factor), calculation_date: date, exposure_value: e.beta,
      exposure_dollar: cents(e.dollars), variance_contribution: e.varianceContribution,
    }))).execute();
  }

  // Correlations: one matrix row (migration 0011), the upper triangle in the positions' order.
  const c = r.correlations;
  if (c && r.positions.length > 1) {
    const at = new Map(c.pairs.map((p) => [`${p.position1}|${p.position2}`, p.correlation]));
    const ids = r.positions.map((p) => p.id);
    const upper: (number | null)[] = [];
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) upper.push(at.get(`${ids[i]}|${ids[j]}`) ?? null);
    await trx.insertInto('portfolio_correlation_matrices').values({
      portfolio_id: portfolioId, calculation_date: date, observations: c.observations, position_ids: ids, symbols: r.positions.map((p) => p.symbol),
      correlations: upper, average_correlation: c.average,
    }).execute();
  }

  if (r.stress.length > 0) {
    await trx.insertInto('stress_test_results').values(r.stress.map((s) => ({
      portfolio_id: portfolioId, scenario_id: s.scenarioId, calculation_date: date, portfolio_value: cents(r.equity),
      direct_pnl: cents(s.directPnl), correlated_pnl: cents(s.correlatedPnl),
      direct_pnl_pct: s.directReturn, correlated_pnl_pct: s.correlatedReturn,
      factor_impacts: JSON.stringify(s.factorImpacts), position_impacts: JSON.stringify(s.positionImpacts),
    }))).execute();
  }

  if (rr && rr.var.length > 0) {
    await trx.insertInto('portfolio_var_results').values(rr.var.map((v) => ({
      portfolio_id: portfolioId, calculation_date: date, method: v.method, confidence: v.confidence, horizon_days: v.horizon,
      var_value: cents(v.var), cvar_value: cents(v.cvar), var_return: wide(v.varReturn) ?? 0, cvar_return: wide(v.cvarReturn) ?? 0,
      portfolio_value: cents(r.equity), sample_size: v.sampleSize,
    }))).execute();
  }
  if (rr && rr.componentVar.length > 0) {
    await trx.insertInto('position_var_contributions').values(rr.componentVar.map((v) => ({
      portfolio_id: portfolioId, position_id: v.positionId, calculation_date: date, confidence: v.confidence, horizon_days: v.horizon,
      component_var: cents(v.componentVar), component_cvar: cents(v.componentCvar), marginal_var: wide(v.marginalVar) ?? 0, percent_of_var: wide(v.percentOfVar),
    }))).execute();
  }

  await trx.insertInto('portfolio_analytics_cache').values({
    portfolio_id: portfolioId, cache_type: 'portfolio_risk', cache_key: `${date}:${positionsHash}`,
    cached_data: JSON.stringify(cacheDocument(r)), valid_until: sql<Date>`(${date}::date + interval '7 days')::timestamptz`,
  }).execute();

  // The positions' current values follow the latest date only (a backfill of an older day leaves them).
  // updated_at is left alone: it says when the user changed the position (the refresh-on-change sweep reads it).
  const latest = await trx.selectFrom('portfolio_snapshots').select(sql<IsoDate>`max(snapshot_date)`.as('d'))
    .where('portfolio_id', '=', portfolioId).executeTakeFirst();
  if (latest?.d === date && r.positions.length > 0) {
    const ps = r.positions;
    await sql`
      update positions p set last_price = v.price, market_value = v.mv, unrealized_pnl = v.pnl, unrealized_pnl_pct = v.pct
      from unnest(${ps.map((x) => x.id)}::uuid[], ${ps.map((x) => x.price)}::numeric[], ${ps.map((x) => cents(x.marketValue))}::numeric[],
        ${ps.map((x) => cents(x.unrealizedPnl))}::numeric[], ${ps.map((x) => (x.unrealizedPnlPct === null ? null : Math.round(x.unrealizedPnlPct * 1e6) / 1e6))}::numeric[])
        as v(id, price, mv, pnl, pct)
      where p.id = v.id`.execute(trx);
  }
  return {
    positions: r.positions.length, greeks: greeks.length, factorRows: positionFactorRows.length + r.factorExposures.length,
    correlations: c?.pairs.length ?? 0, stress: r.stress.length, varRows: rr?.var.length ?? 0,
  };
}
