/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { engineUnderTest } from '../support/test-database.js';
import { DEMO_PASSWORD } from '../../src/demo/demo-portfolios.js';
import { openPage, shoot, useDemoDashboard, VIEWPORTS } from '../support/dashboard.js';

/** Two bad rows (a zero quantity on line 3, a bad date and a negative price on line 5) among good ones. */
const BAD_CSV = [
  'ticker,quantity,entry_price,entry_date,tags',
  'MSFT,10,400.00,2026-11-02,Quality',
  'NVDA,0,120.00,2026-11-02,',
  'AMZN,5,180.00,2026-11-02,',
  'GOOGL,7,-3,2026-13-45,',
].join('\n');
const GOOD_CSV = ['ticker,quantity,entry_price,entry_date,tags', 'MSFT,10,400.00,2026-11-02,Quality;Imported', 'AMZN,-5,180.00,2026-11-03,Imported'].join('\n');

/**
 * The browser reports every 4xx answer to a fetch as a console error ("Failed to load resource").
 * The steps that expect the API to refuse (a form's validation error, a dry run of a bad file)
 * name the answer they expect; anything else is a problem.
 */
const expected400 = (p: string) => /console: Failed to load resource: the server responded with a status of 400/.test(p);

/**
 * Signs in through the form (the login page lists the one-click demo logins on the embedded
 * database only, so signInAs of test/support/dashboard.ts cannot sign in on PostgreSQL).
 */
async function signIn(page: Page, base: string, username: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('Username or email').waitFor({ timeout: 60_000 });
  await page.getByLabel('Username or email').fill(username);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('navigation', { name: 'Pages' }).waitFor({ timeout: 60_000 });
}

const rows = (page: Page) => page.getByTestId('position-row');
/** Elements sticking out of the screen's width, outside a scroller (a table's, the navigation's): none on a page that fits. */
const overflowing = (page: Page) => page.evaluate(() => {
  const width = document.documentElement.clientWidth;
  const scrolled = (e: Element): boolean => {
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true;
    return false;
  };
  const page = document.documentElement.scrollWidth > width ? [`page ${document.documentElement.scrollWidth}px wide`] : [];
  return page.concat([...document.querySelectorAll('body *')]
    .filter((e) => e.getBoundingClientRect().right > width + 1 && !scrolled(e))
    .map((e) => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)
    .slice(0, 10));
});
const symbols = (page: Page) => rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-symbol') ?? ''));

