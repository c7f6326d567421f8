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

/** Starts the pool's threads now (they load while the caller reads its data); they stay, unreferenced. */
export function warmRangeThreads(): void {
  openPool();
}

/** A range's days being computed in the threads, their tasks given as they are known. */
export interface DaysInThreads {
  /** Hands the next day to compute (at most `total` in all). */
  push(task: RangeDayTask): void;
  /** Stops: the days still running are dropped and `done` rejects with `error`. */
  abort(error: unknown): void;
  /** Resolves once `total` days are computed and handed to onResult; rejects on the first error. */
  done: Promise<void>;
}

/**
 * Computes a range's days on the pool's threads (each thread takes the next day as it answers one),
 * the days given one by one as the caller knows them (the roll-forward finds each day's previous
 * figures in order): a thread starts on a day as soon as it is given. Hands each day's result to
 * `onResult` as it arrives, in no particular order; `done` rejects on the first error (`onResult`
 * throwing included; the days still running are dropped).
 */
export function startDaysInThreads(ctx: RangeContext, total: number, onResult: (r: RangeDayResult) => void): DaysInThreads {
  const tasks: RangeDayTask[] = [];
  let push: (task: RangeDayTask) => void = () => undefined;
  let abort: (error: unknown) => void = () => undefined;
  if (total === 0) return { push, abort, done: Promise.resolve() };
  const p = openPool();
  const id = ++nextRange;
  const done = new Promise<void>((resolve, reject) => {
    let next = 0, finished = 0, over = false;
    /** Threads waiting for a day, one entry per day they could take. */
    const waiting: Worker[] = [];
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
    abort = (error) => finish(error);
    push = (task) => {
      if (over) return;
      tasks.push(task);
      const w = waiting.shift();
      if (w) send(w);
    };
    const send = (w: Worker) => {
      if (next < tasks.length) w.postMessage({ type: 'day', id, task: tasks[next++] });
      else if (next < total) waiting.push(w);
    };
    if (p.active++ === 0) p.threads.forEach((w) => w.ref());
    try {
      for (const w of p.threads) {
        const listener = (m: Reply) => {
          if (m.id !== id || over) return;
          if (m.type === 'error') return finish(new Error(m.message));
          try {
            onResult(m.result!);
            if (++finished === total) finish();
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
  return { push: (task) => push(task), abort: (error) => abort(error), done };
}
