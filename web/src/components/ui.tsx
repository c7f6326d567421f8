import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiFailure } from '../api';
import { useBatchProgress } from '../batch-progress';

/** The state of a read: loading, its data, or its error; `reload` reads again, as does the end of a batch run. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): { data: T | null; error: string | null; loading: boolean; reload: () => void } {
  const { version } = useBatchProgress();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const n = ++latest.current;
    setLoading(true);
    load()
      .then((d) => { if (n === latest.current) { setData(d); setError(null); } })
      .catch((e: unknown) => { if (n === latest.current) setError(messageOf(e)); })
      .finally(() => { if (n === latest.current) setLoading(false); });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick, version]);
  return { data, error, loading, reload: useCallback(() => setTick((x) => x + 1), []) };
}

export function messageOf(e: unknown): string {
  if (e instanceof ApiFailure) return e.message;
  return e instanceof Error ? e.message : String(e);
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return <p className="muted" role="status" aria-live="polite">{what}…</p>;
}

export function ErrorState({ error, retry }: { error: string; retry?: () => void }) {
  return (
    <div className="error-box" role="alert">
      <span>Could not load: {error}</span>
      {retry && <button type="button" className="link" onClick={retry}>Try again</button>}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty muted">{children}</p>;
}

/** A read's three states around its content. */
export function Loaded<T>({ state, children, what }: { state: { data: T | null; error: string | null; loading: boolean; reload: () => void }; children: (data: T) => ReactNode; what?: string }) {
  if (state.error) return <ErrorState error={state.error} retry={state.reload} />;
  if (state.data === null) return <Loading what={what} />;
  return <>{children(state.data)}</>;
}

export function Card({ title, children, actions, className }: { title?: ReactNode; children: ReactNode; actions?: ReactNode; className?: string }) {
  return (
    <section className={`card ${className ?? ''}`}>
      {(title || actions) && (
        <header className="card-head">
          {title && <h2>{title}</h2>}
          {actions && <div className="actions">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}

/** A labelled figure of a summary grid. */
export function Stat({ label, value, note, tone, testId }: { label: string; value: ReactNode; note?: ReactNode; tone?: string; testId?: string }) {
  return (
    <div className="stat" data-testid={testId}>
      <div className="stat-label">{label}</div>
      <div className={`stat-value ${tone ?? ''}`}>{value}</div>
      {note && <div className="stat-note muted">{note}</div>}
    </div>
  );
}
