import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { callerOf } from '../auth/auth.routes.js';
import { ErrorBody } from '../errors.js';
import { PageQuery, page } from '../pagination.js';
import { createPortfolio, deletePortfolio, getPortfolio, listPortfolios, updatePortfolio } from './portfolios.service.js';

export const Portfolio = z.object({
  id: z.uuid(), name: z.string(), description: z.string().nullable(), currency: z.string(), equity_balance: z.number().nullable(),
  positions: z.number().int(), created_at: z.string(), updated_at: z.string(),
});
const Name = z.string().trim().min(1, 'must not be blank').max(255);
const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as USD');
// numeric(18, 2): at least a cent, below 10^16.
const Equity = z.number().min(0.01, 'must be at least 0.01').lt(1e16, 'must be below 10,000,000,000,000,000');
const Create = z.object({ name: Name, description: z.string().max(10_000).nullish(), currency: Currency.optional(), equity_balance: Equity.nullish() }).strict();
const Update = z.object({ name: Name.optional(), description: z.string().max(10_000).nullable().optional(), currency: Currency.optional(), equity_balance: Equity.nullable().optional() }).strict();
const Params = z.object({ id: z.string().max(100) });
const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const secured = { tags: ['portfolios'], security: [{ bearer: [] }] };

/** /api/v1/portfolios: the caller's portfolios. */
export function portfolioRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const db = ctx.database.db;
  return async (app) => {
    app.get('/api/v1/portfolios', { schema: { ...secured, summary: 'Your portfolios', querystring: PageQuery, response: { 200: page(Portfolio), ...errors } } },
      async (req) => listPortfolios(db, await callerOf(req), req.query));
    app.post('/api/v1/portfolios', { schema: { ...secured, summary: 'Create a portfolio', body: Create, response: { 201: Portfolio, ...errors } } },
      async (req, reply) => reply.code(201).send(await createPortfolio(db, await callerOf(req), req.body)));
    app.get('/api/v1/portfolios/:id', { schema: { ...secured, summary: 'One of your portfolios', params: Params, response: { 200: Portfolio, ...errors } } },
      async (req) => getPortfolio(db, await callerOf(req), req.params.id));
    app.patch('/api/v1/portfolios/:id', { schema: { ...secured, summary: 'Rename or change a portfolio', params: Params, body: Update, response: { 200: Portfolio, ...errors } } },
      async (req) => updatePortfolio(db, await callerOf(req), req.params.id, req.body));
    app.delete('/api/v1/portfolios/:id', { schema: { ...secured, summary: 'Delete a portfolio (soft)', params: Params, response: { 204: z.null(), ...errors } } },
      async (req, reply) => {
        await deletePortfolio(db, await callerOf(req), req.params.id);
        return reply.code(204).send(null);
      });
  };
}
