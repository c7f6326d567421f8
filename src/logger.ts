import { pino, type Logger } from 'pino';
import type { Config } from './config/config.js';

/** The one logger: pino, JSON lines on stdout, level from LOG_LEVEL. Secrets are redacted. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    redact: { paths: ['req.headers.authorization', '*.password', '*.password_hash', '*.apiKey', '*.jwtSecret'], censor: '[redacted]' },
  });
}

export type { Logger };
