import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseDotEnv, readEnvironment } from './config.js';

const dataDir = () => mkdtempSync(path.join(tmpdir(), 'ss-config-'));
const SECRET = 'x'.repeat(40);

describe('loadConfig', () => {
  it('has defaults for everything: embedded database, port 8000 on 127.0.0.1, 24 h tokens', () => {
    const dir = dataDir();
    const c = loadConfig({ SIGMASIGHT_DATA_DIR: dir });
    expect(c).toMatchObject({
      databaseUrl: undefined, dataDir: dir, port: 8000, host: '127.0.0.1', jwtExpiryHours: 24, logLevel: 'info', nodeEnv: 'development',
      providers: { order: ['synthetic'] }, batch: { marketDataCron: '0 16 * * 1-5', riskCalcCron: '0 17 * * 1-5', snapshotCron: '30 17 * * 1-5', timezone: 'America/New_York', enabled: true },
    });
  });

  it('generates a JWT secret once in embedded mode and keeps it in the data folder', () => {
    const dir = dataDir();
    const first = loadConfig({ SIGMASIGHT_DATA_DIR: dir }).jwtSecret;
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(path.join(dir, 'jwt-secret'), 'utf8').trim()).toBe(first);
    expect(loadConfig({ SIGMASIGHT_DATA_DIR: dir }).jwtSecret).toBe(first);
  });

  it('keeps no secret file on a PostgreSQL server: without JWT_SECRET the secret lives only in this process', () => {
    const dir = dataDir();
    const c = loadConfig({ SIGMASIGHT_DATA_DIR: dir, DATABASE_URL: 'postgres://localhost/db' });
    expect(c.jwtSecretSource).toBe('ephemeral');
    expect(c.jwtSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(existsSync(path.join(dir, 'jwt-secret'))).toBe(false);
  });

  it('requires JWT_SECRET in production and a long one anywhere', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SIGMASIGHT_DATA_DIR: dataDir() })).toThrow(/JWT_SECRET: is required when NODE_ENV=production/);
    expect(() => loadConfig({ JWT_SECRET: 'short', SIGMASIGHT_DATA_DIR: dataDir() })).toThrow(/JWT_SECRET: must be at least 32 characters/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET }).jwtSecret).toBe(SECRET);
  });

  it.each([
    ['PORT', 'eighty', /PORT: "eighty" is not a whole number/],
    ['PORT', '70000', /PORT: 70000 is outside 0..65535/],
    ['JWT_EXPIRY_HOURS', '0', /JWT_EXPIRY_HOURS: 0 is outside/],
    ['JWT_EXPIRY_HOURS', '-1', /JWT_EXPIRY_HOURS: -1 is outside 1..8760/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL: "loud" is not one of fatal, error/],
    ['NODE_ENV', 'staging', /NODE_ENV: "staging" is not one of/],
    ['DATABASE_URL', 'not a url', /DATABASE_URL: is not a URL/],
    ['DATABASE_URL', 'mysql://localhost/db', /DATABASE_URL: protocol "mysql:"/],
    ['DATABASE_URL', 'postgres://localhost', /DATABASE_URL: names no database/],
    ['BATCH_MARKET_DATA_CRON', '61 16 * * *', /BATCH_MARKET_DATA_CRON: "61 16 \* \* \*" is not a valid cron expression/],
    ['BATCH_TIMEZONE', 'Mars/Olympus', /BATCH_TIMEZONE: "Mars\/Olympus" is not an IANA time zone/],
    ['BATCH_ENABLED', 'maybe', /BATCH_ENABLED: "maybe" is not true or false/],
    ['RISK_FREE_RATE', '4%', /RISK_FREE_RATE: "4%" is not a decimal number/],
    ['RISK_FREE_RATE', '4', /RISK_FREE_RATE: 4 is outside -0.05..0.5/],
    ['BATCH_PORTFOLIO_CHUNK_SIZE', '0', /BATCH_PORTFOLIO_CHUNK_SIZE: 0 is outside 1..10000/],
  ])('stops on a bad %s (%s) with a message naming the variable', (key, value, message) => {
    let error: unknown;
    try {
      loadConfig({ SIGMASIGHT_DATA_DIR: dataDir(), JWT_SECRET: SECRET, [key]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(key);
    expect((error as Error).message).toMatch(message);
  });

  it('accepts a PostgreSQL URL and provider settings', () => {
    const c = loadConfig({ DATABASE_URL: 'postgresql://u:p@db:5432/sigma', JWT_SECRET: SECRET, POLYGON_API_KEY: 'k1', MARKET_DATA_PROVIDERS: 'Polygon, fmp ,yahoo' });
    expect(c.databaseUrl).toBe('postgresql://u:p@db:5432/sigma');
    expect(c.providers).toMatchObject({ polygonApiKey: 'k1', fmpApiKey: undefined, order: ['polygon', 'fmp', 'yahoo'] });
  });

  it('refuses the synthetic demo market as a fallback of real providers (its tickers are real tickers)', () => {
    const env = { DATABASE_URL: 'postgresql://u:p@db:5432/sigma', JWT_SECRET: SECRET, POLYGON_API_KEY: 'k1' };
    expect(() => loadConfig({ ...env, MARKET_DATA_PROVIDERS: 'polygon,synthetic' })).toThrow(
      /MARKET_DATA_PROVIDERS: "synthetic" \(the demo market\) cannot be combined with real providers \(polygon,synthetic\)/,
    );
    expect(loadConfig({ ...env, MARKET_DATA_PROVIDERS: 'synthetic' }).providers.order).toEqual(['synthetic']);
  });
});

describe('.env files', () => {
  it('parses KEY=value lines, comments, export and quotes', () => {
    expect(parseDotEnv('# comment\nPORT=9000\nexport HOST=0.0.0.0\nA="x y\\nz"\nB=\'q # not a comment\'\nC=v # trailing\nD="8125" # quoted, then a comment\n\n')).toEqual({
      PORT: '9000', HOST: '0.0.0.0', A: 'x y\nz', B: 'q # not a comment', C: 'v', D: '8125',
    });
    expect(() => parseDotEnv('A="unclosed\n')).toThrow(/.env line 1: the quote in A is not closed/);
    // A secret with a backslash before an n keeps both characters.
    expect(parseDotEnv('S="a\\\\nb\\"c"\n')).toEqual({ S: 'a\\nb"c' });
  });

  it('names the file and line it cannot read', () => {
    expect(() => parseDotEnv('PORT=1\nthis is wrong\n', '/app/.env')).toThrow(/\/app\/.env line 2: expected KEY=value/);
  });

  it('reads .env from the working folder, with the real environment taking precedence', () => {
    const dir = dataDir();
    writeFileSync(path.join(dir, '.env'), 'PORT=9100\nHOST=0.0.0.0\n');
    expect(readEnvironment({ PORT: '9200' }, dir)).toMatchObject({ PORT: '9200', HOST: '0.0.0.0' });
  });

  it('says when a bad value came from the .env file', () => {
    const dir = dataDir();
    writeFileSync(path.join(dir, '.env'), 'LOG_LEVEL=loud\n');
    const env = readEnvironment({ SIGMASIGHT_DATA_DIR: dir }, dir);
    expect(() => loadConfig(env)).toThrow(`Configuration error in LOG_LEVEL: "loud" is not one of fatal, error, warn, info, debug, trace, silent (set in ${path.join(dir, '.env')})`);
  });
});
