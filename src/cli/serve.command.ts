import { parseArgs } from 'node:util';
import { buildServer } from '../api/server.js';
import { migrate } from '../db/migrator.js';
import { seedDemo } from '../demo/demo-seed.js';
import { VERSION } from '../version.js';
import { UsageError, type CliIo } from './cli-io.js';
import { openRuntime } from './runtime.js';

export const SERVE_USAGE = `sigmasight serve          run the API and dashboard (PORT, HOST)
sigmasight start          migrate, seed the demo when the database has no users, then serve (what npm start runs)`;

/**
 * `serve` and `start`. Both run until SIGINT/SIGTERM, then close the server and the database.
 * `start` migrates first and seeds the demo on an empty database.
 */
export async function serveCommand(args: string[], io: CliIo, options: { prepare: boolean }): Promise<number> {
  parseArgs({ args, options: {}, strict: true });
  const rt = await openRuntime();
  const { config, logger, database } = rt;
  try {
    if (options.prepare) {
      const applied = await migrate(database.db);
      if (applied.length > 0) logger.info({ migrations: applied.map((m) => m.file) }, 'migrations applied');
      const users = await database.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      if (Number(users.n) === 0) {
        logger.info('empty database: seeding the demo');
        const r = await seedDemo(database.db);
        logger.info(r, 'demo seeded (logins demo_growth, demo_value, demo_balanced; password demo123)');
      }
    }
    const app = await buildServer({ database, config, logger, version: VERSION });
    await app.listen({ port: config.port, host: config.host });
    io.out(`SigmaSight ${VERSION} on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} (${database.engine}: ${database.location})`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    logger.info('shutting down');
    await app.close();
    return 0;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UsageError(`port ${config.port} on ${config.host} is in use: stop the other process or set PORT`);
    throw e;
  } finally {
    await rt.close();
  }
}
