import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { callerOf } from '../auth/auth.routes.js';
import { ErrorBody } from '../errors.js';
import { PageQuery, page } from '../pagination.js';
import { ApiError } from '../errors.js';
import { POSITION_CSV_TEMPLATES } from '../../portfolios/position-csv.js';
import { createPositions, deletePosition, getPosition, importPositions, listPositions, updatePosition } from './positions.service.js';

const PositionType = z.enum(['LONG', 'SHORT', 'LC', 'LP', 'SC', 'SP']);
export const Position = z.object({
  id: z.uuid(), portfolio_id: z.uuid(), symbol: z.string(), position_type: PositionType, quantity: z.number(),
  investment_class: z.enum(['PUBLIC', 'OPTIONS', 'PRIVATE']), underlying_symbol: z.string().nullable(), strike_price: z.number().nullable(),
  expiration_date: z.string().nullable(), option_type: z.enum(['CALL', 'PUT']).nullable(), entry_price: z.number(), entry_date: z.string(),
  exit_price: z.number().nullable(), exit_date: z.string().nullable(), last_price: z.number().nullable(), market_value: z.number().nullable(),
  unrealized_pnl: z.number().nullable(), unrealized_pnl_pct: z.number().nullable(), notes: z.string().nullable(), tags: z.array(z.string()),
  sector: z.string().nullable(), industry: z.string().nullable(),
  greeks: z.object({
    as_of: z.string(), delta: z.number(), gamma: z.number(), theta: z.number(), vega: z.number(), delta_dollars: z.number(), gamma_dollars_per_1pct: z.number(),
    theta_per_day: z.number(), vega_per_vol_point: z.number(), implied_volatility: z.number().nullable(), estimated: z.boolean(),
  }).nullable().describe("the batch's Greeks on its latest computed day (options: stored per position; stocks: delta 1, delta dollars = market value)"),
  created_at: z.string(), updated_at: z.string(),
});
const num = z.number().refine(Number.isFinite, 'must be a finite number');
/** A position's fields: the model's checks (src/portfolios/position-input.ts) run in the service, naming each bad field. */
const Input = z.object({
  symbol: z.string().max(64).optional(), position_type: PositionType.optional(), quantity: num.optional(), entry_price: num.optional(), entry_date: z.string().max(32).optional(),
  exit_price: num.nullable().optional(), exit_date: z.string().max(32).nullable().optional(), investment_class: z.enum(['PUBLIC', 'OPTIONS', 'PRIVATE']).optional(),
  underlying_symbol: z.string().max(32).nullable().optional(), strike_price: num.nullable().optional(), expiration_date: z.string().max(32).nullable().optional(),
  option_type: z.enum(['CALL', 'PUT']).nullable().optional(), notes: z.string().max(10_000).nullable().optional(),
}).strict();
/** Largest CSV import. */
export const IMPORT_LIMIT_BYTES = 10 * 1024 * 1024;
const ImportResult = z.object({ dry_run: z.boolean(), imported: z.number().int(), valid_rows: z.number().int(), items: z.array(z.lazy(() => Position)) });
const Bulk = z.object({ positions: z.array(Input).min(1).max(1000) }).strict();
const Close = z.object({ exit_price: num, exit_date: z.string().max(32) }).strict();
const PortfolioParams = z.object({ id: z.string().max(100) });
const ListQuery = PageQuery.extend({ open_only: z.enum(['true', 'false']).optional().transform((v) => v === 'true') });
const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const secured = { tags: ['positions'], security: [{ bearer: [] }] };

