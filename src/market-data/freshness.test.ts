import { describe, expect, it } from 'vitest';
import { assessFreshness, assessHistorical, lastCompletedSession, stalenessLevel } from './freshness.js';

describe('freshness', () => {
  it('takes the last session that has closed in New York', () => {
    // Tuesday 2024-07-02: 15:59 and 16:00 in New York (EDT = UTC-4).
    expect(lastCompletedSession(new Date('2024-07-02T19:59:00Z'))).toBe('2024-07-01');
    expect(lastCompletedSession(new Date('2024-07-02T20:00:00Z'))).toBe('2024-07-02');
    // Friday 2024-07-05 morning: Thursday was Independence Day.
    expect(lastCompletedSession(new Date('2024-07-05T14:00:00Z'))).toBe('2024-07-03');
    // Sunday, and Monday morning after a Friday holiday (Good Friday 2024-03-29).
    expect(lastCompletedSession(new Date('2024-03-31T12:00:00Z'))).toBe('2024-03-28');
    expect(lastCompletedSession(new Date('2024-04-01T13:00:00Z'))).toBe('2024-03-28');
    // 01:00 UTC on Jan 3 is still Jan 2 in New York (EST = UTC-5), after the close.
    expect(lastCompletedSession(new Date('2024-01-03T01:00:00Z'))).toBe('2024-01-02');
  });

  it('counts staleness in trading days, skipping weekends and exchange holidays', () => {
    expect(assessFreshness('2024-07-03', '2024-07-05')).toEqual({ latestDate: '2024-07-03', expectedDate: '2024-07-05', tradingDaysBehind: 1, level: 'warning' });
    expect(assessFreshness('2024-03-28', '2024-04-01').tradingDaysBehind).toBe(1);
    expect(assessFreshness('2024-12-20', '2024-12-26').tradingDaysBehind).toBe(3);
    expect(assessFreshness('2024-12-20', '2024-12-26').level).toBe('critical');
    expect(assessFreshness('2024-07-05', '2024-07-05').level).toBe('ok');
    expect(assessFreshness('2024-07-08', '2024-07-05').tradingDaysBehind).toBe(0);
    expect(assessFreshness(null, '2024-07-05')).toEqual({ latestDate: null, expectedDate: '2024-07-05', tradingDaysBehind: null, level: 'critical' });
  });

  it('maps days behind to levels: ok, warning at one, critical from two or with no data', () => {
    expect([0, 1, 2, 10, null].map((d) => stalenessLevel(d))).toEqual(['ok', 'warning', 'critical', 'critical', 'critical']);
  });

  it('judges a historical data set against its own end date: level historical, unless there is no data', () => {
    expect(assessHistorical('2000-12-29', '2001-01-02')).toEqual({ latestDate: '2000-12-29', expectedDate: '2001-01-02', tradingDaysBehind: 1, level: 'historical' });
    expect(assessHistorical('2020-04-17', '2001-01-02')).toMatchObject({ tradingDaysBehind: 0, level: 'historical' });
    expect(assessHistorical(null, '2001-01-02')).toMatchObject({ tradingDaysBehind: null, level: 'critical' });
  });
});
