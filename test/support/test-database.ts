import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrator.js';

/**
 * A fresh, empty database for one test suite, on the engine this run targets:
 * PostgreSQL when DATABASE_URL is set (a new database named sigmasight_t_<random> on that server,
 * dropped afterwards), otherwise in-memory PGlite. The same suites therefore run on both engines:
 * `npm test` for PGlite, `DATABASE_URL=postgres://... npm test` for PostgreSQL.
 */
export interface TestDatabase extends Database {
  /** The connection string of the fresh database (PostgreSQL runs only). */
  url: string | undefined;
  destroy(): Promise<void>;
}

export const serverUrl = process.env.DATABASE_URL;
export const engineUnderTest = serverUrl ? 'postgres' : 'pglite';

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty PostgreSQL database on the test server and returns its URL. */
export async function createServerDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!serverUrl) throw new Error('createServerDatabase needs DATABASE_URL');
  const name = `sigmasight_t_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // Without FORCE first: a pool's sockets may still be closing after pool.end(), and FORCE would
    // kill them mid-close. FORCE only if something still holds the database after a few seconds.
    drop: () =>
      admin(async (c) => {
        for (let i = 0; i < 50; i++) {
          try {
            await c.query(`drop database if exists ${name}`);
            return;
          } catch (e) {
            if ((e as { code?: string }).code !== '55006') throw e; // object_in_use
            await new Promise((r) => setTimeout(r, 100));
          }
        }
        await c.query(`drop database if exists ${name} with (force)`);
      }),
  };
}

export async function createTestDatabase(options: { migrated?: boolean; maxConnections?: number } = {}): Promise<TestDatabase> {
  let database: Database;
  let drop = async () => {};
  let url: string | undefined;
  if (serverUrl) {
    const created = await createServerDatabase();
    url = created.url;
    drop = created.drop;
    database = await openDatabase({ databaseUrl: url, maxConnections: options.maxConnections ?? 4 });
  } else {
    database = await openDatabase({ dataDir: 'memory' });
  }
  if (options.migrated !== false) {
    try {
      await migrate(database.db);
    } catch (e) {
      await database.close();
      await drop();
      throw e;
    }
  }
  return {
    ...database,
    url,
    async destroy() {
      await database.close();
      await drop();
    },
  };
}
