import { parseArgs } from 'node:util';
import { migrate } from '../db/migrator.js';
import { createConfiguredChain } from '../market-data/providers/configured-chain.js';
import { syncMarketData } from '../market-data/sync.js';
import { isIsoDate } from '../market-data/types.js';
import { UsageError, type CliIo } from './cli-io.js';
import { openRuntime } from './runtime.js';

export const SYNC_USAGE = `sigmasight sync           fetch missing daily bars for every active symbol from MARKET_DATA_PROVIDERS
  --symbols A,B           only these symbols
  --today YYYY-MM-DD      the last date to fetch (default: today in New York)
  --force                 sync symbols even if they were synced in the last 12 hours
  --json                  print the report as JSON`;

/**
 * `sigmasight sync`: the incremental market-data sync (only missing dates, the last five sessions
 * re-fetched to heal corrections, each symbol committed on its own so an interrupted run resumes).
 * Exit 0 when every symbol synced, 1 when any failed (the report names them), 130 when interrupted
 * by SIGINT/SIGTERM (nothing is counted against the symbols it was working on).
 */
export async function syncCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { symbols: { type: 'string' }, today: { type: 'string' }, force: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  if (values.today !== undefined && !isIsoDate(values.today)) throw new UsageError(`--today must be a calendar date YYYY-MM-DD, got "${values.today}"`);
  const symbols = values.symbols?.split(',').map((s) => s.trim().toUpperCase()).filter((s) => s !== '');
  const rt = await openRuntime();
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await migrate(rt.database.db);
    const chain = createConfiguredChain(rt.config.providers, { logger: rt.logger });
    const report = await syncMarketData(rt.database.db, chain, {
      today: values.today,
      symbols,
      minSyncIntervalMs: values.force ? 0 : undefined,
      logger: rt.logger,
      signal: stop.signal,
    });
    if (values.json) {
      io.out(JSON.stringify(report, null, 2));
    } else {
      io.out(`Synced through ${report.today}: ${report.synced} of ${report.symbols} symbol(s), ${report.barsStored} bar(s) stored, ${report.barsRejected} rejected.`);
      for (const r of report.results) {
        if (r.outcome !== 'synced' && r.outcome !== 'interrupted') io.out(`  ${r.symbol}: ${r.outcome}${r.error ? ` (${r.error})` : ''}`);
        for (const bar of r.rejected) io.out(`  ${bar.symbol} ${bar.date}: rejected, ${bar.reason}`);
      }
      if (report.delisted > 0) io.out(`${report.delisted} symbol(s) marked delisted.`);
      if (stop.signal.aborted) io.out('Interrupted: symbols not reached are taken up by the next sync.');
    }
    if (stop.signal.aborted) return 130;
    return report.failed + report.markedError > 0 ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await rt.close();
  }
}
