/**
 * Rows of several tables written by one SQL statement: each table's rows travel as one JSON
 * parameter, expanded by `jsonb_populate_recordset` in a data-modifying CTE. One round trip and one
 * plan instead of a statement per table; the portfolio refresh writes its ten results tables so.
 * Works the same on PostgreSQL and PGlite.
 */
import { sql, type Insertable, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from './schema.js';

/** Rows for one table. Columns named in `json` hold JSON text (Kysely's insert type of jsonb columns). */
export type TableRows = { [T in keyof DB & string]: { table: T; rows: Insertable<DB[T]>[]; json?: readonly (keyof DB[T] & string)[] } }[keyof DB & string];

const name = (id: string) => sql.id(id);

/**
 * Inserts every table's rows in one statement, in the order given (tables without rows are left
 * out). `also` are further data-modifying statements to run in the same statement (as CTEs); each
 * must not touch the tables inserted into. A row's missing key is stored as null: give every column
 * in every row, or leave it out of all of them to get its default.
 */
export async function insertMany(trx: Transaction<DB>, tables: readonly TableRows[], also: readonly RawBuilder<unknown>[] = []): Promise<void> {
  const parts: RawBuilder<unknown>[] = [];
  for (const t of tables) {
    if (t.rows.length === 0) continue;
    const columns = Object.keys(t.rows[0]);
    // jsonb_populate_recordset reads a missing key as null, not the column's default: every row must
    // name the same columns, none of them undefined.
    const key = columns.join(',');
    for (const [i, row] of t.rows.entries()) {
      const own = Object.keys(row);
      if (own.join(',') !== key || own.some((k) => (row as Record<string, unknown>)[k] === undefined)) {
        throw new Error(`insertMany: row ${i} of ${t.table} names columns ${own.join(', ')}; row 0 names ${key} (every row must give the same columns, none undefined)`);
      }
    }
    const json = new Set<string>(t.json ?? []);
    const select = sql.join(columns.map((c) => (json.has(c) ? sql`(r.${name(c)} #>> '{}')::jsonb` : sql`r.${name(c)}`)));
    // JSON has no NaN or infinity: JSON.stringify writes them as null, as the columns store them.
    const rows = JSON.stringify(t.rows);
    parts.push(sql`insert into ${name(t.table)} (${sql.join(columns.map(name))})
      select ${select} from jsonb_populate_recordset(null::${name(t.table)}, ${rows}::jsonb) as r`);
  }
  parts.push(...also);
  if (parts.length === 0) return;
  const ctes = parts.slice(0, -1).map((p, i) => sql`${sql.raw(`w${i}`)} as (${p})`);
  const last = parts[parts.length - 1];
  await (ctes.length === 0 ? last : sql`with ${sql.join(ctes)} ${last}`).execute(trx);
}
