import { useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, ok, type History, type Overview } from '../api';
import { Chart } from '../components/Chart';
import { Card, Empty, Loaded, messageOf, Stat, useLoad } from '../components/ui';
import { DASH, money, moneyShort, num, pct, tone } from '../format';
import { usePortfolios } from '../portfolio';

const RANGES = ['1M', '3M', 'YTD', '1Y', 'All'] as const;
type Range = (typeof RANGES)[number];

/** The first day of `range` ending on `asOf`. */
function rangeStart(range: Range, asOf: string): string | undefined {
  const d = new Date(`${asOf}T00:00:00Z`);
  if (range === 'All') return undefined;
  if (range === 'YTD') return `${asOf.slice(0, 4)}-01-01`;
  d.setUTCMonth(d.getUTCMonth() - (range === '1M' ? 1 : range === '3M' ? 3 : 12));
  return d.toISOString().slice(0, 10);
}

/** Where the numbers come from: the as-of day, and a clear label when any price was synthetic or stale. */
export function Provenance({ asOf, provenance }: { asOf: string | null; provenance: Overview['provenance'] }) {
  if (!asOf || !provenance) return null;
  return (
    <p className="provenance" data-testid="provenance">
      As of <strong>{asOf}</strong>
      {provenance.inputs_date && provenance.inputs_date !== asOf && <> (prices of {provenance.inputs_date})</>}
      {provenance.synthetic && <span className="pill synthetic" title="Made-up prices of the demo market, not market data">Synthetic prices</span>}
      {provenance.stale && <span className="pill warn" title="Some prices are older than the as-of day">Stale prices</span>}
      {!provenance.synthetic && !provenance.stale && <span className="pill ok">Current prices</span>}
    </p>
  );
}

function HistoryChart({ items }: { items: History['items'] }) {
  const option = useMemo(() => ({
    tooltip: { trigger: 'axis' as const },
    legend: { top: 0, data: ['Equity', 'Daily P&L'], textStyle: { color: '#cbd5e1' } },
    grid: { left: 70, right: 70, top: 56, bottom: 30 },
    xAxis: { type: 'category' as const, data: items.map((i) => i.date) },
    yAxis: [
      { type: 'value' as const, name: 'Equity', scale: true, axisLabel: { formatter: (v: number) => moneyShort(v) } },
      { type: 'value' as const, name: 'P&L', axisLabel: { formatter: (v: number) => moneyShort(v) }, splitLine: { show: false } },
    ],
    series: [
      { name: 'Equity', type: 'line' as const, data: items.map((i) => i.equity), showSymbol: false, smooth: false, lineStyle: { width: 2 }, color: '#38bdf8' },
      { name: 'Daily P&L', type: 'bar' as const, yAxisIndex: 1, data: items.map((i) => ({ value: i.daily_pnl, itemStyle: { color: (i.daily_pnl ?? 0) >= 0 ? '#22c55e' : '#ef4444' } })) },
    ],
  }), [items]);
  return <Chart option={option} label="Equity and daily P&L history" />;
}

function CreatePortfolio() {
  const { reload } = usePortfolios();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await ok(api.POST('/api/v1/portfolios', { body: { name: name.trim() } }));
      reload();
    } catch (err) {
      setError(messageOf(err));
    }
  }
  return (
    <Card title="Create your first portfolio">
      <form className="form inline" onSubmit={submit}>
        <label>Name <input value={name} onChange={(e) => setName(e.target.value)} required /></label>
        <button type="submit">Create</button>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
    </Card>
  );
}

