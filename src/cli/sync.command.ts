import { parseArgs } from 'node:util';
import { migrate } from '../db/migrator.js';
import { createConfiguredChain } from '../market-data/providers/configured-chain.js';
import { DEFAULT_MIN_SYNC_INTERVAL_MS, syncMarketData, type SyncReport } from '../market-data/sync.js';
import { isIsoDate } from '../market-data/types.js';
import { UsageError, type CliIo } from './cli-io.js';
import { openRuntime } from './runtime.js';

export const SYNC_USAGE = `sigmasight sync           fetch missing daily bars for every active symbol from MARKET_DATA_PROVIDERS
  --symbols A,B           only these symbols
  --today YYYY-MM-DD      the last date to fetch (default: today in New York)
  --force                 sync symbols even if they were synced in the last 12 hours
  --json                  print the report as JSON (the only thing on stdout; logs go to stderr)`;

/** The skip interval in hours, for messages. */
const SKIP_HOURS = DEFAULT_MIN_SYNC_INTERVAL_MS / 3_600_000;

/** The sync report as `sync --json` prints it, with the skip interval for reading `current`. */
export type SyncCommandReport = SyncReport & {
  /** The skip interval: symbols synced less than this many hours ago are current (`current`). */
  skipIntervalHours: number;
};

/** The text `sigmasight sync` prints for a report. */
export function syncSummary(r: SyncCommandReport, options: { interrupted: boolean }): string[] {
  const lines: string[] = [];
  const current = `synced in the last ${SKIP_HOURS} hours`;
  const taken = `${r.skipped} symbol(s) skipped: another sync or the onboarding worker took them first.`;
  if (r.symbols === 0 && !options.interrupted) {
    if (r.current > 0) {
      lines.push(`Nothing to sync through ${r.today}: ${r.current === 1 ? '1 symbol is' : `${r.current} symbols are`} already current (${current}). Use --force to sync ${r.current === 1 ? 'it' : 'them'} anyway.`);
    } else if (r.skipped === 0) {
      lines.push(`Nothing to sync through ${r.today}: no symbol is due.`);
    } else {
      lines.push(`Nothing synced through ${r.today}.`);
    }
    if (r.skipped > 0) lines.push(taken);
    return lines;
  }
  lines.push(`Synced through ${r.today}: ${r.synced} of ${r.symbols} symbol(s), ${r.barsStored} bar(s) stored, ${r.barsRejected} rejected.`);
  if (r.current > 0) lines.push(`${r.current} symbol(s) already current (${current}) skipped; use --force to sync them too.`);
  for (const x of r.results) {
    if (x.outcome !== 'synced' && x.outcome !== 'interrupted') lines.push(`  ${x.symbol}: ${x.outcome}${x.error ? ` (${x.error})` : ''}`);
    for (const bar of x.rejected) lines.push(`  ${bar.symbol} ${bar.date}: rejected, ${bar.reason}`);
  }
  if (r.delisted > 0) lines.push(`${r.delisted} symbol(s) marked delisted.`);
  if (r.skipped > 0) lines.push(taken);
  if (options.interrupted) lines.push('Interrupted: symbols not reached are taken up by the next sync.');
  return lines;
}

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
    const full: SyncCommandReport = { ...report, skipIntervalHours: SKIP_HOURS };
    if (values.json) io.out(JSON.stringify(full, null, 2));
    else for (const line of syncSummary(full, { interrupted: stop.signal.aborted })) io.out(line);
    if (stop.signal.aborted) return 130;
    return report.failed + report.markedError > 0 ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await rt.close();
  }
}
