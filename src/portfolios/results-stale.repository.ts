/**
 * Stale stored results: a change that alters a portfolio's past results (a back-dated cash flow, a new
 * stated equity, a day computed beside a recompute) marks `portfolios.recompute_from` (migration
 * 0016); the batch service recomputes the stored days from the mark on (batch-service.ts, queueRecomputes).
 */
import { sql, type Transaction } from 'kysely';
import type { DB, IsoDate } from '../db/schema.js';

/**
 * Marks the portfolio's stored results from the first stored day on or after `from` as stale
 * (keeping an earlier mark). `from` null means from its first stored day (a new stated equity moves
 * where the roll-forward starts). A date before the first stored day changes nothing: that day starts
 * from the stated equity and counts only its own flows. Returns the mark, or null when nothing is stale.
 */
export async function markResultsStale(trx: Transaction<DB>, portfolioId: string, from: IsoDate | null): Promise<IsoDate | null> {
  const r = await sql<{ recompute_from: IsoDate | null }>`
    update portfolios set recompute_from = least(recompute_from, s.first)
    from (select case when ${from}::date is null then min(snapshot_date)
                      when ${from}::date >= min(snapshot_date) then min(snapshot_date) filter (where snapshot_date >= ${from}::date) end as first
          from portfolio_snapshots where portfolio_id = ${portfolioId}::uuid and frequency = 'daily') s
    where portfolios.id = ${portfolioId}::uuid and s.first is not null
    returning portfolios.recompute_from::text as recompute_from`.execute(trx);
  return r.rows[0]?.recompute_from ?? null;
}
