/**
 * Rows of several tables written by one SQL statement: each table's rows travel as one JSON
 * parameter, expanded by `json_populate_recordset` in a data-modifying CTE. One round trip and one
 * plan instead of a statement per table; the portfolio refresh writes its ten results tables so.
 * Works the same on PostgreSQL and PGlite.
 *
 * The rows can be turned into JSON text first ({@link serializeTables}, pure: a worker thread does it
 * and sends text, cheaper to pass between threads than the objects), gathered over several days
 * ({@link gatherSerialized}) and written later ({@link insertSerialized}).
 */
import { CompiledQuery, type Insertable, type Transaction } from 'kysely';
import { copyRows, encodeCopyRows, type CopyLayout } from './copy-binary.js';
import { PREPARED } from './raw-pg-client.js';
import type { DB } from './schema.js';

/** Rows for one table. Columns named in `json` hold JSON text (Kysely's insert type of jsonb columns). */
export type TableRows = { [T in keyof DB & string]: { table: T; rows: Insertable<DB[T]>[]; json?: readonly (keyof DB[T] & string)[] } }[keyof DB & string];

/**
 * One table's rows as JSON text (`rows`: the rows' JSON objects, each a string) or, when serialized
 * with a {@link CopyLayout}, as binary COPY tuples (`copy`: chunks of them; `rows` is then empty).
 */
export interface SerializedTable {
  table: keyof DB & string;
  columns: string[];
  rows: string[];
  copy?: Uint8Array[];
}

/**
 * The tables' rows as JSON text, tables without rows left out. A row's missing key would be stored
 * as null, not the column's default: every row must name the same columns as the first, none of
 * them undefined (throws naming the row otherwise). A JSON column's text is embedded as the document
 * it is (checked to parse; the text `null` is stored as SQL NULL). JSON has no NaN or infinity: they
 * are written as null, as the columns store them. With a `layout` (PostgreSQL's column types,
 * copyLayout), a table whose every value can be is serialized as binary COPY tuples instead, storing
 * the same values (copy-binary.ts).
 */
export function serializeTables(tables: readonly TableRows[], layout: CopyLayout | null = null): SerializedTable[] {
  const out: SerializedTable[] = [];
  for (const t of tables) {
    if (t.rows.length === 0) continue;
    const columns = Object.keys(t.rows[0]);
    const json = [...(t.json ?? [])] as string[];
    const plain = columns.filter((c) => !json.includes(c));
    const all = t.rows as Record<string, unknown>[];
    for (const [i, row] of all.entries()) {
      const own = Object.keys(row);
      if (own.length !== columns.length || own.some((k, j) => k !== columns[j] || row[k] === undefined)) {
        throw new Error(`insertMany: row ${i} of ${t.table} names columns ${own.join(', ')}; row 0 names ${columns.join(',')} (every row must give the same columns, none undefined)`);
      }
    }
    // Binary where every value can be (copy-binary.ts), the same values as the JSON would store.
    const copy = layout ? encodeCopyRows(layout, t.table, columns, all, json) : null;
    if (copy) {
      out.push({ table: t.table, columns, rows: [], copy: [copy] });
      continue;
    }
    const rows: string[] = [];
    for (const [i, row] of all.entries()) {
      if (json.length === 0) {
        rows.push(JSON.stringify(row));
        continue;
      }
      const rest: Record<string, unknown> = {};
      for (const c of plain) rest[c] = row[c];
      let text = JSON.stringify(rest).slice(0, -1);
      for (const c of json) {
        const doc = row[c];
        if (doc !== null && typeof doc !== 'string') throw new Error(`insertMany: row ${i} of ${t.table}: ${c} must be JSON text or null`);
        if (doc !== null) JSON.parse(doc);
        text += `${text.length > 1 ? ',' : ''}${JSON.stringify(c)}:${doc ?? 'null'}`;
      }
      rows.push(`${text}}`);
    }
    out.push({ table: t.table, columns, rows });
  }
  return out;
}

