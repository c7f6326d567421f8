import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatherSerialized, insertMany, insertSerialized, serializeTables, type SerializedTable } from '../../src/db/insert-many.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

const HASH = '$2b$10$abcdefghijklmnopqrstuuJ3Gx5yHb7lq0hU9Hq8h7mQm1X8yZ1cW';

describe(`insertMany on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  let portfolioId: string;
  beforeAll(async () => {
    t = await createTestDatabase();
    const { id: userId } = await t.db.insertInto('users').values({ email: 'a@example.com', username: 'alice', password_hash: HASH }).returning('id').executeTakeFirstOrThrow();
    ({ id: portfolioId } = await t.db.insertInto('portfolios').values({ user_id: userId, name: 'Main' }).returning('id').executeTakeFirstOrThrow());
  });
  afterAll(async () => t?.destroy());

  it('writes several tables in one statement, with arrays, nulls, non-finite numbers as null, JSON text and defaults', async () => {
    await t.db.transaction().execute((trx) => insertMany(trx, [
      { table: 'portfolio_var_results', rows: [] },
      {
        table: 'position_var_contributions', rows: [{
          portfolio_id: portfolioId, calculation_date: '2024-12-31', confidence: [0.95], horizon_days: [1],
          component_var: [1.25, null], component_cvar: [2, Number.NaN], marginal_var: [0.1, Number.POSITIVE_INFINITY], percent_of_var: [0.5, 0.5],
        }],
      },
      {
        table: 'portfolio_analytics_cache', json: ['cached_data'], rows: [{
          portfolio_id: portfolioId, cache_type: 'portfolio_risk', cache_key: 'k', cached_data: JSON.stringify({ a: [1, 'x'], b: { c: null } }), valid_until: '2025-01-07T00:00:00Z',
        }],
      },
      {
        table: 'portfolio_correlation_matrices', rows: [{
          portfolio_id: portfolioId, calculation_date: '2024-12-31', observations: 30, correlations: [0.123456789012345, null], average_correlation: null,
        }],
      },
    ], [{ sql: 'update portfolios p set description = v.d from json_to_record($JSON) as v(id uuid, d text) where p.id = v.id', json: JSON.stringify({ id: portfolioId, d: 'written "here"' }) }]));
    const v = await t.db.selectFrom('position_var_contributions').selectAll().executeTakeFirstOrThrow();
    expect(v).toMatchObject({ confidence: [0.95], horizon_days: [1], component_var: [1.25, null], component_cvar: [2, null], marginal_var: [0.1, null], percent_of_var: [0.5, 0.5] });
    expect(v.created_at).toBeInstanceOf(Date);
    const c = await t.db.selectFrom('portfolio_analytics_cache').selectAll().executeTakeFirstOrThrow();
    expect(c.cached_data).toEqual({ a: [1, 'x'], b: { c: null } });
    expect(c.valid_until).toEqual(new Date('2025-01-07T00:00:00Z'));
    const m = await t.db.selectFrom('portfolio_correlation_matrices').selectAll().executeTakeFirstOrThrow();
    expect(m).toMatchObject({ correlations: [0.123456789012345, null], average_correlation: null });
    expect((await t.db.selectFrom('portfolios').select('description').where('id', '=', portfolioId).executeTakeFirstOrThrow()).description).toBe('written "here"');
  });

  it('keeps doubles to the last digit, and refuses rows that name different columns', async () => {
    const values = [0.1 + 0.2, 5e-324, 1.7976931348623157e308, -123456.78901234567];
    await t.db.transaction().execute((trx) => insertMany(trx, [{
      table: 'position_var_contributions', rows: [{ portfolio_id: portfolioId, calculation_date: '2024-12-30', confidence: [0.99], horizon_days: [10], component_var: values, component_cvar: values, marginal_var: values, percent_of_var: values }],
    }]));
    expect((await t.db.selectFrom('position_var_contributions').select('component_var').where('calculation_date', '=', '2024-12-30').executeTakeFirstOrThrow()).component_var).toEqual(values);
    const rows = [
      { portfolio_id: portfolioId, cache_type: 'portfolio_risk', cache_key: 'a', cached_data: '{}', valid_until: '2025-01-07T00:00:00Z' },
      { portfolio_id: portfolioId, cache_type: 'portfolio_risk', cache_key: 'b', cached_data: '{}' },
    ];
    await expect(t.db.transaction().execute((trx) => insertMany(trx, [{ table: 'portfolio_analytics_cache', json: ['cached_data'], rows: rows as never }]))).rejects.toThrow(/row 1 of portfolio_analytics_cache names columns/);
    await expect(t.db.transaction().execute((trx) => insertMany(trx, [{ table: 'portfolio_analytics_cache', json: ['cached_data'], rows: [{ ...rows[0], valid_until: undefined }] as never }]))).rejects.toThrow(/none undefined/);
  });

  it('writes rows serialized apart and gathered, JSON documents embedded as they are; refuses JSON text that does not parse', async () => {
    const row = (key: string, doc: string | null) => ({ portfolio_id: portfolioId, cache_type: 'portfolio_risk', cache_key: key, cached_data: doc as string, valid_until: '2025-01-07T00:00:00Z' });
    const gathered = new Map<string, SerializedTable>();
    gatherSerialized(gathered, serializeTables([{ table: 'portfolio_analytics_cache', json: ['cached_data'], rows: [row('s1', '{"x": [1, 2.5, "a\\"b"], "y": {}}')] }]));
    gatherSerialized(gathered, serializeTables([{ table: 'portfolio_analytics_cache', json: ['cached_data'], rows: [row('s2', '[]'), row('s3', '"text"')] }]));
    expect(gathered.get('portfolio_analytics_cache')!.rows).toHaveLength(3);
    await t.db.transaction().execute((trx) => insertSerialized(trx, [...gathered.values()]));
    const docs = await t.db.selectFrom('portfolio_analytics_cache').select(['cache_key', 'cached_data']).where('cache_key', 'in', ['s1', 's2', 's3']).orderBy('cache_key').execute();
    expect(docs).toEqual([{ cache_key: 's1', cached_data: { x: [1, 2.5, 'a"b'], y: {} } }, { cache_key: 's2', cached_data: [] }, { cache_key: 's3', cached_data: 'text' }]);
    // Text that is not one JSON document could add keys to the row: refused before anything is sent.
    expect(() => serializeTables([{ table: 'portfolio_analytics_cache', json: ['cached_data'], rows: [row('s4', '1,"cache_key":"other"')] }])).toThrow(SyntaxError);
    const other = serializeTables([{ table: 'portfolio_analytics_cache', rows: [{ portfolio_id: portfolioId, cache_type: 'x', cache_key: 'k', cached_data: '{}' }] as never }]);
    expect(() => gatherSerialized(gathered, other)).toThrow(/name columns/);
  });

  it('writes nothing when one table\'s rows fail', async () => {
    const before = await t.db.selectFrom('portfolio_analytics_cache').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    await expect(t.db.transaction().execute((trx) => insertMany(trx, [
      { table: 'portfolio_analytics_cache', json: ['cached_data'], rows: [{ portfolio_id: portfolioId, cache_type: 'portfolio_risk', cache_key: 'k2', cached_data: '{}', valid_until: '2025-01-07T00:00:00Z' }] },
      { table: 'portfolio_var_results', rows: [{ portfolio_id: portfolioId, calculation_date: '2024-12-31', method: ['historical'], confidence: [2], horizon_days: [1], var_value: [1], cvar_value: [1], var_return: [0], cvar_return: [0], portfolio_value: 1, sample_size: [10] }] },
    ]))).rejects.toThrow(/portfolio_var_results_confidence/);
    expect(await t.db.selectFrom('portfolio_analytics_cache').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).toEqual(before);
  });
});
