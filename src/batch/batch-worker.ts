/**
 * Working the batch queues: what `sigmasight worker`, `sigmasight batch run` and (later) the server
 * run, so a job is done the same way whoever takes it.
 */
import type { Kysely } from 'kysely';
import type { PgBoss } from 'pg-boss';
import type { DB } from '../db/schema.js';
import type { FallbackChain } from '../market-data/providers/fallback-chain.js';
import type { SyncLogger } from '../market-data/sync.js';
import { SYMBOL_BATCH_QUEUE, type SymbolBatchJobData } from './queues.js';
import { runSymbolBatch, type SymbolBatchReport } from './symbol/symbol-batch.js';

/** What a batch job needs. */
export interface BatchWorkerDeps {
  db: Kysely<DB>;
  chain: FallbackChain;
  workerId: string;
  logger?: SyncLogger & { error?(obj: object, msg: string): void };
}

/** Runs one symbol batch job's work; its report becomes the job's output. */
function symbolBatch(deps: BatchWorkerDeps, data: SymbolBatchJobData, signal?: AbortSignal): Promise<SymbolBatchReport> {
  return runSymbolBatch(deps.db, data.date, { chain: deps.chain, workerId: deps.workerId, ...(deps.logger ? { logger: deps.logger } : {}), ...(signal ? { signal } : {}) });
}

/** Starts working the batch queues in this process until `boss.stop()` (polling every second). */
export async function workBatchQueues(boss: PgBoss, deps: BatchWorkerDeps): Promise<void> {
  await boss.work<SymbolBatchJobData, SymbolBatchReport>(SYMBOL_BATCH_QUEUE.name, { pollingIntervalSeconds: 1, batchSize: 1 }, async ([job]) => symbolBatch(deps, job!.data, job!.signal));
}

/**
 * Works the batch jobs that are due now, one at a time, then returns how many completed and failed
 * (for `worker --once`). A job whose work throws is failed with the error (and retried later by the
 * queue's policy).
 */
export async function drainBatchQueues(boss: PgBoss, deps: BatchWorkerDeps): Promise<{ completed: number; failed: { id: string; error: string }[] }> {
  const out = { completed: 0, failed: [] as { id: string; error: string }[] };
  for (;;) {
    const [job] = await boss.fetch<SymbolBatchJobData>(SYMBOL_BATCH_QUEUE.name, { batchSize: 1 });
    if (!job) return out;
    try {
      const report = await symbolBatch(deps, job.data);
      await boss.complete(SYMBOL_BATCH_QUEUE.name, job.id, report as unknown as object);
      out.completed++;
    } catch (e) {
      const error = (e as Error).message ?? String(e);
      await boss.fail(SYMBOL_BATCH_QUEUE.name, job.id, { error });
      out.failed.push({ id: job.id, error });
    }
  }
}
