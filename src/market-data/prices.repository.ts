import { sql, type Kysely, type Transaction } from 'kysely';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { withPgClient } from '../db/raw-pg-client.js';
import type { DB, IsoDate } from '../db/schema.js';
import { SYNTHETIC_DATA_SOURCE } from './synthetic-source.js';

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
 * so a provider's correction heals the table. Runs inside the caller's transaction, which has
 * taken the symbols' locks (price-sources.ts beginSymbolWrite). Returns the number of rows written.
 */
export async function upsertBars(db: Transaction<DB>, bars: readonly StoredBar[]): Promise<number> {
  checkBars(bars);
  return upsertChecked(db, bars);
}

async function upsertChecked(db: Kysely<DB>, bars: readonly StoredBar[]): Promise<number> {
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
 * Inserts bars that are not stored yet, without ON CONFLICT (PostgreSQL then skips speculative
 * insertion): on PostgreSQL with one COPY ... FROM STDIN stream on the caller's connection (see
 * {@link copyNewBars}); on PGlite with INSERT ... SELECT FROM unnest, 5,000 per statement (PGlite's
 * COPY FROM '/dev/blob' showed no steady gain: faster at 250k rows, slower at 500k). A bar already
 * stored fails the call with a unique violation (23505). Run it inside the caller's transaction.
 * Returns the rows written.
 */
export async function insertNewBars(db: Transaction<DB>, bars: readonly StoredBar[]): Promise<number> {
  checkBars(bars);
  return insertChecked(db, bars);
}

async function insertChecked(db: Kysely<DB>, bars: readonly StoredBar[]): Promise<number> {
  if (bars.length === 0) return 0;
  const copied = await copyNewBars(db, bars);
  if (copied !== null) return copied;
  for (let i = 0; i < bars.length; i += CHUNK) {
    await sql`
      insert into market_data_cache (symbol, date, open, high, low, close, adjusted_close, volume, sector, industry, data_source)
      select * from unnest(${columns(bars.slice(i, i + CHUNK))})`.execute(db);
  }
  return bars.length;
}

/** Rows per string handed to the COPY stream (about 80 bytes a row). */
const COPY_ROWS_PER_WRITE = 2_000;
const COPY_SQL = 'copy market_data_cache (symbol, date, open, high, low, close, adjusted_close, volume, sector, industry, data_source) from stdin';
const COPY_SPECIAL = /[\\\t\n\r]/;

/** A text value in COPY's text format: backslash, tab, newline and carriage return escaped. */
function copyText(v: string | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  return COPY_SPECIAL.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : v;
}

/** A checked number (see {@link checkBars}) in COPY's text format; JavaScript's printing is read by numeric_in and int8in alike. */
function copyNumber(v: number | null): string {
  return v === null ? '\\N' : String(v);
}

function* copyLines(bars: readonly StoredBar[]): Generator<string> {
  for (let i = 0; i < bars.length; i += COPY_ROWS_PER_WRITE) {
    let out = '';
    for (let j = i; j < Math.min(bars.length, i + COPY_ROWS_PER_WRITE); j++) {
      const b = bars[j];
      out += `${copyText(b.symbol)}\t${copyText(b.date)}\t${copyNumber(b.open)}\t${copyNumber(b.high)}\t${copyNumber(b.low)}\t${copyNumber(b.close)}\t${copyNumber(b.adjustedClose)}\t${copyNumber(b.volume)}\t${copyText(b.sector)}\t${copyText(b.industry)}\t${copyText(b.dataSource)}\n`;
    }
    yield out;
  }
}

/**
 * Inserts bars with one `COPY market_data_cache ... FROM STDIN` (text format) on the pg client of
 * `db`'s connection (withPgClient), so inside a transaction it commits or rolls back with it.
 * COPY has no ON CONFLICT: a bar already stored fails it with 23505, and nothing of the COPY
 * remains. The bars must have passed {@link checkBars} (numbers finite, so the text is always well
 * formed). Returns the rows copied, or null when `db` has no pg client (PGlite).
 */
