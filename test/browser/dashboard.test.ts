import { describe, expect, it } from 'vitest';
import { finishBatchJob, startBatchJob } from '../../src/batch/batch-audit.repository.js';
import { portfoliosToRefresh, refreshPortfolios } from '../../src/batch/portfolio/portfolio-refresh.js';
import { refreshFactorCovariance } from '../../src/batch/symbol/factor-covariance.js';
import { refreshFactorExposures } from '../../src/batch/symbol/factor-exposures.js';
import { STOCK_PROFILES } from '../../src/demo/demo-universe.js';
import { seedDemo } from '../../src/demo/demo-seed.js';
import { seedRealDemo } from '../../src/demo/real-demo.js';
import { screenshotPath } from '../support/browser.js';
import { openPage, shoot, signInAs, useDemoDashboard } from '../support/dashboard.js';
import { engineUnderTest } from '../support/test-database.js';

describe(`dashboard shell in Chromium (${engineUnderTest})`, () => {
  // The demo's prices, and the betas the symbol batch fits on them (the seed stores prices only).
  const d = useDemoDashboard({ seed: async (t) => {
    await seedDemo(t.db, { today: '2026-11-20' });
    await refreshFactorExposures(t.db, STOCK_PROFILES.map((p) => p.symbol), '2026-11-20');
  } });

  it('shows the server ready, the engine, the demo data and the demo logins', async () => {
    const page = await d.browser().newPage({ viewport: { width: 1280, height: 720 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(d.base() + '/status');
    const status = page.getByTestId('system-status');
    await status.waitFor();
    await expect.poll(() => status.textContent()).toContain('Ready');
    const text = (await status.textContent()) ?? '';
    expect(text).toContain(engineUnderTest === 'pglite' ? 'Embedded PostgreSQL (PGlite)' : 'PostgreSQL server');
    expect(text).toContain('3 (3 demo)');
    expect(text).toContain('75');
    expect(text).toMatch(/daily bars for 82 symbols, 2024-11-20 to 2026-11-20/);
    expect(text).toMatch(/Prices(ok|warning|critical) through 2026-11-20/);
    expect(text).toMatch(/Factor betas(ok|warning|critical) through 2026-11-20/);
    // The numbers come from synthetic prices, and the page says so next to them.
    expect(await page.getByTestId('synthetic-prices').textContent()).toBe('Synthetic demo prices');
    expect(await page.getByTestId('synthetic-notice').textContent()).toMatch(/^Synthetic demo prices: /);
    expect(await page.getByTestId('price-sources').textContent()).toBe('synthetic: 82 symbols, 2024-11-20 to 2026-11-20');
    const accounts = (await page.getByTestId('demo-accounts').textContent()) ?? '';
    expect(accounts).toMatch(/demo_balanced.*Balanced Portfolio: 30 positions.*demo_growth.*Growth Portfolio: 25 positions.*demo_value.*Value Portfolio: 20 positions/);
    expect(await page.title()).toBe('SigmaSight');
    expect(await page.getByTestId('batch-status').textContent()).toBe('None yet: the batch has not run');
    await page.screenshot({ path: screenshotPath(`dashboard-shell-${engineUnderTest}.png`), fullPage: true });

    // A run that starts after the page was opened (the first start queues its history a moment after
    // the server answers) shows without a reload.
    const db = d.db().db;
    const run = await startBatchJob(db, { name: 'first_start', type: 'nightly_first_start', date: '2026-11-20', lockedBy: 'test' });
    try {
      await db.updateTable('batch_jobs').set({ metadata: JSON.stringify({ date: '2026-11-20', kind: 'first_start', total: 90, done: 0, current: null }) })
        .where('id', '=', run).execute();
      await expect.poll(() => page.getByTestId('batch-status').textContent(), { timeout: 15_000 }).toBe('Computing First start: 0 of 90 trading days');
    } finally {
      await db.deleteFrom('batch_jobs').where('id', '=', run).execute();
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the batch computing history with its progress, then the stored results', { timeout: 120_000 }, async () => {
    const db = d.db().db;
    const D = '2026-11-20';
    // A first-start run in progress, as the batch service records it after each day.
    const run = await startBatchJob(db, { name: 'first_start', type: 'nightly_first_start', date: D, lockedBy: 'test' });
    await db.updateTable('batch_jobs').set({ metadata: JSON.stringify({ date: D, kind: 'first_start', note: '90 trading days', total: 90, done: 12, current: '2026-07-31' }) })
      .where('id', '=', run).execute();
    const page = await d.browser().newPage({ viewport: { width: 1280, height: 720 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(d.base() + '/status');
    const row = page.getByTestId('batch-status');
    await expect.poll(() => row.textContent()).toBe('Computing First start: 12 of 90 trading days (now 2026-07-31)');
    expect(await page.getByRole('progressbar', { name: 'Batch progress' }).getAttribute('value')).toBe('12');
    await page.screenshot({ path: screenshotPath(`dashboard-batch-progress-${engineUnderTest}.png`), fullPage: true });

    // A signed-in user sees the run above every page, and what the figures are meanwhile.
    const signed = await openPage(d.browser());
    await signInAs(signed.page, d.base(), 'demo_balanced');
    const banner = signed.page.getByTestId('batch-banner');
    await expect.poll(() => banner.textContent()).toMatch(/^Computing First start: 12 of 90 trading days \(now 2026-07-31\)\. The figures are those of the\s+last day computed when the page was read; it reads them again when the run ends\.$/);
    // A screen reader hears that the run started (not each day's progress).
    const announcement = signed.page.getByTestId('batch-announcement');
    expect(await announcement.textContent()).toBe('First start is computing; the figures are read again when it ends.');
    await expect.poll(() => signed.page.getByText('No risk results yet for this portfolio').count()).toBe(1);
    await shoot(signed.page, 'dashboard-batch-banner');

    // The page follows the run: the day's results appear and the run ends.
    const symbols = (await db.selectFrom('symbol_universe').select('symbol').where('status', '=', 'active').execute()).map((r) => r.symbol);
    expect(await refreshFactorExposures(db, symbols, D)).toMatchObject({ ok: true });
    expect(await refreshFactorCovariance(db, D)).toMatchObject({ ok: true });
    expect(await refreshPortfolios(db, await portfoliosToRefresh(db, D), D, { riskFreeRate: 0.04 })).toMatchObject({ refreshed: 3, failed: [] });
    await finishBatchJob(db, run, { failed: false, error: null, metadata: { date: D, kind: 'first_start', note: '90 trading days', total: 90, done: 90, current: null } });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toBe('3 portfolios through 2026-11-20, 1 trading day of history (last run: First start, completed)');
    await page.screenshot({ path: screenshotPath(`dashboard-batch-done-${engineUnderTest}.png`), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
    // The signed-in page, not reloaded: the banner goes and the overview reads the run's results.
    await expect.poll(() => banner.count(), { timeout: 15_000 }).toBe(0);
    expect(await announcement.textContent()).toBe('First start ended; the figures are read again.');
    await expect.poll(() => signed.page.getByTestId('provenance').textContent(), { timeout: 15_000 }).toBe('As of 2026-11-20Synthetic prices');
    await signed.page.getByTestId('overview-stats').waitFor();
    await shoot(signed.page, 'dashboard-batch-banner-done');
    expect(signed.problems()).toEqual([]);
    await signed.page.context().close();
  });
});

describe(`dashboard shell on the real-data demo in Chromium (${engineUnderTest})`, () => {
  const d = useDemoDashboard({ seed: async (t) => { await seedRealDemo(t.db); } });

  it('shows the historical data set as historical, ending on its own end date, with no synthetic label', async () => {
    const page = await d.browser().newPage({ viewport: { width: 1280, height: 720 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(d.base() + '/status');
    const status = page.getByTestId('system-status');
    await status.waitFor();
    await expect.poll(() => status.textContent()).toContain('Ready');
    const text = (await status.textContent()) ?? '';
    expect(text).toMatch(/daily bars for 32 symbols, 1966-01-04 to 2020-04-17/);
    expect(text).toContain('Priceshistorical historical data ending 2001-01-02');
    expect(text).toContain('Factor betashistorical through 2000-12-29, historical data ending 2001-01-02');
    expect(text).not.toMatch(/critical|stale|behind/);
    expect(await page.getByTestId('price-sources').textContent()).toBe(
      'real-dj30: 30 symbols, 1991-01-02 to 2001-01-02; real-nyse: 1 symbol, 1966-01-04 to 2002-12-31; real-sp500: 1 symbol, 2000-01-03 to 2020-04-17',
    );
    expect(await page.getByTestId('synthetic-prices').count()).toBe(0);
    expect(await page.getByTestId('synthetic-notice').count()).toBe(0);
    await page.screenshot({ path: screenshotPath(`dashboard-real-demo-${engineUnderTest}.png`), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
