import { useMemo, useState } from 'react';
import { api, ok, type History, type Json } from '../api';
import { Chart } from '../components/Chart';
import { Card, Empty, Loaded, Stat, useLoad } from '../components/ui';
import { DASH, count, money, moneyShort, num, pct, tone } from '../format';
import { usePortfolios } from '../portfolio';
import { Provenance } from './Overview';
import { COLORS, factorLabel, groupLabel, methodLabel, shortSymbol } from './risk-labels';
import './risk.css';

type Factors = Json<'/api/v1/portfolios/{id}/factor-exposures', 'get'>;
type RiskData = Json<'/api/v1/portfolios/{id}/risk', 'get'>;
type Correlations = Json<'/api/v1/portfolios/{id}/correlations', 'get'>;
type Exposures = Json<'/api/v1/portfolios/{id}/exposures', 'get'>;

const axisText = { color: COLORS.text };
const splitLine = { lineStyle: { color: COLORS.line } };

/** A two-way toggle of real buttons. */
function Toggle<T extends string>({ value, options, onChange, label }: { value: T; options: readonly (readonly [T, string])[]; onChange: (v: T) => void; label: string }) {
  return (
    <div className="toggle" role="group" aria-label={label}>
      {options.map(([v, text]) => <button key={v} type="button" className={v === value ? 'on' : ''} aria-pressed={v === value} onClick={() => onChange(v)}>{text}</button>)}
    </div>
  );
}

// ---------------------------------------------------------------- factor exposures

