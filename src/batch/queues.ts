/**
 * The batch's job queues (pg-boss, job-queue.ts). One place for their names and options, so the
 * CLI, the workers and the server create them alike.
 */
import type { QueueDefinition } from './job-queue.js';

/** The symbol batch of one trading day; one job per date at a time ('exclusive', keyed by the date). */
export const SYMBOL_BATCH_QUEUE: QueueDefinition = {
  name: 'batch.symbols',
  // A killed worker's job comes back after its heartbeat lapses and is run again (each step replaces
  // its rows, so a rerun leaves what one run leaves).
  options: { policy: 'exclusive', retryLimit: 2, retryDelay: 30, expireInSeconds: 3 * 3600, heartbeatSeconds: 30 },
};

/** Every queue, as openJobQueue creates them. */
export const BATCH_QUEUES: readonly QueueDefinition[] = [SYMBOL_BATCH_QUEUE];

/** The data of a symbol batch job. */
export interface SymbolBatchJobData {
  date: string;
}
