/**
 * Short squeeze risk for short stock positions, from the stock's borrow cost and days to cover.
 *
 * Rule (the seed design's SQL, kept exactly): HIGH when costToBorrowRate > 10 or daysToCover > 5;
 * MEDIUM when costToBorrowRate > 5 or daysToCover > 3; otherwise LOW. costToBorrowRate is an annual
 * PERCENT (12.5 = 12.5% a year, not 0.125); daysToCover = shares sold short / average daily volume.
 * Thresholds are strict: exactly 10% and 5 days is MEDIUM.
 */
import { AnalyticsError } from './analytics-error.js';

export type SqueezeRiskLevel = 'HIGH' | 'MEDIUM' | 'LOW';

/** Short-selling metrics of one stock. */
export interface ShortSellingMetrics {
  /** Annual borrow fee in percent (12.5 = 12.5%). */
  costToBorrowRate: number;
  /** Short interest / average daily volume, in days. */
  daysToCover: number;
}

/**
 * Classifies squeeze risk: HIGH if borrow > 10% or days to cover > 5; MEDIUM if > 5% or > 3; else LOW.
 * @example shortSqueezeRiskLevel({ costToBorrowRate: 12, daysToCover: 1 }) // 'HIGH'
 * @example shortSqueezeRiskLevel({ costToBorrowRate: 0.3, daysToCover: 4 }) // 'MEDIUM'
 */
export function shortSqueezeRiskLevel(m: ShortSellingMetrics): SqueezeRiskLevel {
  if (!(Number.isFinite(m.costToBorrowRate) && m.costToBorrowRate >= 0)) {
    throw new AnalyticsError('INVALID_ARGUMENT', `costToBorrowRate must be a non-negative percent, got ${m.costToBorrowRate}`, 'costToBorrowRate');
  }
  if (!(Number.isFinite(m.daysToCover) && m.daysToCover >= 0)) {
    throw new AnalyticsError('INVALID_ARGUMENT', `daysToCover must be >= 0, got ${m.daysToCover}`, 'daysToCover');
  }
  if (m.costToBorrowRate > 10 || m.daysToCover > 5) return 'HIGH';
  if (m.costToBorrowRate > 5 || m.daysToCover > 3) return 'MEDIUM';
  return 'LOW';
}

/** A short position's squeeze risk. */
export interface ShortSqueezeRisk extends ShortSellingMetrics {
  id: string;
  symbol: string;
  /** Signed shares (negative). */
  quantity: number;
  level: SqueezeRiskLevel;
}

/**
 * Squeeze risk of every SHORT stock position (quantity < 0; long positions and options are not
 * assessed), sorted like the seed's query: borrow rate descending, then days to cover descending.
 * Short positions without metrics are listed in `missingMetrics` rather than guessed.
 * @example
 * shortSqueezeRisks([{ id: 'p1', symbol: 'GME', quantity: -100 }], { GME: { costToBorrowRate: 25, daysToCover: 6 } })
 * // { risks: [{ id: 'p1', symbol: 'GME', quantity: -100, costToBorrowRate: 25, daysToCover: 6, level: 'HIGH' }], missingMetrics: [] }
 */
export function shortSqueezeRisks(
  positions: readonly { id: string; symbol: string; quantity: number }[],
  metrics: Readonly<Record<string, ShortSellingMetrics>>,
): { risks: ShortSqueezeRisk[]; missingMetrics: string[] } {
  const risks: ShortSqueezeRisk[] = [];
  const missing: string[] = [];
  for (const p of positions) {
    if (!(p.quantity < 0)) continue;
    const m = metrics[p.symbol];
    if (!m) {
      missing.push(p.symbol);
      continue;
    }
    risks.push({ id: p.id, symbol: p.symbol, quantity: p.quantity, costToBorrowRate: m.costToBorrowRate, daysToCover: m.daysToCover, level: shortSqueezeRiskLevel(m) });
  }
  risks.sort((a, b) => b.costToBorrowRate - a.costToBorrowRate || b.daysToCover - a.daysToCover);
  return { risks, missingMetrics: [...new Set(missing)] };
}
