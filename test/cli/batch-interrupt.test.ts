/**
 * Ctrl-C on `sigmasight batch run` (the built command, in its own process group): the command stops
 * within moments instead of after the job it is working, the job it had in hand goes back to the
 * queue unfinished (retried later), the run's batch_jobs row says cancelled, and the days it did not
 * reach are not stored. Then a second run finishes the range.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { tradingDays } from '../../src/market-data/trading-calendar.js';
import { packageRoot } from '../../src/package-root.js';
import { exited, spawnGroup } from '../support/child-processes.js';
import { captureIo, useCliEnvironment, withCommandDatabase } from '../support/cli-environment.js';
import { engineUnderTest } from '../support/test-database.js';

const FROM = '2025-01-02';
const TO = '2026-11-20';

describe(`Ctrl-C on sigmasight batch run, on ${engineUnderTest}`, () => {
  useCliEnvironment('batch-interrupt', { MARKET_DATA_PROVIDERS: 'synthetic' });

  it('stops at once, leaves the job in hand on the queue unfinished and the run cancelled; a second run completes', { timeout: 600_000 }, async () => {
    const main = path.join(packageRoot(), 'dist', 'src', 'cli', 'main.js');
    expect(existsSync(main), 'run npm run build first (npm install does it)').toBe(true);
    const seeded = captureIo();
    expect(await runCli(['demo', 'seed', '--today', TO], seeded.io), seeded.err.join('\n')).toBe(0);

    // Three portfolios over about 470 days: one range job of many seconds (a part of 256 days, 32 on PGlite, per transaction).
    const child = spawnGroup(process.execPath, [main, 'batch', 'run', '--phase', 'portfolios', '--from', FROM, '--to', TO, '--json'], {
      env: { ...process.env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    // The range job starts within a second or two of the command (migrations checked, the queue opened).
    await new Promise((r) => setTimeout(r, 4_000));
    expect(child.exitCode, stderr).toBeNull();
    const sent = Date.now();
    child.kill('SIGINT');
    const { code } = await exited(child, 60_000);
    const seconds = (Date.now() - sent) / 1000;
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(/interrupted at/);
    // Before this change the command waited for the whole job (all three portfolios over every day).
    expect(seconds, stderr).toBeLessThan(15);
    expect(stderr).not.toMatch(/portfolio range chunk done/);

    const days = tradingDays(FROM, TO).length;
    const state = await withCommandDatabase(async (db) => {
      const run = await db.selectFrom('batch_jobs').select(['status', 'error_message']).where('job_type', '=', 'batch_days').execute();
      const jobs = await sql<{ state: string }>`select state from pgboss.job where name = 'batch.portfolio-ranges'`.execute(db);
      const stored = await sql<{ n: number }>`select count(*)::int as n from portfolio_snapshots`.execute(db);
      return { run, jobs: jobs.rows.map((r) => r.state), stored: stored.rows[0].n };
    });
    expect(state.run).toEqual([{ status: 'cancelled', error_message: expect.stringMatching(/interrupted at/) }]);
    // The job in hand failed by the interruption, waiting for its retry; the others (a job holds a few
    // portfolios of a long range) not started, or done before Ctrl-C.
    expect(state.jobs).toContain('retry');
    for (const job of state.jobs) expect(['retry', 'created', 'completed']).toContain(job);
    expect(state.stored).toBeLessThan(3 * days);

    // Run again: the command takes the job from the queue and finishes the range.
    const again = captureIo();
    expect(await runCli(['batch', 'run', '--phase', 'portfolios', '--from', FROM, '--to', TO, '--json'], again.io), again.err.join('\n')).toBe(0);
    const after = await withCommandDatabase(async (db) => (await sql<{ n: number }>`select count(distinct snapshot_date)::int as n from portfolio_snapshots`.execute(db)).rows[0].n);
    expect(after).toBe(days);
  });
});
