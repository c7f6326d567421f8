/**
 * Rows written with `COPY ... FROM STDIN (FORMAT binary)` on PostgreSQL: numbers travel as their
 * bytes, not as text PostgreSQL parses again. The range refresh writes its days' results so; a
 * 32-day write costs PostgreSQL about half the CPU of the same rows as JSON (json_populate_recordset:
 * the JSON parse and each number's text input were most of it).
 *
 * The rows must store exactly what insertMany (insert-many.ts) stores for them, so every value is
 * encoded as PostgreSQL's text input of its JSON would read it: a number into NUMERIC as the decimal
 * JavaScript prints for it (the column's scale then rounds it, as for text); NaN and infinities as
 * NULL (JSON has none); a JSON column's text as the document. A value of any other kind, or a column
 * type not listed here, makes {@link encodeCopyRows} answer null: the caller writes those rows the
 * JSON way instead.
 *
 * The format: https://www.postgresql.org/docs/15/sql-copy.html (binary format), with each type's
 * `*_send` layout: int4 big-endian, float8 IEEE big-endian, date days since 2000-01-01, timestamptz
 * microseconds since 2000-01-01 UTC, uuid 16 bytes, numeric base-10000 digits, jsonb a version byte
 * then the text, arrays with their dimensions and element type OID.
 */
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { sql, type Kysely, type Transaction } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import { withPgClient } from './raw-pg-client.js';
import type { DB } from './schema.js';

/**
 * A column's type: pg_type.typname (`_x` for an array of x) and, for NUMERIC(p, s) (or an array of
 * it), its scale s (null for any other type and for an unconstrained NUMERIC).
 */
export interface ColumnType {
  type: string;
  scale: number | null;
}

/** Column types by column, by table. */
export type CopyLayout = Record<string, Record<string, ColumnType>>;

/** Element type OIDs of the array types encoded (array_recv checks them). */
const ELEMENT_OID: Record<string, number> = {
  bool: 16, int4: 23, text: 25, float8: 701, varchar: 1043, date: 1082, timestamptz: 1184, numeric: 1700, uuid: 2950,
};

const DAY_MS = 86_400_000;
/** 2000-01-01 in days and milliseconds since 1970-01-01. */
const PG_EPOCH_DAYS = 10_957;
const PG_EPOCH_MS = PG_EPOCH_DAYS * DAY_MS;

/** A growable big-endian byte buffer. */
class Writer {
  buf = new Uint8Array(1 << 16);
  view = new DataView(this.buf.buffer);
  at = 0;

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.at + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.at));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  int16(v: number): void {
    this.room(2);
    this.view.setInt16(this.at, v);
    this.at += 2;
  }

  int32(v: number): void {
    this.room(4);
    this.view.setInt32(this.at, v);
    this.at += 4;
  }

  float64(v: number): void {
    this.room(8);
    this.view.setFloat64(this.at, v);
    this.at += 8;
  }

  bigint64(v: bigint): void {
    this.room(8);
    this.view.setBigInt64(this.at, v);
    this.at += 8;
  }

  raw(v: Uint8Array): void {
    this.room(v.length);
    this.buf.set(v, this.at);
    this.at += v.length;
  }

  byte(v: number): void {
    this.room(1);
    this.buf[this.at++] = v;
  }

  /** UTF-8 text; returns its byte length. */
  text(v: string): number {
    this.room(v.length * 3);
    const { written } = encoder.encodeInto(v, this.buf.subarray(this.at));
    this.at += written;
    return written;
  }

  /** Reserves a length word at the current position; returns where it is. */
  lengthSlot(): number {
    this.int32(0);
    return this.at - 4;
  }

  /** Sets the length word at `slot` to the bytes written since it. */
  closeLength(slot: number): void {
    this.view.setInt32(slot, this.at - slot - 4);
  }

  bytes(): Uint8Array {
    return this.buf.slice(0, this.at);
  }
}

const encoder = new TextEncoder();

/** Thrown inside the encoder for a value it cannot write exactly as the JSON way would store it. */
class Unencodable extends Error {}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}(?::?\d{2})?)$/;

/** The bytes of the uuids met (a range's rows repeat a few: the portfolio's, its positions', the factors'). */
const uuidBytes = new Map<string, Uint8Array>();