/** The book at a glance: value, P&L, exposures, beta, volatility, VaR, and the history. */
export function OverviewPage() {
  const { current, list, error: listError } = usePortfolios();
  const [range, setRange] = useState<Range>('3M');
  const [deltaAdjusted, setDeltaAdjusted] = useState(false);
  const id = current?.id;
  const overview = useLoad(async () => (id ? ok(api.GET('/api/v1/portfolios/{id}/overview', { params: { path: { id } } })) : null), [id]);
  const exposures = useLoad(async () => (id ? ok(api.GET('/api/v1/portfolios/{id}/exposures', { params: { path: { id } } })) : null), [id]);
  const asOf = overview.data?.as_of ?? null;
  const history = useLoad(async () => (id && asOf ? ok(api.GET('/api/v1/portfolios/{id}/history', { params: { path: { id }, query: { from: rangeStart(range, asOf) } } })) : null), [id, asOf, range]);

  if (listError) return <p className="error" role="alert">Could not load your portfolios: {listError}</p>;
  if (list && list.length === 0) return <CreatePortfolio />;
  if (!current) return <p className="muted" role="status">Loading…</p>;

  // Delta-adjusted long/short/gross from the exposures by position type (each position is in one type).
  const byType = exposures.data?.by?.positionType ?? [];
  const delta = byType.reduce((a, g) => ({ long: a.long + (g.deltaLong ?? 0), short: a.short + (g.deltaShort ?? 0), gross: a.gross + (g.deltaGross ?? 0), net: a.net + (g.deltaNet ?? 0) }), { long: 0, short: 0, gross: 0, net: 0 });

  return (
    <div className="stack">
      <div className="page-head">
        <h1>{current.name}</h1>
        {overview.data && <Provenance asOf={overview.data.as_of} provenance={overview.data.provenance} />}
      </div>
      <Loaded state={overview} what="Loading the overview">
        {(o) => !o || !o.as_of || !o.value ? (
          <Empty>
            No risk results yet for this portfolio: the batch computes them within seconds of adding positions dated on or before its last computed
            day, and nightly; on a new installation it first computes the history (its progress is on the <Link to="/status">status page</Link>).
          </Empty>
        ) : (
          <>
            <div className="stats" data-testid="overview-stats">
              <Stat label="Equity" value={money(o.value.equity)} note={`market value ${money(o.value.market_value)}, cash ${money(o.value.cash)}`} testId="stat-equity" />
              <Stat label="P&L today" value={money(o.pnl?.daily, { signed: true })} tone={tone(o.pnl?.daily)} note={pct(o.pnl?.daily_return, { signed: true })} />
              <Stat label="P&L since entry" value={money(o.pnl?.total, { signed: true })} tone={tone(o.pnl?.total)} note={`realized ${money(o.pnl?.realized)}, unrealized ${money(o.pnl?.unrealized)}; time-weighted return ${pct(o.pnl?.time_weighted_return, { signed: true })}`} />
              <Stat label="Beta (SPY)" value={num(o.risk?.beta.value)} note={o.risk?.beta.method} />
              <Stat label="Volatility" value={pct(o.risk?.volatility.annualized)} note="annualized" />
              <Stat
                label={o.risk?.var ? `VaR ${pct(o.risk.var.confidence, { digits: 0 })} ${o.risk.var.horizon_days}d` : 'VaR'}
                value={money(o.risk?.var?.value)}
                note={o.risk?.var ? `CVaR ${money(o.risk.var.cvar)}, ${o.risk.var.method}` : DASH}
                testId="stat-var"
              />
            </div>
            <Card
              title="Exposure"
              actions={
                <div className="toggle" role="group" aria-label="Exposure measure">
                  <button type="button" className={!deltaAdjusted ? 'on' : ''} aria-pressed={!deltaAdjusted} onClick={() => setDeltaAdjusted(false)}>Notional</button>
                  <button type="button" className={deltaAdjusted ? 'on' : ''} aria-pressed={deltaAdjusted} onClick={() => setDeltaAdjusted(true)}>Delta-adjusted</button>
                </div>
              }
            >
              <div className="stats" data-testid="exposure-stats">
                {(deltaAdjusted
                  ? (byType.length > 0 ? [['Long', delta.long], ['Short', delta.short], ['Gross', delta.gross], ['Net', delta.net]] : [['Long', null], ['Short', null], ['Gross', null], ['Net', o.exposures?.delta_adjusted]])
                  : [['Long', o.exposures?.long], ['Short', o.exposures?.short], ['Gross', o.exposures?.gross], ['Net', o.exposures?.net]]
                ).map(([label, v]) => (
                  <Stat key={label as string} label={label as string} value={money(v as number)} note={o.value?.equity && typeof v === 'number' ? `${pct(v / o.value.equity, { digits: 1 })} of equity` : undefined} />
                ))}
              </div>
            </Card>
          </>
        )}
      </Loaded>
      {asOf && (
        <Card
          title="Equity and P&L"
          actions={
            <div className="toggle" role="group" aria-label="History range">
              {RANGES.map((r) => <button key={r} type="button" className={r === range ? 'on' : ''} aria-pressed={r === range} onClick={() => setRange(r)}>{r}</button>)}
            </div>
          }
        >
          <Loaded state={history} what="Loading the history">
            {(h) => (h && h.items.length > 0 ? <HistoryChart items={h.items} /> : <Empty>No history in this range.</Empty>)}
          </Loaded>
        </Card>
      )}
    </div>
  );
}
