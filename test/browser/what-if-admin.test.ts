/**
 * The what-if and admin pages in Chromium.
 *
 * - What-if (demo_balanced, no admin: no Admin link, /admin says it is for administrators): open a
 *   session, add a stock trade and an option trade by OCC symbol with a price, watch the after and
 *   the difference change, a trade without market data refused with the field named, resize and
 *   remove a trade, export FIX (a download starting with the FIX 4.4 header), complete with apply:
 *   the positions exist in the database and the session is read-only.
 * - Admin (demo_value made admin): freshness and batch runs with their audit log, then a
 *   calculate_risk_metrics run started and followed: no worker runs here, so its job stays queued
 *   (its batch run's progress, recorded here by hand as a worker would, shows beside it).
 * Screenshots at laptop and phone widths; any console error or failed request fails the test.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { recordAuditStep, startBatchJob } from '../../src/batch/batch-audit.repository.js';
import { DEMO_TODAY, openPage, shoot, useDemoDashboard, VIEWPORTS } from '../support/dashboard.js';
import { engineUnderTest } from '../support/test-database.js';

/**
 * Signs in with the login form (the one-click demo logins exist only on the embedded database) and
 * lands on `next` (no second page load that would abort the first page's requests).
 */
async function signIn(page: Page, base: string, username: string, next = '/'): Promise<void> {
  await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Username or email').fill(username);
  await page.getByLabel('Password').fill('demo123');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('navigation', { name: 'Pages' }).waitFor();
}

