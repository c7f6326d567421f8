import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import { api, ok, type Json } from '../api';
import { Chart } from '../components/Chart';
import { Card, Empty, ErrorState, Loaded, Loading, messageOf, Stat, useLoad } from '../components/ui';
import { DASH, money, moneyShort, pct, tone } from '../format';
import { usePortfolios } from '../portfolio';
import { Provenance } from './Overview';
import { COLORS, factorLabel, shortSymbol } from './risk-labels';
import './risk.css';

type StressData = Json<'/api/v1/portfolios/{id}/stress', 'get'>;
type Scenario = StressData['scenarios'][number];
type Custom = Json<'/api/v1/portfolios/{id}/stress/custom', 'post'>;
type FactorName = 'market' | 'interest_rate' | 'oil';

const axisText = { color: COLORS.text };
const FACTOR_ORDER = ['market', 'interest_rate', 'oil'];
/** The stress model's factors in their usual order (the stored results keep them in no particular order). */
const byFactorOrder = <T extends { factor: string }>(xs: readonly T[]): T[] => [...xs].sort((a, b) => {
  const i = FACTOR_ORDER.indexOf(a.factor), j = FACTOR_ORDER.indexOf(b.factor);
  return (i < 0 ? 99 : i) - (j < 0 ? 99 : j) || a.factor.localeCompare(b.factor);
});

/** A signed P&L cell. */
const Pnl = ({ v }: { v: number | null | undefined }) => <span className={tone(v)}>{money(v, { signed: true })}</span>;

// ---------------------------------------------------------------- stored scenarios

