/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The Risk and Stress pages in Chromium, as demo_balanced (stocks, pairs and options): the risk page
 * draws its charts (factor exposures, correlation heatmap, drawdown, volatility) and lists the 16 VaR
 * rows (4 methods x 2 confidences x 2 horizons) with component VaR; the stress page lists every stored
 * scenario, expands one, and recomputes the custom scenario's P&L as a slider is moved with the
 * keyboard. Screenshots at laptop and phone widths; any console error or failed request fails the test.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_TODAY, openPage, shoot, useDemoDashboard, VIEWPORTS } from '../support/dashboard.js';
import { engineUnderTest } from '../support/test-database.js';

/**
 * Signs in as a demo user with the login form (on both engines: the one-click demo buttons wait for
 * the system status, which a loaded machine can make slow, and a PostgreSQL server does not show them).
 */
async function signIn(page: Page, base: string, username: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('Username or email').fill(username);
  await page.getByLabel('Password').fill('demo123');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('navigation', { name: 'Pages' }).waitFor({ timeout: 60_000 });
}

/** The custom scenario's figures with no shock: $0 and 0.00%. */
const ZERO_DIRECT = 'Direct P&L$00.00%';
const ZERO_CORRELATED = 'Correlated P&L$00.00%';

describe(`risk and stress pages in Chromium (${engineUnderTest})`, () => {
  const d = useDemoDashboard();

  for (const [width, viewport] of Object.entries(VIEWPORTS)) {
    it(`shows the stored risk of the balanced book (${width})`, { timeout: 180_000 }, async () => {
      const { page, problems } = await openPage(d.browser(), viewport);
      try {
        await signIn(page, d.base(), 'demo_balanced');
        await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Risk' }).click();
        await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 30_000 }).toBe('Risk · Balanced Portfolio');
        await expect.poll(() => page.getByTestId('provenance').textContent(), { timeout: 30_000 }).toBe(`As of ${DEMO_TODAY}Synthetic prices`);
        // Every chart draws on a canvas.
        for (const id of ['factor-chart', 'correlation-heatmap', 'drawdown-chart', 'volatility-chart']) {
          await page.getByTestId(id).locator('canvas').first().waitFor({ timeout: 30_000 });
        }
        // VaR: 4 methods x 95%/99% x 1/10 days, each row naming its method, confidence and horizon.
        const varRows = page.getByTestId('var-table').locator('tbody tr');
        await expect.poll(() => varRows.count(), { timeout: 30_000 }).toBe(16);
        const varText = (await page.getByTestId('var-table').textContent()) ?? '';
        for (const m of ['Historical', 'Gaussian', 'Modified (Cornish-Fisher)', 'Monte Carlo', '95%', '99%', '1 d', '10 d']) expect(varText).toContain(m);
        expect(await varRows.first().textContent()).toMatch(/\$[\d,]+/);
        // Component VaR follows the chosen confidence and horizon.
        const components = page.getByTestId('component-var-table');
        const before = await components.textContent();
        await page.getByTestId('component-var-choice').selectOption({ index: 3 });
        await expect.poll(() => components.textContent()).not.toBe(before);
        // The factor toggle switches the per-position table from betas to dollars.
        const perPosition = page.getByTestId('position-factor-table');
        const betas = await perPosition.textContent();
        expect(betas).not.toContain('$');
        await page.getByRole('button', { name: 'Dollars', exact: true }).click();
        await expect.poll(() => perPosition.textContent()).toContain('$');
        // Concentration, exposures by group, Greeks by underlying (the balanced book holds options).
        expect(await page.getByText('Effective N').count()).toBe(1);
        await page.getByTestId('exposure-group').selectOption('underlying');
        await expect.poll(() => page.getByTestId('exposure-table').textContent()).toContain('SPY');
        expect(await page.getByTestId('greeks-table').locator('tbody tr').count()).toBeGreaterThan(0);
        // Nothing wider than the page.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
        await shoot(page, 'risk');
        expect(problems()).toEqual([]);
      } finally {
        await page.context().close();
      }
    });

    it(`lists the stored scenarios and recomputes a custom one (${width})`, { timeout: 180_000 }, async () => {
      const { page, problems } = await openPage(d.browser(), viewport);
      try {
        await signIn(page, d.base(), 'demo_balanced');
        await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Stress' }).click();
        await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 30_000 }).toBe('Stress · Balanced Portfolio');
        // Every stored scenario of the latest day has a row.
        const db = d.db().db;
        const portfolio = await db.selectFrom('portfolios as f').innerJoin('users as u', 'u.id', 'f.user_id').select('f.id').where('u.username', '=', 'demo_balanced').executeTakeFirstOrThrow();
        // One row per day, its scenarios as an array (migration 0018).
        const row = await db.selectFrom('stress_test_results').select('scenario_ids').where('portfolio_id', '=', portfolio.id).where('calculation_date', '=', DEMO_TODAY).executeTakeFirstOrThrow();
        const stored = await db.selectFrom('stress_scenarios as s').select('s.name').where('s.id', 'in', row.scenario_ids).execute();
        expect(stored.length).toBeGreaterThan(0);
        const rows = page.getByTestId('scenario-row');
        await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(stored.length);
        const table = (await page.getByTestId('scenario-table').textContent()) ?? '';
        for (const s of stored) expect(table).toContain(s.name);
        await page.getByTestId('scenario-chart').locator('canvas').first().waitFor();
        // Expand one scenario: its factors and positions.
        const details = rows.filter({ hasText: 'Market Down 10%' }).getByRole('button');
        await details.click();
        await expect.poll(() => details.getAttribute('aria-expanded')).toBe('true');
        await expect.poll(() => page.locator('.detail-row').textContent()).toContain('Per position');
        await shoot(page, 'stress');
        // The custom scenario starts at no shock and follows the market slider moved with the keyboard.
        const direct = page.getByTestId('custom-direct');
        await expect.poll(() => direct.textContent(), { timeout: 30_000 }).toBe(ZERO_DIRECT);
        const slider = page.getByTestId('shock-market');
        await slider.focus();
        for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft');
        await expect.poll(() => slider.inputValue()).toBe('-0.05');
        await expect.poll(() => direct.textContent(), { timeout: 30_000 }).not.toBe(ZERO_DIRECT);
        const afterMarket = await direct.textContent();
        expect(afterMarket).toMatch(/Direct P&L[+-]?-?\$[\d,]+/);
        // The correlated P&L moves the other factors too, so it differs from the direct one.
        await expect.poll(() => page.getByTestId('custom-correlated').textContent()).not.toBe(ZERO_CORRELATED);
        // A volatility move reprices the options.
        const vol = page.getByTestId('shock-vol');
        await vol.focus();
        for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
        await expect.poll(() => direct.textContent(), { timeout: 30_000 }).not.toBe(afterMarket);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
        await shoot(page, 'stress-custom');
        // Reset returns to no shock.
        await page.getByRole('button', { name: 'Reset' }).click();
        await expect.poll(() => direct.textContent(), { timeout: 30_000 }).toBe(ZERO_DIRECT);
        expect(problems()).toEqual([]);
      } finally {
        await page.context().close();
      }
    });
  }
});
