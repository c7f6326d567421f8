import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { batchKindLabel, batchPollDelay, RunProgress } from '../batch-progress';
import { fetchReadiness, fetchStatus, type DatasetFreshness, type PriceSource, type Readiness, type SystemStatus } from '../api';

const ENGINE_LABEL: Record<SystemStatus['engine'], string> = {
  pglite: 'Embedded PostgreSQL (PGlite)',
  postgres: 'PostgreSQL server',
};

const fmt = new Intl.NumberFormat('en-US');

const PILL: Record<DatasetFreshness['level'], string> = { ok: 'ok', warning: 'warn', critical: 'bad', historical: 'info' };

/**
 * "through 2026-11-20, up to date" / "2 trading days behind" / "none yet", with the level as a colored
 * pill; a historical data set (the real-data demo) shows "historical data ending 2001-01-02" instead.
 */
function Freshness({ label, data }: { label: string; data: DatasetFreshness }) {
  const behind = data.tradingDaysBehind;
  const text =
    data.latestDate === null
      ? 'none yet'
      : data.level === 'historical'
        ? `${data.latestDate < data.expectedDate ? `through ${data.latestDate}, ` : ''}historical data ending ${data.expectedDate}`
        : `through ${data.latestDate}, ${behind === 0 ? 'up to date' : `${fmt.format(behind ?? 0)} trading day${behind === 1 ? '' : 's'} behind`}`;
  return (
    <>
      <dt>{label}</dt>
      <dd>
        <span className={`pill ${PILL[data.level]}`}>{data.level}</span> {text}
      </dd>
    </>
  );
}

/** Where the stored prices come from, one data_source each: "synthetic: 82 symbols, 2024-11-20 to 2026-11-20". */
function PriceSources({ sources }: { sources: PriceSource[] }) {
  return (
    <>
      <dt>Price sources</dt>
      <dd data-testid="price-sources">
        {sources.map((s, i) => (
          <span key={s.dataSource}>
            {i > 0 && '; '}
            <code>{s.dataSource}</code>: {fmt.format(s.symbols)} symbol{s.symbols === 1 ? '' : 's'}, {s.firstDate} to {s.lastDate}
          </span>
        ))}
      </dd>
    </>
  );
}

/** The batch row: progress of a run in progress, else the stored results and the last run. */
function BatchRow({ batch }: { batch: NonNullable<SystemStatus['batch']> }) {
  const { running, lastRun, results } = batch;
  return (
    <>
      <dt>Risk results</dt>
      <dd data-testid="batch-status">
        {running ? (
          <RunProgress running={running} />
        ) : results.latestDate ? (
          <>
            {fmt.format(results.portfolios)} portfolio{results.portfolios === 1 ? '' : 's'} through {results.latestDate},{' '}
            {fmt.format(results.days)} trading day{results.days === 1 ? '' : 's'} of history
          </>
        ) : (
          <span className="muted">None yet: the batch has not run</span>
        )}
        {!running && lastRun && (
          <span className="muted">
            {' '}
            (last run: {batchKindLabel(lastRun.kind)}, {lastRun.status}
            {lastRun.error && `: ${lastRun.error}`})
          </span>
        )}
      </dd>
    </>
  );
}

export function StatusPage() {
  const [status, setStatus] = useState<SystemStatus | null>(null);
  const [ready, setReady] = useState<Readiness | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const since = Date.now();
    const load = () =>
      Promise.all([fetchStatus(), fetchReadiness()])
        .then(([s, r]) => {
          if (stopped) return;
          setStatus(s);
          setReady(r);
          setError(null);
          // Following a run's progress, or waiting for the first start's (batchPollDelay).
          timer = setTimeout(load, batchPollDelay(Boolean(s.batch?.running), Boolean(s.batch?.lastRun), since));
        })
        .catch((e: Error) => {
          if (stopped) return;
          setError(e.message);
          // A server restarting answers again soon.
          timer = setTimeout(load, 5000);
        });
    void load();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, []);

  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <span className="logo" aria-hidden="true">Σ</span>
          <span className="name">SigmaSight</span>
        </div>
        <span className="tagline">Portfolio risk for long/short books with options</span>
        {status && <span className="version">v{status.version}</span>}
        <Link className="topbar-link status-signin" to="/">Sign in</Link>
      </header>
      <main className="content">
        <section className="card" aria-labelledby="status-title">
          <h1 id="status-title">System status</h1>
          {error && <p className="error" role="alert">Could not reach the server: {error}</p>}
          {!error && !status && <p className="muted">Loading…</p>}
          {status?.data.prices.synthetic && (
            <p className="notice" role="note" data-testid="synthetic-notice">
              Synthetic demo prices: the prices, and every count and date derived from them, come from the made-up demo market, not
              from market data.
            </p>
          )}
          {status && ready && (
            <dl className="facts" data-testid="system-status">
              <dt>Server</dt>
              <dd>
                <span className={ready.status === 'ready' ? 'pill ok' : 'pill bad'}>{ready.status === 'ready' ? 'Ready' : 'Not ready'}</span>
                {ready.reason && <span className="muted"> {ready.reason}</span>}
              </dd>
              <dt>Database</dt>
              <dd>{ENGINE_LABEL[status.engine]}</dd>
              <dt>Schema</dt>
              <dd>
                {status.migrations.applied} migrations applied
                {status.migrations.pending > 0 && `, ${status.migrations.pending} pending`}
              </dd>
              <dt>Users</dt>
              <dd>
                {fmt.format(status.data.users)} ({fmt.format(status.data.demoUsers)} demo)
              </dd>
              <dt>Portfolios</dt>
              <dd>{fmt.format(status.data.portfolios)}</dd>
              <dt>Open positions</dt>
              <dd>{fmt.format(status.data.positions)}</dd>
              <dt>Market data</dt>
              <dd>
                {fmt.format(status.data.prices.bars)} daily bars for {fmt.format(status.data.prices.symbols)} symbols
                {status.data.prices.firstDate && `, ${status.data.prices.firstDate} to ${status.data.prices.lastDate}`}
                {status.data.prices.synthetic && (
                  <>
                    {' '}
                    <span className="pill synthetic" data-testid="synthetic-prices" title="Made-up prices of the demo market, not market data">
                      Synthetic demo prices
                    </span>
                  </>
                )}
              </dd>
              {status.data.prices.sources.length > 0 && <PriceSources sources={status.data.prices.sources} />}
              {status.freshness && <Freshness label="Prices" data={status.freshness.prices} />}
              {status.freshness && <Freshness label="Factor betas" data={status.freshness.factors} />}
              {status.batch && <BatchRow batch={status.batch} />}
              {status.freshness?.historical?.description && (
                <>
                  <dt>Data set</dt>
                  <dd>{status.freshness.historical.description}</dd>
                </>
              )}
            </dl>
          )}
        </section>
        {status && (
          <section className="card" aria-labelledby="demo-title">
            <h2 id="demo-title">Demo accounts</h2>
            {status.demoAccounts.length === 0 ? (
              <p className="muted">
                No demo accounts in this database. <code>npx sigmasight demo seed</code> writes them.
              </p>
            ) : (
              <>
                <p className="muted">
                  Password for each: <code>demo123</code>
                </p>
                <ul className="logins" data-testid="demo-accounts">
                  {status.demoAccounts.map((d) => (
                    <li key={d.username}>
                      <code>{d.username}</code>
                      <span>
                        {d.portfolios.map((p) => `${p.name}: ${fmt.format(p.positions)} positions`).join('; ') || 'no portfolio'}
                      </span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        )}
      </main>
    </div>
  );
}
