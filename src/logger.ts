import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from './config/config.js';

/**
 * The one logger: pino, JSON lines on stderr, level from LOG_LEVEL. Secrets are redacted.
 *
 * stderr, not pino's default stdout: stdout carries only a command's output, so
 * `sigmasight sync --json | jq` (or any --json command) reads exactly one JSON document, whatever
 * LOG_LEVEL says. The server logs there too. `destination` replaces stderr (tests capture with it).
 */
export function createLogger(config: Pick<Config, 'logLevel'>, options: { destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: config.logLevel,
      redact: { paths: ['req.headers.authorization', '*.password', '*.password_hash', '*.apiKey', '*.jwtSecret'], censor: '[redacted]' },
    },
    // Synchronous like pino's default, so nothing logged just before process.exit is lost.
    options.destination ?? pino.destination({ dest: 2, sync: true }),
  );
}

export type { Logger };
