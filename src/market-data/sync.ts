/**
 * Incremental market-data sync: for each due symbol of symbol_universe, fetch the daily bars it
 * lacks from the provider chain, check them, and store them with the symbol's sync state.
 *
 * Per symbol (seed 002's symbol-by-symbol model):
 * 0. Claim. The symbol is claimed for this run (sync.repository.ts claimSymbolForSync, a lease of
 *    `claimLeaseMs`) just before it is fetched; a symbol another sync holds, or that onboarding took
 *    meanwhile, is skipped, so two sync processes never fetch or write one symbol twice. Only
 *    'active' symbols are synced: 'pending' ones belong to onboarding. Claims left by a sync process
 *    that ended on this machine (killed) are released when a sync starts.
 * 1. Range. Never synced (no last_price_date): `historyStart`..today. Otherwise from the
 *    `healDays`-th most recent trading day up to last_price_date (default 5, so the last five
 *    sessions are fetched again and a provider's late corrections overwrite what was stored)
 *    through today: only the missing dates plus that healing window.
 * 2. Fetch bars, then corporate actions for the same range, outside any transaction.
 * 3. One transaction, which first takes the symbol's lock and refuses bars that would mix synthetic
 *    and real prices (price-sources.ts beginSymbolWrite): split-adjusted bars are put back on their traded basis (price-adjustment.ts);
 *    every bar is checked by bar-validation.ts, with the last stored bar before the range as the
 *    reference for the jump rule and the splits on record excusing jumps across their ex-dates;
 *    rejected bars are logged with their reason and never stored; accepted bars are written on
 *    (symbol, date) (writeBars: insert for new dates, upsert for the healing window) with their
 *    adjusted close computed from the traded close and every split and dividend on record after
 *    them; a split or dividend new to corporate_actions (or changed) is stored and scales the
 *    adjusted close of the symbol's earlier bars by its factor (1/f, or 1 - D/P_prev), so a split
 *    arriving today back-adjusts the whole stored history. Scaling, not recomputing from the
 *    close, keeps the adjustment of bars stored by other paths (provider adjusted closes from
 *    onboarding, a file's Adj Close) and adds only what is new. Then the universe row gets
 *    last_synced, last_price_date, last_seen_date and status 'active'. A crash therefore leaves
 *    each symbol either fully synced or untouched, and the next run resumes exactly there
 *    (symbols synced less than `minSyncIntervalMs` ago are skipped).
 * 4. Failures. Any error (provider, validation of the whole call, database) counts one consecutive
 *    failure on the row with the reason; at `maxConsecutiveFailures` (default 3) the status becomes
 *    'error' and later runs skip the symbol. NOT_FOUND from every provider asked for a symbol that
 *    had prices before marks it 'delisted' and inactive instead (one never priced may be a typo).
 */
import { randomUUID } from 'node:crypto';
import { processAlive } from '../process-alive.js';
import type { Kysely } from 'kysely';
import type { DB, IsoDate } from '../db/schema.js';
import { validateBars, type ValidatableBar } from './bar-validation.js';
import { checkCorporateActions, declaredDividends, mergeByExDate, recordCorporateActions } from './corporate-actions.js';
import { corporateActionsFor } from './corporate-actions.repository.js';
import { adjustCloses, toTradedBar } from './price-adjustment.js';
import { lastBarBefore, writeBars, type StoredBar } from './prices.repository.js';
import { MarketDataChainError, type FallbackChain } from './providers/fallback-chain.js';
import { checkPriceSources, PriceSourceConflictError } from './price-sources.js';
import { lockSymbols } from './symbol-lock.repository.js';
import {
  claimSymbolForSync,
  claimHost,
  confirmSyncClaim,
  countCurrentSymbols,
  markSymbolDelisted,
  releaseClaimsOfEndedProcesses,
  markSymbolSynced,
  recordSymbolFailure,
  releaseSyncClaim,
  symbolsDueForSync,
  type SymbolSyncState,
} from './sync.repository.js';
import { addDays, tradingDays } from './trading-calendar.js';
import { isMarketDataError, isoDateInZone, type CorporateActions, type DailyBar } from './types.js';

