import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/server.js';
import { launchBrowser, screenshotPath } from '../support/browser.js';
import { createTestApp } from '../support/test-app.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

describe(`API reference at /docs in Chromium (${engineUnderTest})`, () => {
  let t: TestDatabase;
  let app: App;
  let browser: Browser;
  let base = '';
  beforeAll(async () => {
    t = await createTestDatabase();
    app = await createTestApp(t);
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.destroy();
  });

  it('renders every operation of the published document under the server\'s CSP, loading nothing from elsewhere, and runs one', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    // A script or style the policy blocks shows up as a console error ("Refused to ..."), a crash as a page error.
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));

    await page.goto(base + '/docs');
    const portfolios = page.locator('.opblock-summary-path[data-path="/api/v1/portfolios"]');
    await portfolios.first().waitFor();
    expect(await portfolios.count()).toBe(2); // GET and POST
    expect(await page.locator('.info .title').textContent()).toMatch(/^SigmaSight API/);
    expect(await page.title()).toBe('SigmaSight API reference');
    await page.screenshot({ path: screenshotPath(`api-reference-${engineUnderTest}.png`) });

    // "Try it out" on a public operation: the page calls the API from the same origin and shows the answer.
    const status = page.locator('.opblock-get', { has: page.locator('.opblock-summary-path[data-path="/api/v1/system/status"]') });
    await status.locator('.opblock-summary').click();
    await status.getByRole('button', { name: 'Try it out' }).click();
    await status.getByRole('button', { name: 'Execute' }).click();
    await expect.poll(() => status.locator('.live-responses-table tbody .response-col_status').first().textContent()).toBe('200');

    await status.screenshot({ path: screenshotPath(`api-reference-try-it-out-${engineUnderTest}.png`) });
    expect(requested).toContain(base + '/api/v1/openapi.json');
    expect(requested.filter((url) => !url.startsWith(base + '/') && !url.startsWith('data:'))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
