import { useEffect, useMemo, useRef, useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import { api, ApiFailure, download, ok, type Json } from '../api';
import { Card, Empty, Loaded, messageOf, Stat, useLoad } from '../components/ui';
import { DASH, money, num, pct, tone } from '../format';
import { usePortfolios } from '../portfolio';
import { Provenance } from './Overview';
import './positions.css';

type Position = Json<'/api/v1/portfolios/{id}/positions', 'get'>['items'][number];
type Tag = Json<'/api/v1/tags', 'get'>['items'][number];
type Exposures = Json<'/api/v1/portfolios/{id}/exposures', 'get'>;
type ExposureGroup = NonNullable<Exposures['by']>[string][number];
type ImportResult = Json<'/api/v1/portfolios/{id}/positions/import', 'post'>;
/** One problem the API names: a field of a form ("body.quantity") or a CSV row and column. */
type Detail = { field?: string; row?: number; column?: string; code?: string; message: string };

const TYPE_LABEL: Record<Position['position_type'], string> = { LONG: 'Long', SHORT: 'Short', LC: 'Long call', LP: 'Long put', SC: 'Short call', SP: 'Short put' };
/** The exposures endpoint's grouping of each table grouping. */
const GROUPS = { none: 'None', type: 'Type', tag: 'Tag', sector: 'Sector', underlying: 'Underlying' } as const;
type GroupBy = keyof typeof GROUPS;
const EXPOSURE_KEY: Record<Exclude<GroupBy, 'none'>, string> = { type: 'positionType', tag: 'tag', sector: 'sector', underlying: 'underlying' };
const UNTAGGED = '(untagged)';

type SortKey = 'symbol' | 'type' | 'quantity' | 'entry_price' | 'entry_date' | 'last_price' | 'market_value' | 'unrealized_pnl' | 'unrealized_pnl_pct' | 'weight'
  | 'delta_dollars' | 'gamma_dollars_per_1pct' | 'theta_per_day' | 'vega_per_vol_point';
/** The batch's Greeks of a position, in dollars (delta $, gamma $ per 1% move, theta $ per day, vega $ per vol point). */
const GREEKS = ['delta_dollars', 'gamma_dollars_per_1pct', 'theta_per_day', 'vega_per_vol_point'] as const;
const COLUMNS: { key: SortKey; label: string; text?: boolean }[] = [
  { key: 'symbol', label: 'Symbol · tags', text: true }, { key: 'type', label: 'Type', text: true }, { key: 'quantity', label: 'Quantity' },
  { key: 'entry_price', label: 'Entry price' }, { key: 'entry_date', label: 'Entry date' }, { key: 'last_price', label: 'Last price' },
  { key: 'market_value', label: 'Market value' }, { key: 'unrealized_pnl', label: 'Unrealized P&L' }, { key: 'unrealized_pnl_pct', label: 'P&L %' },
  { key: 'weight', label: 'Weight' }, { key: 'delta_dollars', label: 'Delta $' }, { key: 'gamma_dollars_per_1pct', label: 'Gamma $/1%' },
  { key: 'theta_per_day', label: 'Theta $/day' }, { key: 'vega_per_vol_point', label: 'Vega $/vol pt' },
];

/** Every page of the portfolio's positions (open and closed). */
async function loadPositions(id: string): Promise<Position[]> {
  const items: Position[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await ok(api.GET('/api/v1/portfolios/{id}/positions', { params: { path: { id }, query: { limit: 200, cursor } } }));
    items.push(...page.items);
    if (!page.next_cursor) break;
    cursor = page.next_cursor;
  }
  return items;
}

const detailsOf = (e: unknown): Detail[] => (e instanceof ApiFailure ? (e.details as Detail[]) : []);
/** The problems of a form by field name ("body.entry_price" → "entry_price"). */
function fieldErrors(e: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of detailsOf(e)) if (d.field) {
    const f = d.field.replace(/^body\./, '');
    out[f] = out[f] ? `${out[f]}; ${d.message}` : d.message;
  }
  return out;
}
/** A 204 answer as null, or its error as an ApiFailure. */
const noContent = (call: Promise<{ error?: unknown; response: Response }>) => ok(call.then((r) => ({ ...r, data: r.response.ok ? null : undefined })));
const numberOrUndefined = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s));

/** A labelled input with the API's complaint about its field under it. */
function Field({ label, error, children, hint }: { label: string; error?: string; children: ReactNode; hint?: string }) {
  return (
    <label className={error ? 'has-error' : ''}>
      {label}
      {children}
      {hint && !error && <span className="hint">{hint}</span>}
      {error && <span className="field-error" role="alert">{error}</span>}
    </label>
  );
}

