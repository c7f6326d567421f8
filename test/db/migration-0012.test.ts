/**
 * Migration 0012 converts the per-position results stored before it (rows per position and factor,
 * per position and confidence, stress JSON) into the arrays it introduces, in the snapshot's
 * position order, instead of dropping them.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, readMigrationFiles } from '../../src/db/migrator.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

const D = '2024-12-31';
const D0 = '2024-12-30';
const HASH = '$2b$10$abcdefghijklmnopqrstuuJ3Gx5yHb7lq0hU9Hq8h7mQm1X8yZ1cW';

describe(`migration 0012 converts stored per-position results on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestDatabase({ migrated: false });
    const files = readMigrationFiles();
    await migrate(t.db, files.filter((f) => f.version < 12));
    const q = <T>(s: ReturnType<typeof sql<T>>) => s.execute(t.db).then((r) => r.rows);
    const [user] = await q<{ id: string }>(sql`insert into users (email, username, password_hash) values ('a@example.com', 'alice', ${HASH}) returning id`);
    const [pf] = await q<{ id: string }>(sql`insert into portfolios (user_id, name) values (${user.id}, 'Main') returning id`);
    ids.portfolio = pf.id;
    // Two positions; the second entered first, so (entry date, id) puts it first.
    const [a] = await q<{ id: string }>(sql`insert into positions (portfolio_id, symbol, position_type, quantity, entry_price, entry_date) values (${pf.id}, 'AAPL', 'LONG', 10, 100, '2024-06-03') returning id`);
    const [b] = await q<{ id: string }>(sql`insert into positions (portfolio_id, symbol, position_type, quantity, entry_price, entry_date) values (${pf.id}, 'XOM', 'SHORT', -5, 100, '2024-01-02') returning id`);
    ids.a = a.id;
    ids.b = b.id;
    const factor = async (name: string) => (await q<{ id: string }>(sql`select id from factor_definitions where name = ${name}`))[0].id;
    ids.market = await factor('market');
    ids.rates = await factor('interest_rate');
    const [scenario] = await q<{ id: string }>(sql`select id from stress_scenarios order by display_order limit 1`);
    ids.scenario = scenario.id;
    for (const day of [D0, D]) {
      await q(sql`insert into portfolio_snapshots (portfolio_id, snapshot_date, total_value, long_value, short_value, long_exposure, short_exposure, gross_exposure, net_exposure)
        values (${pf.id}, ${day}::date, 1, 1, 0, 1, 0, 1, 1)`);
      for (const [pos, beta] of [[a.id, 1.1], [b.id, 0.9]] as const) {
        await q(sql`insert into position_factor_exposures (position_id, factor_id, calculation_date, exposure_value, exposure_dollar) values
          (${pos}, ${ids.market}, ${day}::date, ${beta}, ${beta * 1000}), (${pos}, ${ids.rates}, ${day}::date, ${beta / 10}, ${beta * 100})`);
        await q(sql`insert into position_var_contributions (portfolio_id, position_id, calculation_date, confidence, horizon_days, component_var, component_cvar, marginal_var, percent_of_var)
          values (${pf.id}, ${pos}, ${day}::date, 0.95, 1, ${beta * 10}, ${beta * 12}, ${beta / 100}, ${pos === a.id ? null : 0.4})`);
      }
    }
    // Only D has a correlation matrix: its order (a, b) is the refresh's and wins over (entry date, id).
    await q(sql`insert into portfolio_correlation_matrices (portfolio_id, calculation_date, observations, position_ids, symbols, correlations, average_correlation)
      values (${pf.id}, ${D}::date, 100, ${[a.id, b.id]}::uuid[], ${['AAPL', 'XOM']}::varchar[], ${[0.25]}::float8[], 0.25)`);
    const impacts = JSON.stringify([{ positionId: b.id, symbol: 'XOM', directPnl: -12.345, correlatedPnl: -20.5 }, { positionId: a.id, symbol: 'AAPL', directPnl: 100.004, correlatedPnl: 90 }]);
    const factors = JSON.stringify([{ factor: 'market', shock: -0.1, correlatedShock: -0.1, directPnl: 87.659, correlatedPnl: 80.111 }]);
    await q(sql`insert into stress_test_results (portfolio_id, scenario_id, calculation_date, portfolio_value, direct_pnl, correlated_pnl, factor_impacts, position_impacts)
      values (${pf.id}, ${ids.scenario}, ${D}::date, 1000, 87.66, 69.5, ${factors}::jsonb, ${impacts}::jsonb)`);
    // Up to 0017: 0018 changes the stress table's shape again (test/db/migration-0018.test.ts).
    await migrate(t.db, files.filter((f) => f.version < 18));
  });
  afterAll(async () => t?.destroy());

  it('gives each snapshot its position order: the matrix\'s, else entry date and id', async () => {
    const rows = await t.db.selectFrom('portfolio_snapshots').select(['snapshot_date', 'position_ids']).orderBy('snapshot_date').execute();
    expect(rows).toEqual([{ snapshot_date: D0, position_ids: [ids.b, ids.a] }, { snapshot_date: D, position_ids: [ids.a, ids.b] }]);
  });

  it('turns factor rows into position-major matrices and component VaR rows into arrays, in that order', async () => {
    const f = await t.db.selectFrom('position_factor_exposures').selectAll().where('calculation_date', '=', D).executeTakeFirstOrThrow();
    expect(f).toMatchObject({ portfolio_id: ids.portfolio, factor_ids: [ids.market, ids.rates], betas: [1.1, 0.11, 0.9, 0.09], dollars: [1100, 110, 900, 90] });
    const f0 = await t.db.selectFrom('position_factor_exposures').select('betas').where('calculation_date', '=', D0).executeTakeFirstOrThrow();
    expect(f0.betas).toEqual([0.9, 0.09, 1.1, 0.11]);
    const v = await t.db.selectFrom('position_var_contributions').selectAll().where('calculation_date', '=', D).executeTakeFirstOrThrow();
    expect(v).toMatchObject({ confidence: 0.95, horizon_days: 1, component_var: [11, 9], component_cvar: [13.2, 10.8], marginal_var: [0.011, 0.009], percent_of_var: [null, 0.4] });
  });

  it('turns stress JSON into arrays in cents and the compact factor form', async () => {
    const s = await t.db.selectFrom('stress_test_results').selectAll().executeTakeFirstOrThrow();
    expect(s).toMatchObject({ position_direct_pnl: [100, -12.35], position_correlated_pnl: [90, -20.5], factor_impacts: { market: [-0.1, -0.1, 87.66, 80.11] } });
    expect(s).not.toHaveProperty('position_impacts');
  });

  it('keeps the correlations, without their own copy of the order', async () => {
    const m = await t.db.selectFrom('portfolio_correlation_matrices').selectAll().executeTakeFirstOrThrow();
    expect(m).toMatchObject({ calculation_date: D, correlations: [0.25], average_correlation: 0.25 });
    expect(m).not.toHaveProperty('position_ids');
  });
});
