import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ping } from '../../db/database.js';
import { readMigrationFiles } from '../../db/migrator.js';
import { schemaReady } from '../../system/system-status.js';
import type { AppContext } from '../app-context.js';

const Live = z.object({ status: z.literal('ok') });
const Ready = z.object({ status: z.enum(['ready', 'not_ready']), database: z.string(), reason: z.string().optional() });

/** Liveness (the process answers) and readiness (the database answers and every migration is applied). */
export function healthRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  // Read once: a probe every few seconds should not re-read and hash the migration files.
  const migrationFiles = readMigrationFiles();
  return async (app) => {
    app.get('/health/live', { schema: { tags: ['health'], summary: 'The process is up', response: { 200: Live } } }, async () => ({ status: 'ok' as const }));

    app.get(
      '/health/ready',
      { schema: { tags: ['health'], summary: 'The database answers and its schema is current', response: { 200: Ready, 503: Ready } } },
      async (_req, reply) => {
        const database = ctx.database.engine;
        if (!(await ping(ctx.database.db))) return reply.code(503).send({ status: 'not_ready', database, reason: 'database does not answer' });
        try {
          const schema = await schemaReady(ctx.database.db, migrationFiles);
          if (!schema.ready) return reply.code(503).send({ status: 'not_ready', database, reason: schema.reason });
        } catch (e) {
          return reply.code(503).send({ status: 'not_ready', database, reason: `schema check failed: ${(e as Error).message}` });
        }
        return { status: 'ready' as const, database };
      },
    );
  };
}
