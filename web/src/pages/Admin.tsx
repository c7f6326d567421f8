import { useEffect, useState, type FormEvent } from 'react';
import { api, ok, type Json } from '../api';
import type { paths } from '../api-types';
import { Card, Empty, Loaded, Loading, messageOf, useLoad } from '../components/ui';
import { count, DASH } from '../format';
import './admin.css';

type Run = Json<'/api/v1/admin/batch/runs', 'get'>['items'][number];
type RunDetail = Json<'/api/v1/admin/batch/runs/{id}', 'get'>;
type Step = RunDetail['steps'][number];
type Job = Json<'/api/v1/admin/jobs/{id}', 'get'>;
type Kind = NonNullable<paths['/api/v1/admin/batch/runs']['post']['requestBody']>['content']['application/json']['kind'];

const KINDS: { kind: Kind; label: string }[] = [
  { kind: 'market_data_update', label: 'Market data update (then refresh every portfolio)' },
  { kind: 'calculate_risk_metrics', label: 'Calculate risk metrics' },
  { kind: 'create_daily_snapshot', label: 'Create daily snapshots' },
];
/** Job states after which nothing more happens. */
const FINAL_JOB_STATES = new Set(['completed', 'failed', 'cancelled']);
const POLL_MS = 1500;

/** 2026-11-20 14:03:09 from an ISO time. */
const when = (iso: string | null | undefined) => (iso ? iso.slice(0, 19).replace('T', ' ') : DASH);
/** How long from start to end (or now). */
function duration(start: string | null, end: string | null): string {
  if (!start) return DASH;
  const ms = (end ? Date.parse(end) : Date.now()) - Date.parse(start);
  if (!Number.isFinite(ms) || ms < 0) return DASH;
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

function pillOf(status: string): string {
  if (['completed', 'ok', 'active', 'success'].includes(status)) return 'ok';
  if (['failed', 'error', 'critical', 'cancelled', 'delisted'].includes(status)) return 'bad';
  if (['running', 'processing'].includes(status)) return 'info';
  return 'warn';
}
function StatusPill({ status, testId }: { status: string; testId?: string }) {
  return <span className={`pill ${pillOf(status)}`} data-testid={testId}>{status}</span>;
}

/** A run's progress from its metadata (done of total days), if it records one. */
function progressOf(metadata: Record<string, unknown> | null): { done: number; total: number; current: string | null; note: string | null } | null {
  const done = metadata?.['done'], total = metadata?.['total'];
  if (typeof done !== 'number' || typeof total !== 'number') return null;
  const current = metadata?.['current'], note = metadata?.['note'];
  return { done, total, current: typeof current === 'string' ? current : null, note: typeof note === 'string' ? note : null };
}
function Progress({ metadata }: { metadata: Record<string, unknown> | null }) {
  const p = progressOf(metadata);
  if (!p) return <span className="muted">{DASH}</span>;
  return (
    <span className="progress-cell">
      <progress max={Math.max(p.total, 1)} value={p.done} aria-label={`${p.done} of ${p.total} done`} />
      <span>{count(p.done)} / {count(p.total)}{p.current ? ` · ${p.current}` : ''}</span>
    </span>
  );
}

interface DatasetFreshness { latestDate: string | null; expectedDate: string; tradingDaysBehind: number | null; level: string }
interface DataFreshness { expectedDate: string; prices: DatasetFreshness; factors: DatasetFreshness; level: string; historical: { endDate: string; description: string | null } | null }

function Freshness() {
  const state = useLoad(async () => (await ok(api.GET('/api/v1/admin/freshness'))) as unknown as DataFreshness, []);
  return (
    <Card title="Data freshness" actions={<button type="button" className="secondary" onClick={state.reload}>Refresh</button>}>
      <Loaded state={state} what="Loading the freshness">
        {(f) => !f.prices || !f.factors ? <Empty>The server reported no freshness.</Empty> : (
          <div data-testid="freshness">
            <p className="muted freshness-head">
              Overall <StatusPill status={f.level} />{' '}
              {f.historical ? <>historical data set ending <strong>{f.historical.endDate}</strong>{f.historical.description ? `: ${f.historical.description}` : ''}</> : <>expected through <strong>{f.expectedDate}</strong> (the last completed session)</>}
            </p>
            <div className="table-wrap">
              <table>
                <thead><tr><th scope="col">Dataset</th><th scope="col" className="text">Latest</th><th scope="col" className="text">Expected</th><th scope="col">Trading days behind</th><th scope="col" className="text">Level</th></tr></thead>
                <tbody>
                  {([['Prices', f.prices], ['Factor betas', f.factors]] as const).map(([label, d]) => (
                    <tr key={label}>
                      <td className="text">{label}</td>
                      <td className="text">{d.latestDate ?? 'no data'}</td>
                      <td className="text">{d.expectedDate}</td>
                      <td>{d.tradingDaysBehind === null ? DASH : count(d.tradingDaysBehind)}</td>
                      <td className="text"><StatusPill status={d.level} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        )}
      </Loaded>
    </Card>
  );
}

/** Starts a batch run and follows its job (and the batch run it records) until it ends. */
function StartRun({ onChange }: { onChange: () => void }) {
  const [kind, setKind] = useState<Kind>('calculate_risk_metrics');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [started, setStarted] = useState<{ job_id: string; kind: Kind; queued: boolean } | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [run, setRun] = useState<RunDetail | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);

  async function start(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const s = await ok(api.POST('/api/v1/admin/batch/runs', { body: { kind } }));
      setStarted(s);
      setJob(null);
      setRun(null);
      setPollError(null);
      onChange();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  // Polls the job every POLL_MS until it reaches a final state, with its batch run's progress.
  const jobId = started?.job_id;
  useEffect(() => {
    if (!jobId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastState = '';
    const tick = async () => {
      try {
        const j = await ok(api.GET('/api/v1/admin/jobs/{id}', { params: { path: { id: jobId } } }));
        if (stopped) return;
        setJob(j);
        setPollError(null);
        let r: RunDetail | null = null;
        if (j.batch_run_id) {
          r = await ok(api.GET('/api/v1/admin/batch/runs/{id}', { params: { path: { id: j.batch_run_id } } }));
          if (stopped) return;
          setRun(r);
        }
        // The lists below follow the job: refreshed when its state or its run's progress changes.
        const p = r ? progressOf(r.metadata) : null;
        const key = `${j.state} ${r?.id ?? ''} ${r?.status ?? ''} ${p?.done ?? ''}`;
        if (key !== lastState) {
          lastState = key;
          onChange();
        }
        if (FINAL_JOB_STATES.has(j.state)) return;
      } catch (err) {
        if (stopped) return;
        setPollError(messageOf(err));
      }
      timer = setTimeout(() => void tick(), POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jobId]);

  const following = started && (!job || !FINAL_JOB_STATES.has(job.state));
  return (
    <Card title="Start a run">
      <form className="form inline" onSubmit={start} aria-label="Start a batch run">
        <label>Kind
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} data-testid="run-kind">
            {KINDS.map((k) => <option key={k.kind} value={k.kind}>{k.label}</option>)}
          </select>
        </label>
        <button type="submit" disabled={busy} data-testid="start-run">{busy ? 'Starting…' : 'Start'}</button>
      </form>
      {error && <p className="error" role="alert" data-testid="start-error">Could not start the run: {error}</p>}
      {started && (
        <div className="job" data-testid="job" aria-live="polite">
          <p className="job-head">
            <code>{started.kind}</code>{' '}
            {started.queued ? 'queued as job' : 'was already waiting or running: following job'} <code className="job-id" data-testid="job-id">{started.job_id}</code>
          </p>
          {!job && !pollError && <Loading what="Reading the job" />}
          {pollError && <p className="error" role="alert">Could not read the job: {pollError} (trying again)</p>}
          {job && (
            <dl className="facts">
              <dt>State</dt>
              <dd>
                <StatusPill status={job.state} testId="job-state" />
                {following && <span className="muted"> · checking every {POLL_MS / 1000} s</span>}
                {job.state === 'created' && <span className="muted"> · waiting for a worker to pick it up</span>}
              </dd>
              <dt>Queue</dt><dd>{job.queue}</dd>
              <dt>Attempts</dt><dd>{count(job.attempts)} of {count(job.retry_limit + 1)}</dd>
              <dt>Created</dt><dd>{when(job.created_at)}</dd>
              <dt>Started</dt><dd>{when(job.started_at)}</dd>
              <dt>Completed</dt><dd>{when(job.completed_at)}</dd>
              <dt>Batch run</dt>
              <dd>
                {run ? (
                  <span className="run-progress" data-testid="job-run">
                    <StatusPill status={run.status} /> <Progress metadata={run.metadata} />
                  </span>
                ) : <span className="muted">none recorded yet</span>}
              </dd>
              {job.state === 'failed' && job.output !== null && job.output !== undefined && (
                <>
                  <dt>Error</dt><dd className="error">{typeof job.output === 'object' && job.output && 'message' in job.output ? String((job.output as { message: unknown }).message) : JSON.stringify(job.output)}</dd>
                </>
              )}
            </dl>
          )}
        </div>
      )}
    </Card>
  );
}

function Steps({ steps }: { steps: Step[] }) {
  if (steps.length === 0) return <Empty>This run recorded no steps.</Empty>;
  return (
    <div className="table-wrap steps">
      <table data-testid="run-steps">
        <thead><tr><th scope="col">Step</th><th scope="col" className="text">Date</th><th scope="col" className="text">Status</th><th scope="col">Records</th><th scope="col" className="text">Started</th><th scope="col">Duration</th><th scope="col" className="text">Portfolio</th><th scope="col" className="text">Error</th></tr></thead>
        <tbody>
          {steps.map((s) => (
            <tr key={s.id}>
              <td className="text">{s.type}</td>
              <td className="text">{s.date}</td>
              <td className="text"><StatusPill status={s.status} /></td>
              <td>{count(s.records)}</td>
              <td className="text">{when(s.started_at)}</td>
              <td>{duration(s.started_at, s.ended_at)}</td>
              <td className="text mono">{s.portfolio_id ? s.portfolio_id.slice(0, 8) : DASH}</td>
              <td className="text wrap error">{s.error ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RunDetailView({ id, onClose }: { id: string; onClose: () => void }) {
  const state = useLoad(() => ok(api.GET('/api/v1/admin/batch/runs/{id}', { params: { path: { id } } })), [id]);
  return (
    <Card title={state.data ? `Run: ${state.data.name}` : 'Run'} actions={<><button type="button" className="secondary" onClick={state.reload}>Refresh</button><button type="button" className="secondary" onClick={onClose}>Close</button></>}>
      <Loaded state={state} what="Loading the run">
        {(r) => (
          <div data-testid="run-detail">
            <dl className="facts">
              <dt>Status</dt><dd><StatusPill status={r.status} /></dd>
              <dt>Type</dt><dd>{r.type}</dd>
              <dt>Started</dt><dd>{when(r.started_at)}</dd>
              <dt>Completed</dt><dd>{when(r.completed_at)} ({duration(r.started_at, r.completed_at)})</dd>
              <dt>Progress</dt><dd><Progress metadata={r.metadata} /></dd>
              {r.error && <><dt>Error</dt><dd className="error">{r.error}</dd></>}
            </dl>
            <h3>Audit log ({count(r.steps.length)} steps)</h3>
            <Steps steps={r.steps} />
          </div>
        )}
      </Loaded>
    </Card>
  );
}

function Runs({ tick, open, onOpen }: { tick: number; open: string | null; onOpen: (id: string) => void }) {
  const [extra, setExtra] = useState<{ items: Run[]; next: string | null } | null>(null);
  const [moreError, setMoreError] = useState<string | null>(null);
  const state = useLoad(() => ok(api.GET('/api/v1/admin/batch/runs', { params: { query: { limit: 20 } } })), [tick]);
  useEffect(() => setExtra(null), [tick]);
  async function more(cursor: string) {
    try {
      const page = await ok(api.GET('/api/v1/admin/batch/runs', { params: { query: { limit: 20, cursor } } }));
      setExtra((e) => ({ items: [...(e?.items ?? []), ...page.items], next: page.next_cursor }));
      setMoreError(null);
    } catch (err) {
      setMoreError(messageOf(err));
    }
  }
  return (
    <Card title="Batch runs" actions={<button type="button" className="secondary" onClick={state.reload}>Refresh</button>}>
      <Loaded state={state} what="Loading the batch runs">
        {(page) => {
          const items = [...page.items, ...(extra?.items ?? [])];
          const next = extra ? extra.next : page.next_cursor;
          if (items.length === 0) return <Empty>No batch runs yet.</Empty>;
          return (
            <>
              <p className="muted hint">Choose a run to read its audit log, step by step.</p>
              <div className="table-wrap">
                <table data-testid="runs">
                  <thead><tr><th scope="col">Run</th><th scope="col" className="text">Type</th><th scope="col" className="text">Status</th><th scope="col" className="text">Progress</th><th scope="col" className="text">Started</th><th scope="col">Duration</th><th scope="col" className="text">Error</th></tr></thead>
                  <tbody>
                    {items.map((r) => (
                      <tr key={r.id} className={r.id === open ? 'selected' : ''}>
                        <td className="text"><button type="button" className="link" onClick={() => onOpen(r.id)} aria-label={`Steps of ${r.name}`} aria-pressed={r.id === open}>{r.name}</button></td>
                        <td className="text">{r.type}</td>
                        <td className="text"><StatusPill status={r.status} /></td>
                        <td className="text"><Progress metadata={r.metadata} /></td>
                        <td className="text">{when(r.started_at ?? r.created_at)}</td>
                        <td>{duration(r.started_at, r.completed_at)}</td>
                        <td className="text wrap error">{r.error ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {next && <button type="button" className="link more" onClick={() => void more(next)}>Load older runs</button>}
              {moreError && <p className="error" role="alert">{moreError}</p>}
            </>
          );
        }}
      </Loaded>
    </Card>
  );
}

function Failures({ tick }: { tick: number }) {
  const state = useLoad(() => ok(api.GET('/api/v1/admin/batch/failures', { params: { query: { limit: 50 } } })), [tick]);
  return (
    <Card title="Failures" actions={<button type="button" className="secondary" onClick={state.reload}>Refresh</button>}>
      <Loaded state={state} what="Loading the failures">
        {(f) => (f.items.length === 0 ? <Empty>No failed steps.</Empty> : <div data-testid="failures"><Steps steps={f.items} /></div>)}
      </Loaded>
    </Card>
  );
}

const JOB_STATES = ['created', 'retry', 'active', 'completed', 'failed', 'cancelled'];
function JobQueues({ tick }: { tick: number }) {
  const state = useLoad(() => ok(api.GET('/api/v1/admin/jobs')), [tick]);
  return (
    <Card title="Job queues" actions={<button type="button" className="secondary" onClick={state.reload}>Refresh</button>}>
      <Loaded state={state} what="Loading the job queues">
        {(q) => {
          if (q.items.length === 0) return <Empty>No jobs in the queue yet.</Empty>;
          const states = [...new Set([...JOB_STATES, ...q.items.flatMap((i) => Object.keys(i.states))])];
          return (
            <div className="table-wrap">
              <table data-testid="job-queues">
                <thead><tr><th scope="col">Queue</th>{states.map((s) => <th key={s} scope="col">{s}</th>)}</tr></thead>
                <tbody>
                  {q.items.map((i) => (
                    <tr key={i.queue}>
                      <td className="text">{i.queue}</td>
                      {states.map((s) => <td key={s} className={s === 'failed' && (i.states[s] ?? 0) > 0 ? 'neg' : ''}>{count(i.states[s] ?? 0)}</td>)}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        }}
      </Loaded>
    </Card>
  );
}

function Onboarding({ tick }: { tick: number }) {
  const state = useLoad(() => ok(api.GET('/api/v1/admin/onboarding', { params: { query: { limit: 100 } } })), [tick]);
  return (
    <Card title="Symbol onboarding" actions={<button type="button" className="secondary" onClick={state.reload}>Refresh</button>}>
      <Loaded state={state} what="Loading the onboarding queue">
        {(o) => (
          <div data-testid="onboarding">
            <p className="counts">
              {['pending', 'processing', 'completed', 'failed'].map((s) => <span key={s}><StatusPill status={s} /> {count(o.counts[s] ?? 0)}</span>)}
            </p>
            {o.items.length === 0 ? <Empty>Nothing waiting: every requested symbol is onboarded.</Empty> : (
              <div className="table-wrap">
                <table>
                  <thead><tr><th scope="col">Symbol</th><th scope="col" className="text">Status</th><th scope="col" className="text">Priority</th><th scope="col">Attempts</th><th scope="col" className="text">Next attempt</th><th scope="col" className="text">Error</th></tr></thead>
                  <tbody>
                    {o.items.map((i) => (
                      <tr key={i.id}>
                        <td className="text">{i.symbol}</td>
                        <td className="text"><StatusPill status={i.status} /></td>
                        <td className="text">{i.priority}</td>
                        <td>{count(i.attempts)} / {count(i.max_attempts)}</td>
                        <td className="text">{when(i.next_attempt_at)}</td>
                        <td className="text wrap error">{i.error ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        )}
      </Loaded>
    </Card>
  );
}

function Symbols({ tick }: { tick: number }) {
  const state = useLoad(() => ok(api.GET('/api/v1/admin/symbols', { params: { query: { limit: 200 } } })), [tick]);
  return (
    <Card title="Symbols in error" actions={<button type="button" className="secondary" onClick={state.reload}>Refresh</button>}>
      <Loaded state={state} what="Loading the symbols">
        {(s) => (s.items.length === 0 ? <Empty>No symbol in error or failing.</Empty> : (
          <div className="table-wrap">
            <table data-testid="symbols">
              <thead><tr><th scope="col">Symbol</th><th scope="col" className="text">Status</th><th scope="col">Failures</th><th scope="col" className="text">Type</th><th scope="col" className="text">Last price</th><th scope="col" className="text">Last factors</th><th scope="col" className="text">Reason</th></tr></thead>
              <tbody>
                {s.items.map((u) => (
                  <tr key={u.symbol}>
                    <td className="text">{u.symbol}</td>
                    <td className="text"><StatusPill status={u.status} /></td>
                    <td>{count(u.consecutive_failures)}</td>
                    <td className="text">{u.asset_type}</td>
                    <td className="text">{u.last_price_date ?? DASH}</td>
                    <td className="text">{u.last_factor_date ?? DASH}</td>
                    <td className="text wrap">{u.reason ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </Loaded>
    </Card>
  );
}

/** Operations, for administrators: batch runs and their audit log, failures, queues, data freshness. */
export function AdminPage() {
  const [tick, setTick] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  const refresh = () => setTick((t) => t + 1);
  return (
    <div className="stack admin">
      <div className="page-head">
        <h1>Admin</h1>
        <p className="muted">The batch, its queues and the market data.</p>
      </div>
      <div className="grid-2">
        <StartRun onChange={refresh} />
        <Freshness />
      </div>
      <Runs tick={tick} open={open} onOpen={(id) => setOpen((o) => (o === id ? null : id))} />
      {open && <RunDetailView key={open + tick} id={open} onClose={() => setOpen(null)} />}
      <div className="grid-2">
        <JobQueues tick={tick} />
        <Onboarding tick={tick} />
      </div>
      <Failures tick={tick} />
      <Symbols tick={tick} />
    </div>
  );
}

