/**
 * A per-provider circuit breaker.
 *
 * - closed: calls go through; each failed call counts, each success resets the count.
 * - open: after `failureThreshold` consecutive failures; calls are refused (CIRCUIT_OPEN) without
 *   touching the network until `cooldownMs` has passed.
 * - half-open: after the cool-down one trial call is let through. Success closes the breaker;
 *   failure opens it again for another cool-down.
 *
 * A "call" is one logical request after its retries, not each HTTP attempt.
 */

/** Breaker state as seen from outside. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** Breaker settings. */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the breaker. Default 5. */
  failureThreshold?: number;
  /** How long the breaker stays open before one trial call. Default 30 s. */
  cooldownMs?: number;
  /** Clock in epoch milliseconds; injectable for tests. Default `Date.now`. */
  now?: () => number;
}

/** See the module comment. */
export class CircuitBreaker {
  private readonly failureThreshold: number;
  private readonly cooldownMs: number;
  private readonly now: () => number;
  private failures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;

  /** Creates a closed breaker. */
  constructor(options: CircuitBreakerOptions = {}) {
    this.failureThreshold = Math.max(1, options.failureThreshold ?? 5);
    this.cooldownMs = Math.max(0, options.cooldownMs ?? 30_000);
    this.now = options.now ?? Date.now;
  }

  /** Current state; an open breaker whose cool-down has passed reports `half-open`. */
  get state(): CircuitState {
    if (this.openedAt === null) return 'closed';
    return this.now() - this.openedAt >= this.cooldownMs ? 'half-open' : 'open';
  }

  /** Consecutive failures counted so far. */
  get consecutiveFailures(): number {
    return this.failures;
  }

  /**
   * True when a call may be attempted now without being refused: closed, or half-open with no trial
   * in flight. Does not reserve the trial; use {@link tryAcquire} for that.
   */
  isCallPermitted(): boolean {
    const s = this.state;
    return s === 'closed' || (s === 'half-open' && !this.trialInFlight);
  }

  /**
   * Asks to make a call. Returns false when the breaker refuses (open, or half-open with its one
   * trial already in flight). In half-open, a true answer reserves the trial.
   */
  tryAcquire(): boolean {
    const s = this.state;
    if (s === 'closed') return true;
    if (s === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  /** Records a successful call: closes the breaker and clears the failure count. */
  onSuccess(): void {
    this.failures = 0;
    this.openedAt = null;
    this.trialInFlight = false;
  }

  /** Records a failed call: opens the breaker at the threshold, or re-opens it after a failed trial. */
  onFailure(): void {
    this.failures += 1;
    if (this.openedAt !== null) {
      // A failed half-open trial (or a straggler that failed while open): restart the cool-down.
      this.openedAt = this.now();
    } else if (this.failures >= this.failureThreshold) {
      this.openedAt = this.now();
    }
    this.trialInFlight = false;
  }

  /** Ends a call without judging the provider (e.g. the caller aborted it); frees a half-open trial. */
  release(): void {
    this.trialInFlight = false;
  }

  /** Milliseconds until an open breaker lets a trial through (0 unless open). */
  remainingCooldownMs(): number {
    if (this.openedAt === null) return 0;
    return Math.max(0, this.openedAt + this.cooldownMs - this.now());
  }
}
