/**
 * An administrator starts a batch run from the API and follows it: POST /admin/batch/runs queues the
 * run on the job queue (one per kind at a time), GET /admin/jobs/{id} shows its state, and once a
 * worker has run it, the batch run it recorded with its per-step audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/server.js';
import { finishBatchJob, startBatchJob } from '../../src/batch/batch-audit.repository.js';
import { startBatchService, type BatchService } from '../../src/batch/batch-service.js';
import { createConfiguredChain } from '../../src/market-data/providers/configured-chain.js';
import { createGoldenPortfolio, goldenPortfolio, storeGoldenMarket } from '../support/golden-portfolio.js';
import { createTestApp, signUp, TEST_PASSWORD } from '../support/test-app.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

const D = goldenPortfolio.date;

describe(`starting a batch run over HTTP on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  let app: App;
  let service: BatchService | undefined;
  let tokens: Record<string, string>;
  let portfolioId: string;
  const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });

  beforeAll(async () => {
    t = await createTestDatabase();
    await storeGoldenMarket(t.db);
    const job = await startBatchJob(t.db, { name: 'symbol batch', type: 'symbol_batch', date: D, lockedBy: 'test' });
    await finishBatchJob(t.db, job, { failed: false, error: null, metadata: { date: D } });
    ({ portfolioId } = await createGoldenPortfolio(t.db));
    app = await createTestApp(t);
    tokens = await signUp(app, ['root', 'alice']);
    await t.db.updateTable('users').set({ role: 'admin' }).where('username', '=', 'root').execute();
    // The role is in the token: log in again as an admin.
    tokens.root = (await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'root', password: TEST_PASSWORD } })).json().access_token;
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    await app?.close();
    await t?.destroy();
  });

  it('is for administrators, and the kind is one of the scheduled runs', async () => {
    const post = (who: string | null, payload: unknown) => app.inject({ method: 'POST', url: '/api/v1/admin/batch/runs', payload: payload as object, headers: who ? as(who) : {} });
    expect((await post(null, { kind: 'calculate_risk_metrics' })).statusCode).toBe(401);
    expect((await post('alice', { kind: 'calculate_risk_metrics' })).statusCode).toBe(403);
    const bad = await post('root', { kind: 'rm -rf' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('body.kind');
    expect((await post('root', { kind: 'create_daily_snapshot', extra: 1 })).statusCode).toBe(400);
    expect((await app.inject({ url: '/api/v1/admin/jobs/00000000-0000-4000-8000-000000000000', headers: as('root') })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/v1/admin/jobs/not-a-uuid', headers: as('root') })).statusCode).toBe(404);
  });

  it('queues one run per kind; a worker runs it; its job and batch run can be followed', { timeout: 90_000 }, async () => {
    const first = await app.inject({ method: 'POST', url: '/api/v1/admin/batch/runs', payload: { kind: 'calculate_risk_metrics' }, headers: as('root') });
    expect(first.statusCode).toBe(202);
    expect(first.json()).toMatchObject({ kind: 'calculate_risk_metrics', queued: true });
    const jobId = first.json().job_id as string;
    // While it waits, asking again answers the same job.
    const again = await app.inject({ method: 'POST', url: '/api/v1/admin/batch/runs', payload: { kind: 'calculate_risk_metrics' }, headers: as('root') });
    expect(again.json()).toEqual({ job_id: jobId, kind: 'calculate_risk_metrics', queued: false });
    const waiting = (await app.inject({ url: `/api/v1/admin/jobs/${jobId}`, headers: as('root') })).json();
    expect(waiting).toMatchObject({ id: jobId, queue: 'batch.nightly', state: 'created', data: { kind: 'calculate_risk_metrics' }, started_at: null, batch_run_id: null });
    expect((await app.inject({ url: `/api/v1/admin/jobs/${jobId}`, headers: as('alice') })).statusCode).toBe(403);

    // A worker (no change sweep, so only the triggered run refreshes) picks it up.
    service = await startBatchService(t, {
      chain: createConfiguredChain({ order: ['synthetic'], polygonApiKey: undefined, fmpApiKey: undefined, eodhdApiKey: undefined }),
      workerId: 'test-worker', settings: { riskFreeRate: goldenPortfolio.riskFreeRate },
    }, { schedules: null, sweepMs: 3_600_000 });
    const deadline = Date.now() + 60_000;
    let job = waiting;
    while (job.state !== 'completed' && job.state !== 'failed' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      job = (await app.inject({ url: `/api/v1/admin/jobs/${jobId}`, headers: as('root') })).json();
    }
    expect(job).toMatchObject({ state: 'completed', attempts: 1 });
    expect(job.batch_run_id).toMatch(/^[0-9a-f-]{36}$/);

    const run = (await app.inject({ url: `/api/v1/admin/batch/runs/${job.batch_run_id}`, headers: as('root') })).json();
    expect(run).toMatchObject({ type: 'nightly_calculate_risk_metrics', status: 'completed', metadata: { kind: 'calculate_risk_metrics', job_id: jobId, done: 1, total: 1 } });
    const snapshot = await t.db.selectFrom('portfolio_snapshots').select('snapshot_date').where('portfolio_id', '=', portfolioId).execute();
    expect(snapshot.map((s) => s.snapshot_date)).toEqual([D]);
    // A new request queues a new run (the last one finished).
    const next = (await app.inject({ method: 'POST', url: '/api/v1/admin/batch/runs', payload: { kind: 'calculate_risk_metrics' }, headers: as('root') })).json();
    expect(next.queued).toBe(true);
    expect(next.job_id).not.toBe(jobId);
  });
});
