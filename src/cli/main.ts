#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../config/config.js';
import { MigrationError } from '../db/migrator.js';
import { VERSION } from '../version.js';
import { processIo, UsageError, type CliIo } from './cli-io.js';

// Each command's module is loaded when it runs: the server's (Fastify, the dashboard's routes) and
// the others' take most of a second to load, which `batch run` or `db migrate` never need.

/** The help text (it loads every command's module for its usage lines). */
async function usage(): Promise<string> {
  const [serve, db, demo, imports, sync, worker, batch, analyze, user] = await Promise.all([
    import('./serve.command.js'), import('./db.command.js'), import('./demo.command.js'), import('./import.command.js'), import('./sync.command.js'),
    import('./worker.command.js'), import('./batch.command.js'), import('./analyze.command.js'), import('./user.command.js'),
  ]);
  return `SigmaSight ${VERSION}: portfolio risk for long/short books with options

Usage:
${serve.SERVE_USAGE}
${db.DB_USAGE}
${demo.DEMO_USAGE}
${imports.IMPORT_USAGE}
${sync.SYNC_USAGE}
${worker.WORKER_USAGE}
${batch.BATCH_USAGE}
${analyze.ANALYZE_USAGE}
${user.USER_USAGE}
sigmasight help           this text
sigmasight --version      the version

Configuration comes from the environment and an optional .env file (see README).`;
}

/** Runs one command line; returns the exit code. Never throws. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'start':
        return await (await import('./serve.command.js')).serveCommand(args, io, { prepare: true });
      case 'serve':
        return await (await import('./serve.command.js')).serveCommand(args, io, { prepare: false });
      case 'db':
        return await (await import('./db.command.js')).dbCommand(args, io);
      case 'demo':
        return await (await import('./demo.command.js')).demoCommand(args, io);
      case 'import':
        return await (await import('./import.command.js')).importCommand(args, io);
      case 'sync':
        return await (await import('./sync.command.js')).syncCommand(args, io);
      case 'batch':
        return await (await import('./batch.command.js')).batchCommand(args, io);
      case 'worker': {
        const [{ workerCommand }, { createConfiguredChain }] = await Promise.all([import('./worker.command.js'), import('../market-data/providers/configured-chain.js')]);
        return await workerCommand(args, io, { createChain: (config, logger) => createConfiguredChain(config.providers, { logger }) });
      }
      case 'analyze':
        return await (await import('./analyze.command.js')).analyzeCommand(args, io);
      case 'user':
        return await (await import('./user.command.js')).userCommand(args, io);
      case '--version':
      case 'version':
        io.out(VERSION);
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(await usage());
        return 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`sigmasight: ${e.message}`);
      if (!e.message.includes('\n')) io.err('Run "sigmasight help" for the commands.');
      return 2;
    }
    if (e instanceof ConfigError || e instanceof MigrationError) {
      io.err(`sigmasight: ${e.message}`);
      return 1;
    }
    const err = e as Error & { code?: string };
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || err.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      io.err(`sigmasight: ${err.message}`);
      return 2;
    }
    io.err(`sigmasight: ${err.message}`);
    if (process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'trace') io.err(err.stack ?? '');
    return 1;
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
/** package.json's engines: pg-boss 12 and the ES2024 build need Node.js 22.12 or newer. */
function nodeIsSupported(version: string): boolean {
  const [major, minor] = version.split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 12);
}

if (invokedDirectly && !nodeIsSupported(process.versions.node)) {
  process.stderr.write(`sigmasight: Node.js 22.12 or newer is needed; this is ${process.version}. Install Node.js 22 LTS (see README.md).\n`);
  process.exitCode = 1;
} else if (invokedDirectly) {
  process.exitCode = await runCli(process.argv.slice(2));
  // Every command has closed what it opened by now. Should a library still hold the event loop
  // (a timer, a file handle), exit anyway rather than linger after "shutting down": the timer is
  // unref'd, so a clean process exits at once without waiting for it.
  setTimeout(() => process.exit(), 2_000).unref();
}
