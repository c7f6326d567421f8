import { mkdtempSync, writeFileSync, cpSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { defaultMigrationsDir, migrate, migrationStatus, MigrationError, readMigrationFiles } from '../../src/db/migrator.js';
import type { DB } from '../../src/db/schema.js';
import { createServerDatabase, createTestDatabase, engineUnderTest, serverUrl, type TestDatabase } from '../support/test-database.js';
import { marketFile } from '../support/market-fixtures.js';

describe(`migrations on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ migrated: false });
  });
  afterAll(async () => t?.destroy());

  it('apply every file in order to an empty database, then again as a no-op', async () => {
    const files = readMigrationFiles();
    expect(files.length).toBeGreaterThanOrEqual(5);
    const applied = await migrate(t.db);
    expect(applied.map((m) => m.version)).toEqual(files.map((f) => f.version));
    expect(await migrate(t.db)).toEqual([]);
    const status = await migrationStatus(t.db);
    expect(status.pending).toEqual([]);
    expect(status.changed).toEqual([]);
    expect(status.applied.map((a) => a.checksum)).toEqual(files.map((f) => f.checksum));
  });

  it('create every table the typed schema declares, with exactly its columns', async () => {
    // The interfaces in schema.ts must follow the SQL; compare against the catalogue.
    const rows = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' order by table_name, ordinal_position`.execute(t.db);
    const catalogue = new Map<string, string[]>();
    for (const r of rows.rows) catalogue.set(r.table_name, [...(catalogue.get(r.table_name) ?? []), r.column_name]);
    const declared = declaredColumns();
    expect([...catalogue.keys()].sort()).toEqual(Object.keys(declared).sort());
    for (const [table, columns] of Object.entries(declared)) expect(catalogue.get(table)?.sort(), table).toEqual(columns.sort());
  });

  it('seed reference data: ten factors with ETF proxies and four spreads, twelve stress scenarios with shocks, three batch schedules', async () => {
    const factors = await t.db.selectFrom('factor_definitions').select(['name', 'etf_proxy']).orderBy('display_order').execute();
    expect(factors.map((f) => `${f.name}:${f.etf_proxy ?? '-'}`)).toEqual([
      'market:SPY', 'momentum:MTUM', 'value:VTV', 'growth:VUG', 'quality:QUAL', 'size:IWM',
      'low_volatility:SPLV', 'interest_rate:TLT', 'oil:USO', 'short_interest:-',
      'growth_value_spread:-', 'momentum_spread:-', 'size_spread:-', 'quality_spread:-',
    ]);
    const scenarios = await t.db.selectFrom('stress_scenarios as s').innerJoin('stress_scenario_shocks as k', 'k.scenario_id', 's.id')
      .select(['s.name', 's.display_order', 'k.shock_kind', 'k.shock_value']).orderBy('s.display_order').execute();
    expect(scenarios.slice(0, 8).map((s) => s.name)).toEqual([
      'Market Up 10%', 'Market Down 10%', 'Rates Up 0.25%', 'Rates Down 0.25%', 'Oil Up 5%', 'Oil Down 5%', '2008 Financial Crisis', 'COVID-19 Crash',
    ]);
    expect(scenarios.find((s) => s.name === 'Rates Up 0.25%')).toMatchObject({ shock_kind: 'yield_change', shock_value: 0.0025 });
    const schedules = await t.db.selectFrom('batch_job_schedules').select(['job_type', 'cron_expression']).orderBy('job_type').execute();
    expect(schedules).toEqual([
      { job_type: 'calculate_risk_metrics', cron_expression: '0 17 * * 1-5' },
      { job_type: 'create_daily_snapshot', cron_expression: '30 17 * * 1-5' },
      { job_type: 'market_data_update', cron_expression: '0 16 * * 1-5' },
    ]);
  });

  it('seed historical shocks that equal the index returns of the real data over each window', async () => {
    const sp = new Map(readFileSync(marketFile('sp500_daily_ohlcv_2000_2020.csv'), 'utf8')
      .trim().split('\n').slice(1).map((l) => { const c = l.split(','); return [c[0], Number(c[4])] as const; }));
    const nyse = new Map(readFileSync(marketFile('nyse_composite_daily_1966_2002.csv'), 'utf8')
      .trim().split('\n').slice(1).map((l) => { const c = l.split(','); return [c[0], Number(c[1])] as const; }));
    const rows = await t.db.selectFrom('stress_scenarios as s').innerJoin('stress_scenario_shocks as k', 'k.scenario_id', 's.id')
      .select(['s.name', 's.window_start', 's.window_end', 'k.shock_value']).where('s.scenario_type', '=', 'historical').execute();
    expect(rows).toHaveLength(6);
    for (const r of rows) {
      const series = r.name === 'Black Monday 1987' ? nyse : sp;
      const expected = series.get(r.window_end!)! / series.get(r.window_start!)! - 1;
      // Stored as NUMERIC(12,8): equal to the data to the 8th decimal.
      expect(Math.abs(r.shock_value - expected), r.name).toBeLessThan(5e-9);
    }
  });

  it('create a get_active_positions function that runs', async () => {
    const r = await sql`select * from get_active_positions(gen_random_uuid())`.execute(t.db);
    expect(r.rows).toEqual([]);
  });
});

