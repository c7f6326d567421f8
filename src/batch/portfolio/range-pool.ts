/**
 * Worker threads for the days of a range refresh: a long range's days are computed in parallel (each
 * day's results depend on the day before only through its roll-forward, which the range computes
 * first, day by day). The threads start on first use and stay, referenced only while a range is in
 * flight (so they never keep an idle process alive); a thread that dies fails the ranges in flight,
 * the pool's other threads are stopped, and the next range starts new ones.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RangeContext, RangeDayResult, RangeDayTask } from './range-day.js';

/** Threads of the pool: one per core, at most 4. */
export const RANGE_THREADS = Math.max(1, Math.min(4, availableParallelism()));

interface Pool {
  threads: Worker[];
  /** Ranges in flight: the threads are referenced while it is above 0. */
  active: number;
}

let pool: Pool | null = null;
let nextRange = 0;

function openPool(): Pool {
  if (pool) return pool;
  // Built: the compiled worker beside this file. From the sources (tests, tsx): the TypeScript one through tsx.
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(`./range-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  const made: Pool = { threads: [], active: 0 };
  for (let i = 0; i < RANGE_THREADS; i++) {
    const w = new Worker(url, fromSource ? { execArgv: ['--import', 'tsx'] } : {});
    w.unref();
    w.on('error', () => undefined);
    // One dead thread retires the pool: the others are stopped, the next range starts new threads.
    w.once('exit', () => {
      if (pool === made) pool = null;
      for (const other of made.threads) if (other !== w) void other.terminate();
    });
    made.threads.push(w);
  }
  pool = made;
  return made;
}

type Reply = { type: 'day' | 'error'; id: number; result?: RangeDayResult; message?: string };

/**
 * Computes `tasks` on the pool's threads (each thread takes the next day as it answers one) and hands
 * each day's result to `onResult` as it arrives, in no particular order. Rejects on the first error
 * (`onResult` throwing included; the days still running are dropped).
 */
export function computeDaysInThreads(ctx: RangeContext, tasks: readonly RangeDayTask[], onResult: (r: RangeDayResult) => void): Promise<void> {
  if (tasks.length === 0) return Promise.resolve();
  const p = openPool();
  const id = ++nextRange;
  return new Promise<void>((resolve, reject) => {
    let next = 0, done = 0, over = false;
    const listeners = new Map<Worker, (m: Reply) => void>();
    const onError = (e: Error) => finish(e);
    const onExit = (code: number) => finish(new Error(`a range worker thread exited (code ${code})`));
    function finish(error?: unknown): void {
      if (over) return;
      over = true;
      for (const [w, listener] of listeners) {
        w.off('message', listener);
        w.off('exit', onExit);
        w.off('error', onError);
        try {
          w.postMessage({ type: 'drop', id });
        } catch { /* the thread is gone */ }
      }
      if (--p.active === 0) p.threads.forEach((w) => w.unref());
      if (error !== undefined) reject(error);
      else resolve();
    }
    const send = (w: Worker) => {
      if (next < tasks.length) w.postMessage({ type: 'day', id, task: tasks[next++] });
    };
    if (p.active++ === 0) p.threads.forEach((w) => w.ref());
    try {
      for (const w of p.threads) {
        const listener = (m: Reply) => {
          if (m.id !== id || over) return;
          if (m.type === 'error') return finish(new Error(m.message));
          try {
            onResult(m.result!);
            if (++done === tasks.length) finish();
            else send(w);
          } catch (e) {
            finish(e);
          }
        };
        listeners.set(w, listener);
        w.on('message', listener);
        w.on('exit', onExit);
        w.on('error', onError);
        w.postMessage({ type: 'context', id, ctx });
        // Two days in flight per thread, so a thread never waits for the next message.
        send(w);
        send(w);
      }
    } catch (e) {
      finish(e);
    }
  });
}