function uuid(w: Writer, v: unknown): void {
  if (typeof v !== 'string') throw new Unencodable();
  let bytes = uuidBytes.get(v);
  if (!bytes) {
    if (!UUID.test(v)) throw new Unencodable();
    bytes = Uint8Array.from(Buffer.from(v.replace(/-/g, ''), 'hex'));
    if (uuidBytes.size >= 100_000) uuidBytes.clear();
    uuidBytes.set(v, bytes);
  }
  w.int32(16);
  w.raw(bytes);
}

/** Days of a valid 'YYYY-MM-DD' since 1970-01-01 (throws Unencodable for anything else, or an impossible date). */
function epochDays(y: string, m: string, d: string): number {
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  const back = new Date(ms);
  if (back.getUTCFullYear() !== Number(y) || back.getUTCMonth() !== Number(m) - 1 || back.getUTCDate() !== Number(d)) throw new Unencodable();
  return ms / DAY_MS;
}

function date(w: Writer, v: unknown): void {
  const m = typeof v === 'string' ? DATE.exec(v) : null;
  if (!m || m[1] === '0000') throw new Unencodable();
  w.int32(4);
  w.int32(epochDays(m[1], m[2], m[3]) - PG_EPOCH_DAYS);
}

function timestamptz(w: Writer, v: unknown): void {
  let micros: bigint;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) throw new Unencodable();
    micros = BigInt(v.getTime() - PG_EPOCH_MS) * 1000n;
  } else {
    const m = typeof v === 'string' ? TIMESTAMP.exec(v) : null;
    if (!m || m[1] === '0000') throw new Unencodable();
    const [h, min, s] = [Number(m[4]), Number(m[5]), Number(m[6])];
    if (h > 23 || min > 59 || s > 59) throw new Unencodable();
    let offsetMinutes = 0;
    if (m[8] !== 'Z') {
      const sign = m[8][0] === '-' ? -1 : 1;
      const digits = m[8].slice(1).replace(':', '');
      offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + (digits.length > 2 ? Number(digits.slice(2)) : 0));
    }
    const seconds = (epochDays(m[1], m[2], m[3]) - PG_EPOCH_DAYS) * 86_400 + h * 3600 + min * 60 + s - offsetMinutes * 60;
    micros = BigInt(seconds) * 1_000_000n + BigInt((m[7] ?? '').padEnd(6, '0'));
  }
  w.int32(8);
  w.bigint64(micros);
}

function text(w: Writer, v: unknown): void {
  // A lone surrogate: the JSON way's text is refused by PostgreSQL, UTF-8 encoding would silently store U+FFFD.
  if (typeof v !== 'string' || !v.isWellFormed()) throw new Unencodable();
  const slot = w.lengthSlot();
  w.text(v);
  w.closeLength(slot);
}

function bool(w: Writer, v: unknown): void {
  if (typeof v !== 'boolean') throw new Unencodable();
  w.int32(1);
  w.byte(v ? 1 : 0);
}

function int4(w: Writer, v: unknown): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < -2147483648 || v > 2147483647) throw new Unencodable();
  w.int32(4);
  w.int32(v);
}

/**
 * NUMERIC from the decimal JavaScript prints for `v` (String(v), as JSON does), in numeric_send's
 * layout: digit count, weight (base-10000 exponent of the first digit), sign, display scale (as
 * numeric_in sets it: the decimals written, less the exponent), then the base-10000 digits.
 */
function numeric(w: Writer, v: number, scale: number | null): void {
  if (scale !== null && scaledNumeric(w, v, scale)) return;
  const s = String(Math.abs(v));
  const e = s.indexOf('e');
  const mantissa = e < 0 ? s : s.slice(0, e);
  const exponent = e < 0 ? 0 : Number(s.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const decimals = dot < 0 ? 0 : mantissa.length - dot - 1;
  let digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  // Digits before the decimal point.
  let point = (dot < 0 ? mantissa.length : dot) + exponent;
  const dscale = Math.max(0, decimals - exponent);
  let lead = 0;
  while (lead < digits.length && digits.charCodeAt(lead) === 48) lead++;
  digits = digits.slice(lead);
  point -= lead;
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 48) end--;
  digits = digits.slice(0, end);
  if (digits.length === 0) {
    numericHeader(w, 0, 0, false, dscale);
    return;
  }
  const weight = Math.floor((point - 1) / 4);
  const padded = '0'.repeat((weight + 1) * 4 - point) + digits;
  const groups = Math.ceil(padded.length / 4);
  numericHeader(w, groups, weight, v < 0, dscale);
  for (let g = 0; g < groups; g++) w.int16(Number(padded.slice(g * 4, g * 4 + 4).padEnd(4, '0')));
}

