import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { batchRuns, systemStatus } from '../../system/system-status.js';
import type { AppContext } from '../app-context.js';

const Level = z.enum(['ok', 'warning', 'critical', 'historical']);
const Dataset = z.object({ latestDate: z.string().nullable(), expectedDate: z.string(), tradingDaysBehind: z.number().int().nullable(), level: Level });

const BatchRuns = z.object({
  running: z.object({
    kind: z.string(), note: z.string(), done: z.number().int(), total: z.number().int(), current: z.string().nullable(), startedAt: z.string(),
  }).nullable(),
  lastRun: z.object({ kind: z.string(), status: z.string(), note: z.string(), error: z.string().nullable(), finishedAt: z.string().nullable() }).nullable(),
});

const Status = z.object({
  version: z.string(),
  engine: z.enum(['pglite', 'postgres']),
  migrations: z.object({ applied: z.number().int(), pending: z.number().int(), changed: z.number().int() }),
  batch: BatchRuns.extend({
    results: z.object({ portfolios: z.number().int(), latestDate: z.string().nullable(), days: z.number().int() }),
  }).nullable(),
  freshness: z
    .object({
      expectedDate: z.string(),
      prices: Dataset,
      factors: Dataset,
      level: Level,
      historical: z.object({ endDate: z.string(), description: z.string().nullable() }).nullable(),
    })
    .nullable(),
  registrationEnabled: z.boolean().describe('whether POST /api/v1/auth/register creates accounts (REGISTRATION_ENABLED)'),
  demoAccounts: z.array(
    z.object({
      username: z.string(),
      portfolios: z.array(z.object({ name: z.string(), description: z.string().nullable(), positions: z.number().int() })),
    }),
  ),
  data: z.object({
    users: z.number().int(),
    demoUsers: z.number().int(),
    portfolios: z.number().int(),
    positions: z.number().int(),
    symbols: z.number().int(),
    prices: z.object({
      bars: z.number().int(),
      symbols: z.number().int(),
      firstDate: z.string().nullable(),
      lastDate: z.string().nullable(),
      synthetic: z.boolean(),
      sources: z.array(
        z.object({ dataSource: z.string(), synthetic: z.boolean(), symbols: z.number().int(), bars: z.number().int(), firstDate: z.string(), lastDate: z.string() }),
      ),
    }),
  }),
});

/**
 * What the installation holds: engine, schema version, data counts, freshness, and the data sources
 * of the stored prices (`data.prices.synthetic` when any is the synthetic demo market's). Read-only, no secrets.
 */
export function systemRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/v1/system/status', { schema: { tags: ['system'], summary: 'Engine, schema and data counts', response: { 200: Status } } }, async () => ({
      version: ctx.version,
      engine: ctx.database.engine,
      registrationEnabled: ctx.config.registrationEnabled,
      ...(await systemStatus(ctx.database.db)),
    }));
    app.get('/api/v1/system/batch', {
      schema: {
        tags: ['system'], summary: 'The batch run in progress and the last finished',
        description: 'The part of /api/v1/system/status that changes while the batch runs, read cheaply: the dashboard follows a run with it.',
        response: { 200: BatchRuns },
      },
    }, async () => batchRuns(ctx.database.db));
  };
}
