/**
 * The dashboard over the seeded demo, for browser tests: a test database with the demo (synthetic
 * prices through {@link DEMO_TODAY}), the symbol phase and the portfolio refresh run for the last
 * {@link DEMO_DAYS} trading days (so every page has results and history), the real server listening
 * on a free port, and Chromium. Pages opened with {@link openPage} record console errors, page errors
 * and failed requests; a test ends with `expect(problems()).toEqual([])`.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { App } from '../../src/api/server.js';
import { finishBatchJob, startBatchJob } from '../../src/batch/batch-audit.repository.js';
import { portfoliosToRefresh, refreshPortfolios } from '../../src/batch/portfolio/portfolio-refresh.js';
import { refreshFactorCovariance } from '../../src/batch/symbol/factor-covariance.js';
import { refreshFactorExposures } from '../../src/batch/symbol/factor-exposures.js';
import { seedDemo } from '../../src/demo/demo-seed.js';
import { tradingDays } from '../../src/market-data/trading-calendar.js';
import { launchBrowser, screenshotPath } from './browser.js';
import { createTestApp } from './test-app.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from './test-database.js';

export const DEMO_TODAY = '2026-11-20';
export const DEMO_DAYS = 8;
/** Laptop and phone widths every page is looked at. */
export const VIEWPORTS = { laptop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;

/** Seeds the demo and runs the batch's phases for its last days, as the nightly batch would. */
export async function seedComputedDemo(t: TestDatabase): Promise<void> {
  await seedDemo(t.db, { today: DEMO_TODAY });
  const symbols = (await t.db.selectFrom('symbol_universe').select('symbol').where('status', '=', 'active').execute()).map((r) => r.symbol);
  for (const day of tradingDays('2026-10-01', DEMO_TODAY).slice(-DEMO_DAYS)) {
    const job = await startBatchJob(t.db, { name: `symbol batch ${day}`, type: 'symbol_batch', date: day, lockedBy: 'test' });
    const betas = await refreshFactorExposures(t.db, symbols, day);
    const cov = await refreshFactorCovariance(t.db, day);
    if (!betas.ok || !cov.ok) throw new Error(`symbol phase of ${day} failed`);
    await finishBatchJob(t.db, job, { failed: false, error: null, metadata: { date: day } });
    const out = await refreshPortfolios(t.db, await portfoliosToRefresh(t.db, day), day, { riskFreeRate: 0.04 });
    if (out.failed.length > 0) throw new Error(`portfolio refresh of ${day} failed: ${JSON.stringify(out.failed)}`);
  }
}

/**
 * The real server on a free port over a test database (by default the computed demo; `seed` writes
 * something else), with Chromium, for one describe block.
 */
export function useDemoDashboard(options: { env?: Record<string, string>; seed?: (t: TestDatabase) => Promise<void> } = {}) {
  let t: TestDatabase;
  let app: App;
  let browser: Browser;
  let base = '';
  beforeAll(async () => {
    t = await createTestDatabase();
    await (options.seed ?? seedComputedDemo)(t);
    app = await createTestApp(t, options.env);
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.destroy();
  });
  return { base: () => base, browser: () => browser, db: () => t, app: () => app };
}

/** A new page that records every console error, page error and failed or 5xx request. */
export async function openPage(browser: Browser, viewport: { width: number; height: number } = VIEWPORTS.laptop): Promise<{ page: Page; problems: () => string[] }> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // A navigation (a click, a reload) cancels the page's requests still in flight: the browser's doing, not a failure.
    if (r.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`);
  });
  page.on('response', (r) => { if (r.status() >= 500) problems.push(`server error: ${r.status()} ${r.request().method()} ${r.url()}`); });
  return { page, problems: () => problems };
}

/**
 * Signs in as a demo user (password demo123) with the login form, which every engine shows (the
 * one-click demo buttons are listed on an embedded database only); waits for the navigation.
 * With `next`, lands on that page.
 */
export async function signInAs(page: Page, base: string, username: string, next?: string): Promise<void> {
  await page.goto(`${base}/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.getByLabel('Username or email').fill(username);
  await page.getByLabel('Password').fill('demo123');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('navigation', { name: 'Pages' }).waitFor();
}

/** Saves a full-page screenshot named `<name>-<width>-<engine>.png` under test-results/screenshots. */
export async function shoot(page: Page, name: string): Promise<string> {
  const file = screenshotPath(`${name}-${page.viewportSize()?.width ?? 0}-${engineUnderTest}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
