/**
 * The job queue as the API server uses it: to send jobs (an administrator's batch run), never to
 * work them. The server process may have no worker inside (`sigmasight serve`, START_WORKER=false),
 * so it opens its own pg-boss instance, lazily on the first send, without maintenance or schedules
 * (the workers do those), and stops it when the server closes.
 */
import type { PgBoss } from 'pg-boss';
import type { Database } from '../db/database.js';
import { NIGHTLY_QUEUE, type NightlyJobData, type NightlyKind } from './batch-service.js';
import { openJobQueue, sendOrFindJob, type JobQueueLogger } from './job-queue.js';
import { BATCH_QUEUES } from './queues.js';

/** A send-only job queue, opened on first use. */
export interface JobSender {
  /** The pg-boss instance (opened on the first call; a failed open is retried on the next). */
  boss(): Promise<PgBoss>;
  /** Stops the instance if it was opened. */
  close(): Promise<void>;
}

/** A {@link JobSender} on `database` with every batch queue. */
export function jobSender(database: Database, logger?: JobQueueLogger): JobSender {
  let opening: Promise<PgBoss> | null = null;
  return {
    boss() {
      opening ??= openJobQueue(database, { queues: [...BATCH_QUEUES, NIGHTLY_QUEUE], supervise: false, schedule: false, ...(logger ? { logger } : {}) })
        .catch((e: unknown) => {
          opening = null;
          throw e;
        });
      return opening;
    },
    async close() {
      const boss = await opening?.catch(() => null);
      opening = null;
      await boss?.stop({ graceful: true, timeout: 10_000 });
    },
  };
}

/** The scheduled kinds an administrator may start by hand. */
export const TRIGGERABLE_KINDS = ['market_data_update', 'calculate_risk_metrics', 'create_daily_snapshot'] as const satisfies readonly NightlyKind[];

/**
 * Queues a run of `kind` now, as its schedule would. The queue runs one job per kind at a time: when
 * one is already waiting or running, that job is returned with `queued: false` instead of a second.
 */
export async function queueNightlyRun(boss: PgBoss, kind: (typeof TRIGGERABLE_KINDS)[number]): Promise<{ id: string; queued: boolean }> {
  const { id, sent } = await sendOrFindJob(boss, NIGHTLY_QUEUE.name, { kind, manual: true } satisfies NightlyJobData, kind);
  return { id, queued: sent };
}
