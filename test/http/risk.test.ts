/**
 * The risk reads over HTTP on the golden portfolio, refreshed by the batch for two days: each answer
 * carries the stored numbers, which equal the independent numpy oracle (test/golden/portfolio-risk.json)
 * to the stored precision (cents for money, the tolerances of test/batch/portfolio-refresh-golden.test.ts).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/server.js';
import { goldenPortfolio, refreshedGoldenPortfolio } from '../support/golden-portfolio.js';
import { createTestApp } from '../support/test-app.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const golden = JSON.parse(readFileSync(new URL('../golden/portfolio-risk.json', import.meta.url), 'utf8')) as { dates: Record<string, any> };
const D = goldenPortfolio.date;
const CENT = 0.006;

describe(`risk reads over HTTP on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  let app: App;
  let portfolioId = '';
  let token = '';
  let stranger = '';
  const keyOf = new Map<string, string>();
  const get = (path: string, who = token) => app.inject({ url: `/api/v1/portfolios/${portfolioId}/${path}`, headers: { authorization: `Bearer ${who}` } });

  beforeAll(async () => {
    t = await createTestDatabase();
    const created = await refreshedGoldenPortfolio(t.db);
    portfolioId = created.portfolioId;
    for (const [k, v] of created.positions) keyOf.set(v, k);
    app = await createTestApp(t);
    token = app.jwt.sign({ sub: created.userId, role: 'user' });
    const other = await t.db.insertInto('users').values({ email: 'other@example.com', username: 'other', password_hash: `$2b$10$${'b'.repeat(53)}` }).returning('id').executeTakeFirstOrThrow();
    stranger = app.jwt.sign({ sub: other.id, role: 'user' });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.destroy();
  });

  it('overview: the latest day\'s value, P&L, exposures, beta and headline VaR with its method, and the inputs\' provenance', async () => {
    const o = (await get('overview')).json();
    const g = golden.dates[D];
    expect(o).toMatchObject({ as_of: D, portfolio_id: portfolioId, provenance: { synthetic: true, stale: false, risk_free_rate: goldenPortfolio.riskFreeRate, inputs_date: D } });
    expect(Math.abs(o.value.equity - g.snapshot.equity)).toBeLessThan(CENT);
    expect(Math.abs(o.exposures.gross - g.exposures.summary.gross)).toBeLessThan(CENT);
    expect(Math.abs(o.risk.beta.value - g.snapshot.portfolio_beta)).toBeLessThan(5e-7);
    expect(o.risk.var).toMatchObject({ method: 'historical', confidence: 0.95, horizon_days: 1 });
    expect(Math.abs(o.risk.var.value - g.var.historical['0.95']['1'].var)).toBeLessThan(CENT);
    const earlier = (await get(`overview?date=${goldenPortfolio.previousDate}`)).json();
    expect(earlier.as_of).toBe(goldenPortfolio.previousDate);
  });

  it('positions: each with its sector and the Greeks the batch stored, equal to the oracle\'s dollar Greeks', async () => {
    const items = (await get('positions?limit=100')).json().items as { id: string; symbol: string; exit_date: string | null; sector: string | null; greeks: Record<string, number | string | boolean | null> | null }[];
    const g = golden.dates[D].positions;
    for (const p of items) {
      const key = keyOf.get(p.id)!;
      const u = (goldenPortfolio.positions.find((x) => x.key === key)!.underlying ?? p.symbol) as keyof typeof goldenPortfolio.universe;
      expect(p.sector, key).toBe(goldenPortfolio.universe[u]!.sector);
      if (p.exit_date !== null) {
        expect(p.greeks, key).toBeNull();
        continue;
      }
      expect(p.greeks, key).toMatchObject({ as_of: D });
      for (const f of ['delta_dollars', 'gamma_dollars_per_1pct', 'theta_per_day', 'vega_per_vol_point'] as const) {
        expect(Math.abs((p.greeks![f] as number) - g[key][f]), `${key} ${f}`).toBeLessThan(CENT);
      }
    }
    expect(items.filter((p) => p.greeks && p.greeks.delta !== 1)).toHaveLength(2); // the two options
  });

  it('risk: every VaR by method, confidence and horizon, and component VaR per position summing to the Gaussian VaR', async () => {
    const r = (await get('risk')).json();
    expect(r.var).toHaveLength(16);
    for (const v of r.var) expect(Math.abs(v.var - golden.dates[D].var[v.method][String(v.confidence)][String(v.horizon_days)].var), `${v.method} ${v.confidence} ${v.horizon_days}`).toBeLessThan(CENT);
    expect(r.component_var).toHaveLength(4);
    for (const c of r.component_var) {
      const g = golden.dates[D].component_var[String(c.confidence)][String(c.horizon_days)];
      for (const p of c.positions) if (p.component_var !== null) expect(Math.abs(p.component_var - g.positions[keyOf.get(p.position_id)!])).toBeLessThan(CENT);
      expect(c.positions.every((p: { symbol: string }) => p.symbol.length > 0)).toBe(true);
    }
  });

  it('stress: direct and correlated P&L of every scenario, per factor and per position', async () => {
    const s = (await get('stress')).json();
    expect(s.scenarios).toHaveLength(12);
    for (const sc of s.scenarios) {
      const g = golden.dates[D].stress[sc.name];
      expect(Math.abs(sc.direct_pnl - g.direct.total_pnl)).toBeLessThan(CENT);
      expect(Math.abs(sc.correlated_pnl - g.correlated.total_pnl)).toBeLessThan(CENT);
      for (const f of sc.factors) expect(Math.abs(f.direct_pnl - g.direct.factor_impacts[f.factor])).toBeLessThan(CENT);
      for (const p of sc.positions) {
        const gp = g.direct.positions[keyOf.get(p.position_id)!];
        if (gp) expect(Math.abs(p.direct_pnl - gp.pnl)).toBeLessThan(CENT);
      }
    }
  });

  it('factor exposures, correlations, exposures by group and history', async () => {
    const f = (await get('factor-exposures')).json();
    const g = golden.dates[D];
    for (const e of f.portfolio) expect(Math.abs(e.dollars - g.factor_exposures.portfolio[e.factor].dollars), e.factor).toBeLessThan(CENT);
    for (const p of f.positions) {
      for (const e of p.exposures) {
        const expected = g.factor_exposures.positions[keyOf.get(p.position_id)!]?.[e.factor];
        if (expected !== undefined) expect(Math.abs(e.dollars - expected)).toBeLessThan(CENT);
      }
    }
    const c = (await get('correlations')).json();
    const n = c.positions.length;
    expect(c.matrix).toHaveLength(n);
    for (let i = 0; i < n; i++) {
      expect(c.matrix[i][i]).toBe(1);
      for (let j = 0; j < n; j++) expect(c.matrix[i][j]).toBe(c.matrix[j][i]);
    }
    expect(Math.abs(c.average - g.snapshot.position_correlation)).toBeLessThan(1e-12);
    const x = (await get('exposures')).json();
    expect(Object.keys(x.by).sort()).toEqual(['industry', 'positionType', 'sector', 'tag', 'underlying']);
    const gross = x.by.sector.reduce((s: number, grp: { gross: number }) => s + grp.gross, 0);
    expect(Math.abs(gross - g.exposures.summary.gross)).toBeLessThan(0.05);
    const h = (await get(`history?from=${goldenPortfolio.previousDate}`)).json();
    expect(h.items.map((i: { date: string }) => i.date)).toEqual([goldenPortfolio.previousDate, D]);
  });

  it('another user gets 404 on every read; a portfolio not computed yet answers with no results', async () => {
    for (const path of ['overview', 'risk', 'stress', 'factor-exposures', 'correlations', 'exposures', 'history']) {
      const r = await get(path, stranger);
      expect(r.statusCode, path).toBe(404);
    }
    const fresh = await app.inject({ method: 'POST', url: '/api/v1/portfolios', headers: { authorization: `Bearer ${token}` }, payload: { name: 'Empty' } });
    const o = await app.inject({ url: `/api/v1/portfolios/${fresh.json().id}/overview`, headers: { authorization: `Bearer ${token}` } });
    expect(o.json()).toMatchObject({ as_of: null, value: null, risk: null });
    expect((await get('overview?date=31-12-2024')).statusCode).toBe(400);
  });
});