/**
 * numeric_send's header (the value's length word included) for `digits` base-10000 digits that
 * follow: zero (no digit) is written with weight 0 and a positive sign, as PostgreSQL stores it.
 */
function numericHeader(w: Writer, digits: number, weight: number, negative: boolean, dscale: number): void {
  w.int32(8 + 2 * digits);
  w.int16(digits);
  w.int16(digits === 0 ? 0 : weight);
  w.int16(negative && digits > 0 ? 0x4000 : 0);
  w.int16(dscale);
}

const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);
/** Below this, `|v| 10^s` is within 2^-13 of its exact value (see scaledNumeric). */
const SCALED_LIMIT = 2 ** 40;

/**
 * NUMERIC(p, s) of `v` without its decimal text, where that is sure to store the same: the column
 * rounds the decimal String(v) gives to s places, half away from zero, and shows s places. That
 * decimal is within half an ulp of v, and a = |v| 10^s as computed within half an ulp of a, so
 * below 2^40 a is within 2^-12 of |decimal| 10^s: when a's fraction is more than 1e-3 from one
 * half, a rounds to the same integer n, and the value n 10^-s is written with dscale s (the
 * rounding the column would do then changes nothing). False otherwise (the caller goes by the text).
 */
function scaledNumeric(w: Writer, v: number, scale: number): boolean {
  if (scale > 15) return false;
  const a = Math.abs(v) * POW10[scale];
  if (!(a < SCALED_LIMIT)) return false;
  const whole = Math.floor(a), fraction = a - whole;
  if (Math.abs(fraction - 0.5) <= 1e-3) return false;
  const n = fraction > 0.5 ? whole + 1 : whole;
  // Base-10000 digits aligned on the decimal point: m = n 10^pad holds (s + pad) / 4 whole groups of
  // decimals; m < 2^50 < 10000^4, so four groups at most, least significant first in `groups`.
  const pad = (4 - (scale % 4)) % 4;
  let m = n * POW10[pad], count = 0;
  while (m > 0) {
    const g = m % 10000;
    groups[count++] = g;
    m = (m - g) / 10000;
  }
  // PostgreSQL stores no zero group at the end.
  let low = 0;
  while (low < count && groups[low] === 0) low++;
  const digits = count - low;
  numericHeader(w, digits, count - 1 - (scale + pad) / 4, v < 0, scale);
  for (let g = count - 1; g >= low; g--) w.int16(groups[g]);
  return true;
}

const groups = new Int32Array(4);

/** One non-null value of a scalar type, its length word included. */
function scalar(w: Writer, type: string, v: unknown, scale: number | null): void {
  switch (type) {
    case 'float8':
      if (typeof v !== 'number') throw new Unencodable();
      w.int32(8);
      // JSON writes -0 as 0.
      w.float64(v === 0 ? 0 : v);
      return;
    case 'numeric':
      if (typeof v !== 'number') throw new Unencodable();
      numeric(w, v, scale);
      return;
    case 'int4':
      return int4(w, v);
    case 'uuid':
      return uuid(w, v);
    case 'date':
      return date(w, v);
    case 'timestamptz':
      return timestamptz(w, v);
    case 'text':
    case 'varchar':
      return text(w, v);
    case 'bool':
      return bool(w, v);
    default:
      throw new Unencodable();
  }
}

/** JSON's null: what insertMany stores as SQL NULL (null, and numbers JSON cannot write). */
function isNull(v: unknown): boolean {
  return v === null || (typeof v === 'number' && !Number.isFinite(v));
}

