/**
 * A position change refreshes its portfolio within seconds, on both engines: the batch service
 * (what `sigmasight start` and `sigmasight worker` run) notices a portfolio whose positions changed
 * after its latest snapshot and queues one debounced refresh job for it; a burst of edits makes one
 * refresh, and an unchanged portfolio is left alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishBatchJob, startBatchJob } from '../../src/batch/batch-audit.repository.js';
import { changedPortfolios, startBatchService, type BatchService } from '../../src/batch/batch-service.js';
import { createConfiguredChain } from '../../src/market-data/providers/configured-chain.js';
import { createGoldenPortfolio, goldenPortfolio, storeGoldenMarket } from '../support/golden-portfolio.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

const D = goldenPortfolio.date;

describe(`refresh on change, on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  let service: BatchService | undefined;
  let portfolioId: string;
  let positions: Map<string, string>;

  beforeAll(async () => {
    t = await createTestDatabase();
    await storeGoldenMarket(t.db);
    // D's symbol phase has completed (the refresh is for the last such day).
    const job = await startBatchJob(t.db, { name: 'symbol batch', type: 'symbol_batch', date: D, lockedBy: 'test' });
    await finishBatchJob(t.db, job, { failed: false, error: null, metadata: { date: D } });
    ({ portfolioId, positions } = await createGoldenPortfolio(t.db));
    service = await startBatchService(t, {
      chain: createConfiguredChain({ order: ['synthetic'], polygonApiKey: undefined, fmpApiKey: undefined, eodhdApiKey: undefined }),
      workerId: 'test-worker', settings: { riskFreeRate: goldenPortfolio.riskFreeRate },
    }, { schedules: null, sweepMs: 200 });
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    await t?.destroy();
  });

  const snapshots = () => t.db.selectFrom('portfolio_snapshots').select(['snapshot_date', 'total_value', 'created_at', 'position_count'])
    .where('portfolio_id', '=', portfolioId).orderBy('snapshot_date').execute();
  async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
    const deadline = Date.now() + ms;
    let v = await read();
    while (!ok(v) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      v = await read();
    }
    return v;
  }

  it('a new portfolio gets its snapshot for the last computed day within seconds', { timeout: 60_000 }, async () => {
    const started = Date.now();
    const rows = await waitFor(snapshots, (r) => r.length > 0);
    expect(rows.map((r) => r.snapshot_date)).toEqual([D]);
    expect(rows[0].position_count).toBe(6);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(await changedPortfolios(t.db, D)).toEqual([]);
  });

  it('a burst of position changes makes one refresh with the new positions', { timeout: 60_000 }, async () => {
    const [before] = await snapshots();
    const aapl = positions.get('aapl')!;
    for (const quantity of [1600, 1700, 2500]) {
      await t.db.updateTable('positions').set({ quantity, updated_at: new Date() }).where('id', '=', aapl).execute();
    }
    expect(await changedPortfolios(t.db, D)).toEqual([portfolioId]);
    const [after] = await waitFor(snapshots, (r) => r[0].created_at.getTime() > before.created_at.getTime());
    // 1,000 more AAPL shares at D's close.
    const close = (await t.db.selectFrom('market_data_cache').select('close').where('symbol', '=', 'AAPL').where('date', '=', D).executeTakeFirstOrThrow()).close;
    expect(after.total_value).toBeCloseTo(before.total_value + 1000 * close, 2);
    const refreshes = await t.db.selectFrom('pgboss.job' as never).select(({ fn }) => fn.countAll<number>().as('n'))
      .where('name' as never, '=', 'batch.portfolios' as never).where('singleton_key' as never, '=', `refresh:${portfolioId}` as never).executeTakeFirstOrThrow();
    expect(Number(refreshes.n)).toBe(2); // the first snapshot's and this burst's
    expect(await changedPortfolios(t.db, D)).toEqual([]);
  });

  it('an edit that commits while a refresh runs, after it read the positions, still counts as a change', { timeout: 60_000 }, async () => {
    const snapshot = await t.db.selectFrom('portfolio_snapshots').select(['created_at', 'positions_changed_at'])
      .where('portfolio_id', '=', portfolioId).where('snapshot_date', '=', D).executeTakeFirstOrThrow();
    // Stamped before the snapshot's transaction began (so a comparison with its created_at would miss it), after what it read.
    const stamped = new Date(Math.max(snapshot.positions_changed_at!.getTime() + 1, snapshot.created_at.getTime() - 1));
    expect(stamped.getTime()).toBeLessThanOrEqual(snapshot.created_at.getTime());
    await t.db.updateTable('positions').set({ quantity: 2600, updated_at: stamped }).where('id', '=', positions.get('aapl')!).execute();
    expect(await changedPortfolios(t.db, D)).toEqual([portfolioId]);
    await waitFor(() => changedPortfolios(t.db, D), (ids) => ids.length === 0);
    const after = await t.db.selectFrom('portfolio_snapshots').select('positions_changed_at').where('portfolio_id', '=', portfolioId).where('snapshot_date', '=', D).executeTakeFirstOrThrow();
    expect(after.positions_changed_at!.getTime()).toBe(stamped.getTime());
  });

  it('a portfolio whose positions were all deleted gets a snapshot holding nothing, once', { timeout: 60_000 }, async () => {
    await t.db.updateTable('positions').set({ deleted_at: new Date(), updated_at: new Date() }).where('portfolio_id', '=', portfolioId).execute();
    const rows = await waitFor(snapshots, (r) => r[0].position_count === 0);
    expect(rows[0].total_value).toBe(0);
    expect(await changedPortfolios(t.db, D)).toEqual([]);
  });
});
