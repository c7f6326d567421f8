import { parseArgs } from 'node:util';
import type { Config } from '../config/config.js';
import { readEnvironment } from '../config/config.js';
import { migrationStatus } from '../db/migrator.js';
import type { Logger } from '../logger.js';
import { defaultWorkerId, runOnboardingWorker } from '../market-data/onboarding-worker.js';
import type { OnboardingChain } from '../market-data/onboarding.service.js';
import { createProviderChain, providerEnvFromConfig, type ProviderFactory } from '../market-data/providers/registry.js';
import { UsageError, type CliIo } from './cli-io.js';
import { openRuntime } from './runtime.js';
import type { PgBoss } from 'pg-boss';
import { NIGHTLY_QUEUE, startBatchService, type BatchService } from '../batch/batch-service.js';
import { drainBatchQueues } from '../batch/batch-worker.js';
import { openJobQueue } from '../batch/job-queue.js';
import { BATCH_QUEUES } from '../batch/queues.js';
import { createConfiguredChain } from '../market-data/providers/configured-chain.js';
import { refreshSettingsOf } from '../batch/portfolio/portfolio-refresh.js';

export const WORKER_USAGE = `sigmasight worker         work the queues: onboard queued symbols (fetch history, store bars, compute factor
                          betas) and run queued batch jobs (sigmasight batch run)
  --concurrency N         symbols in progress at once (default 4, at most 64)
  --once                  process what is due now, then exit (otherwise run until SIGINT/SIGTERM)
  --today YYYY-MM-DD      the last day of the history window (default: today)
  --history-days N        calendar days of history to fetch and fit betas on (default 730)`;

/** What the worker command needs from outside (tests and the CLI wiring pass their own). */
export interface WorkerCommandDeps {
  /**
   * Builds the provider chain from the configuration. Default: the registry's providers named by
   * MARKET_DATA_PROVIDERS, plus `factories` (e.g. the synthetic provider's factory).
   */
  createChain?: (config: Config, logger: Logger) => OnboardingChain;
  /** Extra provider factories for the default chain, by name. */
  factories?: Readonly<Record<string, ProviderFactory>>;
}

function wholeNumber(flag: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} must be a whole number, got "${value}"\n${WORKER_USAGE}`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`${flag} must be between ${min} and ${max}, got ${n}\n${WORKER_USAGE}`);
  return n;
}

/**
 * `sigmasight worker [--concurrency N] [--once]`: runs the onboarding worker against the configured
 * database and provider chain. Stops gracefully on SIGINT/SIGTERM (symbols in progress finish).
 * Exit code 0, or 1 when some outcome could not be recorded (the database failed).
 */
export async function workerCommand(args: string[], io: CliIo, deps: WorkerCommandDeps = {}): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      concurrency: { type: 'string' },
      once: { type: 'boolean', default: false },
      today: { type: 'string' },
      'history-days': { type: 'string' },
    },
    strict: true,
  });
  const concurrency = wholeNumber('--concurrency', values.concurrency, 4, 1, 64);
  const historyDays = wholeNumber('--history-days', values['history-days'], 730, 30, 36_500);
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw new UsageError(`--today must be YYYY-MM-DD, got "${values.today}"`);

  const rt = await openRuntime();
  const { config, logger, database } = rt;
  const stop = new AbortController();
  const onSignal = (signal: string) => {
    if (!stop.signal.aborted) io.err(`${signal}: stopping after the symbols in progress`);
    stop.abort();
  };
  const onInt = () => onSignal('SIGINT');
  let boss: PgBoss | undefined;
  let service: BatchService | undefined;
  const onTerm = () => onSignal('SIGTERM');
  try {
    const m = await migrationStatus(database.db);
    if (m.pending.length > 0 || m.changed.length > 0) {
      io.err(`sigmasight: the database schema is not current (${m.pending.length} pending, ${m.changed.length} changed migration(s)); run "sigmasight db migrate" first`);
      return 1;
    }
    const chain = deps.createChain
      ? deps.createChain(config, logger)
      : createProviderChain({
          providers: config.providers.order,
          env: { ...readEnvironment(), ...providerEnvFromConfig(config.providers) },
          ...(deps.factories ? { factories: deps.factories } : {}),
          shared: { logger },
        });
    const workerId = defaultWorkerId();
    const batch = { db: database.db, chain: createConfiguredChain(config.providers, { logger }), workerId, logger, settings: refreshSettingsOf(config.batch, database.engine) };
    if (values.once) boss = await openJobQueue(database, { queues: [...BATCH_QUEUES, NIGHTLY_QUEUE], logger });
    else {
      // Batch jobs, the scheduled runs and (BATCH_ENABLED) firing the schedules, beside the onboarding loop below.
      service = await startBatchService(database, batch, { schedules: config.batch.enabled ? config.batch : null });
      boss = service.boss;
    }
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    io.out(`Onboarding worker ${workerId}: concurrency ${concurrency}, ${values.once ? 'once' : 'until stopped'} (${database.engine}: ${database.location})`);
    const s = await runOnboardingWorker({
      db: database.db,
      chain,
      workerId,
      concurrency,
      once: values.once,
      signal: stop.signal,
      logger,
      settings: { historyDays, ...(values.today ? { today: values.today } : {}) },
      // What a person needs to act on goes to stdout with its reason, not only to the log.
      onOutcome: (o) => {
        if (o.status === 'failed') io.out(`  ${o.symbol}: failed, ${o.reason}`);
        else if (o.status === 'retry') io.out(`  ${o.symbol}: attempt ${o.attempt} failed, retrying in ${Math.round(o.retryInMs / 1000)} s: ${o.reason}`);
      },
    });
    io.out(
      `Processed ${s.claimed} symbol(s): ${s.active} active, ${s.private} private, ${s.retried} to retry, ${s.failed} failed` +
        `${s.reaped ? `, ${s.reaped} expired claim(s) failed` : ''}${s.lost ? `, ${s.lost} claim(s) lost to another worker` : ''}` +
        `${s.errors ? `, ${s.errors} outcome(s) not recorded` : ''}.`,
    );
    let batchFailed = 0;
    if (values.once) {
      const b = await drainBatchQueues(boss, batch);
      batchFailed = b.failed.length;
      io.out(`Batch jobs: ${b.completed} completed, ${b.failed.length} failed.`);
      for (const f of b.failed) io.out(`  job ${f.id}: ${f.error}`);
    }
    return s.errors > 0 || batchFailed > 0 ? 1 : 0;
  } finally {
    // The service's stop also ends a scheduled run between days and its change sweep.
    await (service ? service.stop() : boss?.stop({ graceful: true, timeout: 30_000 }));
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
    await rt.close();
  }
}