function value(w: Writer, column: ColumnType, v: unknown, json: boolean): void {
  const type = column.type;
  if (json) {
    // A JSON column's text, embedded in the JSON as the document it is (insertMany): `null` is NULL.
    if (v === null) return w.int32(-1);
    if (typeof v !== 'string' || !v.isWellFormed() || (type !== 'jsonb' && type !== 'json')) throw new Unencodable();
    if (JSON.parse(v) === null) return w.int32(-1);
    const slot = w.lengthSlot();
    if (type === 'jsonb') w.byte(1);
    w.text(v);
    return w.closeLength(slot);
  }
  if (isNull(v)) return w.int32(-1);
  if (type.startsWith('_')) {
    const element = type.slice(1);
    const oid = ELEMENT_OID[element];
    if (oid === undefined || !Array.isArray(v)) throw new Unencodable();
    const slot = w.lengthSlot();
    w.int32(v.length === 0 ? 0 : 1);
    w.int32(v.some(isNull) ? 1 : 0);
    w.int32(oid);
    if (v.length > 0) {
      w.int32(v.length);
      w.int32(1);
    }
    for (const x of v) {
      if (isNull(x)) w.int32(-1);
      else scalar(w, element, x, column.scale);
    }
    return w.closeLength(slot);
  }
  scalar(w, type, v, column.scale);
}

/**
 * The rows as binary COPY tuples (no header or trailer: see {@link copyRows}), every row giving
 * `columns` (the first row's keys) of `table` in `layout`; `json` names the columns holding JSON
 * text. Null when a column or a value cannot be encoded exactly as insertMany would store it (the
 * caller writes these rows as JSON).
 */
export function encodeCopyRows(layout: CopyLayout, table: string, columns: readonly string[], rows: readonly Record<string, unknown>[], json: readonly string[] = []): Uint8Array | null {
  const types = layout[table];
  if (!types) return null;
  const kinds = columns.map((c) => types[c]);
  if (kinds.some((k) => k === undefined)) return null;
  const isJson = columns.map((c) => json.includes(c));
  // One buffer for every call (they run one at a time in a thread), its bytes copied out at the end:
  // a fresh 64 kB buffer per table and day was most of the garbage of a range's encoding.
  const w = writer;
  w.at = 0;
  try {
    for (const row of rows) {
      w.int16(columns.length);
      for (let c = 0; c < columns.length; c++) value(w, kinds[c], row[columns[c]], isJson[c]);
    }
  } catch (e) {
    if (e instanceof Unencodable) return null;
    throw e;
  }
  return w.bytes();
}

const writer = new Writer();

const HEADER = Uint8Array.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
const TRAILER = Uint8Array.from([0xff, 0xff]);

/**
 * The column types of the current schema's tables for {@link encodeCopyRows}, or null where binary
 * COPY is not available (PGlite). Read afresh by each caller (a couple of milliseconds): rows encoded
 * for a table as it was before a migration changed a column's type would be refused.
 */
export async function copyLayout(db: Kysely<DB> | Transaction<DB>): Promise<CopyLayout | null> {
  if ((await withPgClient(db as Kysely<DB>, async () => true)) === null) return null;
  // NUMERIC(p, s)'s typmod is ((p << 16) | s) + 4 (numeric.c); an array column has its element's.
  const rows = await sql<{ table: string; column: string; type: string; scale: number | null }>`
    select c.relname as table, a.attname as column, t.typname as type,
      case when t.typname in ('numeric', '_numeric') and a.atttypmod >= 4 then (a.atttypmod - 4) & 65535 end as scale
    from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_type t on t.oid = a.atttypid
    where c.relkind = 'r' and c.relnamespace = to_regnamespace(current_schema()) and a.attnum > 0 and not a.attisdropped`.execute(db);
  const layout: CopyLayout = {};
  for (const r of rows.rows) (layout[r.table] ??= {})[r.column] = { type: r.type, scale: r.scale };
  return layout;
}

/**
 * Writes binary COPY tuples (encodeCopyRows' output, several chunks of one table's rows) into
 * `table`'s `columns` on the transaction's connection. Throws where `trx` has no pg client.
 */
export async function copyRows(trx: Transaction<DB>, table: string, columns: readonly string[], chunks: readonly Uint8Array[]): Promise<void> {
  const id = (x: string) => `"${x.replace(/"/g, '""')}"`;
  const done = await withPgClient(trx, async (client) => {
    const copy = client.query(copyFrom(`copy ${id(table)} (${columns.map(id).join(', ')}) from stdin with (format binary)`));
    // One buffer: a write (and a CopyData message) per chunk would be thousands of small socket writes.
    await pipeline(Readable.from([Buffer.concat([HEADER, ...chunks, TRAILER])]), copy);
  });
  if (!done) throw new Error('copyRows: binary COPY needs a PostgreSQL connection');
}
