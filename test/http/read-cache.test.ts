/**
 * The overview answered from memory (src/api/read-cache.ts) is never staler than the database's
 * notification: a snapshot the batch writes, a renamed or deleted portfolio show at once; another
 * user still gets 404; and without the notifications (connection lost) every read goes to the
 * database until listening again.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { PortfolioReadCache } from '../../src/api/read-cache.js';
import { useGoldenApp } from '../support/golden-app.js';
import { goldenPortfolio } from '../support/golden-portfolio.js';
import { engineUnderTest } from '../support/test-database.js';

/** Reads until `ok` holds (a notification arrives a moment after the commit), at most 5 s. */
async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + 5_000;
  let v = await read();
  while (!ok(v) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
    v = await read();
  }
  return v;
}

describe(`the overview read cache on ${engineUnderTest}`, () => {
  const g = useGoldenApp();
  const overview = (headers = g.owner) => g.app.inject({ url: `/api/v1/portfolios/${g.portfolioId}/overview`, headers });

  it('answers a repeated read from memory, the same bytes as the first', async () => {
    expect(g.app.readCache.enabled).toBe(true);
    const first = await overview();
    expect(first.statusCode).toBe(200);
    expect(first.json().as_of).toBe(goldenPortfolio.date);
    const hits = g.app.readCache.hits;
    const second = await overview();
    expect(g.app.readCache.hits).toBe(hits + 1);
    expect(second.body).toBe(first.body);
    expect(second.headers['content-type']).toBe('application/json; charset=utf-8');
    // Another user's request is not answered from the g.owner's entry.
    expect((await overview(g.other)).statusCode).toBe(404);
  });

  it('shows a snapshot written by the batch as soon as it commits', async () => {
    await overview();
    await g.t.db.updateTable('portfolio_snapshots').set({ equity_value: 123_456.78 }).where('portfolio_id', '=', g.portfolioId).where('snapshot_date', '=', goldenPortfolio.date).execute();
    const after = await eventually(async () => (await overview()).json(), (o) => o.value.equity === 123_456.78);
    expect(after.value.equity).toBe(123_456.78);
    // A new latest day replaces the answer for "latest".
    await sql`insert into portfolio_snapshots
      select (jsonb_populate_record(null::portfolio_snapshots, to_jsonb(s) || jsonb_build_object('id', gen_random_uuid(), 'snapshot_date', '2025-01-02'))).*
      from portfolio_snapshots s where s.portfolio_id = ${g.portfolioId}::uuid and s.snapshot_date = ${goldenPortfolio.date}::date`.execute(g.t.db);
    expect((await eventually(async () => (await overview()).json(), (o) => o.as_of === '2025-01-02')).as_of).toBe('2025-01-02');
    await g.t.db.deleteFrom('portfolio_snapshots').where('portfolio_id', '=', g.portfolioId).where('snapshot_date', '=', '2025-01-02').execute();
    expect((await eventually(async () => (await overview()).json(), (o) => o.as_of === goldenPortfolio.date)).as_of).toBe(goldenPortfolio.date);
  });

  it('keeps an id spelled in upper case under the same portfolio, so its notification drops it too', async () => {
    const upper = () => g.app.inject({ url: `/api/v1/portfolios/${g.portfolioId.toUpperCase()}/overview`, headers: g.owner });
    const first = (await upper()).json();
    await upper();
    await g.t.db.updateTable('portfolio_snapshots').set({ equity_value: first.value.equity + 1 }).where('portfolio_id', '=', g.portfolioId).where('snapshot_date', '=', first.as_of).execute();
    const after = await eventually(async () => (await upper()).json(), (o) => o.value.equity === first.value.equity + 1);
    expect(after.value.equity).toBe(first.value.equity + 1);
  });

  it('shows a rename at once, and a deleted portfolio is gone', async () => {
    await overview();
    const renamed = await g.app.inject({ method: 'PATCH', url: `/api/v1/portfolios/${g.portfolioId}`, headers: g.owner, payload: { name: 'Renamed book' } });
    expect(renamed.statusCode).toBe(200);
    // A change through this server drops its answers at once (g.other servers' on the notification).
    expect((await overview()).json().name).toBe('Renamed book');
    expect((await g.app.inject({ method: 'DELETE', url: `/api/v1/portfolios/${g.portfolioId}`, headers: g.owner })).statusCode).toBe(204);
    expect((await overview()).statusCode).toBe(404);
  });

  it('keeps nothing while the notifications are lost, and listens again', { skip: engineUnderTest !== 'postgres' }, async () => {
    let lost = 0;
    const cache = new PortfolioReadCache(g.t, { retryMs: 200, onLost: () => lost++ });
    await cache.start();
    expect(cache.enabled).toBe(true);
    cache.set('p', 'k', 'body', cache.versionOf('p'));
    expect(cache.get('p', 'k')).toBe('body');
    // The server drops the listening connection (a restart, a failover).
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'listen %'`.execute(g.t.db);
    await eventually(async () => lost, (n) => n > 0);
    expect(cache.enabled).toBe(false);
    expect(cache.get('p', 'k')).toBeUndefined();
    cache.set('p', 'k', 'body', cache.versionOf('p'));
    expect(cache.get('p', 'k')).toBeUndefined();
    await eventually(async () => cache.enabled, (on) => on);
    expect(cache.enabled).toBe(true);
    // Listening again: a notification drops the entry.
    cache.set(g.portfolioId, 'k', 'body', cache.versionOf(g.portfolioId));
    await sql`select pg_notify('sigmasight_portfolio_changed', ${g.portfolioId})`.execute(g.t.db);
    expect(await eventually(async () => cache.get(g.portfolioId, 'k'), (v) => v === undefined)).toBeUndefined();
    await cache.close();
  });

  it('does not keep an answer read while its portfolio changed', async () => {
    const cache = new PortfolioReadCache(g.t);
    await cache.start();
    const version = cache.versionOf('p');
    cache.invalidate('p'); // a notification arrives while the answer is being read
    cache.set('p', 'k', 'stale', version);
    expect(cache.get('p', 'k')).toBeUndefined();
    cache.set('p', 'k', 'fresh', cache.versionOf('p'));
    expect(cache.get('p', 'k')).toBe('fresh');
    await cache.close();
  });
});
