import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewPosition } from '../../src/db/schema.js';
import { insertPositions } from '../../src/portfolios/positions.repository.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

const HASH = '$2b$10$abcdefghijklmnopqrstuuJ3Gx5yHb7lq0hU9Hq8h7mQm1X8yZ1cW';

describe(`creating positions on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  let portfolioId: string;
  let userId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    ({ id: userId } = await t.db.insertInto('users').values({ email: 'p@example.com', username: 'pat', password_hash: HASH }).returning('id').executeTakeFirstOrThrow());
    ({ id: portfolioId } = await t.db.insertInto('portfolios').values({ user_id: userId, name: 'Main' }).returning('id').executeTakeFirstOrThrow());
    await t.db.insertInto('symbol_universe').values({ symbol: 'AAPL', status: 'active', added_source: 'seed' }).execute();
  });
  afterAll(async () => t?.destroy());

  const base = { entry_price: 10, entry_date: '2025-01-02' };

  it('queues every symbol the universe does not know, in the same transaction, and nothing twice', async () => {
    const rows: NewPosition[] = [
      { ...base, portfolio_id: portfolioId, symbol: 'AAPL', position_type: 'LONG', quantity: 10 },
      { ...base, portfolio_id: portfolioId, symbol: 'ZZZQ', position_type: 'SHORT', quantity: -5 },
      {
        ...base, portfolio_id: portfolioId, symbol: 'NEWCO260116C00050000', position_type: 'LC', quantity: 2, investment_class: 'OPTIONS',
        underlying_symbol: 'NEWCO', expiration_date: '2026-01-16', strike_price: 50, option_type: 'CALL',
      },
      { ...base, portfolio_id: portfolioId, symbol: 'PVT-FUND', position_type: 'LONG', quantity: 1, investment_class: 'PRIVATE' },
    ];
    const ids = await t.db.transaction().execute((trx) => insertPositions(trx, rows, { requestedBy: userId }));
    expect(ids).toHaveLength(4);
    const universe = await t.db.selectFrom('symbol_universe').select(['symbol', 'status', 'asset_type', 'is_active', 'added_source']).orderBy('symbol').execute();
    expect(universe).toEqual([
      { symbol: 'AAPL', status: 'active', asset_type: 'equity', is_active: true, added_source: 'seed' },
      { symbol: 'NEWCO', status: 'pending', asset_type: 'equity', is_active: true, added_source: 'position' },
      { symbol: 'NEWCO260116C00050000', status: 'pending', asset_type: 'option', is_active: true, added_source: 'position' },
      { symbol: 'PVT-FUND', status: 'active', asset_type: 'private', is_active: false, added_source: 'position' },
      { symbol: 'ZZZQ', status: 'pending', asset_type: 'equity', is_active: true, added_source: 'position' },
    ]);
    const queue = await t.db.selectFrom('symbol_onboarding_queue').select(['symbol', 'status', 'requested_by']).orderBy('symbol').execute();
    expect(queue).toEqual([
      { symbol: 'NEWCO', status: 'pending', requested_by: userId },
      { symbol: 'NEWCO260116C00050000', status: 'pending', requested_by: userId },
      { symbol: 'ZZZQ', status: 'pending', requested_by: userId },
    ]);
    await t.db.transaction().execute((trx) => insertPositions(trx, [{ ...base, portfolio_id: portfolioId, symbol: 'ZZZQ', position_type: 'LONG', quantity: 1 }]));
    expect(await t.db.selectFrom('symbol_onboarding_queue').select('symbol').where('symbol', '=', 'ZZZQ').execute()).toHaveLength(1);
  });

  it('writes nothing when a position is invalid', async () => {
    const before = await t.db.selectFrom('symbol_onboarding_queue').select('id').execute();
    await expect(
      t.db.transaction().execute((trx) => insertPositions(trx, [
        { ...base, portfolio_id: portfolioId, symbol: 'QQQQX', position_type: 'LONG', quantity: 3 },
        { ...base, portfolio_id: portfolioId, symbol: 'BADX', position_type: 'LONG', quantity: -3 },
      ])),
    ).rejects.toThrow(/positions_quantity_sign/);
    expect(await t.db.selectFrom('symbol_onboarding_queue').select('id').execute()).toHaveLength(before.length);
    expect(await t.db.selectFrom('symbol_universe').select('symbol').where('symbol', 'in', ['QQQQX', 'BADX']).execute()).toEqual([]);
  });
});
