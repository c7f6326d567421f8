import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrator.js';
import { finishBatchJob, startBatchJob } from '../../src/batch/batch-audit.repository.js';
import { refreshFactorExposures } from '../../src/batch/symbol/factor-exposures.js';
import { seedDemo } from '../../src/demo/demo-seed.js';
import { tradingDaysBetween } from '../../src/market-data/trading-calendar.js';
import type { App } from '../../src/api/server.js';
import { createTestApp } from '../support/test-app.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

describe(`HTTP server on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  let app: App;

  beforeAll(async () => {
    t = await createTestDatabase({ migrated: false });
    app = await createTestApp(t);
  });
  afterAll(async () => {
    await app?.close();
    await t?.destroy();
  });

  it('is live at once and not ready until migrations are applied', async () => {
    expect((await app.inject('/health/live')).json()).toEqual({ status: 'ok' });
    const before = await app.inject('/health/ready');
    expect(before.statusCode).toBe(503);
    expect(before.json()).toMatchObject({ status: 'not_ready', database: engineUnderTest, reason: expect.stringMatching(/migration\(s\) pending/) });
    await migrate(t.db);
    const after = await app.inject('/health/ready');
    expect(after.statusCode).toBe(200);
    expect(after.json()).toEqual({ status: 'ready', database: engineUnderTest });
  });

  it('reports what the database holds', async () => {
    await seedDemo(t.db, { today: '2026-11-20' });
    const res = await app.inject('/api/v1/system/status');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      engine: engineUnderTest,
      migrations: { pending: 0, changed: 0 },
      data: { users: 3, demoUsers: 3, portfolios: 3, positions: 75, prices: { firstDate: '2024-11-20', lastDate: '2026-11-20' } },
    });
    const freshness = res.json().freshness;
    expect(freshness.prices.latestDate).toBe('2026-11-20');
    expect(freshness.prices.tradingDaysBehind).toBe(tradingDaysBetween('2026-11-20', freshness.expectedDate));
    // The seed stores prices only: the factor betas are the batch's, none yet.
    expect(freshness.factors.latestDate).toBeNull();
    await refreshFactorExposures(t.db, ['AAPL', 'MSFT'], '2026-11-20');
    expect((await app.inject('/api/v1/system/status')).json().freshness.factors.latestDate).toBe('2026-11-20');
    expect(res.json().demoAccounts.map((a: { username: string; portfolios: { name: string; positions: number }[] }) => [a.username, a.portfolios.map((p) => `${p.name}:${p.positions}`)])).toEqual([
      ['demo_balanced', ['Balanced Portfolio:30']],
      ['demo_growth', ['Growth Portfolio:25']],
      ['demo_value', ['Value Portfolio:20']],
    ]);
  });

  it('answers the batch run in progress and the last finished one, as the status does', async () => {
    const runs = await app.inject('/api/v1/system/batch');
    expect(runs.statusCode).toBe(200);
    expect(runs.json()).toEqual({ running: null, lastRun: null });
    const id = await startBatchJob(t.db, { name: 'first_start', type: 'nightly_first_start', date: '2026-11-20', lockedBy: 'test' });
    await t.db.updateTable('batch_jobs').set({ metadata: JSON.stringify({ kind: 'first_start', note: '90 trading days', total: 90, done: 12, current: '2026-07-31' }) }).where('id', '=', id).execute();
    try {
      const during = (await app.inject('/api/v1/system/batch')).json();
      expect(during).toMatchObject({ running: { kind: 'first_start', note: '90 trading days', done: 12, total: 90, current: '2026-07-31' }, lastRun: null });
      expect(during.running).toEqual((await app.inject('/api/v1/system/status')).json().batch.running);
      await finishBatchJob(t.db, id, { failed: false, error: null, metadata: { kind: 'first_start', note: '90 trading days', total: 90, done: 90, current: null } });
      expect((await app.inject('/api/v1/system/batch')).json()).toMatchObject({ running: null, lastRun: { kind: 'first_start', status: 'completed', error: null } });
    } finally {
      await t.db.deleteFrom('batch_jobs').where('id', '=', id).execute();
    }
  });

  it('serves the dashboard shell at / and for client-side routes', async () => {
    for (const url of ['/', '/portfolios/123', '/symbols/BRK.B']) {
      const res = await app.inject(url);
      expect(res.statusCode, `${url}: build the dashboard with npm run build`).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.body).toContain('<div id="root"></div>');
      expect(res.body).toContain('<title>SigmaSight</title>');
    }
  });

  it('answers unknown API paths and missing files with a JSON 404 in the one error shape', async () => {
    const res = await app.inject('/api/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'GET /api/v1/nothing-here does not exist' } });
    for (const url of ['/api', '/health', '/favicon.ico', '/assets/missing.js']) expect((await app.inject(url)).statusCode, url).toBe(404);
  });

  it('is not ready when an applied migration has been edited since', async () => {
    await t.db.updateTable('schema_migrations').set({ checksum: '0'.repeat(64) }).where('version', '=', 1).execute();
    try {
      const res = await app.inject('/health/ready');
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'not_ready', reason: '1 applied migration(s) changed' });
    } finally {
      const { readMigrationFiles } = await import('../../src/db/migrator.js');
      await t.db.updateTable('schema_migrations').set({ checksum: readMigrationFiles()[0].checksum }).where('version', '=', 1).execute();
    }
  });

  it('publishes an OpenAPI 3.1 document generated from the route schemas, valid against the 3.1 schema', async () => {
    const doc = (await app.inject('/api/v1/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\.1\./);
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
    expect((await app.inject('/api/openapi.json')).json()).toEqual(doc);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health/live', '/health/ready', '/api/v1/system/status']));
    expect(doc.paths['/health/ready'].get.responses['503']).toBeDefined();
  });
});
