"""Reference values for SigmaSight's exposures (exposures.ts), P&L / equity roll-forward (returns.ts
dailyPnl / rollEquity) and dollar Greeks (option-positions.ts), on a long/short book built from real DJ30
closes. Writes test/golden/exposures.json.

Run with Debian's python3 (numpy 1.24.2, pandas 1.5.3, quantlib-python 1.29), from anywhere:
    PY=$(dpkg -L python3-minimal | grep -m1 -E '/bin/python3$')
    $PY test/golden/oracles/exposures_oracle.py

Nothing here calls the TypeScript: every definition is re-implemented from the doc comments.
- Book: valued at the DJ30 closes of 2000-12-29 (data/real/dj30_daily_close_1990_2001.csv, quirk row
  1990-12-31 dropped). 12 long and 4 short stock positions with fixed share counts, and 5 listed options
  (100-share contracts) priced by QuantLib's AnalyticEuropeanEngine (flat continuous r and q, Actual365Fixed,
  evaluation date 2000-12-29) at each underlying's realized volatility (sample sd of 2000 daily simple
  returns x sqrt(252)); no market prices, so market value = model value.
- Dollar Greeks (option-positions.ts module comment): deltaDollars = delta q m S; gammaDollarsPer1Pct =
  gamma (0.01 S) q m S; vegaPerVolPoint = vega/100 q m; thetaPerDay = theta/365 q m (QuantLib thetaPerDay);
  rhoPerRatePoint = rho/100 q m. Stocks: deltaDollars = market value = q S, other Greeks 0.
- Exposures (exposures.ts): long = sum of positive market values, short = sum of negative ones (<= 0),
  gross = long - short, net = long + short; same with delta dollars; leverage = gross (net) / equity;
  groups by sector ('(unclassified)' if none), tag (each tag; '(untagged)' if none), underlying, sorted by
  delta gross desc then key. Concentration on |net delta dollars per underlying| / sum: HHI, 1/HHI, top-3,
  top-10. Diversification score 1 - sqrt(x'Cx) / sum |x_i| sigma_i with x the net delta dollars per
  underlying and C the sample (ddof 1) covariance of their 2000 daily simple returns (numpy.cov).
- Roll-forward: the stock book's value plus cash, daily over 1999-12-31..2000-12-29, with deposits and
  withdrawals at the end of four days (cash only). pnl_t = V_t - V_{t-1} - flow_t; equity_t = V_0 +
  cumsum(pnl + flow); r_t = pnl_t / equity_{t-1}; TWR = prod(1 + r_t) - 1, cross-checked against the classic
  sub-period TWR (chain of (V_end_before_flow / V_start) between flows).
- py_oracle [6] second line: NYSE composite close 1987-10-19 / close 1987-10-16 - 1, at full precision.
"""
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import QuantLib as ql
from market_files import data_file  # the script's folder is on sys.path

HERE = Path(__file__).resolve()



OUT = HERE.parents[1] / 'exposures.json'

dj = pd.read_csv(data_file('dj30_daily_close_1990_2001.csv')).pivot(index='date', columns='symbol', values='close')
dj = dj.drop(index='1990-12-31')  # quirk: copy of 1991-01-02 (data/real/README.md)
VAL_DATE = '2000-12-29'
spots = dj.loc[VAL_DATE]