/**
 * Adds `tables`' rows to the rows gathered by table in `into` (the same table's rows must name the
 * same columns), JSON rows and binary ones apart.
 */
export function gatherSerialized(into: Map<string, SerializedTable>, tables: readonly SerializedTable[]): void {
  for (const t of tables) {
    const key = t.copy ? `${t.table} copy` : t.table;
    const had = into.get(key);
    if (!had) into.set(key, { ...t, rows: [...t.rows], ...(t.copy ? { copy: [...t.copy] } : {}) });
    else if (had.columns.join(',') !== t.columns.join(',')) throw new Error(`insertMany: rows of ${t.table} name columns ${t.columns.join(', ')} and ${had.columns.join(', ')}`);
    else if (t.copy) had.copy!.push(...t.copy);
    else for (const r of t.rows) had.rows.push(r);
  }
}

/**
 * A further data-modifying statement run with the inserts (see {@link insertMany}): its SQL, with
 * `$JSON` where its one parameter, the JSON text `json`, goes (e.g. `from json_to_recordset($JSON) as v(...)`).
 */
export interface JsonStatement {
  sql: string;
  json: string;
}

/** Statement texts by their tables' columns and further statements (a few shapes: which tables have rows). */
const texts = new Map<string, string>();

/**
 * The most shapes run as prepared statements (each is kept on every pooled connection); further
 * shapes run unprepared. The refresh's shapes are a handful (with or without options, history, ...).
 */
const PREPARED_SHAPES = 64;

/**
 * Inserts every table's rows in one statement, in the order given (tables without rows are left
 * out). `also` are further data-modifying statements to run in the same statement (as CTEs); each
 * must not touch the tables inserted into. See {@link serializeTables} for what the rows must be.
 */
export async function insertMany(trx: Transaction<DB>, tables: readonly TableRows[], also: readonly JsonStatement[] = []): Promise<void> {
  await insertSerialized(trx, serializeTables(tables), also);
}

/**
 * {@link insertMany} of rows already serialized. Its text depends only on the tables' columns and
 * the further statements, so it is built once per shape (not compiled per call) and prepared on
 * PostgreSQL; every row travels in the parameters.
 */
export async function insertSerialized(trx: Transaction<DB>, tables: readonly SerializedTable[], also: readonly JsonStatement[] = []): Promise<void> {
  // Binary rows by COPY, one statement a table (PostgreSQL only: they are serialized so only there).
  for (const t of tables) if (t.copy && t.copy.length > 0) await copyRows(trx, t.table, t.columns, t.copy);
  const present = tables.filter((t) => !t.copy && t.rows.length > 0);
  if (present.length + also.length === 0) return;
  const key = JSON.stringify([present.map((t) => [t.table, t.columns]), also.map((a) => a.sql)]);
  let text = texts.get(key);
  if (text === undefined) {
    const id = (x: string) => `"${x.replace(/"/g, '""')}"`;
    const parts = present.map((t, i) => `insert into ${id(t.table)} (${t.columns.map(id).join(', ')})
      select ${t.columns.map((c) => `r.${id(c)}`).join(', ')} from json_populate_recordset(null::${id(t.table)}, $${i + 1}::json) as r`);
    also.forEach((a, i) => parts.push(a.sql.replaceAll('$JSON', `$${present.length + i + 1}::json`)));
    const ctes = parts.slice(0, -1).map((p, i) => `w${i} as (${p})`);
    text = `${texts.size < PREPARED_SHAPES ? PREPARED : ''} ${ctes.length === 0 ? '' : `with ${ctes.join(', ')} `}${parts.at(-1)!}`;
    if (texts.size < 1000) texts.set(key, text);
  }
  // Prepared (server mode): the daily refresh runs a few texts thousands of times.
  await trx.executeQuery(CompiledQuery.raw(text, [...present.map((t) => `[${t.rows.join(',')}]`), ...also.map((a) => a.json)]));
}
