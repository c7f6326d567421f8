#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../config/config.js';
import { MigrationError } from '../db/migrator.js';
import { VERSION } from '../version.js';
import { analyzeCommand, ANALYZE_USAGE } from './analyze.command.js';
import { processIo, UsageError, type CliIo } from './cli-io.js';
import { dbCommand, DB_USAGE } from './db.command.js';
import { demoCommand, DEMO_USAGE } from './demo.command.js';
import { importCommand, IMPORT_USAGE } from './import.command.js';
import { serveCommand, SERVE_USAGE } from './serve.command.js';
import { syncCommand, SYNC_USAGE } from './sync.command.js';
import { workerCommand, WORKER_USAGE } from './worker.command.js';
import { createConfiguredChain } from '../market-data/providers/configured-chain.js';
import { BATCH_USAGE, batchCommand } from './batch.command.js';
import { userCommand, USER_USAGE } from './user.command.js';

const USAGE = `SigmaSight ${VERSION}: portfolio risk for long/short books with options

Usage:
${SERVE_USAGE}
${DB_USAGE}
${DEMO_USAGE}
${IMPORT_USAGE}
${SYNC_USAGE}
${WORKER_USAGE}
${BATCH_USAGE}
${ANALYZE_USAGE}
${USER_USAGE}
sigmasight help           this text
sigmasight --version      the version

Configuration comes from the environment and an optional .env file (see README).`;

/** Runs one command line; returns the exit code. Never throws. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'start':
        return await serveCommand(args, io, { prepare: true });
      case 'serve':
        return await serveCommand(args, io, { prepare: false });
      case 'db':
        return await dbCommand(args, io);
      case 'demo':
        return await demoCommand(args, io);
      case 'import':
        return await importCommand(args, io);
      case 'sync':
        return await syncCommand(args, io);
      case 'batch':
        return await batchCommand(args, io);
      case 'worker':
        return await workerCommand(args, io, { createChain: (config, logger) => createConfiguredChain(config.providers, { logger }) });
      case 'analyze':
        return await analyzeCommand(args, io);
      case 'user':
        return await userCommand(args, io);
      case '--version':
      case 'version':
        io.out(VERSION);
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
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
