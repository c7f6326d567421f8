import { sql, type Kysely } from 'kysely';
import type { DB, IsoDate } from '../db/schema.js';
import { migrationStatus, type MigrationFile } from '../db/migrator.js';
import { dataFreshness, type DataFreshness } from '../market-data/freshness.js';
import { isSyntheticSource } from '../market-data/synthetic-source.js';

/** A demo login and its portfolios, for the start page (demo users' names are public by design). */
export interface DemoAccount {
  username: string;
  portfolios: { name: string; description: string | null; positions: number }[];
}

/** The stored prices of one data_source (a provider, 'synthetic', 'import', 'real-dj30', ...). */
export interface PriceSource {
  dataSource: string;
  /** True for the synthetic demo market's made-up prices. */
  synthetic: boolean;
  symbols: number;
  bars: number;
  firstDate: IsoDate;
  lastDate: IsoDate;
}

/** The batch as the start page shows it: a run in progress, the last finished run, and the stored results. */
export interface BatchStatus {
  /** A scheduled or first-start run in progress: trading days done of total, and the day being computed. */
  running: { kind: string; note: string; done: number; total: number; current: IsoDate | null; startedAt: string } | null;
  lastRun: { kind: string; status: string; note: string; error: string | null; finishedAt: string | null } | null;
  /** Portfolios with risk results, the latest results date, and how many days of snapshots are stored. */
  results: { portfolios: number; latestDate: IsoDate | null; days: number };
}

export interface SystemStatus {
  migrations: { applied: number; pending: number; changed: number };
  batch: BatchStatus | null;
  /**
   * How current prices and factor betas are, in US trading days behind the last completed session;
   * for a historical data set (the real-data demo), behind its own end date (freshness.ts).
   */
  freshness: DataFreshness | null;
  demoAccounts: DemoAccount[];
  data: {
    users: number;
    demoUsers: number;
    portfolios: number;
    positions: number;
    /** Universe symbols that are synced (active) or hold stored prices (a historical data set's, a delisted symbol's). */
    symbols: number;
    /**
     * The stored prices. The data sources travel with the numbers: `sources` per data_source (by
     * name), and `synthetic` when any stored price is the synthetic demo market's, so every number
     * derived from them can say it comes from made-up prices.
     */
    prices: { bars: number; symbols: number; firstDate: IsoDate | null; lastDate: IsoDate | null; synthetic: boolean; sources: PriceSource[] };
  };
}

/** Whether the schema is fully applied: what /health/ready asks. */
export async function schemaReady(db: Kysely<DB>, files?: MigrationFile[]): Promise<{ ready: boolean; reason?: string }> {
  const status = await migrationStatus(db, files);
  if (status.changed.length > 0) return { ready: false, reason: `${status.changed.length} applied migration(s) changed` };
  if (status.pending.length > 0) return { ready: false, reason: `${status.pending.length} migration(s) pending` };
  return { ready: true };
}

/** Counts of what the database holds, for the dashboard's status panel and `sigmasight db status`. */
export async function systemStatus(db: Kysely<DB>): Promise<SystemStatus> {
  const m = await migrationStatus(db);
  const migrations = { applied: m.applied.length, pending: m.pending.length, changed: m.changed.length };
  if (m.applied.length === 0) {
    return {
      migrations, freshness: null, demoAccounts: [], batch: null,
      data: { users: 0, demoUsers: 0, portfolios: 0, positions: 0, symbols: 0, prices: { bars: 0, symbols: 0, firstDate: null, lastDate: null, synthetic: false, sources: [] } },
    };
  }
  const r = await sql<{ users: number; demo_users: number; portfolios: number; positions: number; symbols: number; price_symbols: number }>`
    select
      (select count(*) from users where deleted_at is null)::int as users,
      (select count(*) from users where deleted_at is null and is_demo)::int as demo_users,
      (select count(*) from portfolios where deleted_at is null)::int as portfolios,
      (select count(*) from positions where deleted_at is null and exit_date is null)::int as positions,
      (select count(*) from symbol_universe u
        where u.is_active or exists (select 1 from market_data_cache m where m.symbol = u.symbol))::int as symbols,
      (select count(distinct symbol) from market_data_cache)::int as price_symbols`.execute(db);
  const row = r.rows[0];
  const sources = await priceSources(db);
  return {
    migrations,
    batch: await batchStatus(db),
    freshness: await dataFreshness(db),
    demoAccounts: await demoAccounts(db),
    data: {
      users: row.users, demoUsers: row.demo_users, portfolios: row.portfolios, positions: row.positions, symbols: row.symbols,
      prices: {
        bars: sources.reduce((n, s) => n + s.bars, 0),
        symbols: row.price_symbols,
        firstDate: sources.reduce<IsoDate | null>((d, s) => (d === null || s.firstDate < d ? s.firstDate : d), null),
        lastDate: sources.reduce<IsoDate | null>((d, s) => (d === null || s.lastDate > d ? s.lastDate : d), null),
        synthetic: sources.some((s) => s.synthetic),
        sources,
      },
    },
  };
}

