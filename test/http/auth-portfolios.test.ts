import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/server.js';
import { createTestApp } from '../support/test-app.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

const PASSWORD = 'correct horse battery';

describe(`accounts and portfolios over HTTP on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  let app: App;
  const tokens: Record<string, string> = {};

  const register = (body: object) => app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: body });
  const login = (body: object) => app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: body });
  const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });

  beforeAll(async () => {
    t = await createTestDatabase();
    app = await createTestApp(t);
    for (const name of ['alice', 'bob']) {
      expect((await register({ email: `${name.toUpperCase()}@Example.com`, username: name, password: PASSWORD })).statusCode).toBe(201);
      tokens[name] = (await login({ username: name, password: PASSWORD })).json().access_token;
    }
  });
  afterAll(async () => {
    await app?.close();
    await t?.destroy();
  });

  it('registers an account once, with the fields it names when something is wrong', async () => {
    const r = await register({ email: 'carol@example.com', username: 'carol', password: PASSWORD, full_name: 'Carol C' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ email: 'carol@example.com', username: 'carol', full_name: 'Carol C', role: 'user', is_demo: false });
    expect(r.json()).not.toHaveProperty('password_hash');
    const again = await register({ email: 'CAROL@example.com', username: 'carol', password: PASSWORD });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'CONFLICT', details: [{ field: 'body.email', code: 'taken' }, { field: 'body.username', code: 'taken' }] });
    const bad = await register({ email: 'not-an-email', username: 'x', password: 'short', extra: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_ERROR');
    const fields = bad.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['body.email', 'body.username', 'body.password']));
  });

  it('refuses registration when the setting turns it off', async () => {
    const closed = await createTestApp(t, { REGISTRATION_ENABLED: 'false' });
    try {
      const r = await closed.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { email: 'dan@example.com', username: 'dan', password: PASSWORD } });
      expect(r.statusCode).toBe(403);
      expect(r.json().error.code).toBe('FORBIDDEN');
      expect(await t.db.selectFrom('users').select('id').where('username', '=', 'dan').execute()).toEqual([]);
    } finally {
      await closed.close();
    }
  });

  it('logs in by username or email; an unknown user and a wrong password get the same answer', async () => {
    const byEmail = await login({ email: 'alice@example.com', password: PASSWORD });
    expect(byEmail.statusCode).toBe(200);
    expect(byEmail.json()).toMatchObject({ token_type: 'bearer', expires_in: 24 * 3600, access_token: expect.any(String) });
    const wrong = await login({ username: 'alice', password: 'not the password' });
    const unknown = await login({ username: 'nobody', password: 'not the password' });
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(wrong.json()).toEqual(unknown.json());
    expect((await login({ username: 'alice', email: 'alice@example.com', password: PASSWORD })).statusCode).toBe(400);
  });

  it('answers 429 after 10 failed logins a minute for one account from one address, with Retry-After', async () => {
    for (let i = 0; i < 10; i++) expect((await login({ username: 'bob', password: `wrong ${i}` })).statusCode).toBe(401);
    const limited = await login({ username: 'bob', password: PASSWORD });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another account from the same address is not affected.
    expect((await login({ username: 'alice', password: PASSWORD })).statusCode).toBe(200);
  });

  it('GET /auth/me needs a valid token', async () => {
    expect((await app.inject('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: { authorization: 'Bearer not.a.token' } })).json().error.code).toBe('UNAUTHORIZED');
    const me = await app.inject({ url: '/api/v1/auth/me', headers: as('alice') });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: 'alice', email: 'alice@example.com', role: 'user' });
  });

  it('creates, lists a page at a time, reads, changes and deletes your portfolios; another user\'s are 404', async () => {
    const post = (body: object, who = 'alice') => app.inject({ method: 'POST', url: '/api/v1/portfolios', payload: body, headers: as(who) });
    expect((await app.inject({ method: 'POST', url: '/api/v1/portfolios', payload: { name: 'X' } })).statusCode).toBe(401);
    const created = [];
    for (const name of ['Core', 'Hedges', 'Options']) {
      const r = await post({ name, equity_balance: 1_000_000 });
      expect(r.statusCode).toBe(201);
      created.push(r.json());
    }
    expect(created[0]).toMatchObject({ name: 'Core', currency: 'USD', equity_balance: 1_000_000, positions: 0, description: null });
    const dup = await post({ name: 'Core' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details[0].field).toBe('body.name');
    expect((await post({ name: 'Core' }, 'bob')).statusCode).toBe(201);

    const first = await app.inject({ url: '/api/v1/portfolios?limit=2', headers: as('alice') });
    expect(first.json().items.map((p: { name: string }) => p.name)).toEqual(['Core', 'Hedges']);
    const second = await app.inject({ url: `/api/v1/portfolios?limit=2&cursor=${first.json().next_cursor}`, headers: as('alice') });
    expect(second.json()).toEqual({ items: [expect.objectContaining({ name: 'Options' })], next_cursor: null });
    expect((await app.inject({ url: '/api/v1/portfolios?cursor=garbage', headers: as('alice') })).json().error).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'query.cursor' }] });
    expect((await app.inject({ url: '/api/v1/portfolios?limit=0', headers: as('alice') })).statusCode).toBe(400);
    // A well-formed cursor with a key that is not a time is refused too (not a 500 from the database).
    const forged = Buffer.from(JSON.stringify(['yesterday', created[0].id])).toString('base64url');
    expect((await app.inject({ url: `/api/v1/portfolios?cursor=${forged}`, headers: as('alice') })).statusCode).toBe(400);

    const id = created[0].id;
    expect((await app.inject({ url: `/api/v1/portfolios/${id}`, headers: as('alice') })).json()).toMatchObject({ id, name: 'Core' });
    // Bob: the same 404 as for an id that does not exist, whatever the verb.
    const missing = await app.inject({ url: '/api/v1/portfolios/00000000-0000-4000-8000-000000000000', headers: as('bob') });
    expect(missing.statusCode).toBe(404);
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const r = await app.inject({ method, url: `/api/v1/portfolios/${id}`, headers: as('bob'), ...(method === 'PATCH' ? { payload: { name: 'Mine' } } : {}) });
      expect(r.statusCode, method).toBe(404);
      expect(r.json().error.code).toBe('NOT_FOUND');
    }
    expect((await app.inject({ url: '/api/v1/portfolios/not-a-uuid', headers: as('alice') })).statusCode).toBe(404);

    const patched = await app.inject({ method: 'PATCH', url: `/api/v1/portfolios/${id}`, headers: as('alice'), payload: { name: 'Core book', equity_balance: null, description: 'long/short' } });
    expect(patched.json()).toMatchObject({ name: 'Core book', equity_balance: null, description: 'long/short' });
    const clash = await app.inject({ method: 'PATCH', url: `/api/v1/portfolios/${id}`, headers: as('alice'), payload: { name: 'Hedges' } });
    expect(clash.statusCode).toBe(409);
    const bad = await app.inject({ method: 'PATCH', url: `/api/v1/portfolios/${id}`, headers: as('alice'), payload: { currency: 'usd', equity_balance: -5, owner: 'bob' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['body.currency', 'body.equity_balance']));

    expect((await app.inject({ method: 'DELETE', url: `/api/v1/portfolios/${id}`, headers: as('alice') })).statusCode).toBe(204);
    expect((await app.inject({ url: `/api/v1/portfolios/${id}`, headers: as('alice') })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/v1/portfolios', headers: as('alice') })).json().items).toHaveLength(2);
    // Its name is free again.
    expect((await post({ name: 'Core' })).statusCode).toBe(201);
  });

  it('answers malformed requests in the one error shape', async () => {
    const json = { 'content-type': 'application/json', ...as('alice') };
    const badJson = await app.inject({ method: 'POST', url: '/api/v1/portfolios', headers: json, payload: '{"name": ' });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().error.code).toBe('BAD_REQUEST');
    const big = await app.inject({ method: 'POST', url: '/api/v1/portfolios', headers: json, payload: JSON.stringify({ name: 'x', description: 'y'.repeat(2_000_000) }) });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const media = await app.inject({ method: 'POST', url: '/api/v1/portfolios', headers: { 'content-type': 'application/xml', ...as('alice') }, payload: '<name>x</name>' });
    expect(media.statusCode).toBe(415);
    expect(media.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const nowhere = await app.inject('/api/v1/nowhere');
    expect(nowhere.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'GET /api/v1/nowhere does not exist' } });
    const headers = (await app.inject('/health/live')).headers;
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['content-security-policy']).toContain("default-src 'self'");
  });
});
