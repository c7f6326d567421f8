/**
 * Portfolio exports over HTTP: positions, snapshot history and the risk report as CSV and JSON; the
 * positions CSV imports into a new portfolio with identical positions; each export is recorded in
 * export_history; another user's portfolio is 404.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { useGoldenApp } from '../support/golden-app.js';
import { goldenPortfolio } from '../support/golden-portfolio.js';
import { engineUnderTest } from '../support/test-database.js';

describe(`exports over HTTP on ${engineUnderTest}`, () => {
  const g = useGoldenApp();
  const exportOf = (query: string, headers = g.owner) => g.app.inject({ url: `/api/v1/portfolios/${g.portfolioId}/export?${query}`, headers });

  it('exports positions as CSV that imports into a new portfolio with identical positions', async () => {
    const r = await exportOf('type=positions&format=csv');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.headers['content-disposition']).toBe('attachment; filename="Golden-long-short-positions.csv"');
    const rows = parse(r.body, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(goldenPortfolio.positions.length);
    expect(rows.find((x) => x.Symbol === 'AAPL250321C00180000')).toMatchObject({ Quantity: '20', 'Investment Class': 'OPTIONS', 'Underlying Symbol': 'AAPL', 'Strike Price': '180', 'Option Type': 'CALL', Tags: 'Tech' });

    const copy = (await g.app.inject({ method: 'POST', url: '/api/v1/portfolios', headers: g.owner, payload: { name: 'Copy' } })).json();
    const imported = await g.app.inject({ method: 'POST', url: `/api/v1/portfolios/${copy.id}/positions/import`, headers: { ...g.owner, 'content-type': 'text/csv' }, payload: r.body });
    expect(imported.statusCode, imported.body).toBe(201);
    const fields = (p: Record<string, unknown>) => ({
      symbol: p.symbol, position_type: p.position_type, quantity: p.quantity, investment_class: p.investment_class, underlying_symbol: p.underlying_symbol,
      strike_price: p.strike_price, expiration_date: p.expiration_date, option_type: p.option_type, entry_price: p.entry_price, entry_date: p.entry_date,
      exit_price: p.exit_price, exit_date: p.exit_date, tags: p.tags,
    });
    const list = async (id: string) => ((await g.app.inject({ url: `/api/v1/portfolios/${id}/positions?limit=100`, headers: g.owner })).json().items as Record<string, unknown>[])
      .map(fields).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(await list(copy.id)).toEqual(await list(g.portfolioId));
  });

  it('exports positions, snapshots and the risk report as JSON and CSV, each recorded', async () => {
    const positions = (await exportOf('type=positions&format=json')).json();
    expect(positions.positions).toHaveLength(goldenPortfolio.positions.length);
    const snapshots = (await exportOf('type=snapshots&format=json')).json();
    expect(snapshots.snapshots.map((s: { date: string }) => s.date)).toEqual([goldenPortfolio.previousDate, goldenPortfolio.date]);
    const snapCsv = parse((await exportOf('type=snapshots&format=csv')).body, { columns: true }) as Record<string, string>[];
    expect(snapCsv.map((s) => s.date)).toEqual([goldenPortfolio.previousDate, goldenPortfolio.date]);
    expect(Number(snapCsv[1]!.equity)).toBe(snapshots.snapshots[1].equity);
    const report = (await exportOf('type=risk&format=json')).json();
    expect(Object.keys(report)).toEqual(['overview', 'risk', 'stress', 'factor_exposures', 'correlations', 'exposures']);
    const overview = (await g.app.inject({ url: `/api/v1/portfolios/${g.portfolioId}/overview`, headers: g.owner })).json();
    expect(report.overview).toEqual(overview);
    const riskCsv = parse((await exportOf('type=risk&format=csv')).body, { columns: true }) as { section: string; field: string; value: string }[];
    expect(Number(riskCsv.find((x) => x.section === 'overview' && x.field === 'value.equity')!.value)).toBe(overview.value.equity);
    expect(riskCsv.filter((x) => x.section === 'risk' && /^var\.\d+\.var$/.test(x.field))).toHaveLength(report.risk.var.length);
    const history = await g.t.db.selectFrom('export_history').select(['export_type', 'export_format', 'file_name', 'file_size_bytes']).where('portfolio_id', '=', g.portfolioId).orderBy('created_at').execute();
    expect(history.map((h) => `${h.export_type}/${h.export_format}`)).toEqual([
      'positions/csv', 'positions/json', 'portfolio/json', 'portfolio/csv', 'risk_report/json', 'risk_report/csv',
    ]);
    expect(history.every((h) => h.file_size_bytes! > 0 && h.file_name!.startsWith('Golden-long-short-'))).toBe(true);
  });

  it("refuses another user's portfolio, an anonymous caller and an unknown type or format", async () => {
    expect((await exportOf('type=positions', g.other)).statusCode).toBe(404);
    expect((await g.app.inject({ url: `/api/v1/portfolios/${g.portfolioId}/export?type=positions` })).statusCode).toBe(401);
    for (const q of ['type=everything', 'type=positions&format=xlsx', '']) {
      const r = await exportOf(q);
      expect(r.statusCode, q).toBe(400);
      expect(r.json().error.code).toBe('VALIDATION_ERROR');
    }
    const count = await g.t.db.selectFrom('export_history').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '!=', g.t.db.selectFrom('users').select('id').where('username', '=', 'golden')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });
});