/** Positions of the caller's portfolios. */
export function positionRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const db = ctx.database.db;
  return async (app) => {
    app.get('/api/v1/portfolios/:id/positions', {
      schema: { ...secured, summary: 'The positions of a portfolio (open and closed; open_only=true for open ones)', params: PortfolioParams, querystring: ListQuery, response: { 200: page(Position), ...errors } },
    }, async (req) => listPositions(db, await callerOf(req), req.params.id, req.query));
    app.post('/api/v1/portfolios/:id/positions', {
      schema: { ...secured, summary: 'Add a position (an OCC symbol or the four option fields make it an option)', params: PortfolioParams, body: Input, response: { 201: Position, ...errors } },
    }, async (req, reply) => reply.code(201).send((await createPositions(db, await callerOf(req), req.params.id, [req.body], () => 'body.'))[0]));
    app.post('/api/v1/portfolios/:id/positions/bulk', {
      schema: { ...secured, summary: 'Add up to 1,000 positions, all or nothing', params: PortfolioParams, body: Bulk, response: { 201: z.object({ items: z.array(Position) }), ...errors } },
    }, async (req, reply) => reply.code(201).send({ items: await createPositions(db, await callerOf(req), req.params.id, req.body.positions, (i) => `body.positions.${i}.`) }));
    app.post('/api/v1/portfolios/:id/positions/import', {
      bodyLimit: IMPORT_LIMIT_BYTES,
      schema: {
        ...secured, summary: 'Import positions from a CSV file (text/csv body, or multipart field "file"), all or nothing; ?dry_run=true checks only',
        params: PortfolioParams, querystring: z.object({ dry_run: z.enum(['true', 'false']).optional().transform((v) => v === 'true') }),
        response: { 200: ImportResult, 201: ImportResult, ...errors, 413: ErrorBody, 415: ErrorBody },
      },
    }, async (req, reply) => {
      const read = async (): Promise<string> => {
        if (req.isMultipart()) {
          try {
            const file = await req.file({ limits: { fileSize: IMPORT_LIMIT_BYTES, files: 1 } });
            if (!file || file.fieldname !== 'file') throw new ApiError('BAD_REQUEST', 'send the CSV as the multipart field "file"', [{ field: 'body.file', code: 'required', message: 'is required' }]);
            const buffer = await file.toBuffer();
            if (file.file.truncated) throw new ApiError('PAYLOAD_TOO_LARGE', `the file is larger than ${IMPORT_LIMIT_BYTES / 1024 / 1024} MB`);
            return buffer.toString('utf8');
          } catch (e) {
            if (e instanceof ApiError || (e as { statusCode?: number }).statusCode === 413) throw e;
            throw new ApiError('BAD_REQUEST', `not a readable multipart body: ${(e as Error).message}`, [{ field: 'body.file', code: 'malformed', message: 'could not be read' }]);
          }
        }
        if (typeof req.body !== 'string') throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'send the CSV as a text/csv body or as the multipart field "file"');
        return req.body;
      };
      const result = await importPositions(db, await callerOf(req), req.params.id, read, req.query.dry_run);
      return reply.code(result.dry_run ? 200 : 201).send(result);
    });
    app.get('/api/v1/positions/import-template', {
      schema: { tags: ['positions'], summary: 'A CSV template: ?format=simple (ticker,quantity,entry_price,entry_date,tags) or full (the 12 columns)', querystring: z.object({ format: z.enum(['simple', 'full']).default('simple') }) },
    }, async (req, reply) => reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="sigmasight-positions-${req.query.format}.csv"`).send(POSITION_CSV_TEMPLATES[req.query.format]));
    app.get('/api/v1/positions/:id', { schema: { ...secured, summary: 'One of your positions', params: PortfolioParams, response: { 200: Position, ...errors } } },
      async (req) => getPosition(db, await callerOf(req), req.params.id));
    app.patch('/api/v1/positions/:id', { schema: { ...secured, summary: 'Change a position (checked as a whole)', params: PortfolioParams, body: Input, response: { 200: Position, ...errors } } },
      async (req) => updatePosition(db, await callerOf(req), req.params.id, req.body));
    app.post('/api/v1/positions/:id/close', { schema: { ...secured, summary: 'Close a position at an exit price and date (realized P&L)', params: PortfolioParams, body: Close, response: { 200: Position, ...errors } } },
      async (req) => updatePosition(db, await callerOf(req), req.params.id, req.body));
    app.delete('/api/v1/positions/:id', { schema: { ...secured, summary: 'Delete a position (soft)', params: PortfolioParams, response: { 204: z.null(), ...errors } } },
      async (req, reply) => {
        await deletePosition(db, await callerOf(req), req.params.id);
        return reply.code(204).send(null);
      });
  };
}
