/**
 * Migration 0018 converts the stress, VaR, component VaR and portfolio factor rows stored before it
 * (one row per scenario, per estimate, per factor) into one row per portfolio and day, instead of dropping them;
 * the risk API answers the same from either.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factorExposures, riskMetrics, stressResults } from '../../src/api/risk/risk.service.js';
import { migrate, readMigrationFiles } from '../../src/db/migrator.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

const D = '2024-12-31';
const HASH = '$2b$10$abcdefghijklmnopqrstuuJ3Gx5yHb7lq0hU9Hq8h7mQm1X8yZ1cW';

describe(`migration 0018 converts stored results to one row per portfolio and day on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  const ids: Record<string, string> = {};
  const caller = () => ({ id: ids.user, role: 'user' as const });

  beforeAll(async () => {
    t = await createTestDatabase({ migrated: false });
    const files = readMigrationFiles();
    await migrate(t.db, files.filter((f) => f.version < 18));
    const q = <T>(s: ReturnType<typeof sql<T>>) => s.execute(t.db).then((r) => r.rows);
    const [user] = await q<{ id: string }>(sql`insert into users (email, username, password_hash) values ('a@example.com', 'alice', ${HASH}) returning id`);
    ids.user = user.id;
    const [pf] = await q<{ id: string }>(sql`insert into portfolios (user_id, name) values (${user.id}, 'Main') returning id`);
    ids.portfolio = pf.id;
    const [a] = await q<{ id: string }>(sql`insert into positions (portfolio_id, symbol, position_type, quantity, entry_price, entry_date) values (${pf.id}, 'AAPL', 'LONG', 10, 100, '2024-06-03') returning id`);
    const [b] = await q<{ id: string }>(sql`insert into positions (portfolio_id, symbol, position_type, quantity, entry_price, entry_date) values (${pf.id}, 'XOM', 'SHORT', -5, 100, '2024-06-03') returning id`);
    ids.a = a.id;
    ids.b = b.id;
    const factor = async (name: string) => (await q<{ id: string }>(sql`select id from factor_definitions where name = ${name}`))[0].id;
    ids.market = await factor('market');
    ids.rates = await factor('interest_rate');
    const scenarios = await q<{ id: string; name: string }>(sql`select id, name from stress_scenarios order by display_order limit 2`);
    await q(sql`insert into portfolio_snapshots (portfolio_id, snapshot_date, total_value, long_value, short_value, long_exposure, short_exposure, gross_exposure, net_exposure, position_ids)
      values (${pf.id}, ${D}::date, 1, 1, 0, 1, 0, 1, 1, ${[a.id, b.id]}::uuid[])`);
    // VaR rows in no particular order; the day's row lists them by method, confidence and horizon.
    for (const [method, confidence, horizon, v] of [['monte_carlo', 0.99, 10, 30.5], ['gaussian', 0.99, 1, 20.25], ['gaussian', 0.95, 1, 10.01]] as const) {
      await q(sql`insert into portfolio_var_results (portfolio_id, calculation_date, method, confidence, horizon_days, var_value, cvar_value, var_return, cvar_return, portfolio_value, sample_size)
        values (${pf.id}, ${D}::date, ${method}, ${confidence}, ${horizon}, ${v}, ${v + 1}, ${-v / 1000}, -0.0123456789, 1000, 252)`);
    }
    for (const [confidence, horizon, x] of [[0.99, 1, 2], [0.95, 10, 1]] as const) {
      await q(sql`insert into position_var_contributions (portfolio_id, calculation_date, confidence, horizon_days, component_var, component_cvar, marginal_var, percent_of_var)
        values (${pf.id}, ${D}::date, ${confidence}, ${horizon}, ${[x, -x]}::float8[], ${[x + 0.5, null]}::float8[], ${[x / 100, 0.001]}::float8[], ${[null, 0.25 * x]}::float8[])`);
    }
    await q(sql`insert into portfolio_factor_exposures (portfolio_id, factor_id, calculation_date, exposure_value, exposure_dollar, variance_contribution)
      values (${pf.id}, ${ids.rates}, ${D}::date, -0.12345678, -123.46, null), (${pf.id}, ${ids.market}, ${D}::date, 1.1, 1100, 12345.678901)`);
    // Two scenarios; the second has no interest-rate figures (its object has no key).
    const impacts = [
      { market: [0.1, 0.1, 87.66, 87.66], interest_rate: [0, -0.020200330300379033, 0, -1072.67] },
      { market: [-0.1, -0.1, -87.66, -87.66] },
    ];
    for (const [i, s] of scenarios.entries()) {
      await q(sql`insert into stress_test_results (portfolio_id, scenario_id, calculation_date, portfolio_value, direct_pnl, correlated_pnl, direct_pnl_pct, correlated_pnl_pct,
          factor_impacts, position_direct_pnl, position_correlated_pnl)
        values (${pf.id}, ${s.id}, ${D}::date, 1000, ${87.66 * (i ? -1 : 1)}, ${i ? -90 : 90}, 0.08766, ${i ? null : 0.09}, ${JSON.stringify(impacts[i])}::jsonb,
          ${[100 + i, -12.35]}::float8[], ${[null, 90 + i]}::float8[])`);
    }
    await q(sql`insert into position_greeks (position_id, calculation_date, delta, gamma, theta, vega, rho, delta_dollars, gamma_dollars, theta_dollars, vega_dollars)
      values (${b.id}, ${D}::date, 0.5, 0.01, -0.02, 0.1, 0.05, 5000, 10, -2, 1)`);
    await q(sql`insert into portfolio_analytics_cache (portfolio_id, cache_type, cache_key, cached_data, valid_until)
      values (${pf.id}, 'portfolio_risk', ${`${D}:abc`}, '{"warnings": ["x"]}', '2025-01-07T00:00:00Z')`);
    ids.scenario1 = scenarios[0].id;
    ids.scenario2 = scenarios[1].id;
    await migrate(t.db, files);
  });
  afterAll(async () => t?.destroy());

  it('keeps one VaR row per day, the estimates in (method, confidence, horizon) order', async () => {
    const rows = await t.db.selectFrom('portfolio_var_results').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      portfolio_id: ids.portfolio, calculation_date: D, portfolio_value: 1000, method: ['gaussian', 'gaussian', 'monte_carlo'], confidence: [0.95, 0.99, 0.99],
      horizon_days: [1, 1, 10], var_value: [10.01, 20.25, 30.5], cvar_value: [11.01, 21.25, 31.5], var_return: [-0.01001, -0.02025, -0.0305],
      cvar_return: [-0.0123456789, -0.0123456789, -0.0123456789], sample_size: [252, 252, 252],
    });
  });

  it('keeps one component VaR row per day, the estimates in (confidence, horizon) order', async () => {
    const v = await t.db.selectFrom('position_var_contributions').selectAll().executeTakeFirstOrThrow();
    expect(v).toMatchObject({
      confidence: [0.95, 0.99], horizon_days: [10, 1], component_var: [1, -1, 2, -2], component_cvar: [1.5, null, 2.5, null], marginal_var: [0.01, 0.001, 0.02, 0.001], percent_of_var: [null, 0.25, null, 0.5],
    });
  });

  it('keeps one portfolio factor row per day, in the factors\' display order', async () => {
    const f = await t.db.selectFrom('portfolio_factor_exposures').selectAll().executeTakeFirstOrThrow();
    expect(f).toMatchObject({ factor_ids: [ids.market, ids.rates], exposure_value: [1.1, -0.12345678], exposure_dollar: [1100, -123.46], variance_contribution: [12345.678901, null] });
  });

  it('keeps one stress row per day: per-scenario arrays, factor figures and per-position P&L scenario-major', async () => {
    const s = await t.db.selectFrom('stress_test_results').selectAll().executeTakeFirstOrThrow();
    expect(s.scenario_ids).toHaveLength(2);
    expect(s.factors).toEqual(['market', 'interest_rate']);
    const first = s.scenario_ids.indexOf((await t.db.selectFrom('stress_scenarios').select('id').orderBy('display_order').executeTakeFirstOrThrow()).id);
    const at = (i: number) => ({
      direct: s.direct_pnl[i], correlated: s.correlated_pnl[i], pct: s.correlated_pnl_pct[i], impacts: s.factor_impacts.slice(i * 8, i * 8 + 8),
      positionDirect: s.position_direct_pnl.slice(i * 2, i * 2 + 2), positionCorrelated: s.position_correlated_pnl.slice(i * 2, i * 2 + 2),
    });
    expect(at(first)).toEqual({
      direct: 87.66, correlated: 90, pct: 0.09, impacts: [0.1, 0.1, 87.66, 87.66, 0, -0.020200330300379033, 0, -1072.67], positionDirect: [100, -12.35], positionCorrelated: [null, 90],
    });
    expect(at(1 - first)).toEqual({
      direct: -87.66, correlated: -90, pct: null, impacts: [-0.1, -0.1, -87.66, -87.66, null, null, null, null], positionDirect: [101, -12.35], positionCorrelated: [null, 91],
    });
  });

  it('answers the risk API as the rows per scenario, estimate and factor did', async () => {
    const positions = (direct: (number | null)[], correlated: (number | null)[]) => [
      { position_id: ids.a, symbol: 'AAPL', direct_pnl: direct[0], correlated_pnl: correlated[0] },
      { position_id: ids.b, symbol: 'XOM', direct_pnl: direct[1], correlated_pnl: correlated[1] },
    ];
    expect((await stressResults(t.db, caller(), ids.portfolio)).scenarios).toEqual([
      {
        scenario_id: ids.scenario1, name: 'Market Up 10%', type: 'sensitivity', portfolio_value: 1000, direct_pnl: 87.66, correlated_pnl: 90, direct_return: 0.08766, correlated_return: 0.09,
        factors: [
          { factor: 'market', shock: 0.1, correlated_shock: 0.1, direct_pnl: 87.66, correlated_pnl: 87.66 },
          { factor: 'interest_rate', shock: 0, correlated_shock: -0.020200330300379033, direct_pnl: 0, correlated_pnl: -1072.67 },
        ],
        positions: positions([100, -12.35], [null, 90]),
      },
      {
        scenario_id: ids.scenario2, name: 'Market Down 10%', type: 'sensitivity', portfolio_value: 1000, direct_pnl: -87.66, correlated_pnl: -90, direct_return: 0.08766, correlated_return: null,
        factors: [{ factor: 'market', shock: -0.1, correlated_shock: -0.1, direct_pnl: -87.66, correlated_pnl: -87.66 }],
        positions: positions([101, -12.35], [null, 91]),
      },
    ]);
    expect((await riskMetrics(t.db, caller(), ids.portfolio)).var).toEqual([
      { method: 'gaussian', confidence: 0.95, horizon_days: 1, var: 10.01, cvar: 11.01, var_return: -0.01001, cvar_return: -0.0123456789, portfolio_value: 1000, sample_size: 252 },
      { method: 'gaussian', confidence: 0.99, horizon_days: 1, var: 20.25, cvar: 21.25, var_return: -0.02025, cvar_return: -0.0123456789, portfolio_value: 1000, sample_size: 252 },
      { method: 'monte_carlo', confidence: 0.99, horizon_days: 10, var: 30.5, cvar: 31.5, var_return: -0.0305, cvar_return: -0.0123456789, portfolio_value: 1000, sample_size: 252 },
    ]);
    const position = (symbol: 'AAPL' | 'XOM', component_var: number, component_cvar: number | null, marginal_var: number, percent_of_var: number | null) =>
      ({ position_id: symbol === 'AAPL' ? ids.a : ids.b, symbol, component_var, component_cvar, marginal_var, percent_of_var });
    expect((await riskMetrics(t.db, caller(), ids.portfolio)).component_var).toEqual([
      { method: 'gaussian (Euler)', confidence: 0.95, horizon_days: 10, positions: [position('AAPL', 1, 1.5, 0.01, null), position('XOM', -1, null, 0.001, 0.25)] },
      { method: 'gaussian (Euler)', confidence: 0.99, horizon_days: 1, positions: [position('AAPL', 2, 2.5, 0.02, null), position('XOM', -2, null, 0.001, 0.5)] },
    ]);
    expect((await factorExposures(t.db, caller(), ids.portfolio)).portfolio).toEqual([
      { factor: 'market', beta: 1.1, dollars: 1100, variance_contribution: 12345.678901 },
      { factor: 'interest_rate', beta: -0.12345678, dollars: -123.46, variance_contribution: null },
    ]);
  });

  it('keys Greeks and the analytics cache by what identifies them, and get_active_positions still finds the Greeks', async () => {
    const keys = await sql<{ t: string; def: string }>`select conrelid::regclass::text as t, pg_get_constraintdef(oid) as def from pg_constraint
      where contype = 'p' and conrelid in ('position_greeks'::regclass, 'portfolio_analytics_cache'::regclass) order by 1`.execute(t.db);
    expect(keys.rows).toEqual([
      { t: 'portfolio_analytics_cache', def: 'PRIMARY KEY (portfolio_id, cache_type, cache_key)' },
      { t: 'position_greeks', def: 'PRIMARY KEY (position_id, calculation_date)' },
    ]);
    expect(await t.db.selectFrom('portfolio_analytics_cache').select('cached_data').executeTakeFirstOrThrow()).toEqual({ cached_data: { warnings: ['x'] } });
    const active = await sql<{ position_id: string; greeks: { delta: number } | null }>`select position_id, greeks from get_active_positions(${ids.portfolio}::uuid)`.execute(t.db);
    expect(Object.fromEntries(active.rows.map((r) => [r.position_id, r.greeks?.delta ?? null]))).toEqual({ [ids.a]: null, [ids.b]: 0.5 });
  });
});
