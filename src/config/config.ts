import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Cron } from 'croner';
import { PORTFOLIO_CHUNK_SIZE } from '../batch/queues.js';

/**
 * The one configuration object. Read from the process environment, with an optional `.env` file
 * (the environment wins over the file). A bad value stops start-up with a `ConfigError` that names
 * the variable.
 */
export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  /** PostgreSQL connection string; absent = embedded PGlite under `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  /** HS256 secret for login tokens. */
  jwtSecret: string;
  /**
   * Where the secret came from: JWT_SECRET ('env'); generated once and kept in `dataDir` in embedded
   * mode ('file'); or, on a PostgreSQL server without JWT_SECRET outside production, made for this
   * process only ('ephemeral': logins end when it stops and are not shared between servers).
   */
  jwtSecretSource: 'env' | 'file' | 'ephemeral';
  jwtExpiryHours: number;
  /** Whether POST /api/v1/auth/register creates accounts (REGISTRATION_ENABLED, default true). */
  registrationEnabled: boolean;
  /** FIX 4.4 exports of what-if trades: SenderCompID (49) and TargetCompID (56). */
  fix: { senderCompId: string; targetCompId: string };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  providers: {
    polygonApiKey: string | undefined;
    fmpApiKey: string | undefined;
    eodhdApiKey: string | undefined;
    /** Provider names in fallback order, from MARKET_DATA_PROVIDERS. */
    order: string[];
  };
  batch: {
    /** Cron expressions (five fields) evaluated in `timezone`. */
    marketDataCron: string;
    riskCalcCron: string;
    snapshotCron: string;
    timezone: string;
    enabled: boolean;
    /** Continuously compounded annual risk-free rate of the portfolio refresh (decimal), RISK_FREE_RATE. */
    riskFreeRate: number;
    /** Whether `sigmasight start` runs the batch and onboarding worker inside the server process (START_WORKER). */
    workerInServer: boolean;
    /** Portfolios per portfolio-refresh job, BATCH_PORTFOLIO_CHUNK_SIZE (default 200). */
    portfolioChunkSize: number;
  };
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Configuration error in ${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const NODE_ENVS = ['development', 'production', 'test'] as const;
const JWT_SECRET_FILE = 'jwt-secret';
const MIN_SECRET_LENGTH = 32;

/**
 * Parses a `.env` file body: `KEY=value` lines, `#` comments, optional `export `, single or double
 * quotes around the value (double quotes understand \n). Throws on a line it cannot read.
 */
export function parseDotEnv(text: string, fileName = '.env'): Env {
  const out: Env = {};
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) throw new ConfigError(`${fileName} line ${i + 1}`, `expected KEY=value, got "${line}"`);
    const rawValue = m[2];
    let value: string;
    const quoted = /^(["'])((?:\\.|(?!\1).)*)\1\s*(?:#.*)?$/.exec(rawValue);
    if (quoted) {
      // One pass, so "\\n" stays a backslash and an n.
      value = quoted[1] === '"' ? quoted[2].replace(/\\([n"\\])/g, (_, c: string) => (c === 'n' ? '\n' : c)) : quoted[2];
    } else if (rawValue.startsWith('"') || rawValue.startsWith("'")) {
      throw new ConfigError(`${fileName} line ${i + 1}`, `the quote in ${m[1]} is not closed`);
    } else {
      value = rawValue.replace(/\s+#.*$/, '');
    }
    out[m[1]] = value;
  });
  return out;
}

/** For each environment built by readEnvironment: the variables that came from the .env file, and its path. */
const fileSources = new WeakMap<Env, { file: string; keys: Set<string> }>();

/**
 * Reads `.env` from `cwd` if present and overlays the real environment on it. SIGMASIGHT_ENV_FILE
 * names another file, or `none` to read no file (the test suite uses that, so a developer's .env
 * never points the tests at a real database).
 */
export function readEnvironment(env: Env = process.env, cwd = process.cwd()): Env {
  const choice = env.SIGMASIGHT_ENV_FILE?.trim();
  if (choice === 'none') return { ...env };
  const file = path.resolve(cwd, choice || '.env');
  if (choice && !existsSync(file)) throw new ConfigError('SIGMASIGHT_ENV_FILE', `${file} does not exist`);
  const fromFile = existsSync(file) ? parseDotEnv(readFileSync(file, 'utf8'), file) : {};
  const merged = { ...fromFile, ...env };
  const keys = new Set(Object.keys(fromFile).filter((k) => env[k] === undefined));
  if (keys.size > 0) fileSources.set(merged, { file, keys });
  return merged;
}

function nonEmpty(env: Env, key: string): string | undefined {
  const v = env[key];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function oneOf<T extends string>(env: Env, key: string, allowed: readonly T[], fallback: T): T {
  const v = nonEmpty(env, key);
  if (v === undefined) return fallback;
  const lower = v.toLowerCase() as T;
  if (!allowed.includes(lower)) throw new ConfigError(key, `"${v}" is not one of ${allowed.join(', ')}`);
  return lower;
}

function integer(env: Env, key: string, fallback: number, min: number, max: number): number {
  const v = nonEmpty(env, key);
  if (v === undefined) return fallback;
  if (!/^-?\d+$/.test(v)) throw new ConfigError(key, `"${v}" is not a whole number (expected ${min} to ${max})`);
  const n = Number(v);
  if (n < min || n > max) throw new ConfigError(key, `${n} is outside ${min}..${max}`);
  return n;
}

function decimal(env: Env, key: string, fallback: number, min: number, max: number): number {
  const v = nonEmpty(env, key);
  if (v === undefined) return fallback;
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(v)) throw new ConfigError(key, `"${v}" is not a decimal number (expected ${min} to ${max}, e.g. 0.04 for 4%)`);
  const n = Number(v);
  if (n < min || n > max) throw new ConfigError(key, `${n} is outside ${min}..${max} (a decimal: 0.04 is 4%)`);
  return n;
}

/** A FIX CompID: printable ASCII without '=' or the field delimiter, at most 64 characters. */
function fixCompId(env: Env, key: string, fallback: string): string {
  const v = nonEmpty(env, key);
  if (v === undefined) return fallback;
  if (!/^[\x21-\x3c\x3e-\x7e]{1,64}$/.test(v)) throw new ConfigError(key, `must be 1-64 printable ASCII characters without spaces or "=", got "${v}"`);
  return v;
}

function bool(env: Env, key: string, fallback: boolean): boolean {
  const v = nonEmpty(env, key);
  if (v === undefined) return fallback;
  if (/^(1|true|yes|on)$/i.test(v)) return true;
  if (/^(0|false|no|off)$/i.test(v)) return false;
  throw new ConfigError(key, `"${v}" is not true or false`);
}

function cron(env: Env, key: string, fallback: string, timezone: string): string {
  const v = nonEmpty(env, key) ?? fallback;
  try {
    new Cron(v, { timezone, paused: true }).stop();
  } catch (e) {
    throw new ConfigError(key, `"${v}" is not a valid cron expression (${(e as Error).message})`);
  }
  return v;
}

function databaseUrl(env: Env): string | undefined {
  const v = nonEmpty(env, 'DATABASE_URL');
  if (v === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    throw new ConfigError('DATABASE_URL', 'is not a URL (expected postgres://user:password@host:5432/database)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError('DATABASE_URL', `protocol "${url.protocol}" is not postgres: or postgresql:`);
  }
  if (url.pathname.length <= 1) throw new ConfigError('DATABASE_URL', 'names no database (add /name at the end)');
  return v;
}

function timezone(env: Env): string {
  const v = nonEmpty(env, 'BATCH_TIMEZONE') ?? 'America/New_York';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: v });
  } catch {
    throw new ConfigError('BATCH_TIMEZONE', `"${v}" is not an IANA time zone`);
  }
  return v;
}

/**
 * The JWT secret: JWT_SECRET when given (at least 32 characters); required in production. Otherwise,
 * in embedded mode, generated on first start and kept in `<dataDir>/jwt-secret` so logins survive
 * restarts; on a PostgreSQL server, made for this process only (the server warns at start-up).
 */
function jwtSecret(env: Env, nodeEnv: Config['nodeEnv'], dataDir: string, embedded: boolean): Pick<Config, 'jwtSecret' | 'jwtSecretSource'> {
  const v = nonEmpty(env, 'JWT_SECRET');
  if (v !== undefined) {
    if (v.length < MIN_SECRET_LENGTH) {
      throw new ConfigError('JWT_SECRET', `must be at least ${MIN_SECRET_LENGTH} characters (try: openssl rand -hex 32)`);
    }
    return { jwtSecret: v, jwtSecretSource: 'env' };
  }
  if (nodeEnv === 'production') throw new ConfigError('JWT_SECRET', 'is required when NODE_ENV=production');
  if (!embedded) return { jwtSecret: randomBytes(32).toString('hex'), jwtSecretSource: 'ephemeral' };
  const file = path.join(dataDir, JWT_SECRET_FILE);
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= MIN_SECRET_LENGTH) return { jwtSecret: kept, jwtSecretSource: 'file' };
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return { jwtSecret: secret, jwtSecretSource: 'file' };
}

/**
 * Builds the configuration from an environment. Pure apart from the JWT secret file in embedded
 * mode.
 *
 * @example
 * const config = loadConfig(readEnvironment());
 */
export function loadConfig(env: Env = readEnvironment()): Config {
  try {
    return buildConfig(env);
  } catch (e) {
    const source = fileSources.get(env);
    if (e instanceof ConfigError && source?.keys.has(e.variable)) {
      throw new ConfigError(e.variable, `${e.message.replace(/^Configuration error in [^:]+: /, '')} (set in ${source.file})`);
    }
    throw e;
  }
}

function buildConfig(env: Env): Config {
  const nodeEnv = oneOf(env, 'NODE_ENV', NODE_ENVS, 'development');
  const dataDir = path.resolve(nonEmpty(env, 'SIGMASIGHT_DATA_DIR') ?? './.sigmasight');
  const host = nonEmpty(env, 'HOST') ?? '127.0.0.1';
  const tz = timezone(env);
  const providerOrder = (nonEmpty(env, 'MARKET_DATA_PROVIDERS') ?? 'synthetic')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
  if (providerOrder.length === 0) throw new ConfigError('MARKET_DATA_PROVIDERS', 'lists no provider');
  // The demo market's tickers are real tickers: as a fallback it would answer with made-up prices
  // whenever a real provider failed, for symbols that must only hold real ones.
  if (providerOrder.includes('synthetic') && providerOrder.length > 1) {
    throw new ConfigError('MARKET_DATA_PROVIDERS', `"synthetic" (the demo market) cannot be combined with real providers (${providerOrder.join(',')}): use it alone, or list only real ones`);
  }
  const dbUrl = databaseUrl(env);
  return {
    nodeEnv,
    databaseUrl: dbUrl,
    dataDir,
    port: integer(env, 'PORT', 8000, 0, 65535),
    host,
    ...jwtSecret(env, nodeEnv, dataDir, dbUrl === undefined),
    jwtExpiryHours: integer(env, 'JWT_EXPIRY_HOURS', 24, 1, 24 * 365),
    registrationEnabled: bool(env, 'REGISTRATION_ENABLED', true),
    fix: { senderCompId: fixCompId(env, 'FIX_SENDER_COMP_ID', 'SIGMASIGHT'), targetCompId: fixCompId(env, 'FIX_TARGET_COMP_ID', 'BROKER') },
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'silent' : 'info'),
    providers: {
      polygonApiKey: nonEmpty(env, 'POLYGON_API_KEY'),
      fmpApiKey: nonEmpty(env, 'FMP_API_KEY'),
      eodhdApiKey: nonEmpty(env, 'EODHD_API_KEY'),
      order: providerOrder,
    },
    batch: {
      marketDataCron: cron(env, 'BATCH_MARKET_DATA_CRON', '0 16 * * 1-5', tz),
      riskCalcCron: cron(env, 'BATCH_RISK_CALC_CRON', '0 17 * * 1-5', tz),
      snapshotCron: cron(env, 'BATCH_SNAPSHOT_CRON', '30 17 * * 1-5', tz),
      timezone: tz,
      enabled: bool(env, 'BATCH_ENABLED', true),
      riskFreeRate: decimal(env, 'RISK_FREE_RATE', 0.04, -0.05, 0.5),
      workerInServer: bool(env, 'START_WORKER', true),
      portfolioChunkSize: integer(env, 'BATCH_PORTFOLIO_CHUNK_SIZE', PORTFOLIO_CHUNK_SIZE, 1, 10_000),
    },
  };
}
