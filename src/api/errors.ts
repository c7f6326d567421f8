/**
 * The API's one error shape, `{ error: { code, message, details? } }`, from a closed set of codes,
 * and the mapping of everything that can go wrong on a request into it: our own {@link ApiError}s,
 * request validation (zod, with one detail per failing field), Fastify's `FST_*` errors (body too
 * large, bad JSON, wrong media type), analytics errors and database constraint violations.
 */
import { z } from 'zod';
import { AnalyticsError } from '../analytics/analytics-error.js';

/** Every error code the API answers with, and its HTTP status. */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  VALIDATION_ERROR: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

/** One problem with the request: where (a field path, a CSV row and column) and why. */
export interface ErrorDetail {
  /** Dotted path of the field ("body.name", "query.limit"), or a CSV location ("row 3, column quantity"). */
  field?: string;
  row?: number;
  column?: string;
  code?: string;
  message: string;
}

/** The error body's schema, for every route's 4xx/5xx responses in the OpenAPI document. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z.array(z.object({
      field: z.string().optional(), row: z.number().int().optional(), column: z.string().optional(), code: z.string().optional(), message: z.string(),
    })).optional(),
  }),
});

/** An error a route or service throws on purpose: answered as is. */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = ERROR_STATUS[code];
  }
}

/** The 404 of every resource that does not exist or is not the caller's: the same answer for both. */
export function notFound(what: string, id: string): ApiError {
  return new ApiError('NOT_FOUND', `${what} ${id} does not exist`);
}

interface FastifyLikeError extends Error {
  statusCode?: number;
  code?: string;
  validation?: { instancePath?: string; message?: string; keyword?: string; params?: Record<string, unknown> }[];
  validationContext?: string;
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_TYPE: 'BAD_REQUEST',
  FST_ERR_NOT_FOUND: 'NOT_FOUND',
  // An id longer than any id: nothing has it.
  FST_ERR_MAX_PARAM_LENGTH: 'NOT_FOUND',
  FST_ERR_BAD_URL: 'BAD_REQUEST',
};

/**
 * PostgreSQL SQLSTATEs a request can cause with input that passed validation (a race past a
 * pre-check, a value at a column's edge). The database's own detail text is never passed on: it can
 * quote the whole row.
 */
const PG_CODES: Record<string, [ErrorCode, string]> = {
  '23505': ['CONFLICT', 'it already exists'],
  '23503': ['NOT_FOUND', 'a record it refers to does not exist'],
  '23514': ['UNPROCESSABLE', 'a value is outside what is accepted'],
  '22003': ['UNPROCESSABLE', 'a number is out of range'],
  '22001': ['VALIDATION_ERROR', 'a text is too long'],
  '22021': ['VALIDATION_ERROR', 'a text holds a character that cannot be stored (such as NUL)'],
  '22P05': ['VALIDATION_ERROR', 'a text holds a character that cannot be stored'],
  '22007': ['VALIDATION_ERROR', 'a date or time is malformed'],
  '22008': ['VALIDATION_ERROR', 'a date or time is out of range'],
  '22009': ['VALIDATION_ERROR', 'a time zone is malformed'],
  '22P02': ['VALIDATION_ERROR', 'a value is malformed'],
  '40P01': ['CONFLICT', 'a concurrent change collided with this one; retry'],
  '40001': ['CONFLICT', 'a concurrent change collided with this one; retry'],
};

/** Maps any thrown value to the status and body the client gets; `internal` says it was a server fault (log it). */
export function toErrorResponse(e: unknown): { status: number; body: z.infer<typeof ErrorBody>; internal: boolean } {
  const answer = (code: ErrorCode, message: string, details?: ErrorDetail[]) => ({
    status: ERROR_STATUS[code], body: { error: { code, message, ...(details && details.length > 0 ? { details } : {}) } }, internal: ERROR_STATUS[code] >= 500,
  });
  if (e instanceof ApiError) return answer(e.code, e.message, e.details);
  const err = e as FastifyLikeError;
  if (err && Array.isArray(err.validation)) {
    const where = err.validationContext ?? 'request';
    const details = err.validation.map((v) => {
      const path = (v.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
      const missing = v.keyword === 'required' && typeof v.params?.missingProperty === 'string' ? String(v.params.missingProperty) : null;
      const field = [where, path, missing].filter((x) => x).join('.');
      return { field, code: v.keyword ?? 'invalid', message: v.message ?? 'is invalid' };
    });
    return answer('VALIDATION_ERROR', `invalid ${where}: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`, details);
  }
  if (e instanceof AnalyticsError) return answer('UNPROCESSABLE', e.message, [{ ...(e.field ? { field: e.field } : {}), code: e.code, message: e.message }]);
  if (err?.code && FASTIFY_CODES[err.code]) return answer(FASTIFY_CODES[err.code], err.message);
  if (err?.code && PG_CODES[err.code]) {
    const [code, message] = PG_CODES[err.code];
    const constraint = (err as Error & { constraint?: string }).constraint;
    return answer(code, constraint ? `${message} (${constraint})` : message, constraint ? [{ code: constraint, message }] : undefined);
  }
  if (err?.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    const code = (Object.entries(ERROR_STATUS).find(([, s]) => s === err.statusCode)?.[0] ?? 'BAD_REQUEST') as ErrorCode;
    return answer(code, err.message);
  }
  return answer('INTERNAL_ERROR', 'Internal server error');
}

/** The path of the first string holding a NUL character in a parsed request part, or null. */
export function nulPath(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = nulPath(v, `${path}.${i}`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = nulPath(k, path) ?? nulPath(v, `${path}.${k}`);
      if (found) return found;
    }
  }
  return null;
}
