/**
 * Every resource is its owner's: walks every path of the OpenAPI document that names a resource by
 * id, as a second user with the first user's ids, and expects the 404 a missing id gets (and 401
 * without a token). A new path must be added to BODIES below when its verb takes a body, so the walk
 * covers it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/server.js';
import { createTestApp, signUp } from '../support/test-app.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

/** A valid body for each verb and path that takes one (keyed "METHOD path"). */
const BODIES: Record<string, object> = {
  'PATCH /api/v1/portfolios/{id}': { name: 'Taken over' },
  'POST /api/v1/portfolios/{id}/positions': { symbol: 'IBM', quantity: 1, entry_price: 100, entry_date: '2026-01-05' },
  'POST /api/v1/portfolios/{id}/positions/bulk': { positions: [{ symbol: 'IBM', quantity: 1, entry_price: 100, entry_date: '2026-01-05' }] },
  'PATCH /api/v1/positions/{id}': { quantity: 2 },
  'POST /api/v1/positions/{id}/close': { exit_price: 101, exit_date: '2026-02-02' },
  'PATCH /api/v1/tags/{id}': { name: 'Taken over' },
  'POST /api/v1/portfolios/{id}/cash-flows': { flow_date: '2026-01-05', amount: -1000 },
  'POST /api/v1/portfolios/{id}/what-if': { name: 'Taken over' },
  'PATCH /api/v1/what-if/{sessionId}': { name: 'Taken over' },
  'POST /api/v1/what-if/{sessionId}/trades': { symbol: 'IBM', quantity: 1 },
  'PATCH /api/v1/what-if/{sessionId}/trades/{tradeId}': { quantity: 2 },
  'POST /api/v1/what-if/{sessionId}/complete': { apply: true },
  'POST /api/v1/portfolios/{id}/stress/custom': { factor_shocks: { market: -0.1 } },
};

/** Required query strings (keyed "METHOD path"), so a request gets past validation to the ownership check. */
const QUERIES: Record<string, string> = {
  'GET /api/v1/portfolios/{id}/export': '?type=positions&format=csv',
};

describe(`ownership of every resource on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  let app: App;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestDatabase();
    app = await createTestApp(t);
    Object.assign(tokens, await signUp(app, ['owner', 'intruder']));
    const auth = { authorization: `Bearer ${tokens.owner}` };
    ids.portfolios = (await app.inject({ method: 'POST', url: '/api/v1/portfolios', headers: auth, payload: { name: 'Mine' } })).json().id;
    ids.positions = (await app.inject({ method: 'POST', url: `/api/v1/portfolios/${ids.portfolios}/positions`, headers: auth, payload: BODIES['POST /api/v1/portfolios/{id}/positions'] })).json().id;
    ids.tags = (await app.inject({ method: 'POST', url: '/api/v1/tags', headers: auth, payload: { name: 'Core' } })).json().id;
    await app.inject({ method: 'POST', url: `/api/v1/positions/${ids.positions}/tags`, headers: auth, payload: { tag_ids: [ids.tags] } });
    BODIES['POST /api/v1/positions/{id}/tags'] = { tag_ids: [ids.tags] };
    // A what-if session of the owner's with one trade (opening one needs a computed day: written directly).
    ids['what-if'] = crypto.randomUUID();
    ids.trades = crypto.randomUUID();
    const owner = await t.db.selectFrom('users').select('id').where('username', '=', 'owner').executeTakeFirstOrThrow();
    await t.db.insertInto('modeling_session_snapshots').values({
      id: ids['what-if'], session_id: ids['what-if'], user_id: owner.id, portfolio_id: ids.portfolios, name: 'Mine', base_snapshot_date: '2026-01-05',
      base_portfolio_snapshot: JSON.stringify({ date: '2026-01-05', risk_free_rate: 0.04, equity_balance: null, positions: [] }),
      changes: JSON.stringify([{ id: ids.trades, symbol: 'IBM', quantity: 1, price: 100, price_given: true, position_type: 'LONG', underlying_symbol: null, strike_price: null, expiration_date: null, option_type: null, close_position_id: null, created_at: new Date().toISOString() }]),
    }).execute();
    ids['cash-flows'] = (await app.inject({ method: 'POST', url: `/api/v1/portfolios/${ids.portfolios}/cash-flows`, headers: auth, payload: { flow_date: '2026-01-02', amount: 5000 } })).json().id;
  });
  afterAll(async () => {
    await app?.close();
    await t?.destroy();
  });

  it('answers 404 to another user and 401 without a token, on every path that takes an id', async () => {
    const doc = (await app.inject('/api/v1/openapi.json')).json() as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
    const walked: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!/\{\w+\}/.test(path)) continue;
      if (path.startsWith('/api/v1/admin/')) {
        // Not an owner's resource: an administrator's. A user is refused whatever the id.
        const r = await app.inject({ url: path.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000'), headers: { authorization: `Bearer ${tokens.intruder}` } });
        expect(r.statusCode, path).toBe(403);
        continue;
      }
      // Each id is of the resource the segment before it names (portfolios/{id}, positions/{id}/tags/{tagId}).
      const segments = path.split('/');
      const url = segments.map((s, i) => {
        if (!/^\{\w+\}$/.test(s)) return s;
        const resource = segments[i - 1];
        expect(ids[resource], `${path}: the walk has no ${resource} id`).toBeDefined();
        return ids[resource];
      }).join('/');
      for (const [method, op] of Object.entries(ops)) {
        const verb = method.toUpperCase() as 'GET' | 'POST' | 'PATCH' | 'DELETE';
        const key = `${verb} ${path}`;
        const body = BODIES[key];
        if (op.requestBody) expect(body, `${key} takes a body: add a valid one to BODIES`).toBeDefined();
        const query = QUERIES[key] ?? '';
        const asIntruder = await app.inject({ method: verb, url: url + query, headers: { authorization: `Bearer ${tokens.intruder}` }, ...(body ? { payload: body } : {}) });
        expect(asIntruder.statusCode, `${key} as another user`).toBe(404);
        expect(asIntruder.json().error.code).toBe('NOT_FOUND');
        const anonymous = await app.inject({ method: verb, url: url + query, ...(body ? { payload: body } : {}) });
        expect(anonymous.statusCode, `${key} without a token`).toBe(401);
        walked.push(key);
      }
    }
    expect(walked.length).toBeGreaterThanOrEqual(36);
    const session = await t.db.selectFrom('modeling_session_snapshots').select(['name', 'status']).where('id', '=', ids['what-if']).executeTakeFirstOrThrow();
    expect(session).toEqual({ name: 'Mine', status: 'active' });
    const flows = await app.inject({ url: `/api/v1/portfolios/${ids.portfolios}/cash-flows`, headers: { authorization: `Bearer ${tokens.owner}` } });
    expect(flows.json().items).toMatchObject([{ id: ids['cash-flows'], amount: 5000 }]);
    // The owner's resources are untouched.
    const mine = await app.inject({ url: `/api/v1/portfolios/${ids.portfolios}/positions`, headers: { authorization: `Bearer ${tokens.owner}` } });
    expect(mine.json().items).toMatchObject([{ id: ids.positions, quantity: 1, exit_date: null, tags: ['Core'] }]);
  });
});
