import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { fetchBatchRuns, type BatchRuns } from './api';
import { useAuth } from './auth';

type RunningBatch = NonNullable<BatchRuns['running']>;

/** The names of the batch's runs, as the status page and the banner show them. */
const BATCH_KIND_LABEL: Record<string, string> = {
  first_start: 'First start',
  market_data_update: 'Nightly batch',
  calculate_risk_metrics: 'Risk catch-up',
  create_daily_snapshot: 'Snapshot catch-up',
  portfolio_recompute: 'Portfolio recompute',
};

/** One portfolio's recompute (a back-dated cash flow, a new stated equity): its owner's business, not a run every user waits for. */
const OWN_RUN = 'portfolio_recompute';

interface BatchProgress {
  /** The run in progress, if any. */
  running: RunningBatch | null;
  /** Counts the runs seen to end: the pages read their results again when it changes. */
  version: number;
  /** What a screen reader hears: a run started, or ended (not each day's progress). */
  announcement: string;
}

const BatchProgressContext = createContext<BatchProgress>({ running: null, version: 0, announcement: '' });

/** A run's name for people: its label, or its kind as stored. */
export const batchKindLabel = (kind: string) => BATCH_KIND_LABEL[kind] ?? kind;

/**
 * Milliseconds until the next look at the batch: 2 s while a run computes, 3 s in the first two
 * minutes (since `since`) while no run has ever finished (the first start queues its history a moment
 * after the server answers), 30 s otherwise.
 */
export function batchPollDelay(running: boolean, everFinished: boolean, since: number): number {
  if (running) return 2000;
  return !everFinished && Date.now() - since < 120_000 ? 3000 : 30_000;
}

function sameRun(a: RunningBatch | null, b: RunningBatch | null): boolean {
  if (a === null || b === null) return a === b;
  return a.kind === b.kind && a.startedAt === b.startedAt && a.done === b.done && a.total === b.total && a.current === b.current;
}

/**
 * Follows the batch for a signed-in user (GET /api/v1/system/batch, one small read), as often as
 * {@link batchPollDelay} says. When a run ends (seen running, then not; or a newer finished run), `version`
 * changes and every page's reads (useLoad) run again, so the figures are the run's. Runs of
 * `sigmasight batch run` are the command's own and are not shown.
 */
export function BatchProgressProvider({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const [state, setState] = useState<BatchProgress>({ running: null, version: 0, announcement: '' });
  useEffect(() => {
    if (!user) {
      setState((x) => (x.running || x.announcement ? { ...x, running: null, announcement: '' } : x));
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let seenRunning: RunningBatch | null = null;
    // The last finished run's end, once read (undefined before the first answer).
    let seenFinished: string | null | undefined;
    const since = Date.now();
    const look = () =>
      fetchBatchRuns()
        .then((s) => {
          if (stopped) return;
          const running = s.running && s.running.kind !== OWN_RUN ? s.running : null;
          const finished = s.lastRun?.finishedAt ?? null;
          const endedSeen = seenRunning !== null && running?.startedAt !== seenRunning.startedAt;
          const newlyFinished = seenFinished !== undefined && finished !== seenFinished && s.lastRun?.kind !== OWN_RUN;
          const started = running !== null && running.startedAt !== seenRunning?.startedAt;
          const ended = endedSeen || newlyFinished;
          const endedLabel = endedSeen && seenRunning ? batchKindLabel(seenRunning.kind) : s.lastRun ? batchKindLabel(s.lastRun.kind) : 'The batch';
          seenRunning = running;
          seenFinished = finished;
          setState((x) => {
            const announcement = started
              ? `${batchKindLabel(running.kind)} is computing; the figures are read again when it ends.`
              : ended ? `${endedLabel} ended; the figures are read again.` : x.announcement;
            if (!ended && announcement === x.announcement && sameRun(x.running, running)) return x;
            return { running, version: ended ? x.version + 1 : x.version, announcement };
          });
          timer = setTimeout(look, batchPollDelay(running !== null, s.lastRun !== null, since));
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

/** A run in progress: its name, the trading days done of its total, the day in hand, `children`, and a progress bar. */
export function RunProgress({ running, children }: { running: RunningBatch; children?: ReactNode }) {
  return (
    <>
      <span className="pill warn">Computing</span> {batchKindLabel(running.kind)}: {fmt.format(running.done)} of{' '}
      {fmt.format(running.total)} trading days{running.current && ` (now ${running.current})`}
      {children}
      <progress max={Math.max(running.total, 1)} value={running.done} aria-label="Batch progress" />
    </>
  );
}

/**
 * A line above the page while a run computes: what it is, how far it is, and what the figures are
 * meanwhile; and, always present, a status region a screen reader announces when a run starts or ends.
 */
export function BatchBanner() {
  const { running, announcement } = useBatchProgress();
  return (
    <>
      <p className="sr-only" role="status" data-testid="batch-announcement">{announcement}</p>
      {running && (
        <div className="batch-banner" data-testid="batch-banner">
          <RunProgress running={running}>
            . The figures are those of the last day computed when the page was read; it reads them again when the run ends.
          </RunProgress>
        </div>
      )}
    </>
  );
}
