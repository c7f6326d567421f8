import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { CliIo } from '../../src/cli/cli-io.js';
import { loadConfig, readEnvironment } from '../../src/config/config.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { createServerDatabase, serverUrl } from './test-database.js';

/** A CliIo that keeps what a command prints. */
export function captureIo(): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}

/**
 * Gives the suite's commands their own database, as a user's environment would: a fresh data folder
 * for PGlite, or a fresh database on the test server (DATABASE_URL) on PostgreSQL runs. Sets
 * `extra` variables too, and restores the environment afterwards. Returns the data folder.
 */
export function useCliEnvironment(prefix: string, extra: Record<string, string> = {}): { dataDir: () => string } {
  const saved = { ...process.env };
  let drop = async () => {};
  let dir = '';
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), `ss-${prefix}-`));
    process.env.SIGMASIGHT_DATA_DIR = path.join(dir, 'data');
    process.env.LOG_LEVEL = 'silent';
    delete process.env.DATABASE_URL;
    Object.assign(process.env, extra);
    if (serverUrl) {
      const created = await createServerDatabase();
      process.env.DATABASE_URL = created.url;
      drop = created.drop;
    }
  });
  afterAll(async () => {
    process.env = saved;
    await drop();
  });
  return { dataDir: () => dir };
}

/** Runs `fn` on the database the commands use (opened after they closed it: PGlite has one opener). */
export async function withCommandDatabase<T>(fn: (db: Database['db']) => Promise<T>): Promise<T> {
  const config = loadConfig(readEnvironment());
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}
