/**
 * Golden test of the portfolio refresh (docs/portfolio-risk.md) on both engines: a long/short book
 * with a quoted long call, an unquoted short put and a closed position (test/golden/portfolio.json)
 * on the golden prices, refreshed for 2024-12-30 and then 2024-12-31 from the symbol batch's stored
 * betas and covariance, against test/golden/portfolio-risk.json made by the independent numpy
 * oracle test/golden/oracles/portfolio_risk_oracle.py from the same price files.
 *
 * Tolerances: the computed results (what portfolioRisk returns from the stored inputs: betas at the
 * column's 8 decimals, covariance at 14, which the oracle also uses) agree to 1e-8 relative (an
 * absolute floor of 1e-8 of the book's scale for figures near zero), except the roll-forward, which
 * continues from the previous snapshot's stored cents (equity, daily P&L to the cent); the stored
 * rows agree to the column's precision: money to the cent (0.006 absolute), betas and Greeks to
 * their column's decimals.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portfolioRisk, type PortfolioRiskResult } from '../../src/analytics/portfolio-risk.js';
import { loadPortfolioRiskInput } from '../../src/batch/portfolio/portfolio-inputs.repository.js';
import { refreshPortfolio } from '../../src/batch/portfolio/portfolio-refresh.js';
import { goldenPortfolio, refreshedGoldenPortfolio } from '../support/golden-portfolio.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

const read = (file: string) => JSON.parse(readFileSync(new URL(`../golden/${file}`, import.meta.url), 'utf8'));
const fixture = goldenPortfolio;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const golden = read('portfolio-risk.json') as { dates: Record<string, any> };
const D = fixture.date;
const settings = { riskFreeRate: fixture.riskFreeRate };

/** Collects every figure farther than the tolerance from the oracle's, so one failure lists them all. */
class Comparison {
  readonly misses: string[] = [];
  constructor(private readonly scale: number) {}
  rel(label: string, actual: number | null | undefined, expected: number | null | undefined, rel = 1e-8): void {
    if (expected === null || expected === undefined) {
      if (actual !== null && actual !== undefined) this.misses.push(`${label}: ${actual}, oracle has none`);
      return;
    }
    const tol = rel * Math.max(Math.abs(expected), rel === 1e-8 ? 1e-8 * this.scale : 0);
    if (typeof actual !== 'number' || !(Math.abs(actual - expected) <= Math.max(tol, 1e-15))) this.misses.push(`${label}: ${actual} vs ${expected}`);
  }
  abs(label: string, actual: number | null | undefined, expected: number, tol: number): void {
    if (typeof actual !== 'number' || !(Math.abs(actual - expected) <= tol)) this.misses.push(`${label}: ${actual} vs ${expected} (tolerance ${tol})`);
  }
}

