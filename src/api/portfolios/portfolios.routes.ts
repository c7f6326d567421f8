import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import type { PortfolioReadCache } from '../read-cache.js';
import { callerOf } from '../auth/auth.routes.js';
import { ErrorBody } from '../errors.js';
import { PageQuery, page } from '../pagination.js';
import { isIsoDate } from '../../iso-date.js';
import { createCashFlow, deleteCashFlow, listCashFlows } from './cash-flows.service.js';
import { createPortfolio, deletePortfolio, getPortfolio, listPortfolios, updatePortfolio } from './portfolios.service.js';

export const Portfolio = z.object({
  id: z.uuid(), name: z.string(), description: z.string().nullable(), currency: z.string(), equity_balance: z.number().nullable(),
  positions: z.number().int(), recompute_from: z.string().nullable().describe('stored results from this day on are stale (a later cash flow or equity change) and being recomputed'),
  created_at: z.string(), updated_at: z.string(),
});
const CashFlow = z.object({ id: z.uuid(), portfolio_id: z.uuid(), flow_date: z.string(), amount: z.number(), description: z.string().nullable(), created_at: z.string() });
const CashFlowInput = z.object({
  flow_date: z.string().refine(isIsoDate, 'must be a calendar date YYYY-MM-DD'),
  // numeric(18, 2): whole cents, nonzero, below 10^16 either way.
  amount: z.number().refine((a) => a !== 0, 'must not be zero (deposits are positive, withdrawals negative)').gt(-1e16).lt(1e16)
    .refine((a) => Math.abs(Math.round(a * 100) - a * 100) < 1e-6, 'must be in whole cents'),
  description: z.string().max(1000).nullish(),
}).strict();
const Name = z.string().trim().min(1, 'must not be blank').max(255);
const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as USD');
// numeric(18, 2): at least a cent, below 10^16.
const Equity = z.number().min(0.01, 'must be at least 0.01').lt(1e16, 'must be below 10,000,000,000,000,000');
const Create = z.object({ name: Name, description: z.string().max(10_000).nullish(), currency: Currency.optional(), equity_balance: Equity.nullish() }).strict();
const Update = z.object({ name: Name.optional(), description: z.string().max(10_000).nullable().optional(), currency: Currency.optional(), equity_balance: Equity.nullable().optional() }).strict();
const Params = z.object({ id: z.string().max(100) });
const FlowParams = z.object({ id: z.string().max(100), flowId: z.string().max(100) });
const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const secured = { tags: ['portfolios'], security: [{ bearer: [] }] };

/** /api/v1/portfolios: the caller's portfolios. */
export function portfolioRoutes(ctx: AppContext, readCache: PortfolioReadCache): FastifyPluginAsyncZod {
  const db = ctx.database.db;
  return async (app) => {
    app.get('/api/v1/portfolios', { schema: { ...secured, summary: 'Your portfolios', querystring: PageQuery, response: { 200: page(Portfolio), ...errors } } },
      async (req) => listPortfolios(db, await callerOf(req), req.query));
    app.post('/api/v1/portfolios', { schema: { ...secured, summary: 'Create a portfolio', body: Create, response: { 201: Portfolio, ...errors } } },
      async (req, reply) => reply.code(201).send(await createPortfolio(db, await callerOf(req), req.body)));
    app.get('/api/v1/portfolios/:id', { schema: { ...secured, summary: 'One of your portfolios', params: Params, response: { 200: Portfolio, ...errors } } },
      async (req) => getPortfolio(db, await callerOf(req), req.params.id));
    app.patch('/api/v1/portfolios/:id', { schema: { ...secured, summary: 'Rename or change a portfolio', params: Params, body: Update, response: { 200: Portfolio, ...errors } } },
      async (req) => {
        const updated = await updatePortfolio(db, await callerOf(req), req.params.id, req.body);
        // This server's cached answers go at once; every server's (this one's too) on the database's notification.
        readCache.invalidate(req.params.id);
        return updated;
      });
    app.delete('/api/v1/portfolios/:id', { schema: { ...secured, summary: 'Delete a portfolio (soft)', params: Params, response: { 204: z.null(), ...errors } } },
      async (req, reply) => {
        await deletePortfolio(db, await callerOf(req), req.params.id);
        readCache.invalidate(req.params.id);
        return reply.code(204).send(null);
      });

    const flows = { ...secured, tags: ['cash flows'] };
    app.get('/api/v1/portfolios/:id/cash-flows', { schema: { ...flows, summary: 'Deposits and withdrawals, newest first', params: Params, querystring: PageQuery, response: { 200: page(CashFlow), ...errors } } },
      async (req) => listCashFlows(db, await callerOf(req), req.params.id, req.query));
    app.post('/api/v1/portfolios/:id/cash-flows', {
      schema: {
        ...flows, summary: 'Record a deposit (amount > 0) or withdrawal (amount < 0)',
        description: 'Equity rolls forward as previous equity + P&L + the day\'s flows. A flow dated on or before a stored day makes the results from there stale: '
          + 'they are recomputed in the background, and recompute_from says from which day.',
        params: Params, body: CashFlowInput, response: { 201: CashFlow.extend({ recompute_from: z.string().nullable() }), ...errors },
      },
    }, async (req, reply) => reply.code(201).send(await createCashFlow(db, await callerOf(req), req.params.id, req.body)));
    app.delete('/api/v1/portfolios/:id/cash-flows/:flowId', { schema: { ...flows, summary: 'Delete a mistaken cash flow (its days are recomputed)', params: FlowParams, response: { 204: z.null(), ...errors } } },
      async (req, reply) => {
        await deleteCashFlow(db, await callerOf(req), req.params.id, req.params.flowId);
        return reply.code(204).send(null);
      });
  };
}
