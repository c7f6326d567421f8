/**
 * Writes one portfolio's results for a trading day D (docs/portfolio-risk.md, "What is stored"),
 * inside the refresh's transaction: D's rows of every results table are deleted and written again,
 * so a rerun leaves exactly one run's rows; the positions' current values move only when D is the
 * portfolio's latest snapshot date.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { createHash } from 'node:crypto';
import type { PortfolioPosition, PortfolioRiskResult, PositionResult } from '../../analytics/portfolio-risk.js';
import { insertMany, type JsonStatement, type TableRows } from '../../db/insert-many.js';
import type { DB, IsoDate } from '../../db/schema.js';
import { addDays } from '../../iso-date.js';
import { markResultsStale } from '../../portfolios/results-stale.repository.js';
import type { StoredDays } from './portfolio-inputs.repository.js';

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

/**
 * x as a NUMERIC(p, scale) column stores and returns it: the decimal JSON writes for x, rounded to
 * `scale` decimals half away from zero (PostgreSQL's rule), read back as a double; null for a
 * non-finite x (JSON writes null).
 */
export function asStoredNumeric(x: number | null, scale: number): number | null {
  if (x === null || !Number.isFinite(x)) return null;
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(JSON.stringify(x));
  if (!m) throw new Error(`unexpected number text ${JSON.stringify(x)}`);
  const digits = m[2] + (m[3] ?? '');
  // The value is 0.digits x 10^point; keep `point + scale` digits.
  const point = m[2].length + Number(m[4] ?? 0);
  const keep = point + scale;
  let n: bigint;
  if (keep <= 0) n = keep === 0 && digits[0] >= '5' ? 1n : 0n;
  else {
    const head = digits.length >= keep ? digits.slice(0, keep) : digits.padEnd(keep, '0');
    n = BigInt(head) + (digits.length > keep && digits[keep] >= '5' ? 1n : 0n);
  }
  const text = n.toString().padStart(scale + 1, '0');
  // PostgreSQL has no negative zero: a value rounded to 0 reads back as 0.
  return Number(`${n === 0n ? '' : m[1]}${text.slice(0, text.length - scale)}.${text.slice(text.length - scale)}`);
}

/** A deleted snapshot's roll-forward columns, as the database returned them. */
export interface DeletedSnapshot {
  snapshot_date: IsoDate;
  equity_value: string | null;
  total_pnl: string | null;
  cumulative_pnl: string | null;
  time_weighted_return: string | null;
}

/**
 * Deletes every result row of the portfolio on the given days, in one statement; says whether the
 * portfolio has a snapshot after the last of them (then the positions' current values stay), and
 * returns the deleted snapshots' roll-forward columns ({@link markLaterDaysIfChanged}).
 */
export async function deleteResults(trx: Transaction<DB>, portfolioId: string, dates: readonly IsoDate[]): Promise<{ later: boolean; deleted: DeletedSnapshot[] }> {
  // (position_correlations holds pairs a user stores by hand, not the refresh's: left alone.)
  const byDate = ['position_factor_exposures', 'portfolio_factor_exposures', 'portfolio_correlation_matrices',
    'stress_test_results', 'portfolio_var_results', 'position_var_contributions'];
  const days = sql`${[...dates]}::date[]`;
  const last = [...dates].sort().at(-1) ?? '0001-01-01';
  const r = await sql<{ later: boolean; deleted: DeletedSnapshot[] | null }>`
    with g as (delete from position_greeks where calculation_date = any(${days})
        and position_id in (select id from positions where portfolio_id = ${portfolioId}::uuid)),
      ${sql.join(byDate.map((t, i) => sql`${sql.raw(`d${i}`)} as (delete from ${sql.id(t)} where portfolio_id = ${portfolioId}::uuid and calculation_date = any(${days}))`))},
      s as (delete from portfolio_snapshots where portfolio_id = ${portfolioId}::uuid and snapshot_date = any(${days}) and frequency = 'daily'
        returning snapshot_date, equity_value::text, total_pnl::text, cumulative_pnl::text, time_weighted_return::text),
      c as (delete from portfolio_analytics_cache where portfolio_id = ${portfolioId}::uuid and cache_type = 'portfolio_risk'
        and split_part(cache_key, ':', 1) = any(${[...dates]}::text[]))
    select exists (select 1 from portfolio_snapshots where portfolio_id = ${portfolioId}::uuid and snapshot_date > ${last}::date and frequency = 'daily') as later,
      (select json_agg(s) from s) as deleted`
    .execute(trx);
  return { later: r.rows[0].later, deleted: r.rows[0].deleted ?? [] };
}