describe(`positions page in Chromium (${engineUnderTest})`, () => {
  const d = useDemoDashboard();

  /** The live positions of demo_balanced's portfolio, counted in the database. */
  async function countInDatabase(): Promise<number> {
    const r = await d.db().db.selectFrom('positions').innerJoin('portfolios as p', 'p.id', 'positions.portfolio_id').innerJoin('users as u', 'u.id', 'p.user_id')
      .select((eb) => eb.fn.countAll<string>().as('n')).where('u.username', '=', 'demo_balanced').where('positions.deleted_at', 'is', null).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  it('lists, sorts and groups the 30 positions; adds and deletes one; imports a CSV after a dry run; exports the positions', { timeout: 240_000 }, async () => {
    const { page, problems } = await openPage(d.browser(), VIEWPORTS.laptop);
    await signIn(page, d.base(), 'demo_balanced');
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Positions' }).click();
    await expect.poll(() => rows(page).count(), { timeout: 30_000 }).toBe(30);
    expect(await page.getByTestId('row-count').textContent()).toBe('30 of 30 positions');
    expect(await page.getByTestId('stat-open').textContent()).toContain('30');
    // Market values and weights are there (the batch priced every position).
    const first = rows(page).first();
    expect(await first.locator('td').nth(6).textContent()).toMatch(/^-?\$[\d,]+$/);
    // The weight needs the overview's equity, read beside the positions.
    await expect.poll(() => first.locator('td').nth(9).textContent()).toMatch(/%$/);

    // Sorting: by symbol ascending, then descending.
    await page.getByTestId('sort-symbol').click();
    await expect.poll(async () => (await symbols(page))[0]).toBe('AAPL');
    const ascending = await symbols(page);
    expect(ascending).toEqual([...ascending].sort((a, b) => a.localeCompare(b)));
    expect(await page.locator('th[aria-sort="ascending"]').textContent()).toContain('Symbol');
    await page.getByTestId('sort-symbol').click();
    await expect.poll(async () => (await symbols(page))[0]).toBe(ascending[ascending.length - 1]);
    // By market value, largest first.
    await page.getByTestId('sort-market_value').click();
    const values = await rows(page).evaluateAll((trs) => trs.map((tr) => Number((tr.querySelectorAll('td')[6].textContent ?? '').replace(/[$,]/g, ''))));
    expect(values).toEqual([...values].sort((a, b) => b - a));

    // Filter by a tag.
    await page.getByTestId('filter').fill('income');
    await expect.poll(() => rows(page).count()).toBe(3);
    await page.getByTestId('filter').fill('');
    await expect.poll(() => rows(page).count()).toBe(30);

    // Grouping by type, underlying, tag and sector, with subtotals.
    await page.getByTestId('group-by').selectOption('type');
    await expect.poll(() => page.getByTestId('group-row').count()).toBeGreaterThanOrEqual(4);
    const typeGroups = await page.getByTestId('group-row').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-group')));
    expect(typeGroups).toEqual(expect.arrayContaining(['Long', 'Short', 'Long put', 'Long call', 'Short call', 'Short put']));
    expect(await page.locator('tr[data-group="Long put"]').textContent()).toContain('4 positions');
    await page.getByTestId('group-by').selectOption('underlying');
    await expect.poll(() => page.locator('tr[data-group="SPY"]').textContent()).toContain('2 positions');
    expect(await page.locator('tr[data-group="KO"]').textContent()).toMatch(/2 positions · delta-adjusted net -?\$[\d,]+ \(batch\)/);
    await shoot(page, 'positions-grouped');
    await page.getByTestId('group-by').selectOption('tag');
    await expect.poll(() => page.locator('tr[data-group="Index Hedges"]').textContent()).toContain('4 positions');
    await page.getByTestId('group-by').selectOption('sector');
    await expect.poll(() => page.getByTestId('group-row').count()).toBeGreaterThan(2);
    expect(await page.getByTestId('group-row').first().getAttribute('data-group')).not.toBe('(unclassified)');
    await page.getByTestId('group-by').selectOption('none');
    await expect.poll(() => rows(page).count()).toBe(30);
    // Each open position shows the batch's dollar Greeks (an option's gamma is not zero).
    const optionRow = rows(page).filter({ hasText: 'SPY' }).filter({ hasText: 'put' }).first();
    expect(await page.getByRole('columnheader', { name: /Gamma \$\/1%/ }).count()).toBe(1);
    expect(await optionRow.textContent()).toMatch(/\$[\d,]+/);
    await shoot(page, 'positions');

    // Add a position: first a refused one (the API's problem shows next to the field), then a good one.
    const before = await countInDatabase();
    expect(before).toBe(30);
    await page.getByTestId('add-position').click();
    const form = page.getByTestId('add-form');
    await form.getByLabel('Symbol').fill('MSFT');
    await form.getByLabel('Quantity').fill('0');
    await form.getByLabel('Entry price').fill('410.5');
    await form.getByLabel('Entry date').fill('2026-11-02');
    await form.getByRole('button', { name: 'Add position' }).click();
    await expect.poll(() => form.locator('.field-error').first().textContent()).toMatch(/zero|non-zero|0/i);
    expect(await countInDatabase()).toBe(30);
    await form.getByLabel('Quantity').fill('-15');
    await form.getByRole('button', { name: 'Add position' }).click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('Added MSFT (short, -15)');
    expect(await page.getByTestId('notice').textContent()).toContain('refresh within seconds');
    await expect.poll(() => rows(page).count()).toBe(31);
    expect(await countInDatabase()).toBe(31);

    // Delete it, through the confirm step.
    await page.getByTestId('filter').fill('MSFT');
    await expect.poll(() => rows(page).count()).toBe(1);
    await page.getByRole('button', { name: 'Delete MSFT' }).click();
    await page.getByTestId('delete-confirm').waitFor();
    expect(await countInDatabase()).toBe(31);
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('Deleted MSFT');
    await page.getByTestId('filter').fill('');
    await expect.poll(() => rows(page).count()).toBe(30);
    expect(await countInDatabase()).toBe(30);

    // A dry run of a bad file lists every bad row and writes nothing; Import stays disabled.
    const text = page.getByTestId('import-text');
    await text.fill(BAD_CSV);
    await page.getByTestId('import-check').click();
    const listed = page.getByTestId('import-problem');
    await expect.poll(() => listed.count()).toBeGreaterThanOrEqual(2);
    const problemsListed = await listed.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const badRows = new Set(problemsListed.map((r) => r[0]));
    expect([...badRows].sort()).toEqual(['3', '5']);
    expect(problemsListed.some((r) => r[0] === '3' && r[1] === 'quantity')).toBe(true);
    expect(problemsListed.some((r) => r[0] === '5' && r[1] === 'entry_date')).toBe(true);
    expect(problemsListed.some((r) => r[0] === '5' && r[1] === 'entry_price')).toBe(true);
    expect(await page.getByTestId('import-problems').textContent()).toContain('the file has 3 problem(s) in 2 row(s); nothing was imported');
    expect(problemsListed).toHaveLength(3);
    expect(await page.getByTestId('import-write').isDisabled()).toBe(true);
    expect(await countInDatabase()).toBe(30);
    await page.getByTestId('import').scrollIntoViewIfNeeded();
    await shoot(page, 'positions-import-errors');

    // A good file: the dry run passes, then Import writes both rows.
    await text.fill(GOOD_CSV);
    expect(await page.getByTestId('import-write').isDisabled()).toBe(true);
    await page.getByTestId('import-check').click();
    await expect.poll(() => page.getByTestId('import-clean').textContent()).toContain('All 2 rows are valid');
    expect(await countInDatabase()).toBe(30);
    await page.getByTestId('import-write').click();
    await expect.poll(() => page.getByTestId('import-done').textContent()).toContain('Imported 2 positions (MSFT');
    expect(await countInDatabase()).toBe(32);
    await expect.poll(() => rows(page).count()).toBe(32);
    // The imported tags were created and are on the rows.
    await expect.poll(() => page.getByTestId('tag-list').textContent()).toContain('Imported');
    await page.getByTestId('filter').fill('imported');
    await expect.poll(() => rows(page).count()).toBe(2);
    await page.getByTestId('filter').fill('');
    await shoot(page, 'positions-import-done');

    // Export the positions as CSV: the file has the import's header.
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-positions-csv').click()]);
    expect(file.suggestedFilename()).toBe('Balanced-Portfolio-positions.csv');
    const csv = await readFile((await file.path())!, 'utf8');
    expect(csv.split('\n')[0]).toBe('Symbol,Quantity,Entry Price Per Share,Entry Date,Investment Class,Investment Subtype,Underlying Symbol,Strike Price,Expiration Date,Option Type,Exit Date,Exit Price Per Share,Tags');
    expect(csv.trim().split('\n')).toHaveLength(33);

    // Create a tag, put it on a position and take it off again.
    const tagForm = page.getByRole('form', { name: 'Create a tag' });
    await tagForm.getByLabel('Name').fill('Watch list');
    await tagForm.getByRole('button', { name: 'Create tag' }).click();
    await expect.poll(() => page.getByTestId('tag-list').textContent()).toMatch(/Watch list\s*0 positions/);
    await page.getByRole('button', { name: 'Tags of AMZN' }).click();
    const tagsPanel = page.getByTestId('tags-form');
    await tagsPanel.getByLabel('Add a tag').selectOption({ label: 'Watch list' });
    await tagsPanel.getByRole('button', { name: 'Add tag' }).click();
    await expect.poll(() => page.locator('tr[data-symbol="AMZN"]').textContent()).toContain('Watch list');
    await page.getByRole('button', { name: 'Tags of AMZN' }).click();
    await page.getByRole('button', { name: 'Remove tag Watch list' }).click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('Took Watch list off AMZN');
    await expect.poll(() => page.locator('tr[data-symbol="AMZN"]').textContent()).not.toContain('Watch list');

    // Close the imported short: it leaves the open list and shows under Closed with its exit.
    await page.getByRole('button', { name: 'Close AMZN' }).click();
    const closeForm = page.getByTestId('close-form');
    await closeForm.getByLabel('Exit price').fill('175.25');
    await closeForm.getByLabel('Exit date').fill('2026-11-20');
    await closeForm.getByRole('button', { name: 'Close position' }).click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('Closed AMZN');
    await expect.poll(() => rows(page).count()).toBe(31);
    await page.getByTestId('status').selectOption('closed');
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(await rows(page).first().textContent()).toContain('$175.25 on 2026-11-20');
    await page.getByTestId('status').selectOption('open');

    expect(problems().filter((p) => !expected400(p))).toEqual([]);
    // Exactly the refused add and the bad dry run answered 400.
    expect(problems().filter(expected400)).toHaveLength(2);
    await page.context().close();
  });

  it('fits a phone: the table scrolls inside its card, the forms and the import result fit', { timeout: 120_000 }, async () => {
    const { page, problems } = await openPage(d.browser(), VIEWPORTS.phone);
    await signIn(page, d.base(), 'demo_balanced');
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Positions' }).click();
    await expect.poll(() => rows(page).count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(30);
    // Nothing is wider than the screen except inside the table's scroller.
    expect(await overflowing(page)).toEqual([]);
    await shoot(page, 'positions');
    await page.getByTestId('add-position').click();
    await page.getByTestId('add-form').waitFor();
    await page.getByTestId('import-text').fill(BAD_CSV);
    await page.getByTestId('import-check').click();
    await expect.poll(() => page.getByTestId('import-problem').count()).toBeGreaterThanOrEqual(2);
    expect(await overflowing(page)).toEqual([]);
    await shoot(page, 'positions-import-errors');
    expect(problems().filter((p) => !expected400(p))).toEqual([]);
    await page.context().close();
  });
});
