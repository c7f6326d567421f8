/**
 * One day of a portfolio's range refresh, pure: its inputs built from the range's data, then either
 * its valuation and roll-forward alone ({@link valueRangeDay}: the range rolls the equity forward day
 * by day with it) or every result as rows ({@link computeRangeDay}: the days' full results, computed
 * in this thread or in worker threads, range-pool.ts, each from its previous day's stored figures).
 */
import { portfolioRisk, valuePortfolio, type PortfolioPosition, type PreviousSnapshot } from '../../analytics/portfolio-risk.js';
import type { CopyLayout } from '../../db/copy-binary.js';
import { serializeTables, type SerializedTable } from '../../db/insert-many.js';
import type { IsoDate } from '../../db/schema.js';
import { assembleRiskInput } from './portfolio-inputs.repository.js';
import { positionsHash, resultRows } from './portfolio-results.repository.js';
import { dayInputsOf, positionsOn, type RangeData } from './range-inputs.repository.js';

/** What every day of one portfolio's range shares (structured-cloneable: sent whole to a worker thread). */
export interface RangeContext {
  portfolioId: string;
  equityBalance: number | null;
  /** The positions entered by the range's last day, by entry date then id (loadPositions' order). */
  positions: PortfolioPosition[];
  settings: { riskFreeRate: number };
  /** The positions' change watermark stored with each snapshot. */
  changedAt: string;
  data: RangeData;
  /** PostgreSQL's column types: the rows are serialized for a binary COPY (null on PGlite: JSON). */
  copy: CopyLayout | null;
}

/** A day to compute, with the roll-forward it continues from. */
export interface RangeDayTask {
  date: IsoDate;
  previous: PreviousSnapshot | null;
  cashFlows: number;
}

/** A computed day: its rows of every results table (as JSON text or binary COPY tuples) and how many warnings it has. */
export interface RangeDayResult {
  date: IsoDate;
  tables: SerializedTable[];
  warnings: number;
}

function dayInput(ctx: RangeContext, task: RangeDayTask) {
  const held = positionsOn(ctx.positions, task.date);
  return { held, ...assembleRiskInput(dayInputsOf(ctx.data, task.date), { equityBalance: ctx.equityBalance }, held, task, ctx.settings) };
}

/** The day's valuation and equity roll-forward (valuePortfolio). */
export function valueRangeDay(ctx: RangeContext, task: RangeDayTask): ReturnType<typeof valuePortfolio> {
  return valuePortfolio(dayInput(ctx, task).input);
}

const hashes = new WeakMap<RangeContext, Map<number, string>>();

/** positionsHash of the positions held on a day, once per range and set: a day holds the range's first k positions (positionsOn), so k names the set. */
function heldHash(ctx: RangeContext, held: readonly PortfolioPosition[]): string {
  let byCount = hashes.get(ctx);
  if (!byCount) hashes.set(ctx, (byCount = new Map()));
  let hash = byCount.get(held.length);
  if (hash === undefined) byCount.set(held.length, (hash = positionsHash(held)));
  return hash;
}

/** The day's every result (portfolioRisk) as the rows the daily refresh would store. */
export function computeRangeDay(ctx: RangeContext, task: RangeDayTask): RangeDayResult {
  const { held, input, historyReason } = dayInput(ctx, task);
  const result = portfolioRisk(input);
  if (historyReason) result.warnings.unshift(`return history: ${historyReason}`);
  const rows = resultRows(ctx.portfolioId, result, { hash: heldHash(ctx, held), changedAt: ctx.changedAt, factorIds: ctx.data.factorIds });
  return { date: task.date, tables: serializeTables(rows.tables, ctx.copy), warnings: result.warnings.length };
}
