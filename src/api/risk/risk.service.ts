/**
 * Risk reads of one portfolio: only what the batch stored, never a computation on the request
 * (docs/portfolio-risk.md says how each number is made). Each answer names its as-of date (the
 * latest stored day, or `date`), its inputs' provenance (the oldest price date used, the risk-free
 * rate, the history length, whether any input was synthetic or stale) and, for each risk number,
 * its method, confidence and horizon. A portfolio the batch has not computed yet answers with
 * `as_of: null` and empty results.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { VarMethod } from '../../analytics/value-at-risk.js';
import type { DB, IsoDate, PortfolioSnapshotsTable } from '../../db/schema.js';
import { ownedPortfolio, UUID } from '../access.js';
import { notFound } from '../errors.js';
import type { Caller } from '../auth/auth.service.js';

type Snapshot = Selectable<PortfolioSnapshotsTable>;

export interface Provenance {
  inputs_date: string | null;
  synthetic: boolean;
  stale: boolean;
  risk_free_rate: number | null;
  history_observations: number | null;
}

/** The snapshot of `date`, or the latest one; null when none. */
async function snapshotOf(db: Kysely<DB>, portfolioId: string, date?: IsoDate): Promise<Snapshot | null> {
  let q = db.selectFrom('portfolio_snapshots').selectAll().where('portfolio_id', '=', portfolioId).where('frequency', '=', 'daily');
  q = date ? q.where('snapshot_date', '=', date) : q.orderBy('snapshot_date', 'desc').limit(1);
  return (await q.executeTakeFirst()) ?? null;
}

function provenance(s: Snapshot): Provenance {
  return { inputs_date: s.inputs_date, synthetic: s.inputs_synthetic, stale: s.inputs_stale, risk_free_rate: s.risk_free_rate, history_observations: s.history_observations };
}

/** The snapshot's positions in its order, with their symbols. */
async function orderedPositions(db: Kysely<DB>, s: Snapshot): Promise<{ position_id: string; symbol: string }[]> {
  const ids = s.position_ids ?? [];
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('positions').select(['id', 'symbol']).where('id', 'in', ids).execute();
  const symbol = new Map(rows.map((r) => [r.id, r.symbol]));
  return ids.map((id) => ({ position_id: id, symbol: symbol.get(id) ?? '' }));
}

