import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, IsoDate } from '../db/schema.js';
import type { DividendEvent, SplitEvent } from './price-adjustment.js';

/** A split as stored: split_to new shares for every split_from old ones. */
export interface StoredSplit extends SplitEvent {
  splitFrom: number;
  splitTo: number;
}

/** A cash dividend as stored: the declared amount per share. */
export interface StoredDividend extends DividendEvent {
  currency: string;
  recordDate: IsoDate | null;
  payDate: IsoDate | null;
}

/** One symbol's corporate actions, each list ascending by ex-date. */
export interface SymbolCorporateActions {
  splits: StoredSplit[];
  dividends: StoredDividend[];
}

/** A corporate action to store (declared dividend amounts; see price-adjustment.ts). */
export type NewCorporateAction =
  | { symbol: string; exDate: IsoDate; type: 'SPLIT'; splitFrom: number; splitTo: number }
  | { symbol: string; exDate: IsoDate; type: 'DIVIDEND'; amount: number; currency: string; recordDate: IsoDate | null; payDate: IsoDate | null };

/** The stored splits and dividends of `symbol`. */
export async function corporateActionsFor(db: Kysely<DB>, symbol: string): Promise<SymbolCorporateActions> {
  const rows = await db.selectFrom('corporate_actions').selectAll().where('symbol', '=', symbol).orderBy('ex_date').execute();
  const splits: StoredSplit[] = [];
  const dividends: StoredDividend[] = [];
  for (const r of rows) {
    if (r.action_type === 'SPLIT') {
      splits.push({ exDate: r.ex_date, splitFrom: r.split_from!, splitTo: r.split_to!, factor: r.split_to! / r.split_from! });
    } else {
      dividends.push({ exDate: r.ex_date, amount: r.dividend_amount!, currency: r.currency.trim(), recordDate: r.record_date, payDate: r.pay_date });
    }
  }
  return { splits, dividends };
}

/**
 * Upserts corporate actions on (symbol, ex_date, action_type). Returns how many rows were new or
 * changed: a provider re-sending a known action changes nothing and counts 0, which tells the caller
 * whether adjusted closes need recomputing. Run it inside the caller's transaction.
 */
export async function upsertCorporateActions(db: Transaction<DB>, actions: readonly NewCorporateAction[], dataSource: string): Promise<number> {
  if (actions.length === 0) return 0;
  const col = <T>(f: (a: NewCorporateAction) => T): T[] => actions.map(f);
  const r = await sql<{ symbol: string }>`
    insert into corporate_actions as ca (symbol, ex_date, action_type, split_from, split_to, dividend_amount, currency, record_date, pay_date, data_source)
    select s, d, t, sf, st, amt, cur, rd, pd, ${dataSource} from unnest(
      ${col((a) => a.symbol)}::varchar[], ${col((a) => a.exDate)}::date[], ${col((a) => a.type)}::varchar[],
      ${col((a) => (a.type === 'SPLIT' ? a.splitFrom : null))}::numeric[], ${col((a) => (a.type === 'SPLIT' ? a.splitTo : null))}::numeric[],
      ${col((a) => (a.type === 'DIVIDEND' ? a.amount : null))}::numeric[], ${col((a) => (a.type === 'DIVIDEND' ? a.currency : 'USD'))}::char(3)[],
      ${col((a) => (a.type === 'DIVIDEND' ? a.recordDate : null))}::date[], ${col((a) => (a.type === 'DIVIDEND' ? a.payDate : null))}::date[])
      as t(s, d, t, sf, st, amt, cur, rd, pd)
    on conflict (symbol, ex_date, action_type) do update set
      split_from = excluded.split_from, split_to = excluded.split_to, dividend_amount = excluded.dividend_amount,
      currency = excluded.currency, record_date = coalesce(excluded.record_date, ca.record_date),
      pay_date = coalesce(excluded.pay_date, ca.pay_date), data_source = excluded.data_source
    where (ca.split_from, ca.split_to, ca.dividend_amount, ca.currency)
      is distinct from (excluded.split_from, excluded.split_to, excluded.dividend_amount, excluded.currency)
    returning ca.symbol`.execute(db);
  return r.rows.length;
}