/**
 * When a refreshed day D has stored days after it and its roll-forward (equity, P&L, cumulative P&L,
 * time-weighted return) is not what it was (a day new before them, or a past day whose prices or
 * flows changed), the later days rolled forward from stale figures: marks them for the batch's
 * recompute (portfolios.recompute_from, as a back-dated cash flow does). Returns whether it marked.
 */
export async function markLaterDaysIfChanged(trx: Transaction<DB>, portfolioId: string, date: IsoDate, later: boolean, deleted: readonly DeletedSnapshot[], now: RollForwardFigures): Promise<boolean> {
  if (!later) return false;
  const old = deleted.find((d) => d.snapshot_date === date);
  const columns = rollForwardColumns(now);
  const same = (text: string | null, value: number | null) => (text === null ? value === null || !Number.isFinite(value) : value !== null && Number(text) === value);
  if (old && same(old.equity_value, columns.equity_value) && same(old.total_pnl, columns.total_pnl) && same(old.cumulative_pnl, columns.cumulative_pnl)
    && same(old.time_weighted_return, asStoredNumeric(columns.time_weighted_return, 10))) return false;
  await markResultsStale(trx, portfolioId, addDays(date, 1));
  return true;
}

/**
 * What the analytics cache keeps of a result: the figures no table holds (exposures by group,
 * concentration, dollar Greeks of the underlyings with options, short-squeeze levels, closed
 * positions, warnings, provenance), money in cents. Everything else is in its table; keeping it twice would multiply the storage.
 */
export function cacheDocument(r: PortfolioRiskResult): object {
  const round = (x: unknown): unknown => {
    if (typeof x === 'number') return Number.isInteger(x) ? x : Math.round(x * 1e8) / 1e8;
    if (x === null || typeof x !== 'object') return x;
    if (Array.isArray(x)) return x.map(round);
    const out: Record<string, unknown> = {};
    for (const k in x) if (Object.hasOwn(x, k)) out[k] = round((x as Record<string, unknown>)[k]);
    return out;
  };
  const groups = Object.fromEntries(Object.entries(r.exposuresBy).map(([by, list]) => [by, list.map((g) => ({
    key: g.key, positions: g.positions, long: cents(g.long), short: cents(g.short), gross: cents(g.gross), net: cents(g.net),
    deltaLong: cents(g.deltaLong), deltaShort: cents(g.deltaShort), deltaGross: cents(g.deltaGross), deltaNet: cents(g.deltaNet),
  }))]));
  // Dollar Greeks of the underlyings that have options (a stock's only Greek is its delta, its market
  // value, which exposuresBy.underlying holds), money in cents.
  const greeksByUnderlying = r.greeksByUnderlying.filter((u) => u.gammaDollarsPer1Pct !== 0 || u.vegaPerVolPoint !== 0 || u.thetaPerDay !== 0 || u.rhoPerRatePoint !== 0)
    .map((u) => ({
      ...u, marketValue: cents(u.marketValue), deltaDollars: cents(u.deltaDollars), gammaDollarsPer1Pct: cents(u.gammaDollarsPer1Pct),
      thetaPerDay: cents(u.thetaPerDay), vegaPerVolPoint: cents(u.vegaPerVolPoint), rhoPerRatePoint: cents(u.rhoPerRatePoint),
    }));
  return round({
    asOf: r.asOf, exposuresBy: groups, concentration: r.concentration, greeksByUnderlying,
    shortSqueeze: r.shortSqueeze, closedPositions: r.closedPositions, warnings: r.warnings, provenance: r.provenance,
    exposures: r.exposures, greeks: r.greeks,
  }) as object;
}

