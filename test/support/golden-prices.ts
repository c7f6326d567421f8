/**
 * The golden price files of the symbol batch (test/golden/factor-prices.csv, wide: date and one column
 * per factor ETF; test/golden/symbol-prices.csv, long: symbol,date,adj_close), stored as the oracles
 * read them: every price is the bar's close and adjusted close (data_source 'synthetic', as generated).
 */
import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';
import { beginSymbolWrite } from '../../src/market-data/price-sources.js';
import { upsertBars, type StoredBar } from '../../src/market-data/prices.repository.js';

const rows = (file: string) => readFileSync(new URL(`../golden/${file}`, import.meta.url), 'utf8').trim().split('\n').map((l) => l.split(','));
const bar = (symbol: string, date: string, p: number): StoredBar => ({ symbol, date, open: p, high: p, low: p, close: p, adjustedClose: p, volume: 1, dataSource: 'synthetic' });

/** The bars of the factor ETFs, and of the four stocks too when `stocks`. */
export function goldenBars(options: { stocks: boolean }): StoredBar[] {
  const [header, ...etfRows] = rows('factor-prices.csv');
  const bars = etfRows.flatMap((r) => header.slice(1).map((s, j) => bar(s, r[0], Number(r[j + 1]))));
  if (options.stocks) for (const [s, d, p] of rows('symbol-prices.csv').slice(1)) bars.push(bar(s, d, Number(p)));
  return bars;
}

/** Stores {@link goldenBars} in one transaction, as every writer of bars does (symbol locks first). */
export async function storeGoldenBars(db: Kysely<DB>, options: { stocks: boolean }): Promise<void> {
  const bars = goldenBars(options);
  await db.transaction().execute(async (trx) => {
    await beginSymbolWrite(trx, bars);
    await upsertBars(trx, bars);
  });
}