function ScenarioDetail({ s }: { s: Scenario }) {
  const positions = [...s.positions].filter((p) => p.direct_pnl !== null || p.correlated_pnl !== null)
    .sort((a, b) => Math.abs(b.correlated_pnl ?? 0) - Math.abs(a.correlated_pnl ?? 0));
  return (
    <div className="scenario-detail">
      <div className="table-wrap">
        <table>
          <caption>Per factor</caption>
          <thead><tr><th>Factor</th><th>Shock</th><th>Correlated shock</th><th>Direct P&amp;L</th><th>Correlated P&amp;L</th></tr></thead>
          <tbody>
            {byFactorOrder(s.factors).map((f) => (
              <tr key={f.factor}>
                <td>{factorLabel(f.factor)}</td><td>{pct(f.shock, { signed: true })}</td><td>{pct(f.correlated_shock, { signed: true })}</td>
                <td><Pnl v={f.direct_pnl} /></td><td><Pnl v={f.correlated_pnl} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-wrap">
        <table>
          <caption>Per position (largest correlated P&amp;L first)</caption>
          <thead><tr><th>Position</th><th>Direct P&amp;L</th><th>Correlated P&amp;L</th></tr></thead>
          <tbody>
            {positions.map((p) => (
              <tr key={p.position_id}><td>{shortSymbol(p.symbol)}</td><td><Pnl v={p.direct_pnl} /></td><td><Pnl v={p.correlated_pnl} /></td></tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">Factor shocks are factor returns (the interest-rate factor&apos;s is its bond-ETF proxy&apos;s return, −duration × yield change). Per factor P&amp;L is first order (delta dollars × beta × shock); the total also holds the options&apos; full revaluation.</p>
    </div>
  );
}

function ScenarioSection({ data }: { data: StressData }) {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (id: string) => setOpen((o) => {
    const n = new Set(o);
    if (n.has(id)) n.delete(id);
    else n.add(id);
    return n;
  });
  const option = useMemo(() => {
    const rows = [...data.scenarios].reverse();
    return {
      tooltip: { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const }, valueFormatter: (v: unknown) => money(v as number) },
      legend: { top: 0, data: ['Direct', 'Correlated'], textStyle: axisText },
      grid: { left: 150, right: 30, top: 30, bottom: 30 },
      xAxis: { type: 'value' as const, axisLabel: { ...axisText, formatter: (v: number) => moneyShort(v) }, splitLine: { lineStyle: { color: COLORS.line } } },
      yAxis: { type: 'category' as const, data: rows.map((s) => s.name), axisLabel: { ...axisText, fontSize: 11 } },
      series: [
        { name: 'Direct', type: 'bar' as const, data: rows.map((s) => s.direct_pnl), color: COLORS.accent },
        { name: 'Correlated', type: 'bar' as const, data: rows.map((s) => s.correlated_pnl), color: COLORS.violet },
      ],
    };
  }, [data]);
  if (data.scenarios.length === 0) return <Card title="Stored scenarios"><Empty>No stress results stored for this day (the positions may lack factor betas, or the factor covariance is missing).</Empty></Card>;
  return (
    <Card title="Stored scenarios">
      <div className="table-wrap">
        <table data-testid="scenario-table" className="scenario-table">
          <thead>
            <tr><th>Scenario</th><th className="text">Type</th><th>Direct P&amp;L</th><th>Direct %</th><th>Correlated P&amp;L</th><th>Correlated %</th></tr>
          </thead>
          <tbody>
            {data.scenarios.map((s) => {
              const isOpen = open.has(s.scenario_id);
              return (
                <Fragment key={s.scenario_id}>
                  <tr data-testid="scenario-row">
                    <td>
                      <button type="button" className="expander" aria-expanded={isOpen} aria-controls={`scenario-${s.scenario_id}`} onClick={() => toggle(s.scenario_id)} title={isOpen ? 'Hide the details' : 'Show the P&L per factor and per position'}>
                        <span className="caret" aria-hidden="true">{isOpen ? '▾' : '▸'}</span>{s.name}
                      </button>
                    </td>
                    <td className="text muted">{s.type}</td>
                    <td><Pnl v={s.direct_pnl} /></td><td className={tone(s.direct_return)}>{pct(s.direct_return, { signed: true })}</td>
                    <td><Pnl v={s.correlated_pnl} /></td><td className={tone(s.correlated_return)}>{pct(s.correlated_return, { signed: true })}</td>
                  </tr>
                  {isOpen && (
                    <tr className="detail-row" id={`scenario-${s.scenario_id}`}>
                      <td colSpan={6}><ScenarioDetail s={s} /></td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted small">Returns on equity {money(data.scenarios[0]?.portfolio_value)}. Correlated P&amp;L moves the factors the scenario does not shock by their conditional expectation under the stored factor covariance.</p>
      <div data-testid="scenario-chart" className="scenario-chart">
        <Chart option={option} height={Math.max(260, data.scenarios.length * 34 + 60)} label="Direct and correlated P&L of every stored scenario" />
      </div>
    </Card>
  );
}

// ---------------------------------------------------------------- custom scenario

interface Shocks {
  factors: Record<string, number>;
  spot: number;
  vol: number;
  pinned: boolean;
}
const NO_SHOCK: Shocks = { factors: {}, spot: 0, vol: 0, pinned: false };

/** A labelled range input with its value shown. */
function Slider({ id, label, value, min, max, step, onChange, display, note }: {
  id: string; label: string; value: number; min: number; max: number; step: number; onChange: (v: number) => void; display: string; note?: string;
}) {
  return (
    <div className="slider">
      <label htmlFor={id}>{label}</label>
      <output htmlFor={id} className={tone(value)}>{display}</output>
      <input id={id} type="range" min={min} max={max} step={step} value={value} onChange={(e) => onChange(Number(e.target.value))} data-testid={id} aria-valuetext={display} />
      {note && <span className="muted slider-note">{note}</span>}
    </div>
  );
}

function CustomScenario({ id }: { id: string }) {
  const [shocks, setShocks] = useState<Shocks>(NO_SHOCK);
  const [result, setResult] = useState<Custom | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const latest = useRef(0);
  useEffect(() => {
    const n = ++latest.current;
    setBusy(true);
    // Debounced: one call ~150 ms after the sliders stop.
    const timer = setTimeout(() => {
      const names = result?.factors.map((f) => f.factor) ?? [];
      const factor_shocks: Partial<Record<FactorName, number>> = {};
      for (const f of names) {
        const v = shocks.factors[f] ?? 0;
        // Factors left at 0 follow the shocked ones in the correlated P&L, unless held at 0.
        if (v !== 0 || shocks.pinned) factor_shocks[f as FactorName] = v;
      }
      ok(api.POST('/api/v1/portfolios/{id}/stress/custom', { params: { path: { id } }, body: { factor_shocks, spot_shock: shocks.spot, vol_shock: shocks.vol } }))
        .then((r) => { if (n === latest.current) { setResult(r); setError(null); } })
        .catch((e: unknown) => { if (n === latest.current) setError(messageOf(e)); })
        .finally(() => { if (n === latest.current) setBusy(false); });
    }, 150);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, shocks]);

  if (!result) return error ? <ErrorState error={error} retry={() => setShocks({ ...shocks })} /> : <Loading what="Loading the custom scenario" />;
  const factors = result.factors;
  const set = (patch: Partial<Shocks>) => setShocks((s) => ({ ...s, ...patch }));
  const positions = [...result.positions].sort((a, b) => Math.abs(b.correlated_pnl ?? b.direct_pnl) - Math.abs(a.correlated_pnl ?? a.direct_pnl)).slice(0, 12);
  const hasOptions = result.nonlinear_pnl !== null;
  return (
    <div className="custom">
      <div className="sliders" role="group" aria-label="Custom shocks">
        {factors.map((f) => {
          const v = shocks.factors[f.factor] ?? 0;
          const bp = f.duration ? (-v / f.duration) * 10_000 : null;
          return (
            <Slider
              key={f.factor} id={`shock-${f.factor}`} label={`${factorLabel(f.factor)} factor return`} value={v} min={f.factor === 'interest_rate' ? -0.1 : -0.3} max={f.factor === 'interest_rate' ? 0.1 : 0.3}
              step={f.factor === 'interest_rate' ? 0.0025 : 0.005} onChange={(x) => set({ factors: { ...shocks.factors, [f.factor]: x } })} display={pct(v, { digits: f.factor === 'interest_rate' ? 2 : 1, signed: true })}
              note={bp !== null ? `≈ ${bp > 0 ? '+' : ''}${bp.toFixed(0)} bp of yield (proxy duration ${f.duration?.toFixed(1)} y)` : undefined}
            />
          );
        })}
        <Slider id="shock-spot" label="Spot move of every underlying" value={shocks.spot} min={-0.3} max={0.3} step={0.01} onChange={(x) => set({ spot: x })} display={pct(shocks.spot, { digits: 0, signed: true })} note="added to each underlying's factor-implied move" />
        <Slider id="shock-vol" label="Volatility move (options)" value={shocks.vol} min={-0.2} max={0.4} step={0.01} onChange={(x) => set({ vol: x })} display={`${shocks.vol > 0 ? '+' : ''}${Math.round(shocks.vol * 100)} vol pts`} note="absolute change of every option's volatility" />
      </div>
      <div className="custom-controls">
        <label className="check"><input type="checkbox" checked={shocks.pinned} onChange={(e) => set({ pinned: e.target.checked })} /> Hold the factors left at 0 at 0 (no correlated moves)</label>
        <button type="button" className="secondary" onClick={() => setShocks(NO_SHOCK)}>Reset</button>
        <span className="muted" role="status" aria-live="polite">{busy ? 'Computing…' : ''}</span>
      </div>
      {error && <ErrorState error={error} />}
      <div className="stats" data-testid="custom-result">
        <Stat label="Direct P&L" value={<Pnl v={result.direct_pnl} />} note={pct(result.direct_return, { signed: true })} testId="custom-direct" />
        <Stat label="Correlated P&L" value={<Pnl v={result.correlated_pnl} />} note={pct(result.correlated_return, { signed: true })} testId="custom-correlated" />
        <Stat label="Options' non-linear part" value={hasOptions ? <Pnl v={result.nonlinear_pnl?.direct} /> : DASH} note="direct: total − first order (gamma, vega)" />
      </div>
      <div className="grid-2 custom-tables">
        <div className="table-wrap">
          <table>
            <caption>Per factor</caption>
            <thead><tr><th>Factor</th><th>Shock</th><th>Correlated shock</th><th>Direct P&amp;L</th><th>Correlated P&amp;L</th></tr></thead>
            <tbody>
              {factors.map((f) => (
                <tr key={f.factor}>
                  <td>{factorLabel(f.factor)}</td><td>{pct(f.shock, { signed: true })}</td><td>{pct(f.correlated_shock, { signed: true })}</td>
                  <td><Pnl v={f.direct_pnl} /></td><td><Pnl v={f.correlated_pnl} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="table-wrap">
          <table>
            <caption>Largest position P&amp;L</caption>
            <thead><tr><th>Position</th><th>Direct P&amp;L</th><th>Correlated P&amp;L</th></tr></thead>
            <tbody>
              {positions.map((p) => <tr key={p.position_id}><td>{shortSymbol(p.symbol)}</td><td><Pnl v={p.direct_pnl} /></td><td><Pnl v={p.correlated_pnl} /></td></tr>)}
            </tbody>
          </table>
        </div>
      </div>
      {result.warnings.length > 0 && (
        <details className="warnings"><summary>{result.warnings.length} position{result.warnings.length === 1 ? '' : 's'} left out</summary><ul>{result.warnings.map((w) => <li key={w}>{w}</li>)}</ul></details>
      )}
      <p className="muted small">
        Computed by the server from the stored results of {result.as_of ?? DASH} with the stored scenarios&apos; model: each underlying moves by its single-factor betas
        (market, interest rate, oil) times the factor returns, plus the spot move; stocks are linear and options are revalued in full (Black-Scholes-Merton) at the
        shocked spot and volatility. Correlated P&amp;L moves the factors left at 0 by their conditional expectation under the stored factor covariance. The style
        factors (momentum, value, growth, quality, size, low volatility) are not in the stress model, so they have no slider.
      </p>
    </div>
  );
}

// ---------------------------------------------------------------- page

/** The stored stress scenarios of the current portfolio, and a custom scenario recomputed as the sliders move. */
export function StressPage() {
  const { current, list, error: listError } = usePortfolios();
  const id = current?.id;
  const stress = useLoad(async () => (id ? ok(api.GET('/api/v1/portfolios/{id}/stress', { params: { path: { id } } })) : null), [id]);

  if (listError) return <p className="error" role="alert">Could not load your portfolios: {listError}</p>;
  if (list && list.length === 0) return <Empty>No portfolio yet: create one on the overview page.</Empty>;
  if (!current || !id) return <p className="muted" role="status">Loading…</p>;
  const head = stress.data;
  return (
    <div className="stack stress-page">
      <div className="page-head">
        <h1>Stress · {current.name}</h1>
        {head?.as_of && <Provenance asOf={head.as_of} provenance={head.provenance} />}
      </div>
      <Loaded state={stress} what="Loading the stress results">
        {(s) => (!s || s.as_of === null ? (
          <Empty>No stress results yet for this portfolio: the batch computes them within seconds of adding positions (and nightly).</Empty>
        ) : (
          <>
            <ScenarioSection data={s} />
            <Card title="Custom scenario"><CustomScenario id={id} /></Card>
          </>
        ))}
      </Loaded>
    </div>
  );
}
