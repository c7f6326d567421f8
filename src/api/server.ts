import fastifyJwt from '@fastify/jwt';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyReply } from 'fastify';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../package-root.js';
import type { AppContext } from './app-context.js';
import { authRoutes } from './auth/auth.routes.js';
import { ApiError, nulPath, toErrorResponse } from './errors.js';
import { portfolioRoutes } from './portfolios/portfolios.routes.js';
import { positionRoutes } from './positions/positions.routes.js';
import { riskRoutes } from './risk/risk.routes.js';
import { PortfolioReadCache } from './read-cache.js';
import { tagRoutes } from './tags/tags.routes.js';
import { whatIfRoutes } from './what-if/what-if.routes.js';
import { adminRoutes } from './admin/admin.routes.js';
import { jobSender } from '../batch/job-sender.js';
import { healthRoutes } from './routes/health.routes.js';
import { systemRoutes } from './routes/system.routes.js';

/** Paths that name a static file (a missing one is a 404, not the app); /symbols/BRK.B stays an app route. */
const ASSET_FILE = /\.(?:js|mjs|css|map|ico|png|jpe?g|gif|svg|webp|woff2?|ttf|txt|json|webmanifest|html?)$/i;

/** Where the API reference (Swagger UI over the OpenAPI document) is served. */
export const API_REFERENCE_PATH = '/docs';

/** Where `vite build` puts the dashboard. */
export function dashboardDir(): string {
  return path.join(packageRoot(), 'dist', 'web');
}

/**
 * helmet's security headers, computed once: they do not depend on the request (no nonces), and
 * building them per request (as @fastify/helmet does) cost a few percent of the overview's CPU.
 * The content security policy allows only this server's scripts, styles (inline style attributes
 * too: ECharts and Swagger UI set them) and images (and data: URLs).
 */
export function securityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const capture = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader() {},
  };
  helmet({
    contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'] } },
  })({} as IncomingMessage, capture as unknown as ServerResponse, () => {});
  return headers;
}

/** Largest request body (JSON); the CSV import route sets its own. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Builds the HTTP server: zod-validated routes under /api/v1, OpenAPI at /api/v1/openapi.json (rendered
 * at /docs), bearer tokens (HS256), security headers, and the dashboard (a single-page app) for every
 * other GET. Errors answer in one shape: { error: { code, message, details? } } (src/api/errors.ts).
 */
export async function buildServer(ctx: AppContext) {
  const app = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger, bodyLimit: BODY_LIMIT_BYTES, trustProxy: false,
    // The router's own refusals (a malformed URL, an id too long to exist) answer in the one error shape too.
    frameworkErrors: (error, _request, reply) => {
      const { status, body } = toErrorResponse(error);
      void (reply as unknown as FastifyReply).code(status).send(body);
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'SigmaSight API', version: ctx.version, description: 'Portfolio risk for long/short books with options.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    transform: jsonSchemaTransform,
  });

  // Security headers on every answer; the dashboard's own scripts and styles only (no CDN).
  const headers = securityHeaders();
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  await app.register(fastifyMultipart, { limits: { files: 1, fields: 10 } });
  // CSV bodies (the positions import) arrive as text; the route sets its own size limit.
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  // Verified tokens are cached (up to 10,000, each until its expiry at the latest): a repeated request skips the HMAC.
  await app.register(fastifyJwt, { secret: ctx.config.jwtSecret, sign: { algorithm: 'HS256' }, verify: { algorithms: ['HS256'], cache: 10_000 } });

  // No stored text may hold NUL (PostgreSQL refuses it): refused here, naming the field.
  app.addHook('preValidation', async (request) => {
    const at = nulPath(request.params, 'params') ?? nulPath(request.query, 'query') ?? nulPath(request.body, 'body');
    if (at) throw new ApiError('VALIDATION_ERROR', `${at} holds a NUL character`, [{ field: at, code: 'nul_character', message: 'holds a NUL character' }]);
  });

  app.setErrorHandler((error, request, reply) => {
    const { status, body, internal } = toErrorResponse(error);
    if (internal) request.log.error({ err: error }, 'request failed');
    void reply.code(status).send(body);
  });

  await app.register(healthRoutes(ctx));
  await app.register(systemRoutes(ctx));
  await app.register(authRoutes(ctx));
  // Frequent reads answered from memory until the database says they changed.
  const readCache = new PortfolioReadCache(ctx.database, { onLost: (e) => ctx.logger.warn({ err: e }, 'portfolio change notifications lost: reading every request from the database until listening again') });
  await readCache.start();
  app.addHook('onClose', () => readCache.close());
  app.decorate('readCache', readCache);
  await app.register(portfolioRoutes(ctx, readCache));
  await app.register(positionRoutes(ctx));
  await app.register(riskRoutes(ctx, readCache));
  await app.register(tagRoutes(ctx));
  await app.register(whatIfRoutes(ctx));
  // Jobs an administrator starts go through the queue; this process opens it only to send them.
  const jobs = jobSender(ctx.database, { error: (obj, msg) => ctx.logger.error(obj, msg) });
  app.addHook('onClose', () => jobs.close());
  await app.register(adminRoutes(ctx, jobs));
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // The first path the document was served at, kept for clients that read it there.
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(fastifySwaggerUi, {
    routePrefix: API_REFERENCE_PATH,
    // Swagger UI from the package's own copy of swagger-ui-dist, under /docs/static: no CDN. Its page
    // has no inline script (the initializer is a file), so helmet's policy above applies unchanged;
    // staticCSP is left off because it would replace that policy with a laxer one (https: styles and
    // fonts, validator.swagger.io).
    theme: { title: 'SigmaSight API reference' },
    // The one published document, not the plugin's copy at /docs/json; with `urls` the page loads it
    // and shows no free-text box for loading other documents.
    uiConfig: { urls: [{ url: '/api/v1/openapi.json', name: 'SigmaSight API' }], deepLinking: true },
    // The validator badge would send the document to validator.swagger.io.
    validatorUrl: false,
  });

  const webDir = dashboardDir();
  const hasDashboard = existsSync(path.join(webDir, 'index.html'));
  if (hasDashboard) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: ['index.html'] });
  } else {
    ctx.logger.warn({ webDir }, 'dashboard not built: run "npm run build" to serve it');
  }
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes get the app; API, health and API reference paths and missing files (anything
    // with an extension, such as /favicon.ico) get a 404.
    const pathname = request.url.split('?')[0];
    const wantsPage = request.method === 'GET' && !/^\/(api|health|docs)(\/|$)/.test(pathname) && !ASSET_FILE.test(pathname);
    if (wantsPage && hasDashboard) return reply.type('text/html').sendFile('index.html');
    if (wantsPage) {
      return reply.code(503).type('text/plain').send('The SigmaSight dashboard is not built. Run "npm run build" (npm install does it) and restart.');
    }
    return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `${request.method} ${request.url} does not exist` } });
  });
  return app;
}

export type App = Awaited<ReturnType<typeof buildServer>>;