/** The figures of a day's result the next day's roll-forward continues from. */
export interface RollForwardFigures {
  equity: number;
  totalPnl: number;
  cumulativePnl: number;
  timeWeightedReturn: number;
}

/** The snapshot's roll-forward columns as the refresh writes them: money in cents, the return as NUMERIC(24, 10) takes it (null beyond it). */
export function rollForwardColumns(r: RollForwardFigures) {
  return { equity_value: cents(r.equity), total_pnl: cents(r.totalPnl), cumulative_pnl: cents(r.cumulativePnl), time_weighted_return: wide(r.timeWeightedReturn) };
}

/**
 * A hash of what the results depend on in the positions (their ids, terms and tags): the analytics
 * cache's key, so a read can tell whether stored results still describe the portfolio.
 */
export function positionsHash(positions: readonly PortfolioPosition[]): string {
  const terms = [...positions]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((p) => [p.id, p.symbol, p.positionType, p.quantity, p.entryPrice, p.entryDate, p.exitPrice ?? null, p.exitDate ?? null,
      p.underlying ?? null, p.strike ?? null, p.expiry ?? null, [...(p.tags ?? [])].sort()]);
  return createHash('sha256').update(JSON.stringify(terms)).digest('hex');
}

/**
 * Counts of what was written, for the audit log: positions, option Greeks, factor exposures (the
 * position matrix plus one per portfolio factor), correlation pairs, stress scenarios and VaR
 * estimates; the stress, VaR and factor figures of a day are one row each (migration 0018).
 */
export interface StoredCounts {
  positions: number;
  greeks: number;
  factorRows: number;
  correlations: number;
  stress: number;
  varRows: number;
}

/** The factors' ids by name, as stored results name factors by id. */
export async function factorIdsByName(trx: Transaction<DB> | Kysely<DB>): Promise<Map<string, string>> {
  return new Map((await trx.selectFrom('factor_definitions').select(['id', 'name']).execute()).map((f) => [f.name, f.id]));
}

/**
 * Stores `r` for the portfolio (see the module comment) in two statements: one deletes D's rows,
 * one writes every table. `positions.hash` keys the analytics cache; `factorIds` (read once per
 * chunk) saves a read per portfolio. `stored`, read in the same transaction after the portfolio's
 * lock, says whether D and a later day have snapshots: without a snapshot on D there is nothing of D
 * to delete (every table's rows of D are written and deleted together with it), which saves the
 * delete for a new day.
 */
export async function storePortfolioResults(
  trx: Transaction<DB>,
  portfolioId: string,
  r: PortfolioRiskResult,
  positions: { hash: string; changedAt: string | null; factorIds?: Map<string, string>; stored?: StoredDays },
): Promise<StoredCounts> {
  const stored = positions.stored;
  const { later, deleted } = stored === undefined || stored.onDate ? await deleteResults(trx, portfolioId, [r.asOf]) : { later: stored.after, deleted: [] };
  await markLaterDaysIfChanged(trx, portfolioId, r.asOf, later, deleted, r);
  const factorIds = positions.factorIds ?? await factorIdsByName(trx);
  const { tables, counts } = resultRows(portfolioId, r, { hash: positions.hash, changedAt: positions.changedAt, factorIds });
  await insertMany(trx, tables, later ? [] : updatePositionValues(r));
  return counts;
}

/**
 * The positions' current values (last price, market value, unrealized P&L) from D's result, as a
 * statement for {@link insertMany}; none when nothing is held. Only the latest day's result sets them.
 * updated_at is left alone: it says when the user changed the position (the refresh-on-change sweep reads it).
 */
