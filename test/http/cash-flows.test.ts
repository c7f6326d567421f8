/**
 * Cash flows over HTTP: record, list (paginated), delete; validation; and the stored results they
 * change. A flow dated on or before a stored day marks the portfolio's results stale from there
 * (recompute_from); the batch service recomputes those days in order, so the equity of every later
 * day moves by the flow, to the cent, and back when the flow is deleted. A new stated equity does the
 * same from the first stored day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/server.js';
import { startBatchService, type BatchService } from '../../src/batch/batch-service.js';
import { createConfiguredChain } from '../../src/market-data/providers/configured-chain.js';
import { goldenPortfolio, refreshedGoldenPortfolio } from '../support/golden-portfolio.js';
import { createTestApp, signUp } from '../support/test-app.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

const { previousDate: P, date: D } = goldenPortfolio;

describe(`cash flows over HTTP on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  let app: App;
  let service: BatchService | undefined;
  let portfolioId: string;
  let owner: { authorization: string };
  let other: { authorization: string };
  let before: Record<string, number>;
  const url = () => `/api/v1/portfolios/${portfolioId}/cash-flows`;

  const equities = async () => Object.fromEntries((await t.db.selectFrom('portfolio_snapshots').select(['snapshot_date', 'equity_value'])
    .where('portfolio_id', '=', portfolioId).orderBy('snapshot_date').execute()).map((r) => [r.snapshot_date, Number(r.equity_value)]));
  /** Waits until the portfolio's mark is cleared and no recompute job of it is left to run. */
  async function recomputed(): Promise<Record<string, number>> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const p = (await app.inject({ url: `/api/v1/portfolios/${portfolioId}`, headers: owner })).json();
      const open = await service!.boss.findJobs('batch.nightly', { key: `recompute:${portfolioId}` });
      if (p.recompute_from === null && open.every((j) => j.state === 'completed')) return equities();
      if (open.some((j) => j.state === 'failed')) throw new Error(`recompute failed: ${JSON.stringify(open.map((j) => j.output))}`);
      if (Date.now() > deadline) throw new Error('recompute did not finish in 60 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    const created = await refreshedGoldenPortfolio(t.db);
    portfolioId = created.portfolioId;
    app = await createTestApp(t);
    // The golden portfolio's owner was created in the database: a token for them, as login would sign it.
    owner = { authorization: `Bearer ${app.jwt.sign({ sub: created.userId, role: 'user' })}` };
    other = { authorization: `Bearer ${(await signUp(app, ['other'])).other}` };
    before = await equities();
    service = await startBatchService(t, {
      chain: createConfiguredChain({ order: ['synthetic'], polygonApiKey: undefined, fmpApiKey: undefined, eodhdApiKey: undefined }),
      workerId: 'test-worker', settings: { riskFreeRate: goldenPortfolio.riskFreeRate },
    }, { schedules: null, sweepMs: 200 });
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    await app?.close();
    await t?.destroy();
  });

  it('refuses bad flows, naming the field, and writes nothing', async () => {
    const cases: [object, string][] = [
      [{ flow_date: P, amount: 0 }, 'body.amount'], [{ flow_date: P, amount: 10.001 }, 'body.amount'], [{ flow_date: P, amount: 1e16 }, 'body.amount'],
      [{ flow_date: '2024-02-30', amount: 5 }, 'body.flow_date'], [{ flow_date: '2999-01-01', amount: 5 }, 'body.flow_date'],
      [{ amount: 5 }, 'body.flow_date'], [{ flow_date: P, amount: 5, extra: true }, 'body'],
    ];
    for (const [payload, field] of cases) {
      const r = await app.inject({ method: 'POST', url: url(), headers: owner, payload });
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
      expect(r.json().error.details.map((d: { field: string }) => d.field), JSON.stringify(payload)).toContain(field);
    }
    expect((await app.inject({ method: 'POST', url: url(), headers: other, payload: { flow_date: P, amount: 5 } })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: url(), payload: { flow_date: P, amount: 5 } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'DELETE', url: `${url()}/00000000-0000-4000-8000-000000000000`, headers: owner })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `${url()}/nope`, headers: owner })).statusCode).toBe(404);
    const listed = (await app.inject({ url: url(), headers: owner })).json();
    expect(listed.items.length).toBe(goldenPortfolio.cashFlows.length);
  });

  it('a back-dated deposit moves every stored equity from its day on by the deposit; deleting it moves them back', { timeout: 120_000 }, async () => {
    const r = await app.inject({ method: 'POST', url: url(), headers: owner, payload: { flow_date: P, amount: 25_000.5, description: 'top-up' } });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ flow_date: P, amount: 25_000.5, description: 'top-up', recompute_from: P });
    const after = await recomputed();
    expect(after[P]! - before[P]!).toBeCloseTo(25_000.5, 2);
    expect(after[D]! - before[D]!).toBeCloseTo(25_000.5, 2);
    // The recompute is one batch run of the portfolio's stored days.
    const run = await t.db.selectFrom('batch_jobs').selectAll().where('job_type', '=', 'nightly_portfolio_recompute').executeTakeFirstOrThrow();
    expect(run).toMatchObject({ status: 'completed' });

    expect((await app.inject({ method: 'DELETE', url: `${url()}/${r.json().id}`, headers: other })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `${url()}/${r.json().id}`, headers: owner })).statusCode).toBe(204);
    const back = await recomputed();
    expect(back[P]).toBeCloseTo(before[P]!, 2);
    expect(back[D]).toBeCloseTo(before[D]!, 2);
  });

  it('a flow after the last stored day changes no stored day (the next day counts it)', async () => {
    const later = (await app.inject({ method: 'POST', url: url(), headers: owner, payload: { flow_date: '2025-01-02', amount: -100 } })).json();
    expect(later.recompute_from).toBeNull();
    expect((await app.inject({ url: `/api/v1/portfolios/${portfolioId}`, headers: owner })).json().recompute_from).toBeNull();
    expect((await app.inject({ method: 'DELETE', url: `${url()}/${later.id}`, headers: owner })).statusCode).toBe(204);
  });

  it('a new stated equity recomputes from the first stored day', { timeout: 120_000 }, async () => {
    const patched = await app.inject({ method: 'PATCH', url: `/api/v1/portfolios/${portfolioId}`, headers: owner, payload: { equity_balance: goldenPortfolio.equityBalance + 1_000 } });
    expect(patched.json().recompute_from).toBe(P);
    const after = await recomputed();
    expect(after[P]! - before[P]!).toBeCloseTo(1_000, 2);
    expect(after[D]! - before[D]!).toBeCloseTo(1_000, 2);
  });

  it('lists newest first, a page at a time', async () => {
    for (const [i, day] of ['2024-12-02', '2024-12-03', '2024-12-04'].entries()) {
      await app.inject({ method: 'POST', url: url(), headers: owner, payload: { flow_date: day, amount: 10 + i } });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { flow_date: string }[]; next_cursor: string | null } = (await app.inject({ url: `${url()}?limit=2${cursor ? `&cursor=${cursor}` : ''}`, headers: owner })).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((f) => f.flow_date));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen.length).toBe(goldenPortfolio.cashFlows.length + 3);
    expect([...seen].sort().reverse()).toEqual(seen);
  });
});