/** The batch's progress and results (see {@link BatchStatus}). */
export async function batchStatus(db: Kysely<DB>): Promise<BatchStatus> {
  const results = await sql<{ portfolios: number; latest: IsoDate | null; days: number }>`
    select count(distinct s.portfolio_id)::int as portfolios, max(s.snapshot_date) as latest, count(distinct s.snapshot_date)::int as days
    from portfolio_snapshots s join portfolios p on p.id = s.portfolio_id
    where s.frequency = 'daily' and p.deleted_at is null`.execute(db);
  const r = results.rows[0];
  return { ...(await batchRuns(db)), results: { portfolios: r.portfolios, latestDate: r.latest, days: r.days } };
}

/**
 * The run in progress and the last finished one, from the newest ten runs of `batch_jobs` (a table
 * of a few rows a trading day: cheap enough for every signed-in page to follow a run).
 */
export async function batchRuns(db: Kysely<DB>): Promise<Pick<BatchStatus, 'running' | 'lastRun'>> {
  type Meta = { kind?: string; note?: string; done?: number; total?: number; current?: IsoDate | null } | null;
  const runs = await db.selectFrom('batch_jobs').select(['job_type', 'status', 'metadata', 'error_message', 'started_at', 'completed_at'])
    .where('job_type', 'like', 'nightly_%').orderBy('created_at', 'desc').limit(10).execute();
  const active = runs.find((r) => r.status === 'running');
  const finished = runs.find((r) => r.status === 'completed' || r.status === 'failed');
  const meta = (m: unknown) => (m ?? {}) as NonNullable<Meta>;
  const kind = (t: string) => t.replace(/^nightly_/, '');
  return {
    running: active ? {
      kind: kind(active.job_type), note: meta(active.metadata).note ?? '', done: meta(active.metadata).done ?? 0, total: meta(active.metadata).total ?? 0,
      current: meta(active.metadata).current ?? null, startedAt: (active.started_at ?? new Date()).toISOString(),
    } : null,
    lastRun: finished ? {
      kind: kind(finished.job_type), status: finished.status, note: meta(finished.metadata).note ?? '', error: finished.error_message,
      finishedAt: finished.completed_at ? finished.completed_at.toISOString() : null,
    } : null,
  };
}

/** The stored prices per data_source, by name. */
export async function priceSources(db: Kysely<DB>): Promise<PriceSource[]> {
  const r = await sql<{ data_source: string; symbols: number; bars: number; first_date: IsoDate; last_date: IsoDate }>`
    select data_source, count(distinct symbol)::int as symbols, count(*)::int as bars, min(date) as first_date, max(date) as last_date
    from market_data_cache group by data_source order by data_source`.execute(db);
  return r.rows.map((s) => ({
    dataSource: s.data_source, synthetic: isSyntheticSource(s.data_source), symbols: s.symbols, bars: s.bars, firstDate: s.first_date, lastDate: s.last_date,
  }));
}

async function demoAccounts(db: Kysely<DB>): Promise<DemoAccount[]> {
  const rows = await sql<{ username: string; name: string | null; description: string | null; positions: number }>`
    select u.username, p.name, p.description,
      (select count(*) from positions x where x.portfolio_id = p.id and x.deleted_at is null and x.exit_date is null)::int as positions
    from users u
    left join portfolios p on p.user_id = u.id and p.deleted_at is null
    where u.is_demo and u.deleted_at is null and u.is_active
    order by u.username, p.name`.execute(db);
  const accounts = new Map<string, DemoAccount>();
  for (const r of rows.rows) {
    const account = accounts.get(r.username) ?? { username: r.username, portfolios: [] };
    if (r.name !== null) account.portfolios.push({ name: r.name, description: r.description, positions: r.positions });
    accounts.set(r.username, account);
  }
  return [...accounts.values()];
}
