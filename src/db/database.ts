import { PGlite, types as pgliteTypes, type ParserOptions } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { acquireEmbeddedLock } from './embedded-lock.js';
import { PGliteDialect } from './pglite-dialect.js';
import { LendingPgClient } from './raw-pg-client.js';
import type { DB } from './schema.js';

export type Engine = 'pglite' | 'postgres';

/** An open database: the Kysely instance and what it runs on. */
export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /** Where the data lives, without credentials: a folder, `memory`, or host:port/database. */
  location: string;
  /**
   * The embedded engine's instance (null on PostgreSQL), for the job queue's adapter, which runs its
   * statements on it while holding the dialect's one connection (src/batch/job-queue.ts).
   */
  pglite: PGlite | null;
  /**
   * Listens for NOTIFY on `channel`: `onNotify` gets each payload; `onLost` is called once if the
   * listening connection fails (PostgreSQL: a dedicated connection outside the pool; PGlite: never).
   * Resolves, once listening, to the function that stops it.
   */
  listen(channel: string, onNotify: (payload: string) => void, onLost: (error: Error) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL URL; when absent, embedded PGlite in `dataDir` (or in memory when dataDir is 'memory'). */
  databaseUrl?: string;
  dataDir?: string;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
  /**
   * Called when an idle pooled connection fails (server restart, failover, idle timeout). The pool
   * drops the connection and opens a new one on demand; without a listener Node would crash.
   * Default: a warning on stderr.
   */
  onConnectionError?: (error: Error) => void;
}

/*
 * Type parsing is the same on both engines, so code never sees a difference (test/db/type-parity.test.ts):
 * DATE -> 'YYYY-MM-DD' string (the project's one date type; no time-zone shifts);
 * NUMERIC and INT8 -> number (finance values here fit a double; bigint counts stay below 2^53);
 * one-dimensional arrays of those -> arrays of the same; TIMESTAMPTZ -> Date; JSON/JSONB -> parsed.
 * Write JSON values as JSON.stringify(...) strings: pg would send a JS array as a PostgreSQL array.
 */
const toNumber = (v: string): number => Number(v);
const identity = (v: string): string => v;
const SCALAR_PARSERS: Record<number, (v: string) => unknown> = { 20: toNumber, 1700: toNumber, 1082: identity };
/** Array type OID -> element type OID: int8[], numeric[], date[]. */
const ARRAY_ELEMENT: Record<number, number> = { 1016: 20, 1231: 1700, 1182: 1082 };

// text[] parser (OID 1009): splits an array literal into element strings, which the scalar parsers then convert.
const pgTextArray = pg.types.getTypeParser(1009 as Parameters<typeof pg.types.getTypeParser>[0]) as (v: string) => unknown;

/**
 * A one-dimensional array literal of numbers or dates ('{1.5,NULL,-2}') as `parse` of each element,
 * split on commas (such elements are never quoted and hold no comma or brace; the general parser
 * builds an object per character, most of the time of reading a range's or a universe's price
 * arrays). Undefined for any other literal (nested, quoted): the caller's general parser reads it.
 */
export function parsePlainArray<T>(v: string, parse: (x: string) => T): (T | null)[] | undefined {
  if (v.length < 2 || v.charCodeAt(0) !== 123 || v.charCodeAt(1) === 123 || v.includes('"')) return undefined;
  if (v === '{}') return [];
  const parts = v.slice(1, -1).split(',');
  const out = new Array<T | null>(parts.length);
  for (let i = 0; i < parts.length; i++) out[i] = parts[i] === 'NULL' ? null : parse(parts[i]);
  return out;
}
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    const scalar = SCALAR_PARSERS[oid];
    if (scalar) return scalar;
    const element = ARRAY_ELEMENT[oid];
    if (element !== undefined) {
      const parse = SCALAR_PARSERS[element];
      return (v: string) => parsePlainArray(v, parse) ?? (pgTextArray(v) as (string | null)[]).map((x) => (x === null ? null : parse(x)));
    }
    return pg.types.getTypeParser(oid, format);
  },
};

function pgliteParsers(): ParserOptions {
  const parsers: ParserOptions = { ...SCALAR_PARSERS };
  for (const [arrayOid, element] of Object.entries(ARRAY_ELEMENT)) {
    const parse = SCALAR_PARSERS[element] as (v: string) => unknown;
    parsers[Number(arrayOid)] = (v: string) => parsePlainArray(v, parse) ?? pgliteTypes.arrayParser(v, parse, Number(arrayOid));
  }
  return parsers;
}

/** Opens the configured database: PGlite when no URL is given, a `pg` pool otherwise. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.maxConnections ?? 10,
      types: pgTypes,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: 10_000,
      // pg.Client that can also lend itself to withPgClient (COPY streams; raw-pg-client.ts).
      Client: LendingPgClient,
    });
    pool.on('error', options.onConnectionError ?? ((e) => process.emitWarning(`PostgreSQL connection lost: ${e.message}`, 'SigmaSightDatabase')));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const url = new URL(options.databaseUrl);
    const connectionString = options.databaseUrl;
    return {
      db,
      engine: 'postgres',
      location: `${url.hostname}:${url.port || '5432'}${url.pathname}`,
      pglite: null,
      async listen(channel, onNotify, onLost) {
        // TCP keepalive: a connection that dies silently is noticed (then onLost) instead of leaving the listener deaf.
        const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000, keepAlive: true });
        let lost = false;
        const lose = (e: Error) => {
          if (lost) return;
          lost = true;
          onLost(e);
        };
        client.on('notification', (n) => { if (n.channel === channel) onNotify(n.payload ?? ''); });
        client.on('error', lose);
        client.on('end', () => lose(new Error('the listening connection ended')));
        try {
          await client.connect();
          await client.query(`listen ${client.escapeIdentifier(channel)}`);
        } catch (e) {
          lost = true;
          await client.end().catch(() => undefined);
          throw e;
        }
        return async () => {
          lost = true;
          await client.end().catch(() => undefined);
        };
      },
      close: () => db.destroy(),
    };
  }
  const dataDir = options.dataDir ?? './.sigmasight';
  const inMemory = dataDir === 'memory';
  const pgDir = inMemory ? undefined : path.resolve(dataDir, 'pgdata');
  if (pgDir) mkdirSync(pgDir, { recursive: true });
  const unlock = pgDir ? acquireEmbeddedLock(pgDir) : () => {};
  let pglite: PGlite;
  try {
    pglite = new PGlite(pgDir);
    await pglite.waitReady;
  } catch (e) {
    unlock();
    throw e;
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite, pgliteParsers()) });
  return {
    db,
    engine: 'pglite',
    location: pgDir ?? 'memory',
    pglite,
    async listen(channel, onNotify) {
      // One process owns the embedded database: every NOTIFY comes from this instance.
      return pglite.listen(channel, onNotify);
    },
    close: async () => {
      try {
        await db.destroy();
      } finally {
        unlock();
      }
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