/** Sessions fetched again before the newest stored one. */
export const DEFAULT_HEAL_DAYS = 5;
/** Consecutive failures after which a symbol is set to 'error'. */
export const DEFAULT_MAX_CONSECUTIVE_FAILURES = 3;
/** A symbol synced more recently than this is skipped. */
export const DEFAULT_MIN_SYNC_INTERVAL_MS = 12 * 3_600_000;
/** How long a sync's claim on a symbol lasts: far longer than one symbol takes, short enough that a crashed sync's symbols come back soon. */
export const DEFAULT_CLAIM_LEASE_MS = 10 * 60_000;
/** Calendar days of history fetched for a symbol never synced. */
export const DEFAULT_HISTORY_DAYS = 730;
/** Largest price NUMERIC(16,6) holds. */
const MAX_PRICE = 1e10;

/** Where the sync reports (pino's logger fits). */
export interface SyncLogger {
  info?(obj: object, msg: string): void;
  warn?(obj: object, msg: string): void;
}

/** Sync settings; every field has a default. */
export interface SyncOptions {
  /** The last date to fetch; default the New York date of `now()`. */
  today?: IsoDate;
  /** Clock for last_synced and the skip interval; default `new Date()`. */
  now?: () => Date;
  /** Only these symbols (still subject to status and interval). */
  symbols?: readonly string[];
  /** First date for symbols never synced; default today - DEFAULT_HISTORY_DAYS. */
  historyStart?: IsoDate;
  healDays?: number;
  maxConsecutiveFailures?: number;
  /** 0 syncs every due symbol whatever its last_synced. */
  minSyncIntervalMs?: number;
  /** How long this run's claim on a symbol lasts (default DEFAULT_CLAIM_LEASE_MS). */
  claimLeaseMs?: number;
  /** Names this run's claims (default host:pid:random). */
  owner?: string;
  /** Symbols fetched at the same time; default 4. */
  concurrency?: number;
  /** Largest close-to-close move accepted without a split (bar-validation's maxCloseJump). */
  maxCloseJump?: number;
  logger?: SyncLogger;
  /** Called after each symbol's outcome is committed. */
  onSymbolDone?: (result: SymbolSyncResult) => void;
  /**
   * Stops taking new symbols when aborted. Symbols in flight are abandoned at their next provider
   * call or finish their transaction; either way nothing is counted against them ('interrupted').
   */
  signal?: AbortSignal;
}

/** A bar that failed validation. */
export interface RejectedBarReport {
  symbol: string;
  date: IsoDate;
  rules: string[];
  reason: string;
}

/** What happened to one symbol. */
export interface SymbolSyncResult {
  symbol: string;
  /**
   * `failed`: counted a failure; `error`: that failure reached the limit; `interrupted`: stopped by
   * the caller's signal, nothing recorded; `lost`: the claim expired during the fetch and another
   * sync took the symbol over, nothing written.
   */
  outcome: 'synced' | 'failed' | 'error' | 'delisted' | 'interrupted' | 'lost';
  from: IsoDate | null;
  to: IsoDate | null;
  dataSource: string | null;
  barsStored: number;
  rejected: RejectedBarReport[];
  actionsStored: number;
  adjustedUpdated: number;
  error: string | null;
}

/** Totals and per-symbol results of a run. */
export interface SyncReport {
  today: IsoDate;
  symbols: number;
  synced: number;
  failed: number;
  markedError: number;
  delisted: number;
  /** Symbols stopped by the caller's signal mid-way (nothing recorded for them). */
  interrupted: number;
  /** Symbols that were due but another sync claimed (or synced) them, or onboarding took them, before this run could. */
  skipped: number;
  /** Symbols left alone because they were synced within `minSyncIntervalMs` when the run started (0 when it is 0). */
  current: number;
  barsStored: number;
  barsRejected: number;
  /** Ordered by symbol. */
  results: SymbolSyncResult[];
}

/**
 * The `days`-th most recent trading day up to `lastDate` (inclusive): where a sync restarts so the
 * last `days` sessions are fetched again. `days` <= 0 gives the day after `lastDate`.
 */
