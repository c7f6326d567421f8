import { loadConfig, readEnvironment, type Config } from '../config/config.js';
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
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  return { config, logger, database, close: () => database.close() };
}
