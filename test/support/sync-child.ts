/**
 * Child process for the sync crash test: syncs every due symbol from the synthetic provider into
 * the database named on the command line and prints `done SYMBOL` after each symbol's commit.
 *
 *   npx tsx test/support/sync-child.ts <postgres-url | pglite-folder> <today>
 */
import { openDatabase } from '../../src/db/database.js';
import { createFallbackChain } from '../../src/market-data/providers/fallback-chain.js';
import { SyntheticProvider } from '../../src/market-data/providers/synthetic.js';
import { syncMarketData } from '../../src/market-data/sync.js';

const [target, today] = process.argv.slice(2);
if (!target || !today) throw new Error('usage: sync-child.ts <postgres-url | pglite-folder> <today>');
const database = await openDatabase(/^postgres(ql)?:/.test(target) ? { databaseUrl: target } : { dataDir: target });
const provider = new SyntheticProvider({ now: () => Date.parse(`${today}T22:00:00Z`) });
const report = await syncMarketData(database.db, createFallbackChain([provider]), {
  today,
  historyStart: '2023-01-03',
  concurrency: 2,
  onSymbolDone: (r) => process.stdout.write(`done ${r.symbol} ${r.outcome}\n`),
});
process.stdout.write(`finished ${report.symbols} ${report.synced}\n`);
await database.close();