export function updatePositionValues(r: { positions: readonly Pick<PositionResult, 'id' | 'price' | 'marketValue' | 'unrealizedPnl' | 'unrealizedPnlPct'>[] }): JsonStatement[] {
  const ps = r.positions;
  return ps.length === 0 ? [] : [{
    sql: `update positions p set last_price = v.price, market_value = v.mv, unrealized_pnl = v.pnl, unrealized_pnl_pct = v.pct
      from json_to_recordset($JSON) as v(id uuid, price numeric, mv numeric, pnl numeric, pct numeric) where p.id = v.id`,
    json: JSON.stringify(ps.map((x) => ({
      id: x.id, price: x.price, mv: cents(x.marketValue), pnl: cents(x.unrealizedPnl),
      pct: x.unrealizedPnlPct === null ? null : Math.round(x.unrealizedPnlPct * 1e6) / 1e6,
    }))),
  }];
}

/**
 * Every results table's rows of one portfolio's result for D (see docs/portfolio-risk.md, "What is
 * stored"), as {@link insertMany} takes them, with their counts for the audit log. Pure: the daily
 * refresh stores one day's, a range refresh many days' in one statement.
 */
export function resultRows(
  portfolioId: string,
  r: PortfolioRiskResult,
  positions: { hash: string; changedAt: string | null; factorIds: Map<string, string> },
): { tables: TableRows[]; counts: StoredCounts } {
  const positionsHash = positions.hash;
  const date = r.asOf;
  const factorIds = positions.factorIds;
  const idOf = (name: string): string => {
    const id = factorIds.get(name);
    if (!id) throw new Error(`factor "${name}" is not in factor_definitions`);
    return id;
  };
  const rr = r.returnRisk;
  const ids = r.positions.map((p) => p.id);
  const order = new Map(ids.map((id, i) => [id, i]));
  /** An array in the snapshot's position order from (position id, value) pairs; null where absent. */
  const aligned = <T>(items: readonly T[], id: (x: T) => string, value: (x: T) => number | null): (number | null)[] => {
    const out: (number | null)[] = ids.map(() => null);
    for (const x of items) {
      const i = order.get(id(x));
      if (i !== undefined) out[i] = value(x);
    }
    return out;
  };
  const headline = rr?.var.find((v) => v.method === 'historical' && v.confidence === 0.95 && v.horizon === 1);
  const snapshot = {
    portfolio_id: portfolioId, snapshot_date: date, frequency: 'daily' as const,
    total_value: cents(r.marketValue), cash_value: cents(r.cash),
    long_value: cents(r.exposures.long), short_value: cents(r.exposures.short),
    long_exposure: cents(r.exposures.long), short_exposure: cents(r.exposures.short),
    gross_exposure: cents(r.exposures.gross), net_exposure: cents(r.exposures.net),
    delta_adjusted_exposure: cents(r.exposures.deltaNet), position_count: r.positions.length,
    daily_pnl: r.dailyPnl === null ? null : cents(r.dailyPnl), daily_pnl_pct: orNull(r.dailyReturn),
    realized_pnl: cents(r.realizedPnl), unrealized_pnl: cents(r.unrealizedPnl),
    cash_flows: cents(r.cashFlows), ...rollForwardColumns(r),
    portfolio_beta: ratio(r.marketBeta),
    portfolio_volatility: orNull(rr?.volatilityDaily), annualized_volatility: orNull(rr?.volatilityAnnual),
    sharpe_ratio: ratio(rr?.sharpe), sortino_ratio: ratio(rr?.sortino), max_drawdown: orNull(rr?.maxDrawdown),
    position_correlation: orNull(r.correlations?.average), diversification_score: orNull(r.correlations?.diversificationScore),
    total_delta: r.greeks.deltaDollars, total_gamma: r.greeks.gammaDollarsPer1Pct, total_theta: r.greeks.thetaPerDay, total_vega: r.greeks.vegaPerVolPoint,
    var_value: headline ? cents(headline.var) : null, cvar_value: headline ? cents(headline.cvar) : null,
    var_method: headline ? ('historical' as const) : null, var_confidence: headline ? 0.95 : null, var_horizon_days: headline ? 1 : null,
    inputs_date: r.provenance.inputsDate, risk_free_rate: r.riskFreeRate, history_observations: rr?.observations ?? r.correlations?.observations ?? null,
    inputs_synthetic: r.provenance.synthetic, inputs_stale: r.provenance.stale, positions_hash: positions.hash,
    positions_changed_at: positions.changedAt, position_ids: ids,
  };

  const greeks = r.positions.filter((p) => p.option).map((p) => {
    const o = p.option!;
    return {
      position_id: p.id, calculation_date: date, delta: o.delta, gamma: o.gamma, theta: o.theta, vega: o.vega, rho: o.rho,
      delta_dollars: cents(p.deltaDollars), gamma_dollars: cents(p.gammaDollarsPer1Pct), theta_dollars: cents(p.thetaPerDay),
      vega_dollars: cents(p.vegaPerVolPoint), underlying_price: p.underlyingPrice, option_price: p.price,
      implied_volatility: o.volatility, time_to_expiry_years: o.timeToExpiry, is_estimated: p.estimated,
    };
  });

  // Position factor matrix: the style model's factors, then the single factors the style model lacks
  // (market is in both; the style model's beta is kept), one beta per position and factor.
  const factors: string[] = [];
  for (const p of r.positions) for (const e of p.factorExposures) if (!factors.includes(e.factor)) factors.push(e.factor);
  const k = factors.length;
  const betas: (number | null)[] = new Array(ids.length * k).fill(null);
  const dollars: (number | null)[] = new Array(ids.length * k).fill(null);
  r.positions.forEach((p, i) => {
    for (const e of p.factorExposures) {
      const at = i * k + factors.indexOf(e.factor);
      if (betas[at] !== null) continue;
      betas[at] = e.beta;
      dollars[at] = cents(e.dollars);
    }
  });

  // Correlations: one matrix row (migrations 0011, 0012), the upper triangle in the snapshot's position order.
  const c = r.correlations;
  const correlation = [];
  if (c && r.positions.length > 1) {
    // Pair (i, j), i < j in the snapshot's order, is at i n - i (i + 1) / 2 + j - i - 1 of the upper triangle.
    const n = ids.length;
    const upper: (number | null)[] = new Array<number | null>((n * (n - 1)) / 2).fill(null);
    for (const p of c.pairs) {
      const a = order.get(p.position1), b = order.get(p.position2);
      if (a === undefined || b === undefined || a === b) continue;
      const i = Math.min(a, b), j = Math.max(a, b);
      upper[i * n - (i * (i + 1)) / 2 + j - i - 1] = p.correlation;
    }
    correlation.push({ portfolio_id: portfolioId, calculation_date: date, observations: c.observations, correlations: upper, average_correlation: c.average });
  }

  // Stress: one row, the scenarios' figures as aligned arrays (migration 0018). The factors in
  // jsonb's key order (by UTF-8 length, then bytes), the order the per-scenario objects had and the API keeps.
  const stressFactors = [...new Set(r.stress.flatMap((x) => x.factorImpacts.map((f) => f.factor)))]
    .map((f) => ({ f, bytes: Buffer.from(f) }))
    .sort((a, b) => a.bytes.length - b.bytes.length || Buffer.compare(a.bytes, b.bytes))
    .map((x) => x.f);
  const stress = r.stress.length === 0 ? [] : [{
    portfolio_id: portfolioId, calculation_date: date, portfolio_value: cents(r.equity),
    scenario_ids: r.stress.map((x) => x.scenarioId),
    direct_pnl: r.stress.map((x) => cents(x.directPnl)), correlated_pnl: r.stress.map((x) => cents(x.correlatedPnl)),
    direct_pnl_pct: r.stress.map((x) => x.directReturn), correlated_pnl_pct: r.stress.map((x) => x.correlatedReturn),
    factors: stressFactors,
    factor_impacts: r.stress.flatMap((x) => {
      const by = new Map(x.factorImpacts.map((f) => [f.factor, [f.shock, f.correlatedShock, cents(f.directPnl), cents(f.correlatedPnl)]]));
      return stressFactors.flatMap((name) => by.get(name) ?? [null, null, null, null]);
    }),
    position_direct_pnl: r.stress.flatMap((x) => aligned(x.positionImpacts, (q) => q.positionId, (q) => cents(q.directPnl))),
    position_correlated_pnl: r.stress.flatMap((x) => aligned(x.positionImpacts, (q) => q.positionId, (q) => cents(q.correlatedPnl))),
  }];

  // VaR: one row, every method, confidence and horizon as aligned arrays (migration 0018).
  const vars = rr?.var ?? [];
  const varRows = vars.length === 0 ? [] : [{
    portfolio_id: portfolioId, calculation_date: date, portfolio_value: cents(r.equity),
    method: vars.map((v) => v.method), confidence: vars.map((v) => v.confidence), horizon_days: vars.map((v) => v.horizon),
    var_value: vars.map((v) => cents(v.var)), cvar_value: vars.map((v) => cents(v.cvar)),
    var_return: vars.map((v) => wide(v.varReturn) ?? 0), cvar_return: vars.map((v) => wide(v.cvarReturn) ?? 0),
    sample_size: vars.map((v) => v.sampleSize),
  }];
  // Component VaR: one row, estimate-major matrices in (confidence, horizon) order (migration 0018).
  const componentVar = rr?.componentVar ?? [];
  const estimates = [...new Map(componentVar.map((v) => [`${v.confidence}:${v.horizon}`, { confidence: v.confidence, horizon: v.horizon }])).values()]
    .sort((a, b) => a.confidence - b.confidence || a.horizon - b.horizon);
  const blocks = estimates.map((e) => componentVar.filter((v) => v.confidence === e.confidence && v.horizon === e.horizon));
  const matrix = (value: (v: (typeof componentVar)[number]) => number | null) => blocks.flatMap((rows) => aligned(rows, (v) => v.positionId, value));
  const contributions = estimates.length === 0 ? [] : [{
    portfolio_id: portfolioId, calculation_date: date, confidence: estimates.map((e) => e.confidence), horizon_days: estimates.map((e) => e.horizon),
    component_var: matrix((v) => cents(v.componentVar)), component_cvar: matrix((v) => cents(v.componentCvar)),
    marginal_var: matrix((v) => v.marginalVar), percent_of_var: matrix((v) => wide(v.percentOfVar)),
  }];

  const pe = r.factorExposures;
  const portfolioFactors = pe.length === 0 ? [] : [{
    portfolio_id: portfolioId, calculation_date: date, factor_ids: pe.map((e) => idOf(e.factor)),
    exposure_value: pe.map((e) => e.beta), exposure_dollar: pe.map((e) => cents(e.dollars)), variance_contribution: pe.map((e) => e.varianceContribution),
  }];
  const tables: TableRows[] = [
    { table: 'portfolio_snapshots', rows: [snapshot] },
    { table: 'position_greeks', rows: greeks },
    { table: 'position_factor_exposures', rows: k === 0 ? [] : [{ portfolio_id: portfolioId, calculation_date: date, factor_ids: factors.map(idOf), betas, dollars }] },
    { table: 'portfolio_factor_exposures', rows: portfolioFactors },
    { table: 'portfolio_correlation_matrices', rows: correlation },
    { table: 'stress_test_results', rows: stress },
    { table: 'portfolio_var_results', rows: varRows },
    { table: 'position_var_contributions', rows: contributions },
    {
      table: 'portfolio_analytics_cache', json: ['cached_data'], rows: [{
        portfolio_id: portfolioId, cache_type: 'portfolio_risk', cache_key: `${date}:${positionsHash}`,
        // A week after D, midnight UTC.
        cached_data: JSON.stringify(cacheDocument(r)), valid_until: `${addDays(date, 7)}T00:00:00Z`,
      }],
    },
  ];
  return {
    tables,
    counts: {
      positions: r.positions.length, greeks: greeks.length, factorRows: (k === 0 ? 0 : 1) + pe.length,
      correlations: c?.pairs.length ?? 0, stress: r.stress.length, varRows: vars.length,
    },
  };
}
