/**
 * Symbol onboarding: entering the symbols of positions into the universe and the queue, and
 * onboarding one claimed symbol (history, bars, factor betas, status) in one transaction.
 *
 * Kinds of symbol (see {@link classifySymbol}):
 * - listed (stocks, ETFs, indices): history from the provider chain, factor betas against the
 *   factor ETFs' returns already in market_data_cache.
 * - options (OCC symbols): the underlying is queued too; the option's own bars are stored when a
 *   provider has them, otherwise it is activated with status_reason
 *   'no option prices from providers; priced from the underlying'. No betas (an option's factor
 *   exposure comes from its underlying's betas through delta).
 * - private (no market): never queued. The rule: a position with investment_class 'PRIVATE', or a
 *   symbol the caller marks `private: true`; and, at onboarding, a symbol no provider knows
 *   (NOT_FOUND everywhere) that {@link looksPrivate}. It is entered as asset_type 'private',
 *   status 'active', is_active false (market-data jobs skip it), with status_reason saying why.
 *
 * Failures: provider and database errors are retried with exponential backoff
 * (retryBaseMs x 2^(attempt-1), capped at retryMaxMs); after max_attempts the queue row is 'failed'
 * and the universe row 'error' with status_reason. A symbol no provider knows, or whose bars all
 * fail validation, fails at once: retrying cannot help.
 */
import { formatOccSymbol, isOccSymbol, parseOccSymbol, type OccContract } from '../analytics/occ-symbol.js';
import type { AssetType, DB, InvestmentClass, IsoDate, QueuePriority } from '../db/schema.js';
import type { Kysely, Transaction } from 'kysely';
import { validateBars, type RejectedBar } from './bar-validation.js';
import { checkCorporateActions, declaredDividends, recordCorporateActions } from './corporate-actions.js';
import { corporateActionsFor, type StoredDividend, type StoredSplit } from './corporate-actions.repository.js';
import type { MarketDataLogger } from './http-client.js';
import {
  completeOnboarding,
  enqueueOnboarding,
  failExhaustedClaims,
  lockOwnedClaim,
  recordOnboardingFailure,
  type QueueRow,
} from './onboarding-queue.repository.js';
import { adjustCloses, toTradedBar } from './price-adjustment.js';
import { upsertBars, type StoredBar } from './prices.repository.js';
import { beginSymbolWrite, PriceSourceConflictError } from './price-sources.js';
import { MarketDataChainError, type FallbackChain } from './providers/fallback-chain.js';
import { lastCalendarDate, lastSymbolBatchDate } from '../batch/batch-audit.repository.js';
import { refreshFactorExposures } from '../batch/symbol/factor-exposures.js';
import {
  findUniverseSymbols,
  insertUniverseSymbols,
  markUniverseActive,
  markUniversePrivate,
  recordUniverseFailure,
  type NewUniverseSymbol,
  type UniverseSource,
} from './symbol-universe.repository.js';
import { addDays, isMarketDataError, type DailyBar, type Profile } from './types.js';

/** The provider calls onboarding makes (a {@link FallbackChain} serves them). */
export type OnboardingChain = Pick<FallbackChain, 'dailyBars' | 'profile' | 'corporateActions'>;

/** status_reason of an option whose own prices no provider has. */
export const NO_OPTION_PRICES_REASON = 'no option prices from providers; priced from the underlying';

// ---------------------------------------------------------------------------------------------
// Classification
// ---------------------------------------------------------------------------------------------

/** How a symbol is onboarded. */
export type SymbolKind =
  | { kind: 'listed' }
  | { kind: 'option'; contract: OccContract }
  | { kind: 'private'; reason: string };

/** A symbol a position (or import) holds. */
export interface SymbolRequest {
  symbol: string;
  /** The position's investment_class; 'PRIVATE' means no market. */
  investmentClass?: InvestmentClass;
  /** The caller knows this symbol has no market (a private fund, a synthetic instrument). */
  private?: boolean;
  /** Default 'normal'. */
  priority?: QueuePriority;
  requestedBy?: string | null;
}

const PRIVATE_PREFIX = /^(PRIVATE|PRIV|PVT)[-. /_]/;

/**
 * True when a symbol no provider knows is taken for a private holding rather than a typo: it is not
 * an OCC symbol and it cannot be an exchange ticker (contains a space or '/', or is longer than 12
 * characters), or it starts with PRIVATE, PRIV or PVT followed by a separator (`PVT-ACME`).
 */
