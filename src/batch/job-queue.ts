/**
 * The job queue: pg-boss 12 on the application's own database, on both engines.
 *
 * - PostgreSQL: pg-boss runs its statements on pooled connections of the app's pool, with the raw
 *   `pg` client (withPgClient), which hands back every statement's rows of pg-boss's
 *   multi-statement scripts.
 * - PGlite: one connection serves the whole process. pg-boss's statements run on the PGlite
 *   instance while holding the dialect's connection (`db.connection()`), so they queue behind an
 *   open application transaction instead of running inside it (pg-boss's own `fromPglite` ran
 *   them inside: a job sent in a rolled-back transaction still ran).
 * - A job sent inside a transaction goes through that transaction ({@link transactionDb}): it exists
 *   if and only if the transaction commits. Every queue is created at start, so sending never needs
 *   another connection (on PGlite that would wait on the transaction holding the only one).
 *
 * Timings for a batch (pg-boss's defaults suit long-idle queues): workers poll every second;
 * expiry, missed heartbeats and retries are checked every 10 s, so a job of a killed worker comes
 * back within about `heartbeatSeconds` + 10 s.
 */
import type { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import { PgBoss, type Db, type Queue } from 'pg-boss';
import type { Database } from '../db/database.js';
import { withPgClient } from '../db/raw-pg-client.js';
import type { DB } from '../db/schema.js';

/** The schema pg-boss keeps its tables in. */
export const JOB_SCHEMA = 'pgboss';
/** Seconds between a worker's fetches. */
export const POLLING_INTERVAL_SECONDS = 1;
/** Seconds between checks for expired jobs and missed heartbeats. */
export const MONITOR_INTERVAL_SECONDS = 10;

/** A queue and its options (policy 'exclusive' for one job per key at a time, retries, expiry, heartbeat). */
export interface QueueDefinition {
  name: string;
  options: Omit<Queue, 'name'>;
}

/** Where the queue reports its own errors (pino's logger fits). */
export interface JobQueueLogger {
  error(obj: object, msg: string): void;
}

/** Settings for {@link openJobQueue}. */
export interface JobQueueOptions {
  /** Every queue the process sends to or works on. */
  queues: readonly QueueDefinition[];
  logger?: JobQueueLogger;
  /** Whether this process takes part in firing cron schedules (default false). */
  schedule?: boolean;
  /**
   * Whether this instance runs pg-boss's maintenance (expiry, retries, retention; default true). A
   * process that only sends jobs (the API server without a worker) leaves it to the workers.
   */
  supervise?: boolean;
}

type Rows = { rows: any[] };

/** The rows of a pg result, or of every statement of a multi-statement one (pg answers an array). */
function allRows(result: unknown): Rows {
  if (Array.isArray(result)) return { rows: result.flatMap((r: { rows?: unknown[] }) => r.rows ?? []) };
  return { rows: (result as { rows?: unknown[] }).rows ?? [] };
}

/** pg-boss's database on PGlite: the instance, used only while holding the dialect's connection. */
function pgliteDb(db: Kysely<DB>, pglite: PGlite): Db {
  return {
    executeSql: (text, values) =>
      db.connection().execute(async (): Promise<Rows> => {
        try {
          if (values && values.length > 0) return { rows: (await pglite.query(text, values)).rows };
          return { rows: (await pglite.exec(text)).flatMap((r) => r.rows) };
        } catch (e) {
          // A failed script leaves the shared session in an aborted transaction: end it.
          if (pglite.isInTransaction()) await pglite.exec('rollback').catch(() => undefined);
          throw e;
        }
      }),
  };
}

/** pg-boss's database on PostgreSQL: the raw client of a pooled connection of the app's pool. */
function postgresDb(db: Kysely<DB>): Db {
  return {
    executeSql: async (text, values) => {
      const done = await withPgClient(db, async (client) => {
        try {
          return allRows(await client.query(text, values as unknown[] | undefined));
        } catch (e) {
          // A failed script (pg-boss sends BEGIN; ...; COMMIT as one) leaves the pooled connection in an
          // aborted transaction, which would fail whatever runs on it next: end it before it goes back.
          await client.query('rollback').catch(() => undefined);
          throw e;
        }
      });
      if (!done) throw new Error('job queue: the PostgreSQL pool was not opened by openDatabase (no raw pg client)');
      return done.value;
    },
  };
}

/**
 * pg-boss's database inside `trx`: pass `{ db: transactionDb(trx) }` to `send`, `insert` or
 * `complete`, so the job is written (or completed) by the transaction and exists only if it
 * commits. Only those single-statement calls: it returns the last statement's rows of a script and
 * cannot open a transaction of its own.
 *
 * @example
 * await db.transaction().execute(async (trx) => {
 *   await insertPositions(trx, rows);
 *   await jobs.send('portfolio.refresh', { portfolioId }, { db: transactionDb(trx), singletonKey: portfolioId });
 * });
 */
export function transactionDb(trx: Transaction<DB>): Db {
  return {
    executeSql: async (text, values) => ({ rows: [...(await trx.executeQuery(CompiledQuery.raw(text, values ?? []))).rows] }),
  };
}

/**
 * Starts pg-boss on `database` (creating or migrating its schema, {@link JOB_SCHEMA}) and creates
 * the queues that do not exist yet (an existing queue keeps its options). Stop it with
 * `stop({ graceful: true })` before closing the database.
 */
export async function openJobQueue(database: Database, options: JobQueueOptions): Promise<PgBoss> {
  const boss = new PgBoss({
    db: database.pglite ? pgliteDb(database.db, database.pglite) : postgresDb(database.db),
    backend: database.engine === 'pglite' ? 'pglite' : 'postgres',
    schema: JOB_SCHEMA,
    superviseIntervalSeconds: MONITOR_INTERVAL_SECONDS,
    monitorIntervalSeconds: MONITOR_INTERVAL_SECONDS,
    schedule: options.schedule ?? false,
    supervise: options.supervise ?? true,
  });
  boss.on('error', (e) => options.logger?.error({ err: e }, 'job queue error'));
  await boss.start();
  try {
    // createQueue leaves an existing queue as it was: updateQueue brings its options to this release's.
    for (const q of options.queues) {
      await boss.createQueue(q.name, q.options);
      const { policy: _policy, ...changeable } = q.options;
      if (Object.keys(changeable).length > 0) await boss.updateQueue(q.name, changeable);
    }
  } catch (e) {
    await boss.stop({ graceful: false }).catch(() => undefined); // its timers would keep the process alive
    throw e;
  }
  return boss;
}

/** The states after which a job does not run again. */
const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

/**
 * Sends a job with a singleton key to an 'exclusive' queue; when a job with that key is already
 * queued or running (pg-boss then sends nothing), answers that job instead (`sent: false`). When the
 * other job finished between the two calls, sends again once; throws if that fails too.
 */
export async function sendOrFindJob(boss: PgBoss, queue: string, data: object, key: string): Promise<{ id: string; sent: boolean }> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const sent = await boss.send(queue, data, { singletonKey: key });
    if (sent) return { id: sent, sent: true };
    const open = (await boss.findJobs(queue, { key })).find((j) => !TERMINAL.has(j.state));
    if (open) return { id: open.id, sent: false };
  }
  throw new Error(`could not queue ${queue} job ${key}`);
}

