import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { acquireEmbeddedLock } from './embedded-lock.js';
import { PGliteDialect } from './pglite-dialect.js';
import type { DB } from './schema.js';

export type Engine = 'pglite' | 'postgres';

/** An open database: the Kysely instance and what it runs on. */
export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /** Where the data lives, without credentials: a folder, `memory`, or host:port/database. */
  location: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL URL; when absent, embedded PGlite in `dataDir` (or in memory when dataDir is 'memory'). */
  databaseUrl?: string;
  dataDir?: string;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
}

/*
 * Type parsing is the same on both engines, so code never sees a difference:
 * DATE -> 'YYYY-MM-DD' string (the project's one date type; no time-zone shifts);
 * NUMERIC and INT8 -> number (finance values here fit a double; bigint counts stay below 2^53);
 * TIMESTAMPTZ -> Date.
 */
const OID = { INT8: 20, NUMERIC: 1700, DATE: 1082 } as const;
const toNumber = (v: string): number => Number(v);
const identity = (v: string): string => v;

const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === OID.INT8 || oid === OID.NUMERIC) return toNumber;
    if (oid === OID.DATE) return identity;
    return pg.types.getTypeParser(oid, format);
  },
};

/** Opens the configured database: PGlite when no URL is given, a `pg` pool otherwise. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.maxConnections ?? 10,
      types: pgTypes,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: 10_000,
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const url = new URL(options.databaseUrl);
    return {
      db,
      engine: 'postgres',
      location: `${url.hostname}:${url.port || '5432'}${url.pathname}`,
      close: () => db.destroy(),
    };
  }
  const dataDir = options.dataDir ?? './.sigmasight';
  const inMemory = dataDir === 'memory';
  const pgDir = inMemory ? undefined : path.resolve(dataDir, 'pgdata');
  if (pgDir) mkdirSync(pgDir, { recursive: true });
  const unlock = pgDir ? acquireEmbeddedLock(pgDir) : () => {};
  const pglite = new PGlite(pgDir);
  try {
    await pglite.waitReady;
  } catch (e) {
    unlock();
    throw e;
  }
  const parsers = { [OID.INT8]: toNumber, [OID.NUMERIC]: toNumber, [OID.DATE]: identity };
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite, parsers) });
  return {
    db,
    engine: 'pglite',
    location: pgDir ?? 'memory',
    close: async () => {
      await db.destroy();
      unlock();
    },
  };
}

/** True when the server can be reached and answers a query. */
export async function ping(db: Kysely<DB>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