export function looksPrivate(symbol: string): boolean {
  const s = symbol.trim().toUpperCase();
  if (isOccSymbol(s)) return false;
  return PRIVATE_PREFIX.test(s) || /[ /]/.test(s) || s.length > 12;
}

/** Classifies a request: private (by investment class or flag), option (OCC symbol), or listed. */
export function classifySymbol(request: SymbolRequest): SymbolKind {
  if (request.investmentClass === 'PRIVATE') {
    return { kind: 'private', reason: 'private investment (investment_class PRIVATE): no market prices, so it is not onboarded' };
  }
  if (request.private) return { kind: 'private', reason: 'marked private: no market prices, so it is not onboarded' };
  const s = normalizeSymbol(request.symbol);
  if (isOccSymbol(s)) return { kind: 'option', contract: parseOccSymbol(s) };
  return { kind: 'listed' };
}

/** Trims and upper-cases a symbol; throws naming it when empty. */
export function normalizeSymbol(symbol: string): string {
  const s = symbol.trim().toUpperCase();
  if (s === '') throw new RangeError(`symbol "${symbol}" is empty`);
  return s;
}

function optionName(c: OccContract): string {
  return `${c.underlying} ${c.expiry} ${c.right.toUpperCase()} ${c.strike}`;
}

// ---------------------------------------------------------------------------------------------
// Enqueueing
// ---------------------------------------------------------------------------------------------

/** Settings for {@link enqueueSymbols}. */
export interface EnqueueSymbolsOptions {
  /** Recorded as added_source. Default 'position'. */
  addedSource?: UniverseSource;
  /** Default max_attempts of new queue rows (5). */
  maxAttempts?: number;
}

/** What {@link enqueueSymbols} did. */
export interface EnqueueSymbolsResult {
  /** Symbols that got a new pending queue row (option underlyings included). */
  queued: string[];
  /** Symbols entered as private holdings (not queued). */
  privateSymbols: string[];
  /** Symbols already in the universe and not pending, left alone. */
  known: string[];
}

/**
 * Enters each symbol the universe does not know: private ones as asset_type 'private' (not queued),
 * options with their underlying, everything else as status 'pending' with a queue row. Symbols
 * already pending are (re)queued if they have no pending row; active, error and delisted symbols are
 * left alone. Idempotent: one pending row per symbol, whatever the number of calls.
 *
 * Called by position creation and import inside their transaction, so a position and its symbol's
 * queue row commit together.
 */
export async function enqueueSymbols(
  trx: Transaction<DB>,
  requests: readonly SymbolRequest[],
  options: EnqueueSymbolsOptions = {},
): Promise<EnqueueSymbolsResult> {
  const addedSource = options.addedSource ?? 'position';
  const entries = new Map<string, { entry: NewUniverseSymbol; priority: QueuePriority; requestedBy: string | null; privateReason?: string }>();
  const add = (entry: NewUniverseSymbol, r: SymbolRequest, privateReason?: string) => {
    const seen = entries.get(entry.symbol);
    if (seen && !(privateReason && !seen.privateReason)) return;
    entries.set(entry.symbol, { entry, priority: r.priority ?? 'normal', requestedBy: r.requestedBy ?? null, ...(privateReason ? { privateReason } : {}) });
  };
  requests.forEach((r, i) => {
    if (typeof r.symbol !== 'string' || r.symbol.trim() === '') throw new RangeError(`enqueueSymbols: request ${i} has no symbol`);
    const symbol = normalizeSymbol(r.symbol);
    const k = classifySymbol({ ...r, symbol });
    if (k.kind === 'private') {
      add({ symbol, assetType: 'private', addedSource, status: 'active', statusReason: k.reason, isActive: false }, r, k.reason);
    } else if (k.kind === 'option') {
      add({ symbol, assetType: 'option', addedSource, name: optionName(k.contract) }, r);
      add({ symbol: k.contract.underlying, assetType: 'equity', addedSource }, r);
    } else {
      add({ symbol, assetType: 'equity', addedSource }, r);
    }
  });
  if (entries.size === 0) return { queued: [], privateSymbols: [], known: [] };

  const existing = await findUniverseSymbols(trx, [...entries.keys()]);
  const unknown = [...entries.values()].filter((e) => !existing.has(e.entry.symbol));
  const inserted = new Set(await insertUniverseSymbols(trx, unknown.map((e) => e.entry)));
  const privateSymbols = unknown.filter((e) => e.privateReason && inserted.has(e.entry.symbol)).map((e) => e.entry.symbol);
  const toQueue = [...entries.values()].filter((e) => {
    if (e.privateReason) return false;
    const row = existing.get(e.entry.symbol);
    return row ? row.status === 'pending' : inserted.has(e.entry.symbol);
  });
  const known = [...entries.values()]
    .filter((e) => existing.has(e.entry.symbol) && existing.get(e.entry.symbol)!.status !== 'pending')
    .map((e) => e.entry.symbol);
  const queued = await enqueueOnboarding(
    trx,
    toQueue.map((e) => ({
      symbol: e.entry.symbol,
      priority: e.priority,
      requestedBy: e.requestedBy,
      ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
    })),
  );
  return { queued, privateSymbols, known };
}

