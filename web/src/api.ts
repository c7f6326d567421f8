type Level = 'ok' | 'warning' | 'critical';

/** How current one dataset is, in US trading days behind the last completed session. */
export interface DatasetFreshness {
  latestDate: string | null;
  expectedDate: string;
  tradingDaysBehind: number | null;
  level: Level;
}

/** The system status the server reports at GET /api/v1/system/status. */
export interface SystemStatus {
  version: string;
  engine: 'pglite' | 'postgres';
  migrations: { applied: number; pending: number; changed: number };
  freshness: { expectedDate: string; prices: DatasetFreshness; factors: DatasetFreshness; level: Level } | null;
  demoAccounts: { username: string; portfolios: { name: string; description: string | null; positions: number }[] }[];
  data: {
    users: number;
    demoUsers: number;
    portfolios: number;
    positions: number;
    symbols: number;
    prices: { bars: number; symbols: number; firstDate: string | null; lastDate: string | null };
  };
}

export interface Readiness {
  status: 'ready' | 'not_ready';
  database: string;
  reason?: string;
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  const body = (await res.json()) as T;
  if (!res.ok && res.status !== 503) throw new Error(`${url} answered ${res.status}`);
  return body;
}

export const fetchStatus = () => getJson<SystemStatus>('/api/v1/system/status');
export const fetchReadiness = () => getJson<Readiness>('/health/ready');
