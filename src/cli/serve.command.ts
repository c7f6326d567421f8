import { parseArgs } from 'node:util';
import { buildServer } from '../api/server.js';
import { startBatchService, type BatchService } from '../batch/batch-service.js';
import { defaultWorkerId, runOnboardingWorker } from '../market-data/onboarding-worker.js';
import { createConfiguredChain } from '../market-data/providers/configured-chain.js';
import { ConfigError } from '../config/config.js';
import { migrate } from '../db/migrator.js';
import { seedDemo } from '../demo/demo-seed.js';
import { SYNTHETIC_DATA_SOURCE } from '../market-data/synthetic-source.js';
import { VERSION } from '../version.js';
import type { CliIo } from './cli-io.js';
import { openRuntime } from './runtime.js';
import { refreshSettingsOf } from '../batch/portfolio/portfolio-refresh.js';

export const SERVE_USAGE = `sigmasight serve          run the API and dashboard (PORT, HOST)
sigmasight start          migrate, seed the demo when the database has no users and no real prices, then serve, with a
                          worker inside (batch jobs, schedules, onboarding; START_WORKER=false turns it off); on a
                          new database it computes the last 90 trading days of portfolio history (what npm start runs)`;

/** Resolves on the first SIGINT or SIGTERM; registered before any work so a stop during seeding is orderly. */
function stopSignal(): { stopped: Promise<string>; dispose(): void } {
  let resolve!: (signal: string) => void;
  const stopped = new Promise<string>((r) => (resolve = r));
  let received = false;
  const onSignal = (signal: NodeJS.Signals) => {
    // A second signal while shutting down (a request that will not finish) stops at once.
    if (received) process.exit(130);
    received = true;
    resolve(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    stopped,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/**
 * `serve` and `start`. Both run until SIGINT/SIGTERM, then close the server and the database.
 * `start` migrates first and seeds the demo on an empty database. A signal during migration or
 * seeding lets the current transaction finish, then stops before serving.
 */
export async function serveCommand(args: string[], io: CliIo, options: { prepare: boolean }): Promise<number> {
  parseArgs({ args, options: {}, strict: true });
  const signal = stopSignal();
  let stopRequested = false;
  void signal.stopped.then(() => (stopRequested = true));
  let rt: Awaited<ReturnType<typeof openRuntime>>;
  try {
    rt = await openRuntime();
  } catch (e) {
    signal.dispose();
    throw e;
  }
  const { config, logger, database } = rt;
  try {
    if (options.prepare) {
      const applied = await migrate(database.db);
      if (applied.length > 0) logger.info({ migrations: applied.map((m) => m.file) }, 'migrations applied');
      const users = await database.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const real = await database.db.selectFrom('market_data_cache').select('symbol').where('data_source', '<>', SYNTHETIC_DATA_SOURCE).limit(1).executeTakeFirst();
      if (Number(users.n) === 0 && real) {
        // Its prices are made up; this database already holds real ones (an import, a sync).
        logger.info({ realPricesOf: real.symbol }, 'no users, but real prices are stored: not seeding the synthetic demo');
      } else if (Number(users.n) === 0 && !stopRequested) {
        logger.info('empty database: seeding the demo');
        const r = await seedDemo(database.db);
        logger.info(r, 'demo seeded (logins demo_growth, demo_value, demo_balanced; password demo123)');
      }
    }
    if (stopRequested) {
      logger.info('stopped before serving');
      return 0;
    }
    if (config.jwtSecretSource === 'ephemeral') {
      logger.warn('JWT_SECRET is not set: using a secret for this process only, so logins end when it stops and are not shared between servers');
    }
    const app = await buildServer({ database, config, logger, version: VERSION });
    try {
      await app.listen({ port: config.port, host: config.host });
    } catch (e) {
      await app.close();
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new ConfigError('PORT', `port ${config.port} on ${config.host} is already in use: stop the other process or choose another PORT`);
      if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') throw new ConfigError('HOST', `cannot listen on "${config.host}" (${code}): use an address of this machine, such as 127.0.0.1 or 0.0.0.0`);
      if (code === 'EACCES') throw new ConfigError('PORT', `not allowed to listen on port ${config.port}: use a port above 1023`);
      throw e;
    }
    io.out(`SigmaSight ${VERSION} on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} (${database.engine}: ${database.location})`);
    // The worker starts once the server answers, so the start page can show the first start's progress.
    let batch: BatchService | undefined;
    let onboarding: Promise<unknown> | undefined;
    const stopWorker = new AbortController();
    if (options.prepare && config.batch.workerInServer) {
      const chain = createConfiguredChain(config.providers, { logger });
      const workerId = defaultWorkerId();
      batch = await startBatchService(database, { chain, workerId, logger, settings: refreshSettingsOf(config.batch, database.engine) }, {
        schedules: config.batch.enabled ? config.batch : null,
      });
      const firstStart = await batch.queueFirstStart();
      if (firstStart) logger.info({ job: firstStart }, 'first start: computing the portfolio history in the background');
      onboarding = runOnboardingWorker({ db: database.db, chain, workerId, concurrency: 2, once: false, signal: stopWorker.signal, logger })
        .catch((e: unknown) => logger.error({ err: e }, 'onboarding worker stopped'));
    }
    const received = await signal.stopped;
    logger.info({ signal: received }, 'shutting down');
    stopWorker.abort();
    await app.close();
    await Promise.all([batch?.stop(), onboarding]);
    return 0;
  } finally {
    signal.dispose();
    await rt.close();
  }
}
