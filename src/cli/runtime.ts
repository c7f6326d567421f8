import { ConfigError, loadConfig, readEnvironment, type Config } from '../config/config.js';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../db/database.js';
import { createLogger, type Logger } from '../logger.js';

/** Configuration, logger and database for a command; `close` releases the database. */
export interface Runtime {
  config: Config;
  logger: Logger;
  database: Database;
  close(): Promise<void>;
}

export async function openRuntime(): Promise<Runtime> {
  const config = loadConfig(readEnvironment());
  const logger = createLogger(config);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onConnectionError: (e) => logger.warn({ err: e }, 'a database connection was lost; the pool reconnects on demand'),
  });
  if (config.databaseUrl) {
    // pg connects lazily: try now, so a wrong URL is reported as such rather than as a failed query later.
    try {
      await sql`select 1`.execute(database.db);
    } catch (e) {
      await database.close();
      const reason = (e as Error).message || (e as { code?: string }).code || String(e);
      throw new ConfigError('DATABASE_URL', `cannot reach the database at ${database.location}: ${reason}`);
    }
  }
  return { config, logger, database, close: () => database.close() };
}
