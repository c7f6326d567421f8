import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/server.js';
import { createTestApp, signUp } from '../support/test-app.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

describe(`tags over HTTP on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  let app: App;
  const tokens: Record<string, string> = {};
  const positions: string[] = [];
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, who = 'alice') =>
    app.inject({ method, url, headers: { authorization: `Bearer ${tokens[who]}` }, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await createTestDatabase();
    app = await createTestApp(t);
    Object.assign(tokens, await signUp(app, ['alice', 'bob']));
    const portfolio = (await call('POST', '/api/v1/portfolios', { name: 'Book' })).json().id;
    const bulk = await call('POST', `/api/v1/portfolios/${portfolio}/positions/bulk`, { positions: ['AAPL', 'MSFT', 'XOM'].map((symbol) => ({ symbol, quantity: 10, entry_price: 100, entry_date: '2026-01-05' })) });
    positions.push(...bulk.json().items.map((p: { id: string }) => p.id));
  });
  afterAll(async () => {
    await app?.close();
    await t?.destroy();
  });

  it('creates tags with unique names per user and checks their fields', async () => {
    const tech = await call('POST', '/api/v1/tags', { name: 'Tech', tag_type: 'STRATEGY', color: '#1E40AF' });
    expect(tech.statusCode).toBe(201);
    expect(tech.json()).toMatchObject({ name: 'Tech', tag_type: 'STRATEGY', color: '#1E40AF', usage_count: 0 });
    expect((await call('POST', '/api/v1/tags', { name: 'Tech' })).statusCode).toBe(409);
    expect((await call('POST', '/api/v1/tags', { name: 'Tech' }, 'bob')).statusCode).toBe(201);
    const bad = await call('POST', '/api/v1/tags', { name: ' ', color: 'blue', tag_type: 'OTHER' });
    expect(bad.json().error.details.map((d: { field: string }) => d.field).sort()).toEqual(['body.color', 'body.name', 'body.tag_type']);
  });

  it('assigns and removes tags, keeps usage counts, lists positions by tag, and marks the positions changed', async () => {
    const tags = (await call('GET', '/api/v1/tags')).json().items as { id: string; name: string }[];
    const tech = tags.find((x) => x.name === 'Tech')!;
    const before = (await call('GET', `/api/v1/positions/${positions[0]}`)).json().updated_at;
    const tagged = await call('POST', `/api/v1/positions/${positions[0]}/tags`, { tag_ids: [tech.id, tech.id] });
    expect(tagged.json().tags).toEqual(['Tech']);
    expect(tagged.json().updated_at > before).toBe(true);
    await call('POST', `/api/v1/positions/${positions[1]}/tags`, { tag_ids: [tech.id] });
    expect((await call('GET', `/api/v1/tags/${tech.id}`)).json().usage_count).toBe(2);
    expect((await call('GET', `/api/v1/tags/${tech.id}/positions`)).json().items.map((p: { id: string }) => p.id).sort()).toEqual([positions[0], positions[1]].sort());
    // Bob's tag on Alice's position: not found, naming the tag.
    const bobs = (await call('GET', '/api/v1/tags', undefined, 'bob')).json().items[0].id;
    const foreign = await call('POST', `/api/v1/positions/${positions[2]}/tags`, { tag_ids: [bobs] });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.details[0].field).toBe('body.tag_ids.0');
    expect((await call('DELETE', `/api/v1/positions/${positions[0]}/tags/${tech.id}`)).statusCode).toBe(204);
    expect((await call('DELETE', `/api/v1/positions/${positions[0]}/tags/${tech.id}`)).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/tags/${tech.id}`)).json().usage_count).toBe(1);
    // Deleting a tagged position counts too.
    expect((await call('DELETE', `/api/v1/positions/${positions[1]}`)).statusCode).toBe(204);
    expect((await call('GET', `/api/v1/tags/${tech.id}`)).json().usage_count).toBe(0);
  });

  it('renames and deletes a tag; its positions change with it', async () => {
    const tag = (await call('POST', '/api/v1/tags', { name: 'Energy' })).json();
    await call('POST', `/api/v1/positions/${positions[2]}/tags`, { tag_ids: [tag.id] });
    const before = (await call('GET', `/api/v1/positions/${positions[2]}`)).json().updated_at;
    expect((await call('PATCH', `/api/v1/tags/${tag.id}`, { name: 'Oil & Gas' })).json().name).toBe('Oil & Gas');
    const after = (await call('GET', `/api/v1/positions/${positions[2]}`)).json();
    expect(after.tags).toEqual(['Oil & Gas']);
    expect(after.updated_at > before).toBe(true);
    expect((await call('DELETE', `/api/v1/tags/${tag.id}`)).statusCode).toBe(204);
    expect((await call('GET', `/api/v1/positions/${positions[2]}`)).json().tags).toEqual([]);
    expect((await call('GET', `/api/v1/tags/${tag.id}`)).statusCode).toBe(404);
    expect((await call('POST', '/api/v1/tags', { name: 'Energy' })).statusCode).toBe(201);
  });
});
