import { parseArgs } from 'node:util';
import type { PgBoss } from 'pg-boss';
import { BatchInterrupted, runBatchDays, type BatchDayReport } from '../batch/batch-run.js';
import { stopWorkingBatchQueues, workBatchQueues } from '../batch/batch-worker.js';
import { openJobQueue } from '../batch/job-queue.js';
import { BATCH_QUEUES } from '../batch/queues.js';
import type { SymbolBatchReport } from '../batch/symbol/symbol-batch.js';
import { migrate } from '../db/migrator.js';
import { lastCompletedSession } from '../market-data/freshness.js';
import { defaultWorkerId } from '../market-data/onboarding-worker.js';
import { createConfiguredChain } from '../market-data/providers/configured-chain.js';
import { isTradingDay, tradingDays } from '../market-data/trading-calendar.js';
import { isIsoDate } from '../market-data/types.js';
import { UsageError, type CliIo } from './cli-io.js';
import { openRuntime } from './runtime.js';
import { refreshSettingsOf } from '../batch/portfolio/portfolio-refresh.js';

export const BATCH_USAGE = `sigmasight batch run       run the batch for trading days: the symbol phase (prices, factor exposures, factor
                          covariance, symbol daily metrics), then the portfolio refresh (valuation, P&L, Greeks,
                          exposures, factor risk, correlations, VaR, stress tests); jobs on the queue, run here
                          unless workers take them first
  --date YYYY-MM-DD       one trading day (default: the last completed session in New York)
  --from D1 --to D2       every trading day from D1 to D2, in order (a backfill)
  --phase P               symbols, portfolios or all (default all)
  --portfolio ID          refresh only this portfolio (portfolio phase)
  --json                  print the report as JSON`;

/** The text `sigmasight batch run` prints for a symbol batch report. */
export function batchSummary(r: SymbolBatchReport): string[] {
  const lines = [`Symbol batch ${r.date}: ${r.status} (${r.symbols} symbols).`];
  for (const s of r.steps) {
    lines.push(`  ${s.step}: ${s.status}, ${s.records} row(s), ${s.seconds.toFixed(1)} s${s.error ? `: ${s.error}` : ''}`);
    for (const n of s.notes) lines.push(`    ${n}`);
  }
  return lines;
}

/** The text printed for one date's portfolio phase. */
function portfolioSummary(date: string, p: NonNullable<BatchDayReport['portfolios']>): string[] {
  const lines = [`Portfolio refresh ${date}: ${p.refreshed} refreshed, ${p.skipped.length} skipped, ${p.failed.length} failed (${p.jobs} job(s), ${p.warnings} warning(s)).`];
  for (const f of p.failed) lines.push(`  portfolio ${f.portfolioId}: failed, ${f.error}`);
  for (const s of p.skipped) lines.push(`  portfolio ${s.portfolioId}: skipped, ${s.reason}`);
  return lines;
}

/**
 * `sigmasight batch run`: for each trading day in order, sends the symbol job and then D's portfolio
 * jobs to the queue and works them in this process, so it runs alone; workers that take jobs first
 * run them instead and this command waits. A failing date stops the run (later days roll forward
 * from it). Exit 0 when everything completed, 1 when anything failed (named), 130 on interrupt.
 */
