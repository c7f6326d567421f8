/**
 * What-if sessions over HTTP, on the golden portfolio the batch refreshed for its two days:
 * - "before" equals what the batch stored for the day (to the stored precision: cents for dollars);
 * - trades: a stock bought and sold short, an option by OCC symbol, a position closed; resized,
 *   removed; bad trades refused naming the field (no market data: 422); another user's session 404;
 * - "after" equals what the batch stores once the session is applied (its trades entered on the
 *   session's day) and the day refreshed;
 * - the FIX export parses: BodyLength and CheckSum recomputed over the exact bytes.
 */
import { describe, expect, it } from 'vitest';
import { refreshPortfolio } from '../../src/batch/portfolio/portfolio-refresh.js';
import { useGoldenApp } from '../support/golden-app.js';
import { goldenPortfolio } from '../support/golden-portfolio.js';
import { parseFix } from '../support/fix-parser.js';
import { engineUnderTest } from '../support/test-database.js';

const D = goldenPortfolio.date;
const CENT = 0.006;

/** Every figure of `actual` against `expected` within `tol` (absolute), listing all misses at once. */
function near(label: string, pairs: [string, number | null | undefined, number | null | undefined][], tol: (e: number) => number): string[] {
  const misses: string[] = [];
  for (const [name, a, e] of pairs) {
    if (e === null || e === undefined) continue;
    if (typeof a !== 'number' || !(Math.abs(a - e) <= tol(e))) misses.push(`${label} ${name}: ${a} vs ${e}`);
  }
  return misses;
}
const dollars = () => CENT;
/** Ratios are stored with 6 decimals (betas, volatility). */
const ratio = (e: number) => Math.max(1e-6 * Math.abs(e), 5.0001e-7);

