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

/** The password {@link signUp} gives every user. */
export const TEST_PASSWORD = 'long enough password';

/** Registers `names` (email name@example.com, {@link TEST_PASSWORD}) through the API and logs each in; returns their bearer tokens by name. */
export async function signUp(app: App, names: readonly string[]): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const name of names) {
    const r = await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { email: `${name}@example.com`, username: name, password: TEST_PASSWORD } });
    if (r.statusCode !== 201) throw new Error(`registering ${name}: ${r.body}`);
    tokens[name] = (await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: name, password: TEST_PASSWORD } })).json().access_token;
  }
  return tokens;
}
