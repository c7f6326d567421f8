import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../package-root.js';
import type { AppContext } from './app-context.js';
import { healthRoutes } from './routes/health.routes.js';
import { systemRoutes } from './routes/system.routes.js';

/** Paths that name a static file (a missing one is a 404, not the app); /symbols/BRK.B stays an app route. */
const ASSET_FILE = /\.(?:js|mjs|css|map|ico|png|jpe?g|gif|svg|webp|woff2?|ttf|txt|json|webmanifest|html?)$/i;

/** Where `vite build` puts the dashboard. */
export function dashboardDir(): string {
  return path.join(packageRoot(), 'dist', 'web');
}

/**
 * Builds the HTTP server: zod-validated routes, OpenAPI at /api/openapi.json, and the dashboard
 * (a single-page app) for every other GET. Errors answer in one shape: { error: { code, message } }.
 */
export async function buildServer(ctx: AppContext) {
  const app = Fastify({ loggerInstance: ctx.logger as FastifyBaseLogger }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'SigmaSight API', version: ctx.version, description: 'Portfolio risk for long/short books with options.' },
    },
    transform: jsonSchemaTransform,
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string; validation?: unknown }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    void reply.code(status).send({
      error: {
        code: error.validation ? 'VALIDATION_ERROR' : (error.code ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST')),
        message: status >= 500 ? 'Internal server error' : error.message,
      },
    });
  });

  await app.register(healthRoutes(ctx));
  await app.register(systemRoutes(ctx));
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const webDir = dashboardDir();
  const hasDashboard = existsSync(path.join(webDir, 'index.html'));
  if (hasDashboard) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: ['index.html'] });
  } else {
    ctx.logger.warn({ webDir }, 'dashboard not built: run "npm run build" to serve it');
  }
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes get the app; API paths, health paths and missing files (anything with an
    // extension, such as /favicon.ico) get a 404.
    const pathname = request.url.split('?')[0];
    const wantsPage = request.method === 'GET' && !/^\/(api|health)(\/|$)/.test(pathname) && !ASSET_FILE.test(pathname);
    if (wantsPage && hasDashboard) return reply.type('text/html').sendFile('index.html');
    if (wantsPage) {
      return reply.code(503).type('text/plain').send('The SigmaSight dashboard is not built. Run "npm run build" (npm install does it) and restart.');
    }
    return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `${request.method} ${request.url} does not exist` } });
  });
  return app;
}

export type App = Awaited<ReturnType<typeof buildServer>>;