/** {@link sendOrFindJob}'s job id. */
export async function sendOrFind(boss: PgBoss, queue: string, data: object, key: string): Promise<string> {
  return (await sendOrFindJob(boss, queue, data, key)).id;
}

/** A job's final state and output, as {@link waitForJobs} returns it. */
export interface FinishedJob {
  id: string;
  state: 'completed' | 'failed' | 'cancelled';
  output: unknown;
}

/**
 * Waits until every job of `ids` on `queue` has finished (completed, failed or cancelled; a job
 * waiting for a retry is not finished), checking every `pollMs` (default 250). Rejects after
 * `timeoutMs` (default: never), when a job is missing (deleted by retention) or when `signal` aborts
 * (whatever state the jobs are in then).
 */
export async function waitForJobs(
  boss: PgBoss,
  queue: string,
  ids: readonly string[],
  options: { pollMs?: number; timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<FinishedJob[]> {
  const deadline = options.timeoutMs === undefined ? Infinity : Date.now() + options.timeoutMs;
  for (;;) {
    const jobs = await Promise.all(ids.map(async (id) => ({ id, job: (await boss.findJobs(queue, { id }))[0] })));
    // Before the jobs' states: the jobs this process works stop on the same signal and fail, which is
    // the interruption, not a failure of theirs to report.
    if (options.signal?.aborted) throw new Error(`waiting for jobs of ${queue} was interrupted`);
    const missing = jobs.find((j) => !j.job);
    if (missing) throw new Error(`job ${missing.id} of ${queue} no longer exists`);
    if (jobs.every((j) => TERMINAL.has(j.job!.state))) {
      return jobs.map((j) => ({ id: j.id, state: j.job!.state as FinishedJob['state'], output: j.job!.output }));
    }
    if (Date.now() > deadline) throw new Error(`jobs of ${queue} still running after ${options.timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, options.pollMs ?? 250));
  }
}