// ---------------------------------------------------------------------------------------------
// Onboarding one claimed symbol
// ---------------------------------------------------------------------------------------------

/** Onboarding settings; every field has a default. */
export interface OnboardingSettings {
  /** Calendar days of history to fetch. Default 730. */
  historyDays: number;
  /** The last day of the window; default today (UTC) at the time of the call. */
  today: IsoDate | undefined;
  /** Fewest daily returns in the symbol batch's 252-day window for a beta fit. Default 60. */
  minObservations: number;
  /** Ask the chain for name/sector/industry/exchange/asset type (failures ignored). Default true. */
  fetchProfile: boolean;
  /** First retry delay; doubles per attempt. Default 30 s. */
  retryBaseMs: number;
  /** Longest retry delay. Default 1 h. */
  retryMaxMs: number;
  /** Largest close-to-close move accepted for stocks without a split on record. Default 0.8. */
  maxCloseJump: number;
  logger: MarketDataLogger | undefined;
}

/** The defaults of {@link OnboardingSettings}. */
export const DEFAULT_ONBOARDING_SETTINGS: OnboardingSettings = {
  historyDays: 730,
  today: undefined,
  minObservations: 60,
  fetchProfile: true,
  retryBaseMs: 30_000,
  retryMaxMs: 3_600_000,
  maxCloseJump: 0.8,
  logger: undefined,
};

/** What happened to one claimed symbol. */
export type OnboardingOutcome =
  | { symbol: string; status: 'active'; bars: number; betas: number; reason: string | null }
  | { symbol: string; status: 'private'; reason: string }
  | { symbol: string; status: 'retry'; attempt: number; retryInMs: number; reason: string }
  | { symbol: string; status: 'failed'; reason: string }
  /** The claim expired and another worker took it over; nothing was written. */
  | { symbol: string; status: 'lost' };

/** The retry delay after failed attempt number `attempt` (1-based): base x 2^(attempt-1), capped. */
export function retryDelayMs(attempt: number, settings: Pick<OnboardingSettings, 'retryBaseMs' | 'retryMaxMs'>): number {
  return Math.round(Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** Math.max(0, attempt - 1)));
}

/** A failure retrying cannot fix. */
class PermanentFailure extends Error {}
/** The claim was lost to another worker. */
class ClaimLost extends Error {}

/** A listed symbol's splits and dividends over the window, in stored form, and who gave them. */
interface FetchedActions {
  splits: StoredSplit[];
  dividends: StoredDividend[];
  dataSource: string;
}
interface FetchedListed {
  kind: 'listed';
  bars: StoredBar[];
  rejected: RejectedBar[];
  profile: Profile | null;
  /** Null when no provider offers corporate actions for the symbol. */
  actions: FetchedActions | null;
}
interface FetchedOption {
  kind: 'option';
  contract: OccContract;
  bars: StoredBar[];
  rejected: RejectedBar[];
}
interface FetchedPrivate {
  kind: 'private';
  reason: string;
}
type Fetched = FetchedListed | FetchedOption | FetchedPrivate;

const PROFILE_ASSET_TYPES: Readonly<Record<string, AssetType>> = {
  stock: 'equity', adr: 'equity', etf: 'etf', fund: 'mutual_fund', index: 'index', crypto: 'other', other: 'other',
};

