/**
 * A sync killed with SIGKILL in the middle of a run, then restarted, ends with exactly the rows an
 * uninterrupted run writes: each symbol's bars and universe row commit together, and the restart
 * skips the symbols already synced. Runs on an on-disk PGlite folder, or on PostgreSQL when
 * DATABASE_URL is set.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
import { createServerDatabase, createTestDatabase, engineUnderTest, serverUrl } from '../support/test-database.js';

const TODAY = '2024-12-31';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = path.join(ROOT, 'test/support/sync-child.ts');
const SYMBOLS = demoSymbols();

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
  await db.insertInto('symbol_universe').values(SYMBOLS.map((symbol) => ({ symbol, added_source: 'seed' }))).execute();
}

/** Runs the child; with `killAfter`, SIGKILLs its whole process group once that many symbols committed. */
function runChild(target: string, killAfter?: number): Promise<{ lines: string[]; signal: NodeJS.Signals | null; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', CHILD, target, TODAY], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let buffer = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      lines.push(...parts);
      if (killAfter !== undefined && !killed && lines.filter((l) => l.startsWith('done ')).length >= killAfter) {
        killed = true;
        process.kill(-child.pid!, 'SIGKILL'); // npx, tsx and node: the whole group
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (killAfter === undefined && code !== 0) return reject(new Error(`child exited ${code}: ${stderr}`));
      // Killed grandchildren linger until reaped; the embedded database's lock sees them alive till then.
      groupGone(child.pid!).then(() => resolve({ lines, signal: killed ? 'SIGKILL' : signal, code }), reject);
    });
  });
}

async function groupGone(pgid: number): Promise<void> {
  for (let i = 0; i < 500; i++) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`process group ${pgid} is still there 10 s after the kill`);
}

describe(`sync killed with SIGKILL and restarted, on ${engineUnderTest}`, () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('ends with exactly the rows of an uninterrupted run', async () => {
    // The reference: one uninterrupted run, in process.
    const reference = await createTestDatabase({ migrated: false });
    cleanups.push(() => reference.destroy());
    await prepare(reference.db);
    const full = await syncMarketData(reference.db, createFallbackChain([new SyntheticProvider({ now: () => Date.parse(`${TODAY}T22:00:00Z`) })]), {
      today: TODAY, historyStart: '2023-01-03', concurrency: 2,
    });
    expect(full).toMatchObject({ symbols: SYMBOLS.length, synced: SYMBOLS.length, barsRejected: 0 });
    const expected = await digest(reference.db);
    expect(expected.bars).toBeGreaterThan(SYMBOLS.length * 400);

    // The crash target: a PostgreSQL database, or an on-disk PGlite folder.
    let target: string;
    let open: () => Promise<Database>;
    if (serverUrl) {
      const created = await createServerDatabase();
      cleanups.push(created.drop);
      target = created.url;
      open = () => openDatabase({ databaseUrl: created.url, maxConnections: 2 });
    } else {
      const dir = mkdtempSync(path.join(tmpdir(), 'ss-crash-'));
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      target = dir;
      open = () => openDatabase({ dataDir: dir });
    }
    let d = await open();
    await prepare(d.db);
    await d.close();

    const killed = await runChild(target, 5);
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.lines.some((l) => l.startsWith('finished'))).toBe(false);

    // Some symbols committed, the rest untouched: never a symbol half-written.
    d = await open();
    const partial = await sql<{ synced: number; with_bars: number; consistent: number }>`
      select count(*) filter (where last_synced is not null)::int as synced,
        (select count(distinct symbol)::int from market_data_cache) as with_bars,
        count(*) filter (where (last_synced is not null) = exists (select 1 from market_data_cache m where m.symbol = u.symbol)
          and (last_price_date is null or last_price_date = (select max(date) from market_data_cache m where m.symbol = u.symbol)))::int as consistent
      from symbol_universe u`.execute(d.db);
    const p = partial.rows[0];
    expect(p.synced).toBeGreaterThanOrEqual(5);
    expect(p.synced).toBeLessThan(SYMBOLS.length);
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
