import createClient from 'openapi-fetch';
import type { paths } from './api-types';

/**
 * The dashboard's client of the SigmaSight API. Paths, parameters and answers are typed by
 * api-types.ts, generated from the server's OpenAPI document (`npm run api:types`), so a change to a
 * route's schema breaks the web build here instead of the page at run time.
 */
const api = createClient<paths>({ headers: { accept: 'application/json' } });

/** The system status the server reports at GET /api/v1/system/status. */
export type SystemStatus = paths['/api/v1/system/status']['get']['responses'][200]['content']['application/json'];

/** How current one dataset is, in US trading days behind the last completed session. */
export type DatasetFreshness = NonNullable<SystemStatus['freshness']>['prices'];

/** The stored prices of one data_source. */
export type PriceSource = SystemStatus['data']['prices']['sources'][number];

/** The server's readiness (GET /health/ready). */
export type Readiness = paths['/health/ready']['get']['responses'][200]['content']['application/json'];

export async function fetchStatus(): Promise<SystemStatus> {
  const { data, response } = await api.GET('/api/v1/system/status');
  if (!data) throw new Error(`/api/v1/system/status answered ${response.status}`);
  return data;
}

/** A server that is not ready answers 503 with the same body: the page shows it, it is no error. */
export async function fetchReadiness(): Promise<Readiness> {
  const { data, error, response } = await api.GET('/health/ready');
  if (data) return data;
  if (response.status === 503 && error) return error;
  throw new Error(`/health/ready answered ${response.status}`);
}
