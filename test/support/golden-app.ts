/**
 * The HTTP tests' common setup on the golden portfolio: a test database with the golden market and
 * portfolio refreshed by the batch for its two days, the real server over it (inject), and bearer
 * headers for the portfolio's owner and for another user. The fields are filled before the tests run.
 */
import { afterAll, beforeAll } from 'vitest';
import type { App } from '../../src/api/server.js';
import { refreshedGoldenPortfolio } from './golden-portfolio.js';
import { createTestApp, signUp } from './test-app.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface GoldenApp {
  t: TestDatabase;
  app: App;
  userId: string;
  portfolioId: string;
  /** Position ids by the fixture's keys (aapl, jpm_put, xom_closed...). */
  positions: Map<string, string>;
  owner: { authorization: string };
  other: { authorization: string };
}

export function useGoldenApp(): GoldenApp {
  const g = {} as GoldenApp;
  beforeAll(async () => {
    g.t = await createTestDatabase();
    const created = await refreshedGoldenPortfolio(g.t.db);
    g.userId = created.userId;
    g.portfolioId = created.portfolioId;
    g.positions = created.positions;
    g.app = await createTestApp(g.t);
    // The golden owner was created in the database: a token for them, as login would sign it.
    g.owner = { authorization: `Bearer ${g.app.jwt.sign({ sub: created.userId, role: 'user' })}` };
    g.other = { authorization: `Bearer ${(await signUp(g.app, ['other'])).other}` };
  }, 120_000);
  afterAll(async () => {
    await g.app?.close();
    await g.t?.destroy();
  });
  return g;
}