# ---- the book ---------------------------------------------------------------------------------
SECTORS = {
    'MSFT': 'Information Technology', 'IBM': 'Information Technology', 'INTC': 'Information Technology',
    'HWP': 'Information Technology', 'GE': 'Industrials', 'JNJ': 'Health Care', 'MRK': 'Health Care',
    'PG': 'Consumer Staples', 'KO': 'Consumer Staples', 'WMT': 'Consumer Staples', 'XOM': 'Energy',
    'C': 'Financials', 'HD': 'Consumer Discretionary', 'GM': 'Consumer Discretionary',
    'T': 'Communication Services', 'AA': 'Materials',
    # EK deliberately unclassified
}
# (id, symbol, shares, tags)
STOCKS = [
    ('s-msft', 'MSFT', 4000, ['core', 'tech']), ('s-ibm', 'IBM', 2000, ['core', 'tech']),
    ('s-ge', 'GE', 3500, ['core']), ('s-intc', 'INTC', 5000, ['tech']), ('s-jnj', 'JNJ', 1800, ['defensive']),
    ('s-pg', 'PG', 1500, ['defensive']), ('s-xom', 'XOM', 2500, ['core']), ('s-wmt', 'WMT', 2000, []),
    ('s-c', 'C', 3000, ['core']), ('s-hd', 'HD', 2200, []), ('s-mrk', 'MRK', 1200, ['defensive']),
    ('s-ko', 'KO', 1500, ['defensive']),
    ('s-t', 'T', -8000, ['hedge']), ('s-ek', 'EK', -2500, []), ('s-gm', 'GM', -2000, ['hedge']),
    ('s-hwp', 'HWP', -3000, ['hedge', 'tech']),
]
# (id, symbol, right, strike, expiry, contracts, tags)
OPTIONS = [
    ('o-msft-c45', 'MSFT', 'call', 45.0, '2001-03-16', 20, ['options', 'tech']),
    ('o-ibm-p80', 'IBM', 'put', 80.0, '2001-01-19', -15, ['options']),
    ('o-ge-p45', 'GE', 'put', 45.0, '2001-06-15', 25, ['options', 'hedge']),
    ('o-t-c15', 'T', 'call', 15.0, '2001-04-20', -30, ['options']),
    ('o-aa-c35', 'AA', 'call', 35.0, '2001-01-19', 10, []),
]
MULT = 100
RATE = 0.059  # continuously compounded, roughly the 3-month T-bill at the end of 2000
DIV_YIELDS = {'MSFT': 0.0, 'IBM': 0.006, 'GE': 0.012, 'T': 0.01, 'AA': 0.018}
EQUITY = 1_500_000.0

# Realized vol over calendar 2000: sample sd (ddof 1) of daily simple returns x sqrt(252).
px2000 = dj.loc['1999-12-31':VAL_DATE]
rets2000 = px2000.pct_change().iloc[1:]
assert not rets2000.isna().any().any()
realized = {s: float(rets2000[s].std(ddof=1) * np.sqrt(252)) for s in DIV_YIELDS}

# ---- QuantLib Greeks --------------------------------------------------------------------------
today = ql.Date(29, 12, 2000)
ql.Settings.instance().evaluationDate = today
DC = ql.Actual365Fixed()


def ql_option(right, S, K, expiry, q, vol):
    y, m, d = map(int, expiry.split('-'))
    rts = ql.YieldTermStructureHandle(ql.FlatForward(today, RATE, DC, ql.Continuous))
    qts = ql.YieldTermStructureHandle(ql.FlatForward(today, q, DC, ql.Continuous))
    vts = ql.BlackVolTermStructureHandle(ql.BlackConstantVol(today, ql.NullCalendar(), vol, DC))
    proc = ql.BlackScholesMertonProcess(ql.QuoteHandle(ql.SimpleQuote(S)), qts, rts, vts)
    typ = ql.Option.Call if right == 'call' else ql.Option.Put
    opt = ql.EuropeanOption(ql.PlainVanillaPayoff(typ, K), ql.EuropeanExercise(ql.Date(d, m, y)))
    opt.setPricingEngine(ql.AnalyticEuropeanEngine(proc))
    return opt, DC.yearFraction(today, ql.Date(d, m, y))


positions = []  # dicts with everything the exposure functions need plus the dollar Greeks
option_rows = []
for pid, sym, q, tags in STOCKS:
    S = float(spots[sym])
    positions.append(dict(id=pid, kind='stock', underlying=sym, quantity=q, spot=S, sector=SECTORS.get(sym), tags=tags,
                          marketValue=q * S, deltaDollars=q * S, deltaShares=float(q), gammaDollarsPer1Pct=0.0,
                          vegaPerVolPoint=0.0, thetaPerDay=0.0, rhoPerRatePoint=0.0))
