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

/**
 * Runs `run` on the new database (with its URL); drops it whatever happens. `open` opens it (default:
 * the sources' openDatabase); a bench timing the built code passes the built one, as the pool's
 * clients belong to the copy of the code that opened it (the binary COPY, for one, needs the same copy).
 */
export async function withServerDatabase(
  run: (d: Database, url: string) => Promise<void>,
  options: { maxConnections?: number; open?: typeof openDatabase } = {},
): Promise<void> {
  const name = `sigmasight_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: BENCH_SERVER });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(BENCH_SERVER);
  url.pathname = `/${name}`;
  const d = await (options.open ?? openDatabase)({ databaseUrl: url.toString(), maxConnections: options.maxConnections ?? 8 });
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
      ticks += statTicks(stat);
    } catch {
      // the process ended
    }
  }
  return ticks / 100;
}

/** utime + stime (clock ticks) of a /proc/<pid>/stat line: fields 14 and 15, counted after the comm's ')'. */
function statTicks(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** CPU seconds (user + system, all threads) used so far by process `pid`; 0 when it is gone or /proc is absent. */
export function processCpuSeconds(pid: number): number {
  try {
    return statTicks(readFileSync(`/proc/${pid}/stat`, 'utf8')) / 100;
  } catch {
    return 0;
  }
}

/** The machine's CPU seconds so far, busy (every state but idle and iowait) and in all, summed over its cores, from /proc/stat. */
export function machineCpuSeconds(): { busy: number; total: number } {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = f.reduce((a, b) => a + b, 0);
    return { busy: (total - f[3] - f[4]) / 100, total: total / 100 };
  } catch {
    return { busy: 0, total: 0 };
  }
}