describe(`what-if sessions over HTTP on ${engineUnderTest}`, () => {
  const g = useGoldenApp();
  let sessionId = '';
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, headers = g.owner) =>
    g.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  /** What the API reads from the batch's stored results for the portfolio's latest day. */
  async function stored() {
    const [ov, risk, stress, factors] = await Promise.all(['overview', 'risk', 'stress', 'factor-exposures']
      .map(async (p) => (await call('GET', `/api/v1/portfolios/${g.portfolioId}/${p}`)).json()));
    return { ov, risk, stress, factors };
  }

  /** Every figure of a session summary against the stored results. */
  function compare(label: string, s: Record<string, any>, db: Awaited<ReturnType<typeof stored>>): string[] {
    const { ov, risk, stress, factors } = db;
    expect(s.as_of).toBe(ov.as_of);
    const misses = near(label, [
      ['equity', s.equity, ov.value.equity], ['market value', s.market_value, ov.value.market_value], ['cash', s.cash, ov.value.cash],
      ['long', s.exposures.long, ov.exposures.long], ['short', s.exposures.short, ov.exposures.short], ['gross', s.exposures.gross, ov.exposures.gross],
      ['net', s.exposures.net, ov.exposures.net], ['delta-adjusted', s.exposures.delta_adjusted, ov.exposures.delta_adjusted],
      ['delta dollars', s.greeks.delta_dollars, ov.greeks.delta_dollars], ['gamma', s.greeks.gamma_dollars_per_1pct, ov.greeks.gamma_dollars_per_1pct],
      ['theta', s.greeks.theta_per_day, ov.greeks.theta_per_day], ['vega', s.greeks.vega_per_vol_point, ov.greeks.vega_per_vol_point],
    ], dollars);
    misses.push(...near(label, [['beta', s.beta, ov.risk.beta.value], ['volatility', s.volatility_annualized, ov.risk.volatility.annualized]], ratio));
    expect(Object.keys(s.var).length, label).toBe(risk.var.length);
    for (const v of risk.var) {
      const mine = s.var[`${v.method} ${v.confidence} ${v.horizon_days}d`];
      misses.push(...near(`${label} VaR ${v.method} ${v.confidence} ${v.horizon_days}d`, [['var', mine?.var, v.var], ['cvar', mine?.cvar, v.cvar]], dollars));
    }
    expect(Object.keys(s.stress).length, label).toBe(stress.scenarios.length);
    for (const sc of stress.scenarios) {
      const mine = s.stress[sc.scenario_id];
      misses.push(...near(`${label} stress ${sc.name}`, [['direct', mine?.direct_pnl, sc.direct_pnl], ['correlated', mine?.correlated_pnl, sc.correlated_pnl]], dollars));
    }
    // Factor names that only one model uses ('market' is in both): beta and dollars.
    for (const f of factors.portfolio.filter((x: { factor: string }) => x.factor !== 'market')) {
      const key = Object.keys(s.factor_exposures).find((k) => k.endsWith(`:${f.factor}`));
      misses.push(...near(`${label} factor ${f.factor}`, [['beta', key ? s.factor_exposures[key].beta : undefined, f.beta]], ratio));
      misses.push(...near(`${label} factor ${f.factor}`, [['dollars', key ? s.factor_exposures[key].dollars : undefined, f.dollars]], dollars));
    }
    return misses;
  }

  it("opens a session whose 'before' is what the batch stored for the day", async () => {
    const r = await call('POST', `/api/v1/portfolios/${g.portfolioId}/what-if`, { name: 'Trim tech, add energy' });
    expect(r.statusCode, r.body).toBe(201);
    const s = r.json();
    sessionId = s.id;
    expect(s).toMatchObject({ name: 'Trim tech, add energy', status: 'active', as_of: D, trades: [] });
    expect(compare('before', s.before, await stored())).toEqual([]);
    expect(s.after).toEqual(s.before);
    expect(s.difference.equity).toBe(0);
    expect((await call('POST', `/api/v1/portfolios/${g.portfolioId}/what-if`, {}, g.other)).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/what-if/${sessionId}`, undefined, g.other)).statusCode).toBe(404);
    expect((await g.app.inject({ url: `/api/v1/what-if/${sessionId}` })).statusCode).toBe(401);
  });

  it('refuses bad trades, naming the field, and leaves the session as it was', async () => {
    const url = `/api/v1/what-if/${sessionId}/trades`;
    const cases: [object, number, string][] = [
      [{ symbol: 'ZZZZ', quantity: 10 }, 422, 'body.symbol'],
      [{ symbol: 'JPM', quantity: 0 }, 400, 'body.quantity'],
      [{ symbol: 'JPM' }, 400, 'body.quantity'],
      [{ symbol: 'NFLX250117C00900000', quantity: 1 }, 400, 'body.price'],
      [{ close_position_id: '00000000-0000-4000-8000-000000000000' }, 400, 'body.close_position_id'],
      [{ close_position_id: g.positions.get('xom_closed')! }, 400, 'body.close_position_id'],
      [{ close_position_id: g.positions.get('aapl')!, quantity: 5 }, 400, 'body.quantity'],
      [{ symbol: 'JPM', quantity: 5, price: -1 }, 400, 'body.price'],
      [{ symbol: 'JPM', quantity: 5, extra: 1 }, 400, 'body'],
    ];
    for (const [payload, status, field] of cases) {
      const r = await call('POST', url, payload);
      expect(r.statusCode, `${JSON.stringify(payload)}: ${r.body}`).toBe(status);
      expect(r.json().error.details.map((d: { field: string }) => d.field), JSON.stringify(payload)).toContain(field);
    }
    expect((await call('POST', url, { symbol: 'JPM', quantity: 5 }, g.other)).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/what-if/${sessionId}`)).json().trades).toEqual([]);
  });

  it('adds, resizes and removes trades; after and difference follow', async () => {
    const url = `/api/v1/what-if/${sessionId}/trades`;
    const buy = await call('POST', url, { symbol: 'JPM', quantity: 100 });
    expect(buy.statusCode, buy.body).toBe(201);
    const jpmClose = goldenPortfolio.universe.JPM ? buy.json().trades[0].price : 0;
    expect(buy.json().trades[0]).toMatchObject({ symbol: 'JPM', quantity: 100, position_type: 'LONG', price_given: false });
    // Bought at the close: equity unchanged, long exposure up by the trade's value.
    expect(buy.json().difference.equity).toBeCloseTo(0, 6);
    expect(buy.json().difference.exposures.long).toBeCloseTo(100 * jpmClose, 6);
    const short = (await call('POST', url, { symbol: 'aapl', quantity: -300, price: 250 })).json();
    expect(short.trades[1]).toMatchObject({ symbol: 'AAPL', quantity: -300, position_type: 'SHORT', price: 250, price_given: true });
    const option = (await call('POST', url, { symbol: 'NFLX250117C00900000', quantity: -5, price: 12.5 })).json();
    expect(option.trades[2]).toMatchObject({ position_type: 'SC', underlying_symbol: 'NFLX', strike_price: 900, expiration_date: '2025-01-17', option_type: 'CALL' });
    const close = (await call('POST', url, { close_position_id: g.positions.get('xom') })).json();
    expect(close.trades[3]).toMatchObject({ symbol: 'XOM', quantity: 4000, close_position_id: g.positions.get('xom') });
    expect(close.after.positions[g.positions.get('xom')!]).toBeUndefined();
    expect(close.after.exposures_by_sector).not.toEqual(close.before.exposures_by_sector);
    expect(Object.keys(close.after.var).length).toBe(16);
    // Resize the JPM buy, then remove and re-add the AAPL short.
    const resized = await call('PATCH', `${url}/${buy.json().trades[0].id}`, { quantity: 250 });
    expect(resized.statusCode, resized.body).toBe(200);
    expect(resized.json().trades[0]).toMatchObject({ id: buy.json().trades[0].id, quantity: 250 });
    expect(resized.json().difference.exposures.long - close.difference.exposures.long).toBeCloseTo(150 * jpmClose, 4);
    const removed = await call('DELETE', `${url}/${short.trades[1].id}`);
    expect(removed.json().trades.map((x: { symbol: string }) => x.symbol)).toEqual(['JPM', 'NFLX250117C00900000', 'XOM']);
    expect((await call('DELETE', `${url}/${short.trades[1].id}`)).statusCode).toBe(404);
    expect((await call('DELETE', `${url}/${short.trades[1].id}`, undefined, g.other)).statusCode).toBe(404);
    const again = (await call('POST', url, { symbol: 'AAPL', quantity: -300, price: 250 })).json();
    expect(again.trades).toHaveLength(4);
    const renamed = (await call('PATCH', `/api/v1/what-if/${sessionId}`, { name: 'Saved: rotate', description: 'for Monday' })).json();
    expect(renamed).toMatchObject({ name: 'Saved: rotate', description: 'for Monday' });
    const listed = (await call('GET', `/api/v1/what-if?portfolio_id=${g.portfolioId}`)).json();
    expect(listed.items).toMatchObject([{ id: sessionId, trades: 4, status: 'active' }]);
    expect((await call('GET', '/api/v1/what-if', undefined, g.other)).json().items).toEqual([]);
  });

  it('exports the trades as FIX 4.4 NewOrderSingle messages that parse and validate', async () => {
    const r = await call('GET', `/api/v1/what-if/${sessionId}/export?format=fix`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toMatch(/attachment; filename=".+\.fix"/);
    const messages = parseFix(r.body);
    expect(messages).toHaveLength(4);
    const seqs = messages.map((m) => m.get(34));
    expect(seqs).toEqual(['1', '2', '3', '4']);
    expect(new Set(messages.map((m) => m.get(11))).size).toBe(4);
    for (const m of messages) {
      expect(m.get(8)).toBe('FIX.4.4');
      expect(m.get(35)).toBe('D');
      expect(m.get(49)).toBe('SIGMASIGHT');
      expect(m.get(56)).toBe('BROKER');
      expect(m.get(52)).toMatch(/^\d{8}-\d{2}:\d{2}:\d{2}\.\d{3}$/);
      expect(m.get(60)).toMatch(/^\d{8}-\d{2}:\d{2}:\d{2}\.\d{3}$/);
    }
    const [jpm, nflxCall, xomClose, aaplShort] = messages;
    expect(Object.fromEntries([54, 55, 38, 40, 167].map((k) => [k, jpm!.get(k)]))).toEqual({ 54: '1', 55: 'JPM', 38: '250', 40: '1', 167: 'CS' });
    expect(jpm!.has(44)).toBe(false);
    expect(Object.fromEntries([54, 55, 38, 40, 44, 167, 201, 202, 200, 541, 311, 77].map((k) => [k, nflxCall!.get(k)]))).toEqual({
      54: '2', 55: 'NFLX', 38: '5', 40: '2', 44: '12.5', 167: 'OPT', 201: '1', 202: '900', 200: '202501', 541: '20250117', 311: 'NFLX', 77: 'O',
    });
    // Buying back the XOM short; selling 300 of the 1,500 AAPL shares held is a plain sale, not a short sale.
    expect([xomClose!.get(54), xomClose!.get(38), xomClose!.get(77)]).toEqual(['1', '4000', 'C']);
    expect([aaplShort!.get(54), aaplShort!.get(44)]).toEqual(['2', '250']);
    expect((await call('GET', `/api/v1/what-if/${sessionId}/export?format=fix`, undefined, g.other)).statusCode).toBe(404);
    const history = await g.t.db.selectFrom('export_history').selectAll().where('portfolio_id', '=', g.portfolioId).execute();
    expect(history).toMatchObject([{ export_type: 'trades', export_format: 'fix', file_size_bytes: Buffer.byteLength(r.body) }]);
  });

  it("applies the trades: what the batch then stores for the day equals the session's 'after'", { timeout: 60_000 }, async () => {
    const session = (await call('GET', `/api/v1/what-if/${sessionId}`)).json();
    const done = await call('POST', `/api/v1/what-if/${sessionId}/complete`, { apply: true });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', applied: { entry_date: D, closed_position_ids: [g.positions.get('xom')] } });
    expect(done.json().applied.created_position_ids).toHaveLength(3);
    const out = await refreshPortfolio(g.t.db, g.portfolioId, D, { riskFreeRate: goldenPortfolio.riskFreeRate });
    expect(out.status).toBe('refreshed');
    // The overview is answered from memory until the refresh's notification arrives (a moment after its commit).
    const deadline = Date.now() + 5_000;
    let now = await stored();
    while (Math.abs(now.ov.value.equity - session.before.equity) < 0.01 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      now = await stored();
    }
    expect(compare('after', session.after, now)).toEqual([]);
    // A completed session no longer changes.
    expect((await call('POST', `/api/v1/what-if/${sessionId}/trades`, { symbol: 'JPM', quantity: 1 })).statusCode).toBe(409);
    expect((await call('POST', `/api/v1/what-if/${sessionId}/cancel`)).statusCode).toBe(409);
  });

  it('cancels a session; a portfolio without a computed day cannot open one', async () => {
    const opened = await call('POST', `/api/v1/portfolios/${g.portfolioId}/what-if`);
    expect(opened.statusCode, opened.body).toBe(201);
    const s = opened.json();
    // An option by its four fields instead of an OCC symbol.
    const byFields = await call('POST', `/api/v1/what-if/${s.id}/trades`, { symbol: 'JPM', quantity: 3, price: 4.2, underlying_symbol: 'JPM', strike_price: 250, expiration_date: '2025-03-21', option_type: 'PUT' });
    expect(byFields.statusCode, byFields.body).toBe(201);
    expect(byFields.json().trades[0]).toMatchObject({ symbol: 'JPM250321P00250000', position_type: 'LP', underlying_symbol: 'JPM', quantity: 3 });
    expect(byFields.json().difference.greeks.delta_dollars).toBeLessThan(0);
    const cancelled = (await call('POST', `/api/v1/what-if/${s.id}/cancel`)).json();
    expect(cancelled.status).toBe('cancelled');
    expect((await call('POST', `/api/v1/what-if/${s.id}/trades`, { symbol: 'JPM', quantity: 1 })).statusCode).toBe(409);
    const fresh = (await call('POST', '/api/v1/portfolios', { name: 'Empty' })).json();
    expect((await call('POST', `/api/v1/portfolios/${fresh.id}/what-if`)).statusCode).toBe(409);
  });

  it('keeps the roll-forward it opened on, splits a sale beyond the shares held, and refuses stale or unsafe applies', { timeout: 60_000 }, async () => {
    const opened = await call('POST', `/api/v1/portfolios/${g.portfolioId}/what-if`);
    expect(opened.statusCode, opened.body).toBe(201);
    const s = opened.json();
    const url = `/api/v1/what-if/${s.id}/trades`;
    expect((await call('POST', url, { symbol: 'JPM200117C00100000', quantity: 1, price: 1 })).json().error.details[0]).toMatchObject({ field: 'body.symbol', code: 'expired' });
    expect((await call('POST', url, { symbol: 'NFLX250117C00900000', quantity: 1.5, price: 1 })).json().error.details[0]).toMatchObject({ field: 'body.quantity' });
    // A deposit recorded after the session opened is not a trade's effect.
    expect((await call('POST', `/api/v1/portfolios/${g.portfolioId}/cash-flows`, { flow_date: D, amount: 1_000_000 })).statusCode).toBe(201);
    const held = s.before.positions as Record<string, { symbol: string; quantity: number }>;
    const aaplHeld = Object.values(held).filter((p) => p.symbol === 'AAPL').reduce((a, p) => a + p.quantity, 0);
    const sale = (await call('POST', url, { symbol: 'AAPL', quantity: -(aaplHeld + 500) })).json();
    expect(sale.difference.equity).toBeCloseTo(0, 6);
    // A session cannot open while stored results are stale (the deposit marked them for a recompute).
    expect((await call('POST', `/api/v1/portfolios/${g.portfolioId}/what-if`)).statusCode).toBe(409);
    // The sale is two orders: the shares held sold, the rest sold short.
    const fix = parseFix((await call('GET', `/api/v1/what-if/${s.id}/export?format=fix`)).body);
    expect(fix.map((m) => [m.get(54), m.get(38)])).toEqual([['2', String(aaplHeld)], ['5', '500']]);
    // Applying before the session's day, or after a closed position changed, is refused.
    expect((await call('POST', `/api/v1/what-if/${s.id}/complete`, { apply: true, entry_date: goldenPortfolio.previousDate })).json().error.details[0].field).toBe('body.entry_date');
    const jpm = Object.entries(held).find(([, p]) => p.symbol === 'JPM')![0];
    await call('POST', url, { close_position_id: jpm });
    await call('PATCH', `/api/v1/positions/${jpm}`, { quantity: 1 });
    const stale = await call('POST', `/api/v1/what-if/${s.id}/complete`, { apply: true, entry_date: D });
    expect(stale.statusCode, stale.body).toBe(409);
    expect((await call('GET', `/api/v1/what-if/${s.id}`)).json().status).toBe('active');
  });
});
