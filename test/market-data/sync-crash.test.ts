/**
 * A sync killed with SIGKILL in the middle of a run, then restarted, ends with exactly the rows an
 * uninterrupted run writes: each symbol's bars and universe row commit together, and the restart
 * skips the symbols already synced. Runs on an on-disk PGlite folder, or on PostgreSQL when
 * DATABASE_URL is set.
 *
 * Bounded on a busy machine: the child is node with tsx's loader (no npx), the data is small (17
 * symbols, one year), only one embedded database is created (the reference run works on a copy of
 * it), each child run has its own deadline, and the child's whole process group is killed in
 * teardown whatever happened (test/support/child-processes.ts).
 */
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import type { DB } from '../../src/db/schema.js';
import { migrate } from '../../src/db/migrator.js';
import { demoSymbols } from '../../src/demo/demo-universe.js';
import { createFallbackChain } from '../../src/market-data/providers/fallback-chain.js';
import { SyntheticProvider } from '../../src/market-data/providers/synthetic.js';
import { syncMarketData } from '../../src/market-data/sync.js';
import { killGroup, signalGroup, spawnGroup } from '../support/child-processes.js';
import { createServerDatabase, engineUnderTest, serverUrl } from '../support/test-database.js';

const TODAY = '2024-12-31';
const HISTORY_START = '2024-01-02';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = path.join(ROOT, 'test/support/sync-child.ts');
/** Every fourth demo symbol: ETFs and stocks, 17 in all. */
const SYMBOLS = demoSymbols().filter((_, i) => i % 4 === 0);
/** The crash run is killed once this many symbols have committed. */
const KILL_AFTER = 5;
/** Deadline of one child run; alone on an idle machine one takes a few seconds. */
const CHILD_DEADLINE_MS = 45_000;

/** Digest of every stored bar and of the universe's sync columns (timestamps excluded). */
async function digest(db: Kysely<DB>): Promise<{ bars: number; prices: string; universe: string }> {
  const r = await sql<{ bars: number; prices: string; universe: string }>`
    select
      (select count(*)::int from market_data_cache) as bars,
      (select md5(string_agg(concat_ws('|', symbol, date, open, high, low, close, adjusted_close, volume, data_source), ',' order by symbol, date)) from market_data_cache) as prices,
      (select md5(string_agg(concat_ws('|', symbol, status, is_active, status_reason, consecutive_failures, first_seen_date, last_seen_date, last_price_date, last_synced is not null), ',' order by symbol)) from symbol_universe) as universe`.execute(db);
  return r.rows[0];
}

async function prepare(db: Kysely<DB>): Promise<void> {
  await migrate(db);
  await db.insertInto('symbol_universe').values(SYMBOLS.map((symbol) => ({ symbol, status: 'active' as const, added_source: 'seed' }))).execute();
}

/**
 * Runs the child to the end, or with `killAfter` SIGKILLs its whole process group once that many
 * symbols committed (the child stalls its later fetches, so it cannot finish first). Resolves once
 * every process of the group is gone: the embedded database's lock sees them alive till then.
 */
function runChild(target: string, killAfter?: number): Promise<{ lines: string[]; killed: boolean; code: number | null }> {
  const args = ['--import', 'tsx', CHILD, target, TODAY, HISTORY_START, ...(killAfter === undefined ? [] : [String(killAfter)])];
  const child: ChildProcess = spawnGroup(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    let buffer = '';
    let stderr = '';
    let killed = false;
    const fail = (message: string) => {
      clearTimeout(deadline);
      // Never leave the group running behind a failed run.
      killGroup(child).finally(() => reject(new Error(`${message}\nstdout:\n${lines.join('\n')}\nstderr:\n${stderr}`)));
    };
    const deadline = setTimeout(() => fail(`sync child still running after ${CHILD_DEADLINE_MS} ms`), CHILD_DEADLINE_MS);
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      lines.push(...parts);
      if (killAfter !== undefined && !killed && lines.filter((l) => l.startsWith('done ')).length >= killAfter) {
        killed = true;
        signalGroup(child, 'SIGKILL');
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (e) => fail(`cannot start the sync child: ${e.message}`));
    child.on('exit', (code, signal) => {
      if (killAfter !== undefined && !killed) return fail(`sync child exited (${code ?? signal}) before it was killed`);
      if (killAfter === undefined && code !== 0) return fail(`sync child exited ${code ?? signal}`);
      clearTimeout(deadline);
      killGroup(child).then(() => resolve({ lines, killed, code }), reject);
    });
  });
}

