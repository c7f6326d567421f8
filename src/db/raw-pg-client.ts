/**
 * The raw `pg` client behind a Kysely connection, for what Kysely cannot express: COPY ... FROM
 * STDIN streams (pg-copy-streams). See {@link withPgClient}.
 *
 * How: withPgClient sends one marker query through Kysely, so Kysely picks the connection exactly
 * as for any query (a transaction's own connection, or a pooled one). The clients of the pool
 * openDatabase opens are {@link LendingPgClient}s, which recognize the marker and, instead of
 * sending it to the server, run the waiting job with themselves. Nothing is kept per connection,
 * so nothing can point at the wrong one. Anywhere else (PGlite, a pool not opened by openDatabase)
 * the marker is an ordinary query answering `intercepted = false`, and withPgClient returns null.
 */
import { CompiledQuery, type Kysely } from 'kysely';
import pg from 'pg';

/** The marker query; its one parameter names the job. */
const MARKER_SQL = 'select false as intercepted, $1::text as token /* sigmasight: run with the raw pg client */';

const jobs = new Map<string, (client: pg.Client) => Promise<void>>();
let tokens = 0;

/** A pg.Client that also lends itself to {@link withPgClient} (the `Client` of openDatabase's pool). */
export class LendingPgClient extends pg.Client {
  // pg's query has a dozen overloads; this passes every call through except the marker's.
  override query(...args: any[]): any {
    if (args[0] === MARKER_SQL && Array.isArray(args[1])) {
      const job = jobs.get(String(args[1][0]));
      if (job) return job(this).then(() => ({ command: 'SELECT', rowCount: 1, rows: [{ intercepted: true }] }));
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
