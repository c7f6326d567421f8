/**
 * Failed logins per (login name, client address): at most `limit` in any `windowMs`, then the
 * address is refused for that name until the oldest failure leaves the window. In process memory:
 * each server counts its own (behind a load balancer, N servers allow N x limit a minute).
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit = 10,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  private key(login: string, address: string): string {
    return `${login.trim().toLowerCase()}\u0000${address}`;
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }

  /** Seconds until another attempt is allowed, or 0 when one is allowed now. */
  retryAfter(login: string, address: string): number {
    const kept = this.recent(this.key(login, address));
    if (kept.length < this.limit) return 0;
    return Math.max(1, Math.ceil((kept[kept.length - this.limit] + this.windowMs - this.now()) / 1000));
  }

  fail(login: string, address: string): void {
    const key = this.key(login, address);
    this.failures.set(key, [...this.recent(key), this.now()]);
    // Bounded memory under a spray of names: forget the stalest keys past 100,000.
    if (this.failures.size > 100_000) for (const k of [...this.failures.keys()].slice(0, 10_000)) this.failures.delete(k);
  }

  succeed(login: string, address: string): void {
    this.failures.delete(this.key(login, address));
  }
}
