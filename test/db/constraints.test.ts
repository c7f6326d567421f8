import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewPosition } from '../../src/db/schema.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

// A valid bcrypt hash (of "demo123"); the users table checks the format.
const HASH = '$2b$10$abcdefghijklmnopqrstuuJ3Gx5yHb7lq0hU9Hq8h7mQm1X8yZ1cW';

describe(`constraints on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  let userId: string;
  let portfolioId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    ({ id: userId } = await t.db.insertInto('users').values({ email: 'a@example.com', username: 'alice', password_hash: HASH }).returning('id').executeTakeFirstOrThrow());
    ({ id: portfolioId } = await t.db.insertInto('portfolios').values({ user_id: userId, name: 'Main' }).returning('id').executeTakeFirstOrThrow());
  });
  afterAll(async () => t?.destroy());

  /** Runs a statement that must fail with the named constraint. */
  async function rejects(run: () => Promise<unknown>, pattern: RegExp) {
    await expect(run()).rejects.toThrow(pattern);
  }

  const stock = (over: Partial<NewPosition> = {}): NewPosition => ({
    portfolio_id: portfolioId, symbol: 'AAPL', position_type: 'LONG', quantity: 10, entry_price: 100, entry_date: '2025-01-02', ...over,
  });

  it('keeps emails and usernames unique and emails lower-case', async () => {
    await rejects(() => t.db.insertInto('users').values({ email: 'a@example.com', username: 'other', password_hash: HASH }).execute(), /users_email_key/);
    await rejects(() => t.db.insertInto('users').values({ email: 'b@example.com', username: 'alice', password_hash: HASH }).execute(), /users_username_key/);
    await rejects(() => t.db.insertInto('users').values({ email: 'B@Example.com', username: 'bob', password_hash: HASH }).execute(), /users_email_format/);
    await rejects(() => t.db.insertInto('users').values({ email: 'c@example.com', username: 'carol', password_hash: 'plaintext' }).execute(), /users_password_hash_bcrypt/);
  });

  it('lets a user own several portfolios, with names unique per user among live ones', async () => {
    await t.db.insertInto('portfolios').values({ user_id: userId, name: 'Second' }).execute();
    await rejects(() => t.db.insertInto('portfolios').values({ user_id: userId, name: 'Second' }).execute(), /portfolios_user_name_key/);
    await t.db.updateTable('portfolios').set({ deleted_at: new Date() }).where('name', '=', 'Second').execute();
    await t.db.insertInto('portfolios').values({ user_id: userId, name: 'Second' }).execute();
    await rejects(() => t.db.insertInto('portfolios').values({ user_id: userId, name: 'Bad', currency: 'usd' }).execute(), /portfolios_currency_format/);
    await rejects(() => t.db.insertInto('portfolios').values({ user_id: userId, name: 'Bad', equity_balance: -5 }).execute(), /portfolios_equity_balance_positive/);
  });

  it('rejects a position whose portfolio does not exist (foreign key)', async () => {
    await rejects(() => t.db.insertInto('positions').values(stock({ portfolio_id: '00000000-0000-0000-0000-000000000000' })).execute(), /foreign key/);
  });

  it('enforces the signed-quantity convention: long > 0, short < 0', async () => {
    await t.db.insertInto('positions').values(stock()).execute();
    await t.db.insertInto('positions').values(stock({ position_type: 'SHORT', quantity: -10 })).execute();
    await rejects(() => t.db.insertInto('positions').values(stock({ quantity: -10 })).execute(), /positions_quantity_sign/);
    await rejects(() => t.db.insertInto('positions').values(stock({ position_type: 'SHORT', quantity: 10 })).execute(), /positions_quantity_sign/);
    await rejects(() => t.db.insertInto('positions').values(stock({ quantity: 0 })).execute(), /positions_quantity_sign/);
    await rejects(() => t.db.insertInto('positions').values(stock({ quantity: 'NaN' })).execute(), /positions_quantity_sign/);
    await rejects(() => t.db.insertInto('positions').values(stock({ entry_price: 'NaN' })).execute(), /positions_entry_price_nonnegative/);
    await rejects(() => t.db.insertInto('positions').values(stock({ market_value: 'NaN' })).execute(), /positions_values_not_nan/);
  });

  it('requires parsed option fields exactly on option positions, with the right call/put', async () => {
    const option = stock({
      symbol: 'AAPL250117C00150000', position_type: 'LC', quantity: 2, investment_class: 'OPTIONS',
      underlying_symbol: 'AAPL', expiration_date: '2025-01-17', strike_price: 150, option_type: 'CALL',
    });
    await t.db.insertInto('positions').values(option).execute();
    await t.db.insertInto('positions').values({ ...option, position_type: 'SC', quantity: -2 }).execute();
    await rejects(() => t.db.insertInto('positions').values({ ...option, option_type: 'PUT' }).execute(), /positions_option_fields/);
    await rejects(() => t.db.insertInto('positions').values({ ...option, strike_price: null }).execute(), /positions_option_fields/);
    await rejects(() => t.db.insertInto('positions').values({ ...option, option_type: null }).execute(), /positions_option_fields/);
    await rejects(() => t.db.insertInto('positions').values({ ...option, investment_class: 'PUBLIC' }).execute(), /positions_option_fields/);
    await rejects(() => t.db.insertInto('positions').values(stock({ strike_price: 100 })).execute(), /positions_option_fields/);
    await rejects(() => t.db.insertInto('positions').values(stock({ symbol: 'aapl' })).execute(), /positions_symbol_format/);
    await rejects(() => t.db.insertInto('positions').values(stock({ exit_date: '2024-12-31', exit_price: 90 })).execute(), /positions_exit_after_entry/);
    await rejects(() => t.db.insertInto('positions').values(stock({ exit_date: '2025-02-01' })).execute(), /positions_exit_pair/);
  });

  it('keeps tags unique per user, typed and colored; position_tags unique per pair', async () => {
    const tag = await t.db.insertInto('tags').values({ user_id: userId, name: 'Core', tag_type: 'REGULAR' }).returning('id').executeTakeFirstOrThrow();
    await rejects(() => t.db.insertInto('tags').values({ user_id: userId, name: 'Core' }).execute(), /tags_user_name_key/);
    const old = await t.db.insertInto('tags').values({ user_id: userId, name: 'Retired', deleted_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('tags').values({ user_id: userId, name: 'Retired' }).execute(); // a deleted tag's name is free again
    expect(old.id).toBeDefined();
    await rejects(() => t.db.insertInto('tags').values({ user_id: userId, name: 'X', tag_type: 'OTHER' as 'REGULAR' }).execute(), /tags_tag_type/);
    await rejects(() => t.db.insertInto('tags').values({ user_id: userId, name: 'Y', color: 'red' }).execute(), /tags_color_hex/);
    const pos = await t.db.selectFrom('positions').select('id').limit(1).executeTakeFirstOrThrow();
    await t.db.insertInto('position_tags').values({ position_id: pos.id, tag_id: tag.id }).execute();
    await rejects(() => t.db.insertInto('position_tags').values({ position_id: pos.id, tag_id: tag.id }).execute(), /position_tags_pkey/);
  });

  it('keeps one bar per symbol and date, with prices that make sense', async () => {
    const bar = { symbol: 'AAPL', date: '2025-01-02', open: 10, high: 11, low: 9, close: 10.5, data_source: 'test' };
    await t.db.insertInto('market_data_cache').values(bar).execute();
    await rejects(() => t.db.insertInto('market_data_cache').values(bar).execute(), /market_data_cache_pkey/);
    await rejects(() => t.db.insertInto('market_data_cache').values({ ...bar, date: '2025-01-03', close: 12 }).execute(), /market_data_high_low/);
    await rejects(() => t.db.insertInto('market_data_cache').values({ ...bar, date: '2025-01-03', close: 0, low: null }).execute(), /market_data_prices_positive/);
    await rejects(() => t.db.insertInto('market_data_cache').values({ ...bar, date: '2025-01-03', volume: -1 }).execute(), /market_data_volume_nonnegative/);
    // NUMERIC 'NaN' compares greater than every number; the checks exclude it.
    await rejects(() => t.db.insertInto('market_data_cache').values({ ...bar, date: '2025-01-03', open: null, high: null, low: null, close: 'NaN' }).execute(), /market_data_prices_positive/);
    await rejects(() => t.db.insertInto('market_data_cache').values({ ...bar, date: '2025-01-03', high: 'NaN' }).execute(), /market_data_prices_positive|market_data_high_low/);
  });

  it('allows one pending or processing onboarding row per symbol, any number of finished ones', async () => {
    await t.db.insertInto('symbol_onboarding_queue').values({ symbol: 'NEW1' }).execute();
    await rejects(() => t.db.insertInto('symbol_onboarding_queue').values({ symbol: 'NEW1' }).execute(), /idx_queue_pending_symbol/);
    await t.db.updateTable('symbol_onboarding_queue').set({ status: 'completed', completed_at: new Date() }).where('symbol', '=', 'NEW1').execute();
    await t.db.insertInto('symbol_onboarding_queue').values({ symbol: 'NEW1', priority: 'high' }).execute();
    const rank = await t.db.selectFrom('symbol_onboarding_queue').select(['priority_rank']).where('status', '=', 'pending').executeTakeFirstOrThrow();
    expect(rank.priority_rank).toBe(0);
    await rejects(() => t.db.insertInto('symbol_onboarding_queue').values({ symbol: 'NEW2', priority: 'urgent' as 'high' }).execute(), /onboarding_priority/);
  });

  it('checks corporate actions, stress shocks, snapshots and the symbol universe', async () => {
    await rejects(() => t.db.insertInto('corporate_actions').values({ symbol: 'AAPL', ex_date: '2020-08-31', action_type: 'SPLIT', data_source: 't' }).execute(), /corporate_actions_fields/);
    await rejects(() => t.db.insertInto('corporate_actions').values({ symbol: 'AAPL', ex_date: '2020-08-07', action_type: 'DIVIDEND', data_source: 't' }).execute(), /corporate_actions_fields/);
    await t.db.insertInto('corporate_actions').values({ symbol: 'AAPL', ex_date: '2020-08-31', action_type: 'SPLIT', split_from: 1, split_to: 4, data_source: 't' }).execute();
    const scenario = await t.db.selectFrom('stress_scenarios').select('id').limit(1).executeTakeFirstOrThrow();
    await rejects(() => t.db.insertInto('stress_scenario_shocks').values({ scenario_id: scenario.id, shock_kind: 'spot', shock_value: 0.1 }).execute(), /stress_shocks_target/);
    await rejects(() => t.db.insertInto('portfolio_snapshots').values({
      portfolio_id: portfolioId, snapshot_date: '2025-01-02', total_value: 1, long_value: 1, short_value: 0, long_exposure: 1, short_exposure: 0,
      gross_exposure: 1, net_exposure: 1, var_value: 100,
    }).execute(), /portfolio_snapshots_var_complete/);
    await rejects(() => t.db.insertInto('symbol_universe').values({ symbol: 'ZZZ', status: 'gone' as 'active' }).execute(), /symbol_universe_status/);
    const base = { description: 'x', category: 'crisis' as const, display_order: 99 };
    await rejects(() => t.db.insertInto('stress_scenarios').values({ ...base, name: 'Half window', scenario_type: 'hypothetical', window_start: '2020-01-02' }).execute(), /stress_scenarios_window/);
    await rejects(() => t.db.insertInto('stress_scenarios').values({ ...base, name: 'Backwards', scenario_type: 'hypothetical', window_start: '2020-02-02', window_end: '2020-01-02' }).execute(), /stress_scenarios_window/);
    await rejects(() => t.db.insertInto('stress_scenarios').values({ ...base, name: 'No window', scenario_type: 'historical' }).execute(), /stress_scenarios_historical_window/);
  });

  it('cascades a hard-deleted user to portfolios, positions and tags', async () => {
    const u = await t.db.insertInto('users').values({ email: 'tmp@example.com', username: 'tmpuser', password_hash: HASH }).returning('id').executeTakeFirstOrThrow();
    const p = await t.db.insertInto('portfolios').values({ user_id: u.id, name: 'Tmp' }).returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('positions').values(stock({ portfolio_id: p.id })).execute();
    await t.db.deleteFrom('users').where('id', '=', u.id).execute();
    const left = await sql<{ n: number }>`select count(*)::int as n from positions where portfolio_id = ${p.id}`.execute(t.db);
    expect(left.rows[0].n).toBe(0);
  });
});
