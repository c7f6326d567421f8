import { parseArgs } from 'node:util';
import { openJobQueue, waitForJobs } from '../batch/job-queue.js';
import { BATCH_QUEUES, SYMBOL_BATCH_QUEUE, type SymbolBatchJobData } from '../batch/queues.js';
import { workBatchQueues } from '../batch/batch-worker.js';
import type { SymbolBatchReport } from '../batch/symbol/symbol-batch.js';
import { migrate } from '../db/migrator.js';
import { lastCompletedSession } from '../market-data/freshness.js';
import { createConfiguredChain } from '../market-data/providers/configured-chain.js';
import { isTradingDay } from '../market-data/trading-calendar.js';
import { isIsoDate } from '../market-data/types.js';
import { defaultWorkerId } from '../market-data/onboarding-worker.js';
import { UsageError, type CliIo } from './cli-io.js';
import { openRuntime } from './runtime.js';

export const BATCH_USAGE = `sigmasight batch run       run the symbol batch for a trading day: prices, factor exposures, factor covariance,
                          symbol daily metrics (a job on the queue; run here unless a worker takes it first)
  --date YYYY-MM-DD       the trading day (default: the last completed session in New York)
  --json                  print the report as JSON`;

/** The text `sigmasight batch run` prints for a report. */
export function batchSummary(r: SymbolBatchReport): string[] {
  const lines = [`Symbol batch ${r.date}: ${r.status} (${r.symbols} symbols).`];
  for (const s of r.steps) {
    lines.push(`  ${s.step}: ${s.status}, ${s.records} row(s), ${s.seconds.toFixed(1)} s${s.error ? `: ${s.error}` : ''}`);
    for (const n of s.notes) lines.push(`    ${n}`);
  }
  return lines;
}

/**
 * `sigmasight batch run [--date D] [--json]`: sends the symbol batch job for D to the queue and works
 * it in this process, so it runs alone; a worker that takes the job first runs it instead and this
 * command waits for it. Exit 0 when every step completed, 1 when one failed (named in the report).
 */
export async function batchCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'run') throw new UsageError(`unknown batch command "${sub ?? ''}"\n${BATCH_USAGE}`);
  const { values } = parseArgs({ args: rest, options: { date: { type: 'string' }, json: { type: 'boolean', default: false } }, strict: true });
  const date = values.date ?? lastCompletedSession(new Date());
  if (!isIsoDate(date)) throw new UsageError(`--date must be a calendar date YYYY-MM-DD, got "${date}"`);
  if (!isTradingDay(date)) throw new UsageError(`--date ${date} is not a US trading day (weekend or exchange holiday)`);
  if (date > lastCompletedSession(new Date())) throw new UsageError(`--date ${date} has no closing prices yet (the last completed session is ${lastCompletedSession(new Date())})`);

  const rt = await openRuntime();
  const { config, logger, database } = rt;
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let boss: Awaited<ReturnType<typeof openJobQueue>> | undefined;
  try {
    await migrate(database.db);
    boss = await openJobQueue(database, { queues: BATCH_QUEUES, logger });
    await workBatchQueues(boss, { db: database.db, chain: createConfiguredChain(config.providers, { logger }), workerId: defaultWorkerId(), logger });
    // One job per date at a time: when one is already queued or running elsewhere, wait for that one.
    const id = (await boss.send(SYMBOL_BATCH_QUEUE.name, { date } satisfies SymbolBatchJobData, { singletonKey: date }))
      ?? (await boss.findJobs(SYMBOL_BATCH_QUEUE.name, { key: date })).find((j) => !['completed', 'failed', 'cancelled'].includes(j.state))?.id;
    if (!id) throw new Error(`could not queue the symbol batch for ${date}`);
    let done;
    try {
      [done] = await waitForJobs(boss, SYMBOL_BATCH_QUEUE.name, [id], { pollMs: 500, signal: stop.signal });
    } catch (e) {
      if (!stop.signal.aborted) throw e;
      io.err(`sigmasight: interrupted; the symbol batch job ${id} for ${date} stays on the queue for a worker (sigmasight worker)`);
      return 130;
    }
    // Take no further job in this process; the one in hand (if any) finishes before stop returns.
    await boss.offWork(SYMBOL_BATCH_QUEUE.name, { wait: true });
    if (done.state !== 'completed') {
      io.err(`sigmasight: the symbol batch job for ${date} ${done.state} (its steps are in calculation_audit_log): ${JSON.stringify(done.output)}`);
      return 1;
    }
    const report = done.output as SymbolBatchReport;
    if (values.json) io.out(JSON.stringify(report, null, 2));
    else for (const line of batchSummary(report)) io.out(line);
    return report.status === 'completed' ? 0 : 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await boss?.stop({ graceful: true, timeout: 30_000 });
    await rt.close();
  }
}