describe(`the migrator on ${engineUnderTest}`, () => {
  it('refuses to start when an applied migration file has changed, naming it', async () => {
    const t = await createTestDatabase({ migrated: false });
    try {
      const dir = mkdtempSync(path.join(tmpdir(), 'ss-mig-'));
      cpSync(defaultMigrationsDir(), dir, { recursive: true });
      await migrate(t.db, readMigrationFiles(dir));
      const file = path.join(dir, '0003_factors.sql');
      writeFileSync(file, readFileSync(file, 'utf8') + '\n-- edited after it was applied\n');
      await expect(migrate(t.db, readMigrationFiles(dir))).rejects.toThrow(/0003_factors: 0003_factors.sql changed after it was applied/);
      await expect(migrate(t.db, readMigrationFiles(dir))).rejects.toBeInstanceOf(MigrationError);
    } finally {
      await t.destroy();
    }
  });

  it('rolls back a failing migration entirely and records nothing for it', async () => {
    const t = await createTestDatabase({ migrated: false });
    try {
      const dir = mkdtempSync(path.join(tmpdir(), 'ss-mig-'));
      cpSync(defaultMigrationsDir(), dir, { recursive: true });
      const next = String(readMigrationFiles(dir).length + 1).padStart(4, '0');
      writeFileSync(path.join(dir, `${next}_broken.sql`), 'create table half_done (id int);\ninsert into no_such_table values (1);\n');
      await expect(migrate(t.db, readMigrationFiles(dir))).rejects.toThrow(new RegExp(`${next}_broken.sql failed`));
      const exists = await sql<{ t: string | null }>`select to_regclass('public.half_done')::text as t`.execute(t.db);
      expect(exists.rows[0].t).toBeNull();
      const status = await migrationStatus(t.db, readMigrationFiles(dir));
      expect(status.pending.map((p) => p.name)).toEqual(['broken']);
    } finally {
      await t.destroy();
    }
  });

  it('rejects badly named or numbered files', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ss-mig-'));
    writeFileSync(path.join(dir, '0001_a.sql'), 'select 1;');
    writeFileSync(path.join(dir, '0003_c.sql'), 'select 1;');
    expect(() => readMigrationFiles(dir)).toThrow(/should be number 0002/);
    writeFileSync(path.join(dir, 'V2__bad.sql'), 'select 1;');
    expect(() => readMigrationFiles(dir)).toThrow(/not named NNNN_name.sql/);
  });

  it.runIf(serverUrl)('finds its ledger when the tables land in a per-user schema (search_path "$user", public)', async () => {
    const created = await createServerDatabase();
    const setup = await openDatabase({ databaseUrl: created.url, maxConnections: 1 });
    await sql`create schema if not exists ${sql.id(new URL(created.url).username || 'postgres')}`.execute(setup.db);
    await setup.close();
    const d = await openDatabase({ databaseUrl: created.url, maxConnections: 2 });
    try {
      expect((await migrate(d.db)).length).toBe(readMigrationFiles().length);
      expect(await migrate(d.db)).toEqual([]);
      expect((await migrationStatus(d.db)).pending).toEqual([]);
      const where = await sql<{ schema: string }>`select table_schema as schema from information_schema.tables where table_name = 'users'`.execute(d.db);
      expect(where.rows.map((r) => r.schema)).toEqual([new URL(created.url).username || 'postgres']);
    } finally {
      await d.close();
      await created.drop();
    }
  });

  it.runIf(serverUrl)('lets two processes migrate at once: one applies, the other waits and finds nothing to do', async () => {
    const t = await createTestDatabase({ migrated: false });
    const a = await openDatabase({ databaseUrl: t.url, maxConnections: 2 });
    const b = await openDatabase({ databaseUrl: t.url, maxConnections: 2 });
    try {
      const [ra, rb] = await Promise.all([migrate(a.db), migrate(b.db)]);
      expect(ra.length + rb.length).toBe(readMigrationFiles().length);
      expect(Math.min(ra.length, rb.length)).toBe(0);
      const n = await sql<{ n: number }>`select count(*)::int as n from schema_migrations`.execute(t.db);
      expect(n.rows[0].n).toBe(readMigrationFiles().length);
    } finally {
      await a.close();
      await b.close();
      await t.destroy();
    }
  });
});

/** Column lists per table, as schema.ts declares them (kept in step by hand; this test checks that). */
function declaredColumns(): Record<keyof DB, string[]> {
  const src = readFileSync(new URL('../../src/db/schema.ts', import.meta.url), 'utf8');
  const interfaces = new Map<string, string[]>();
  for (const m of src.matchAll(/export interface (\w+Table) \{([\s\S]*?)\n\}/g)) {
    interfaces.set(m[1], [...m[2].matchAll(/^\s{2}(\w+):/gm)].map((c) => c[1]));
  }
  const db = /export interface DB \{([\s\S]*?)\n\}/.exec(src)![1];
  const out: Record<string, string[]> = {};
  for (const m of db.matchAll(/^\s{2}(\w+): (\w+);/gm)) out[m[1]] = interfaces.get(m[2])!;
  return out as Record<keyof DB, string[]>;
}