/** A form's failure: its message, and every problem the API named that no field shows. */
function FormError({ error, shown }: { error: unknown; shown: string[] }) {
  if (!error) return null;
  const rest = detailsOf(error).filter((d) => !d.field || !shown.includes(d.field.replace(/^body\./, '')));
  return (
    <div className="error" role="alert" data-testid="form-error">
      <p>{messageOf(error)}</p>
      {rest.length > 0 && <ul>{rest.map((d, i) => <li key={i}>{d.field ?? ''} {d.message}</li>)}</ul>}
    </div>
  );
}

function symbolDetail(p: Position): string | null {
  if (p.investment_class !== 'OPTIONS') return null;
  return [p.underlying_symbol, p.strike_price !== null ? num(p.strike_price) : null, p.option_type, p.expiration_date].filter(Boolean).join(' ');
}

function sortValue(p: Position, key: SortKey, equity: number | null): number | string | null {
  switch (key) {
    case 'symbol': return p.symbol;
    case 'type': return TYPE_LABEL[p.position_type];
    case 'weight': return equity && p.market_value !== null ? p.market_value / equity : null;
    case 'delta_dollars': case 'gamma_dollars_per_1pct': case 'theta_per_day': case 'vega_per_vol_point': return p.greeks ? p.greeks[key] : null;
    default: return p[key];
  }
}

