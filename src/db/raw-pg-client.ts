/**
 * The raw `pg` client behind a Kysely connection, for what Kysely cannot express: COPY ... FROM
 * STDIN streams (pg-copy-streams), see {@link withPgClient}; and named prepared statements for the
 * hot statements marked {@link PREPARED}.
 *
 * How: withPgClient sends one marker query through Kysely, so Kysely picks the connection exactly
 * as for any query (a transaction's own connection, or a pooled one). The clients of the pool
 * openDatabase opens are {@link LendingPgClient}s, which recognize the marker and, instead of
 * sending it to the server, run the waiting job with themselves. Nothing is kept per connection,
 * so nothing can point at the wrong one. Anywhere else (PGlite, a pool not opened by openDatabase)
 * the marker is an ordinary query answering `intercepted = false`, and withPgClient returns null.
 */
import { createHash } from 'node:crypto';
import { CompiledQuery, type Kysely } from 'kysely';
import pg from 'pg';

/** The marker query; its one parameter names the job. */
const MARKER_SQL = 'select false as intercepted, $1::text as token /* sigmasight: run with the raw pg client */';

const jobs = new Map<string, (client: pg.Client) => Promise<void>>();
let tokens = 0;

/**
 * The mark of a statement worth preparing (see {@link LendingPgClient}): a hot statement of fixed
 * text, run thousands of times a batch (the portfolio refresh's reads and its write). Put it within the
 * statement's first 40 characters: `sql\`${sql.raw(PREPARED)} with ...\``, or `.modifyFront(sql.raw(PREPARED))`.
 */
export const PREPARED = '/*prepared*/';

/** Statement names by text (the texts marked {@link PREPARED}: a few, fixed), of the current {@link generation}. */
const preparedNames = new Map<string, string>();

/**
 * The generation of the statement names, 0 at first. A prepared statement outlives the shape of its
 * tables: after a migration changes a column it returns, PostgreSQL refuses to run it ("cached plan
 * must not change result type", 0A000) on every connection that prepared it, for as long as the
 * connection lives. Such an error starts a new generation: every connection then prepares the
 * statements anew under new names (the old ones stay unused until the connection closes), so only
 * the runs already under way when the change is met fail (their jobs are retried), not every run
 * until a restart.
 */
let generation = 0;

function preparedName(text: string): string {
  let name = preparedNames.get(text);
  if (name === undefined) {
    name = `ss_${createHash('sha1').update(text).digest('hex').slice(0, 24)}${generation === 0 ? '' : `_${generation}`}`;
    if (preparedNames.size < 1000) preparedNames.set(text, name);
  }
  return name;
}

/**
 * Whether `e` is PostgreSQL refusing a prepared statement whose result's shape changed since it was
 * prepared: 0A000 from RevalidateCachedQuery (the routine, unlike the message, is not translated).
 */
function isStalePlan(e: unknown): boolean {
  const x = e as { code?: string; routine?: string; message?: string } | null;
  return x?.code === '0A000' && (x.routine === 'RevalidateCachedQuery' || /cached plan must not change result type/.test(x.message ?? ''));
}

/**
 * A pg.Client that also lends itself to {@link withPgClient} (the `Client` of openDatabase's pool),
 * and runs the statements marked {@link PREPARED} as named prepared statements: parsed and planned
 * once per connection (PostgreSQL keeps a generic plan after five runs), where an unnamed statement
 * is parsed and planned on every run. The refresh of 10,000 portfolios saves about 1.5 ms of
 * PostgreSQL's CPU a portfolio so. A statement refused after a change of its tables starts a new
 * {@link generation} of names.
 */
export class LendingPgClient extends pg.Client {
  // pg's query has a dozen overloads; this passes every call through except the marker's and the prepared ones.
  override query(...args: any[]): any {
    if (args[0] === MARKER_SQL && Array.isArray(args[1])) {
      const job = jobs.get(String(args[1][0]));
      if (job) return job(this).then(() => ({ command: 'SELECT', rowCount: 1, rows: [{ intercepted: true }] }));
    }
    if (typeof args[0] === 'string' && args[0].slice(0, 40).includes(PREPARED) && (args[1] === undefined || Array.isArray(args[1])) && args.length <= 2) {
      const name = preparedName(args[0]);
      const used = generation;
      return (super.query({ name, text: args[0], values: args[1] ?? [] }) as Promise<unknown>).catch((e: unknown) => {
        // Once per generation: the other runs refused with its names find it already replaced.
        if (isStalePlan(e) && generation === used) {
          generation++;
          preparedNames.clear();
        }
        throw e;
      });
    }
    return (super.query as (...a: any[]) => any)(...args);
  }
}

/**
 * Runs `fn` with the raw `pg` client of the connection `db` runs on: inside a transaction, the
 * transaction's own connection (so what `fn` writes commits or rolls back with it); otherwise a
 * pooled connection held for the duration of `fn`. Returns `{ value }` with fn's result, or null
 * without calling `fn` when `db` has no such client (PGlite, or a pool not opened by
 * openDatabase): the caller then takes its portable path.
 *
 * While `fn` runs, other queries on the same connection wait for it: `fn` must use only `client`,
 * never `db` (that would wait for itself). Errors thrown by `fn` are thrown here.
 *
 * @example
 * const done = await withPgClient(trx, (client) => pipeline(Readable.from(lines), client.query(copyFrom('copy t from stdin'))));
 * if (!done) await insertThePortableWay(trx);
 */
export async function withPgClient<T>(db: Kysely<any>, fn: (client: pg.Client) => Promise<T>): Promise<{ value: T } | null> {
  const token = String(++tokens);
  let value: T | undefined;
  jobs.set(token, async (client) => {
    value = await fn(client);
  });
  try {
    const r = await db.executeQuery(CompiledQuery.raw(MARKER_SQL, [token]));
    return (r.rows[0] as { intercepted?: boolean } | undefined)?.intercepted === true ? { value: value as T } : null;
  } finally {
    jobs.delete(token);
  }
}