/** Where the caller's portfolio stands on the as-of day: value, P&L, exposures, beta, volatility, VaR. */
export async function overview(db: Kysely<DB>, caller: Caller, portfolioId: string, date?: IsoDate) {
  // One round trip: the caller's portfolio and its snapshot (the dashboard's most frequent read).
  if (!UUID.test(portfolioId)) throw notFound('portfolio', portfolioId);
  const joined = await db.selectFrom('portfolios as f')
    .leftJoinLateral((eb) => {
      let q = eb.selectFrom('portfolio_snapshots as s').selectAll('s').whereRef('s.portfolio_id', '=', 'f.id').where('s.frequency', '=', 'daily');
      q = date ? q.where('s.snapshot_date', '=', date) : q.orderBy('s.snapshot_date', 'desc').limit(1);
      return q.as('s');
    }, (j) => j.onTrue())
    .select(['f.id as pid', 'f.name as pname', 'f.currency as pcurrency'])
    .selectAll('s')
    .where('f.id', '=', portfolioId).where('f.user_id', '=', caller.id).where('f.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!joined) throw notFound('portfolio', portfolioId);
  const p = { id: joined.pid, name: joined.pname, currency: joined.pcurrency };
  const s = joined.snapshot_date === null ? null : (joined as unknown as Snapshot);
  const base = { portfolio_id: p.id, name: p.name, currency: p.currency };
  if (!s) return { ...base, as_of: null, provenance: null, value: null, pnl: null, exposures: null, risk: null, greeks: null, positions: null };
  return {
    ...base,
    as_of: s.snapshot_date,
    provenance: provenance(s),
    positions: s.position_count,
    value: { equity: s.equity_value, market_value: s.total_value, cash: s.cash_value },
    pnl: {
      daily: s.daily_pnl, daily_return: s.daily_pnl_pct, total: s.total_pnl, cumulative: s.cumulative_pnl, realized: s.realized_pnl, unrealized: s.unrealized_pnl,
      cash_flows: s.cash_flows, time_weighted_return: s.time_weighted_return,
    },
    exposures: { long: s.long_exposure, short: s.short_exposure, gross: s.gross_exposure, net: s.net_exposure, delta_adjusted: s.delta_adjusted_exposure },
    risk: {
      beta: { value: s.portfolio_beta, method: 'ols_single on SPY, 252 daily returns' },
      volatility: { daily: s.portfolio_volatility, annualized: s.annualized_volatility, method: 'sample sd of the lookback P&L of today\'s holdings; annualized x sqrt(252)' },
      sharpe: s.sharpe_ratio, sortino: s.sortino_ratio, max_drawdown: s.max_drawdown,
      var: s.var_value === null ? null : { value: s.var_value, cvar: s.cvar_value, method: s.var_method, confidence: s.var_confidence, horizon_days: s.var_horizon_days },
      average_correlation: s.position_correlation, diversification_score: s.diversification_score,
    },
    greeks: { delta_dollars: s.total_delta, gamma_dollars_per_1pct: s.total_gamma, theta_per_day: s.total_theta, vega_per_vol_point: s.total_vega },
  };
}

/** VaR and CVaR by method, confidence and horizon, and component VaR per position. */
export async function riskMetrics(db: Kysely<DB>, caller: Caller, portfolioId: string, date?: IsoDate) {
  await ownedPortfolio(db, caller, portfolioId);
  const s = await snapshotOf(db, portfolioId, date);
  if (!s) return { as_of: null, provenance: null, volatility: null, var: [], component_var: [] };
  const [vars, components, order] = await Promise.all([
    // One row per day (migration 0018): its aligned arrays as one row per estimate.
    sql<{ method: VarMethod; confidence: number; horizon_days: number; var_value: number; cvar_value: number; var_return: number; cvar_return: number; portfolio_value: number; sample_size: number }>`
      select u.method, u.confidence, u.horizon_days, u.var_value, u.cvar_value, u.var_return, u.cvar_return, r.portfolio_value, u.sample_size
      from portfolio_var_results r
      cross join unnest(r.method, r.confidence, r.horizon_days, r.var_value, r.cvar_value, r.var_return, r.cvar_return, r.sample_size)
        as u(method, confidence, horizon_days, var_value, cvar_value, var_return, cvar_return, sample_size)
      where r.portfolio_id = ${portfolioId}::uuid and r.calculation_date = ${s.snapshot_date}::date
      order by u.method, u.confidence, u.horizon_days`.execute(db).then((q) => q.rows),
    db.selectFrom('position_var_contributions').selectAll().where('portfolio_id', '=', portfolioId).where('calculation_date', '=', s.snapshot_date).executeTakeFirst(),
    orderedPositions(db, s),
  ]);
  return {
    as_of: s.snapshot_date,
    provenance: provenance(s),
    volatility: { daily: s.portfolio_volatility, annualized: s.annualized_volatility, sharpe: s.sharpe_ratio, sortino: s.sortino_ratio, max_drawdown: s.max_drawdown },
    var: vars.map((v) => ({
      method: v.method, confidence: v.confidence, horizon_days: v.horizon_days, var: v.var_value, cvar: v.cvar_value,
      var_return: v.var_return, cvar_return: v.cvar_return, portfolio_value: v.portfolio_value, sample_size: v.sample_size,
    })),
    // One row per day (migration 0018): estimate k's figure of position i at k * n + i, in (confidence, horizon) order.
    component_var: (components?.confidence ?? []).map((confidence, k) => {
      const c = components!;
      const n = c.component_var.length / c.confidence.length;
      const at = (xs: (number | null)[], i: number) => (i < n ? xs[k * n + i] ?? null : null);
      return {
        method: 'gaussian (Euler)', confidence, horizon_days: c.horizon_days[k],
        positions: order.map((p, i) => ({ ...p, component_var: at(c.component_var, i), component_cvar: at(c.component_cvar, i), marginal_var: at(c.marginal_var, i), percent_of_var: at(c.percent_of_var, i) })),
      };
    }),
  };
}

/** Every stress scenario's P&L, direct and correlated, per factor and per position. */
export async function stressResults(db: Kysely<DB>, caller: Caller, portfolioId: string, date?: IsoDate) {
  await ownedPortfolio(db, caller, portfolioId);
  const s = await snapshotOf(db, portfolioId, date);
  if (!s) return { as_of: null, provenance: null, scenarios: [] };
  const [row, order] = await Promise.all([
    db.selectFrom('stress_test_results').selectAll().where('portfolio_id', '=', portfolioId).where('calculation_date', '=', s.snapshot_date).executeTakeFirst(),
    orderedPositions(db, s),
  ]);
  // The day's scenarios (element i of the row's arrays is scenario_ids[i]) in display order; a scenario
  // no longer in stress_scenarios is left out, as the join of the row per scenario left it out.
  const scenarios = row === undefined || row.scenario_ids.length === 0 ? [] : (await sql<{ i: number; name: string; scenario_type: string }>`
    select u.i::int as i, c.name, c.scenario_type from unnest(${row.scenario_ids}::uuid[]) with ordinality as u(id, i)
    join stress_scenarios c on c.id = u.id order by c.display_order, c.name`.execute(db)).rows;
  const m = row?.factors.length ?? 0;
  const n = row === undefined || row.scenario_ids.length === 0 ? 0 : row.position_direct_pnl.length / row.scenario_ids.length;
  return {
    as_of: s.snapshot_date,
    provenance: provenance(s),
    scenarios: scenarios.map(({ i: ordinal, name, scenario_type }) => {
      const r = row!;
      const i = ordinal - 1;
      const factors = r.factors.flatMap((factor, j) => {
        const [shock, correlated_shock, direct_pnl, correlated_pnl] = r.factor_impacts.slice((i * m + j) * 4, (i * m + j + 1) * 4);
        // All four null: the scenario has no figure for this factor (its object had no key).
        return shock === null && correlated_shock === null && direct_pnl === null && correlated_pnl === null ? [] : [{ factor, shock, correlated_shock, direct_pnl, correlated_pnl }];
      });
      return {
        scenario_id: r.scenario_ids[i], name, type: scenario_type, portfolio_value: r.portfolio_value,
        direct_pnl: r.direct_pnl[i], correlated_pnl: r.correlated_pnl[i], direct_return: r.direct_pnl_pct[i], correlated_return: r.correlated_pnl_pct[i],
        factors,
        positions: order.map((p, k) => ({ ...p, direct_pnl: (k < n ? r.position_direct_pnl[i * n + k] : null) ?? null, correlated_pnl: (k < n ? r.position_correlated_pnl[i * n + k] : null) ?? null })),
      };
    }),
  };
}

/** Portfolio and per-position factor exposures, in beta and dollars, with each factor's variance contribution. */
export async function factorExposures(db: Kysely<DB>, caller: Caller, portfolioId: string, date?: IsoDate) {
  await ownedPortfolio(db, caller, portfolioId);
  const s = await snapshotOf(db, portfolioId, date);
  if (!s) return { as_of: null, provenance: null, portfolio: [], positions: [] };
  const [factors, matrix, order, names] = await Promise.all([
    // One row per day (migration 0018): element i of its arrays is factor_ids[i]; listed in display order.
    sql<{ name: string; exposure_value: number; exposure_dollar: number; variance_contribution: number | null }>`
      select f.name, u.exposure_value, u.exposure_dollar, u.variance_contribution
      from portfolio_factor_exposures e
      cross join unnest(e.factor_ids, e.exposure_value, e.exposure_dollar, e.variance_contribution) as u(factor_id, exposure_value, exposure_dollar, variance_contribution)
      join factor_definitions f on f.id = u.factor_id
      where e.portfolio_id = ${portfolioId}::uuid and e.calculation_date = ${s.snapshot_date}::date
      order by f.display_order`.execute(db).then((q) => q.rows),
    db.selectFrom('position_factor_exposures').selectAll().where('portfolio_id', '=', portfolioId).where('calculation_date', '=', s.snapshot_date).executeTakeFirst(),
    orderedPositions(db, s),
    db.selectFrom('factor_definitions').select(['id', 'name']).execute(),
  ]);
  const nameOf = new Map(names.map((f) => [f.id, f.name]));
  const k = matrix?.factor_ids.length ?? 0;
  return {
    as_of: s.snapshot_date,
    provenance: provenance(s),
    portfolio: factors.map((f) => ({ factor: f.name, beta: f.exposure_value, dollars: f.exposure_dollar, variance_contribution: f.variance_contribution })),
    positions: order.map((p, i) => ({
      ...p,
      exposures: (matrix?.factor_ids ?? []).map((id, j) => ({ factor: nameOf.get(id) ?? id, beta: matrix!.betas[i * k + j] ?? null, dollars: matrix!.dollars[i * k + j] ?? null })),
    })),
  };
}

/** The correlation matrix of the open positions, and the diversification score. */
export async function correlations(db: Kysely<DB>, caller: Caller, portfolioId: string, date?: IsoDate) {
  await ownedPortfolio(db, caller, portfolioId);
  const s = await snapshotOf(db, portfolioId, date);
  if (!s) return { as_of: null, provenance: null, observations: null, average: null, diversification_score: null, positions: [], matrix: [] };
  const [m, order] = await Promise.all([
    db.selectFrom('portfolio_correlation_matrices').selectAll().where('portfolio_id', '=', portfolioId).where('calculation_date', '=', s.snapshot_date).executeTakeFirst(),
    orderedPositions(db, s),
  ]);
  const n = order.length;
  const matrix: (number | null)[][] = order.map(() => new Array<number | null>(n).fill(null));
  if (m) {
    let k = 0;
    for (let i = 0; i < n; i++) {
      matrix[i][i] = 1;
      for (let j = i + 1; j < n; j++) {
        const c = m.correlations[k++] ?? null;
        matrix[i][j] = c;
        matrix[j][i] = c;
      }
    }
  }
  return {
    as_of: s.snapshot_date, provenance: provenance(s), observations: m?.observations ?? null, average: m?.average_correlation ?? null,
    diversification_score: s.diversification_score, positions: order, matrix: m ? matrix : [],
  };
}

/** Exposures by sector, industry, tag, position type and underlying; concentration; Greeks by underlying. */
export async function exposures(db: Kysely<DB>, caller: Caller, portfolioId: string, date?: IsoDate) {
  await ownedPortfolio(db, caller, portfolioId);
  const s = await snapshotOf(db, portfolioId, date);
  if (!s) return { as_of: null, provenance: null, by: null, concentration: null, greeks_by_underlying: [], short_squeeze: [], warnings: [] };
  const cache = await db.selectFrom('portfolio_analytics_cache').select('cached_data').where('portfolio_id', '=', portfolioId)
    .where('cache_type', '=', 'portfolio_risk').where('cache_key', '=', `${s.snapshot_date}:${s.positions_hash}`).executeTakeFirst();
  type Group = { key: string; positions: number; long: number; short: number; gross: number; net: number; deltaLong: number; deltaShort: number; deltaGross: number; deltaNet: number };
  const doc = (cache?.cached_data ?? {}) as {
    exposuresBy?: Record<string, Group[]>; concentration?: Record<string, unknown>; greeksByUnderlying?: Record<string, unknown>[]; shortSqueeze?: Record<string, unknown>[]; warnings?: string[];
  };
  return {
    as_of: s.snapshot_date, provenance: provenance(s), by: doc.exposuresBy ?? null, concentration: doc.concentration ?? null,
    greeks_by_underlying: doc.greeksByUnderlying ?? [], short_squeeze: doc.shortSqueeze ?? [], warnings: doc.warnings ?? [],
  };
}

/** The daily snapshots between `from` and `to` (inclusive), oldest first. */
export async function history(db: Kysely<DB>, caller: Caller, portfolioId: string, range: { from?: IsoDate | undefined; to?: IsoDate | undefined }) {
  await ownedPortfolio(db, caller, portfolioId);
  let q = db.selectFrom('portfolio_snapshots').selectAll().where('portfolio_id', '=', portfolioId).where('frequency', '=', 'daily').orderBy('snapshot_date');
  if (range.from) q = q.where('snapshot_date', '>=', range.from);
  if (range.to) q = q.where('snapshot_date', '<=', range.to);
  const rows = await q.limit(5000).execute();
  return {
    items: rows.map((s) => ({
      date: s.snapshot_date, equity: s.equity_value, market_value: s.total_value, daily_pnl: s.daily_pnl, daily_return: s.daily_pnl_pct, total_pnl: s.total_pnl,
      time_weighted_return: s.time_weighted_return, gross: s.gross_exposure, net: s.net_exposure, beta: s.portfolio_beta,
      var: s.var_value, var_method: s.var_method, var_confidence: s.var_confidence, var_horizon_days: s.var_horizon_days, synthetic: s.inputs_synthetic, stale: s.inputs_stale,
    })),
  };
}
