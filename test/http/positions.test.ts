import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/server.js';
import { createTestApp, signUp } from '../support/test-app.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

describe(`positions over HTTP on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  let app: App;
  const tokens: Record<string, string> = {};
  let portfolio = '';

  const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, who = 'alice', payload?: object) =>
    app.inject({ method, url, headers: as(who), ...(payload ? { payload } : {}) });
  const count = async () => (await t.db.selectFrom('positions').select('id').where('portfolio_id', '=', portfolio).execute()).length;

  beforeAll(async () => {
    t = await createTestDatabase();
    app = await createTestApp(t);
    Object.assign(tokens, await signUp(app, ['alice', 'bob']));
    portfolio = (await call('POST', '/api/v1/portfolios', 'alice', { name: 'Book', equity_balance: 500_000 })).json().id;
  });
  afterAll(async () => {
    await app?.close();
    await t?.destroy();
  });

  it('adds a stock and an option; their symbols go on the onboarding queue', async () => {
    expect((await app.inject({ method: 'POST', url: `/api/v1/portfolios/${portfolio}/positions`, payload: {} })).statusCode).toBe(401);
    const stock = await call('POST', `/api/v1/portfolios/${portfolio}/positions`, 'alice', { symbol: 'nvda', position_type: 'SHORT', quantity: 50, entry_price: 120.5, entry_date: '2026-03-02' });
    expect(stock.statusCode).toBe(201);
    expect(stock.json()).toMatchObject({ symbol: 'NVDA', position_type: 'SHORT', quantity: -50, investment_class: 'PUBLIC', tags: [], market_value: null });
    const option = await call('POST', `/api/v1/portfolios/${portfolio}/positions`, 'alice', { symbol: 'AAPL  270115P00150000', quantity: 2, entry_price: 9.8, entry_date: '2026-03-02' });
    expect(option.json()).toMatchObject({ symbol: 'AAPL270115P00150000', position_type: 'LP', quantity: 2, investment_class: 'OPTIONS', underlying_symbol: 'AAPL', strike_price: 150, option_type: 'PUT', expiration_date: '2027-01-15' });
    const queued = await t.db.selectFrom('symbol_onboarding_queue').select('symbol').orderBy('symbol').execute();
    expect(queued.map((q) => q.symbol)).toEqual(expect.arrayContaining(['AAPL270115P00150000', 'NVDA']));
  });

  it('refuses a bad position naming each field, and a bulk add with one bad row writes nothing', async () => {
    const before = await count();
    const bad = await call('POST', `/api/v1/portfolios/${portfolio}/positions`, 'alice', { symbol: 'MSFT', quantity: 0, entry_price: -1, entry_date: '2999-01-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toEqual(['body.quantity', 'body.entry_price', 'body.entry_date']);
    const rows = [1, 2, 3].map((i) => ({ symbol: `T${i}`, quantity: i, entry_price: 10, entry_date: '2026-01-05' }));
    const mixed = await call('POST', `/api/v1/portfolios/${portfolio}/positions/bulk`, 'alice', { positions: [...rows, { symbol: 'SPY', quantity: 1, entry_price: 1, entry_date: '2026-01-05', strike_price: 400 }] });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().error.details.map((d: { field: string }) => d.field)).toEqual(['body.positions.3.expiration_date', 'body.positions.3.option_type']);
    expect(await count()).toBe(before);
    const good = await call('POST', `/api/v1/portfolios/${portfolio}/positions/bulk`, 'alice', { positions: rows });
    expect(good.statusCode).toBe(201);
    expect(good.json().items.map((p: { symbol: string }) => p.symbol)).toEqual(['T1', 'T2', 'T3']);
    expect(await count()).toBe(before + 3);
  });

  it('lists a page at a time by entry date, open only on request', async () => {
    const first = await call('GET', `/api/v1/portfolios/${portfolio}/positions?limit=2`);
    expect(first.json().items).toHaveLength(2);
    const rest = await call('GET', `/api/v1/portfolios/${portfolio}/positions?limit=10&cursor=${first.json().next_cursor}`);
    expect(rest.json()).toMatchObject({ next_cursor: null });
    expect([...first.json().items, ...rest.json().items].map((p: { entry_date: string }) => p.entry_date)).toEqual(['2026-01-05', '2026-01-05', '2026-01-05', '2026-03-02', '2026-03-02']);
    expect((await call('GET', `/api/v1/portfolios/${portfolio}/positions`, 'bob')).statusCode).toBe(404);
  });

  it('changes, closes and deletes a position; another user\'s is 404 to every verb', async () => {
    const list = (await call('GET', `/api/v1/portfolios/${portfolio}/positions?limit=50`)).json().items as { id: string; symbol: string; updated_at: string }[];
    const nvda = list.find((p) => p.symbol === 'NVDA')!;
    for (const [method, url, body] of [['GET', `/api/v1/positions/${nvda.id}`], ['PATCH', `/api/v1/positions/${nvda.id}`, { quantity: 1 }], ['DELETE', `/api/v1/positions/${nvda.id}`],
      ['POST', `/api/v1/positions/${nvda.id}/close`, { exit_price: 1, exit_date: '2026-06-01' }]] as const) {
      const r = await call(method, url, 'bob', body);
      expect(r.statusCode, `${method} ${url}`).toBe(404);
    }
    const patched = await call('PATCH', `/api/v1/positions/${nvda.id}`, 'alice', { quantity: 80, notes: 'added' });
    expect(patched.json()).toMatchObject({ quantity: -80, position_type: 'SHORT', notes: 'added' });
    expect(patched.json().updated_at > nvda.updated_at).toBe(true);
    expect((await call('PATCH', `/api/v1/positions/${nvda.id}`, 'alice', { exit_date: '2026-01-01', exit_price: 100 })).json().error.details[0].field).toBe('body.exit_date');
    const closed = await call('POST', `/api/v1/positions/${nvda.id}/close`, 'alice', { exit_price: 101.25, exit_date: '2026-06-01' });
    expect(closed.json()).toMatchObject({ exit_price: 101.25, exit_date: '2026-06-01' });
    const open = (await call('GET', `/api/v1/portfolios/${portfolio}/positions?open_only=true`)).json().items;
    expect(open.map((p: { symbol: string }) => p.symbol)).not.toContain('NVDA');
    expect((await call('DELETE', `/api/v1/positions/${nvda.id}`)).statusCode).toBe(204);
    expect((await call('GET', `/api/v1/positions/${nvda.id}`)).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/portfolios/${portfolio}`)).json().positions).toBe(4);
  });
});
