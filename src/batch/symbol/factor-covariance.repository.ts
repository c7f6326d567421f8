/** factor_covariance: the stored factor covariance matrices, one row per factor pair. */
import { sql, type Transaction } from 'kysely';
import type { DB, IsoDate } from '../../db/schema.js';

/** One stored pair (factor1Id <= factor2Id), per day. */
export interface FactorCovarianceRow {
  factor1Id: string;
  factor2Id: string;
  covariance: number;
  correlation: number;
  lookbackDays: number;
  /** 1 for the sample estimate, the EWMA decay otherwise. */
  decayLambda: number;
  observations: number;
}

/**
 * Replaces the rows of (`date`, `lookbackDays`) by `rows`, every estimate (decay) of that date and
 * lookback at once, so a rerun leaves exactly what one run leaves. Returns the rows written.
 */
export async function replaceFactorCovariance(trx: Transaction<DB>, date: IsoDate, lookbackDays: number, rows: readonly FactorCovarianceRow[]): Promise<number> {
  await trx.deleteFrom('factor_covariance').where('calculation_date', '=', date).where('lookback_days', '=', lookbackDays).execute();
  if (rows.length === 0) return 0;
  const col = <T>(f: (r: FactorCovarianceRow) => T): T[] => rows.map(f);
  await sql`
    insert into factor_covariance (calculation_date, factor1_id, factor2_id, covariance, correlation, lookback_days, decay_lambda, observations)
    select ${date}::date, f1, f2, c, r, l, d, n from unnest(
      ${col((r) => r.factor1Id)}::uuid[], ${col((r) => r.factor2Id)}::uuid[], ${col((r) => String(r.covariance))}::numeric[],
      ${col((r) => String(r.correlation))}::numeric[], ${col((r) => r.lookbackDays)}::int[], ${col((r) => r.decayLambda)}::numeric[],
      ${col((r) => r.observations)}::int[]) as t(f1, f2, c, r, l, d, n)`.execute(trx);
  return rows.length;
}