export async function batchCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'run') throw new UsageError(`unknown batch command "${sub ?? ''}"\n${BATCH_USAGE}`);
  const { values } = parseArgs({
    args: rest,
    options: {
      date: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, phase: { type: 'string', default: 'all' },
      portfolio: { type: 'string' }, json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const last = lastCompletedSession(new Date());
  const phase = values.phase;
  if (phase !== 'symbols' && phase !== 'portfolios' && phase !== 'all') throw new UsageError(`--phase must be symbols, portfolios or all, got "${phase}"`);
  if (values.portfolio !== undefined && phase === 'symbols') throw new UsageError('--portfolio needs the portfolio phase (--phase portfolios or all)');
  if (values.portfolio !== undefined && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(values.portfolio)) {
    throw new UsageError(`--portfolio must be a portfolio id (a UUID), got "${values.portfolio}"`);
  }
  if (values.date !== undefined && (values.from !== undefined || values.to !== undefined)) throw new UsageError('give --date or --from/--to, not both');
  if ((values.from === undefined) !== (values.to === undefined)) throw new UsageError('--from and --to go together');
  for (const [flag, d] of [['--date', values.date], ['--from', values.from], ['--to', values.to]] as const) {
    if (d !== undefined && !isIsoDate(d)) throw new UsageError(`${flag} must be a calendar date YYYY-MM-DD, got "${d}"`);
    if (d !== undefined && d > last) {
      // A weekend or holiday ahead of the last session is named as such: it will never have closing prices.
      if (flag === '--date' && !isTradingDay(d)) throw new UsageError(`--date ${d} is not a US trading day (weekend or exchange holiday)`);
      throw new UsageError(`${flag} ${d} has no closing prices yet (the last completed session is ${last})`);
    }
  }
  let dates: string[];
  if (values.from !== undefined && values.to !== undefined) {
    if (values.from > values.to) throw new UsageError(`--from ${values.from} is after --to ${values.to}`);
    dates = tradingDays(values.from, values.to);
    if (dates.length === 0) throw new UsageError(`no US trading day from ${values.from} to ${values.to}`);
  } else {
    const date = values.date ?? last;
    if (!isTradingDay(date)) throw new UsageError(`--date ${date} is not a US trading day (weekend or exchange holiday)`);
    dates = [date];
  }

  const rt = await openRuntime();
  const { config, logger, database } = rt;
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => stop.abort(new Error(`sigmasight batch run interrupted (${signal})`));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let boss: PgBoss | undefined;
  let reports: BatchDayReport[];
  try {
    await migrate(database.db);
    boss = await openJobQueue(database, { queues: BATCH_QUEUES, logger });
    const workers = await workBatchQueues(boss, {
      db: database.db, chain: createConfiguredChain(config.providers, { logger }), workerId: defaultWorkerId(), logger,
      settings: refreshSettingsOf(config.batch, database.engine),
      // Interrupted, the jobs this process has in hand stop at their next checkpoint and go back to the queue.
      stop: stop.signal,
    });
    try {
      reports = await runBatchDays(boss, database.db, workers, dates, {
        phase, signal: stop.signal, chunkSize: config.batch.portfolioChunkSize, ...(values.portfolio !== undefined ? { portfolioIds: [values.portfolio] } : {}),
        onDay: (r, i, n) => {
          if (!values.json && n > 1) io.err(`[${i + 1}/${n}] ${r.date}: ${r.error ?? 'completed'}`);
        },
        onSymbolDay: (r, i, n) => {
          if (!values.json) io.err(`[${i + 1}/${n}] ${r.date}: symbol phase completed`);
        },
      });
    } catch (e) {
      if (!(e instanceof BatchInterrupted)) throw e;
      io.err(`sigmasight: ${e.message} (sigmasight worker)`);
      return 130;
    }
    await stopWorkingBatchQueues(boss);
    const failed = reports.filter((r) => r.error !== null);
    if (values.json) io.out(JSON.stringify(dates.length === 1 && reports.length === 1 ? reports[0] : { dates: reports }, null, 2));
    else {
      for (const r of reports) {
        if (r.symbols) for (const line of batchSummary(r.symbols)) io.out(line);
        if (r.portfolios) for (const line of portfolioSummary(r.date, r.portfolios)) io.out(line);
        if (r.error && !r.portfolios?.failed.length) io.out(`${r.date}: failed, ${r.error}`);
      }
      if (reports.length < dates.length) io.out(`Stopped at ${reports.at(-1)!.date}: ${dates.length - reports.length} later date(s) not run.`);
    }
    // Days failing for one reason (a range's portfolio phase) are named once, as a span.
    for (let i = 0; i < failed.length;) {
      let j = i;
      while (j + 1 < failed.length && failed[j + 1].error === failed[i].error) j++;
      const days = j === i ? failed[i].date : `${failed[i].date}..${failed[j].date} (${j - i + 1} days)`;
      io.err(`sigmasight: batch ${days} failed: ${failed[i].error}`);
      i = j + 1;
    }
    return failed.length > 0 || reports.length < dates.length ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await boss?.stop({ graceful: true, timeout: 30_000 });
    await rt.close();
  }
}