async function copyNewBars(db: Kysely<DB>, bars: readonly StoredBar[]): Promise<number | null> {
  const done = await withPgClient(db, async (client) => {
    const copy = client.query(copyFrom(COPY_SQL));
    await pipeline(Readable.from(copyLines(bars)), copy);
    return copy.rowCount;
  });
  return done && done.value;
}

const NUMBER_FIELDS = ['open', 'high', 'low', 'adjustedClose', 'volume'] as const;

/**
 * Throws a RangeError naming the bar's symbol and date when a value cannot be stored as given:
 * a price or volume that is not a finite number (NaN would otherwise be written as NUMERIC 'NaN'
 * and be stopped only by a table check, with a message naming neither), a volume that is not a
 * whole number, or a symbol or date that is not a string.
 */
export function checkBars(bars: readonly StoredBar[]): void {
  for (const b of bars) {
    const where = () => `bar ${String(b.symbol)} ${String(b.date)}`;
    if (typeof b.symbol !== 'string' || typeof b.date !== 'string') throw new RangeError(`${where()}: symbol and date must be strings`);
    if (typeof b.close !== 'number' || !Number.isFinite(b.close)) throw new RangeError(`${where()}: close is ${String(b.close)}; it must be a finite number`);
    for (const f of NUMBER_FIELDS) {
      const v = b[f];
      if (v === null) continue;
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`${where()}: ${f} is ${String(v)}; it must be a finite number or null`);
    }
    if (b.volume !== null && !Number.isInteger(b.volume)) throw new RangeError(`${where()}: volume is ${b.volume}; it must be a whole number`);
  }
}

/**
 * Stores bars the fastest safe way: bars dated after their symbol's newest stored bar (a sync's
 * new days, a first load) go through {@link insertNewBars} (COPY on PostgreSQL); the others (a
 * healing window, a re-import) through {@link upsertBars}. Every bar is checked first
 * ({@link checkBars}), so a bad value fails the call before anything is written. Should another writer store one of the "new" bars first,
 * the unique violation is rolled back to a savepoint and those bars are upserted instead, so the
 * result is always that of upsertBars. Must run inside a transaction (it uses a savepoint).
 * Returns the rows written.
 */
export async function writeBars(db: Transaction<DB>, bars: readonly StoredBar[]): Promise<number> {
  if (bars.length === 0) return 0;
  checkBars(bars);
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
  let written = overlap.length > 0 ? await upsertChecked(db, overlap) : 0;
  if (fresh.length > 0) {
    await sql`savepoint write_bars`.execute(db);
    try {
      written += await insertChecked(db, fresh);
      await sql`release savepoint write_bars`.execute(db);
    } catch (e) {
      if ((e as { code?: string }).code !== '23505') throw e;
      await sql`rollback to savepoint write_bars`.execute(db);
      written += await upsertChecked(db, fresh);
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

/** Where one symbol's stored bars come from: one row per (symbol, data_source). */
export interface StoredPriceSource {
  symbol: string;
  dataSource: string;
  bars: number;
  firstDate: IsoDate;
  lastDate: IsoDate;
}

/**
 * For each symbol, the stored data sources of the other kind than the bars about to be written
 * (real sources when `synthetic`, the synthetic one otherwise), with their bar counts and spans;
 * symbols whose stored bars are all of the same kind are absent (the usual case, one index scan).
 */
export async function conflictingPriceSources(
  db: Kysely<DB>,
  writes: readonly { symbol: string; synthetic: boolean }[],
): Promise<Map<string, StoredPriceSource[]>> {
  const out = new Map<string, StoredPriceSource[]>();
  if (writes.length === 0) return out;
  const rows = await sql<StoredPriceSource>`
    select m.symbol, m.data_source as "dataSource", count(*)::int as bars, min(m.date) as "firstDate", max(m.date) as "lastDate"
    from unnest(${writes.map((w) => w.symbol)}::varchar[], ${writes.map((w) => w.synthetic)}::boolean[]) as w(symbol, synthetic)
    join market_data_cache m on m.symbol = w.symbol and (m.data_source = ${SYNTHETIC_DATA_SOURCE}) <> w.synthetic
    group by m.symbol, m.data_source order by m.symbol, m.data_source`.execute(db);
  for (const r of rows.rows) out.set(r.symbol, [...(out.get(r.symbol) ?? []), r]);
  return out;
}
