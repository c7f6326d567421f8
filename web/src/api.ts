import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './api-types';

/**
 * The dashboard's client of the SigmaSight API. Paths, parameters and answers are typed by
 * api-types.ts, generated from the server's OpenAPI document (`npm run api:types`), so a change to a
 * route's schema breaks the web build here instead of the page at run time.
 */
export const api = createClient<paths>({ headers: { accept: 'application/json' } });

const TOKEN_KEY = 'sigmasight.token';
let token: string | null = typeof localStorage === 'undefined' ? null : localStorage.getItem(TOKEN_KEY);
let onUnauthorized: () => void = () => {};

/** The bearer token the client sends (kept in localStorage so a reload stays signed in). */
export function setToken(t: string | null): void {
  token = t;
  if (t) localStorage.setItem(TOKEN_KEY, t);
  else localStorage.removeItem(TOKEN_KEY);
}
export const currentToken = (): string | null => token;
/** Called when the server answers 401 to a signed-in request (the token expired or was revoked). */
export function whenUnauthorized(f: () => void): void {
  onUnauthorized = f;
}

const auth: Middleware = {
  onRequest({ request }) {
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response, request }) {
    if (response.status === 401 && token && !request.url.includes('/auth/login')) onUnauthorized();
    return response;
  },
};
api.use(auth);

/** An API error with the server's code, message and per-field details. */
export class ApiFailure extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details: { field: string; code: string; message: string }[] = []) {
    super(message);
  }
}

/** The data of an openapi-fetch answer, or an {@link ApiFailure} from its error body. */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok && data !== undefined) return data;
  const body = (error ?? {}) as { error?: { code?: string; message?: string; details?: { field: string; code: string; message: string }[] } };
  throw new ApiFailure(response.status, body.error?.code ?? 'HTTP_' + response.status, body.error?.message ?? `${response.url} answered ${response.status}`, body.error?.details ?? []);
}

/** A file download from an export endpoint (the browser saves it under the server's file name). */
export async function download(path: string): Promise<void> {
  const r = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!r.ok) {
    const body = (await r.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    throw new ApiFailure(r.status, body.error?.code ?? 'HTTP_' + r.status, body.error?.message ?? `${path} answered ${r.status}`);
  }
  const name = /filename="([^"]+)"/.exec(r.headers.get('content-disposition') ?? '')?.[1] ?? 'export';
  const url = URL.createObjectURL(await r.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The system status the server reports at GET /api/v1/system/status. */
export type SystemStatus = paths['/api/v1/system/status']['get']['responses'][200]['content']['application/json'];

/** How current one dataset is, in US trading days behind the last completed session. */
export type DatasetFreshness = NonNullable<SystemStatus['freshness']>['prices'];

/** The stored prices of one data_source. */
export type PriceSource = SystemStatus['data']['prices']['sources'][number];

/** The server's readiness (GET /health/ready). */
export type Readiness = paths['/health/ready']['get']['responses'][200]['content']['application/json'];

export type Json<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: { 200: { content: { 'application/json': infer T } } } }
  ? T
  : paths[P][M] extends { responses: { 201: { content: { 'application/json': infer T } } } } ? T : never;

export type Me = Json<'/api/v1/auth/me', 'get'>;
export type Portfolio = Json<'/api/v1/portfolios/{id}', 'get'>;
export type Overview = Json<'/api/v1/portfolios/{id}/overview', 'get'>;
export type History = Json<'/api/v1/portfolios/{id}/history', 'get'>;

export async function fetchStatus(): Promise<SystemStatus> {
  const { data, response } = await api.GET('/api/v1/system/status');
  if (!data) throw new Error(`/api/v1/system/status answered ${response.status}`);
  return data;
}

/** The batch run in progress and the last finished one (GET /api/v1/system/batch: a cheap read, for following a run). */
export type BatchRuns = Json<'/api/v1/system/batch', 'get'>;

export async function fetchBatchRuns(): Promise<BatchRuns> {
  const { data, response } = await api.GET('/api/v1/system/batch');
  if (!data) throw new Error(`/api/v1/system/batch answered ${response.status}`);
  return data;
}

/** A server that is not ready answers 503 with the same body: the page shows it, it is no error. */
export async function fetchReadiness(): Promise<Readiness> {
  const { data, error, response } = await api.GET('/health/ready');
  if (data) return data;
  if (response.status === 503 && error) return error;
  throw new Error(`/health/ready answered ${response.status}`);
}
