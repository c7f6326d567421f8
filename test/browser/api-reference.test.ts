import { describe, expect, it } from 'vitest';
import { screenshotPath } from '../support/browser.js';
import { useDemoDashboard } from '../support/dashboard.js';
import { engineUnderTest } from '../support/test-database.js';

describe(`API reference at /docs in Chromium (${engineUnderTest})`, () => {
  // The server over an empty database: the reference needs no data.
  const d = useDemoDashboard({ seed: async () => {} });

  it('renders every operation of the published document under the server\'s CSP, loading nothing from elsewhere, and runs one', async () => {
    const page = await d.browser().newPage({ viewport: { width: 1280, height: 1400 } });
    // A script or style the policy blocks shows up as a console error ("Refused to ..."), a crash as a page error.
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));

    await page.goto(d.base() + '/docs');
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
    expect(requested).toContain(d.base() + '/api/v1/openapi.json');
    expect(requested.filter((url) => !url.startsWith(d.base() + '/') && !url.startsWith('data:'))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
