/**
 * Answers to frequent portfolio reads (the overview), kept in memory until what they were read from
 * changes. The database says when: migration 0017's triggers NOTIFY `sigmasight_portfolio_changed`
 * with the portfolio's id when its snapshot is written or deleted (the batch writes every result of a
 * portfolio-day in the snapshot's transaction) or the portfolio itself changes, and every server
 * listening drops that portfolio's answers. NOTIFY arrives after the commit, so an answer can be a
 * few milliseconds behind a write, never more: the cache is on only while the notifications are
 * listened to (losing the connection empties and switches it off until listening again), and an
 * answer older than `maxAgeMs` is read again anyway.
 *
 * Answers are keyed by caller too: one is kept only after the caller's ownership was checked.
 */
import type { Database } from '../db/database.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The server's {@link PortfolioReadCache} (its counters show in tests). */
    readCache: PortfolioReadCache;
  }
}

export const PORTFOLIO_CHANGED_CHANNEL = 'sigmasight_portfolio_changed';

interface Entry {
  body: string;
  at: number;
}

export interface ReadCacheOptions {
  /** Answers kept at most (the oldest go first). */
  maxEntries?: number;
  /** An answer older than this is read again. */
  maxAgeMs?: number;
  /** Milliseconds before listening again after the connection was lost. */
  retryMs?: number;
  onLost?: (error: Error) => void;
}

export class PortfolioReadCache {
  private readonly entries = new Map<string, Entry>();
  /** Keys by portfolio id, to drop a portfolio's answers. */
  private readonly byPortfolio = new Map<string, Set<string>>();
  private listening = false;
  private stopListening: (() => Promise<void>) | null = null;
  private retry: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;
  private readonly retryMs: number;
  hits = 0;
  misses = 0;

  constructor(private readonly database: Database, private readonly options: ReadCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
    this.retryMs = options.retryMs ?? 5_000;
  }

  /** Starts listening; until it does (or after a failure), every read goes to the database. */
  async start(): Promise<void> {
    if (this.closed) return;
    try {
      const stop = await this.database.listen(PORTFOLIO_CHANGED_CHANNEL, (id) => this.invalidate(id), (e) => this.lost(e));
      if (this.closed) {
        await stop();
        return;
      }
      this.stopListening = stop;
      // Whatever was read before (or while not listening) may have missed a change: start empty.
      this.clear();
      this.listening = true;
    } catch (e) {
      this.lost(e as Error);
    }
  }

  private lost(error: Error): void {
    if (this.closed) return;
    this.listening = false;
    this.stopListening = null;
    this.clear();
    this.options.onLost?.(error);
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.start();
    }, this.retryMs);
    this.retry.unref();
  }

  /** Whether answers are kept now. */
  get enabled(): boolean {
    return this.listening;
  }

  get(portfolioId: string, key: string): string | undefined {
    if (!this.listening) return undefined;
    portfolioId = portfolioId.toLowerCase();
    const full = `${portfolioId}|${key}`;
    const e = this.entries.get(full);
    if (e && Date.now() - e.at <= this.maxAgeMs) {
      this.hits++;
      return e.body;
    }
    if (e) this.drop(portfolioId, full);
    this.misses++;
    return undefined;
  }

  /**
   * Keeps `body` unless the portfolio changed while it was read: pass the {@link version} taken
   * before reading, so a notification that arrived in between wins.
   */
  set(portfolioId: string, key: string, body: string, version: string): void {
    portfolioId = portfolioId.toLowerCase();
    if (!this.listening || version !== this.versionOf(portfolioId)) return;
    const full = `${portfolioId}|${key}`;
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.drop(oldest.slice(0, oldest.indexOf('|')), oldest);
    }
    this.entries.set(full, { body, at: Date.now() });
    let keys = this.byPortfolio.get(portfolioId);
    if (!keys) this.byPortfolio.set(portfolioId, (keys = new Set()));
    keys.add(full);
  }

  /** Changes seen per portfolio (and overall, for a lost connection), so a read racing a change is not kept. */
  private readonly versions = new Map<string, number>();
  private epoch = 0;
  /** The change count of `portfolioId` now; take it before reading. */
  versionOf(portfolioId: string): string {
    return `${this.epoch}:${this.versions.get(portfolioId.toLowerCase()) ?? 0}`;
  }

  invalidate(portfolioId: string): void {
    // Ids are compared as PostgreSQL prints them (lower case); a URL may spell one in upper case.
    portfolioId = portfolioId.toLowerCase();
    this.versions.set(portfolioId, (this.versions.get(portfolioId) ?? 0) + 1);
    const keys = this.byPortfolio.get(portfolioId);
    if (!keys) return;
    for (const k of keys) this.entries.delete(k);
    this.byPortfolio.delete(portfolioId);
  }

  private drop(portfolioId: string, full: string): void {
    this.entries.delete(full);
    const keys = this.byPortfolio.get(portfolioId);
    keys?.delete(full);
    if (keys && keys.size === 0) this.byPortfolio.delete(portfolioId);
  }

  clear(): void {
    this.epoch++;
    this.versions.clear();
    this.entries.clear();
    this.byPortfolio.clear();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.listening = false;
    this.clear();
    await this.stopListening?.();
  }
}
