import { describe, expect, it } from 'vitest';
import { readMarketCsv } from '../../test/support/market-fixtures.js';
import { adjustCloses, declaredDividend, splitFactorAfter, toTradedBar } from './price-adjustment.js';

/** AAPL 2013-05-13..2018-05-11 from Yahoo: `close` is adjusted for the 7:1 split of 2014-06-09 only. */
function aapl() {
  const { header, rows } = readMarketCsv('aapl_daily_ohlcv_2013_2018.csv');
  const at = (name: string) => header.indexOf(name);
  return rows.map((r) => ({ date: r[at('date')], close: Number(r[at('close')]), adjClose: Number(r[at('adj_close')]) }));
}
const SPLIT = { exDate: '2014-06-09', factor: 7 };

// AAPL's cash dividends after the split, as declared (per post-split share). Each matches the step of
// the file's adj_close / close ratio on its ex-date to 1e-4 (see the last test).
const POST_SPLIT_DIVIDENDS = [
  ['2014-08-07', 0.47], ['2014-11-06', 0.47], ['2015-02-05', 0.47], ['2015-05-07', 0.52], ['2015-08-06', 0.52],
  ['2015-11-05', 0.52], ['2016-02-04', 0.52], ['2016-05-05', 0.57], ['2016-08-04', 0.57], ['2016-11-03', 0.57],
  ['2017-02-09', 0.57], ['2017-05-11', 0.63], ['2017-08-10', 0.63], ['2017-11-10', 0.63], ['2018-02-09', 0.63],
  ['2018-05-11', 0.73],
].map(([exDate, amount]) => ({ exDate: exDate as string, amount: amount as number }));

describe('price adjustment', () => {
  it('back-adjusts real AAPL traded closes by the 7:1 split of 2014-06-09 to the split-adjusted closes Yahoo published', () => {
    const file = aapl();
    // Traded prices: before the ex-date AAPL traded at 7x the split-adjusted close.
    const traded = file.map((b) => ({ date: b.date, close: b.date < SPLIT.exDate ? b.close * 7 : b.close }));
    expect(traded.find((b) => b.date === '2014-06-06')!.close).toBeCloseTo(645.57, 2);
    const { adjusted, skipped } = adjustCloses(traded, [SPLIT], []);
    expect(skipped).toEqual([]);
    let worst = 0;
    file.forEach((b, i) => (worst = Math.max(worst, Math.abs(adjusted[i] - b.close))));
    expect(worst).toBeLessThan(1e-6);
  });

  it('applies dividends with the (1 - D / P_prev) factor: matches Yahoo adj_close after the split', () => {
    const file = aapl();
    const traded = file.map((b) => ({ date: b.date, close: b.date < SPLIT.exDate ? b.close * 7 : b.close }));
    const { adjusted } = adjustCloses(traded, [SPLIT], POST_SPLIT_DIVIDENDS);
    // The last bar is itself an ex-date, so it is unadjusted and both series are compared as ratios
    // to their last value. Yahoo's adj_close carries 6 decimals, hence the 1e-6 relative tolerance.
    const n = file.length;
    for (let i = 0; i < n; i++) {
      if (file[i].date < SPLIT.exDate) continue;
      expect(adjusted[i] / adjusted[n - 1]).toBeCloseTo(file[i].adjClose / file[n - 1].adjClose, 6);
    }
  });

  it('uses the previous session close for each dividend and splits dividends declared before a split correctly', () => {
    // AAPL's 2014-05-08 dividend was declared at $3.29 per pre-split share. Yahoo's adj_close
    // applied it to the split-adjusted close (a 7x over-adjustment); on traded prices the factor is
    // 1 - 3.29 / 592.33 (the 2014-05-07 traded close).
    const bars = [
      { date: '2014-05-07', close: 592.33 },
      { date: '2014-05-08', close: 587.99 },
      { date: '2014-06-06', close: 645.57 },
      { date: '2014-06-09', close: 93.7 },
    ];
    const { adjusted } = adjustCloses(bars, [SPLIT], [{ exDate: '2014-05-08', amount: 3.29 }]);
    expect(adjusted[3]).toBe(93.7);
    expect(adjusted[2]).toBeCloseTo(645.57 / 7, 12);
    expect(adjusted[1]).toBeCloseTo(587.99 / 7, 12);
    expect(adjusted[0]).toBeCloseTo((592.33 / 7) * (1 - 3.29 / 592.33), 12);
    // The adjusted return across the ex-date is P_ex / (P_prev - D) - 1 (close to the total return
    // (P_ex + D) / P_prev - 1), and it leaves the split out.
    expect(adjusted[1] / adjusted[0] - 1).toBeCloseTo(587.99 / (592.33 - 3.29) - 1, 12);
    expect(adjusted[1] / adjusted[0] - 1).toBeCloseTo((587.99 + 3.29) / 592.33 - 1, 4);
    expect(adjusted[3] / adjusted[2] - 1).toBeCloseTo(93.7 / (645.57 / 7) - 1, 12);
  });

  it('skips a dividend with no earlier close or one not below the previous close', () => {
    const bars = [{ date: '2024-01-02', close: 10 }, { date: '2024-01-03', close: 10 }];
    const r = adjustCloses(bars, [], [{ exDate: '2024-01-02', amount: 1 }, { exDate: '2024-01-03', amount: 12 }]);
    expect(Array.from(r.adjusted)).toEqual([10, 10]);
    expect(r.skipped.map((s) => s.exDate).sort()).toEqual(['2024-01-02', '2024-01-03']);
    expect(r.skipped.find((s) => s.exDate === '2024-01-03')!.reason).toMatch(/not below the previous close 10 on 2024-01-02/);
  });

  it('handles reverse splits and several splits (cumulative factor)', () => {
    const splits = [{ exDate: '2020-08-31', factor: 4 }, { exDate: '2014-06-09', factor: 7 }, { exDate: '2023-01-03', factor: 0.1 }];
    expect(splitFactorAfter('2014-06-06', splits)).toBeCloseTo(2.8, 12);
    expect(splitFactorAfter('2020-08-31', splits)).toBeCloseTo(0.1, 12);
    const { adjusted } = adjustCloses([{ date: '2014-06-06', close: 645.57 }, { date: '2023-01-03', close: 1 }], splits, []);
    expect(adjusted[0]).toBeCloseTo(645.57 / 2.8, 10);
  });

  it('turns split-adjusted bars and dividends back into traded ones', () => {
    const bar = { date: '2014-06-06', open: 92.7, high: 93.1, low: 92.4, close: 92.224285, volume: 87_484_600 };
    const t = toTradedBar(bar, [SPLIT]);
    expect(t.close).toBeCloseTo(645.569995, 6);
    expect(t.volume).toBe(12_497_800);
    expect(toTradedBar({ ...bar, date: '2014-06-09' }, [SPLIT]).close).toBe(92.224285);
    expect(declaredDividend(0.47, '2014-05-08', [SPLIT])).toBeCloseTo(3.29, 12);
  });
});
