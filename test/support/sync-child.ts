/**
 * Child process for the sync crash test: syncs every due symbol from the synthetic provider into
 * the database named on the command line and prints `done SYMBOL OUTCOME` after each symbol's commit.
 *
 *   node --import tsx test/support/sync-child.ts <postgres-url | pglite-folder> <today> <history-start> [stall-after]
 *
 * With `stall-after` N, once N symbols are done every later fetch waits forever instead of
 * answering: the run can then never finish before the test's SIGKILL lands, however the two
 * processes are scheduled. Symbols already past their fetch carry on and may commit meanwhile, so
 * the kill can still land inside a symbol's write.
 */
import { openDatabase } from '../../src/db/database.js';
import { createFallbackChain } from '../../src/market-data/providers/fallback-chain.js';
import { SyntheticProvider } from '../../src/market-data/providers/synthetic.js';
import { syncMarketData } from '../../src/market-data/sync.js';
import type { DailyBar, IsoDate } from '../../src/market-data/types.js';

const [target, today, historyStart, stallArg] = process.argv.slice(2);
if (!target || !today || !historyStart) throw new Error('usage: sync-child.ts <postgres-url | pglite-folder> <today> <history-start> [stall-after]');
const stallAfter = stallArg === undefined ? Infinity : Number(stallArg);
let done = 0;

class StallingProvider extends SyntheticProvider {
  override async dailyBars(symbol: string, from: IsoDate, to: IsoDate): Promise<DailyBar[]> {
    // A pending timer, not a bare pending promise: that would let the process exit on its own.
    if (done >= stallAfter) await new Promise(() => setInterval(() => {}, 60_000));
    return super.dailyBars(symbol, from, to);
  }
}

const database = await openDatabase(/^postgres(ql)?:/.test(target) ? { databaseUrl: target } : { dataDir: target });
const provider = new StallingProvider({ now: () => Date.parse(`${today}T22:00:00Z`) });
const report = await syncMarketData(database.db, createFallbackChain([provider]), {
  today,
  historyStart,
  concurrency: 2,
  onSymbolDone: (r) => {
    done++;
    process.stdout.write(`done ${r.symbol} ${r.outcome}\n`);
  },
});
process.stdout.write(`finished ${report.symbols} ${report.synced}\n`);
await database.close();