/** Elements that stick out of the page at its width (outside the tables, which scroll), and the page's scroll width. */
async function overflow(page: Page): Promise<{ wide: string[]; scrollWidth: number }> {
  return page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > w + 1 && !e.closest('.table-wrap, .nav'))
      .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${String(e.className)} ${Math.round(e.getBoundingClientRect().right)}`);
    return { wide, scrollWidth: document.documentElement.scrollWidth };
  });
}

/** The browser reports every 4xx answer to a fetch as a console error: the refused ZZZZ trade is the one expected. */
const expected422 = (p: string) => /^console: Failed to load resource: the server responded with a status of 422/.test(p);

const OPTION = 'AAPL261218C00250000';

describe(`what-if and admin pages in Chromium (${engineUnderTest})`, () => {
  const d = useDemoDashboard();

  it('tries trades in a what-if session, exports them as FIX and applies them', { timeout: 240_000 }, async () => {
    const { page, problems } = await openPage(d.browser(), VIEWPORTS.laptop);
    await signIn(page, d.base(), 'demo_balanced', '/admin');
    // Not an administrator: no Admin link, and the page says so.
    expect(await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('This page is for administrators.');

    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'What-if' }).click();
    await page.getByRole('heading', { name: 'What-if', level: 1 }).waitFor();
    await page.getByText('No sessions on this portfolio yet').waitFor();
    await page.getByTestId('new-session-name').fill('Add tech and a call');
    await page.getByTestId('open-session').click();
    const session = page.getByTestId('session');
    await session.waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('session-list').textContent()).toContain('Add tech and a call');
    expect(await page.getByTestId('session-status').textContent()).toBe('active');
    expect(await page.getByTestId('diff-gross').textContent()).toBe('$0');
    expect(await page.getByTestId('diff-positions').textContent()).toBe('0');
    expect(await page.getByTestId('whatif-stats').textContent()).toMatch(/Equity\$[\d,]+before \$[\d,]+, \$0/);

    // A stock bought at the session day's close.
    await page.getByTestId('trade-symbol').fill('NVDA');
    await page.getByTestId('trade-quantity').fill('200');
    await page.getByTestId('add-trade').click();
    await page.getByTestId('trade-NVDA').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('diff-positions').textContent()).toBe('+1');
    const gross1 = (await page.getByTestId('diff-gross').textContent()) ?? '';
    expect(gross1).toMatch(/^\+\$[\d,]+$/);
    expect(await page.getByTestId('diff-gross').getAttribute('class')).toContain('pos');

    // An option by OCC symbol, at a given price.
    await page.getByTestId('trade-symbol').fill(OPTION);
    await page.getByTestId('trade-quantity').fill('5');
    await page.getByTestId('trade-price').fill('12.5');
    await page.getByTestId('add-trade').click();
    const optionRow = page.getByTestId(`trade-${OPTION}`);
    await optionRow.waitFor({ timeout: 30_000 });
    expect(await optionRow.textContent()).toContain('CALL AAPL 250.00 exp 2026-12-18');
    expect(await optionRow.textContent()).toContain('$12.50');
    await expect.poll(() => page.getByTestId('diff-positions').textContent()).toBe('+2');
    expect(await page.getByTestId('diff-gross').textContent()).not.toBe(gross1);
    expect(await page.getByTestId('diff-delta').textContent()).toMatch(/^\+\$[\d,]+$/);
    expect(await page.getByTestId('greeks-table').textContent()).toContain('NVDA');
    await page.getByRole('img', { name: /^Main changes: / }).locator('canvas').first().waitFor();

    // No market data: refused, the field named next to the form.
    await page.getByTestId('trade-symbol').fill('ZZZZ');
    await page.getByTestId('trade-quantity').fill('10');
    await page.getByTestId('trade-price').fill('');
    await page.getByTestId('add-trade').click();
    const error = page.getByTestId('trade-error');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.textContent()).toMatch(/^no market data for ZZZZ on or before 2026-11-20.*symbol ZZZZ has no stored prices on or before 2026-11-20$/);
    expect(await page.getByTestId('trade-symbol').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('trades').locator('tbody tr').count()).toBe(2);

    // Resize the stock, then a trade added and removed again.
    await page.getByLabel('Quantity of NVDA').fill('300');
    await page.getByTestId('trade-NVDA').getByRole('button', { name: 'Resize' }).click();
    await expect.poll(() => page.getByTestId('diff-gross').textContent()).not.toBe(gross1);
    await page.getByTestId('trade-symbol').fill('MSFT');
    await page.getByTestId('trade-quantity').fill('-50');
    await page.getByTestId('add-trade').click();
    await page.getByTestId('trade-MSFT').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('trade-error').count()).toBe(0);
    await page.getByRole('button', { name: 'Remove MSFT' }).click();
    await expect.poll(() => page.getByTestId('trade-MSFT').count()).toBe(0);
    await expect.poll(() => page.getByTestId('diff-positions').textContent()).toBe('+2');

    // Save a description.
    await page.getByLabel('Description').fill('Tech exposure with a call overlay');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved', { exact: true }).waitFor();

    await shoot(page, 'what-if');

    // The FIX export: one NewOrderSingle per trade.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-fix').click()]);
    expect(download.suggestedFilename()).toMatch(/\.fix$/);
    const fix = await readFile((await download.path())!, 'latin1');
    expect(fix.startsWith('8=FIX.4.4\x01')).toBe(true);
    expect(fix).toContain('55=NVDA\x01');

    // Complete and apply: the positions exist, the session is read-only.
    const portfolio = await d.db().db.selectFrom('portfolios').innerJoin('users', 'users.id', 'portfolios.user_id').select('portfolios.id')
      .where('users.username', '=', 'demo_balanced').executeTakeFirstOrThrow();
    await page.getByTestId('apply-trades').check();
    await page.getByTestId('complete-session').click();
    await expect.poll(() => page.getByTestId('session-status').textContent(), { timeout: 30_000 }).toBe('completed');
    expect(await page.getByTestId('applied').textContent()).toMatch(/2 position\(s\) created, 0 closed/);
    const created = await d.db().db.selectFrom('positions').select(['symbol', 'quantity', 'entry_price', 'entry_date']).where('portfolio_id', '=', portfolio.id)
      .where('deleted_at', 'is', null).where('symbol', 'in', ['NVDA', OPTION]).orderBy('symbol').execute();
    expect(created.map((p) => [p.symbol, Number(p.quantity)])).toEqual([[OPTION, 5], ['NVDA', 300]]);
    expect(Number(created.find((p) => p.symbol === OPTION)?.entry_price)).toBe(12.5);
    // Entered as of the close the session priced them at, so that day's refresh includes them.
    expect(created.map((p) => p.entry_date)).toEqual([DEMO_TODAY, DEMO_TODAY]);
    expect(await page.getByTestId('add-trade').count()).toBe(0);
    expect(await page.getByTestId('complete-session').count()).toBe(0);
    expect(await page.getByLabel('Quantity of NVDA').count()).toBe(0);
    expect(await page.getByTestId('session-name').textContent()).toBe('Add tech and a call');
    await expect.poll(() => page.getByTestId('session-list').textContent()).toContain('completed');
    await shoot(page, 'what-if-completed');

    // At phone width, nothing overflows the page.
    const phone = await openPage(d.browser(), VIEWPORTS.phone);
    await signIn(phone.page, d.base(), 'demo_balanced', '/what-if');
    await phone.page.getByRole('button', { name: 'Open Add tech and a call' }).click();
    await phone.page.getByTestId('session').waitFor({ timeout: 30_000 });
    await phone.page.getByRole('img', { name: /^Main changes: / }).locator('canvas').first().waitFor();
    await shoot(phone.page, 'what-if');
    expect(await overflow(phone.page)).toEqual({ wide: [], scrollWidth: VIEWPORTS.phone.width });
    expect(phone.problems()).toEqual([]);
    await phone.page.context().close();

    expect(problems().filter((p) => !expected422(p))).toEqual([]);
    expect(problems().filter(expected422)).toHaveLength(1);
    await page.context().close();
  });

  it('shows an administrator the batch and follows a run they start', { timeout: 180_000 }, async () => {
    const db = d.db().db;
    await db.updateTable('users').set({ role: 'admin' }).where('username', '=', 'demo_value').execute();
    // Two steps of the last symbol batch in its audit log, one failed.
    const last = await db.selectFrom('batch_jobs').select('id').where('job_name', '=', 'symbol batch 2026-11-20').executeTakeFirstOrThrow();
    const at = new Date('2026-11-20T22:00:00Z');
    await recordAuditStep(db, { batchJobId: last.id, type: 'factor_exposures', date: '2026-11-20', startTime: at, endTime: new Date(at.getTime() + 1500), status: 'completed', records: 82, error: null, metadata: {} });
    await recordAuditStep(db, { batchJobId: last.id, type: 'prices', date: '2026-11-20', startTime: new Date(at.getTime() + 2000), endTime: new Date(at.getTime() + 2200), status: 'failed', records: 0, error: 'ZZZZ: the provider has no such symbol', metadata: {} });
    for (const viewport of [VIEWPORTS.laptop, VIEWPORTS.phone]) {
      const { page, problems } = await openPage(d.browser(), viewport);
      await signIn(page, d.base(), 'demo_value', '/admin');
      expect(await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Admin' }).count()).toBe(1);
      await page.getByRole('heading', { name: 'Admin', level: 1 }).waitFor();
      // Freshness of the demo's prices and betas.
      const freshness = page.getByTestId('freshness');
      await freshness.waitFor({ timeout: 30_000 });
      expect(await freshness.textContent()).toMatch(/Prices2026-11-20/);
      expect(await freshness.textContent()).toMatch(/Factor betas2026-11-20/);
      // The seeded symbol batch runs, and one run's audit log.
      const runs = page.getByTestId('runs');
      await runs.waitFor({ timeout: 30_000 });
      expect(await runs.textContent()).toContain('symbol batch 2026-11-20');
      await runs.getByRole('button', { name: 'Steps of symbol batch 2026-11-20' }).click();
      await page.getByTestId('run-detail').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('run-detail').textContent()).toMatch(/Statuscompleted/);
      const steps = page.getByTestId('run-detail').getByTestId('run-steps');
      await steps.waitFor();
      expect(await steps.locator('tbody tr').allTextContents()).toEqual([
        'factor_exposures2026-11-20completed822026-11-20 22:00:001.5 s—',
        'prices2026-11-20failed02026-11-20 22:00:02200 ms—ZZZZ: the provider has no such symbol',
      ]);
      expect(await page.getByTestId('failures').textContent()).toContain('ZZZZ: the provider has no such symbol');

      // Start a run: no worker in this server, so its job waits in the queue.
      await page.getByTestId('run-kind').selectOption('calculate_risk_metrics');
      await page.getByTestId('start-run').click();
      const job = page.getByTestId('job');
      await job.waitFor({ timeout: 30_000 });
      await expect.poll(() => page.getByTestId('job-state').textContent(), { timeout: 30_000 }).toMatch(/^(created|retry|active)$/);
      expect(await job.textContent()).toContain('calculate_risk_metrics');
      expect(await job.textContent()).not.toMatch(/failed/);
      expect(await page.getByTestId('start-error').count()).toBe(0);
      // Once a worker records the job's batch run, the page shows its progress (here recorded by hand).
      if (viewport === VIEWPORTS.laptop) {
        const jobId = (await page.getByTestId('job-id').textContent())!;
        const run = await startBatchJob(db, { name: 'calculate_risk_metrics', type: 'nightly_calculate_risk_metrics', date: '2026-11-20', lockedBy: 'test' });
        await db.updateTable('batch_jobs').set({ metadata: JSON.stringify({ date: '2026-11-20', kind: 'calculate_risk_metrics', job_id: jobId, total: 8, done: 3, current: '2026-11-13' }) })
          .where('id', '=', run).execute();
      }
      await expect.poll(() => page.getByTestId('job-run').textContent(), { timeout: 15_000 }).toBe('running 3 / 8 · 2026-11-13');
      await expect.poll(() => runs.locator('tbody tr').first().textContent(), { timeout: 15_000 }).toMatch(/^calculate_risk_metrics.*running3 \/ 8 · 2026-11-13/);
      // The queue table shows the waiting job.
      await expect.poll(() => page.getByTestId('job-queues').textContent(), { timeout: 30_000 }).toMatch(/nightly/i);
      await shoot(page, 'admin');
      expect(await overflow(page)).toEqual({ wide: [], scrollWidth: viewport.width });
      expect(problems()).toEqual([]);
      await page.context().close();
    }
  });
});
