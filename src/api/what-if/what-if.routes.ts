import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { callerOf } from '../auth/auth.routes.js';
import { ErrorBody } from '../errors.js';
import { portfolioExport, sessionFixExport } from '../exports/exports.service.js';
import { addTrade, cancelSession, changeTrade, completeSession, getSession, listSessions, openSession, removeTrade, renameSession } from './what-if.service.js';

const Id = z.string().max(100);
const N = z.number().nullable();
const Exposure = z.object({ long: z.number(), short: z.number(), gross: z.number(), net: z.number(), delta_adjusted: z.number(), positions: z.number() });
const Summary = z.object({
  as_of: z.string(), equity: z.number(), market_value: z.number(), cash: z.number(), total_pnl: z.number(), exposures: Exposure,
  exposures_by_sector: z.record(z.string(), Exposure), exposures_by_tag: z.record(z.string(), Exposure), beta: N,
  factor_exposures: z.record(z.string(), z.object({ beta: z.number(), dollars: z.number() })),
  greeks: z.object({ delta_dollars: z.number(), gamma_dollars_per_1pct: z.number(), theta_per_day: z.number(), vega_per_vol_point: z.number(), rho_per_rate_point: z.number() }),
  greeks_by_underlying: z.record(z.string(), z.object({ market_value: z.number(), delta_dollars: z.number(), gamma_dollars_per_1pct: z.number(), theta_per_day: z.number(), vega_per_vol_point: z.number() })),
  volatility_annualized: N,
  var: z.record(z.string(), z.object({ var: z.number(), cvar: z.number() })).describe('keyed "method confidence horizon", e.g. "historical 0.95 1d"; positive dollar losses'),
  component_var: z.record(z.string(), z.object({ symbol: z.string(), component_var: z.number(), percent_of_var: z.number() })).describe('per position or trade id, 95% over 1 day'),
  concentration: z.object({ hhi: z.number(), effective_n: z.number(), top5: z.number() }).nullable(),
  stress: z.record(z.string(), z.object({ name: z.string(), direct_pnl: z.number(), correlated_pnl: z.number() })),
  positions: z.record(z.string(), z.object({ symbol: z.string(), quantity: z.number(), market_value: z.number(), delta_dollars: z.number() })),
  warnings: z.array(z.string()),
});
const Trade = z.object({
  id: z.uuid(), symbol: z.string(), quantity: z.number(), price: z.number(), price_given: z.boolean(), position_type: z.string(),
  underlying_symbol: z.string().nullable(), strike_price: N, expiration_date: z.string().nullable(), option_type: z.string().nullable(),
  close_position_id: z.string().nullable(), created_at: z.string(),
});
export const Session = z.object({
  id: z.uuid(), portfolio_id: z.uuid(), name: z.string(), description: z.string().nullable(), status: z.string(), as_of: z.string().nullable(),
  trades: z.array(Trade), before: Summary, after: Summary, difference: z.record(z.string(), z.unknown()).describe('after - before, in the same shape'),
  created_at: z.string(), updated_at: z.string(), completed_at: z.string().nullable(),
});
const Price = z.number().min(0.000001, 'must be at least 0.000001').lt(1e10);
const TradeBody = z.object({
  symbol: z.string().max(64).optional().describe('ticker, or an OCC option symbol'),
  quantity: z.number().optional().describe('signed: > 0 buys, < 0 sells (shares, or contracts)'),
  price: Price.optional().describe("default: the session day's close (a limit order in the FIX export when given)"),
  underlying_symbol: z.string().max(16).optional(), strike_price: z.number().optional(), expiration_date: z.string().max(10).optional(), option_type: z.enum(['CALL', 'PUT']).optional(),
  close_position_id: z.string().max(100).optional().describe('close this position of the book instead (whole, at price or the close)'),
}).strict();
const Naming = z.object({ name: z.string().trim().min(1).max(255).optional(), description: z.string().max(10_000).nullish() }).strict();
const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const secured = { tags: ['what-if'], security: [{ bearer: [] }] };
const exportTags = { tags: ['exports'], security: [{ bearer: [] }] };

