import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/server.js';
import { finishBatchJob, recordAuditStep, startBatchJob } from '../../src/batch/batch-audit.repository.js';
import { enqueueOnboarding } from '../../src/market-data/onboarding-queue.repository.js';
import { createTestApp } from '../support/test-app.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

describe(`admin endpoints over HTTP on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  let app: App;
  const tokens: Record<string, string> = {};
  let runId = '';
  const get = (url: string, who = 'root') => app.inject({ url, headers: { authorization: `Bearer ${tokens[who]}` } });

  beforeAll(async () => {
    t = await createTestDatabase();
    app = await createTestApp(t);
    for (const name of ['root', 'alice']) {
      await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { email: `${name}@example.com`, username: name, password: 'long enough password' } });
    }
    await t.db.updateTable('users').set({ role: 'admin' }).where('username', '=', 'root').execute();
    for (const name of ['root', 'alice']) tokens[name] = (await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: name, password: 'long enough password' } })).json().access_token;
    runId = await startBatchJob(t.db, { name: 'symbol batch 2024-12-31', type: 'symbol_batch', date: '2024-12-31', lockedBy: 'w1' });
    await recordAuditStep(t.db, { batchJobId: runId, type: 'factor_exposures', date: '2024-12-31', startTime: new Date(Date.now() - 2000), endTime: new Date(), status: 'completed', records: 42, error: null, metadata: {} });
    await recordAuditStep(t.db, { batchJobId: runId, type: 'daily_metrics', date: '2024-12-31', startTime: new Date(Date.now() - 1000), endTime: new Date(), status: 'failed', records: 0, error: 'boom', metadata: { symbol: 'XYZ' } });
    await finishBatchJob(t.db, runId, { failed: true, error: 'daily_metrics: boom', metadata: { date: '2024-12-31' } });
    await enqueueOnboarding(t.db, [{ symbol: 'IBM' }]);
  });
  afterAll(async () => {
    await app?.close();
    await t?.destroy();
  });

  it('is for administrators: 403 for a user, 401 without a token', async () => {
    for (const path of ['batch/runs', `batch/runs/${runId}`, 'batch/failures', 'jobs', 'onboarding', 'symbols', 'freshness']) {
      expect((await get(`/api/v1/admin/${path}`, 'alice')).statusCode, path).toBe(403);
      expect((await app.inject(`/api/v1/admin/${path}`)).statusCode, path).toBe(401);
    }
  });

  it('lists batch runs and a run\'s audit log step by step, and the failures', async () => {
    const runs = (await get('/api/v1/admin/batch/runs')).json();
    expect(runs.items).toMatchObject([{ id: runId, type: 'symbol_batch', status: 'failed', error: 'daily_metrics: boom' }]);
    const run = (await get(`/api/v1/admin/batch/runs/${runId}`)).json();
    expect(run.steps.map((s: { type: string; status: string; records: number }) => [s.type, s.status, s.records])).toEqual([['factor_exposures', 'completed', 42], ['daily_metrics', 'failed', 0]]);
    expect((await get('/api/v1/admin/batch/runs/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await get('/api/v1/admin/batch/failures')).json().items).toMatchObject([{ type: 'daily_metrics', error: 'boom', metadata: { symbol: 'XYZ' } }]);
    expect((await get('/api/v1/admin/batch/runs?status=running')).json().items).toEqual([]);
  });

  it('shows the onboarding queue, the job queue, the symbols in trouble and the data freshness', async () => {
    const q = (await get('/api/v1/admin/onboarding')).json();
    expect(q.counts).toMatchObject({ pending: 1 });
    expect(q.items).toMatchObject([{ symbol: 'IBM', status: 'pending' }]);
    expect((await get('/api/v1/admin/jobs')).statusCode).toBe(200);
    expect((await get('/api/v1/admin/symbols')).json()).toEqual({ items: [] });
    expect((await get('/api/v1/admin/freshness')).statusCode).toBe(200);
  });

  it('takes the admin endpoints away from a demoted or deactivated admin at once, whatever the token says', async () => {
    await t.db.updateTable('users').set({ role: 'user' }).where('username', '=', 'root').execute();
    expect((await get('/api/v1/admin/jobs')).statusCode).toBe(403);
    await t.db.updateTable('users').set({ role: 'admin', is_active: false }).where('username', '=', 'root').execute();
    expect((await get('/api/v1/admin/jobs')).statusCode).toBe(403);
    await t.db.updateTable('users').set({ is_active: true }).where('username', '=', 'root').execute();
    expect((await get('/api/v1/admin/jobs')).statusCode).toBe(200);
  });
});