/** Bars in stored form; `adjusted[i]` stands in for a bar's adjusted close when the provider gives none. */
function toStored(symbol: string, bars: readonly DailyBar[], dataSource: string, profile: Profile | null, adjusted?: ArrayLike<number>): StoredBar[] {
  return bars.map((b, i) => ({
    symbol, date: b.date, open: b.open, high: b.high, low: b.low, close: b.close, adjustedClose: b.adjClose ?? adjusted?.[i] ?? null,
    volume: b.volume, sector: profile?.sector ?? null, industry: profile?.industry ?? null, dataSource,
  }));
}

function errorText(e: unknown): string {
  let text = e instanceof Error ? e.message : String(e);
  if (e instanceof MarketDataChainError) {
    const details = e.attempts.filter((a) => a.message).map((a) => a.message);
    if (details.length > 0) text += `: ${details.join('; ')}`;
  }
  return text.length > 2000 ? `${text.slice(0, 2000)}...` : text;
}

function validated(symbol: string, bars: readonly DailyBar[], today: IsoDate, maxCloseJump: number, splits: readonly StoredSplit[] = []): { accepted: DailyBar[]; rejected: RejectedBar[] } {
  return validateBars(bars.map((b) => ({ ...b, symbol })), { today, maxCloseJump, knownSplits: splits.map((sp) => ({ symbol, exDate: sp.exDate })) });
}

/**
 * The symbol's splits and dividends over the window, in stored form; null when no provider offers
 * them (UNSUPPORTED) or knows the symbol's (NOT_FOUND). Any other failure is thrown: onboarding
 * without the actions would let the next sync apply a recent one a second time (see onboardClaimed).
 */
async function fetchActions(chain: OnboardingChain, symbol: string, window: { from: IsoDate; to: IsoDate }, s: OnboardingSettings): Promise<FetchedActions | null> {
  let sourced;
  try {
    sourced = await chain.corporateActions(symbol, window.from, window.to);
  } catch (e) {
    if (isMarketDataError(e, 'UNSUPPORTED') || isMarketDataError(e, 'NOT_FOUND')) return null;
    throw e;
  }
  const checked = checkCorporateActions(symbol, sourced.data, s.logger);
  return { splits: checked.splits, dividends: declaredDividends(checked.dividends, checked.splits), dataSource: sourced.dataSource };
}

async function fetchListed(chain: OnboardingChain, symbol: string, window: { from: IsoDate; to: IsoDate }, s: OnboardingSettings): Promise<Fetched> {
  let sourced;
  try {
    sourced = await chain.dailyBars(symbol, window.from, window.to);
  } catch (e) {
    if (isMarketDataError(e, 'NOT_FOUND')) {
      if (looksPrivate(symbol)) {
        return { kind: 'private', reason: `no provider knows ${symbol} and it looks private (not a possible exchange ticker): no market prices, so it is not onboarded` };
      }
      throw new PermanentFailure(`no provider knows ${symbol}: ${errorText(e)}`);
    }
    throw e;
  }
  if (sourced.data.length === 0) {
    throw new PermanentFailure(`providers returned no daily bars for ${symbol} from ${window.from} to ${window.to} (${sourced.dataSource})`);
  }
  const actions = await fetchActions(chain, symbol, window, s);
  const splits = actions?.splits ?? [];
  // Stored prices are as traded (price-adjustment.ts): split-adjusted bars go back on their traded
  // basis, as the sync stores them, so its healing window joins these bars without a jump.
  const traded = sourced.data.map((b) => (b.adjustment === 'split' ? toTradedBar(b, splits) : b));
  const { accepted, rejected } = validated(symbol, traded, window.to, s.maxCloseJump, splits);
  if (accepted.length === 0) {
    throw new PermanentFailure(`all ${rejected.length} bars of ${symbol} failed validation; first: ${rejected[0].date}: ${rejected[0].reason}`);
  }
  let profile: Profile | null = null;
  if (s.fetchProfile) {
    try {
      profile = (await chain.profile(symbol)).data;
    } catch (e) {
      s.logger?.debug?.({ symbol, error: errorText(e) }, 'onboarding: no profile; continuing without it');
    }
  }
  // The provider's adjusted close when it gives one (it includes the actions up to today); otherwise
  // computed from the traded close and the actions, as the sync does.
  const { adjusted } = adjustCloses(accepted, splits, actions?.dividends ?? []);
  return { kind: 'listed', bars: toStored(symbol, accepted, sourced.dataSource, profile, adjusted), rejected, profile, actions };
}

