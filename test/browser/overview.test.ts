/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The dashboard's front door in Chromium: the login page lists the demo accounts (embedded database
 * only) and signs in with one click; each demo user sees their portfolio's overview (equity, P&L,
 * exposures with the notional / delta-adjusted toggle, beta, volatility, VaR with its method, the
 * synthetic-prices label, the history chart and its ranges); a signed-out visitor is sent to the
 * login page and back where they were; an expired session returns to the login page; sign out.
 * Screenshots at laptop and phone widths; any console error or failed request fails the test.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_TODAY, openPage, shoot, useDemoDashboard, VIEWPORTS } from '../support/dashboard.js';
import { engineUnderTest } from '../support/test-database.js';

const DEMOS = [
  { username: 'demo_growth', portfolio: 'Growth Portfolio' },
  { username: 'demo_value', portfolio: 'Value Portfolio' },
  { username: 'demo_balanced', portfolio: 'Balanced Portfolio' },
];

describe(`login and overview in Chromium (${engineUnderTest})`, () => {
  const d = useDemoDashboard();

  it('signs each demo user in with one click and shows their overview', { timeout: 180_000 }, async () => {
    for (const [i, demo] of DEMOS.entries()) {
      const { page, problems } = await openPage(d.browser(), VIEWPORTS.laptop);
      await page.goto(`${d.base()}/login`);
      const accounts = page.getByTestId('demo-accounts');
      if (engineUnderTest === 'pglite') {
        await accounts.waitFor();
        if (i === 0) await shoot(page, 'login');
        // One click signs in as the demo user.
        await page.getByTestId(`demo-login-${demo.username}`).click();
        await page.getByRole('navigation', { name: 'Pages' }).waitFor();
      } else {
        // On a PostgreSQL server the demo accounts are not advertised: sign in with the form.
        await page.getByLabel('Username or email').fill(demo.username);
        await page.getByLabel('Password').fill('demo123');
        await page.getByRole('button', { name: 'Sign in', exact: true }).click();
        await page.getByRole('navigation', { name: 'Pages' }).waitFor();
        expect(await accounts.count()).toBe(0);
      }
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(demo.portfolio);
      const stats = page.getByTestId('overview-stats');
      await stats.waitFor();
      const text = (await stats.textContent()) ?? '';
      expect(text).toMatch(/Equity\$[\d,]+/);
      expect(text).toMatch(/P&L today[+-]?-?\$[\d,]+/);
      expect(text).toMatch(/Beta \(SPY\)-?\d+\.\d\d/);
      expect(text).toMatch(/VaR 95% 1d\$[\d,]+CVaR \$[\d,]+, historical/);
      expect(await page.getByTestId('provenance').textContent()).toBe(`As of ${DEMO_TODAY}Synthetic prices`);
      // Notional and delta-adjusted exposure.
      const exposure = page.getByTestId('exposure-stats');
      const notional = await exposure.textContent();
      await page.getByRole('button', { name: 'Delta-adjusted' }).click();
      if (demo.username !== 'demo_value') await expect.poll(() => exposure.textContent()).not.toBe(notional); // the value book has no options
      // The history chart and its ranges.
      await page.getByRole('img', { name: 'Equity and daily P&L history' }).locator('canvas').first().waitFor();
      for (const r of ['1M', 'All']) {
        await page.getByRole('button', { name: r, exact: true }).click();
        await expect.poll(() => page.getByRole('button', { name: r, exact: true }).getAttribute('aria-pressed')).toBe('true');
      }
      await shoot(page, `overview-${demo.username}`);
      // Every page of the navigation opens on this user's portfolio, with its content and no error.
      for (const [link, heading, content] of [
        ['Positions', 'Positions', 'positions-table'], ['Risk', `Risk · ${demo.portfolio}`, 'component-var-table'],
        ['Stress', `Stress · ${demo.portfolio}`, null], ['What-if', 'What-if', null],
      ] as const) {
        await page.getByRole('link', { name: link, exact: true }).click();
        await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(heading);
        if (content) await page.getByTestId(content).first().waitFor({ timeout: 30_000 });
        await expect.poll(() => page.getByRole('status').filter({ hasText: /Loading/ }).count(), { timeout: 30_000 }).toBe(0);
        expect(await page.getByRole('alert').count(), `${demo.username} ${link}`).toBe(0);
      }
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      expect(await page.evaluate(() => localStorage.getItem('sigmasight.token'))).toBeNull();
      expect(problems()).toEqual([]);
      await page.context().close();
    }
  });

  it('fits a phone, and keeps the page a signed-out visitor asked for', { timeout: 120_000 }, async () => {
    const { page, problems } = await openPage(d.browser(), VIEWPORTS.phone);
    await page.goto(`${d.base()}/risk`);
    await page.waitForURL(/\/login\?next=%2Frisk$/);
    await shoot(page, 'login');
    await page.getByLabel('Username or email').fill('demo_balanced');
    await page.getByLabel('Password').fill('demo123');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(/\/risk$/);
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByTestId('overview-stats').waitFor();
    await page.getByRole('img', { name: 'Equity and daily P&L history' }).locator('canvas').first().waitFor();
    // Nothing wider than the phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    await shoot(page, 'overview-demo_balanced');
    // A wrong password is refused with the server's message, nothing else.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Username or email').fill('demo_balanced');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/invalid username, email or password/i);
    expect(problems().filter((p) => !/status of 401/.test(p))).toEqual([]);
    await page.context().close();
  });

  it('sends an expired session back to the login page, and back where it was after signing in', { timeout: 120_000 }, async () => {
    const { page, problems } = await openPage(d.browser(), VIEWPORTS.laptop);
    await page.goto(`${d.base()}/login`);
    await page.getByLabel('Username or email').fill('demo_growth');
    await page.getByLabel('Password').fill('demo123');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByTestId('overview-stats').waitFor();
    await page.getByRole('link', { name: 'Stress' }).click();
    await page.waitForURL(/\/stress$/);
    // The token expires: a token signed one second ago with a one-second life, as the server signs them.
    const user = await d.db().db.selectFrom('users').select('id').where('username', '=', 'demo_growth').executeTakeFirstOrThrow();
    const expired = d.app().jwt.sign({ sub: user.id, role: 'user' }, { expiresIn: 1 });
    await page.evaluate((t) => localStorage.setItem('sigmasight.token', t), expired);
    await page.reload();
    await page.waitForURL(/\/login\?next=%2Fstress$/, { timeout: 15_000 });
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/session expired/i);
    await page.getByLabel('Username or email').fill('demo_growth');
    await page.getByLabel('Password').fill('demo123');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(/\/stress$/);
    expect(problems().filter((p) => !/status of 401/.test(p))).toEqual([]);
    await page.context().close();
  });

  it('registers a new account, creates its first portfolio, and switches between portfolios', { timeout: 120_000 }, async () => {
    const { page, problems } = await openPage(d.browser(), VIEWPORTS.laptop);
    await page.goto(`${d.base()}/login`);
    await page.getByRole('button', { name: 'Create one' }).click();
    await page.getByLabel('Username').fill('new_pm');
    await page.getByLabel('Email').fill('new_pm@example.com');
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Create your first portfolio' }).waitFor();
    expect(await page.getByTestId('signed-in-as').textContent()).toBe('new_pm');
    await page.getByLabel('Name').fill('Book A');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Book A');
    // Not computed yet: the page says so instead of showing numbers.
    await expect.poll(() => page.getByText('No risk results yet for this portfolio').count()).toBe(1);
    // A second portfolio brings the switcher.
    const token = await page.evaluate(() => localStorage.getItem('sigmasight.token'));
    const created = await d.app().inject({ method: 'POST', url: '/api/v1/portfolios', headers: { authorization: `Bearer ${token}` }, payload: { name: 'Book B' } });
    expect(created.statusCode).toBe(201);
    await page.reload();
    const switcher = page.getByTestId('portfolio-switcher');
    await switcher.waitFor();
    await switcher.selectOption({ label: 'Book B' });
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Book B');
    await shoot(page, 'overview-new-account');
    expect(problems()).toEqual([]);
    await page.context().close();
  });
});
