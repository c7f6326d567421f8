/**
 * The onboarding worker: a loop that keeps up to `concurrency` symbols in progress, claiming more
 * from symbol_onboarding_queue as slots free up, and sleeps when nothing is due.
 *
 * - Leases: each claim holds a lease of `leaseMs`; while a symbol is in progress the worker renews
 *   the leases of everything it holds every leaseMs / 3, so a slow provider does not let a live
 *   claim expire. A crashed worker stops renewing and its claims become claimable after one lease.
 * - Stopping: when `signal` aborts, no new rows are claimed, in-flight symbols finish (each in its
 *   own transaction) and run() resolves with the summary.
 * - `once`: process everything due now, then return (rows retried later with backoff are not waited for).
 * - Claims that expired on their last attempt are failed on every pass (reapExhaustedClaims).
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { claimOnboardingBatch, renewOnboardingLeases, type QueueRow } from './onboarding-queue.repository.js';
import { onboardClaimed, reapExhaustedClaims, type OnboardingChain, type OnboardingOutcome, type OnboardingSettings } from './onboarding.service.js';

/** The logger the worker writes to (pino fits). */
export interface WorkerLogger {
  info?(obj: object, msg: string): void;
  warn?(obj: object, msg: string): void;
  error?(obj: object, msg: string): void;
  debug?(obj: object, msg: string): void;
}

/** Worker settings. */
export interface OnboardingWorkerOptions {
  db: Kysely<DB>;
  chain: OnboardingChain;
  /** Recorded in locked_by; default `<host>:<pid>:<random>`. */
  workerId?: string;
  /** Symbols in progress at once. Default 4. */
  concurrency?: number;
  /** Claim lease. Default 60 s. */
  leaseMs?: number;
  /** Sleep when nothing is due. Default 5 s. */
  idleSleepMs?: number;
  /** Process what is due, then return. */
  once?: boolean;
  /** Aborting stops the worker gracefully. */
  signal?: AbortSignal;
  /** Passed to {@link onboardClaimed}. */
  settings?: Partial<OnboardingSettings>;
  logger?: WorkerLogger;
  /** Called after each symbol (progress output, tests). */
  onOutcome?: (outcome: OnboardingOutcome) => void;
}

/** Counts of what a run did. */
export interface WorkerSummary {
  workerId: string;
  claimed: number;
  active: number;
  private: number;
  retried: number;
  failed: number;
  lost: number;
  /** Claims failed because they expired on their last attempt. */
  reaped: number;
  /** Symbols whose outcome could not even be recorded (the database failed); their leases expire. */
  errors: number;
}

/** A default worker id: host, process id and a random suffix. */
export function defaultWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`.slice(0, 100);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

function positiveInt(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a whole number >= 1, got ${v}`);
  return v;
}

/**
 * Runs the worker until `signal` aborts (or, with `once`, until nothing is due). Resolves with what
 * it did. Errors talking to the database while claiming are logged and retried after the idle
 * sleep; with `once` they are thrown.
 */
export async function runOnboardingWorker(options: OnboardingWorkerOptions): Promise<WorkerSummary> {
  const { db, chain, signal, logger } = options;
  const workerId = options.workerId ?? defaultWorkerId();
  const concurrency = positiveInt('concurrency', options.concurrency ?? 4);
  const leaseMs = positiveInt('leaseMs', options.leaseMs ?? 60_000);
  const idleSleepMs = positiveInt('idleSleepMs', options.idleSleepMs ?? 5_000);
  const summary: WorkerSummary = { workerId, claimed: 0, active: 0, private: 0, retried: 0, failed: 0, lost: 0, reaped: 0, errors: 0 };
  const inFlight = new Map<string, Promise<void>>();
  const stopped = new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }));

  const renewal = setInterval(() => {
    if (inFlight.size === 0) return;
    renewOnboardingLeases(db, workerId, [...inFlight.keys()], leaseMs).catch((e: unknown) =>
      logger?.warn?.({ workerId, error: (e as Error).message }, 'onboarding worker: lease renewal failed'),
    );
  }, Math.max(1, Math.floor(leaseMs / 3)));
  renewal.unref?.();

  const start = (claim: QueueRow) => {
    const task = onboardClaimed(db, chain, claim, workerId, { ...(logger ? { logger } : {}), ...options.settings })
      .then((outcome) => {
        if (outcome.status === 'active') summary.active++;
        else if (outcome.status === 'private') summary.private++;
        else if (outcome.status === 'retry') summary.retried++;
        else if (outcome.status === 'failed') summary.failed++;
        else summary.lost++;
        logger?.info?.({ workerId, ...outcome }, 'onboarding: symbol processed');
        options.onOutcome?.(outcome);
      })
      .catch((e: unknown) => {
        summary.errors++;
        logger?.error?.({ workerId, symbol: claim.symbol, error: (e as Error).message }, 'onboarding: could not record the outcome; the claim will expire and be retried');
      })
      .finally(() => inFlight.delete(claim.id));
    inFlight.set(claim.id, task);
  };

  try {
    while (!signal?.aborted) {
      const free = concurrency - inFlight.size;
      let claimed: QueueRow[] = [];
      if (free > 0) {
        try {
          summary.reaped += (await reapExhaustedClaims(db)).length;
          claimed = await claimOnboardingBatch(db, { workerId, limit: free, leaseMs });
        } catch (e) {
          if (options.once) throw e;
          logger?.error?.({ workerId, error: (e as Error).message }, 'onboarding worker: claiming failed; retrying after the idle sleep');
          await sleep(idleSleepMs, signal);
          continue;
        }
        summary.claimed += claimed.length;
        for (const c of claimed) start(c);
      }
      if (inFlight.size === 0) {
        if (options.once) break;
        await sleep(idleSleepMs, signal);
        continue;
      }
      if (claimed.length === 0 || inFlight.size >= concurrency) {
        // Wait for a slot (or the stop signal) before claiming again.
        await Promise.race([...inFlight.values(), stopped]);
      }
    }
  } finally {
    await Promise.allSettled([...inFlight.values()]);
    clearInterval(renewal);
  }
  return summary;
}