async function fetchOption(chain: OnboardingChain, symbol: string, contract: OccContract, window: { from: IsoDate; to: IsoDate }): Promise<Fetched> {
  const to = contract.expiry < window.to ? contract.expiry : window.to;
  if (to < window.from) return { kind: 'option', contract, bars: [], rejected: [] };
  let sourced;
  try {
    sourced = await chain.dailyBars(formatOccSymbol(contract), window.from, to);
  } catch (e) {
    if (isMarketDataError(e, 'NOT_FOUND')) return { kind: 'option', contract, bars: [], rejected: [] };
    throw e;
  }
  // Option premiums move by multiples in a day: no jump limit.
  const { accepted, rejected } = validated(symbol, sourced.data, window.to, Infinity);
  return { kind: 'option', contract, bars: toStored(symbol, accepted, sourced.dataSource, null), rejected };
}

function rejectionNote(rejected: readonly RejectedBar[]): string | null {
  if (rejected.length === 0) return null;
  const first = rejected[0];
  return `${rejected.length} bar(s) rejected by validation (first ${first.date}: ${first.reason})`;
}

/** x when it is a finite number below `limit` in size (what its column holds), else null. */
function fits(x: number | null, limit: number): number | null {
  return x !== null && Number.isFinite(x) && Math.abs(x) < limit ? x : null;
}

function joinReasons(...parts: (string | null)[]): string | null {
  const kept = parts.filter((p): p is string => !!p);
  return kept.length === 0 ? null : kept.join('; ');
}

/**
 * Onboards one claimed queue row: fetches the history and, for a listed symbol, its splits and
 * dividends over the same window (outside any transaction), puts split-adjusted bars back on their
 * traded basis and validates them, then in one transaction checks the claim is still this worker's,
 * stores the bars (upsertBars; the adjusted close is the provider's, or computed from the actions
 * when it gives none) and the actions (recordCorporateActions: the actions are stored with the bars
 * that include them, so the next sync, whose healing window re-fetches the last sessions with their
 * actions, does not apply a recent split or dividend a second time), fits and stores the factor
 * betas with the symbol batch's function (refreshFactorExposures, for the day the portfolio refresh
 * reads; without the factor ETFs' prices the symbol is activated without betas, the reason noted),
 * marks the universe row
 * active with last_price_date / last_factor_date / last_synced and completes the queue row. A
 * failure leaves nothing half-written and is recorded on the queue and universe rows (retry with
 * backoff, or failed / error). Never throws for provider or data errors; throws only when even the
 * failure cannot be recorded (database unreachable), in which case the lease expiry retries it.
 */
