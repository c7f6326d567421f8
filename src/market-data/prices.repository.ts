import { sql, type Kysely } from 'kysely';
import type { DB, IsoDate } from '../db/schema.js';

/** One daily bar as stored in market_data_cache. */
export interface StoredBar {
  symbol: string;
  date: IsoDate;
  open: number | null;
  high: number | null;
  low: number | null;
  close: number;
  adjustedClose: number | null;
  volume: number | null;
  sector?: string | null;
  industry?: string | null;
  dataSource: string;
}

const CHUNK = 5_000;

/**
 * A PostgreSQL array literal, built here rather than by the driver: the columns go over as 11 text
 * parameters, which costs the client half the CPU of `pg`'s per-element array encoding. Text is
 * double-quoted with `\` and `"` escaped; null is NULL; numbers are written as JavaScript prints
 * them (numeric_in and int8in read exponents and plain decimals alike).
 */
function arrayLiteral(values: readonly (string | number | null)[], quoted: boolean): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ',';
    if (v === null) out += 'NULL';
    else if (quoted) out += `"${String(v).replace(/[\\"]/g, '\\$&')}"`;
    else out += String(v);
  }
  return out + '}';
}

/** The 11 column arrays of a chunk, in market_data_cache insert order. */
function columns(chunk: readonly StoredBar[]) {
  const col = (f: (b: StoredBar) => string | number | null, quoted = false) => arrayLiteral(chunk.map(f), quoted);
  return sql`
    ${col((b) => b.symbol, true)}::varchar[], ${col((b) => b.date)}::date[],
    ${col((b) => b.open)}::numeric[], ${col((b) => b.high)}::numeric[], ${col((b) => b.low)}::numeric[],
    ${col((b) => b.close)}::numeric[], ${col((b) => b.adjustedClose)}::numeric[], ${col((b) => b.volume)}::bigint[],
    ${col((b) => b.sector ?? null, true)}::varchar[], ${col((b) => b.industry ?? null, true)}::varchar[], ${col((b) => b.dataSource, true)}::varchar[]`;
}

/**
 * Upserts bars on (symbol, date) in chunks of 5,000, each one INSERT ... SELECT FROM unnest(arrays)
 * (one round trip and one plan per chunk, on both engines). A re-sent bar replaces the stored one,
 * so a provider's correction heals the table. Run it inside the caller's transaction.
 * Returns the number of rows written.
 */
export async function upsertBars(db: Kysely<DB>, bars: readonly StoredBar[]): Promise<number> {
  let written = 0;
  for (let i = 0; i < bars.length; i += CHUNK) {
    const chunk = bars.slice(i, i + CHUNK);
    await sql`
      insert into market_data_cache (symbol, date, open, high, low, close, adjusted_close, volume, sector, industry, data_source)
      select * from unnest(${columns(chunk)})
      on conflict (symbol, date) do update set
        open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close,
        adjusted_close = excluded.adjusted_close, volume = excluded.volume,
        sector = coalesce(excluded.sector, market_data_cache.sector),
        industry = coalesce(excluded.industry, market_data_cache.industry),
        data_source = excluded.data_source, updated_at = now()`.execute(db);
    written += chunk.length;
  }
  return written;
}

/**
 * Inserts bars that are not stored yet with a plain INSERT ... SELECT FROM unnest, 5,000 per
 * statement. Without ON CONFLICT PostgreSQL skips speculative insertion, which makes this about
 * 1.5x faster than {@link upsertBars}; a bar already stored fails the statement with a unique
 * violation (23505). Run it inside the caller's transaction. Returns the rows written.
 */
export async function insertNewBars(db: Kysely<DB>, bars: readonly StoredBar[]): Promise<number> {
  for (let i = 0; i < bars.length; i += CHUNK) {
    await sql`
      insert into market_data_cache (symbol, date, open, high, low, close, adjusted_close, volume, sector, industry, data_source)
      select * from unnest(${columns(bars.slice(i, i + CHUNK))})`.execute(db);
  }
  return bars.length;
}

/**
 * Stores bars the fastest safe way: bars dated after their symbol's newest stored bar (a sync's
 * new days, a first load) go through {@link insertNewBars}; the others (a healing window, a
 * re-import) through {@link upsertBars}. Should another writer store one of the "new" bars first,
 * the unique violation is rolled back to a savepoint and those bars are upserted instead, so the
 * result is always that of upsertBars. Must run inside a transaction (it uses a savepoint).
 * Returns the rows written.
 */
export async function writeBars(db: Kysely<DB>, bars: readonly StoredBar[]): Promise<number> {
  if (bars.length === 0) return 0;
  const symbols = [...new Set(bars.map((b) => b.symbol))];
  const newest = await sql<{ symbol: string; last: IsoDate }>`
    select symbol, max(date) as last from market_data_cache where symbol = any(${symbols}::varchar[]) group by symbol`.execute(db);
  const last = new Map(newest.rows.map((r) => [r.symbol, r.last]));
  const fresh: StoredBar[] = [];
  const overlap: StoredBar[] = [];
  for (const b of bars) {
    const l = last.get(b.symbol);
    (l === undefined || b.date > l ? fresh : overlap).push(b);
  }
  let written = overlap.length > 0 ? await upsertBars(db, overlap) : 0;
  if (fresh.length > 0) {
    await sql`savepoint write_bars`.execute(db);
    try {
      written += await insertNewBars(db, fresh);
      await sql`release savepoint write_bars`.execute(db);
    } catch (e) {
      if ((e as { code?: string }).code !== '23505') throw e;
      await sql`rollback to savepoint write_bars`.execute(db);
      written += await upsertBars(db, fresh);
    }
  }
  return written;
}

/** Latest close on or before `date` for each symbol given (symbols with no price are absent). */
export async function latestCloses(db: Kysely<DB>, symbols: readonly string[], date: IsoDate): Promise<Map<string, { date: IsoDate; close: number }>> {
  if (symbols.length === 0) return new Map();
  const rows = await sql<{ symbol: string; date: IsoDate; close: number }>`
    select distinct on (symbol) symbol, date, close
    from market_data_cache
    where symbol = any(${[...symbols]}::varchar[]) and date <= ${date}::date
    order by symbol, date desc`.execute(db);
  return new Map(rows.rows.map((r) => [r.symbol, { date: r.date, close: r.close }]));
}

/** The newest stored bar of `symbol` dated before `date`, or null. */
export async function lastBarBefore(db: Kysely<DB>, symbol: string, date: IsoDate): Promise<StoredBar | null> {
  const r = await db
    .selectFrom('market_data_cache')
    .select(['symbol', 'date', 'open', 'high', 'low', 'close', 'adjusted_close', 'volume', 'data_source'])
    .where('symbol', '=', symbol)
    .where('date', '<', date)
    .orderBy('date', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r
    ? { symbol: r.symbol, date: r.date, open: r.open, high: r.high, low: r.low, close: r.close, adjustedClose: r.adjusted_close, volume: r.volume, dataSource: r.data_source }
    : null;
}
