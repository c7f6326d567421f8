import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { dataFreshness } from '../../market-data/freshness.js';
import type { AppContext } from '../app-context.js';
import { adminOf } from '../auth/auth.routes.js';
import { ErrorBody } from '../errors.js';
import { PageQuery } from '../pagination.js';
import { queueNightlyRun, TRIGGERABLE_KINDS, type JobSender } from '../../batch/job-sender.js';
import { batchRun, batchRuns, failures, jobQueues, jobStatus, onboardingQueue, symbolUniverse } from './admin.service.js';

const S = z.string().nullable();
const Json = z.record(z.string(), z.unknown()).nullable();
const Step = z.object({ id: z.uuid(), type: z.string(), date: z.string(), status: z.string(), started_at: z.string(), ended_at: S, records: z.number().nullable(), error: S, portfolio_id: S, metadata: Json });
const Run = z.object({
  id: z.uuid(), name: z.string(), type: z.string(), status: z.string(), locked_by: S, attempts: z.number(), started_at: S, completed_at: S, heartbeat_at: S, error: S, metadata: Json, created_at: z.string(),
});
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const admin = { tags: ['admin'], security: [{ bearer: [] }] };
const Limit = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

/** /api/v1/admin: operations, for users with the admin role (FORBIDDEN for others). */
export function adminRoutes(ctx: AppContext, jobs: JobSender): FastifyPluginAsyncZod {
  const db = ctx.database.db;
  return async (app) => {
    app.get('/api/v1/admin/batch/runs', {
      schema: { ...admin, summary: 'Batch runs, newest first', querystring: PageQuery.extend({ status: z.enum(['pending', 'running', 'completed', 'failed', 'cancelled']).optional() }), response: { 200: z.object({ items: z.array(Run), next_cursor: S }), ...errors } },
    }, async (req) => {
      await adminOf(req, db);
      return batchRuns(db, req.query);
    });
    app.post('/api/v1/admin/batch/runs', {
      schema: {
        ...admin, summary: 'Start a batch run now, as its schedule would',
        description: 'market_data_update: fetch and compute the last completed session (and missed days), then refresh every portfolio (on any day, unlike its schedule, which skips holidays); '
          + 'calculate_risk_metrics / create_daily_snapshot: refresh the portfolios without a snapshot of the last computed day. '
          + 'One run per kind at a time: while one waits or runs, its job is answered (queued: false). Follow it at /admin/jobs/{job_id}.',
        body: z.object({ kind: z.enum(TRIGGERABLE_KINDS) }).strict(),
        response: { 202: z.object({ job_id: z.uuid(), kind: z.enum(TRIGGERABLE_KINDS), queued: z.boolean() }), ...errors },
      },
    }, async (req, reply) => {
      await adminOf(req, db);
      const { id, queued } = await queueNightlyRun(await jobs.boss(), req.body.kind);
      return reply.code(202).send({ job_id: id, kind: req.body.kind, queued });
    });
    app.get('/api/v1/admin/batch/runs/:id', {
      schema: { ...admin, summary: 'One batch run and its audit log, step by step', params: z.object({ id: z.string().max(100) }), response: { 200: Run.omit({ locked_by: true, attempts: true, heartbeat_at: true, created_at: true }).extend({ steps: z.array(Step) }), ...errors } },
    }, async (req) => {
      await adminOf(req, db);
      return batchRun(db, req.params.id);
    });
    app.get('/api/v1/admin/batch/failures', { schema: { ...admin, summary: 'The latest failed steps', querystring: Limit, response: { 200: z.object({ items: z.array(Step) }), ...errors } } }, async (req) => {
      await adminOf(req, db);
      return failures(db, req.query);
    });
    app.get('/api/v1/admin/jobs', {
      schema: { ...admin, summary: 'Job queue: jobs per queue and state', response: { 200: z.object({ items: z.array(z.object({ queue: z.string(), states: z.record(z.string(), z.number()) })) }), ...errors } },
    }, async (req) => {
      await adminOf(req, db);
      return jobQueues(db);
    });
    app.get('/api/v1/admin/jobs/:id', {
      schema: {
        ...admin, summary: 'One job of the batch queues: state, attempts, output, and the batch run it recorded', params: z.object({ id: z.string().max(100) }),
        response: {
          200: z.object({
            id: z.uuid(), queue: z.string(), state: z.string(), data: Json, output: z.unknown(), attempts: z.number(), retry_limit: z.number(),
            created_at: z.string(), started_at: S, completed_at: S, batch_run_id: S,
          }), ...errors,
        },
      },
    }, async (req) => {
      await adminOf(req, db);
      return jobStatus(db, req.params.id);
    });
    app.get('/api/v1/admin/onboarding', {
      schema: {
        ...admin, summary: 'The symbol onboarding queue', querystring: Limit.extend({ status: z.enum(['pending', 'processing', 'completed', 'failed']).optional() }),
        response: { 200: z.object({ counts: z.record(z.string(), z.number()), items: z.array(z.object({ id: z.uuid(), symbol: z.string(), status: z.string(), priority: z.string(), attempts: z.number(), max_attempts: z.number(), error: S, next_attempt_at: S, locked_by: S, created_at: z.string() })) }), ...errors },
      },
    }, async (req) => {
      await adminOf(req, db);
      return onboardingQueue(db, req.query);
    });
    app.get('/api/v1/admin/symbols', {
      schema: {
        ...admin, summary: 'Symbols in error or failing (or of one status)', querystring: Limit.extend({ status: z.enum(['pending', 'active', 'error', 'delisted']).optional() }),
        response: { 200: z.object({ items: z.array(z.object({ symbol: z.string(), status: z.string(), reason: S, consecutive_failures: z.number(), asset_type: z.string(), last_price_date: S, last_factor_date: S, last_synced: S })) }), ...errors },
      },
    }, async (req) => {
      await adminOf(req, db);
      return symbolUniverse(db, req.query);
    });
    app.get('/api/v1/admin/freshness', { schema: { ...admin, summary: 'How current the stored prices and factor betas are (as on the status page)', response: { 200: z.record(z.string(), z.unknown()), 401: ErrorBody, 403: ErrorBody } } }, async (req) => {
      await adminOf(req, db);
      return (await dataFreshness(db)) as unknown as Record<string, unknown>;
    });
  };
}
