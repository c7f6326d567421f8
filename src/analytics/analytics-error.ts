/**
 * The one error the analytics raise for input they cannot compute on (too few observations, a bad
 * parameter, a price outside no-arbitrage bounds). `code` is stable and machine-readable; `field`
 * names the argument or series at fault so a CLI or API can point the user at it.
 */
export class AnalyticsError extends Error {
  constructor(
    readonly code: AnalyticsErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AnalyticsError';
  }
}

export type AnalyticsErrorCode =
  | 'INSUFFICIENT_DATA'
  | 'LENGTH_MISMATCH'
  | 'INVALID_ARGUMENT'
  | 'RANK_DEFICIENT'
  | 'NOT_POSITIVE_DEFINITE'
  | 'OUT_OF_BOUNDS'
  | 'NO_CONVERGENCE';
