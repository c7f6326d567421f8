import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { ApiError, ErrorBody } from '../errors.js';
import { authenticate, me, register, type Caller } from './auth.service.js';
import { LoginLimiter } from './login-limiter.js';

/** The token's claims: the user's id and role. */
interface Claims {
  sub: string;
  role: 'user' | 'admin';
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: Claims;
    user: Claims;
  }
}

/** The verified caller of a request, or UNAUTHORIZED. Every route but login, register and health calls it first. */
export async function callerOf(request: FastifyRequest): Promise<Caller> {
  try {
    const claims = await request.jwtVerify<Claims>();
    if (typeof claims.sub !== 'string' || (claims.role !== 'user' && claims.role !== 'admin')) throw new Error('malformed claims');
    return { id: claims.sub, role: claims.role };
  } catch {
    throw new ApiError('UNAUTHORIZED', 'a valid bearer token is required (POST /api/v1/auth/login)');
  }
}

/**
 * The caller, who must be an admin now (FORBIDDEN otherwise). The role is read from the database, not
 * only the token: an admin demoted (`sigmasight user role NAME user`) or deactivated loses the admin
 * endpoints at once, not when the token expires.
 */
export async function adminOf(request: FastifyRequest, db: Kysely<DB>): Promise<Caller> {
  const caller = await callerOf(request);
  if (caller.role === 'admin') {
    const user = await db.selectFrom('users').select('role').where('id', '=', caller.id).where('is_active', '=', true).where('deleted_at', 'is', null).executeTakeFirst();
    if (user?.role === 'admin') return caller;
  }
  throw new ApiError('FORBIDDEN', 'this endpoint is for administrators');
}

export const User = z.object({
  id: z.uuid(), email: z.string(), username: z.string(), full_name: z.string().nullable(), role: z.enum(['user', 'admin']), is_demo: z.boolean(), created_at: z.string(),
});
const Password = z.string().min(8, 'must be at least 8 characters').refine((p) => Buffer.byteLength(p, 'utf8') <= 72, 'must be at most 72 bytes (bcrypt reads no further)');
const Register = z.object({
  email: z.string().trim().toLowerCase().max(255).regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'must be an email address')
    .refine((e) => /^[\x21-\x7e]+$/.test(e), 'must be an email address of printable ASCII characters'),
  username: z.string().trim().regex(/^[A-Za-z0-9_.-]{3,100}$/, 'must be 3-100 letters, digits, _ . or -'),
  password: Password,
  full_name: z.string().max(255).nullish(),
}).strict();
const Login = z.object({
  username: z.string().min(1).max(255).optional(),
  email: z.string().min(1).max(255).optional(),
  password: z.string().min(1).max(1024),
}).strict().refine((b) => (b.username === undefined) !== (b.email === undefined), { message: 'give either username or email', path: ['username'] });
const Token = z.object({ access_token: z.string(), token_type: z.literal('bearer'), expires_in: z.number().int() });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 409: ErrorBody, 429: ErrorBody };

/** POST /api/v1/auth/register, POST /api/v1/auth/login, GET /api/v1/auth/me. */
export function authRoutes(ctx: AppContext, limiter = new LoginLimiter()): FastifyPluginAsyncZod {
  const db = ctx.database.db;
  const expiresIn = ctx.config.jwtExpiryHours * 3600;
  return async (app) => {
    app.post('/api/v1/auth/register', {
      schema: { tags: ['auth'], summary: 'Create an account', body: Register, response: { 201: User, ...errors } },
    }, async (req, reply) => reply.code(201).send(await register(db, req.body, ctx.config.registrationEnabled)));

    app.post('/api/v1/auth/login', {
      schema: { tags: ['auth'], summary: 'Exchange a username or email and password for a bearer token', body: Login, response: { 200: Token, ...errors } },
    }, async (req, reply) => {
      const login = req.body.username ?? req.body.email ?? '';
      try {
        const user = await authenticate(db, login, req.body.password, req.ip, limiter);
        const token = await reply.jwtSign({ sub: user.id, role: user.role }, { expiresIn });
        return { access_token: token, token_type: 'bearer' as const, expires_in: expiresIn };
      } catch (e) {
        const wait = (e as { retryAfter?: number }).retryAfter;
        if (wait) void reply.header('retry-after', String(wait));
        throw e;
      }
    });

    app.get('/api/v1/auth/me', {
      schema: { tags: ['auth'], summary: 'The account of the bearer token', security: [{ bearer: [] }], response: { 200: User, 401: ErrorBody } },
    }, async (req) => me(db, await callerOf(req)));
  };
}
