/**
 * POST /api/v1/portfolios/{id}/stress/custom on the golden portfolio (stocks and options, refreshed
 * by the batch for two days): given exactly a stored scenario's factor shocks it answers that
 * scenario's stored direct and correlated P&L to the cent, per factor and per position too; a spot
 * or a volatility move changes the P&L the way the model says; 401 without a token, 404 on another
 * user's portfolio, 400 on a malformed body.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/server.js';
import { goldenPortfolio, refreshedGoldenPortfolio } from '../support/golden-portfolio.js';
import { createTestApp } from '../support/test-app.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

interface Stored {
  name: string; direct_pnl: number; correlated_pnl: number;
  factors: { factor: string; shock: number; correlated_shock: number; direct_pnl: number; correlated_pnl: number }[];
  positions: { position_id: string; direct_pnl: number | null; correlated_pnl: number | null }[];
}

describe(`custom stress scenario over HTTP on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  let app: App;
  let portfolioId = '';
  let token = '';
  let stranger = '';
  const post = (body: unknown, who: string | null = token, id = portfolioId) => app.inject({
    method: 'POST', url: `/api/v1/portfolios/${id}/stress/custom`, payload: body as object, headers: who ? { authorization: `Bearer ${who}` } : {},
  });

  beforeAll(async () => {
    t = await createTestDatabase();
    const created = await refreshedGoldenPortfolio(t.db);
    portfolioId = created.portfolioId;
    app = await createTestApp(t);
    token = app.jwt.sign({ sub: created.userId, role: 'user' });
    const other = await t.db.insertInto('users').values({ email: 'other@example.com', username: 'other', password_hash: `$2b$10$${'b'.repeat(53)}` }).returning('id').executeTakeFirstOrThrow();
    stranger = app.jwt.sign({ sub: other.id, role: 'user' });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.destroy();
  });

  it('given a stored scenario\'s factor shocks, answers its stored direct and correlated P&L to the cent', async () => {
    const stored = (await app.inject({ url: `/api/v1/portfolios/${portfolioId}/stress`, headers: { authorization: `Bearer ${token}` } })).json() as { as_of: string; scenarios: Stored[] };
    expect(stored.scenarios).toHaveLength(12);
    for (const sc of stored.scenarios) {
      const factor_shocks = Object.fromEntries(sc.factors.filter((f) => f.shock !== 0).map((f) => [f.factor, f.shock]));
      const r = await post({ factor_shocks });
      expect(r.statusCode, sc.name).toBe(200);
      const c = r.json();
      expect(c.as_of).toBe(goldenPortfolio.date);
      expect(c.as_of).toBe(stored.as_of);
      expect(c.direct_pnl, sc.name).toBe(sc.direct_pnl);
      expect(c.correlated_pnl, sc.name).toBe(sc.correlated_pnl);
      for (const f of sc.factors) {
        const got = c.factors.find((x: { factor: string }) => x.factor === f.factor);
        expect(got.shock).toBe(f.shock);
        expect(got.correlated_shock).toBeCloseTo(f.correlated_shock, 12);
        expect(got.direct_pnl, `${sc.name} ${f.factor}`).toBe(f.direct_pnl);
        expect(got.correlated_pnl, `${sc.name} ${f.factor}`).toBe(f.correlated_pnl);
      }
      const byId = new Map(c.positions.map((p: { position_id: string }) => [p.position_id, p]));
      for (const p of sc.positions) {
        if (p.direct_pnl === null) continue;
        expect(byId.get(p.position_id), `${sc.name} ${p.position_id}`).toMatchObject({ direct_pnl: p.direct_pnl, correlated_pnl: p.correlated_pnl });
      }
      expect(c.warnings).toEqual([]);
    }
  });

  it('no shock is no P&L; the spot move adds to every underlying and the vol move reprices the options only', async () => {
    const zero = (await post({ factor_shocks: {} })).json();
    expect(zero.direct_pnl).toBe(0);
    expect(zero.correlated_pnl).toBe(0);
    expect(zero.factors.map((f: { factor: string }) => f.factor)).toEqual(['market', 'interest_rate', 'oil']);
    expect(zero.factors.find((f: { factor: string }) => f.factor === 'interest_rate').duration).toBeGreaterThan(0);

    const down = (await post({ factor_shocks: {}, spot_shock: -0.05 })).json();
    expect(down.direct_pnl).not.toBe(0);
    expect(down.direct_pnl).toBe(down.correlated_pnl); // no factor given: nothing to carry
    const stocks = new Set((await t.db.selectFrom('positions').select('id').where('portfolio_id', '=', portfolioId).where('position_type', 'in', ['LONG', 'SHORT']).execute()).map((r) => r.id));
    const vol = (await post({ factor_shocks: {}, vol_shock: 0.05 })).json();
    expect(vol.direct_pnl).not.toBe(0);
    for (const p of vol.positions) if (stocks.has(p.position_id)) expect(p.direct_pnl).toBe(0);
    expect(vol.nonlinear_pnl.direct).toBeCloseTo(vol.direct_pnl, 2); // a vol move is all second-order

    // A factor given as 0 is held there: the correlated P&L of market alone differs from market with rates pinned.
    const alone = (await post({ factor_shocks: { market: -0.1 } })).json();
    const pinned = (await post({ factor_shocks: { market: -0.1, interest_rate: 0, oil: 0 } })).json();
    expect(pinned.correlated_pnl).toBe(pinned.direct_pnl);
    expect(pinned.direct_pnl).toBe(alone.direct_pnl);
    expect(alone.correlated_pnl).not.toBe(alone.direct_pnl);
  });

  it('answers 401 without a token and 404 on another user\'s portfolio or an unknown one', async () => {
    expect((await post({ factor_shocks: { market: 0.1 } }, null)).statusCode).toBe(401);
    const theirs = await post({ factor_shocks: { market: 0.1 } }, stranger);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().error.code).toBe('NOT_FOUND');
    expect((await post({ factor_shocks: {} }, token, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('answers 400 with the failing field on a malformed body', async () => {
    for (const body of [
      {}, { factor_shocks: { momentum: 0.1 } }, { factor_shocks: { market: 2 } }, { factor_shocks: { market: '0.1' } },
      { factor_shocks: {}, spot_shock: -1 }, { factor_shocks: {}, vol_shock: 5 }, { factor_shocks: {}, extra: 1 },
    ]) {
      const r = await post(body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().error.code, JSON.stringify(body)).toBe('VALIDATION_ERROR');
      expect(r.json().error.details.length, JSON.stringify(body)).toBeGreaterThan(0);
    }
  });

  it('reads another stored day with ?date=', async () => {
    const r = await app.inject({ method: 'POST', url: `/api/v1/portfolios/${portfolioId}/stress/custom?date=${goldenPortfolio.previousDate}`, payload: { factor_shocks: { market: 0.1 } }, headers: { authorization: `Bearer ${token}` } });
    expect(r.statusCode).toBe(200);
    expect(r.json().as_of).toBe(goldenPortfolio.previousDate);
  });

  it('never loses more than a stock is worth, however large the shock', async () => {
    const r = (await post({ factor_shocks: { market: -1 }, spot_shock: -0.99 })).json() as { positions: { position_id: string; direct_pnl: number }[] };
    const held = (await app.inject({ url: `/api/v1/portfolios/${portfolioId}/positions?limit=100`, headers: { authorization: `Bearer ${token}` } })).json()
      .items as { id: string; investment_class: string; market_value: number | null; exit_date: string | null }[];
    const stocks = held.filter((p) => p.investment_class === 'PUBLIC' && p.exit_date === null);
    expect(stocks.length).toBeGreaterThan(2);
    for (const p of stocks) {
      const row = r.positions.find((x) => x.position_id === p.id)!;
      // A long loses at most its value; a short gains at most its (negative) value's size.
      expect(Math.abs(row.direct_pnl), p.id).toBeLessThanOrEqual(Math.abs(p.market_value!) + 0.01);
    }
  });

  it('refuses to price a book changed since its results were computed (409 until the refresh)', async () => {
    const held = (await app.inject({ url: `/api/v1/portfolios/${portfolioId}/positions?limit=100`, headers: { authorization: `Bearer ${token}` } })).json().items as { id: string; exit_date: string | null; quantity: number }[];
    const open = held.find((p) => p.exit_date === null)!;
    expect((await app.inject({ method: 'PATCH', url: `/api/v1/positions/${open.id}`, headers: { authorization: `Bearer ${token}` }, payload: { quantity: open.quantity * 10 } })).statusCode).toBe(200);
    const r = await post({ factor_shocks: { market: -0.1 } });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.message).toMatch(/changed since its results/);
  });
});
