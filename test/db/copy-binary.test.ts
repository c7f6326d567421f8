import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyLayout, encodeCopyRows, type CopyLayout } from '../../src/db/copy-binary.js';
import { insertMany, insertSerialized, serializeTables, type TableRows } from '../../src/db/insert-many.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

// Every type the binary COPY writes, and the columns' typmods (scale rounding, varchar length).
const COLUMNS = `
  k int4 primary key, u uuid, d date, v varchar(12), t text, n2 numeric(12, 2), n numeric, n5 numeric(6, 5), i int4, f float8, b bool,
  j jsonb, ts timestamptz, fa float8[], na numeric[], ua uuid[], ia int4[], ta text[], va varchar[], da date[]`;

const U1 = '0cb11364-ffbd-4e67-a82f-c93474feb117', U2 = 'FFFFFFFF-0000-4000-8000-00000000000A';

/** Rows meant to store the same by JSON and by binary COPY: signs, exponents, rounding, NULLs, empties, unicode, offsets. */
const ROWS = [
  {
    k: 1, u: U1, d: '2024-02-29', v: 'daily', t: 'héllo "wörld"\ttab\\', n2: 123.455, n: 0.1 + 0.2, n5: 0.123456789, i: -2147483648, f: 0.1 + 0.2, b: true,
    j: '{"a": [1, "x", null], "b": {"c": 1.5e-7}}', ts: '2026-12-07 07:09:31.707143+00', fa: [0.5, -0, Number.NaN, 5e-324, 1.7976931348623157e308], na: [1e21, -1.5e-7, 0, 123456789.123456789],
    ua: [U1, U2], ia: [1, -1], ta: ['a', 'b c', ''], va: ['historical', 'monte_carlo'], da: ['2000-01-01', '1999-12-31'],
  },
  {
    k: 2, u: U2, d: '1970-01-01', v: '', t: '', n2: -0.005, n: -1e-7, n5: -0.999994, i: 2147483647, f: -0, b: false,
    j: 'null', ts: '2023-01-10T00:00:00Z', fa: [], na: [Number.POSITIVE_INFINITY, 2.5], ua: [], ia: [], ta: [], va: [], da: [],
  },
  {
    k: 3, u: null, d: null, v: null, t: null, n2: Number.NaN, n: Number.NEGATIVE_INFINITY, n5: null, i: null, f: Number.NaN, b: null,
    j: null, ts: '2024-06-30T23:59:59.5-04:30', fa: null, na: null, ua: null, ia: null, ta: null, va: null, da: null,
  },
  {
    k: 4, u: U1, d: '2099-12-31', v: 'x', t: '😀', n2: 9999999999.99, n: 1234567890123456789, n5: 0.000005, i: 0, f: -1.25e-300, b: true,
    j: '[]', ts: '1999-12-31 23:59:59.999999+05', fa: [1, 2, 3], na: [-0, 100, 0.0001], ua: [U2], ia: [7], ta: ['x'], va: ['y'], da: ['2024-02-29'],
  },
];

