/** 'historical': a historical data set (the real-data demo), judged against its own end date, never stale. */
type Level = 'ok' | 'warning' | 'critical' | 'historical';

/** How current one dataset is, in US trading days behind the last completed session. */
export interface DatasetFreshness {
  latestDate: string | null;
  expectedDate: string;
  tradingDaysBehind: number | null;
  level: Level;
}

/** The stored prices of one data_source. */
export interface PriceSource {
  dataSource: string;
  /** The synthetic demo market's made-up prices. */
  synthetic: boolean;
  symbols: number;
  bars: number;
  firstDate: string;
  lastDate: string;
}

/** The system status the server reports at GET /api/v1/system/status. */
export interface SystemStatus {
  version: string;
  engine: 'pglite' | 'postgres';
  migrations: { applied: number; pending: number; changed: number };
  /** The batch: a run in progress (trading days done of total), the last finished run, and the stored risk results. */
  batch: {
    running: { kind: string; note: string; done: number; total: number; current: string | null; startedAt: string } | null;
    lastRun: { kind: string; status: string; note: string; error: string | null; finishedAt: string | null } | null;
    results: { portfolios: number; latestDate: string | null; days: number };
  } | null;
  freshness: {
    expectedDate: string;
    prices: DatasetFreshness;
    factors: DatasetFreshness;
    level: Level;
    /** Set for a historical data set: its end date is expectedDate. */
    historical: { endDate: string; description: string | null } | null;
  } | null;
  demoAccounts: { username: string; portfolios: { name: string; description: string | null; positions: number }[] }[];
  data: {
    users: number;
    demoUsers: number;
    portfolios: number;
    positions: number;
    symbols: number;
    prices: { bars: number; symbols: number; firstDate: string | null; lastDate: string | null; synthetic: boolean; sources: PriceSource[] };
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