describe(`sync killed with SIGKILL and restarted, on ${engineUnderTest}`, () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  /** A new, empty database: on the PostgreSQL server, or a PGlite folder (with its location). */
  async function newDatabase(): Promise<{ target: string; open: () => Promise<Database> }> {
    if (serverUrl) {
      const created = await createServerDatabase();
      cleanups.push(created.drop);
      return { target: created.url, open: () => openDatabase({ databaseUrl: created.url, maxConnections: 2 }) };
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'ss-crash-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    return { target: dir, open: () => openDatabase({ dataDir: dir }) };
  }

  it('ends with exactly the rows of an uninterrupted run', { timeout: 180_000 }, async () => {
    // The crash target: a PostgreSQL database, or an on-disk PGlite folder, migrated and seeded.
    const { target, open } = await newDatabase();
    let d = await open();
    await prepare(d.db);
    await d.close();

    // The reference: one uninterrupted run, in process, from the same starting point. On PGlite that
    // is a copy of the prepared folder (opening one costs far less than creating a database).
    let openReference: () => Promise<Database>;
    if (serverUrl) {
      openReference = (await newDatabase()).open;
      d = await openReference();
      await prepare(d.db);
      await d.close();
    } else {
      const dir = mkdtempSync(path.join(tmpdir(), 'ss-crash-reference-'));
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      cpSync(target, dir, { recursive: true });
      openReference = () => openDatabase({ dataDir: dir });
    }
    d = await openReference();
    let expected: Awaited<ReturnType<typeof digest>>;
    try {
      const full = await syncMarketData(d.db, createFallbackChain([new SyntheticProvider({ now: () => Date.parse(`${TODAY}T22:00:00Z`) })]), {
        today: TODAY, historyStart: HISTORY_START, concurrency: 2,
      });
      expect(full).toMatchObject({ symbols: SYMBOLS.length, synced: SYMBOLS.length, barsRejected: 0 });
      expected = await digest(d.db);
    } finally {
      await d.close();
    }
    expect(expected.bars).toBeGreaterThan(SYMBOLS.length * 240);

    const crashed = await runChild(target, KILL_AFTER);
    expect(crashed.killed).toBe(true);
    expect(crashed.lines.some((l) => l.startsWith('finished'))).toBe(false);

    // Some symbols committed, the rest untouched: never a symbol half-written.
    d = await open();
    const partial = await sql<{ synced: number; with_bars: number; consistent: number }>`
      select count(*) filter (where last_synced is not null)::int as synced,
        (select count(distinct symbol)::int from market_data_cache) as with_bars,
        count(*) filter (where (last_synced is not null) = exists (select 1 from market_data_cache m where m.symbol = u.symbol)
          and (last_price_date is null or last_price_date = (select max(date) from market_data_cache m where m.symbol = u.symbol)))::int as consistent
      from symbol_universe u`.execute(d.db);
    const p = partial.rows[0];
    expect(p.synced).toBeGreaterThanOrEqual(KILL_AFTER);
    // At most the symbol the other worker had past its fetch committed after the Nth: killed mid-run.
    expect(p.synced).toBeLessThanOrEqual(KILL_AFTER + 1);
    expect(p.with_bars).toBe(p.synced);
    expect(p.consistent).toBe(SYMBOLS.length);
    await d.close();

    // The restart syncs only what is left and finishes.
    const resumed = await runChild(target);
    const done = resumed.lines.filter((l) => l.startsWith('done '));
    expect(done).toHaveLength(SYMBOLS.length - p.synced);
    expect(done.every((l) => l.endsWith(' synced'))).toBe(true);

    d = await open();
    try {
      expect(await digest(d.db)).toEqual(expected);
    } finally {
      await d.close();
    }
  });
});
