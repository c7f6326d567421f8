/**
 * Corporate actions from a provider to the database, the same way for the sync and for onboarding:
 * checking them, putting dividends on their declared basis, and recording them so that each split
 * and dividend reaches every stored adjusted close exactly once.
 *
 * The invariant both writers keep: an action is in corporate_actions if and only if the adjusted
 * closes of the symbol's stored bars include it. Bars written together with the action carry it
 * already (their adjusted close was computed with it, or came from a provider that applied it);
 * {@link recordCorporateActions} scales the others when the action is new (or changed) and stores
 * it in the same transaction. A later writer that finds the action stored therefore never applies
 * it again.
 */
import type { Transaction } from 'kysely';
import type { DB, IsoDate } from '../db/schema.js';
import { scaleAdjustedCloses } from './adjusted-prices.repository.js';
import { upsertCorporateActions, type NewCorporateAction, type StoredDividend, type StoredSplit, type SymbolCorporateActions } from './corporate-actions.repository.js';
import { declaredDividend } from './price-adjustment.js';
import { lastBarBefore } from './prices.repository.js';
import type { CashDividend, CorporateActions } from './types.js';

/** Where dropped or unapplied actions are reported (pino's logger fits). */
export interface ActionsLogger {
  warn?(obj: object, msg: string): void;
}

/** A provider's dividend that can be stored, currency normalized; amount as the provider gave it. */
export type CheckedDividend = CashDividend & { currency: string };

/** Rounds to the 6 decimals the action and price columns keep. */
export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/**
 * The provider's actions that can be stored; the others (a split with an impossible ratio, a
 * negative or non-finite dividend) are logged and dropped. Splits come back in stored form
 * (split_to new shares per split_from old); a currency that is not three letters becomes USD.
 */
export function checkCorporateActions(symbol: string, actions: CorporateActions, logger?: ActionsLogger): { splits: StoredSplit[]; dividends: CheckedDividend[] } {
  const splits: StoredSplit[] = [];
  for (const s of actions.splits) {
    if (Number.isFinite(s.numerator) && Number.isFinite(s.denominator) && s.numerator > 0 && s.denominator > 0 && s.numerator < 1e6 && s.denominator < 1e6) {
      splits.push({ exDate: s.exDate, splitTo: s.numerator, splitFrom: s.denominator, factor: s.numerator / s.denominator });
    } else logger?.warn?.({ symbol, exDate: s.exDate, numerator: s.numerator, denominator: s.denominator }, 'market data: split with an impossible ratio ignored');
  }
  const dividends = actions.dividends.filter((d) => {
    const ok = Number.isFinite(d.amount) && d.amount >= 0;
    if (!ok) logger?.warn?.({ symbol, exDate: d.exDate, amount: d.amount }, 'market data: dividend with an impossible amount ignored');
    return ok;
  }).map((d) => ({ ...d, currency: /^[A-Za-z]{3}$/.test(d.currency ?? '') ? d.currency!.toUpperCase() : 'USD' }));
  return { splits, dividends };
}

/**
 * Dividends in stored form: declared amounts (a provider's split-adjusted ones converted back with
 * the splits on record, see price-adjustment.ts), rounded to 6 decimals.
 */
export function declaredDividends(dividends: readonly CheckedDividend[], splits: readonly StoredSplit[]): StoredDividend[] {
  return dividends.map((d) => ({
    exDate: d.exDate, currency: d.currency, recordDate: d.recordDate, payDate: d.payDate,
    amount: round6(d.splitAdjusted ? declaredDividend(d.amount, d.exDate, splits) : d.amount),
  }));
}

/** Stored actions overlaid with the provider's (the provider wins on the same ex-date), by ex-date. */
export function mergeByExDate<T extends { exDate: IsoDate }>(stored: readonly T[], incoming: readonly T[]): T[] {
  const byDate = new Map<IsoDate, T>();
  for (const a of stored) byDate.set(a.exDate, a);
  for (const a of incoming) byDate.set(a.exDate, a);
  return [...byDate.values()].sort((a, b) => (a.exDate < b.exDate ? -1 : 1));
}

/**
 * Stores the actions of `symbol` that are new to corporate_actions (or changed) and scales the
 * adjusted close of its stored bars dated before each one, except the bars in `written` (written in
 * this transaction with every action already counted): by 1/f for a new split (f_old/f_new for a
 * corrected one), by (P_prev - D)/P_prev for a new dividend ((P - D_new)/(P - D_old) for a
 * corrected one), P_prev being the stored close of the last bar before the ex-date; a dividend with
 * no such close below it is stored but not applied (logged). Actions already stored unchanged do
 * nothing. Run it inside the transaction that wrote `written`, after writing them; that
 * transaction took the symbol's lock first (price-sources.ts beginSymbolWrite), so no other writer
 * records or applies the same action between this reading `stored` and committing.
 */
export async function recordCorporateActions(
  trx: Transaction<DB>,
  symbol: string,
  o: {
    /** What corporate_actions held for the symbol before this transaction. */
    stored: SymbolCorporateActions;
    splits: readonly StoredSplit[];
    /** In stored form (see {@link declaredDividends}). */
    dividends: readonly StoredDividend[];
    written: readonly IsoDate[];
    dataSource: string;
    logger?: ActionsLogger | undefined;
  },
): Promise<{ actionsStored: number; adjustedUpdated: number }> {
  let adjustedUpdated = 0;
  const newActions: NewCorporateAction[] = [];
  for (const sp of o.splits) {
    const old = o.stored.splits.find((x) => x.exDate === sp.exDate);
    if (old && round6(old.splitTo) === round6(sp.splitTo) && round6(old.splitFrom) === round6(sp.splitFrom)) continue;
    newActions.push({ symbol, exDate: sp.exDate, type: 'SPLIT', splitFrom: sp.splitFrom, splitTo: sp.splitTo });
    adjustedUpdated += await scaleAdjustedCloses(trx, symbol, {
      before: sp.exDate, except: o.written, numerator: sp.splitFrom * (old?.splitTo ?? 1), denominator: sp.splitTo * (old?.splitFrom ?? 1),
    });
  }
  for (const d of o.dividends) {
    const old = o.stored.dividends.find((x) => x.exDate === d.exDate);
    if (old && round6(old.amount) === d.amount && old.currency === d.currency) continue;
    newActions.push({ symbol, type: 'DIVIDEND', exDate: d.exDate, amount: d.amount, currency: d.currency, recordDate: d.recordDate, payDate: d.payDate });
    const p = await lastBarBefore(trx, symbol, d.exDate);
    if (!p || !(d.amount < p.close) || (old && !(old.amount < p.close))) {
      o.logger?.warn?.({ symbol, exDate: d.exDate, amount: d.amount, previousClose: p?.close ?? null }, 'market data: dividend not applied to earlier adjusted closes (no previous close below it)');
      continue;
    }
    adjustedUpdated += await scaleAdjustedCloses(trx, symbol, {
      before: d.exDate, except: o.written, numerator: p.close - d.amount, denominator: p.close - (old?.amount ?? 0),
    });
  }
  const actionsStored = await upsertCorporateActions(trx, newActions, o.dataSource);
  return { actionsStored, adjustedUpdated };
}
