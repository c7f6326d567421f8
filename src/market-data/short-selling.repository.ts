import { sql, type Kysely } from 'kysely';
import type { DB, IsoDate } from '../db/schema.js';
import type { ShortSellingMetric } from './short-selling.js';

/**
 * Upserts short-selling metrics on (symbol, metric_date) with one INSERT ... SELECT FROM unnest;
 * a re-sent row replaces the stored one. Run it inside the caller's transaction. Returns the rows
 * written.
 */
export async function upsertShortSellingMetrics(
  db: Kysely<DB>,
  rows: readonly ShortSellingMetric[],
  dataSource: string,
): Promise<number> {
  if (rows.length === 0) return 0;
  const col = <T>(f: (m: ShortSellingMetric) => T): T[] => rows.map(f);
  await sql`
    insert into short_selling_metrics (symbol, metric_date, cost_to_borrow_rate, short_interest, short_interest_ratio,
      days_to_cover, shares_available, data_source)
    select s, d, c, si, r, dtc, sa, ${dataSource} from unnest(
      ${col((m) => m.symbol)}::varchar[], ${col((m) => m.metricDate)}::date[], ${col((m) => m.costToBorrowRate)}::numeric[],
      ${col((m) => m.shortInterest)}::bigint[], ${col((m) => m.shortInterestRatio)}::numeric[],
      ${col((m) => m.daysToCover)}::numeric[], ${col((m) => m.sharesAvailable)}::bigint[]) as t(s, d, c, si, r, dtc, sa)
    on conflict (symbol, metric_date) do update set
      cost_to_borrow_rate = excluded.cost_to_borrow_rate, short_interest = excluded.short_interest,
      short_interest_ratio = excluded.short_interest_ratio, days_to_cover = excluded.days_to_cover,
      shares_available = excluded.shares_available, data_source = excluded.data_source`.execute(db);
  return rows.length;
}

/** The newest metrics on or before `asOf` for each symbol given (symbols with none are absent). */
export async function latestShortSellingMetrics(
  db: Kysely<DB>,
  symbols: readonly string[],
  asOf: IsoDate,
): Promise<Map<string, ShortSellingMetric & { dataSource: string }>> {
  if (symbols.length === 0) return new Map();
  const rows = await db
    .selectFrom('short_selling_metrics')
    .distinctOn('symbol')
    .selectAll()
    .where('symbol', 'in', [...symbols])
    .where('metric_date', '<=', asOf)
    .orderBy('symbol')
    .orderBy('metric_date', 'desc')
    .execute();
  return new Map(
    rows.map((r) => [
      r.symbol,
      {
        symbol: r.symbol,
        metricDate: r.metric_date,
        costToBorrowRate: r.cost_to_borrow_rate,
        shortInterest: r.short_interest,
        shortInterestRatio: r.short_interest_ratio,
        daysToCover: r.days_to_cover,
        sharesAvailable: r.shares_available,
        dataSource: r.data_source,
      },
    ]),
  );
}