describe(`binary COPY on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await sql.raw(`create table copy_json (${COLUMNS}); create table copy_binary (${COLUMNS})`).execute(t.db);
  });
  afterAll(async () => t?.destroy());

  /** Writes `rows` into `<prefix>_json` by the JSON insert and into `<prefix>_binary` by binary COPY, and expects the same rows back as text. */
  async function expectSameRows(layout: CopyLayout, prefix: string, rows: readonly Record<string, unknown>[], json: string[] = []): Promise<void> {
    const tables = (table: string) => [{ table, rows, json }] as unknown as TableRows[];
    const binary = serializeTables(tables(`${prefix}_binary`), layout);
    expect(binary[0].copy?.length).toBe(1);
    expect(binary[0].rows).toEqual([]);
    await t.db.transaction().execute(async (trx) => {
      await insertMany(trx, tables(`${prefix}_json`));
      await insertSerialized(trx, binary);
    });
    const text = (table: string) => sql<{ row: string }>`select ${sql.table(table)}::text as row from ${sql.table(table)} order by k`.execute(t.db);
    const [a, b] = [await text(`${prefix}_json`), await text(`${prefix}_binary`)];
    expect(b.rows).toHaveLength(rows.length);
    expect(b.rows).toEqual(a.rows);
  }

  it.runIf(engineUnderTest === 'pglite')('is not offered on PGlite: the rows are written as JSON', async () => {
    expect(await copyLayout(t.db)).toBeNull();
  });

  it.runIf(engineUnderTest === 'postgres')('stores every value exactly as the JSON insert does', async () => {
    const layout = await copyLayout(t.db);
    expect(layout?.copy_binary).toMatchObject({
      u: { type: 'uuid', scale: null }, n2: { type: 'numeric', scale: 2 }, n: { type: 'numeric', scale: null }, fa: { type: '_float8', scale: null }, j: { type: 'jsonb', scale: null },
    });
    await expectSameRows(layout!, 'copy', ROWS, ['j']);
    // Spot checks that the comparison is of something: rounding by the column's scale, NULLs, -0 as 0.
    const one = await sql<{ n2: number; n5: number; f: number; fa: (number | null)[]; j: unknown }>`select n2, n5, f, fa, j from copy_binary where k = 1`.execute(t.db);
    expect(one.rows[0]).toMatchObject({ n2: 123.46, n5: 0.12346, f: 0.30000000000000004, fa: [0.5, 0, null, 5e-324, 1.7976931348623157e308] });
    expect(Object.is(one.rows[0].fa[1], 0)).toBe(true);
    expect((await sql<{ j: unknown }>`select j from copy_binary where k = 2`.execute(t.db)).rows[0].j).toBeNull();
  });

  it.runIf(engineUnderTest === 'postgres')('rounds NUMERIC(p, s) values as the column rounds their decimal text, halves and signs included', async () => {
    // Values around the scales' halves (1.005 is 1.00499999999999989... in binary: its text rounds up),
    // tiny and large magnitudes, both signs; numeric(18, 2), numeric(12, 8), numeric(6, 5), numeric(24, 10) and arrays of them.
    const cols = 'k int4 primary key, a numeric(18, 2), b numeric(12, 8), c numeric(6, 5), d numeric(24, 10), e numeric(18, 2)[], f numeric(20, 0)';
    await sql.raw(`create table scaled_json (${cols}); create table scaled_binary (${cols})`).execute(t.db);
    const layout = (await copyLayout(t.db))!;
    expect(layout.scaled_binary.f).toEqual({ type: 'numeric', scale: 0 });
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const special = [1.005, 2.675, 0.125, -0.125, 0.005, -0.005, 1.0049999999999, 0.015, 1e-9, -1e-9, 0.0000000049, 99999.995, 0.45, 0.5, -0.5, 1.5, 2.5, 123456.785, 0];
    const rows = Array.from({ length: 3000 }, (_, k) => {
      const x = k < special.length ? special[k] : (random() - 0.5) * 10 ** Math.floor(random() * 14 - 8);
      const half = Math.round(x * 100) / 100 + (random() < 0.5 ? 0.005 : -0.005);
      return { k, a: k % 3 === 0 ? half : x * 1e4, b: x % 1000, c: x / 10 ** Math.ceil(Math.log10(Math.abs(x) + 1) + 1), d: x * 1e6, e: [x, half, -x], f: k % 5 === 0 ? half * 1e6 + 0.5 : x * 1e9 };
    });
    await expectSameRows(layout, 'scaled', rows);
    // 1.005 * 100 is 100.49999999999999 in binary, yet its text rounds to 1.01 (the margin sends it the text way).
    expect((await sql<{ e: string }>`select e[1]::text as e from scaled_binary where k = 0`.execute(t.db)).rows[0].e).toBe('1.01');
  });

  it.runIf(engineUnderTest === 'postgres')('falls back to JSON for a value or column it cannot write exactly, with the same errors', async () => {
    const layout = (await copyLayout(t.db))!;
    const base = ROWS[0];
    for (const odd of [{ n2: '1.5' }, { t: 'lone \ud800 surrogate' }, { j: '"\ud800"' }, { i: 1.5 }, { u: 'not-a-uuid' }, { d: '2023-02-29' }, { ts: 'yesterday' }, { b: 1 }, { fa: [1, '2'] }]) {
      expect(encodeCopyRows(layout, 'copy_binary', Object.keys(base), [{ ...base, ...odd }], ['j'])).toBeNull();
    }
    expect(encodeCopyRows(layout, 'copy_binary', ['k', 'missing'], [{ k: 1, missing: 2 }])).toBeNull();
    expect(encodeCopyRows(layout, 'no_such_table', ['k'], [{ k: 1 }])).toBeNull();
    // A string in a numeric column goes the JSON way, and PostgreSQL reads it as text would be read.
    const s = serializeTables([{ table: 'copy_binary', rows: [{ ...base, k: 10, n2: '1.555' }], json: ['j'] }] as unknown as TableRows[], layout);
    expect(s[0].copy).toBeUndefined();
    await t.db.transaction().execute((trx) => insertSerialized(trx, s));
    expect((await sql<{ n2: number }>`select n2 from copy_binary where k = 10`.execute(t.db)).rows[0].n2).toBe(1.56);
    // A JSON column's text that does not parse is refused, as the JSON way refuses it.
    expect(() => serializeTables([{ table: 'copy_binary', rows: [{ ...base, k: 11, j: '{' }], json: ['j'] }] as unknown as TableRows[], layout)).toThrow(SyntaxError);
    // A value the column refuses fails the COPY and nothing of it stays.
    const tooLong = serializeTables([{ table: 'copy_binary', rows: [{ ...base, k: 12 }, { ...base, k: 13, v: 'far longer than twelve' }], json: ['j'] }] as unknown as TableRows[], layout);
    expect(tooLong[0].copy).toBeDefined();
    await expect(t.db.transaction().execute((trx) => insertSerialized(trx, tooLong))).rejects.toThrow(/too long/);
    expect((await sql<{ n: number }>`select count(*)::int as n from copy_binary where k in (12, 13)`.execute(t.db)).rows[0].n).toBe(0);
  });
});