for pid, sym, right, K, expiry, q, tags in OPTIONS:
    S = float(spots[sym])
    qy = DIV_YIELDS[sym]
    vol = realized[sym]
    opt, T = ql_option(right, S, K, expiry, qy, vol)
    qm = q * MULT
    g = dict(price=opt.NPV(), delta=opt.delta(), gamma=opt.gamma(), vega=opt.vega(), thetaPerYear=opt.theta(),
             thetaPerDay=opt.thetaPerDay(), rho=opt.rho())
    row = dict(id=pid, kind='option', underlying=sym, right=right, strike=K, expiry=expiry, quantity=q, multiplier=MULT,
               spot=S, sector=SECTORS.get(sym), tags=tags, timeToExpiry=T, volatility=vol, dividendYield=qy, greeks=g,
               marketValue=qm * g['price'], deltaShares=g['delta'] * qm, deltaDollars=g['delta'] * qm * S,
               gammaDollarsPer1Pct=g['gamma'] * (0.01 * S) * qm * S, vegaPerVolPoint=g['vega'] / 100 * qm,
               thetaPerDay=g['thetaPerDay'] * qm, rhoPerRatePoint=g['rho'] / 100 * qm)
    positions.append(row)
    option_rows.append(row)

GREEKS = ['deltaDollars', 'gammaDollarsPer1Pct', 'vegaPerVolPoint', 'thetaPerDay', 'rhoPerRatePoint']


def summary(ps, equity=None):
    mv = np.array([p['marketValue'] for p in ps])
    dd = np.array([p['deltaDollars'] for p in ps])
    long_, short_ = mv[mv >= 0].sum(), mv[mv < 0].sum()
    dlong, dshort = dd[dd >= 0].sum(), dd[dd < 0].sum()
    s = dict(long=float(long_), short=float(short_), gross=float(np.abs(mv).sum()), net=float(mv.sum()),
             deltaLong=float(dlong), deltaShort=float(dshort), deltaGross=float(np.abs(dd).sum()), deltaNet=float(dd.sum()),
             positions=len(ps))
    if equity is not None:
        s['grossLeverage'] = s['gross'] / equity
        s['netLeverage'] = s['net'] / equity
    return s


def grouped(by):
    groups = {}
    for p in positions:
        if by == 'underlying':
            keys = [p['underlying']]
        elif by == 'sector':
            keys = [p['sector'] or '(unclassified)']
        else:
            keys = p['tags'] or ['(untagged)']
        for k in keys:
            groups.setdefault(k, []).append(p)
    rows = [dict(key=k, **summary(ps, EQUITY)) for k, ps in groups.items()]
    rows.sort(key=lambda r: (-r['deltaGross'], r['key']))
    return rows


# Concentration on net delta dollars per underlying.
und = pd.Series([p['deltaDollars'] for p in positions], index=[p['underlying'] for p in positions]).groupby(level=0).sum()
w = und.abs() / und.abs().sum()
order = sorted(w.index, key=lambda u: (-w[u], u))
wv = np.array([w[u] for u in order])
hhi = float((wv ** 2).sum())
conc = dict(hhi=hhi, effectiveN=1 / hhi, top3=float(wv[:3].sum()), top10=float(wv[:10].sum()),
            weights=[dict(underlying=u, weight=float(w[u])) for u in order])

# Diversification on the same net exposures, covariance of 2000 daily returns (underlyings sorted by name).
names = sorted(und.index)
x = und[names].to_numpy()
C = np.cov(rets2000[names].to_numpy(), rowvar=False, ddof=1)
sig = np.sqrt(np.diag(C))
pvol = float(np.sqrt(x @ C @ x))
wvol = float(np.abs(x) @ sig)
div = dict(names=names, exposures=[float(v) for v in x], covariance=[float(v) for v in C.ravel()],
           portfolioVolatility=pvol, weightedVolatility=wvol, score=1 - pvol / wvol, diversificationRatio=wvol / pvol)