export async function onboardClaimed(
  db: Kysely<DB>,
  chain: OnboardingChain,
  claim: QueueRow,
  workerId: string,
  settings: Partial<OnboardingSettings> = {},
): Promise<OnboardingOutcome> {
  const s: OnboardingSettings = { ...DEFAULT_ONBOARDING_SETTINGS, ...settings };
  const symbol = claim.symbol;
  const today = s.today ?? new Date().toISOString().slice(0, 10);
  const window = { from: addDays(today, -s.historyDays), to: today };
  try {
    const kind = classifySymbol({ symbol });
    const fetched = kind.kind === 'option' ? await fetchOption(chain, symbol, kind.contract, window) : await fetchListed(chain, symbol, window, s);
    return await db.transaction().execute(async (trx) => {
      if (!(await lockOwnedClaim(trx, claim.id, workerId))) throw new ClaimLost();
      if (fetched.kind !== 'private') await beginSymbolWrite(trx, fetched.bars.map((b) => ({ symbol, dataSource: b.dataSource })));
      if (fetched.kind === 'private') {
        await markUniversePrivate(trx, symbol, fetched.reason, 'onboarding');
        await completeOnboarding(trx, claim.id, workerId);
        return { symbol, status: 'private' as const, reason: fetched.reason };
      }
      const bars = await upsertBars(trx, fetched.bars);
      if (fetched.kind === 'listed' && fetched.actions) {
        // Stored with the bars that include them, so a later sync never applies them again.
        await recordCorporateActions(trx, symbol, {
          stored: await corporateActionsFor(trx, symbol), splits: fetched.actions.splits, dividends: fetched.actions.dividends,
          written: fetched.bars.map((b) => b.date), dataSource: fetched.actions.dataSource, logger: s.logger,
        });
      }
      const firstPriceDate = fetched.bars.length > 0 ? fetched.bars.reduce((m, b) => (b.date < m ? b.date : m), fetched.bars[0].date) : null;
      const lastPriceDate = fetched.bars.length > 0 ? fetched.bars.reduce((m, b) => (b.date > m ? b.date : m), fetched.bars[0].date) : null;
      let betas = 0;
      let lastFactorDate: IsoDate | null = null;
      let reason: string | null;
      if (fetched.kind === 'option') {
        await enqueueSymbols(trx, [{ symbol: fetched.contract.underlying, priority: claim.priority }], { addedSource: 'onboarding' });
        reason = joinReasons(fetched.bars.length === 0 ? NO_OPTION_PRICES_REASON : null, rejectionNote(fetched.rejected));
        await markUniverseActive(trx, {
          symbol, assetType: 'option', firstPriceDate, lastPriceDate, lastFactorDate: null, statusReason: reason,
          name: optionName(fetched.contract), exchange: 'OPRA',
        });
      } else {
        // The symbol batch's own fit, for this one symbol, as of the day the portfolio refresh reads
        // (the last day with a completed symbol phase; before the first, the factor calendar's last day).
        const date = (await lastSymbolBatchDate(trx)) ?? (await lastCalendarDate(trx, window.to)) ?? window.to;
        const fit = await refreshFactorExposures(trx, [symbol], date, { minObservations: s.minObservations });
        let betaNote = '';
        if (!fit.ok) betaNote = `activated without factor betas: ${fit.reason}`;
        else if (fit.fitted === 0) betaNote = `activated without factor betas: ${fit.unfitted[0]?.reason ?? 'not fitted'}`;
        else {
          betas = fit.rowsWritten;
          lastFactorDate = date;
        }
        reason = joinReasons(betaNote || null, rejectionNote(fetched.rejected));
        const p = fetched.profile;
        await markUniverseActive(trx, {
          symbol, assetType: p?.assetType ? PROFILE_ASSET_TYPES[p.assetType] ?? 'other' : null, firstPriceDate, lastPriceDate, lastFactorDate,
          statusReason: reason, name: p?.name ?? null, exchange: p?.exchange?.slice(0, 20) ?? null,
          sector: p?.sector?.slice(0, 100) ?? null, industry: p?.industry?.slice(0, 100) ?? null,
          ...(p ? { profile: { marketCap: fits(p.marketCap, 1e18), peRatio: fits(p.peRatio, 1e8), date: today } } : {}),
        });
      }
      if (!(await completeOnboarding(trx, claim.id, workerId))) throw new ClaimLost();
      return { symbol, status: 'active' as const, bars, betas, reason };
    });
  } catch (e) {
    if (e instanceof ClaimLost) return { symbol, status: 'lost' };
    const message = errorText(e);
    const final = e instanceof PermanentFailure || e instanceof PriceSourceConflictError || claim.attempts >= claim.max_attempts;
    const retryInMs = final ? undefined : retryDelayMs(claim.attempts, s);
    s.logger?.warn?.({ symbol, attempt: claim.attempts, final, error: message }, 'onboarding attempt failed');
    const recorded = await db.transaction().execute(async (trx) => {
      const row = await recordOnboardingFailure(trx, claim.id, workerId, { message, ...(retryInMs !== undefined ? { retryInMs } : {}) });
      if (!row) return false;
      const reason = final
        ? `onboarding failed after ${claim.attempts} of ${claim.max_attempts} attempt(s): ${message}`
        : `onboarding attempt ${claim.attempts} of ${claim.max_attempts} failed, retrying: ${message}`;
      await recordUniverseFailure(trx, symbol, reason, final);
      return true;
    });
    if (!recorded) return { symbol, status: 'lost' };
    return final ? { symbol, status: 'failed', reason: message } : { symbol, status: 'retry', attempt: claim.attempts, retryInMs: retryInMs!, reason: message };
  }
}

/**
 * Fails the claims that expired on their last attempt (see failExhaustedClaims) and marks their
 * universe rows 'error', in one transaction. Returns the symbols failed.
 */
export async function reapExhaustedClaims(db: Kysely<DB>): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const dead = await failExhaustedClaims(trx);
    for (const row of dead) {
      await recordUniverseFailure(trx, row.symbol, `onboarding failed: ${row.error_message ?? 'claim expired on the last attempt'}`, true);
    }
    return dead.map((r) => r.symbol);
  });
}
