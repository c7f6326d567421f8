/**
 * Fuzzing the API (issue 9): 10,000 generated requests across every operation of the OpenAPI
 * document, from the fixed fast-check seed (test/support/fast-check-setup.ts): malformed and
 * hostile path ids, query strings, JSON bodies, raw bodies with wrong or missing content types, and
 * CSV files for the import. Every answer is below 500, every error has the one error shape with a
 * message, and a request answered with a 4xx changed nothing in the database.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/server.js';
import { createTestApp, signUp } from '../support/test-app.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

const RUNS = 10_000;

interface Operation {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
}

describe(`fuzzing every endpoint on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  let app: App;
  let token = '';
  let operations: Operation[] = [];
  const ids: Record<string, string> = {};

  /** What a request could have changed: row counts and the latest change of each table the API writes. */
  const fingerprint = async () => (await sql<{ f: string }>`select concat_ws('|',
      (select count(*) || '/' || coalesce(max(updated_at)::text, '') from users), (select count(*) || '/' || coalesce(max(updated_at)::text, '') from portfolios),
      (select count(*) || '/' || coalesce(max(updated_at)::text, '') from positions), (select count(*) || '/' || coalesce(max(updated_at)::text, '') from tags),
      (select count(*) from position_tags), (select count(*) from symbol_onboarding_queue)) as f`.execute(t.db)).rows[0].f;

  beforeAll(async () => {
    t = await createTestDatabase();
    app = await createTestApp(t);
    token = (await signUp(app, ['fuzzer'])).fuzzer;
    const auth = { authorization: `Bearer ${token}` };
    ids.portfolios = (await app.inject({ method: 'POST', url: '/api/v1/portfolios', headers: auth, payload: { name: 'Target' } })).json().id;
    ids.positions = (await app.inject({ method: 'POST', url: `/api/v1/portfolios/${ids.portfolios}/positions`, headers: auth, payload: { symbol: 'IBM', quantity: 1, entry_price: 1, entry_date: '2024-01-02' } })).json().id;
    ids.tags = (await app.inject({ method: 'POST', url: '/api/v1/tags', headers: auth, payload: { name: 'T' } })).json().id;
    const doc = (await app.inject('/api/v1/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => ({ method: m.toUpperCase() as Operation['method'], path })))
      .filter((o) => o.path !== '/api/v1/auth/register' && o.path !== '/api/v1/auth/login'); // covered below, without creating accounts at random
    expect(operations.length).toBeGreaterThan(30);
  });
  afterAll(async () => {
    await app?.close();
    await t?.destroy();
  });

  const nasty = fc.oneof(
    fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('', ' ', '\u0000', '%00', '../..', "' or 1=1 --", '1e309', 'NaN', '-0', '2024-02-30', '9999-99-99', '__proto__', 'constructor', '0x1F', '🙂', 'İ'.repeat(300)),
    fc.uuid().map(String), fc.integer().map(String), fc.double().map(String),
  );
  const jsonValue = fc.oneof(
    fc.jsonValue(),
    fc.dictionary(fc.constantFrom('name', 'symbol', 'quantity', 'entry_price', 'entry_date', 'exit_price', 'exit_date', 'position_type', 'option_type', 'strike_price',
      'expiration_date', 'underlying_symbol', 'investment_class', 'equity_balance', 'currency', 'description', 'color', 'tag_type', 'tag_ids', 'positions', 'notes', 'password', 'username', 'email'),
    fc.oneof(nasty, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(nasty, { maxLength: 3 }), fc.array(fc.jsonValue(), { maxLength: 3 })), { maxKeys: 6 }),
  );
  const csvFile = fc.tuple(
    fc.constantFrom('ticker,quantity,entry_price,entry_date,tags', 'Symbol,Quantity,Entry Price Per Share,Entry Date,Investment Class,Investment Subtype,Underlying Symbol,Strike Price,Expiration Date,Option Type,Exit Date,Exit Price Per Share', '', '#only a comment'),
    fc.array(fc.array(fc.oneof(nasty, fc.constantFrom('AAPL', '100', '-5', '2024-01-15', 'CALL', 'tech;core', '"quoted,comma"', '"unterminated')), { maxLength: 13 }), { maxLength: 6 }),
    fc.constantFrom('\n', '\r\n'),
  ).map(([header, rows, eol]) => [header, ...rows.map((r) => r.join(','))].join(eol));
  const request = fc.record({
    op: fc.nat(),
    idKind: fc.constantFrom('own', 'own', 'garbage', 'uuid'),
    garbageId: nasty,
    query: fc.dictionary(fc.constantFrom('limit', 'cursor', 'date', 'from', 'to', 'dry_run', 'open_only', 'tag_type', 'status', 'format', 'x'), nasty, { maxKeys: 3 }),
    body: fc.oneof(
      jsonValue.map((v) => ({ type: 'application/json', payload: JSON.stringify(v) })),
      fc.string().map((s) => ({ type: 'application/json', payload: s })),
      csvFile.map((s) => ({ type: 'text/csv', payload: s })),
      fc.constantFrom({ type: 'application/xml', payload: '<x/>' }, { type: 'multipart/form-data; boundary=zz', payload: '--zz\r\n\r\n' }, { type: '', payload: '' }),
    ),
  });

  it(`answers ${RUNS.toLocaleString('en-US')} generated bad requests with a 4xx in the error shape, never a 5xx, and a 4xx writes nothing`, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(fc.asyncProperty(request, async (r) => {
      const op = operations[r.op % operations.length];
      const url = op.path.split('/').map((s, i, all) => {
        if (!/^\{\w+\}$/.test(s)) return s;
        if (r.idKind === 'garbage') return encodeURIComponent(r.garbageId);
        if (r.idKind === 'uuid') return '00000000-0000-4000-8000-000000000000';
        return ids[all[i - 1]] ?? '00000000-0000-4000-8000-000000000000';
      }).join('/');
      const query = new URLSearchParams(r.query).toString();
      const before = await fingerprint();
      const res = await app.inject({
        method: op.method, url: query ? `${url}?${query}` : url,
        headers: { authorization: `Bearer ${token}`, ...(op.method !== 'GET' && op.method !== 'DELETE' && r.body.type ? { 'content-type': r.body.type } : {}) },
        ...(op.method !== 'GET' && op.method !== 'DELETE' ? { payload: r.body.payload } : {}),
      });
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      if (res.statusCode >= 500) throw new Error(`${op.method} ${url}?${query} -> ${res.statusCode} ${res.body.slice(0, 300)}`);
      if (res.statusCode >= 400) {
        const body = res.json() as { error?: { code?: string; message?: string } };
        if (!body.error?.code || !body.error.message) throw new Error(`${op.method} ${url}: error without the shape: ${res.body.slice(0, 300)}`);
        const after = await fingerprint();
        if (after !== before) throw new Error(`${op.method} ${url} answered ${res.statusCode} but changed the database`);
      }
    }), { numRuns: RUNS });
    // Mostly refusals, as intended; some generated requests are valid and succeed.
    const refused = [...statuses].filter(([s]) => s >= 400).reduce((n, [, c]) => n + c, 0);
    expect(refused).toBeGreaterThan(RUNS * 0.6);
  }, 600_000);

  it('answers generated bad registrations and logins with a 4xx in the error shape', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom('/api/v1/auth/register', '/api/v1/auth/login'), jsonValue, async (url, body) => {
      const res = await app.inject({ method: 'POST', url, payload: body as object });
      if (res.statusCode >= 500) throw new Error(`${url} ${JSON.stringify(body).slice(0, 200)} -> ${res.statusCode} ${res.body.slice(0, 300)}`);
      if (res.statusCode >= 400 && !res.json().error?.code) throw new Error(`${url}: error without the shape`);
    }), { numRuns: 1_000 });
  }, 300_000);
});
