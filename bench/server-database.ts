/**
 * A fresh, migrated PostgreSQL database for one benchmark run, dropped afterwards:
 * sigmasight_bench_<random> on postgres://postgres@127.0.0.1:5432 (BENCH_DATABASE_URL overrides).
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrator.js';

export const BENCH_SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Runs `run` on the new database (with its URL); drops it whatever happens. */
export async function withServerDatabase(run: (d: Database, url: string) => Promise<void>, options: { maxConnections?: number } = {}): Promise<void> {
  const name = `sigmasight_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: BENCH_SERVER });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(BENCH_SERVER);
  url.pathname = `/${name}`;
  const d = await openDatabase({ databaseUrl: url.toString(), maxConnections: options.maxConnections ?? 8 });
  try {
    await migrate(d.db);
    await run(d, url.toString());
  } finally {
    await d.close();
    // pg-pool's end() resolves before the server sessions are gone; a forced drop would kill them
    // under the closing clients (an unhandled pool error), so wait for them instead.
    for (let i = 0; ; i++) {
      try {
        await admin.query(`drop database if exists ${name}`);
        break;
      } catch (e) {
        if ((e as { code?: string }).code !== '55006' || i > 200) throw e;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    await admin.end();
  }
}

/**
 * CPU seconds (user + system) used so far by this machine's PostgreSQL server processes (all of
 * them: backends, the writer, the WAL writer), from /proc; a difference across a timed step is the
 * step's database CPU. Processes that ended in between are not counted. 0 where /proc is absent.
 */
export function postgresCpuSeconds(): number {
  let ticks = 0;
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return 0;
  }
  for (const pid of entries) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // pid (comm) state ppid ...: utime and stime are fields 14 and 15, counted after the comm's ')'.
      const close = stat.lastIndexOf(')');
      if (!stat.slice(stat.indexOf('(') + 1, close).startsWith('postgres')) continue;
      const fields = stat.slice(close + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended
    }
  }
  return ticks / 100;
}