export function healStart(lastDate: IsoDate, days: number): IsoDate {
  if (days <= 0) return addDays(lastDate, 1);
  const sessions = tradingDays(addDays(lastDate, -(days * 2 + 14)), lastDate);
  return sessions.length >= days ? sessions[sessions.length - days] : (sessions[0] ?? lastDate);
}

/** The dates to fetch for a symbol, or null when there is nothing to fetch (see the module comment). */
export function syncRange(
  lastPriceDate: IsoDate | null,
  o: { today: IsoDate; historyStart: IsoDate; healDays: number },
): { from: IsoDate; to: IsoDate } | null {
  const from = lastPriceDate === null ? o.historyStart : healStart(lastPriceDate, o.healDays);
  return from <= o.today ? { from, to: o.today } : null;
}

interface Context {
  today: IsoDate;
  historyStart: IsoDate;
  healDays: number;
  maxFailures: number;
  maxCloseJump: number | undefined;
  now: () => Date;
  logger: SyncLogger | undefined;
  signal: AbortSignal | undefined;
  owner: string;
}

/**
 * Syncs every due symbol (see the module comment) and returns what happened to each. Never throws
 * for a symbol's failure: it is recorded on the symbol's row and in the report.
 *
 * @example
 * const chain = createConfiguredChain(config.providers, { logger });
 * const report = await syncMarketData(db, chain, { logger });
 */
export async function syncMarketData(db: Kysely<DB>, chain: FallbackChain, options: SyncOptions = {}): Promise<SyncReport> {
  const now = options.now ?? (() => new Date());
  const today = options.today ?? isoDateInZone(now().getTime(), 'America/New_York');
  const ctx: Context = {
    today,
    historyStart: options.historyStart ?? addDays(today, -DEFAULT_HISTORY_DAYS),
    healDays: options.healDays ?? DEFAULT_HEAL_DAYS,
    maxFailures: options.maxConsecutiveFailures ?? DEFAULT_MAX_CONSECUTIVE_FAILURES,
    maxCloseJump: options.maxCloseJump,
    now,
    logger: options.logger,
    signal: options.signal,
    owner: options.owner ?? `${claimHost()}:${process.pid}:${randomUUID().slice(0, 8)}`,
  };
  if (!(ctx.maxFailures >= 1)) throw new RangeError('maxConsecutiveFailures must be at least 1');
  const interval = options.minSyncIntervalMs ?? DEFAULT_MIN_SYNC_INTERVAL_MS;
  // A sync killed on this machine left claims behind: take them back now rather than after the lease.
  await releaseClaimsOfEndedProcesses(db, claimHost(), processAlive);
  const syncedBefore = new Date(now().getTime() - interval);
  const leaseMs = options.claimLeaseMs ?? DEFAULT_CLAIM_LEASE_MS;
  const narrow = options.symbols ? { symbols: options.symbols } : {};
  const current = await countCurrentSymbols(db, { syncedBefore, ...narrow });
  const due = await symbolsDueForSync(db, { syncedBefore, now: now(), ...narrow });
  const queue = due.map((d) => d.symbol);
  const results: SymbolSyncResult[] = [];
  let skipped = 0;
  const worker = async () => {
    for (let symbol = queue.shift(); symbol !== undefined && !ctx.signal?.aborted; symbol = queue.shift()) {
      const state = await claimSymbolForSync(db, symbol, { owner: ctx.owner, now: now(), leaseMs, syncedBefore });
      if (!state) {
        skipped++;
        continue;
      }
      const r = await syncSymbol(db, chain, state, ctx);
      results.push(r);
      options.onSymbolDone?.(r);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 4, queue.length));
  await Promise.all(Array.from({ length: workers }, worker));
  results.sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  const count = (o: SymbolSyncResult['outcome']) => results.filter((r) => r.outcome === o).length;
  const report: SyncReport = {
    today,
    symbols: results.length,
    synced: count('synced'),
    failed: count('failed'),
    markedError: count('error'),
    delisted: count('delisted'),
    interrupted: count('interrupted'),
    skipped: skipped + count('lost'),
    current,
    barsStored: results.reduce((s, r) => s + r.barsStored, 0),
    barsRejected: results.reduce((s, r) => s + r.rejected.length, 0),
    results,
  };
  ctx.logger?.info?.(
    { today, symbols: report.symbols, current, skipped, synced: report.synced, failed: report.failed, error: report.markedError, delisted: report.delisted, bars: report.barsStored, rejected: report.barsRejected },
    'market data: sync finished',
  );
  return report;
}