/** /api/v1/what-if and the exports: trades tried on a portfolio before they are made. */
export function whatIfRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const db = ctx.database.db;
  return async (app) => {
    app.post('/api/v1/portfolios/:id/what-if', {
      schema: { ...secured, summary: 'Open a what-if session on the portfolio as it stands on its latest computed day', params: z.object({ id: Id }), body: Naming.nullish(), response: { 201: Session, ...errors } },
    }, async (req, reply) => reply.code(201).send(await openSession(db, await callerOf(req), req.params.id, req.body ?? {})));
    app.get('/api/v1/what-if', {
      schema: {
        ...secured, summary: 'Your what-if sessions, newest first',
        querystring: z.object({ portfolio_id: Id.optional(), status: z.enum(['active', 'completed', 'cancelled']).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ items: z.array(z.object({ id: z.uuid(), portfolio_id: z.uuid(), name: z.string(), status: z.string(), as_of: z.string().nullable(), trades: z.number(), created_at: z.string(), updated_at: z.string(), completed_at: z.string().nullable() })) }), ...errors },
      },
    }, async (req) => listSessions(db, await callerOf(req), req.query));
    app.get('/api/v1/what-if/:sessionId', {
      schema: { ...secured, summary: 'A session: its trades and the risk before, after and the difference', params: z.object({ sessionId: Id }), response: { 200: Session, ...errors } },
    }, async (req) => getSession(db, await callerOf(req), req.params.sessionId));
    app.patch('/api/v1/what-if/:sessionId', {
      schema: { ...secured, summary: 'Name, describe (save) a session', params: z.object({ sessionId: Id }), body: Naming, response: { 200: Session, ...errors } },
    }, async (req) => renameSession(db, await callerOf(req), req.params.sessionId, req.body));
    app.post('/api/v1/what-if/:sessionId/trades', {
      schema: {
        ...secured, summary: 'Add a trade (a stock or ETF long or short, an option by OCC symbol or fields, or the close of a position)',
        description: 'Refused (422) when the symbol has no stored prices on or before the session day. Answers the session with the new "after".',
        params: z.object({ sessionId: Id }), body: TradeBody, response: { 201: Session, ...errors },
      },
    }, async (req, reply) => reply.code(201).send(await addTrade(db, await callerOf(req), req.params.sessionId, req.body)));
    app.patch('/api/v1/what-if/:sessionId/trades/:tradeId', {
      schema: { ...secured, summary: 'Resize or reprice a trade', params: z.object({ sessionId: Id, tradeId: Id }), body: z.object({ quantity: z.number().optional(), price: Price.optional() }).strict(), response: { 200: Session, ...errors } },
    }, async (req) => changeTrade(db, await callerOf(req), req.params.sessionId, req.params.tradeId, req.body));
    app.delete('/api/v1/what-if/:sessionId/trades/:tradeId', {
      schema: { ...secured, summary: 'Remove a trade', params: z.object({ sessionId: Id, tradeId: Id }), response: { 200: Session, ...errors } },
    }, async (req) => removeTrade(db, await callerOf(req), req.params.sessionId, req.params.tradeId));
    app.post('/api/v1/what-if/:sessionId/complete', {
      schema: {
        ...secured, summary: 'Complete a session; with apply, create and close its positions in one transaction (the refresh follows)',
        params: z.object({ sessionId: Id }),
        body: z.object({ apply: z.boolean().default(false), entry_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').optional().describe("entry date of the applied positions (default: the session's day, whose close priced them; a later day enters them from that day on)") }).strict(),
        response: { 200: Session.extend({ applied: z.object({ created_position_ids: z.array(z.uuid()), closed_position_ids: z.array(z.uuid()), entry_date: z.string().nullable() }) }), ...errors },
      },
    }, async (req) => completeSession(db, await callerOf(req), req.params.sessionId, req.body));
    app.post('/api/v1/what-if/:sessionId/cancel', {
      schema: { ...secured, summary: 'Cancel a session', params: z.object({ sessionId: Id }), response: { 200: Session, ...errors } },
    }, async (req) => cancelSession(db, await callerOf(req), req.params.sessionId));

    app.get('/api/v1/what-if/:sessionId/export', {
      schema: {
        ...exportTags, summary: "The session's trades as FIX 4.4 NewOrderSingle messages (a .fix file)", params: z.object({ sessionId: Id }),
        querystring: z.object({ format: z.literal('fix').default('fix') }), response: { 200: z.string(), ...errors },
      },
    }, async (req, reply) => {
      const file = await sessionFixExport(db, await callerOf(req), req.params.sessionId, ctx.config.fix);
      return reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.body);
    });
    app.get('/api/v1/portfolios/:id/export', {
      schema: {
        ...exportTags, summary: 'Positions (re-importable CSV), snapshot history or the full risk report, as CSV or JSON', params: z.object({ id: Id }),
        querystring: z.object({ type: z.enum(['positions', 'snapshots', 'risk']), format: z.enum(['csv', 'json']).default('csv') }), response: { 200: z.string(), ...errors },
      },
    }, async (req, reply) => {
      const file = await portfolioExport(db, await callerOf(req), req.params.id, req.query.type, req.query.format);
      return reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.body);
    });
  };
}