function FactorSection({ data }: { data: Factors }) {
  const [measure, setMeasure] = useState<'beta' | 'dollars'>('beta');
  const factors = data.portfolio;
  const totalContribution = factors.reduce((a, f) => a + (f.variance_contribution ?? 0), 0);
  const option = useMemo(() => {
    const rows = [...factors].reverse();
    return {
      animation: false,
      tooltip: { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const }, valueFormatter: (v: unknown) => (measure === 'beta' ? num(v as number, 3) : money(v as number)) },
      grid: { left: 110, right: 30, top: 10, bottom: 30 },
      xAxis: { type: 'value' as const, axisLabel: { ...axisText, formatter: (v: number) => (measure === 'beta' ? num(v, 2) : moneyShort(v)) }, splitLine },
      yAxis: { type: 'category' as const, data: rows.map((f) => factorLabel(f.factor)), axisLabel: axisText },
      series: [{
        name: measure === 'beta' ? 'Beta' : 'Dollars', type: 'bar' as const,
        data: rows.map((f) => ({ value: measure === 'beta' ? f.beta : f.dollars, itemStyle: { color: (measure === 'beta' ? f.beta : f.dollars) >= 0 ? COLORS.accent : COLORS.amber } })),
      }],
    };
  }, [factors, measure]);
  const positions = data.positions;
  const columns = positions[0]?.exposures.map((e) => e.factor) ?? [];
  return (
    <>
      <Card title="Factor exposures" actions={<Toggle label="Exposure measure" value={measure} onChange={setMeasure} options={[['beta', 'Beta'], ['dollars', 'Dollars']] as const} />}>
        {factors.length === 0 ? <Empty>No factor exposures stored for this day.</Empty> : (
          <div className="risk-split">
            <div data-testid="factor-chart"><Chart option={option} height={Math.max(240, factors.length * 30 + 40)} label={`Portfolio factor exposures in ${measure}`} /></div>
            <div className="table-wrap">
              <table>
                <thead><tr><th>Factor</th><th>Beta</th><th>Dollars</th><th title="Share of the style factors' variance (b_k (S b)_k)">Risk contribution</th></tr></thead>
                <tbody>
                  {factors.map((f) => (
                    <tr key={f.factor}>
                      <td>{factorLabel(f.factor)}</td>
                      <td>{num(f.beta, 3)}</td>
                      <td className={tone(f.dollars)}>{money(f.dollars)}</td>
                      <td>{f.variance_contribution === null || totalContribution === 0 ? <span className="muted" title="Only the style model's factors have a variance contribution">{DASH}</span> : (
                        <span className="contribution"><span className="bar" style={{ width: `${Math.min(100, Math.abs(f.variance_contribution / totalContribution) * 100)}%` }} aria-hidden="true" />{pct(f.variance_contribution / totalContribution, { digits: 1 })}</span>
                      )}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="muted small">Beta = dollar exposure / equity. Risk contribution: each style factor&apos;s share of the style-factor variance b<sub>k</sub>(Σb)<sub>k</sub>; interest rate and oil are single-factor betas and carry none.</p>
            </div>
          </div>
        )}
      </Card>
      <Card title={`Factor exposures by position (${measure === 'beta' ? 'beta' : 'dollars'})`}>
        {positions.length === 0 || columns.length === 0 ? <Empty>No per-position factor exposures stored for this day.</Empty> : (
          <div className="table-wrap sticky-first" data-testid="position-factor-table">
            <table>
              <thead><tr><th>Position</th>{columns.map((c) => <th key={c}>{factorLabel(c)}</th>)}</tr></thead>
              <tbody>
                {positions.map((p) => (
                  <tr key={p.position_id}>
                    <td>{shortSymbol(p.symbol)}</td>
                    {p.exposures.map((e) => {
                      const v = measure === 'beta' ? e.beta : e.dollars;
                      return <td key={e.factor} className={measure === 'dollars' ? tone(v) : ''}>{measure === 'beta' ? num(v, 2) : money(v)}</td>;
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}

// ---------------------------------------------------------------- correlations

function CorrelationSection({ data }: { data: Correlations }) {
  const n = data.positions.length;
  const option = useMemo(() => {
    const labels = data.positions.map((p) => shortSymbol(p.symbol));
    const cells: [number, number, number | '-'][] = [];
    data.matrix.forEach((row, i) => row.forEach((v, j) => cells.push([j, i, v === null ? '-' : Math.round(v * 100) / 100])));
    return {
      tooltip: { position: 'top' as const, formatter: (p: unknown) => {
        const [x, y, v] = (p as { value: [number, number, number | '-'] }).value;
        return `${labels[y]} × ${labels[x]}: ${v === '-' ? DASH : num(v, 2)}`;
      } },
      grid: { left: 150, right: 70, top: 10, bottom: 140 },
      xAxis: { type: 'category' as const, data: labels, axisLabel: { ...axisText, rotate: 90, fontSize: 10, interval: 0 }, splitArea: { show: true } },
      yAxis: { type: 'category' as const, data: labels, inverse: true, axisLabel: { ...axisText, fontSize: 10, interval: 0 }, splitArea: { show: true } },
      visualMap: { min: -1, max: 1, calculable: true, orient: 'horizontal' as const, left: 150, bottom: 0, itemHeight: 120, textStyle: axisText, inRange: { color: ['#2563eb', '#1e293b', '#dc2626'] } },
      series: [{ name: 'Correlation', type: 'heatmap' as const, data: cells, label: { show: n <= 12, fontSize: 9, color: '#e2e8f0' }, emphasis: { itemStyle: { borderColor: '#fff', borderWidth: 1 } } }],
    };
  }, [data, n]);
  return (
    <Card title="Correlations">
      <div className="stats">
        <Stat label="Average correlation" value={num(data.average, 2)} note="mean over pairs of positions" />
        <Stat label="Diversification score" value={num(data.diversification_score, 2)} note="1 − portfolio σ / Σ|x|σ" />
        <Stat label="Observations" value={count(data.observations)} note="daily returns, complete cases" />
      </div>
      {data.matrix.length === 0 ? <Empty>No correlation matrix stored for this day (too little history, or fewer than two positions).</Empty> : (
        <>
        <p className="muted small heatmap-hint">Scroll sideways to see every column.</p>
        <div className="heatmap-scroll" data-testid="correlation-heatmap">
          <div style={{ minWidth: Math.max(320, n * 22 + 170) }}>
            <Chart option={option} height={Math.max(360, n * 22 + 160)} label="Correlation heatmap of the positions' returns" />
          </div>
        </div>
        </>
      )}
    </Card>
  );
}

// ---------------------------------------------------------------- concentration and exposures by group

type Concentration = { hhi?: number; effectiveN?: number; top5?: number; weights?: { underlying: string; weight: number }[] };

function ConcentrationSection({ data }: { data: Exposures }) {
  const c = (data.concentration ?? {}) as Concentration;
  const weights = useMemo(() => (c.weights ?? []).slice(0, 10), [c.weights]);
  const option = useMemo(() => {
    const rows = [...weights].reverse();
    return {
      tooltip: { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const }, valueFormatter: (v: unknown) => pct(v as number, { digits: 1 }) },
      grid: { left: 60, right: 30, top: 10, bottom: 30 },
      xAxis: { type: 'value' as const, axisLabel: { ...axisText, formatter: (v: number) => pct(v, { digits: 0 }) }, splitLine },
      yAxis: { type: 'category' as const, data: rows.map((w) => w.underlying), axisLabel: axisText },
      series: [{ name: 'Weight', type: 'bar' as const, data: rows.map((w) => w.weight), color: COLORS.accent }],
    };
  }, [weights]);
  return (
    <Card title="Concentration">
      <div className="stats">
        <Stat label="HHI" value={num(c.hhi, 3)} note="on net delta dollars by underlying" />
        <Stat label="Effective N" value={num(c.effectiveN, 1)} note="1 / HHI" />
        <Stat label="Top 5 weight" value={pct(c.top5, { digits: 1 })} note="share of the five largest underlyings" />
      </div>
      {weights.length === 0 ? <Empty>No concentration stored for this day.</Empty> : (
        <div data-testid="concentration-chart" className="concentration-chart">
          <h3>Largest underlyings (share of |net delta dollars|)</h3>
          <Chart option={option} height={Math.max(220, weights.length * 26 + 50)} label="Weights of the largest underlyings" />
        </div>
      )}
    </Card>
  );
}

function ExposureSection({ data }: { data: Exposures }) {
  const groups = Object.keys(data.by ?? {});
  const [group, setGroup] = useState<string>(groups.includes('sector') ? 'sector' : groups[0] ?? 'sector');
  const rows = [...(data.by?.[group] ?? [])].sort((a, b) => Math.abs(b.gross ?? 0) - Math.abs(a.gross ?? 0));
  return (
    <Card
      title="Exposures"
      actions={groups.length > 0 && (
        <label className="inline-select">Group by{' '}
          <select value={group} onChange={(e) => setGroup(e.target.value)} data-testid="exposure-group">
            {groups.map((g) => <option key={g} value={g}>{groupLabel(g)}</option>)}
          </select>
        </label>
      )}
    >
      {rows.length === 0 ? <Empty>No exposures stored for this day.</Empty> : (
        <div className="table-wrap" data-testid="exposure-table">
          <table>
            <thead><tr><th>{groupLabel(group)}</th><th>Positions</th><th>Long</th><th>Short</th><th>Gross</th><th>Net</th><th>Delta long</th><th>Delta short</th><th>Delta net</th></tr></thead>
            <tbody>
              {rows.map((g) => (
                <tr key={g.key}>
                  <td>{g.key}</td><td>{count(g.positions)}</td><td>{money(g.long)}</td><td>{money(g.short)}</td><td>{money(g.gross)}</td>
                  <td className={tone(g.net)}>{money(g.net)}</td><td>{money(g.deltaLong)}</td><td>{money(g.deltaShort)}</td><td className={tone(g.deltaNet)}>{money(g.deltaNet)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted small">Market value and delta-adjusted (delta dollars) exposure; short figures are negative, gross = long − short.</p>
      {data.warnings.length > 0 && (
        <details className="warnings">
          <summary>{data.warnings.length} warning{data.warnings.length === 1 ? '' : 's'} of the computation</summary>
          <ul>{data.warnings.map((w) => <li key={w}>{w}</li>)}</ul>
        </details>
      )}
    </Card>
  );
}

// ---------------------------------------------------------------- volatility and drawdown

function VolatilitySection({ risk, items }: { risk: RiskData; items: History['items'] }) {
  const v = risk.volatility;
  const withEquity = useMemo(() => items.filter((i) => i.equity !== null), [items]);
  // The running drawdown of the served equity series: equity / running peak - 1 (presentation of the served numbers).
  const drawdown = useMemo(() => {
    let peak = -Infinity;
    return withEquity.map((i) => {
      peak = Math.max(peak, i.equity as number);
      return peak > 0 ? (i.equity as number) / peak - 1 : null;
    });
  }, [withEquity]);
  const ddOption = useMemo(() => ({
    tooltip: {
      trigger: 'axis' as const,
      formatter: (p: unknown) => {
        const i = (p as { dataIndex: number }[])[0]?.dataIndex ?? 0;
        return `${withEquity[i]?.date}<br/>Equity ${money(withEquity[i]?.equity)}<br/>Drawdown ${pct(drawdown[i])}`;
      },
    },
    grid: { left: 60, right: 20, top: 20, bottom: 30 },
    xAxis: { type: 'category' as const, data: withEquity.map((i) => i.date), axisLabel: axisText },
    yAxis: { type: 'value' as const, max: 0, axisLabel: { ...axisText, formatter: (x: number) => pct(x, { digits: 1 }) }, splitLine },
    series: [{ name: 'Drawdown', type: 'line' as const, data: drawdown, showSymbol: withEquity.length < 30, color: COLORS.neg, areaStyle: { opacity: 0.25 } }],
  }), [withEquity, drawdown]);
  const daily = v?.daily ?? null;
  const volOption = useMemo(() => ({
    tooltip: { trigger: 'axis' as const, valueFormatter: (x: unknown) => pct(x as number) },
    legend: { top: 0, data: ['Daily return', '+1σ (stored)', '−1σ (stored)'], textStyle: axisText },
    grid: { left: 60, right: 20, top: 56, bottom: 30 },
    xAxis: { type: 'category' as const, data: items.map((i) => i.date), axisLabel: axisText },
    yAxis: { type: 'value' as const, axisLabel: { ...axisText, formatter: (x: number) => pct(x, { digits: 1 }) }, splitLine },
    series: [
      { name: 'Daily return', type: 'bar' as const, data: items.map((i) => ({ value: i.daily_return, itemStyle: { color: (i.daily_return ?? 0) >= 0 ? COLORS.pos : COLORS.neg } })) },
      ...(daily === null ? [] : [
        { name: '+1σ (stored)', type: 'line' as const, data: items.map(() => daily), showSymbol: false, color: COLORS.violet, lineStyle: { type: 'dashed' as const } },
        { name: '−1σ (stored)', type: 'line' as const, data: items.map(() => -daily), showSymbol: false, color: COLORS.violet, lineStyle: { type: 'dashed' as const } },
      ]),
    ],
  }), [items, daily]);
  return (
    <Card title="Volatility and drawdown">
      <div className="stats">
        <Stat label="Volatility" value={pct(v?.annualized)} note={`annualized; ${pct(v?.daily)} daily`} />
        <Stat label="Sharpe" value={num(v?.sharpe)} note="annualized" />
        <Stat label="Sortino" value={num(v?.sortino)} note="annualized" />
        <Stat label="Max drawdown" value={pct(v?.max_drawdown)} tone={tone(v?.max_drawdown === null || v?.max_drawdown === undefined ? null : -Math.abs(v.max_drawdown))} note="today's holdings over the lookback" />
      </div>
      <p className="muted small">The figures above are the batch&apos;s, on the lookback returns of today&apos;s holdings ({count(risk.provenance?.history_observations)} days). The charts show the stored daily history: the drawdown is computed here from the served equity series (equity / running peak − 1).</p>
      {items.length === 0 ? <Empty>No history stored yet.</Empty> : (
        <div className="grid-2 charts">
          <div data-testid="drawdown-chart"><h3>Running drawdown of the stored equity</h3><Chart option={ddOption} label="Running drawdown of the stored equity history" /></div>
          <div data-testid="volatility-chart"><h3>Daily returns and the stored ±1σ daily volatility</h3><Chart option={volOption} label="Daily returns with the stored daily volatility band" /></div>
        </div>
      )}
    </Card>
  );
}

// ---------------------------------------------------------------- VaR

function VarSection({ risk }: { risk: RiskData }) {
  const keys = risk.component_var.map((c) => `${c.confidence}|${c.horizon_days}`);
  const [choice, setChoice] = useState(keys[0] ?? '');
  const chosen = risk.component_var.find((c) => `${c.confidence}|${c.horizon_days}` === choice) ?? risk.component_var[0];
  const componentRows = chosen ? [...chosen.positions].sort((a, b) => (b.component_var ?? -Infinity) - (a.component_var ?? -Infinity)) : [];
  const total = componentRows.reduce((a, p) => a + (p.component_var ?? 0), 0);
  return (
    <>
      <Card title="Value at risk">
        {risk.var.length === 0 ? <Empty>No VaR stored for this day (too little history).</Empty> : (
          <div className="table-wrap">
            <table data-testid="var-table">
              <thead><tr><th>Method</th><th>Confidence</th><th>Horizon</th><th>VaR</th><th>VaR return</th><th>CVaR</th><th>CVaR return</th><th>Sample</th></tr></thead>
              <tbody>
                {risk.var.map((v) => (
                  <tr key={`${v.method}-${v.confidence}-${v.horizon_days}`}>
                    <td>{methodLabel(v.method)}</td><td>{pct(v.confidence, { digits: 0 })}</td><td>{v.horizon_days} d</td>
                    <td>{money(v.var)}</td><td>{pct(v.var_return)}</td><td>{money(v.cvar)}</td><td>{pct(v.cvar_return)}</td><td>{count(v.sample_size)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="muted small">Positive dollar losses on equity {money(risk.var[0]?.portfolio_value)}. 10-day figures: historical on overlapping 10-day returns; Gaussian and Cornish-Fisher by square-root-of-time; Monte Carlo 10,000 delta-gamma draws.</p>
      </Card>
      <Card
        title="Component VaR"
        actions={keys.length > 0 && (
          <label className="inline-select">Confidence and horizon{' '}
            <select value={choice} onChange={(e) => setChoice(e.target.value)} data-testid="component-var-choice">
              {risk.component_var.map((c) => <option key={`${c.confidence}|${c.horizon_days}`} value={`${c.confidence}|${c.horizon_days}`}>{pct(c.confidence, { digits: 0 })}, {c.horizon_days} day{c.horizon_days === 1 ? '' : 's'}</option>)}
            </select>
          </label>
        )}
      >
        {!chosen ? <Empty>No component VaR stored for this day.</Empty> : (
          <>
            <p className="muted small">Method: {chosen.method}, {pct(chosen.confidence, { digits: 0 })} over {chosen.horizon_days} day{chosen.horizon_days === 1 ? '' : 's'}; the components sum to {money(total)}, the Gaussian VaR of the book's delta exposures (Euler allocation; the table above values options in full, so its Gaussian VaR differs).</p>
            <div className="table-wrap" data-testid="component-var-table">
              <table>
                <thead><tr><th>Position</th><th>Component VaR</th><th>Share</th><th>Component CVaR</th><th>Marginal VaR</th></tr></thead>
                <tbody>
                  {componentRows.map((p) => (
                    <tr key={p.position_id}>
                      <td>{shortSymbol(p.symbol)}</td><td className={tone(p.component_var === null ? null : -p.component_var)}>{money(p.component_var)}</td>
                      <td>{pct(p.percent_of_var, { digits: 1 })}</td><td>{money(p.component_cvar)}</td><td>{num(p.marginal_var, 4)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Card>
    </>
  );
}

// ---------------------------------------------------------------- Greeks

function GreeksSection({ data }: { data: Exposures }) {
  type Row = { underlying: string; spot: number; positions: number; marketValue: number; deltaDollars: number; gammaDollarsPer1Pct: number; thetaPerDay: number; vegaPerVolPoint: number; rhoPerRatePoint: number; estimated: boolean };
  const rows = data.greeks_by_underlying as unknown as Row[];
  return (
    <Card title="Greeks by underlying">
      {rows.length === 0 ? <Empty>No options in this portfolio on this day: a stock&apos;s only Greek is its delta (its market value).</Empty> : (
        <>
          <div className="table-wrap" data-testid="greeks-table">
            <table>
              <thead><tr><th>Underlying</th><th>Spot</th><th>Positions</th><th>Market value</th><th>Delta $</th><th>Gamma $ / 1%</th><th>Theta / day</th><th>Vega / vol pt</th><th>Rho / rate pt</th><th className="text">Volatility</th></tr></thead>
              <tbody>
                {rows.map((g) => (
                  <tr key={g.underlying}>
                    <td>{g.underlying}</td><td>{money(g.spot, { cents: true })}</td><td>{count(g.positions)}</td><td>{money(g.marketValue)}</td>
                    <td className={tone(g.deltaDollars)}>{money(g.deltaDollars)}</td><td className={tone(g.gammaDollarsPer1Pct)}>{money(g.gammaDollarsPer1Pct)}</td>
                    <td className={tone(g.thetaPerDay)}>{money(g.thetaPerDay)}</td><td className={tone(g.vegaPerVolPoint)}>{money(g.vegaPerVolPoint)}</td><td>{money(g.rhoPerRatePoint)}</td>
                    <td className="text">{g.estimated ? <span className="pill warn" title="Valued at the underlying's realized volatility (no option quote)">Estimated</span> : <span className="pill ok">Implied</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted small">Black-Scholes-Merton, per underlying with options (stock and options together). Gamma $ per 1% = change of the delta dollars for a +1% spot move; vega per volatility point; theta per calendar day.</p>
        </>
      )}
    </Card>
  );
}

// ---------------------------------------------------------------- page

/** The stored risk of the current portfolio: factors, correlations, concentration, volatility, VaR and Greeks. */
export function RiskPage() {
  const { current, list, error: listError } = usePortfolios();
  const id = current?.id;
  const factors = useLoad(async () => (id ? ok(api.GET('/api/v1/portfolios/{id}/factor-exposures', { params: { path: { id } } })) : null), [id]);
  const risk = useLoad(async () => (id ? ok(api.GET('/api/v1/portfolios/{id}/risk', { params: { path: { id } } })) : null), [id]);
  const corr = useLoad(async () => (id ? ok(api.GET('/api/v1/portfolios/{id}/correlations', { params: { path: { id } } })) : null), [id]);
  const exposures = useLoad(async () => (id ? ok(api.GET('/api/v1/portfolios/{id}/exposures', { params: { path: { id } } })) : null), [id]);
  const history = useLoad(async () => (id ? ok(api.GET('/api/v1/portfolios/{id}/history', { params: { path: { id } } })) : null), [id]);

  if (listError) return <p className="error" role="alert">Could not load your portfolios: {listError}</p>;
  if (list && list.length === 0) return <Empty>No portfolio yet: create one on the overview page.</Empty>;
  if (!current) return <p className="muted" role="status">Loading…</p>;
  const head = risk.data;
  const noResults = head !== null && head.as_of === null;

  return (
    <div className="stack risk-page">
      <div className="page-head">
        <h1>Risk · {current.name}</h1>
        {head?.as_of && <Provenance asOf={head.as_of} provenance={head.provenance} />}
      </div>
      {noResults ? <Empty>No risk results yet for this portfolio: the batch computes them within seconds of adding positions (and nightly).</Empty> : (
        <>
          <Loaded state={factors} what="Loading the factor exposures">{(f) => (f ? <FactorSection data={f} /> : null)}</Loaded>
          <div className="grid-2">
            <Loaded state={corr} what="Loading the correlations">{(c) => (c ? <CorrelationSection data={c} /> : null)}</Loaded>
            <Loaded state={exposures} what="Loading the concentration">{(e) => (e ? <ConcentrationSection data={e} /> : null)}</Loaded>
          </div>
          <Loaded state={exposures} what="Loading the exposures">{(e) => (e ? <ExposureSection data={e} /> : null)}</Loaded>
          <Loaded state={risk} what="Loading VaR and volatility">
            {(r) => (r ? (
              <>
                <Loaded state={history} what="Loading the history">{(h) => (h ? <VolatilitySection risk={r} items={h.items} /> : null)}</Loaded>
                <VarSection risk={r} />
              </>
            ) : null)}
          </Loaded>
          <Loaded state={exposures} what="Loading the Greeks">{(e) => (e ? <GreeksSection data={e} /> : null)}</Loaded>
        </>
      )}
    </div>
  );
}