async function syncSymbol(db: Kysely<DB>, chain: FallbackChain, state: SymbolSyncState, ctx: Context): Promise<SymbolSyncResult> {
  const { symbol } = state;
  const range = syncRange(state.lastPriceDate, ctx);
  const result: SymbolSyncResult = {
    symbol, outcome: 'synced', from: range?.from ?? null, to: range?.to ?? null, dataSource: null,
    barsStored: 0, rejected: [], actionsStored: 0, adjustedUpdated: 0, error: null,
  };
  const fail = async (stage: string, e: unknown): Promise<SymbolSyncResult> => {
    const reason = `${stage}: ${(e as Error)?.message ?? String(e)}`;
    // Whatever the transaction had counted was rolled back with it.
    Object.assign(result, { barsStored: 0, actionsStored: 0, adjustedUpdated: 0 });
    if (e instanceof SyncClaimLost) return { ...result, outcome: 'lost', error: 'the claim expired and another sync took the symbol over; nothing written' };
    // Stopped by the caller (Ctrl-C), not failed by a provider: record nothing, so the symbol's
    // failure count is untouched and the next run takes it up again.
    if (ctx.signal?.aborted) {
      await releaseSyncClaim(db, symbol, ctx.owner).catch(() => undefined); // else the lease expires
      return { ...result, outcome: 'interrupted', error: `interrupted during ${stage}; nothing recorded` };
    }
    try {
      if (isDelisting(e) && state.lastPriceDate !== null) {
        await markSymbolDelisted(db, symbol, { reason, at: ctx.now(), owner: ctx.owner });
        ctx.logger?.warn?.({ symbol, reason }, 'market data: no provider knows the symbol any more; marked delisted');
        return { ...result, outcome: 'delisted', error: reason };
      }
      // Mixing synthetic and real prices is refused whatever the retries: 'error' at once.
      const maxFailures = e instanceof PriceSourceConflictError ? 1 : ctx.maxFailures;
      const f = await recordSymbolFailure(db, symbol, { reason, maxFailures, at: ctx.now(), owner: ctx.owner });
      ctx.logger?.warn?.({ symbol, reason, consecutiveFailures: f.consecutiveFailures, status: f.status }, 'market data: symbol sync failed');
      return { ...result, outcome: f.status === 'error' ? 'error' : 'failed', error: reason };
    } catch (e2) {
      // Not even the failure could be recorded (database down): report it; the row is unchanged.
      return { ...result, outcome: 'failed', error: `${reason}; recording the failure failed too: ${(e2 as Error).message}` };
    }
  };

  if (!range) {
    try {
      await markSymbolSynced(db, symbol, { at: ctx.now(), firstDate: null, lastDate: null, owner: ctx.owner });
      return result;
    } catch (e) {
      return fail('store', e);
    }
  }

  let bars: DailyBar[];
  try {
    const fetched = await chain.dailyBars(symbol, range.from, range.to, ctx.signal ? { signal: ctx.signal } : undefined);
    bars = fetched.data;
    result.dataSource = fetched.dataSource;
  } catch (e) {
    return fail('daily bars', e);
  }
  let actions: CorporateActions = { splits: [], dividends: [] };
  let actionsSource = result.dataSource!;
  try {
    const fetched = await chain.corporateActions(symbol, range.from, range.to, ctx.signal ? { signal: ctx.signal } : undefined);
    actions = fetched.data;
    actionsSource = fetched.dataSource;
  } catch (e) {
    // No provider offering corporate actions, or none knowing the symbol's: the bars stand alone.
    if (!(isMarketDataError(e, 'UNSUPPORTED') || isMarketDataError(e, 'NOT_FOUND'))) return fail('corporate actions', e);
  }

  try {
    return await db.transaction().execute(async (trx) => {
      await lockSymbols(trx, [symbol]);
      const stored = await corporateActionsFor(trx, symbol);
      const incoming = checkCorporateActions(symbol, actions, ctx.logger);
      const splits = mergeByExDate(stored.splits, incoming.splits);
      const traded = bars.map((b) => {
        const own = { ...b, symbol };
        return b.adjustment === 'split' ? toTradedBar(own, splits) : own;
      });
      const prev = await lastBarBefore(trx, symbol, range.from);
      const reference: ValidatableBar | null = prev && {
        symbol, date: prev.date, open: prev.open ?? prev.close, high: prev.high ?? prev.close,
        low: prev.low ?? prev.close, close: prev.close, volume: prev.volume ?? 0, adjClose: null,
      };
      const checked = validateBars<ValidatableBar>(reference ? [reference, ...traded] : traded, {
        today: ctx.today,
        knownSplits: splits.map((s) => ({ symbol, exDate: s.exDate })),
        ...(ctx.maxCloseJump !== undefined ? { maxCloseJump: ctx.maxCloseJump } : {}),
      });
      const accepted: ValidatableBar[] = [];
      for (const b of checked.accepted) {
        if (b === reference) continue;
        if (Math.max(b.open, b.high, b.low, b.close) >= MAX_PRICE) {
          result.rejected.push({ symbol, date: b.date, rules: ['PRICE_OUT_OF_RANGE'], reason: `high ${b.high} does not fit NUMERIC(16,6) (must be below ${MAX_PRICE}).` });
        } else accepted.push(b);
      }
      for (const r of checked.rejected) if (r.bar !== reference) result.rejected.push({ symbol, date: r.date, rules: r.rules, reason: r.reason });
      result.rejected.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      for (const r of result.rejected) ctx.logger?.warn?.(r, 'market data: bar rejected, not stored');

      // Declared dividend amounts (a provider's split-adjusted ones converted back).
      const dividends = declaredDividends(incoming.dividends, splits);
      const allDividends = mergeByExDate(stored.dividends, dividends);

      // Bars written now: adjusted close from their traded close and every action on record after them.
      // Bars about to be written must not mix synthetic and real prices in the symbol.
      if (accepted.length > 0) await checkPriceSources(trx, [{ symbol, dataSource: result.dataSource! }]);
      const { adjusted } = adjustCloses(accepted, splits, allDividends);
      result.barsStored = await writeBars(trx, accepted.map((b, i) => storedBar(b, adjusted[i], result.dataSource!)));

      // Actions new to the table (or changed) also reach the bars stored earlier: their adjusted
      // closes are scaled by the action's factor (by the ratio of new to old when changed).
      const recorded = await recordCorporateActions(trx, symbol, {
        stored, splits: incoming.splits, dividends, written: accepted.map((b) => b.date), dataSource: actionsSource, logger: ctx.logger,
      });
      result.actionsStored = recorded.actionsStored;
      result.adjustedUpdated = recorded.adjustedUpdated;
      // The claim must still be this run's (a lease can expire during a slow fetch): else roll back.
      if (!(await confirmSyncClaim(trx, symbol, ctx.owner))) throw new SyncClaimLost();
      await markSymbolSynced(trx, symbol, {
        at: ctx.now(),
        firstDate: accepted[0]?.date ?? null,
        lastDate: accepted.at(-1)?.date ?? null,
        owner: ctx.owner,
      });
      return result;
    });
  } catch (e) {
    return fail('store', e);
  }
}

/** Thrown inside the write transaction when this run no longer holds the symbol's claim. */
class SyncClaimLost extends Error {}

/** NOT_FOUND from every provider that was asked (none skipped for an open circuit or failing otherwise). */
function isDelisting(e: unknown): boolean {
  if (!(e instanceof MarketDataChainError) || e.code !== 'NOT_FOUND') return false;
  const asked = e.attempts.filter((a) => a.outcome !== 'UNSUPPORTED');
  return asked.length > 0 && asked.every((a) => a.outcome === 'NOT_FOUND');
}

function storedBar(b: ValidatableBar, adjustedClose: number, dataSource: string): StoredBar {
  return {
    symbol: b.symbol, date: b.date, open: b.open, high: b.high, low: b.low, close: b.close,
    adjustedClose, volume: b.volume, dataSource,
  };
}
