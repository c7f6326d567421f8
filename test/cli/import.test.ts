import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/cli-io.js';
import { importCommand } from '../../src/cli/import.command.js';
import { captureIo, useCliEnvironment, withCommandDatabase } from '../support/cli-environment.js';
import { readMarketCsv } from '../support/market-fixtures.js';
import { engineUnderTest } from '../support/test-database.js';

describe(`sigmasight import on ${engineUnderTest}`, () => {
  const env = useCliEnvironment('import');
  const query = withCommandDatabase;

  /**
   * A Yahoo-style MSFT.csv from the real MSFT daily file (2000-09-27..2001-09-27, 249 sessions),
   * with Yahoo's "null" row for a holiday and one bar whose high is below its close.
   */
  function writeMsft(): { file: string; lines: string[] } {
    const { header, rows } = readMarketCsv('msft_daily_ohlcv_2000_2001.csv');
    const at = (n: string) => header.indexOf(n);
    const lines = ['Date,Open,High,Low,Close,Adj Close,Volume'];
    for (const r of rows) {
      const date = r[at('date')];
      if (date === '2000-12-26') lines.push('2000-12-25,null,null,null,null,null,null');
      const high = date === '2001-03-01' ? String(Number(r[at('close')]) - 1) : r[at('high')];
      lines.push([date, r[at('open')], high, r[at('low')], r[at('close')], r[at('close')], r[at('volume')]].join(','));
    }
    const file = path.join(env.dataDir(), 'MSFT.csv');
    writeFileSync(file, lines.join('\n') + '\n');
    return { file, lines };
  }

  it('imports a real Yahoo-style per-symbol file, naming the symbol from the file and reporting each rejected bar', async () => {
    const { file, lines } = writeMsft();
    const c = captureIo();
    expect(await importCommand(['prices', file, '--today', '2001-09-28'], c.io)).toBe(0);
    const nullLine = lines.indexOf('2000-12-25,null,null,null,null,null,null') + 1;
    const badLine = lines.findIndex((l) => l.startsWith('2001-03-01')) + 1;
    expect(c.out).toEqual([
      `${file}: stored 248 bar(s) for MSFT (per-symbol layout); 2 rejected`,
      `  rejected ${file} line ${nullLine} MSFT 2000-12-25: open is missing; high is missing; low is missing; close is missing; volume is missing.`,
      expect.stringMatching(new RegExp(`^  rejected ${file.replace(/[.]/g, '\\.')} line ${badLine} MSFT 2001-03-01: high \\S+ is below max\\(open, close\\)`)),
    ]);
    expect(c.err).toEqual([]);
    const stored = await query(async (db) => ({
      bars: await db.selectFrom('market_data_cache').select(['date', 'open', 'high', 'low', 'close', 'adjusted_close', 'volume', 'data_source']).where('symbol', '=', 'MSFT').orderBy('date').execute(),
      universe: await db.selectFrom('symbol_universe').selectAll().where('symbol', '=', 'MSFT').executeTakeFirst(),
      queue: await db.selectFrom('symbol_onboarding_queue').select(['status', 'priority']).where('symbol', '=', 'MSFT').execute(),
    }));
    expect(stored.bars).toHaveLength(248);
    expect(stored.bars[0]).toEqual({ date: '2000-09-27', open: 63.4375, high: 63.5625, low: 59.8125, close: 60.625, adjusted_close: 60.625, volume: 53077800, data_source: 'import' });
    expect(stored.bars.some((b) => b.date === '2001-03-01' || b.date === '2000-12-25')).toBe(false);
    expect(stored.universe).toMatchObject({ status: 'pending', added_source: 'import', first_seen_date: '2000-09-27', last_price_date: '2001-09-27', last_synced: null });
    // A new symbol waits on the onboarding queue, so a worker completes its history and fits its betas.
    expect(stored.queue).toEqual([{ status: 'pending', priority: 'low' }]);

    // Importing the same file again stores the same rows (an upsert), nothing twice.
    const again = captureIo();
    expect(await importCommand(['prices', file, '--today', '2001-09-28'], again.io)).toBe(0);
    expect(await query(async (db) => (await db.selectFrom('market_data_cache').select(db.fn.countAll<number>().as('n')).where('symbol', '=', 'MSFT').executeTakeFirstOrThrow()).n)).toBe(248);
  });

  it('imports long-format files and --symbol files, stores nothing of a malformed file and exits 1 while still importing the others', async () => {
    const long = path.join(env.dataDir(), 'prices.csv');
    writeFileSync(long, 'symbol,date,open,high,low,close,adj_close,volume\nAAA,2024-01-02,10,11,9,10.5,10.4,100\nBBB,2024-01-02,20,21,19,20.5,,200\nBBB,2024-01-03,20,21,19,20.5,,-5\n');
    const export1 = path.join(env.dataDir(), 'export (1).csv');
    writeFileSync(export1, 'Date,Open,High,Low,Close,Volume\n2024-01-02,5,6,4,5.5,1000\n');
    const broken = path.join(env.dataDir(), 'CCC.csv');
    writeFileSync(broken, 'Date,Open,High,Low,Close\n2024-01-02,5,6,4,5.5\n');
    const ragged = path.join(env.dataDir(), 'DDD.csv');
    writeFileSync(ragged, 'Date,Open,High,Low,Close,Volume\n2024-01-02,5,6,4,5.5,1000\n2024-01-03,5,6\n');

    const c = captureIo();
    expect(await importCommand(['prices', long, broken, ragged, path.join(env.dataDir(), 'missing.csv'), '--today', '2024-01-05'], c.io)).toBe(1);
    expect(c.out).toEqual([
      `${long}: stored 2 bar(s) for AAA, BBB (long layout); 1 rejected`,
      `  rejected ${long} line 4 BBB 2024-01-03: volume -5 is not a non-negative whole number.`,
      'Total: 2 row(s) stored, 1 rejected, 3 of 4 file(s) not imported.',
    ]);
    expect(c.err).toEqual([
      `sigmasight: ${broken} line 1: the header lacks volume; expected Date,Open,High,Low,Close,Adj Close,Volume (one symbol per file) or symbol,date,open,high,low,close,adj_close,volume; nothing stored from this file`,
      `sigmasight: ${ragged}: not a readable CSV file: Invalid Record Length: expect 6, got 3 on line 3; nothing stored from this file`,
      `sigmasight: ${path.join(env.dataDir(), 'missing.csv')}: cannot read it (ENOENT); nothing stored`,
    ]);
    // The ragged file's good first row was not stored either: all or nothing per file.
    const symbols = await query(async (db) => (await db.selectFrom('market_data_cache').select('symbol').distinct().orderBy('symbol').execute()).map((r) => r.symbol));
    expect(symbols).toEqual(['AAA', 'BBB', 'MSFT']);

    const s = captureIo();
    expect(await importCommand(['prices', export1, '--symbol', 'eee', '--today', '2024-01-05'], s.io)).toBe(0);
    expect(s.out[0]).toBe(`${export1}: stored 1 bar(s) for EEE (per-symbol layout); 0 rejected`);
  });

  it('imports short-interest files with per-row errors', async () => {
    const file = path.join(env.dataDir(), 'short.csv');
    writeFileSync(file, 'symbol,date,cost_to_borrow_rate,short_interest,short_interest_ratio,days_to_cover,shares_available\nGME,2021-01-27,25.5,71196885,140.5,5.2,100000\nAMC,2021-01-27,x,1000,1,0.4,\n');
    const c = captureIo();
    expect(await importCommand(['short-interest', file, '--today', '2021-01-29'], c.io)).toBe(0);
    expect(c.out).toEqual([`${file}: stored 1 short-selling row(s); 1 rejected`, `  rejected ${file} line 3 AMC 2021-01-27: cost_to_borrow_rate "x" is not a number.`]);
    const rows = await query((db) => db.selectFrom('short_selling_metrics').select(['symbol', 'metric_date', 'cost_to_borrow_rate', 'short_interest', 'days_to_cover', 'shares_available', 'data_source']).execute());
    expect(rows).toEqual([{ symbol: 'GME', metric_date: '2021-01-27', cost_to_borrow_rate: 25.5, short_interest: 71196885, days_to_cover: 5.2, shares_available: 100000, data_source: 'import' }]);
  });

  it('rejects command-line mistakes with the usage', async () => {
    const c = captureIo();
    await expect(importCommand(['trades', 'x.csv'], c.io)).rejects.toThrow(UsageError);
    await expect(importCommand(['prices'], c.io)).rejects.toThrow(/needs at least one FILE/);
    await expect(importCommand(['prices', 'a.csv', 'b.csv', '--symbol', 'X'], c.io)).rejects.toThrow(/give one FILE with it/);
    await expect(importCommand(['short-interest', 'a.csv', '--symbol', 'X'], c.io)).rejects.toThrow(/--symbol applies to import prices only/);
    await expect(importCommand(['prices', 'a.csv', '--today', 'soon'], c.io)).rejects.toThrow(/--today must be YYYY-MM-DD/);
  });
});
