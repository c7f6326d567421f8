import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { fetchBatchRuns, type BatchRuns } from './api';
import { useAuth } from './auth';

type RunningBatch = NonNullable<BatchRuns['running']>;

/** The names of the batch's runs, as the status page and the banner show them. */
export const BATCH_KIND_LABEL: Record<string, string> = {
  first_start: 'First start',
  market_data_update: 'Nightly batch',
  calculate_risk_metrics: 'Risk catch-up',
  create_daily_snapshot: 'Snapshot catch-up',
};

interface BatchProgress {
  /** The run in progress, if any. */
  running: RunningBatch | null;
  /** Counts the runs seen to end: the pages read their results again when it changes. */
  version: number;
}

const BatchProgressContext = createContext<BatchProgress>({ running: null, version: 0 });

/**
 * Follows the batch for a signed-in user (GET /api/v1/system/batch, one small read): every 2 s while a run computes
 * (the first start's history, a backfill), every 3 s before any run (the first start queues its
 * history a moment after the server answers), every 30 s otherwise. When a run ends, `version`
 * changes, and every page's reads (useLoad) run again, so the figures are the run's.
 */
export function BatchProgressProvider({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const [state, setState] = useState<BatchProgress>({ running: null, version: 0 });
  useEffect(() => {
    if (!user) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let wasRunning = false;
    const look = () =>
      fetchBatchRuns()
        .then((s) => {
          if (stopped) return;
          const running = s.running;
          const ended = wasRunning && running === null;
          wasRunning = running !== null;
          setState((x) => ({ running, version: ended ? x.version + 1 : x.version }));
          timer = setTimeout(look, running ? 2000 : s.lastRun ? 30_000 : 3000);
        })
        .catch(() => {
          if (!stopped) timer = setTimeout(look, 10_000);
        });
    void look();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [user]);
  return <BatchProgressContext.Provider value={state}>{children}</BatchProgressContext.Provider>;
}

export function useBatchProgress(): BatchProgress {
  return useContext(BatchProgressContext);
}

const fmt = new Intl.NumberFormat('en-US');

/** A line above the page while a run computes: what it is, how far it is, and what the figures are meanwhile. */
export function BatchBanner() {
  const { running } = useBatchProgress();
  if (!running) return null;
  return (
    <div className="batch-banner" role="status" data-testid="batch-banner">
      <span className="pill warn">Computing</span> {BATCH_KIND_LABEL[running.kind] ?? running.kind}: {fmt.format(running.done)} of{' '}
      {fmt.format(running.total)} trading days{running.current && ` (now ${running.current})`}. The figures are those of the
      last day computed so far; the page updates when the run ends.
      <progress max={Math.max(running.total, 1)} value={running.done} aria-label="Batch progress" />
    </div>
  );
}