# Per-underlying and total dollar Greeks.
by_und = []
for u in sorted(und.index):
    ps = [p for p in positions if p['underlying'] == u]
    by_und.append(dict(underlying=u, marketValue=float(sum(p['marketValue'] for p in ps)), positions=len(ps),
                       deltaShares=float(sum(p['deltaShares'] for p in ps)), **{k: float(sum(p[k] for p in ps)) for k in GREEKS}))
totals = dict(marketValue=float(sum(p['marketValue'] for p in positions)), **{k: float(sum(p[k] for p in positions)) for k in GREEKS})

# ---- P&L and equity roll-forward --------------------------------------------------------------
stock_shares = {sym: q for _, sym, q, _ in STOCKS}
syms = sorted(stock_shares)
holdings = (px2000[syms] * pd.Series(stock_shares)[syms]).sum(axis=1)  # signed value of the stock book
CASH0 = 1_500_000.0 - float(holdings.iloc[0])
FLOWS = {'2000-03-15': 250_000.0, '2000-07-03': -400_000.0, '2000-10-02': 100_000.0, '2000-12-15': -50_000.0}
dates = list(px2000.index)
assert all(d in dates for d in FLOWS)
flows = np.array([FLOWS.get(d, 0.0) for d in dates[1:]])
V = holdings.to_numpy() + CASH0 + np.concatenate([[0.0], np.cumsum(flows)])
pnl = np.diff(V) - flows
equity = V[0] + np.concatenate([[0.0], np.cumsum(pnl + flows)])
r = pnl / equity[:-1]
twr = float(np.prod(1 + r) - 1)
# Classic sub-period TWR: between flows, (value at the end before the flow) / (value at the start).
cuts = [0] + [i + 1 for i, f in enumerate(flows) if f != 0]
if cuts[-1] != len(V) - 1:
    cuts.append(len(V) - 1)
chain = 1.0
for a, b in zip(cuts[:-1], cuts[1:]):
    chain *= (V[b] - flows[b - 1]) / V[a]  # flows[b - 1] is day b's flow (0 at the final cut without one)
assert abs(chain - 1 - twr) < 1e-12, (chain - 1, twr)
assert np.allclose(equity, V, rtol=1e-13, atol=0)
roll = dict(dates=dates, shares=stock_shares, cash0=CASH0, flows=FLOWS, values=[float(v) for v in V],
            pnl=[float(v) for v in pnl], equity=[float(v) for v in equity], dailyReturns=[float(v) for v in r],
            timeWeightedReturn=twr, subperiodTwr=float(chain - 1), pnlSum=float(pnl.sum()), flowSum=float(flows.sum()))

# ---- py_oracle [6], second line -----------------------------------------------------------------
nyse = pd.read_csv(data_file('nyse_composite_daily_1966_2002.csv'), index_col='date')['close']
black_monday = float(nyse['1987-10-19'] / nyse['1987-10-16'] - 1)
assert f'{black_monday:.10f}' == '-0.1917300320'

out = {
    'generated_by': 'test/golden/oracles/exposures_oracle.py',
    'versions': {'python': '.'.join(map(str, sys.version_info[:3])), 'numpy': np.__version__, 'pandas': pd.__version__,
                 'quantlib': ql.__version__},
    'market': dict(valuationDate=VAL_DATE, rate=RATE, dividendYields=DIV_YIELDS, realizedVolatility=realized,
                   spots={p['underlying']: p['spot'] for p in positions}, equity=EQUITY, multiplier=MULT),
    'positions': positions,
    'summary': summary(positions, EQUITY),
    'summaryNoEquity': summary(positions),
    'bySector': grouped('sector'),
    'byTag': grouped('tag'),
    'byUnderlying': grouped('underlying'),
    'concentration': conc,
    'diversification': div,
    'greeksByUnderlying': by_und,
    'greeksTotal': totals,
    'rollForward': roll,
    'nyseBlackMonday': dict(date='1987-10-19', previous='1987-10-16', ret=black_monday, printed=-0.1917300320),
}
OUT.write_text(json.dumps(out, indent=1) + '\n')
print(f'wrote {OUT}: {len(positions)} positions, {len(dates)} roll-forward dates')
