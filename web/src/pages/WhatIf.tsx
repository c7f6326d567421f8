import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { api, ApiFailure, download, ok, type Json } from '../api';
import { Chart } from '../components/Chart';
import { Card, Empty, ErrorState, Loaded, Loading, messageOf, Stat, useLoad } from '../components/ui';
import { count, DASH, money, moneyShort, num, pct, tone } from '../format';
import { usePortfolios } from '../portfolio';
import './what-if.css';

type Session = Json<'/api/v1/what-if/{sessionId}', 'get'>;
type Summary = Session['before'];
type Trade = Session['trades'][number];
type SessionItem = Json<'/api/v1/what-if', 'get'>['items'][number];
type Completed = Json<'/api/v1/what-if/{sessionId}/complete', 'post'>;
type Fmt = (v: number | null | undefined) => string;

/** A figure of the difference object (after - before, from the API) at `path`, if it is a number. */
function diffAt(diff: unknown, ...path: string[]): number | null {
  let v: unknown = diff;
  for (const k of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return typeof v === 'number' ? v : null;
}

const isMissing = (v: number | null | undefined): v is null | undefined => v === null || v === undefined || !Number.isFinite(v);
const plus = (v: number | null | undefined, s: string) => (!isMissing(v) && v > 0 ? `+${s}` : s);
/** How a figure shows, and how its difference shows (signed); differences below `zero` show as no change. */
interface Format { show: Fmt; delta: Fmt; zero: number }
const F = {
  money: { show: (v) => money(v), delta: (v) => money(v, { signed: true }), zero: 0.5 },
  pct: { show: (v) => pct(v), delta: (v) => pct(v, { signed: true }), zero: 0.00005 },
  count: { show: (v) => count(v), delta: (v) => plus(v, count(v)), zero: 0.005 },
  num: { show: (v) => num(v), delta: (v) => plus(v, num(v)), zero: 0.005 },
  num3: { show: (v) => num(v, 3), delta: (v) => plus(v, num(v, 3)), zero: 0.0005 },
} satisfies Record<string, Format>;
/** A difference too small to show is shown as 0, uncolored. */
const shownDelta = (v: number | null, fmt: Format): number | null => (v !== null && Math.abs(v) < fmt.zero ? 0 : v);

/** Green for better, red for worse: a rise is worse for a loss measure (VaR, CVaR). */
const toneOf = (d: number | null, worseUp?: boolean) => tone(d === null ? null : worseUp ? -d : d);

/** A difference inline: signed, colored by whether it is better or worse. */
function Delta({ v, fmt, worseUp }: { v: number | null; fmt: Format; worseUp?: boolean }) {
  const d = shownDelta(v, fmt);
  return <span className={toneOf(d, worseUp)}>{fmt.delta(d)}</span>;
}

/** One difference cell: signed, colored by whether it is better or worse. */
function DiffCell({ v, fmt, testId, worseUp }: { v: number | null; fmt: Format; testId?: string; worseUp?: boolean }) {
  const d = shownDelta(v, fmt);
  return <td className={`diff ${toneOf(d, worseUp)}`} data-testid={testId}>{fmt.delta(d)}</td>;
}

/** The before value under the after one, on a phone (where the Before column is hidden). */
function Was({ children }: { children: ReactNode }) {
  return <span className="was" aria-hidden="true">was {children}</span>;
}

interface Row { label: ReactNode; before: number | null | undefined; after: number | null | undefined; diff: number | null; fmt: Format; testId?: string }

/** Scalar figures before, after and their difference. */
function MetricsTable({ rows, caption }: { rows: Row[]; caption: string }) {
  return (
    <div className="table-wrap">
      <table className="diff-table">
        <caption className="sr-only">{caption}</caption>
        <thead><tr><th scope="col">Metric</th><th scope="col" className="col-before">Before</th><th scope="col">After</th><th scope="col">Difference</th></tr></thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <th scope="row" className="text">{r.label}</th>
              <td className="col-before">{r.fmt.show(r.before)}</td>
              <td>{r.fmt.show(r.after)}<Was>{r.fmt.show(r.before)}</Was></td>
              <DiffCell v={r.diff} fmt={r.fmt} testId={r.testId} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface Measure { key: string; label: string; fmt: Format; worseUp?: boolean }

/**
 * Keyed figures (by sector, tag, factor, scenario…) before, after and difference. With more than
 * two measures a toggle picks the one shown; rows sort by the size of the change, then of the value.
 */
function KeyedTable({ title, keyLabel, before, after, diff, measures, labelOf, testId, order }: {
  title: string; keyLabel: string; before: Record<string, unknown>; after: Record<string, unknown>; diff: unknown; measures: Measure[];
  labelOf?: (key: string) => ReactNode; testId?: string; order?: (a: string, b: string) => number;
}) {
  const [picked, setPicked] = useState(measures[0]!.key);
  const [changedOnly, setChangedOnly] = useState(false);
  const shown = measures.length > 2 ? measures.filter((m) => m.key === picked) : measures;
  const value = (rec: Record<string, unknown>, k: string, m: string): number | null => diffAt(rec, k, m);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const first = shown[0]!.key;
  const changed = (k: string) => shown.some((m) => Math.abs(diffAt(diff, k, m.key) ?? 0) >= m.fmt.zero);
  const rows = keys.filter((k) => !changedOnly || changed(k)).sort(order ?? ((a, b) => {
    const d = Math.abs(diffAt(diff, b, first) ?? 0) - Math.abs(diffAt(diff, a, first) ?? 0);
    return d !== 0 ? d : Math.abs(value(after, b, first) ?? value(before, b, first) ?? 0) - Math.abs(value(after, a, first) ?? value(before, a, first) ?? 0);
  }));
  return (
    <Card
      title={title}
      actions={
        <>
          {measures.length > 2 && (
            <div className="toggle" role="group" aria-label={`${title}: measure`}>
              {measures.map((m) => <button key={m.key} type="button" className={m.key === picked ? 'on' : ''} aria-pressed={m.key === picked} onClick={() => setPicked(m.key)}>{m.label}</button>)}
            </div>
          )}
          {keys.length > 6 && (
            <label className="check"><input type="checkbox" checked={changedOnly} onChange={(e) => setChangedOnly(e.target.checked)} /> Changed only</label>
          )}
        </>
      }
    >
      {keys.length === 0 ? <Empty>None in this portfolio.</Empty> : rows.length === 0 ? <Empty>No change.</Empty> : (
        <div className={`table-wrap${rows.length > 20 ? ' tall' : ''}`} data-testid={testId}>
          <table className="diff-table">
            <caption className="sr-only">{title}</caption>
            <thead>
              {shown.length > 1 && (
                <tr className="group-row">
                  <td />
                  {shown.map((m) => <th key={m.key} scope="colgroup" colSpan={3} className="group">{m.label}</th>)}
                </tr>
              )}
              <tr>
                <th scope="col">{keyLabel}</th>
                {shown.map((m) => {
                  const prefix = shown.length > 1 ? <span className="phone-only">{m.label} </span> : null;
                  return [
                    <th key={m.key + 'b'} scope="col" className="col-before">Before</th>, <th key={m.key + 'a'} scope="col">{prefix}After</th>, <th key={m.key + 'd'} scope="col">{prefix}Difference</th>,
                  ];
                })}
              </tr>
            </thead>
            <tbody>
              {rows.map((k) => (
                <tr key={k}>
                  <th scope="row" className="text">{labelOf ? labelOf(k) : k}</th>
                  {shown.map((m) => [
                    <td key={m.key + 'b'} className="col-before">{k in before ? m.fmt.show(value(before, k, m.key)) : DASH}</td>,
                    <td key={m.key + 'a'}>{k in after ? m.fmt.show(value(after, k, m.key)) : DASH}<Was>{k in before ? m.fmt.show(value(before, k, m.key)) : DASH}</Was></td>,
                    <DiffCell key={m.key + 'd'} v={diffAt(diff, k, m.key)} fmt={m.fmt} worseUp={m.worseUp} />,
                  ])}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

const EXPOSURE_MEASURES: Measure[] = [
  { key: 'net', label: 'Net', fmt: F.money }, { key: 'gross', label: 'Gross', fmt: F.money }, { key: 'long', label: 'Long', fmt: F.money },
  { key: 'short', label: 'Short', fmt: F.money }, { key: 'delta_adjusted', label: 'Delta-adj.', fmt: F.money }, { key: 'positions', label: 'Positions', fmt: F.count },
];
const METHOD_ORDER = ['historical', 'parametric', 'gaussian', 'modified', 'cornish_fisher', 'monte_carlo'];

/** "historical 0.95 1d" → its parts. */
function varKey(k: string): { method: string; confidence: number; horizon: number } {
  const [method = k, c = '0', h = '0'] = k.split(' ');
  return { method, confidence: Number(c), horizon: Number.parseInt(h, 10) };
}
function varLabel(k: string): string {
  const { method, confidence, horizon } = varKey(k);
  return `${method.replace(/_/g, ' ')} ${pct(confidence, { digits: 0 })} ${horizon}d`;
}
/** "95% 1d" of a VaR key. */
const shortVar = (k: string) => { const { confidence, horizon } = varKey(k); return `${pct(confidence, { digits: 0 })} ${horizon}d`; };
function varOrder(a: string, b: string): number {
  const x = varKey(a), y = varKey(b);
  const mi = (m: string) => (METHOD_ORDER.indexOf(m) < 0 ? 99 : METHOD_ORDER.indexOf(m));
  return mi(x.method) - mi(y.method) || x.method.localeCompare(y.method) || x.confidence - y.confidence || x.horizon - y.horizon;
}
/** The headline VaR: historical 95% 1 day when there, else the first key. */
function mainVarKey(s: Summary): string | null {
  const keys = Object.keys(s.var).sort(varOrder);
  return keys.find((k) => k.startsWith('historical 0.95 1d')) ?? keys[0] ?? null;
}

/** The main changes in dollars, as bars. */
function DeltaChart({ session }: { session: Session }) {
  const d = session.difference;
  const vk = mainVarKey(session.after) ?? mainVarKey(session.before);
  const bars: [string, number | null][] = [
    ['Net exposure', diffAt(d, 'exposures', 'net')],
    ['Gross exposure', diffAt(d, 'exposures', 'gross')],
    ['Delta-adj. exposure', diffAt(d, 'exposures', 'delta_adjusted')],
    ['Delta $', diffAt(d, 'greeks', 'delta_dollars')],
    ['Vega / vol pt', diffAt(d, 'greeks', 'vega_per_vol_point')],
    ...(vk ? [[`VaR ${shortVar(vk)}`, diffAt(d, 'var', vk, 'var')], [`CVaR ${shortVar(vk)}`, diffAt(d, 'var', vk, 'cvar')]] as [string, number | null][] : []),
  ];
  const option = useMemo(() => ({
    tooltip: { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const }, valueFormatter: (v: unknown) => money(v as number, { signed: true }) },
    grid: { left: 16, right: 24, top: 10, bottom: 24, containLabel: true },
    xAxis: { type: 'value' as const, axisLabel: { formatter: (v: number) => moneyShort(v) } },
    yAxis: { type: 'category' as const, inverse: true, data: bars.map((b) => b[0]), axisLabel: { color: '#cbd5e1' } },
    series: [{ type: 'bar' as const, data: bars.map(([, v]) => ({ value: v ?? 0, itemStyle: { color: (v ?? 0) >= 0 ? '#22c55e' : '#ef4444' } })), barMaxWidth: 22 }],
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }), [JSON.stringify(bars)]);
  return <Chart option={option} height={260} label={`Main changes: ${bars.map(([l, v]) => `${l} ${money(v, { signed: true })}`).join(', ')}`} />;
}

/** The field an API error names, without the "body." prefix. */
const fieldName = (f: string) => f.replace(/^body\.?/, '') || 'request';

/** An API error next to a form, each field it names with its message. */
function FormError({ error, testId }: { error: unknown; testId: string }) {
  if (!error) return null;
  const details = error instanceof ApiFailure ? error.details : [];
  return (
    <div className="form-error" role="alert" data-testid={testId}>
      <p>{messageOf(error)}</p>
      {details.length > 0 && (
        <ul>{details.map((d, i) => <li key={i}><strong>{fieldName(d.field)}</strong> {d.message}</li>)}</ul>
      )}
    </div>
  );
}
const fieldsOf = (error: unknown): Set<string> => new Set(error instanceof ApiFailure ? error.details.map((d) => fieldName(d.field)) : []);

function StatusPill({ status }: { status: string }) {
  const cls = status === 'active' ? 'info' : status === 'completed' ? 'ok' : status === 'cancelled' ? 'warn' : 'bad';
  return <span className={`pill ${cls}`} data-testid="session-status">{status}</span>;
}

/** The session list and a form to open a new one. */
function Sessions({ portfolioId, items, selected, onPick, onOpened }: { portfolioId: string; items: SessionItem[]; selected: string | null; onPick: (id: string) => void; onOpened: (s: Session) => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function open(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      const openOnce = () => ok(api.POST('/api/v1/portfolios/{id}/what-if', { params: { path: { id: portfolioId } }, body: name.trim() ? { name: name.trim() } : {} }));
      let s: Session | undefined;
      // Right after an edit the stored results are being refreshed (409 for a few seconds): wait for them.
      for (let attempt = 0; !s; attempt++) {
        try {
          s = await openOnce();
        } catch (err) {
          if (!(err instanceof ApiFailure && err.status === 409 && /being refreshed/.test(err.message)) || attempt >= 10) throw err;
          setError(new Error('The portfolio changed a moment ago: waiting for its results to be refreshed…'));
          await new Promise((r) => setTimeout(r, 1500));
        }
      }
      setName('');
      setError(null);
      onOpened(s);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title="Sessions">
      <form className="form inline" onSubmit={open} aria-label="Open a new session">
        <label>New session name <input value={name} onChange={(e) => setName(e.target.value)} maxLength={255} placeholder="e.g. Trim tech, add hedges" data-testid="new-session-name" /></label>
        <button type="submit" disabled={busy} data-testid="open-session">Open a session</button>
      </form>
      <FormError error={error} testId="open-session-error" />
      {items.length === 0 ? <Empty>No sessions on this portfolio yet: open one to try trades before making them.</Empty> : (
        <div className="table-wrap session-list">
          <table data-testid="session-list">
            <thead><tr><th scope="col">Name</th><th scope="col" className="text">Status</th><th scope="col">Trades</th><th scope="col" className="text">Updated</th><th scope="col"><span className="sr-only">Open</span></th></tr></thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id} className={s.id === selected ? 'selected' : ''}>
                  <td className="text name-cell">{s.name}</td>
                  <td className="text"><span className={`pill ${s.status === 'active' ? 'info' : s.status === 'completed' ? 'ok' : 'warn'}`}>{s.status}</span></td>
                  <td>{count(s.trades)}</td>
                  <td className="text">{s.updated_at.slice(0, 16).replace('T', ' ')}</td>
                  <td>
                    {s.id === selected ? <span className="muted">Shown</span> : <button type="button" className="secondary" onClick={() => onPick(s.id)} aria-label={`Open ${s.name}`}>Open</button>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

/** Name, description, completion, cancellation and the FIX export of a session. */
function SessionHead({ session, busy, run, applied }: { session: Session; busy: boolean; run: (f: () => Promise<Session>) => Promise<boolean>; applied: Completed['applied'] | null }) {
  const { reload } = usePortfolios();
  const readOnly = session.status !== 'active';
  const [name, setName] = useState(session.name);
  const [description, setDescription] = useState(session.description ?? '');
  const [saved, setSaved] = useState(false);
  const [apply, setApply] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const id = session.id;
  async function save(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const done = await run(() => ok(api.PATCH('/api/v1/what-if/{sessionId}', { params: { path: { sessionId: id } }, body: { name: name.trim(), description: description.trim() || null } })));
    setSaved(done);
  }
  async function complete() {
    const done = await run(() => ok(api.POST('/api/v1/what-if/{sessionId}/complete', { params: { path: { sessionId: id } }, body: { apply } })));
    if (done && apply) reload();
  }
  async function exportFix() {
    setError(null);
    try {
      await download(`/api/v1/what-if/${id}/export?format=fix`);
    } catch (err) {
      setError(err);
    }
  }
  return (
    <Card
      title={<>Session <StatusPill status={session.status} /></>}
      actions={<button type="button" className="secondary" onClick={exportFix} disabled={session.trades.length === 0} data-testid="export-fix">Export FIX</button>}
    >
      <p className="muted session-meta">
        On the book as of <strong>{session.as_of ?? DASH}</strong>; opened {session.created_at.slice(0, 10)}
        {session.completed_at && <>, {session.status} {session.completed_at.slice(0, 16).replace('T', ' ')}</>}.
        {readOnly && ' This session is closed: read-only.'}
      </p>
      {applied && (
        <p className="notice applied" role="status" data-testid="applied">
          Applied to the portfolio{applied.entry_date ? ` on ${applied.entry_date}` : ''}: {applied.created_position_ids.length} position(s) created, {applied.closed_position_ids.length} closed. The portfolio's results of that day are refreshed within seconds.
        </p>
      )}
      {readOnly ? (
        <dl className="facts">
          <dt>Name</dt><dd data-testid="session-name">{session.name}</dd>
          <dt>Description</dt><dd>{session.description ?? <span className="muted">none</span>}</dd>
        </dl>
      ) : (
        <>
          <form className="form" onSubmit={save} aria-label="Save the session">
            <label>Name <input value={name} onChange={(e) => { setName(e.target.value); setSaved(false); }} required maxLength={255} data-testid="session-name-input" /></label>
            <label>Description <textarea value={description} onChange={(e) => { setDescription(e.target.value); setSaved(false); }} rows={2} maxLength={10_000} /></label>
            <div className="row">
              <button type="submit" disabled={busy}>Save</button>
              {saved && <span className="pos" role="status">Saved</span>}
            </div>
          </form>
          <div className="complete-row">
            <label className="check"><input type="checkbox" checked={apply} onChange={(e) => setApply(e.target.checked)} data-testid="apply-trades" /> Apply the trades to the portfolio</label>
            <button type="button" onClick={complete} disabled={busy} data-testid="complete-session">Complete</button>
            <button type="button" className="danger" onClick={() => run(() => ok(api.POST('/api/v1/what-if/{sessionId}/cancel', { params: { path: { sessionId: id } } })))} disabled={busy} data-testid="cancel-session">Cancel session</button>
          </div>
        </>
      )}
      <FormError error={error} testId="export-error" />
    </Card>
  );
}

/** The trades of a session: resize, remove, and the form that adds one. */
function Trades({ session, busy, run }: { session: Session; busy: boolean; run: (f: () => Promise<Session>, onError?: (e: unknown) => void) => Promise<boolean> }) {
  const readOnly = session.status !== 'active';
  const id = session.id;
  const [mode, setMode] = useState<'trade' | 'close'>('trade');
  const [symbol, setSymbol] = useState('');
  const [quantity, setQuantity] = useState('');
  const [price, setPrice] = useState('');
  const [closeId, setCloseId] = useState('');
  const [addError, setAddError] = useState<unknown>(null);
  const [rowError, setRowError] = useState<unknown>(null);
  const [sizes, setSizes] = useState<Record<string, string>>({});
  const closed = new Set(session.trades.map((t) => t.close_position_id).filter(Boolean));
  const closable = Object.entries(session.before.positions).filter(([pid]) => !closed.has(pid)).sort((a, b) => a[1].symbol.localeCompare(b[1].symbol));
  const bad = fieldsOf(addError);

  async function add(e: FormEvent) {
    e.preventDefault();
    const p = price.trim() ? Number(price) : undefined;
    const body = mode === 'close'
      ? { close_position_id: closeId, ...(p !== undefined ? { price: p } : {}) }
      : { symbol: symbol.trim(), quantity: Number(quantity), ...(p !== undefined ? { price: p } : {}) };
    setAddError(null);
    const done = await run(() => ok(api.POST('/api/v1/what-if/{sessionId}/trades', { params: { path: { sessionId: id } }, body })), setAddError);
    if (done) {
      setSymbol('');
      setQuantity('');
      setPrice('');
      setCloseId('');
    }
  }
  async function resize(t: Trade) {
    const q = Number(sizes[t.id]);
    if (!Number.isFinite(q) || q === t.quantity) return;
    setRowError(null);
    const done = await run(() => ok(api.PATCH('/api/v1/what-if/{sessionId}/trades/{tradeId}', { params: { path: { sessionId: id, tradeId: t.id } }, body: { quantity: q } })), setRowError);
    if (done) setSizes((s) => { const { [t.id]: _, ...rest } = s; return rest; });
  }
  const remove = (t: Trade) => { setRowError(null); void run(() => ok(api.DELETE('/api/v1/what-if/{sessionId}/trades/{tradeId}', { params: { path: { sessionId: id, tradeId: t.id } } })), setRowError); };
  const err = (f: string) => (bad.has(f) ? { 'aria-invalid': true as const, 'aria-describedby': 'trade-error' } : {});

  return (
    <Card title={`Trades (${session.trades.length})`}>
      {session.trades.length === 0 ? <Empty>No trades yet{readOnly ? '.' : ': add one below.'}</Empty> : (
        <div className="table-wrap">
          <table data-testid="trades">
            <thead>
              <tr>
                <th scope="col">Symbol</th><th scope="col" className="text">Type</th><th scope="col">Quantity</th><th scope="col">Price</th><th scope="col">Notional</th>
                {!readOnly && <th scope="col"><span className="sr-only">Actions</span></th>}
              </tr>
            </thead>
            <tbody>
              {session.trades.map((t) => {
                const mult = t.underlying_symbol ? 100 : 1;
                const editing = sizes[t.id] !== undefined;
                return (
                  <tr key={t.id} data-testid={`trade-${t.symbol}`}>
                    <td className="text">
                      <strong>{t.symbol}</strong>
                      {t.close_position_id && <span className="pill warn tag">close</span>}
                      {t.underlying_symbol && <div className="muted small">{t.option_type} {t.underlying_symbol} {num(t.strike_price)} exp {t.expiration_date}</div>}
                    </td>
                    <td className="text">{t.position_type}</td>
                    <td>
                      {readOnly || t.close_position_id ? count(t.quantity) : (
                        <form className="resize" onSubmit={(e) => { e.preventDefault(); void resize(t); }}>
                          <label className="sr-only" htmlFor={`q-${t.id}`}>Quantity of {t.symbol}</label>
                          <input id={`q-${t.id}`} type="number" step="any" value={editing ? sizes[t.id] : String(t.quantity)} onChange={(e) => setSizes((s) => ({ ...s, [t.id]: e.target.value }))} />
                          {editing && Number(sizes[t.id]) !== t.quantity && <button type="submit" className="secondary" disabled={busy}>Resize</button>}
                        </form>
                      )}
                    </td>
                    <td>{money(t.price, { cents: true })}{!t.price_given && <div className="muted small">the close</div>}</td>
                    <td className={tone(t.quantity)}>{money(t.quantity * t.price * mult, { signed: true })}</td>
                    {!readOnly && <td><button type="button" className="danger" onClick={() => remove(t)} disabled={busy} aria-label={`Remove ${t.symbol}`}>Remove</button></td>}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <FormError error={rowError} testId="trade-row-error" />
      {!readOnly && (
        <form className="form add-trade" onSubmit={add} aria-label="Add a trade">
          <div className="toggle" role="group" aria-label="Kind of trade">
            <button type="button" className={mode === 'trade' ? 'on' : ''} aria-pressed={mode === 'trade'} onClick={() => { setMode('trade'); setAddError(null); }}>Buy / sell</button>
            <button type="button" className={mode === 'close' ? 'on' : ''} aria-pressed={mode === 'close'} onClick={() => { setMode('close'); setAddError(null); }}>Close a position</button>
          </div>
          <div className="fields">
            {mode === 'trade' ? (
              <>
                <label>Symbol <input value={symbol} onChange={(e) => setSymbol(e.target.value)} required maxLength={64} placeholder="AAPL or AAPL261218C00250000" autoCapitalize="characters" spellCheck={false} data-testid="trade-symbol" {...err('symbol')} /></label>
                <label>Quantity <input type="number" step="any" value={quantity} onChange={(e) => setQuantity(e.target.value)} required placeholder="+ buy, − sell" data-testid="trade-quantity" {...err('quantity')} /></label>
              </>
            ) : (
              <label className="wide">Position
                <select value={closeId} onChange={(e) => setCloseId(e.target.value)} required data-testid="close-position" {...err('close_position_id')}>
                  <option value="">Choose a position…</option>
                  {closable.map(([pid, p]) => <option key={pid} value={pid}>{p.symbol} · {count(p.quantity)} · {money(p.market_value)}</option>)}
                </select>
              </label>
            )}
            <label>Price (optional) <input type="number" step="any" min="0" value={price} onChange={(e) => setPrice(e.target.value)} placeholder="the close" data-testid="trade-price" {...err('price')} /></label>
            <button type="submit" disabled={busy} data-testid="add-trade">Add trade</button>
          </div>
          <p className="muted small hint">Quantity is signed: positive buys, negative sells (shares, or option contracts of 100). Options by OCC symbol, e.g. AAPL261218C00250000; without a price the session day's close is used.</p>
          <div id="trade-error"><FormError error={addError} testId="trade-error" /></div>
        </form>
      )}
    </Card>
  );
}

/** Before, after and difference of every figure the session returns. */
function Comparison({ session }: { session: Session }) {
  const { before: b, after: a, difference: d } = session;
  const vk = mainVarKey(a) ?? mainVarKey(b);
  const tradeIds = new Set(session.trades.map((t) => t.id));
  const symbolOf = (rec: Record<string, { symbol: string }>, k: string) => rec[k]?.symbol;
  const factorLabel = (k: string) => {
    const [model, factor] = k.includes(':') ? k.split(/:(.*)/s) : ['', k];
    return <>{factor}{model && <span className="muted small"> {model}</span>}</>;
  };
  const stressName = (k: string) => a.stress[k]?.name ?? b.stress[k]?.name ?? k;
  const warnings = [...new Set(a.warnings)];
  return (
    <>
      <div className="stats" data-testid="whatif-stats">
        <Stat label="Equity" value={money(a.equity)} note={<>before {money(b.equity)}, <Delta v={diffAt(d, 'equity')} fmt={F.money} /></>} />
        <Stat label="Gross exposure" value={money(a.exposures.gross)} note={<>before {money(b.exposures.gross)}, <Delta v={diffAt(d, 'exposures', 'gross')} fmt={F.money} /></>} testId="stat-gross" />
        <Stat label="Net exposure" value={money(a.exposures.net)} note={<>before {money(b.exposures.net)}, <Delta v={diffAt(d, 'exposures', 'net')} fmt={F.money} /></>} />
        <Stat label="Beta" value={num(a.beta)} note={<>before {num(b.beta)}, <Delta v={diffAt(d, 'beta')} fmt={F.num} /></>} />
        {vk && <Stat label={`VaR ${varLabel(vk)}`} value={money(a.var[vk]?.var)} note={<>before {money(b.var[vk]?.var)}, <Delta v={diffAt(d, 'var', vk, 'var')} fmt={F.money} worseUp /></>} testId="stat-var" />}
      </div>
      {warnings.length > 0 && <ul className="warnings" aria-label="Warnings">{warnings.map((w) => <li key={w}>{w}</li>)}</ul>}
      <div className="cols">
        <Card title="Main changes">
          {session.trades.length === 0 ? <Empty>No trades yet: the after equals the before.</Empty> : <DeltaChart session={session} />}
        </Card>
        <Card title="Value and exposure">
          <MetricsTable caption="Value and exposure" rows={[
            { label: 'Equity', before: b.equity, after: a.equity, diff: diffAt(d, 'equity'), fmt: F.money, testId: 'diff-equity' },
            { label: 'Market value', before: b.market_value, after: a.market_value, diff: diffAt(d, 'market_value'), fmt: F.money, testId: 'diff-market-value' },
            { label: 'Cash', before: b.cash, after: a.cash, diff: diffAt(d, 'cash'), fmt: F.money },
            { label: 'Total P&L', before: b.total_pnl, after: a.total_pnl, diff: diffAt(d, 'total_pnl'), fmt: F.money },
            { label: 'Long', before: b.exposures.long, after: a.exposures.long, diff: diffAt(d, 'exposures', 'long'), fmt: F.money },
            { label: 'Short', before: b.exposures.short, after: a.exposures.short, diff: diffAt(d, 'exposures', 'short'), fmt: F.money },
            { label: 'Gross', before: b.exposures.gross, after: a.exposures.gross, diff: diffAt(d, 'exposures', 'gross'), fmt: F.money, testId: 'diff-gross' },
            { label: 'Net', before: b.exposures.net, after: a.exposures.net, diff: diffAt(d, 'exposures', 'net'), fmt: F.money, testId: 'diff-net' },
            { label: 'Delta-adjusted net', before: b.exposures.delta_adjusted, after: a.exposures.delta_adjusted, diff: diffAt(d, 'exposures', 'delta_adjusted'), fmt: F.money, testId: 'diff-delta-adjusted' },
            { label: 'Positions', before: b.exposures.positions, after: a.exposures.positions, diff: diffAt(d, 'exposures', 'positions'), fmt: F.count, testId: 'diff-positions' },
            { label: 'Beta (SPY)', before: b.beta, after: a.beta, diff: diffAt(d, 'beta'), fmt: F.num },
            { label: 'Volatility (annualized)', before: b.volatility_annualized, after: a.volatility_annualized, diff: diffAt(d, 'volatility_annualized'), fmt: F.pct },
          ]} />
        </Card>
        <Card title="Greeks">
          <MetricsTable caption="Greeks" rows={[
            { label: 'Delta $', before: b.greeks.delta_dollars, after: a.greeks.delta_dollars, diff: diffAt(d, 'greeks', 'delta_dollars'), fmt: F.money, testId: 'diff-delta' },
            { label: 'Gamma $ per 1%', before: b.greeks.gamma_dollars_per_1pct, after: a.greeks.gamma_dollars_per_1pct, diff: diffAt(d, 'greeks', 'gamma_dollars_per_1pct'), fmt: F.money },
            { label: 'Theta per day', before: b.greeks.theta_per_day, after: a.greeks.theta_per_day, diff: diffAt(d, 'greeks', 'theta_per_day'), fmt: F.money },
            { label: 'Vega per vol point', before: b.greeks.vega_per_vol_point, after: a.greeks.vega_per_vol_point, diff: diffAt(d, 'greeks', 'vega_per_vol_point'), fmt: F.money },
            { label: 'Rho per rate point', before: b.greeks.rho_per_rate_point, after: a.greeks.rho_per_rate_point, diff: diffAt(d, 'greeks', 'rho_per_rate_point'), fmt: F.money },
          ]} />
        </Card>
        <Card title="Concentration">
          {!a.concentration && !b.concentration ? <Empty>No concentration figures for this book.</Empty> : (
            <MetricsTable caption="Concentration" rows={[
              { label: 'HHI', before: b.concentration?.hhi, after: a.concentration?.hhi, diff: diffAt(d, 'concentration', 'hhi'), fmt: F.num3 },
              { label: 'Effective number of names', before: b.concentration?.effective_n, after: a.concentration?.effective_n, diff: diffAt(d, 'concentration', 'effective_n'), fmt: F.num },
              { label: 'Top 5 weight', before: b.concentration?.top5, after: a.concentration?.top5, diff: diffAt(d, 'concentration', 'top5'), fmt: F.pct },
            ]} />
          )}
        </Card>
      </div>
      <div className="cols wide">
        <KeyedTable title="Value at risk" keyLabel="Method" before={b.var} after={a.var} diff={d['var']} labelOf={varLabel} order={varOrder} testId="var-table"
          measures={[{ key: 'var', label: 'VaR', fmt: F.money, worseUp: true }, { key: 'cvar', label: 'CVaR', fmt: F.money, worseUp: true }]} />
        <KeyedTable title="Stress scenarios" keyLabel="Scenario" before={b.stress} after={a.stress} diff={d['stress']} labelOf={stressName} testId="stress-table"
          measures={[{ key: 'direct_pnl', label: 'Direct P&L', fmt: F.money }, { key: 'correlated_pnl', label: 'Correlated P&L', fmt: F.money }]} />
        <KeyedTable title="Factor exposures" keyLabel="Factor" before={b.factor_exposures} after={a.factor_exposures} diff={d['factor_exposures']} labelOf={factorLabel} testId="factor-table"
          measures={[{ key: 'beta', label: 'Beta', fmt: F.num }, { key: 'dollars', label: 'Dollars', fmt: F.money }]} />
        <KeyedTable title="Component VaR (95%, 1 day)" keyLabel="Position" before={b.component_var} after={a.component_var} diff={d['component_var']} testId="component-var-table"
          labelOf={(k) => <>{symbolOf(a.component_var, k) ?? symbolOf(b.component_var, k) ?? k}{tradeIds.has(k) && <span className="pill info tag">trade</span>}</>}
          measures={[{ key: 'component_var', label: 'Component VaR', fmt: F.money, worseUp: true }, { key: 'percent_of_var', label: '% of VaR', fmt: F.pct, worseUp: true }]} />
      </div>
      <div className="cols">
        <KeyedTable title="Exposure by sector" keyLabel="Sector" before={b.exposures_by_sector} after={a.exposures_by_sector} diff={d['exposures_by_sector']} measures={EXPOSURE_MEASURES} testId="sector-table" />
        <KeyedTable title="Exposure by tag" keyLabel="Tag" before={b.exposures_by_tag} after={a.exposures_by_tag} diff={d['exposures_by_tag']} measures={EXPOSURE_MEASURES} testId="tag-table" />
        <KeyedTable title="Greeks by underlying" keyLabel="Underlying" before={b.greeks_by_underlying} after={a.greeks_by_underlying} diff={d['greeks_by_underlying']} testId="greeks-table"
          measures={[
            { key: 'delta_dollars', label: 'Delta $', fmt: F.money }, { key: 'market_value', label: 'Market value', fmt: F.money }, { key: 'gamma_dollars_per_1pct', label: 'Gamma', fmt: F.money },
            { key: 'theta_per_day', label: 'Theta', fmt: F.money }, { key: 'vega_per_vol_point', label: 'Vega', fmt: F.money },
          ]} />
        <KeyedTable title="Positions" keyLabel="Position" before={b.positions} after={a.positions} diff={d['positions']} testId="positions-table"
          labelOf={(k) => <>{symbolOf(a.positions, k) ?? symbolOf(b.positions, k) ?? k}{tradeIds.has(k) && <span className="pill info tag">trade</span>}</>}
          measures={[{ key: 'market_value', label: 'Market value', fmt: F.money }, { key: 'quantity', label: 'Quantity', fmt: F.count }, { key: 'delta_dollars', label: 'Delta $', fmt: F.money }]} />
      </div>
    </>
  );
}

/** One session: its head, trades and the comparison; mutations replace the shown session. */
function SessionView({ sessionId, onChanged, aside }: { sessionId: string; onChanged: () => void; aside: ReactNode }) {
  const loaded = useLoad(() => ok(api.GET('/api/v1/what-if/{sessionId}', { params: { path: { sessionId } } })), [sessionId]);
  const [live, setLive] = useState<Session | null>(null);
  const [applied, setApplied] = useState<{ id: string; applied: Completed['applied'] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const session = live?.id === sessionId ? live : loaded.data;

  /** Runs a change; true when it went through. Errors go to `onError`, else above the session. */
  async function run(f: () => Promise<Session>, onError?: (e: unknown) => void): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      const s = await f();
      setLive(s);
      if ('applied' in s) setApplied({ id: s.id, applied: (s as Completed).applied });
      onChanged();
      return true;
    } catch (e) {
      if (onError) onError(e);
      else setError(messageOf(e));
      return false;
    } finally {
      setBusy(false);
    }
  }

  if (!session) {
    return (
      <>
        {aside}
        {loaded.error ? <ErrorState error={loaded.error} retry={loaded.reload} /> : <Loading what="Loading the session" />}
      </>
    );
  }
  return (
    <>
      <div className="cols session-top">
        {aside}
        <SessionHead key={session.id + session.status} session={session} busy={busy} run={run} applied={applied?.id === session.id ? applied.applied : null} />
      </div>
      <div className="stack" data-testid="session" aria-busy={busy}>
        {error && <p className="error" role="alert" data-testid="session-error">{error}</p>}
        <Trades key={session.id} session={session} busy={busy} run={run} />
        <Comparison session={session} />
      </div>
    </>
  );
}

/** Trades tried on the current portfolio before they are made: sessions, trades, risk before and after. */
export function WhatIfPage() {
  const { current, list, error: listError } = usePortfolios();
  const [params, setParams] = useSearchParams();
  const id = current?.id;
  const sessions = useLoad(async () => (id ? ok(api.GET('/api/v1/what-if', { params: { query: { portfolio_id: id, limit: 100 } } })) : null), [id]);
  const items = sessions.data?.items ?? null;
  const wanted = params.get('session');
  // A session of another portfolio (after switching) is not shown.
  const selected = wanted && items && items.some((s) => s.id === wanted) ? wanted : null;
  const pick = (sid: string) => setParams((p) => { p.set('session', sid); return p; });

  if (listError) return <p className="error" role="alert">Could not load your portfolios: {listError}</p>;
  if (list && list.length === 0) return <Empty>No portfolio yet: create one on the overview first.</Empty>;
  if (!current) return <Loading />;
  const sessionList = (
    <Loaded state={sessions} what="Loading the sessions">
      {(s) => (
        <Sessions
          portfolioId={current.id}
          items={s?.items ?? []}
          selected={selected}
          onPick={pick}
          onOpened={(opened) => { sessions.reload(); pick(opened.id); }}
        />
      )}
    </Loaded>
  );
  return (
    <div className="stack whatif">
      <div className="page-head">
        <h1>What-if</h1>
        <p className="muted">Try trades on <strong>{current.name}</strong> and see the risk before and after, before making them.</p>
      </div>
      {selected ? <SessionView key={selected} sessionId={selected} onChanged={sessions.reload} aside={sessionList} /> : (
        <>
          {sessionList}
          {items && items.length > 0 && <Empty>Pick a session above, or open a new one.</Empty>}
        </>
      )}
    </div>
  );
}
