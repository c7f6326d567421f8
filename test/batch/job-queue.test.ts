/**
 * pg-boss on the application's database, on both engines: each job runs exactly once; a job sent
 * inside a transaction exists only if the transaction commits (on PGlite, pg-boss's statements
 * wait for an open application transaction instead of running inside it); an 'exclusive' queue
 * holds one job per key until it has finished.
 */
import { sql } from 'kysely';
import type { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJobQueue, transactionDb, waitForJobs } from '../../src/batch/job-queue.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/db/database.js';
import { createServerDatabase, createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

const QUEUE = 'test.echo';
const EXCLUSIVE = 'test.exclusive';

describe(`the job queue on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  let boss: PgBoss;
  const runs = new Map<string, number>();
  let release: () => void = () => {};

  beforeAll(async () => {
    t = await createTestDatabase();
    boss = await openJobQueue(t, {
      queues: [
        { name: QUEUE, options: { policy: 'standard', retryLimit: 0 } },
        { name: EXCLUSIVE, options: { policy: 'exclusive', retryLimit: 0 } },
      ],
    });
    await boss.work<{ n: number }>(QUEUE, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async ([job]) => {
      runs.set(job!.id, (runs.get(job!.id) ?? 0) + 1);
      return { doubled: job!.data.n * 2 };
    });
    await boss.work(EXCLUSIVE, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async () => {
      await new Promise<void>((r) => (release = r));
    });
  });
  afterAll(async () => {
    release();
    await boss?.stop({ graceful: true, timeout: 10_000 });
    await t?.destroy();
  });

  it('runs each job exactly once and keeps its output', async () => {
    const ids = await Promise.all([1, 2, 3, 4, 5].map((n) => boss.send(QUEUE, { n })));
    const done = await waitForJobs(boss, QUEUE, ids as string[], { timeoutMs: 30_000 });
    expect(done.map((j) => [j.state, j.output])).toEqual([1, 2, 3, 4, 5].map((n) => ['completed', { doubled: n * 2 }]));
    for (const id of ids) expect(runs.get(id!)).toBe(1);
  });

  it('a job sent inside a transaction exists only if the transaction commits', async () => {
    let rolledBack: string | null = null;
    await expect(
      t.db.transaction().execute(async (trx) => {
        rolledBack = await boss.send(QUEUE, { n: 10 }, { db: transactionDb(trx) });
        // Workers keep polling meanwhile; on PGlite their statements wait for this transaction.
        await new Promise((r) => setTimeout(r, 1_500));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(rolledBack).toMatch(/^[0-9a-f-]{36}$/);
    const committed = await t.db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      return boss.send(QUEUE, { n: 11 }, { db: transactionDb(trx) });
    });
    const [done] = await waitForJobs(boss, QUEUE, [committed!], { timeoutMs: 30_000 });
    expect(done).toMatchObject({ state: 'completed', output: { doubled: 22 } });
    expect(await boss.findJobs(QUEUE, { id: rolledBack! })).toEqual([]);
    expect(runs.has(rolledBack!)).toBe(false);
  });

  it("an 'exclusive' queue takes one job per key until it has finished", async () => {
    const first = await boss.send(EXCLUSIVE, {}, { singletonKey: 'portfolio-1' });
    expect(first).not.toBeNull();
    expect(await boss.send(EXCLUSIVE, {}, { singletonKey: 'portfolio-1' })).toBeNull(); // queued or active
    expect(await boss.send(EXCLUSIVE, {}, { singletonKey: 'portfolio-2' })).not.toBeNull();
    for (let i = 0; i < 100 && (await boss.findJobs(EXCLUSIVE, { id: first! }))[0]?.state !== 'active'; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await boss.send(EXCLUSIVE, {}, { singletonKey: 'portfolio-1' })).toBeNull(); // active now
    release();
    const [done] = await waitForJobs(boss, EXCLUSIVE, [first!], { timeoutMs: 30_000 });
    expect(done.state).toBe('completed');
    expect(await boss.send(EXCLUSIVE, {}, { singletonKey: 'portfolio-1' })).not.toBeNull();
  });
});

describe.skipIf(engineUnderTest !== 'postgres')('the job queue started by two processes at once on a new PostgreSQL database', () => {
  it('starts in both (pg-boss retries; a failed script never leaves a pooled connection in an aborted transaction)', { timeout: 60_000 }, async () => {
    const created = await createServerDatabase();
    const a = await openDatabase({ databaseUrl: created.url, dataDir: mkdtempSync(path.join(tmpdir(), 'ss-q-')) });
    const b = await openDatabase({ databaseUrl: created.url, dataDir: mkdtempSync(path.join(tmpdir(), 'ss-q-')) });
    try {
      const queues = [{ name: 'test.race', options: { policy: 'standard' as const } }];
      const started = await Promise.allSettled([a, b].map((d) => openJobQueue(d, { queues })));
      for (const s of started) if (s.status === 'fulfilled') await s.value.stop({ graceful: false });
      expect(started.map((s) => (s.status === 'rejected' ? String(s.reason) : 'started'))).toEqual(['started', 'started']);
      // Every pooled connection still works.
      expect((await Promise.all([1, 2, 3, 4].map(() => sql<{ one: number }>`select 1 as one`.execute(b.db)))).map((r) => r.rows[0].one)).toEqual([1, 1, 1, 1]);
    } finally {
      await a.close();
      await b.close();
      await created.drop();
    }
  });
});
