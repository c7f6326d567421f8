import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';

/** What route plugins need: the open database, configuration, logger and the running version. */
export interface AppContext {
  database: Database;
  config: Config;
  logger: Logger;
  version: string;
}
