/**
 * Short-selling metrics (borrow cost, short interest, days to cover): the record, the source
 * interface a provider implements, the per-row checks, and the service that stores them.
 *
 * Units follow the short_selling_metrics table: `costToBorrowRate` is an annual fee in percent
 * (12.5 = 12.5 % a year), `shortInterestRatio` is short interest as a percent of the float,
 * `daysToCover` is short interest / average daily volume in days, share counts are whole shares.
 */
import type { Kysely } from 'kysely';
import type { DB, IsoDate } from '../db/schema.js';
import { upsertShortSellingMetrics } from './short-selling.repository.js';
import { isIsoDate } from './types.js';

/** One symbol's short-selling figures on one date; any figure may be unknown (null). */
export interface ShortSellingMetric {
  symbol: string;
  metricDate: IsoDate;
  costToBorrowRate: number | null;
  shortInterest: number | null;
  shortInterestRatio: number | null;
  daysToCover: number | null;
  sharesAvailable: number | null;
}

/** A provider of short-selling metrics (the synthetic provider is one). */
export interface ShortSellingSource {
  /** Stored as data_source. */
  readonly name: string;
  /** The newest metrics on or before `asOf`, or null when the source has none for the symbol. */
  shortSellingMetrics(symbol: string, asOf: IsoDate): Promise<ShortSellingMetric | null>;
}

const SYMBOL = /^[A-Z0-9][A-Z0-9.\-^=]{0,31}$/;

/**
 * What is wrong with a metric, one sentence per problem naming the field (empty when it is sound):
 * symbol and date well formed, the date not after `today`, figures non-negative, share counts whole,
 * and at least one figure present.
 */
export function shortSellingProblems(m: ShortSellingMetric, today: IsoDate): string[] {
  const problems: string[] = [];
  if (!SYMBOL.test(m.symbol)) problems.push(`symbol "${m.symbol}" is not a valid ticker`);
  if (!isIsoDate(m.metricDate)) problems.push(`date "${m.metricDate}" is not a valid YYYY-MM-DD date`);
  else if (m.metricDate > today) problems.push(`date ${m.metricDate} is after today (${today})`);
  const figures: [string, number | null, boolean][] = [
    ['cost_to_borrow_rate', m.costToBorrowRate, false],
    ['short_interest', m.shortInterest, true],
    ['short_interest_ratio', m.shortInterestRatio, false],
    ['days_to_cover', m.daysToCover, false],
    ['shares_available', m.sharesAvailable, true],
  ];
  for (const [field, v, whole] of figures) {
    if (v === null) continue;
    if (!Number.isFinite(v) || v < 0) problems.push(`${field} ${v} is not a non-negative number`);
    else if (whole && !Number.isInteger(v)) problems.push(`${field} ${v} is not a whole number of shares`);
  }
  if (figures.every(([, v]) => v === null)) problems.push('no figure is given');
  return problems;
}

/** A metric that failed its checks. */
export interface RejectedShortSellingMetric {
  metric: ShortSellingMetric;
  reason: string;
}

/** Outcome of storing short-selling metrics. */
export interface ShortSellingIngestResult {
  stored: number;
  rejected: RejectedShortSellingMetric[];
}

/**
 * Checks `metrics` and upserts the sound ones on (symbol, metric_date) in one transaction; the
 * others are returned with their reasons and never stored.
 */
export async function storeShortSellingMetrics(
  db: Kysely<DB>,
  metrics: readonly ShortSellingMetric[],
  options: { dataSource: string; today: IsoDate },
): Promise<ShortSellingIngestResult> {
  const rejected: RejectedShortSellingMetric[] = [];
  const sound: ShortSellingMetric[] = [];
  for (const m of metrics) {
    const problems = shortSellingProblems(m, options.today);
    if (problems.length > 0) rejected.push({ metric: m, reason: `${problems.join('; ')}.` });
    else sound.push(m);
  }
  const stored = sound.length === 0 ? 0 : await db.transaction().execute((trx) => upsertShortSellingMetrics(trx, sound, options.dataSource));
  return { stored, rejected };
}

/**
 * Asks `source` for each symbol's newest metrics on or before `asOf` and stores them. A symbol
 * the source has nothing for is listed in `missing`; a failing call is listed in `failed`.
 */
export async function ingestShortSellingFromSource(
  db: Kysely<DB>,
  source: ShortSellingSource,
  symbols: readonly string[],
  options: { asOf: IsoDate; today?: IsoDate },
): Promise<ShortSellingIngestResult & { missing: string[]; failed: { symbol: string; reason: string }[] }> {
  const metrics: ShortSellingMetric[] = [];
  const missing: string[] = [];
  const failed: { symbol: string; reason: string }[] = [];
  for (const symbol of symbols) {
    try {
      const m = await source.shortSellingMetrics(symbol, options.asOf);
      if (m) metrics.push(m);
      else missing.push(symbol);
    } catch (e) {
      failed.push({ symbol, reason: (e as Error).message });
    }
  }
  const r = await storeShortSellingMetrics(db, metrics, { dataSource: source.name, today: options.today ?? options.asOf });
  return { ...r, missing, failed };
}