/** The add form: symbol (an OCC option symbol too), signed quantity, entry price and date, tags. */
function AddPosition({ portfolioId, tags, defaultDate, onDone, onCancel }: { portfolioId: string; tags: Tag[]; defaultDate: string; onDone: (message: string) => void; onCancel: () => void }) {
  const [form, setForm] = useState({ symbol: '', quantity: '', entry_price: '', entry_date: defaultDate, notes: '' });
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (e: ChangeEvent<HTMLInputElement>) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const errors = fieldErrors(error);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await ok(api.POST('/api/v1/portfolios/{id}/positions', {
        params: { path: { id: portfolioId } },
        body: { symbol: form.symbol.trim(), quantity: numberOrUndefined(form.quantity), entry_price: numberOrUndefined(form.entry_price), entry_date: form.entry_date, notes: form.notes.trim() || undefined },
      }));
      if (chosen.length > 0) await ok(api.POST('/api/v1/positions/{id}/tags', { params: { path: { id: created.id } }, body: { tag_ids: chosen } }));
      onDone(`Added ${created.symbol} (${TYPE_LABEL[created.position_type].toLowerCase()}, ${num(created.quantity, 0)}).`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="form position-form" onSubmit={submit} aria-label="Add a position" data-testid="add-form">
      <div className="form-row">
        <Field label="Symbol" error={errors.symbol} hint="A ticker, or an OCC option symbol such as AAPL270115C00200000">
          <input value={form.symbol} onChange={set('symbol')} required autoComplete="off" name="symbol" />
        </Field>
        <Field label="Quantity" error={errors.quantity} hint="Negative for a short; contracts for options">
          <input type="number" step="any" value={form.quantity} onChange={set('quantity')} required name="quantity" />
        </Field>
        <Field label="Entry price" error={errors.entry_price}>
          <input type="number" step="any" min="0" value={form.entry_price} onChange={set('entry_price')} required name="entry_price" />
        </Field>
        <Field label="Entry date" error={errors.entry_date}>
          <input type="date" value={form.entry_date} onChange={set('entry_date')} required name="entry_date" />
        </Field>
        <Field label="Notes (optional)" error={errors.notes}>
          <input value={form.notes} onChange={set('notes')} name="notes" />
        </Field>
      </div>
      {tags.length > 0 && (
        <fieldset className="tag-choices">
          <legend>Tags (optional)</legend>
          {tags.map((t) => (
            <label key={t.id} className="check">
              <input type="checkbox" checked={chosen.includes(t.id)} onChange={(e) => setChosen((c) => (e.target.checked ? [...c, t.id] : c.filter((x) => x !== t.id)))} />
              <TagPill tag={t} />
            </label>
          ))}
        </fieldset>
      )}
      <FormError error={error} shown={Object.keys(errors).filter((k) => k in form)} />
      <div className="buttons">
        <button type="submit" disabled={busy}>{busy ? 'Adding…' : 'Add position'}</button>
        <button type="button" className="secondary" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}

function EditPosition({ position, onDone, onCancel }: { position: Position; onDone: (m: string) => void; onCancel: () => void }) {
  const [form, setForm] = useState({ quantity: String(position.quantity), entry_price: String(position.entry_price), entry_date: position.entry_date, notes: position.notes ?? '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (e: ChangeEvent<HTMLInputElement>) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const errors = fieldErrors(error);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await ok(api.PATCH('/api/v1/positions/{id}', {
        params: { path: { id: position.id } },
        body: { quantity: numberOrUndefined(form.quantity), entry_price: numberOrUndefined(form.entry_price), entry_date: form.entry_date, notes: form.notes.trim() === '' ? null : form.notes },
      }));
      onDone(`Saved ${position.symbol}.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="form position-form" onSubmit={submit} aria-label={`Edit ${position.symbol}`} data-testid="edit-form">
      <div className="form-row">
        <Field label="Quantity" error={errors.quantity} hint="Negative for a short"><input type="number" step="any" value={form.quantity} onChange={set('quantity')} required /></Field>
        <Field label="Entry price" error={errors.entry_price}><input type="number" step="any" value={form.entry_price} onChange={set('entry_price')} required /></Field>
        <Field label="Entry date" error={errors.entry_date}><input type="date" value={form.entry_date} onChange={set('entry_date')} required /></Field>
        <Field label="Notes" error={errors.notes}><input value={form.notes} onChange={set('notes')} /></Field>
      </div>
      <FormError error={error} shown={Object.keys(errors).filter((k) => k in form)} />
      <div className="buttons">
        <button type="submit" disabled={busy}>{busy ? 'Saving…' : 'Save'}</button>
        <button type="button" className="secondary" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}

function ClosePosition({ position, defaultDate, onDone, onCancel }: { position: Position; defaultDate: string; onDone: (m: string) => void; onCancel: () => void }) {
  const [form, setForm] = useState({ exit_price: position.last_price !== null ? String(position.last_price) : '', exit_date: defaultDate });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (e: ChangeEvent<HTMLInputElement>) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const errors = fieldErrors(error);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await ok(api.POST('/api/v1/positions/{id}/close', { params: { path: { id: position.id } }, body: { exit_price: Number(form.exit_price), exit_date: form.exit_date } }));
      onDone(`Closed ${position.symbol}.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="form position-form" onSubmit={submit} aria-label={`Close ${position.symbol}`} data-testid="close-form">
      <div className="form-row">
        <Field label="Exit price" error={errors.exit_price}><input type="number" step="any" min="0" value={form.exit_price} onChange={set('exit_price')} required /></Field>
        <Field label="Exit date" error={errors.exit_date}><input type="date" value={form.exit_date} onChange={set('exit_date')} required /></Field>
      </div>
      <FormError error={error} shown={Object.keys(errors).filter((k) => k in form)} />
      <div className="buttons">
        <button type="submit" disabled={busy}>{busy ? 'Closing…' : 'Close position'}</button>
        <button type="button" className="secondary" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}

function DeletePosition({ position, onDone, onCancel }: { position: Position; onDone: (m: string) => void; onCancel: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await noContent(api.DELETE('/api/v1/positions/{id}', { params: { path: { id: position.id } } }));
      onDone(`Deleted ${position.symbol}.`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }
  return (
    <div className="confirm" data-testid="delete-confirm">
      <p>Delete <strong>{position.symbol}</strong> ({TYPE_LABEL[position.position_type].toLowerCase()}, {num(position.quantity, 0)} from {position.entry_date})? It leaves every list and the next risk refresh.</p>
      <FormError error={error} shown={[]} />
      <div className="buttons">
        <button type="button" className="danger" onClick={remove} disabled={busy}>{busy ? 'Deleting…' : 'Yes, delete'}</button>
        <button type="button" className="secondary" onClick={onCancel}>Cancel</button>
      </div>
    </div>
  );
}

function TagPill({ tag, name }: { tag?: Tag; name?: string }) {
  const color = tag?.color ?? '#64748b';
  return <span className="tag" style={{ borderColor: color, color }}>{tag?.name ?? name}</span>;
}

function PositionTags({ position, tags, onDone, onCancel }: { position: Position; tags: Tag[]; onDone: (m: string) => void; onCancel: () => void }) {
  const byName = new Map(tags.map((t) => [t.name, t]));
  const others = tags.filter((t) => !position.tags.includes(t.name));
  const [pick, setPick] = useState(others[0]?.id ?? '');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function run(f: () => Promise<unknown>, message: string) {
    setBusy(true);
    setError(null);
    try {
      await f();
      onDone(message);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const assign = (e: FormEvent) => {
    e.preventDefault();
    const tag = tags.find((t) => t.id === pick);
    if (tag) void run(() => ok(api.POST('/api/v1/positions/{id}/tags', { params: { path: { id: position.id } }, body: { tag_ids: [tag.id] } })), `Tagged ${position.symbol} ${tag.name}.`);
  };
  const remove = (tag: Tag) => run(() => noContent(api.DELETE('/api/v1/positions/{id}/tags/{tagId}', { params: { path: { id: position.id, tagId: tag.id } } })), `Took ${tag.name} off ${position.symbol}.`);
  return (
    <div className="stack-sm" data-testid="tags-form">
      {position.tags.length === 0 ? <p className="muted">No tags on this position.</p> : (
        <ul className="tag-list">
          {position.tags.map((n) => {
            const t = byName.get(n);
            return (
              <li key={n}>
                <TagPill tag={t} name={n} />
                {t && <button type="button" className="link" onClick={() => remove(t)} disabled={busy} aria-label={`Remove tag ${n}`}>Remove</button>}
              </li>
            );
          })}
        </ul>
      )}
      {others.length > 0 ? (
        <form className="form inline" onSubmit={assign}>
          <label>Add a tag
            <select value={pick} onChange={(e) => setPick(e.target.value)}>{others.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}</select>
          </label>
          <button type="submit" disabled={busy || !pick}>Add tag</button>
        </form>
      ) : <p className="muted">Every tag is on this position; create another under Tags.</p>}
      <FormError error={error} shown={[]} />
      <div className="buttons"><button type="button" className="secondary" onClick={onCancel}>Done</button></div>
    </div>
  );
}

function CreateTag({ onDone }: { onDone: (m: string) => void }) {
  const [form, setForm] = useState({ name: '', color: '#38bdf8', tag_type: 'REGULAR' as Tag['tag_type'], description: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(error);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const t = await ok(api.POST('/api/v1/tags', { body: { name: form.name, color: form.color, tag_type: form.tag_type, description: form.description.trim() || undefined } }));
      setForm((f) => ({ ...f, name: '', description: '' }));
      onDone(`Created the tag ${t.name}.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="form inline" onSubmit={submit} aria-label="Create a tag">
      <Field label="Name" error={errors.name}><input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required maxLength={100} /></Field>
      <Field label="Kind" error={errors.tag_type}>
        <select value={form.tag_type} onChange={(e) => setForm({ ...form, tag_type: e.target.value as Tag['tag_type'] })}><option value="REGULAR">Regular</option><option value="STRATEGY">Strategy</option></select>
      </Field>
      <Field label="Color" error={errors.color}><input type="color" value={form.color} onChange={(e) => setForm({ ...form, color: e.target.value })} /></Field>
      <button type="submit" disabled={busy}>Create tag</button>
      <FormError error={error} shown={Object.keys(errors).filter((k) => k in form)} />
    </form>
  );
}

/** CSV import: a dry run lists every bad row before anything is written; Import writes a clean file. */
function ImportCsv({ portfolioId, onDone }: { portfolioId: string; onDone: (m: string) => void }) {
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [checked, setChecked] = useState<{ text: string; result: ImportResult } | null>(null);
  const [problems, setProblems] = useState<{ message: string; details: Detail[] } | null>(null);
  const [imported, setImported] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const send = (dryRun: boolean) => ok(api.POST('/api/v1/portfolios/{id}/positions/import', {
    params: { path: { id: portfolioId }, query: { dry_run: dryRun ? 'true' : 'false' } },
    body: text as never,
    bodySerializer: (b: unknown) => b as string,
    headers: { 'content-type': 'text/csv' },
  }));
  async function run(dryRun: boolean) {
    setBusy(dryRun ? 'check' : 'import');
    setError(null);
    setProblems(null);
    setImported(null);
    try {
      const result = await send(dryRun);
      if (dryRun) setChecked({ text, result });
      else {
        setChecked(null);
        setImported(result);
        onDone(`Imported ${result.imported} position${result.imported === 1 ? '' : 's'}.`);
      }
    } catch (e) {
      setChecked(null);
      if (e instanceof ApiFailure && e.code === 'VALIDATION_ERROR') setProblems({ message: e.message, details: detailsOf(e) });
      else setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  }
  async function readFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    setFileName(file.name);
    setText(await file.text());
    setChecked(null);
    setProblems(null);
    setImported(null);
  }
  const clean = checked !== null && checked.text === text;
  return (
    <div className="stack-sm" data-testid="import">
      <p className="muted">
        Either column set: <code>ticker,quantity,entry_price,entry_date,tags</code> or the full 12 columns. The check reads the whole file and lists every bad row; nothing is written until you import a clean file, and then all rows or none.
      </p>
      <div className="buttons">
        <button type="button" className="secondary" onClick={() => download('/api/v1/positions/import-template?format=simple').catch((e: unknown) => setError(messageOf(e)))}>Template (simple)</button>
        <button type="button" className="secondary" onClick={() => download('/api/v1/positions/import-template?format=full').catch((e: unknown) => setError(messageOf(e)))}>Template (full)</button>
      </div>
      <label className="file">
        CSV file
        <input type="file" accept=".csv,text/csv,text/plain" onChange={readFile} data-testid="import-file" />
      </label>
      <label className="csv-text">
        or paste the CSV{fileName ? ` (loaded from ${fileName})` : ''}
        <textarea rows={6} value={text} onChange={(e) => { setText(e.target.value); setImported(null); }} spellCheck={false} data-testid="import-text" placeholder={'ticker,quantity,entry_price,entry_date,tags\nAAPL,100,185.50,2024-01-15,tech;core'} />
      </label>
      <div className="buttons">
        <button type="button" onClick={() => run(true)} disabled={busy !== null || text.trim() === ''} data-testid="import-check">{busy === 'check' ? 'Checking…' : 'Check (dry run)'}</button>
        <button type="button" onClick={() => run(false)} disabled={busy !== null || !clean} data-testid="import-write">
          {busy === 'import' ? 'Importing…' : clean ? `Import ${checked.result.valid_rows} position${checked.result.valid_rows === 1 ? '' : 's'}` : 'Import'}
        </button>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      {clean && <p className="ok-note" role="status" data-testid="import-clean">All {checked.result.valid_rows} rows are valid. Nothing is written yet: press Import.</p>}
      {imported && <p className="ok-note" role="status" data-testid="import-done">Imported {imported.imported} positions ({imported.items.map((p) => p.symbol).join(', ')}).</p>}
      {problems && (
        <div className="import-problems" role="alert" data-testid="import-problems">
          <p className="error">{problems.message}</p>
          <div className="table-wrap">
            <table>
              <thead><tr><th>Row</th><th className="text">Column</th><th className="text">Problem</th></tr></thead>
              <tbody>
                {problems.details.map((d, i) => (
                  <tr key={i} data-testid="import-problem">
                    <td>{d.row ?? DASH}</td><td className="text">{d.column ?? DASH}</td>
                    <td className="text wrap">{d.message} {d.code && <code className="problem-code">{d.code}</code>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </div>
  );
}

function Exports({ portfolioId }: { portfolioId: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const files = [
    ['positions', 'csv', 'Positions CSV'], ['positions', 'json', 'Positions JSON'], ['snapshots', 'csv', 'Snapshots CSV'],
    ['snapshots', 'json', 'Snapshots JSON'], ['risk', 'csv', 'Risk report CSV'], ['risk', 'json', 'Risk report JSON'],
  ] as const;
  async function get(type: string, format: string) {
    setBusy(`${type}-${format}`);
    setError(null);
    try {
      await download(`/api/v1/portfolios/${encodeURIComponent(portfolioId)}/export?type=${type}&format=${format}`);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  }
  return (
    <>
      <div className="buttons">
        {files.map(([type, format, label]) => (
          <button key={label} type="button" className="secondary" onClick={() => get(type, format)} disabled={busy !== null} data-testid={`export-${type}-${format}`}>
            {busy === `${type}-${format}` ? 'Preparing…' : label}
          </button>
        ))}
      </div>
      <p className="muted small">The positions CSV has the import's columns and Tags: it imports into another portfolio as is.</p>
      {error && <p className="error" role="alert">{error}</p>}
    </>
  );
}

type Action = { kind: 'add' } | { kind: 'edit' | 'close' | 'delete' | 'tags'; position: Position };

function Row({ p, equity, showExit, act }: { p: Position; equity: number | null; showExit: boolean; act: (a: Action) => void }) {
  const detail = symbolDetail(p);
  const closed = p.exit_date !== null;
  return (
    <tr data-testid="position-row" data-symbol={p.symbol} className={closed ? 'closed' : ''}>
      <td className="text sym">
        <strong>{p.symbol}</strong>
        {detail && <span className="muted sub">{detail}</span>}
        {p.tags.length > 0 && <span className="row-tags" data-testid="row-tags">{p.tags.map((t) => <span key={t} className="tag-name">{t}</span>)}</span>}
      </td>
      <td className="text">{TYPE_LABEL[p.position_type]}{p.investment_class === 'PRIVATE' ? ' (private)' : ''}</td>
      <td>{num(p.quantity, Number.isInteger(p.quantity) ? 0 : 2)}</td>
      <td>{money(p.entry_price, { cents: true })}</td>
      <td>{p.entry_date}</td>
      <td>{money(p.last_price, { cents: true })}</td>
      <td>{money(p.market_value)}</td>
      <td className={tone(p.unrealized_pnl)}>{money(p.unrealized_pnl, { signed: true })}</td>
      <td className={tone(p.unrealized_pnl_pct)}>{pct(p.unrealized_pnl_pct, { signed: true })}</td>
      <td>{equity && p.market_value !== null ? pct(p.market_value / equity) : DASH}</td>
      {GREEKS.map((g) => <td key={g} className={g === 'delta_dollars' || g === 'theta_per_day' ? tone(p.greeks?.[g]) : ''} title={p.greeks?.estimated ? 'valued at an estimated (realized) volatility' : undefined}>{money(p.greeks?.[g])}</td>)}
      {showExit && <td>{closed ? `${money(p.exit_price, { cents: true })} on ${p.exit_date}` : <span className="muted">open</span>}</td>}
      <td className="text row-actions">
        <button type="button" className="link" onClick={() => act({ kind: 'edit', position: p })} aria-label={`Edit ${p.symbol}`}>Edit</button>
        {!closed && <button type="button" className="link" onClick={() => act({ kind: 'close', position: p })} aria-label={`Close ${p.symbol}`}>Close</button>}
        <button type="button" className="link" onClick={() => act({ kind: 'tags', position: p })} aria-label={`Tags of ${p.symbol}`}>Tags</button>
        <button type="button" className="link danger-link" onClick={() => act({ kind: 'delete', position: p })} aria-label={`Delete ${p.symbol}`}>Delete</button>
      </td>
    </tr>
  );
}

/** A group's subtotal: its positions' sums, and the batch's delta-adjusted exposure of the same group. */
function Subtotal({ label, items, equity, batch, span }: { label: string; items: Position[]; equity: number | null; batch: ExposureGroup | undefined; span: number }) {
  const sum = (f: (p: Position) => number | null) => items.reduce<number | null>((a, p) => (f(p) === null ? a : (a ?? 0) + (f(p) as number)), null);
  const mv = sum((p) => p.market_value);
  const pnl = sum((p) => p.unrealized_pnl);
  return (
    <tr className="subtotal" data-testid="group-row" data-group={label}>
      <th scope="rowgroup" colSpan={6} className="text">
        {label} <span className="muted">· {items.length} position{items.length === 1 ? '' : 's'}</span>
        {batch && <span className="muted batch-note"> · delta-adjusted net {money(batch.deltaNet)} (batch)</span>}
      </th>
      <td>{money(mv)}</td>
      <td className={tone(pnl)}>{money(pnl, { signed: true })}</td>
      <td />
      <td>{equity && mv !== null ? pct(mv / equity) : DASH}</td>
      {GREEKS.map((g) => {
        const v = sum((p) => p.greeks?.[g] ?? null);
        return <td key={g} className={g === 'delta_dollars' || g === 'theta_per_day' ? tone(v) : ''}>{money(v)}</td>;
      })}
      <td colSpan={span - 14} />
    </tr>
  );
}

function GreeksTable({ exposures }: { exposures: Exposures }) {
  const rows = exposures.greeks_by_underlying as { underlying?: string; positions?: number; spot?: number; marketValue?: number; deltaDollars?: number; gammaDollarsPer1Pct?: number; thetaPerDay?: number; vegaPerVolPoint?: number; estimated?: boolean }[];
  if (rows.length === 0) return <Empty>No option Greeks: the batch stores dollar Greeks for underlyings with options.</Empty>;
  return (
    <div className="table-wrap">
      <table data-testid="greeks-table">
        <thead><tr><th className="text">Underlying</th><th>Positions</th><th>Spot</th><th>Market value</th><th>Delta $</th><th>Gamma $ / 1%</th><th>Theta / day</th><th>Vega / vol pt</th></tr></thead>
        <tbody>
          {rows.map((g) => (
            <tr key={g.underlying}>
              <td className="text">{g.underlying}{g.estimated && <span className="pill warn small-pill" title="Valued at an estimated (realized) volatility">est. vol</span>}</td>
              <td>{g.positions ?? DASH}</td><td>{money(g.spot, { cents: true })}</td><td>{money(g.marketValue)}</td>
              <td className={tone(g.deltaDollars)}>{money(g.deltaDollars)}</td><td>{money(g.gammaDollarsPer1Pct)}</td>
              <td className={tone(g.thetaPerDay)}>{money(g.thetaPerDay)}</td><td>{money(g.vegaPerVolPoint)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The book line by line: sort, filter, group; add, edit, close, delete and tag; import and export. */
export function PositionsPage() {
  const { current, list, error: listError } = usePortfolios();
  const id = current?.id;
  const positions = useLoad(async () => (id ? loadPositions(id) : null), [id]);
  const overview = useLoad(async () => (id ? ok(api.GET('/api/v1/portfolios/{id}/overview', { params: { path: { id } } })) : null), [id]);
  const exposures = useLoad(async () => (id ? ok(api.GET('/api/v1/portfolios/{id}/exposures', { params: { path: { id } } })) : null), [id]);
  const tags = useLoad(async () => (await ok(api.GET('/api/v1/tags', {}))).items, []);

  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'market_value', desc: true });
  const [filter, setFilter] = useState('');
  const [status, setStatus] = useState<'open' | 'closed' | 'all'>('open');
  const [groupBy, setGroupBy] = useState<GroupBy>('none');
  const [action, setAction] = useState<Action | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (action) panel.current?.querySelector<HTMLElement>('input, select, button')?.focus();
  }, [action]);

  const equity = overview.data?.value?.equity ?? null;
  const today = overview.data?.as_of ?? new Date().toISOString().slice(0, 10);
  const allTags = tags.data ?? [];

  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const rows = (positions.data ?? []).filter((p) => {
      if (status === 'open' && p.exit_date !== null) return false;
      if (status === 'closed' && p.exit_date === null) return false;
      if (!q) return true;
      return p.symbol.toLowerCase().includes(q) || (p.underlying_symbol ?? '').toLowerCase().includes(q) || p.tags.some((t) => t.toLowerCase().includes(q));
    });
    const dir = sort.desc ? -1 : 1;
    return rows.sort((a, b) => {
      const x = sortValue(a, sort.key, equity);
      const y = sortValue(b, sort.key, equity);
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      return (x < y ? -1 : x > y ? 1 : 0) * dir || a.symbol.localeCompare(b.symbol);
    });
  }, [positions.data, filter, status, sort, equity]);

  const groups = useMemo(() => {
    if (groupBy === 'none') return null;
    const by = new Map<string, Position[]>();
    const add = (k: string, p: Position) => by.set(k, [...(by.get(k) ?? []), p]);
    for (const p of shown) {
      if (groupBy === 'type') add(p.position_type, p);
      else if (groupBy === 'underlying') add(p.underlying_symbol ?? p.symbol, p);
      else if (groupBy === 'sector') add(p.sector ?? '(unclassified)', p);
      else if (p.tags.length === 0) add(UNTAGGED, p);
      else for (const t of p.tags) add(t, p);
    }
    return [...by.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [shown, groupBy]);

  function done(message: string) {
    setAction(null);
    setNotice(`${message} The risk numbers refresh within seconds, when the batch picks up the change.`);
    positions.reload();
    tags.reload();
    overview.reload();
    exposures.reload();
  }

  if (listError) return <p className="error" role="alert">Could not load your portfolios: {listError}</p>;
  if (list && list.length === 0) return <Empty>You have no portfolio yet: create one on the overview page.</Empty>;
  if (!current || !id) return <p className="muted" role="status">Loading…</p>;

  const open = (positions.data ?? []).filter((p) => p.exit_date === null);
  const showExit = status !== 'open';
  const span = showExit ? 16 : 15;
  const batchGroups = groupBy !== 'none' ? exposures.data?.by?.[EXPOSURE_KEY[groupBy]] ?? [] : [];
  const sumOf = (f: (p: Position) => number | null) => open.reduce<number | null>((a, p) => (f(p) === null ? a : (a ?? 0) + (f(p) as number)), null);

  const header = (
    <tr>
      {COLUMNS.map((c) => (
        <th key={c.key} className={c.text ? 'text' : ''} aria-sort={sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none'} scope="col">
          <button type="button" onClick={() => setSort((s) => ({ key: c.key, desc: s.key === c.key ? !s.desc : !c.text }))} data-testid={`sort-${c.key}`}>
            {c.label}<span className="sort-mark" aria-hidden="true">{sort.key === c.key ? (sort.desc ? ' ▼' : ' ▲') : ''}</span>
          </button>
        </th>
      ))}
      {showExit && <th scope="col">Exit</th>}
      <th className="text" scope="col"><span className="sr-only">Actions</span></th>
    </tr>
  );

  const panelTitle = !action ? '' : action.kind === 'add' ? 'Add a position' : `${{ edit: 'Edit', close: 'Close', delete: 'Delete', tags: 'Tags of' }[action.kind]} ${action.position.symbol}`;

  return (
    <div className="stack positions-page">
      <div className="page-head">
        <h1>Positions</h1>
        <span className="muted">{current.name}</span>
        {overview.data && <Provenance asOf={overview.data.as_of} provenance={overview.data.provenance} />}
      </div>

      {positions.data && (
        <div className="stats" data-testid="positions-stats">
          <Stat label="Open positions" value={open.length} note={`${positions.data.length - open.length} closed`} testId="stat-open" />
          <Stat label="Market value" value={money(sumOf((p) => p.market_value))} note="sum of the open positions" />
          <Stat label="Unrealized P&L" value={money(sumOf((p) => p.unrealized_pnl), { signed: true })} tone={tone(sumOf((p) => p.unrealized_pnl))} note="open positions" />
          <Stat label="Equity" value={money(equity)} note={overview.data?.as_of ? `as of ${overview.data.as_of}` : 'not computed yet'} />
        </div>
      )}

      {notice && (
        <div className="notice-ok" role="status" data-testid="notice">
          <span>{notice}</span>
          <button type="button" className="link" onClick={() => setNotice(null)}>Dismiss</button>
        </div>
      )}

      <Card
        title="Book"
        className="positions-card"
        actions={<button type="button" onClick={() => setAction({ kind: 'add' })} data-testid="add-position">Add position</button>}
      >
        <div className="toolbar">
          <label>Filter <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Symbol or tag" data-testid="filter" /></label>
          <label>Show
            <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)} data-testid="status">
              <option value="open">Open</option><option value="closed">Closed</option><option value="all">All</option>
            </select>
          </label>
          <label>Group by
            <select value={groupBy} onChange={(e) => setGroupBy(e.target.value as GroupBy)} data-testid="group-by">
              {Object.entries(GROUPS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
            </select>
          </label>
          {positions.loading && positions.data && <span className="muted" role="status">Refreshing…</span>}
        </div>

        {action && (
          <div className="action-panel" ref={panel} data-testid="action-panel">
            <h3>{panelTitle}</h3>
            {action.kind === 'add' && <AddPosition portfolioId={id} tags={allTags} defaultDate={today} onDone={done} onCancel={() => setAction(null)} />}
            {action.kind === 'edit' && <EditPosition key={action.position.id} position={action.position} onDone={done} onCancel={() => setAction(null)} />}
            {action.kind === 'close' && <ClosePosition key={action.position.id} position={action.position} defaultDate={today} onDone={done} onCancel={() => setAction(null)} />}
            {action.kind === 'delete' && <DeletePosition key={action.position.id} position={action.position} onDone={done} onCancel={() => setAction(null)} />}
            {action.kind === 'tags' && <PositionTags key={action.position.id} position={action.position} tags={allTags} onDone={done} onCancel={() => setAction(null)} />}
          </div>
        )}

        {(
          <Loaded state={positions} what="Loading the positions">
            {(all) => !all || all.length === 0 ? (
              <Empty>No positions yet: add one above, or import a CSV file below.</Empty>
            ) : shown.length === 0 ? (
              <Empty>No {status === 'all' ? '' : `${status} `}positions match{filter ? ` “${filter}”` : ''}.</Empty>
            ) : (
              <>
                <p className="muted small" data-testid="row-count">
                  {shown.length} of {all.length} positions{groupBy === 'tag' ? ' (a position with several tags is in each of their groups)' : ''}
                </p>
                <div className="table-wrap">
                  <table className="positions-table" data-testid="positions-table">
                    <thead>{header}</thead>
                    {groups ? groups.map(([key, items]) => (
                      <tbody key={key}>
                        <Subtotal label={groupBy === 'type' ? `${TYPE_LABEL[key as Position['position_type']] ?? key}` : key} items={items} equity={equity} batch={batchGroups.find((g) => g.key === key)} span={span} />
                        {items.map((p) => <Row key={p.id} p={p} equity={equity} showExit={showExit} act={setAction} />)}
                      </tbody>
                    )) : (
                      <tbody>{shown.map((p) => <Row key={p.id} p={p} equity={equity} showExit={showExit} act={setAction} />)}</tbody>
                    )}
                  </table>
                </div>
              </>
            )}
          </Loaded>
        )}
      </Card>

      <div className="grid-2">
        <Card title="Import from CSV"><ImportCsv portfolioId={id} onDone={done} /></Card>
        <div className="stack">
          <Card title="Tags">
            <Loaded state={tags} what="Loading your tags">
              {(ts) => (
                <div className="stack-sm">
                  {ts.length === 0 ? <Empty>No tags yet.</Empty> : (
                    <ul className="tag-list" data-testid="tag-list">
                      {ts.map((t) => <li key={t.id}><TagPill tag={t} /> <span className="muted small">{t.tag_type === 'STRATEGY' ? 'strategy, ' : ''}{t.usage_count} position{t.usage_count === 1 ? '' : 's'}</span></li>)}
                    </ul>
                  )}
                  <CreateTag onDone={done} />
                </div>
              )}
            </Loaded>
          </Card>
          <Card title="Exports"><Exports portfolioId={id} /></Card>
        </div>
      </div>

      <Card title="Dollar Greeks by underlying">
        <p className="muted small">
          Each underlying's stock and options together (the table above has each position's).{exposures.data?.as_of ? ` As of ${exposures.data.as_of}.` : ''}
        </p>
        <Loaded state={exposures} what="Loading the Greeks">
          {(e) => (e && e.as_of ? <GreeksTable exposures={e} /> : <Empty>No risk results yet: the batch computes them within seconds of adding positions.</Empty>)}
        </Loaded>
      </Card>
    </div>
  );
}
