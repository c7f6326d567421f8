import { describe, expect, it } from 'vitest';
import { syncSummary, type SyncCommandReport } from './sync.command.js';

const report = (over: Partial<SyncCommandReport>): SyncCommandReport => ({
  today: '2026-11-20', symbols: 0, synced: 0, failed: 0, markedError: 0, delisted: 0, interrupted: 0, skipped: 0, current: 0,
  barsStored: 0, barsRejected: 0, results: [], skipIntervalHours: 12, ...over,
});

describe('syncSummary', () => {
  it('says how many symbols are current and points to --force', () => {
    expect(syncSummary(report({ current: 3 }), { interrupted: false })).toEqual([
      'Nothing to sync through 2026-11-20: 3 symbols are already current (synced in the last 12 hours). Use --force to sync them anyway.',
    ]);
  });
  it('says so when another sync or the worker took every due symbol', () => {
    expect(syncSummary(report({ skipped: 5 }), { interrupted: false })).toEqual([
      'Nothing synced through 2026-11-20.',
      '5 symbol(s) skipped: another sync or the onboarding worker took them first.',
    ]);
  });
  it('says no symbol is due when none is', () => {
    expect(syncSummary(report({}), { interrupted: false })).toEqual(['Nothing to sync through 2026-11-20: no symbol is due.']);
  });
});
