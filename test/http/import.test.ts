import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/server.js';
import { createTestApp, signUp } from '../support/test-app.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

describe(`positions CSV import over HTTP on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  let app: App;
  const tokens: Record<string, string> = {};
  let portfolio = '';
  const url = () => `/api/v1/portfolios/${portfolio}/positions/import`;
  const csv = (body: string, query = '', who = 'alice') =>
    app.inject({ method: 'POST', url: `${url()}${query}`, headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'text/csv' }, payload: body });
  const count = async () => (await t.db.selectFrom('positions').select('id').where('portfolio_id', '=', portfolio).execute()).length;

  beforeAll(async () => {
    t = await createTestDatabase();
    app = await createTestApp(t);
    Object.assign(tokens, await signUp(app, ['alice', 'bob']));
    portfolio = (await app.inject({ method: 'POST', url: '/api/v1/portfolios', headers: { authorization: `Bearer ${tokens.alice}` }, payload: { name: 'Book' } })).json().id;
  });
  afterAll(async () => {
    await app?.close();
    await t?.destroy();
  });

  it('refuses a file with bad rows, listing every problem by row and column, and writes nothing', async () => {
    const file = [
      'ticker,quantity,entry_price,entry_date,tags',
      '# a comment',
      'AAPL,100,185.5,2024-01-15,tech',
      '',
      'MSFT,ten,400,2024-01-15,',
      'NVDA,5,120,2999-01-01,',
      'AAPL,100,185.5,2024-01-15,tech',
      'XOM,0,100,2024/01/15,',
    ].join('\n');
    const r = await csv(file);
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('VALIDATION_ERROR');
    expect(r.json().error.details.map((d: { row: number; column?: string; code: string }) => [d.row, d.column ?? null, d.code])).toEqual([
      [5, 'quantity', 'not_a_number'], [6, 'entry_date', 'future'], [7, null, 'duplicate_row'], [8, 'quantity', 'invalid'], [8, 'entry_date', 'invalid'],
    ]);
    expect(await count()).toBe(0);
    const header = await csv('ticker,qty,entry_price\nAAPL,1,1');
    expect(header.json().error.details.map((d: { code: string }) => d.code)).toEqual(['unknown_column', 'missing_column', 'missing_column']);
  });

  it('checks only with dry_run, then imports both column sets with tags, options and closed lots', async () => {
    const simple = 'ticker,quantity,entry_price,entry_date,tags\nAAPL,100,185.5,2024-01-15,tech;core\nXOM,-50,102.1,2024-02-01,energy\nAAPL250117C00200000,5,7.25,2024-03-01,tech\n';
    const dry = await csv(simple, '?dry_run=true');
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dry_run: true, imported: 0, valid_rows: 3 });
    expect(await count()).toBe(0);
    const done = await csv(simple);
    expect(done.statusCode).toBe(201);
    expect(done.json().items.map((p: { symbol: string; position_type: string; quantity: number; tags: string[] }) => [p.symbol, p.position_type, p.quantity, p.tags])).toEqual([
      ['AAPL', 'LONG', 100, ['core', 'tech']], ['XOM', 'SHORT', -50, ['energy']], ['AAPL250117C00200000', 'LC', 5, ['tech']],
    ]);
    const tags = (await app.inject({ url: '/api/v1/tags', headers: { authorization: `Bearer ${tokens.alice}` } })).json().items;
    expect(tags.map((x: { name: string; usage_count: number }) => [x.name, x.usage_count])).toEqual([['core', 1], ['energy', 1], ['tech', 2]]);
    const full = [
      'Symbol,Quantity,Entry Price Per Share,Entry Date,Investment Class,Investment Subtype,Underlying Symbol,Strike Price,Expiration Date,Option Type,Exit Date,Exit Price Per Share',
      'SPY,-2,4.10,2024-03-01,OPTIONS,,SPY,450,2025-06-20,p,,',
      'MSFT,20,402.00,2024-01-10,PUBLIC,STOCK,,,,,2024-06-03,415.25',
    ].join('\r\n');
    const imported = await csv(full);
    expect(imported.statusCode).toBe(201);
    expect(imported.json().items).toMatchObject([
      { symbol: 'SPY250620P00450000', position_type: 'SP', quantity: -2, underlying_symbol: 'SPY', strike_price: 450, option_type: 'PUT' },
      { symbol: 'MSFT', exit_date: '2024-06-03', exit_price: 415.25 },
    ]);
  });

  it('takes a multipart upload, and refuses a wrong field, a file over 10 MB and another user\'s portfolio', async () => {
    const boundary = '----sigmasight';
    const multipart = (field: string, content: string) => [`--${boundary}`, `Content-Disposition: form-data; name="${field}"; filename="p.csv"`, 'Content-Type: text/csv', '', content, `--${boundary}--`, ''].join('\r\n');
    const headers = { authorization: `Bearer ${tokens.alice}`, 'content-type': `multipart/form-data; boundary=${boundary}` };
    const ok = await app.inject({ method: 'POST', url: `${url()}?dry_run=true`, headers, payload: multipart('file', 'ticker,quantity,entry_price,entry_date\nIBM,3,150,2024-01-02\n') });
    expect(ok.json()).toMatchObject({ valid_rows: 1 });
    expect((await app.inject({ method: 'POST', url: url(), headers, payload: multipart('upload', 'x') })).statusCode).toBe(400);
    const big = 'ticker,quantity,entry_price,entry_date\n' + 'IBM,3,150,2024-01-02\n'.repeat(520_000);
    expect((await csv(big)).statusCode).toBe(413);
    expect((await app.inject({ method: 'POST', url: url(), headers, payload: multipart('file', big) })).statusCode).toBe(413);
    expect((await csv('ticker,quantity,entry_price,entry_date\nIBM,3,150,2024-01-02\n', '', 'bob')).statusCode).toBe(404);
  });

  it('serves both templates, and each imports as it is', async () => {
    for (const format of ['simple', 'full']) {
      const tpl = await app.inject(`/api/v1/positions/import-template?format=${format}`);
      expect(tpl.headers['content-type']).toMatch(/^text\/csv/);
      const fresh = (await app.inject({ method: 'POST', url: '/api/v1/portfolios', headers: { authorization: `Bearer ${tokens.alice}` }, payload: { name: `Template ${format}` } })).json().id;
      const r = await app.inject({ method: 'POST', url: `/api/v1/portfolios/${fresh}/positions/import`, headers: { authorization: `Bearer ${tokens.alice}`, 'content-type': 'text/csv' }, payload: tpl.body });
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json().imported).toBe(3);
    }
  });
});
