import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

// Both engines must hand the application the same JavaScript values (see src/db/database.ts).
describe(`type parsing on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ migrated: false });
  });
  afterAll(async () => t?.destroy());

  it('returns dates as ISO strings, numeric and bigint as numbers, and arrays of them alike', async () => {
    const r = await sql<Record<string, unknown>>`
      select '2024-01-02'::date as d, 12.345678::numeric as n, 9007199254740991::int8 as b, 7::int4 as i,
             array['2024-01-02', '2024-02-29']::date[] as da, array[1.5, null, -2]::numeric[] as na, array[3, 4]::int8[] as ba,
             '2024-01-02T03:04:05Z'::timestamptz as ts, '{"a": [1, 2]}'::jsonb as j, true as flag`.execute(t.db);
    expect(r.rows[0]).toEqual({
      d: '2024-01-02', n: 12.345678, b: 9007199254740991, i: 7,
      da: ['2024-01-02', '2024-02-29'], na: [1.5, null, -2], ba: [3, 4],
      ts: new Date('2024-01-02T03:04:05Z'), j: { a: [1, 2] }, flag: true,
    });
  });

  it('parses number and date arrays alike whatever they hold: empty, nulls, special values, long', async () => {
    const r = await sql<Record<string, unknown>>`
      select '{}'::numeric[] as empty, array[null, 'NaN', '-0.000001', '1e-20']::numeric[] as odd, array[null, '2024-02-29']::date[] as dn,
             (select array_agg(x::numeric / 7 order by x) from generate_series(1, 2000) x) as long`.execute(t.db);
    expect(r.rows[0].empty).toEqual([]);
    expect(r.rows[0].odd).toEqual([null, NaN, -0.000001, 1e-20]);
    expect(r.rows[0].dn).toEqual([null, '2024-02-29']);
    const long = r.rows[0].long as number[];
    expect(long).toHaveLength(2000);
    expect(long[0]).toBe(Number('0.14285714285714285714'));
    expect(long[1999]).toBe(Number('285.71428571428571428571'));
  });

  it('accepts date strings, numbers and JSON strings as parameters without shifting them', async () => {
    const r = await sql<{ d: string; n: number; j: unknown; arr: string[] }>`
      select ${'2024-03-10'}::date as d, ${0.1 + 0.2}::numeric as n, ${JSON.stringify([{ x: 1 }])}::jsonb as j,
             ${['2024-03-10', '2024-11-03']}::date[] as arr`.execute(t.db);
    expect(r.rows[0]).toEqual({ d: '2024-03-10', n: 0.30000000000000004, j: [{ x: 1 }], arr: ['2024-03-10', '2024-11-03'] });
  });
});
