/**
 * The dashboard's API types (web/src/api-types.ts), generated from the OpenAPI document the server
 * publishes, so the client is typed by the same zod schemas that validate and serialize the answers.
 * `npm run api:types` writes the file; test/http/api-types.test.ts fails while it differs from what
 * this module renders, so a route's schema cannot change without the client seeing it.
 */
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import path from 'node:path';
import { buildServer } from '../src/api/server.js';
import { loadConfig } from '../src/config/config.js';
import { openDatabase } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { packageRoot } from '../src/package-root.js';
import { VERSION } from '../src/version.js';

/** The command that regenerates the file, named in its header and in the drift test's message. */
export const API_TYPES_COMMAND = 'npm run api:types';

/** The generated file, committed: the web build compiles it like any other source. */
export function apiTypesFile(): string {
  return path.join(packageRoot(), 'web', 'src', 'api-types.ts');
}

/**
 * The OpenAPI document of the real server, built in-process and never listening. Its routes are
 * registered without touching the database, so an empty in-memory PGlite is enough; the settings are
 * fixed (and none reads the environment) because the document must not vary with the machine.
 */
export async function openApiDocument(): Promise<OpenAPI3> {
  const database = await openDatabase({ dataDir: 'memory' });
  try {
    // Only to satisfy the JWT plugin's registration: the app never signs or verifies a token here.
    const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'api-types-generation-only-0123456789abcdef', LOG_LEVEL: 'silent' });
    const app = await buildServer({ database, config, logger: createLogger(config), version: VERSION });
    try {
      await app.ready();
      return app.swagger() as OpenAPI3;
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}

/** The TypeScript of `doc`'s paths and schemas, as openapi-typescript prints them, under a header saying where it comes from. */
export async function renderApiTypes(doc: OpenAPI3): Promise<string> {
  const header = [
    '/**',
    ' * Types of the SigmaSight API, generated from its OpenAPI document (GET /api/v1/openapi.json) by',
    ` * openapi-typescript. Do not edit: run \`${API_TYPES_COMMAND}\` after changing a route's schema.`,
    ' * test/http/api-types.test.ts fails while this file differs from what the server publishes.',
    ' */',
    '',
  ].join('\n');
  return header + astToString(await openapiTS(doc));
}