describe(`portfolio refresh against the numpy oracle, on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  let portfolioId: string;
  const ids = new Map<string, string>();
  const keyOf = (id: string) => [...ids.entries()].find(([, v]) => v === id)![0];

  beforeAll(async () => {
    t = await createTestDatabase();
    const created = await refreshedGoldenPortfolio(t.db);
    portfolioId = created.portfolioId;
    for (const [k, v] of created.positions) ids.set(k, v);
  }, 120_000);
  afterAll(async () => t?.destroy());

  /** What portfolioRisk computes for D from the stored inputs (the previous snapshot included). */
  async function computed(): Promise<PortfolioRiskResult> {
    const { input } = await loadPortfolioRiskInput(t.db, { id: portfolioId, equityBalance: fixture.equityBalance }, D, settings);
    return portfolioRisk(input);
  }

  it('valuation, P&L, the equity roll-forward, Greeks, exposures and factor exposures: 1e-8 relative', async () => {
    const r = await computed();
    const g = golden.dates[D];
    const c = new Comparison(g.snapshot.equity);
    const s = g.snapshot;
    // The roll-forward continues from the previous snapshot as stored (to the cent): equity, daily P&L
    // and the returns from them agree to the cent, so stored totals add up exactly.
    const cent = 0.006;
    c.abs('equity', r.equity, s.equity, cent);
    c.rel('previous equity', r.previousEquity, s.previous_equity);
    c.rel('cash flows', r.cashFlows, s.cash_flows);
    c.abs('daily P&L', r.dailyPnl, s.daily_pnl, cent);
    c.abs('daily return', r.dailyReturn, s.daily_return, cent / s.previous_equity);
    c.abs('time-weighted return', r.timeWeightedReturn, s.time_weighted_return, cent / s.previous_equity);
    c.rel('total P&L', r.totalPnl, s.total_pnl);
    c.rel('unrealized P&L', r.unrealizedPnl, s.total_unrealized_pnl);
    c.rel('realized P&L', r.realizedPnl, s.total_realized_pnl);
    c.rel('net market value', r.marketValue, s.net_market_value);
    c.abs('cash', r.cash, s.cash, cent);
    c.rel('market beta (SPY, single)', r.marketBeta, s.portfolio_beta);
    c.rel('mean position correlation', r.correlations?.average, s.position_correlation);
    c.rel('diversification score', r.correlations?.diversificationScore, s.diversification_score);
    c.rel('delta dollars', r.greeks.deltaDollars, s.greeks.delta_dollars);
    c.rel('gamma dollars', r.greeks.gammaDollarsPer1Pct, s.greeks.gamma_dollars_per_1pct);
    c.rel('theta per day', r.greeks.thetaPerDay, s.greeks.theta_per_day);
    c.rel('vega per vol point', r.greeks.vegaPerVolPoint, s.greeks.vega_per_vol_point);
    c.rel('rho per rate point', r.greeks.rhoPerRatePoint, s.greeks.rho_per_rate_point);
    expect(r.positions.map((p) => keyOf(p.id)).sort()).toEqual([...s.open_positions].sort());
    expect(r.closedPositions.map((p) => keyOf(p.id))).toEqual(s.closed_positions);
    for (const p of r.positions) {
      const k = keyOf(p.id);
      const e = g.positions[k];
      for (const [field, ours] of [['price', p.price], ['market_value', p.marketValue], ['cost', p.cost], ['unrealized_pnl', p.unrealizedPnl],
        ['unrealized_pct', p.unrealizedPnlPct], ['delta_dollars', p.deltaDollars], ['gamma_dollars_per_1pct', p.gammaDollarsPer1Pct],
        ['theta_per_day', p.thetaPerDay], ['vega_per_vol_point', p.vegaPerVolPoint], ['rho_per_rate_point', p.rhoPerRatePoint]] as const) {
        c.rel(`${k}.${field}`, ours, e[field]);
      }
      if (e.option) {
        expect(p.estimated, `${k} estimated`).toBe(e.option.estimated);
        expect(p.option?.volatilitySource).toBe(e.option.volatility_source);
        for (const [field, ours] of [['volatility', p.option?.volatility], ['delta', p.option?.delta], ['gamma', p.option?.gamma], ['vega', p.option?.vega],
          ['theta_per_day', p.option?.theta], ['rho', p.option?.rho], ['time_to_expiry', p.option?.timeToExpiry]] as const) {
          c.rel(`${k}.option.${field}`, ours, e.option[field]);
        }
      }
      for (const fe of p.factorExposures) {
        if (fe.model === 'style' || fe.factor !== 'market') c.rel(`${k}.factor.${fe.factor}`, fe.dollars, g.factor_exposures.positions[k][fe.factor]);
      }
    }
    for (const p of r.closedPositions) c.rel(`${keyOf(p.id)}.realized_pnl`, p.realizedPnl, g.positions[keyOf(p.id)].realized_pnl);

    const x = g.exposures;
    const summary = (label: string, ours: Record<string, number>, exp: Record<string, number>) => {
      for (const [f, o] of [['long', 'long'], ['short', 'short'], ['gross', 'gross'], ['net', 'net'], ['delta_long', 'deltaLong'],
        ['delta_short', 'deltaShort'], ['delta_gross', 'deltaGross'], ['delta_net', 'deltaNet'], ['positions', 'positions']] as const) {
        c.rel(`${label}.${f}`, ours[o], exp[f]);
      }
    };
    summary('exposures', r.exposures as unknown as Record<string, number>, x.summary);
    for (const [by, key] of [['sector', 'by_sector'], ['industry', 'by_industry'], ['tag', 'by_tag'], ['positionType', 'by_position_type'], ['underlying', 'by_underlying']] as const) {
      const ours = r.exposuresBy[by];
      expect(ours.map((e) => e.key).sort(), by).toEqual(Object.keys(x[key]).sort());
      for (const e of ours) summary(`${by}.${e.key}`, e as unknown as Record<string, number>, x[key][e.key]);
    }
    c.rel('hhi', r.concentration?.hhi, x.concentration.hhi);
    c.rel('effective N', r.concentration?.effectiveN, x.concentration.effective_n);
    c.rel('top 5', r.concentration?.top5, x.concentration.top5);

    const fx = g.factor_exposures;
    for (const e of r.factorExposures) {
      c.rel(`portfolio.${e.factor}.dollars`, e.dollars, fx.portfolio[e.factor].dollars);
      c.rel(`portfolio.${e.factor}.beta`, e.beta, fx.portfolio[e.factor].beta);
      c.rel(`portfolio.${e.factor}.variance_contribution`, e.varianceContribution, fx.style_variance_contributions[e.factor] ?? null);
    }
    expect(r.factorExposures.map((e) => e.factor).sort()).toEqual(Object.keys(fx.portfolio).sort());
    expect(r.shortSqueeze.map((q) => [keyOf(q.id), q.level])).toEqual(
      Object.entries(g.short_squeeze.positions as Record<string, { level: string; cost_to_borrow_rate: number }>)
        .sort(([, a], [, b]) => b.cost_to_borrow_rate - a.cost_to_borrow_rate).map(([k, q]) => [k, q.level]));
    expect(r.provenance).toMatchObject({ inputsDate: D, stale: false, synthetic: true });
    expect(c.misses).toEqual([]);
  });

  it('volatility, Sharpe, Sortino, drawdown, every VaR and CVaR, component VaR and correlations: 1e-8 relative', async () => {
    const r = await computed();
    const g = golden.dates[D];
    const c = new Comparison(g.snapshot.equity);
    const rr = r.returnRisk!;
    expect(rr.observations).toBe(g.lookback.complete_cases);
    c.rel('volatility daily', rr.volatilityDaily, g.lookback.volatility_daily);
    c.rel('volatility annual', rr.volatilityAnnual, g.lookback.volatility_annualized);
    c.rel('sharpe', rr.sharpe, g.lookback.sharpe_ratio);
    c.rel('sortino', rr.sortino, g.lookback.sortino_ratio);
    c.rel('max drawdown', rr.maxDrawdown, g.lookback.max_drawdown);
    expect(rr.var).toHaveLength(16);
    for (const v of rr.var) {
      const e = g.var[v.method][String(v.confidence)][String(v.horizon)];
      const label = `${v.method} ${v.confidence} ${v.horizon}d`;
      c.rel(`${label} VaR`, v.var, e.var);
      c.rel(`${label} CVaR`, v.cvar, e.es);
      expect(v.sampleSize, label).toBe(e.sample_size);
    }
    for (const v of rr.componentVar) {
      const e = g.component_var[String(v.confidence)][String(v.horizon)];
      const k = keyOf(v.positionId);
      const label = `component ${v.confidence} ${v.horizon}d ${k}`;
      c.rel(`${label} VaR`, v.componentVar, e.positions[k]);
      c.rel(`${label} CVaR`, v.componentCvar, e.positions_es[k]);
      c.rel(`${label} marginal`, v.marginalVar, e.marginal[k]);
      c.rel(`${label} percent`, v.percentOfVar, e.percent[k]);
    }
    expect(rr.componentVar).toHaveLength(4 * r.positions.length);
    const pairs = new Map((g.correlations.pairs as { a: string; b: string; correlation: number }[]).map((p) => [[p.a, p.b].sort().join('|'), p.correlation]));
    expect(r.correlations!.pairs).toHaveLength(pairs.size);
    for (const p of r.correlations!.pairs) {
      const k = [keyOf(p.position1), keyOf(p.position2)].sort().join('|');
      c.rel(`correlation ${k}`, p.correlation, pairs.get(k));
    }
    expect(c.misses).toEqual([]);
  });

  it('stress tests, direct and correlated, per factor and per position: 1e-8 relative', async () => {
    const r = await computed();
    const g = golden.dates[D];
    const c = new Comparison(g.snapshot.equity);
    expect(r.stress.map((s) => s.name).sort()).toEqual(Object.keys(g.stress).sort());
    for (const s of r.stress) {
      const e = g.stress[s.name];
      c.rel(`${s.name} direct`, s.directPnl, e.direct.total_pnl);
      c.rel(`${s.name} correlated`, s.correlatedPnl, e.correlated.total_pnl);
      c.rel(`${s.name} direct return`, s.directReturn, e.direct.total_return);
      for (const f of s.factorImpacts) {
        c.rel(`${s.name} ${f.factor} shock`, f.shock, e.direct.factor_shocks[f.factor]);
        c.rel(`${s.name} ${f.factor} correlated shock`, f.correlatedShock, e.correlated.factor_shocks[f.factor]);
        c.rel(`${s.name} ${f.factor} direct impact`, f.directPnl, e.direct.factor_impacts[f.factor]);
        c.rel(`${s.name} ${f.factor} correlated impact`, f.correlatedPnl, e.correlated.factor_impacts[f.factor]);
      }
      for (const p of s.positionImpacts) {
        const k = keyOf(p.positionId);
        c.rel(`${s.name} ${k} direct`, p.directPnl, e.direct.positions[k].pnl);
        c.rel(`${s.name} ${k} correlated`, p.correlatedPnl, e.correlated.positions[k].pnl);
      }
    }
    expect(c.misses).toEqual([]);
  });

  it('the stored rows equal the oracle to their columns\' precision, on both dates', async () => {
    for (const date of [fixture.previousDate, D]) {
      const g = golden.dates[date];
      const c = new Comparison(g.snapshot.equity);
      const snap = await t.db.selectFrom('portfolio_snapshots').selectAll().where('portfolio_id', '=', portfolioId).where('snapshot_date', '=', date).executeTakeFirstOrThrow();
      const cent = 0.006;
      c.abs(`${date} equity`, snap.equity_value, g.snapshot.equity, cent);
      if (g.snapshot.daily_pnl === null) expect(snap.daily_pnl).toBeNull();
      else c.abs(`${date} daily P&L`, snap.daily_pnl, g.snapshot.daily_pnl, cent);
      c.abs(`${date} total P&L`, snap.total_pnl, g.snapshot.total_pnl, cent);
      c.abs(`${date} total value`, snap.total_value, g.snapshot.net_market_value, cent);
      c.abs(`${date} gross`, snap.gross_exposure, g.exposures.summary.gross, cent);
      c.abs(`${date} delta-adjusted`, snap.delta_adjusted_exposure, g.exposures.summary.delta_net, cent);
      c.abs(`${date} beta`, snap.portfolio_beta, g.snapshot.portfolio_beta, 5e-7);
      c.abs(`${date} annualized volatility`, snap.annualized_volatility, g.lookback.volatility_annualized, 5e-9);
      c.abs(`${date} VaR`, snap.var_value, g.var.historical['0.95']['1'].var, cent);
      c.abs(`${date} CVaR`, snap.cvar_value, g.var.historical['0.95']['1'].es, cent);
      expect(snap).toMatchObject({ var_method: 'historical', var_confidence: 0.95, var_horizon_days: 1, inputs_synthetic: true, inputs_stale: false, inputs_date: date, risk_free_rate: 0.04 });
      // One VaR row per day, every method, confidence and horizon as aligned arrays (migration 0018).
      const vars = await t.db.selectFrom('portfolio_var_results').selectAll().where('portfolio_id', '=', portfolioId).where('calculation_date', '=', date).execute();
      expect(vars).toHaveLength(1);
      const v0 = vars[0];
      expect(v0.method).toHaveLength(16);
      v0.method.forEach((method, i) => c.abs(`${date} ${method} ${v0.confidence[i]} ${v0.horizon_days[i]}d`, v0.var_value[i], g.var[method][String(v0.confidence[i])][String(v0.horizon_days[i])].var, cent));
      const components = await t.db.selectFrom('position_var_contributions').selectAll().where('portfolio_id', '=', portfolioId).where('calculation_date', '=', date).executeTakeFirstOrThrow();
      // Per-position arrays follow the snapshot's position order (migration 0012), one block per
      // confidence and horizon in one row (migration 0018).
      const order = snap.position_ids ?? [];
      expect(components.confidence).toHaveLength(4);
      expect(components.component_var).toHaveLength(4 * order.length);
      components.confidence.forEach((confidence, k) => order.forEach((id, i) => c.abs(`${date} component ${keyOf(id)}`, components.component_var[k * order.length + i],
        g.component_var[String(confidence)][String(components.horizon_days[k])].positions[keyOf(id)], cent)));
      const positionFactors = await t.db.selectFrom('position_factor_exposures').selectAll().where('portfolio_id', '=', portfolioId).where('calculation_date', '=', date).executeTakeFirstOrThrow();
      const factorNames = new Map((await t.db.selectFrom('factor_definitions').select(['id', 'name']).execute()).map((f) => [f.id, f.name]));
      const nf = positionFactors.factor_ids.length;
      expect(positionFactors.dollars).toHaveLength(order.length * nf);
      order.forEach((id, i) => positionFactors.factor_ids.forEach((f, j) => {
        const expected = g.factor_exposures.positions[keyOf(id)]?.[factorNames.get(f)!];
        if (expected === undefined) expect(positionFactors.dollars[i * nf + j]).toBeNull();
        else c.abs(`${date} ${keyOf(id)} ${factorNames.get(f)} dollars`, positionFactors.dollars[i * nf + j], expected, cent);
      }));
      const greeks = await t.db.selectFrom('position_greeks').selectAll().where('calculation_date', '=', date).execute();
      expect(greeks.map((x) => keyOf(x.position_id)).sort()).toEqual(['aapl_call', 'jpm_put']);
      for (const x of greeks) {
        const o = g.positions[keyOf(x.position_id)].option;
        c.abs(`${date} ${keyOf(x.position_id)} delta`, x.delta, o.delta, 5e-9);
        c.abs(`${date} ${keyOf(x.position_id)} implied volatility`, x.implied_volatility, o.volatility, 5e-7);
        expect(x.is_estimated).toBe(o.estimated);
      }
      // One stress row per day: per-scenario arrays, scenario-major matrices (migration 0018).
      const stressRow = await t.db.selectFrom('stress_test_results').selectAll().where('portfolio_id', '=', portfolioId).where('calculation_date', '=', date).executeTakeFirstOrThrow();
      const scenarioNames = new Map((await t.db.selectFrom('stress_scenarios').select(['id', 'name']).execute()).map((x) => [x.id, x.name]));
      expect(stressRow.scenario_ids).toHaveLength(12);
      const nfs = stressRow.factors.length;
      expect(stressRow.factor_impacts).toHaveLength(12 * nfs * 4);
      expect(stressRow.position_direct_pnl).toHaveLength(12 * order.length);
      const stress = stressRow.scenario_ids.map((id, si) => ({
        name: scenarioNames.get(id)!, direct_pnl: stressRow.direct_pnl[si], correlated_pnl: stressRow.correlated_pnl[si],
        impacts: stressRow.factors.map((f, j) => [f, stressRow.factor_impacts.slice((si * nfs + j) * 4, (si * nfs + j + 1) * 4)] as const),
        position_direct_pnl: stressRow.position_direct_pnl.slice(si * order.length, (si + 1) * order.length),
        position_correlated_pnl: stressRow.position_correlated_pnl.slice(si * order.length, (si + 1) * order.length),
      }));
      for (const s of stress) {
        c.abs(`${date} ${s.name} direct`, s.direct_pnl, g.stress[s.name].direct.total_pnl, cent);
        c.abs(`${date} ${s.name} correlated`, s.correlated_pnl, g.stress[s.name].correlated.total_pnl, cent);
        // factor_impacts: [shock, correlated shock, direct P&L, correlated P&L] per factor of `factors`.
        expect(s.impacts.map(([f]) => f).sort()).toEqual(Object.keys(g.stress[s.name].direct.factor_impacts).sort());
        for (const [f, [shock, correlatedShock, direct, correlated]] of s.impacts) {
          c.abs(`${date} ${s.name} ${f} shock`, shock, g.stress[s.name].direct.factor_shocks[f], 1e-12);
          c.abs(`${date} ${s.name} ${f} correlated shock`, correlatedShock, g.stress[s.name].correlated.factor_shocks[f], 1e-12);
          c.abs(`${date} ${s.name} ${f} direct P&L`, direct, g.stress[s.name].direct.factor_impacts[f], cent);
          c.abs(`${date} ${s.name} ${f} correlated P&L`, correlated, g.stress[s.name].correlated.factor_impacts[f], cent);
        }
        order.forEach((id, i) => {
          const direct = g.stress[s.name].direct.positions[keyOf(id)];
          if (direct === undefined) return expect(s.position_direct_pnl[i]).toBeNull();
          c.abs(`${date} ${s.name} ${keyOf(id)} direct`, s.position_direct_pnl[i], direct.pnl, cent);
          c.abs(`${date} ${s.name} ${keyOf(id)} correlated`, s.position_correlated_pnl[i], g.stress[s.name].correlated.positions[keyOf(id)].pnl, cent);
        });
      }
      const pf = await t.db.selectFrom('portfolio_factor_exposures').selectAll().where('portfolio_id', '=', portfolioId).where('calculation_date', '=', date).executeTakeFirstOrThrow();
      const factors = pf.factor_ids.map((id, j) => ({ name: factorNames.get(id)!, exposure_value: pf.exposure_value[j], exposure_dollar: pf.exposure_dollar[j] }));
      expect(factors.map((f) => f.name).sort()).toEqual(Object.keys(g.factor_exposures.portfolio).sort());
      for (const f of factors) c.abs(`${date} factor ${f.name}`, f.exposure_dollar, g.factor_exposures.portfolio[f.name].dollars, cent);
      // One matrix row: the upper triangle in the order of the open positions.
      const m = await t.db.selectFrom('portfolio_correlation_matrices').selectAll().where('portfolio_id', '=', portfolioId).where('calculation_date', '=', date).executeTakeFirstOrThrow();
      const pairs = new Map((g.correlations.pairs as { a: string; b: string; correlation: number }[]).map((p) => [[p.a, p.b].sort().join('|'), p.correlation]));
      expect(m.correlations).toHaveLength(pairs.size);
      let k = 0;
      for (let i = 0; i < order.length; i++) {
        for (let j = i + 1; j < order.length; j++) {
          const key = [keyOf(order[i]), keyOf(order[j])].sort().join('|');
          c.abs(`${date} correlation ${key}`, m.correlations[k++], pairs.get(key)!, 1e-12);
        }
      }
      c.abs(`${date} average correlation`, m.average_correlation, g.snapshot.position_correlation, 1e-12);
      expect(c.misses).toEqual([]);
    }
    // The positions carry D's values (the latest date).
    const aapl = await t.db.selectFrom('positions').selectAll().where('id', '=', ids.get('aapl')!).executeTakeFirstOrThrow();
    expect(aapl.market_value).toBeCloseTo(golden.dates[D].positions.aapl.market_value, 2);
  });

  it('a rerun of D leaves the same rows, and an older date does not move the positions\' current values', async () => {
    const snapshot = () => t.db.selectFrom('portfolio_snapshots').selectAll().where('portfolio_id', '=', portfolioId).orderBy('snapshot_date').execute();
    const before = await snapshot();
    expect(await refreshPortfolio(t.db, portfolioId, D, settings)).toMatchObject({ status: 'refreshed' });
    const strip = (rows: Record<string, unknown>[]) => rows.map(({ id: _id, created_at: _c, ...rest }) => rest);
    expect(strip(await snapshot())).toEqual(strip(before));
    expect(await refreshPortfolio(t.db, portfolioId, fixture.previousDate, settings)).toMatchObject({ status: 'refreshed' });
    const aapl = await t.db.selectFrom('positions').select('last_price').where('id', '=', ids.get('aapl')!).executeTakeFirstOrThrow();
    expect(aapl.last_price).toBe(golden.dates[D].positions.aapl.price);
  });
});
