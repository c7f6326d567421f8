import { buildServer, type App } from '../../src/api/server.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/logger.js';
import { VERSION } from '../../src/version.js';
import type { TestDatabase } from './test-database.js';

/**
 * The real HTTP server over a test database, silent, not listening (use inject) unless `listen` is
 * called. `env` adds settings (e.g. REGISTRATION_ENABLED).
 */
export async function createTestApp(database: TestDatabase, env: Record<string, string> = {}): Promise<App> {
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'test-secret-that-is-long-enough-0123456789', LOG_LEVEL: 'silent', ...env });
  return buildServer({ database, config, logger: createLogger(config), version: VERSION });
}
