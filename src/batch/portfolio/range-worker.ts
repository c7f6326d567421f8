/**
 * A worker thread of range-pool.ts: holds the contexts of the ranges in flight and computes the days
 * it is sent (computeRangeDay), answering each with its rows or its error.
 */
import { parentPort } from 'node:worker_threads';
import { computeRangeDay, type RangeContext, type RangeDayTask } from './range-day.js';

type Message = { type: 'context'; id: number; ctx: RangeContext } | { type: 'day'; id: number; task: RangeDayTask } | { type: 'drop'; id: number };

const contexts = new Map<number, RangeContext>();
parentPort!.on('message', (m: Message) => {
  if (m.type === 'context') contexts.set(m.id, m.ctx);
  else if (m.type === 'drop') contexts.delete(m.id);
  else {
    try {
      const ctx = contexts.get(m.id);
      if (!ctx) throw new Error(`range ${m.id} has no context in this thread`);
      parentPort!.postMessage({ type: 'day', id: m.id, result: computeRangeDay(ctx, m.task) });
    } catch (e) {
      parentPort!.postMessage({ type: 'error', id: m.id, message: (e as Error).message ?? String(e) });
    }
  }
});
