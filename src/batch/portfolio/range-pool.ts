/**
 * Worker threads for the days of a range refresh: a long range's days are computed in parallel (each
 * day's results depend on the day before only through its roll-forward, which the range computes
 * first, day by day). The threads start on first use and stay (unreferenced while idle, so they never
 * keep the process alive); a thread that dies fails the ranges in flight and the pool starts afresh.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RangeContext, RangeDayResult, RangeDayTask } from './range-day.js';

/** Threads of the pool: one per core, at most 4. */
export const RANGE_THREADS = Math.max(1, Math.min(4, availableParallelism()));

let pool: Worker[] | null = null;
let nextRange = 0;

function threads(): Worker[] {
  if (pool) return pool;
  // Built: the compiled worker beside this file. From the sources (tests, tsx): the TypeScript one through tsx.
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(`./range-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  const made = Array.from({ length: RANGE_THREADS }, () => {
    const w = new Worker(url, fromSource ? { execArgv: ['--import', 'tsx'] } : {});
    w.unref();
    // A dead thread takes the pool with it: the next range starts new threads.
    w.once('exit', () => { if (pool === made) pool = null; });
    w.on('error', () => undefined);
    return w;
  });
  pool = made;
  return made;
}

/**
 * Computes `tasks` on the pool's threads (each thread takes the next day as it answers one) and hands
 * each day's result to `onResult` as it arrives, in no particular order. Rejects on the first error
 * (the days still running are dropped).
 */
export function computeDaysInThreads(ctx: RangeContext, tasks: readonly RangeDayTask[], onResult: (r: RangeDayResult) => void): Promise<void> {
  const workers = threads();
  const id = ++nextRange;
  return new Promise<void>((resolve, reject) => {
    let next = 0, done = 0, over = false;
    const listeners = new Map<Worker, (m: { type: string; id: number; result?: RangeDayResult; message?: string }) => void>();
    const finish = (error?: Error) => {
      if (over) return;
      over = true;
      for (const [w, listener] of listeners) {
        w.off('message', listener);
        w.off('exit', onExit);
        w.off('error', onError);
        w.postMessage({ type: 'drop', id });
        w.unref();
      }
      if (error) reject(error);
      else resolve();
    };
    const onError = (e: Error) => finish(e);
    const onExit = (code: number) => finish(new Error(`a range worker thread exited (code ${code})`));
    const send = (w: Worker) => {
      if (next < tasks.length) w.postMessage({ type: 'day', id, task: tasks[next++] });
    };
    for (const w of workers) {
      const listener = (m: { type: string; id: number; result?: RangeDayResult; message?: string }) => {
        if (m.id !== id || over) return;
        if (m.type === 'error') return finish(new Error(m.message));
        try {
          onResult(m.result!);
        } catch (e) {
          return finish(e as Error);
        }
        if (++done === tasks.length) finish();
        else send(w);
      };
      listeners.set(w, listener);
      w.on('message', listener);
      w.on('exit', onExit);
      w.on('error', onError);
      w.ref();
      w.postMessage({ type: 'context', id, ctx });
      // Two days in flight per thread, so a thread never waits for the next message.
      send(w);
      send(w);
    }
    if (tasks.length === 0) finish();
  });
}
