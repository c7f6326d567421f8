import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';

/** A numbered SQL file: `0001_core.sql` is version 1, named `core`. */
export interface MigrationFile {
  version: number;
  name: string;
  file: string;
  sql: string;
  checksum: string;
}

export interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
  applied_at: Date;
}

export interface MigrationStatus {
  applied: AppliedMigration[];
  pending: MigrationFile[];
  /** Applied migrations whose file has changed since (or disappeared). */
  changed: { version: number; name: string; reason: string }[];
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

/**
 * Lock key for pg_advisory_lock, so two processes migrating at once take turns.
 * (The bytes of "sigmasig" read as a signed 64-bit integer.)
 */
const MIGRATION_LOCK_KEY = '8315178064003197287';

/** The folder holding the SQL files, from src/db (tsx, tests) or dist/src/db (the build). */
export function defaultMigrationsDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, 'migrations'), path.resolve(here, '../../../src/db/migrations')];
  const found = candidates.find((dir) => existsSync(dir));
  if (!found) throw new MigrationError(`migrations folder not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** Reads and orders the migration files; rejects gaps, duplicates and badly named files. */
export function readMigrationFiles(dir = defaultMigrationsDir()): MigrationFile[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  const migrations = files.map((file) => {
    const m = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!m) throw new MigrationError(`migration file "${file}" is not named NNNN_name.sql`);
    const text = readFileSync(path.join(dir, file), 'utf8');
    return {
      version: Number(m[1]),
      name: m[2],
      file,
      sql: text,
      checksum: createHash('sha256').update(text).digest('hex'),
    };
  });
  migrations.forEach((mig, i) => {
    if (mig.version !== i + 1) {
      throw new MigrationError(`migration ${mig.file} should be number ${String(i + 1).padStart(4, '0')}: versions must run 1, 2, 3 ... without gaps`);
    }
  });
  return migrations;
}

async function ensureLedger(db: Kysely<DB>): Promise<void> {
  await sql`
    create table if not exists schema_migrations (
      version integer primary key,
      name text not null,
      checksum char(64) not null,
      applied_at timestamptz not null default now()
    )`.execute(db);
}

async function readLedger(db: Kysely<DB>): Promise<AppliedMigration[]> {
  const exists = await sql<{ exists: boolean }>`select to_regclass('schema_migrations') is not null as exists`.execute(db);
  if (!exists.rows[0]?.exists) return [];
  const rows = await sql<AppliedMigration>`select version, name, checksum, applied_at from schema_migrations order by version`.execute(db);
  return rows.rows;
}

function compare(applied: AppliedMigration[], files: MigrationFile[]): MigrationStatus {
  const byVersion = new Map(files.map((f) => [f.version, f]));
  const changed: MigrationStatus['changed'] = [];
  for (const a of applied) {
    const f = byVersion.get(a.version);
    if (!f) changed.push({ version: a.version, name: a.name, reason: 'its file is missing' });
    else if (f.checksum !== a.checksum.trim()) changed.push({ version: a.version, name: a.name, reason: `${f.file} changed after it was applied` });
  }
  const done = new Set(applied.map((a) => a.version));
  return { applied, pending: files.filter((f) => !done.has(f.version)), changed };
}

/** What is applied, what is pending, and what changed; reads only. */
export async function migrationStatus(db: Kysely<DB>, files = readMigrationFiles()): Promise<MigrationStatus> {
  return compare(await readLedger(db), files);
}

/**
 * Applies pending migrations in order, each in its own transaction together with its ledger row.
 * Holds a session advisory lock for the whole run, so a second process waits and then finds
 * nothing left to do. Refuses to run when an applied migration's file has changed.
 */
export async function migrate(db: Kysely<DB>, files = readMigrationFiles()): Promise<MigrationFile[]> {
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${sql.lit(MIGRATION_LOCK_KEY)}::bigint)`.execute(conn);
    try {
      await ensureLedger(conn);
      const status = compare(await readLedger(conn), files);
      if (status.changed.length > 0) {
        const list = status.changed.map((c) => `${String(c.version).padStart(4, '0')}_${c.name}: ${c.reason}`).join('; ');
        throw new MigrationError(`refusing to start: applied migrations differ from their files (${list}). Restore the files; never edit an applied migration, add a new one.`);
      }
      for (const m of status.pending) {
        await conn.transaction().execute(async (trx) => {
          try {
            await sql.raw(m.sql).execute(trx);
          } catch (e) {
            throw new MigrationError(`migration ${m.file} failed: ${(e as Error).message}`);
          }
          await sql`insert into schema_migrations (version, name, checksum) values (${m.version}, ${m.name}, ${m.checksum})`.execute(trx);
        });
      }
      return status.pending;
    } finally {
      await sql`select pg_advisory_unlock(${sql.lit(MIGRATION_LOCK_KEY)}::bigint)`.execute(conn);
    }
  });
}
