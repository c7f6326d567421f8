# Golden reference values for src/analytics (statistics half), computed with Debian's numpy / scipy /
# pandas / statsmodels on the real data in data/real/ and test/fixtures/market/. Writes test/golden/stats.json.
#
# Run (from anywhere; paths are relative to this file):
#   PY=$(dpkg -L python3-minimal | grep -m1 -E '/bin/python3$')
#   $PY test/golden/oracles/stats_oracle.py
#
# Where a reference library function exists it is used (scipy.stats, pandas .corr()/.cov()/.ewm(),
# statsmodels OLS). Where it does not (PerformanceAnalytics' Sortino/Calmar, Ledoit-Wolf 2004 without
# scikit-learn, ridge on standardized data, EWMA covariance), the published formula is written out in
# numpy below, independently of the TypeScript code, and says so.
import json
from pathlib import Path

import numpy as np
import pandas as pd
import scipy
import statsmodels
import statsmodels.api as sm
from scipy import stats
from scipy.stats import norm
from market_files import data_file  # the script's folder is on sys.path

HERE = Path(__file__).resolve()



OUT = HERE.parents[1] / 'stats.json'


def fl(x):
    return [float(v) for v in np.asarray(x).ravel()]


def read_dates(file, col):
    return pd.read_csv(data_file(file), index_col='date')[col]


# ---- data -------------------------------------------------------------------------------------
dj = pd.read_csv(data_file('dj30_daily_close_1990_2001.csv')).pivot(index='date', columns='symbol', values='close')
dj = dj.drop(index='1990-12-31')  # quirk: copy of 1991-01-02 (data/real/README.md)
nyse = read_dates('nyse_composite_daily_1966_2002.csv', 'close')
spx = read_dates('sp500_daily_ohlcv_2000_2020.csv', 'close')
aapl = read_dates('aapl_daily_ohlcv_2013_2018.csv', 'adj_close')
mgr = pd.read_csv(data_file('managers_monthly_returns_1996_2006.csv'), index_col='date')
edhec = pd.read_csv(data_file('edhec_monthly_returns_1997_2021.csv'), index_col='date')

out = {
    'generated_by': 'test/golden/oracles/stats_oracle.py',
    'versions': {'python': '.'.join(map(str, __import__('sys').version_info[:3])), 'numpy': np.__version__,
                 'pandas': pd.__version__, 'scipy': scipy.__version__, 'statsmodels': statsmodels.__version__},
}

# ---- normal distribution (scipy) --------------------------------------------------------------
xs = [-37.5, -20, -8.5, -5, -3, -1.959963984540054, -1, -0.3, 0, 0.2, 0.5, 1, 2.5, 4, 6]
ps = [1e-300, 1e-50, 1e-12, 1e-6, 0.001, 0.01, 0.025, 0.05, 0.1, 0.3, 0.5, 0.6, 0.8, 0.95, 0.975, 0.999, 1 - 1e-9]
out['normal'] = {'x': xs, 'cdf': fl(norm.cdf(xs)), 'pdf': fl(norm.pdf(xs)), 'p': ps, 'ppf': fl(norm.ppf(ps))}


# High-precision reference for Phi and phi (scipy's ndtr rounds x/sqrt(2) first, which costs ~x^2 ulp
# in the tails): Python's decimal at 900 digits, erf by its Maclaurin series, pi by Machin's formula.
# Each float x is converted exactly (Decimal(float)), then the result is rounded once to a double.
def hp_normal(xs_):
    from decimal import Decimal, getcontext
    getcontext().prec = 900
    eps = Decimal(10) ** -880

    def atan_inv(k):  # atan(1/k)
        k = Decimal(k); x = 1 / k; x2 = x * x; term = x; total = x; n = 1
        while abs(term) > eps:
            term *= -x2; n += 2; total += term / n
        return total
    pi = 16 * atan_inv(5) - 4 * atan_inv(239)
    two_over_sqrt_pi = 2 / pi.sqrt()
    cdf, pdf = [], []
    for xf in xs_:
        x = Decimal(xf)
        z = x / Decimal(2).sqrt()
        term = z; total = z; n = 0; z2 = z * z
        while True:
            n += 1
            term *= -z2 / n
            add = term / (2 * n + 1)
            total += add
            if n > z2 and abs(add) < eps:
                break
        erf = two_over_sqrt_pi * total
        cdf.append(float((1 + erf) / 2))
        pdf.append(float((-(x * x) / 2).exp() / (2 * pi).sqrt()))
    return cdf, pdf


out['normal']['cdf_hp'], out['normal']['pdf_hp'] = hp_normal(xs)

# ---- moments and type-7 quantiles (scipy.stats, numpy 'linear') --------------------------------
mom = {}
for name in ['Convertible_Arbitrage', 'CTA_Global', 'Emerging_Markets', 'Short_Selling']:
    x = edhec[name].values
    mom[name] = {
        'mean': float(np.mean(x)), 'var': float(np.var(x, ddof=1)), 'sd_pop': float(np.std(x, ddof=0)),
        'skew': float(stats.skew(x, bias=True)),            # = PerformanceAnalytics skewness(method="moment")
        'exkurt': float(stats.kurtosis(x, fisher=True, bias=True)),  # = kurtosis(method="excess")
        'p': [0.01, 0.05, 0.1, 0.5, 0.95, 0.99],
        'quantile': fl(np.quantile(x, [0.01, 0.05, 0.1, 0.5, 0.95, 0.99], method='linear')),
    }
out['moments_edhec'] = mom

# ---- returns, annualized return, Sharpe/Sortino/Calmar, drawdowns on EDHEC (monthly) ----------
perf = {}
for name in ['Convertible_Arbitrage', 'CTA_Global', 'Distressed_Securities', 'Global_Macro', 'Short_Selling']:
    r = edhec[name].values
    n = len(r)
    w = np.cumprod(1 + r)
    wealth = np.concatenate([[1.0], w])
    peak = np.maximum.accumulate(wealth)
    dd = wealth / peak - 1
    i = int(dd.argmin())
    j = int(wealth[:i + 1].argmax())
    rec = next((t for t in range(i + 1, len(wealth)) if wealth[t] >= wealth[j]), None)
    mdd = -dd.min()
    ann = np.prod(1 + r) ** (12 / n) - 1
    mar = 0.005
    # PerformanceAnalytics formulas, written out: DownsideDeviation(method="full") divides by ALL n;
    # SortinoRatio = mean(R - MAR) / DownsideDeviation(R, MAR); CalmarRatio = Return.annualized / maxDrawdown.
    dd0 = np.sqrt(np.sum(np.minimum(r - 0, 0) ** 2) / n)
    ddm = np.sqrt(np.sum(np.minimum(r - mar, 0) ** 2) / n)
    rf = 0.002  # constant per-period risk-free rate
    perf[name] = {
        'cumulative': float(np.prod(1 + r) - 1), 'ann_ret': float(ann), 'ann_sd': float(np.std(r, ddof=1) * np.sqrt(12)),
        'sharpe_rf_const': float((np.prod(1 + (r - rf)) ** (12 / n) - 1) / (np.std(r, ddof=1) * np.sqrt(12))),
        'downside_dev_0': float(dd0), 'sortino_0': float(np.mean(r) / dd0), 'sortino_mar': float(np.mean(r - mar) / ddm),
        'calmar': float(ann / mdd), 'max_dd': float(mdd),
        # indices into the wealth path [1, W_1..W_n]; dates: index 0 is the start (no date), index t the t-th month end
        'peak_index': j, 'trough_index': i, 'recovery_index': rec,
        'drawdown_series_sum': float(dd.sum()), 'drawdown_series_min_index': i,
    }
out['performance_edhec'] = perf

# NYSE composite levels: max drawdown with dates (level series, first point counts as a peak)
lv = nyse.values
pk = np.maximum.accumulate(lv)
d = lv / pk - 1
i = int(d.argmin()); j = int(lv[:i + 1].argmax())
rec = next((t for t in range(i + 1, len(lv)) if lv[t] >= lv[j]), None)
out['nyse_max_drawdown'] = {'max_dd': float(-d[i]), 'peak': nyse.index[j], 'trough': nyse.index[i],
                            'recovery': None if rec is None else nyse.index[rec]}

# ---- returns / log returns / TWR on MSFT daily ---------------------------------------------------
msft = read_dates('msft_daily_ohlcv_2000_2001.csv', 'close')
lr = np.log(msft / msft.shift(1)).dropna()
out['msft_returns'] = {'log_sum': float(lr.sum()), 'log_first': fl(lr.values[:5]), 'simple_last': fl(msft.pct_change().values[-5:]),
                       'cumulative': float(msft.values[-1] / msft.values[0] - 1),
                       'ann_ret_252': float(np.prod(1 + msft.pct_change().dropna().values) ** (252 / (len(msft) - 1)) - 1)}

# ---- volatility: realized windows, rolling, EWMA (pandas) ----------------------------------------
spx_r = spx.pct_change().dropna()
vol = {'realized': {str(wn): float(spx_r.values[-wn:].std(ddof=1) * np.sqrt(252)) for wn in (21, 63, 252)},
       'full': float(spx_r.std(ddof=1) * np.sqrt(252))}
aapl_r = aapl.pct_change().dropna()
roll = aapl_r.rolling(63).std(ddof=1).dropna() * np.sqrt(252)
vol['aapl_rolling63'] = fl(roll.values)
vol['aapl_rolling21_last'] = fl((aapl_r.rolling(21).std(ddof=1) * np.sqrt(252)).values[-10:])
for lam in (0.94, 0.97):
    ew = np.sqrt((spx_r ** 2).ewm(alpha=1 - lam, adjust=False).mean() * 252)  # RiskMetrics, zero mean, s_0 = r_0^2
    vol[f'spx_ewma_{lam}'] = {'last': float(ew.values[-1]), 'index': [0, 1, 100, 2500, len(ew) - 1],
                              'values': fl(ew.values[[0, 1, 100, 2500, len(ew) - 1]])}
out['volatility'] = vol

# ---- covariance / correlation on DJ30 ------------------------------------------------------------
names5 = ['AA', 'GE', 'IBM', 'MSFT', 'XOM']
names8 = ['AXP', 'BA', 'C', 'HD', 'INTC', 'JNJ', 'KO', 'WMT']
r5 = dj[names5].pct_change().dropna()
r8 = dj[names8].pct_change().dropna()
l8 = np.log(dj[names8] / dj[names8].shift(1)).dropna()
cov = {'names5': names5, 'sample_cov5': fl(r5.cov().values), 'names8': names8,
       'log_corr8': fl(l8.corr().values), 'simple_corr8': fl(r8.corr().values)}
# EWMA covariance, RiskMetrics zero-mean recursion written in numpy: S_0 = r_0 r_0', S_t = lam S_{t-1} + (1-lam) r_t r_t'
X = r5.values
for lam in (0.94, 0.97):
    S = np.outer(X[0], X[0])
    for t in range(1, len(X)):
        S = lam * S + (1 - lam) * np.outer(X[t], X[t])
    cov[f'ewma_cov5_{lam}'] = fl(S)
out['dj30'] = cov

# ---- pairwise-complete correlation and covariance (pandas skips NaN pairwise) --------------------
mcols = ['HAM1', 'HAM2', 'HAM3', 'HAM4', 'HAM5', 'HAM6', 'EDHEC_LS_EQ', 'SP500_TR']
out['managers_pairwise'] = {'names': mcols, 'corr': fl(mgr[mcols].corr().values), 'cov': fl(mgr[mcols].cov().values),
                            'complete_rows': int(mgr[mcols].dropna().shape[0]),
                            'complete_corr': fl(mgr[mcols].dropna().corr().values)}

# ---- Ledoit-Wolf 2004, identity target, written out in numpy (scikit-learn's ledoit_wolf formula) --
def ledoit_wolf(Xr):
    Xc = Xr - Xr.mean(axis=0)
    n, p = Xc.shape
    S = Xc.T @ Xc / n
    mu = np.trace(S) / p
    d2 = np.linalg.norm(S - mu * np.eye(p), 'fro') ** 2 / p
    b_bar2 = sum(np.linalg.norm(np.outer(x, x) - S, 'fro') ** 2 for x in Xc) / p / n ** 2   # literal sum, not the shortcut
    b2 = min(b_bar2, d2)
    delta = b2 / d2
    return delta * mu * np.eye(p) + (1 - delta) * S, delta, mu

all30 = sorted(dj.columns)
r30 = dj[all30].pct_change().dropna()
lw = {}
for label, frame in [('dj30_full', r30), ('dj30_last40', r30.iloc[-40:]), ('dj30_8_first250', r8.iloc[:250])]:
    C, delta, mu = ledoit_wolf(frame.values)
    lw[label] = {'names': list(frame.columns), 'rows': [frame.index[0], frame.index[-1]], 'shrinkage': float(delta),
                 'target': float(mu), 'cov': fl(C)}
out['ledoit_wolf'] = lw

# ---- OLS: multi-factor DJ30 names on the NYSE composite (statsmodels) ----------------------------
px = pd.concat([dj, nyse.rename('NYSE')], axis=1, join='inner')
rets = px.pct_change().iloc[1:]
mkt = rets['NYSE']
mkt_lag = mkt.shift(1)  # first row NaN: exercises listwise deletion
ols_out = {}
for name in ['IBM', 'MSFT', 'XOM', 'JPM', 'KO']:
    Xd = pd.concat({'const': pd.Series(1.0, index=rets.index), 'NYSE': mkt, 'NYSE_lag1': mkt_lag}, axis=1)
    m = sm.OLS(rets[name], Xd, missing='drop').fit()
    ols_out[name] = {'params': fl(m.params.values), 'bse': fl(m.bse.values), 'tvalues': fl(m.tvalues.values),
                     'rsquared': float(m.rsquared), 'rsquared_adj': float(m.rsquared_adj),
                     'resid_sd': float(np.sqrt(m.scale)), 'nobs': int(m.nobs)}
out['ols_dj30_nyse'] = {'first_date': rets.index[0], 'last_date': rets.index[-1], 'fits': ols_out}

# ---- batched kernel reference: 10 names on [NYSE], with injected gaps (statsmodels per name) ----
batch_names = ['AA', 'AXP', 'BA', 'C', 'CAT', 'DD', 'DIS', 'EK', 'GE', 'GM']
gaps = {'AXP': list(range(0, 40)), 'BA': [5, 77, 1000, 2500], 'C': [5, 77, 1000, 2500], 'EK': list(range(2400, 2520))}
batch = {}
for name in batch_names:
    y = rets[name].copy().values
    for g in gaps.get(name, []):
        y[g] = np.nan
    m = sm.OLS(y, sm.add_constant(mkt.values), missing='drop').fit()
    batch[name] = {'params': fl(m.params), 'bse': fl(m.bse), 'tvalues': fl(m.tvalues), 'rsquared': float(m.rsquared), 'nobs': int(m.nobs)}
out['ols_batch'] = {'names': batch_names, 'gaps': gaps, 'fits': batch}

# ---- ridge on standardized regressors, closed form in numpy ------------------------------------
# Z = (X - mean) / sd_pop (ddof=0), yc = y - mean(y); b = (Z'Z + lam I)^-1 Z'yc; beta = b / sd; a = ybar - xbar.beta
ridge = {}
Xr = rets[['NYSE', 'AA', 'GE', 'XOM']].values
yv = rets['IBM'].values
Z = (Xr - Xr.mean(0)) / Xr.std(0, ddof=0)
yc = yv - yv.mean()
for lam in (0.0, 10.0, 500.0, 5000.0):
    b = np.linalg.solve(Z.T @ Z + lam * np.eye(Z.shape[1]), Z.T @ yc)
    beta = b / Xr.std(0, ddof=0)
    a = yv.mean() - Xr.mean(0) @ beta
    fitted = Z @ b
    r2 = 1 - np.sum((yc - fitted) ** 2) / np.sum(yc ** 2)
    ridge[str(lam)] = {'intercept': float(a), 'beta': fl(beta), 'std_coef': fl(b), 'r2': float(r2)}
out['ridge_ibm'] = {'y': 'IBM', 'x': ['NYSE', 'AA', 'GE', 'XOM'], 'fits': ridge}

# ---- spread regressions with stand-in "ETFs" (wiring check: single-factor OLS on long - short) --
stand_in = {'VUG': 'MSFT', 'VTV': 'XOM', 'MTUM': 'INTC', 'SPY': 'NYSE', 'IWM': 'HD', 'QUAL': 'JNJ'}
spreads = {'Growth-Value': ('VUG', 'VTV'), 'Momentum-Market': ('MTUM', 'SPY'), 'Size-Market': ('IWM', 'SPY'), 'Quality-Market': ('QUAL', 'SPY')}
sp = {}
for sname, (lo, sh) in spreads.items():
    f = rets[stand_in[lo]] - rets[stand_in[sh]]
    m = sm.OLS(rets['IBM'], sm.add_constant(f)).fit()
    sp[sname] = {'params': fl(m.params.values), 'bse': fl(m.bse.values), 'rsquared': float(m.rsquared)}
out['spread_ibm'] = {'stand_in': stand_in, 'fits': sp}

# ---- shared/oracles/py_oracle.py items [1] [2] [3] [4] [6] at full precision ----------------------
# (expected_output.txt prints 10 decimals, which for alpha ~ 7e-4 is only ~1e-7 relative; the same
# computations are repeated here so the tests can hold the project to 1e-8 relative or better)
a_ = aapl
s_ = read_dates('sp500_daily_ohlcv_2000_2020.csv', 'adj_close')
pxa = pd.concat({'AAPL': a_, 'SPX': s_}, axis=1, join='inner'); ra = pxa.pct_change().dropna()
m1 = sm.OLS(ra['AAPL'], sm.add_constant(ra['SPX'])).fit()
ex = mgr[['HAM1', 'SP500_TR', 'US_10Y_TR']].sub(mgr['US_3m_TR'], axis=0).dropna()
m2 = sm.OLS(ex['HAM1'], sm.add_constant(ex[['SP500_TR', 'US_10Y_TR']])).fit()
h = mgr['HAM1']; rf3 = mgr['US_3m_TR']; nh = len(h)
wh = np.cumprod(1 + h.values); pkh = np.maximum.accumulate(np.concatenate([[1.0], wh]))[1:]
c4 = dj[['AA', 'GE', 'IBM', 'MSFT', 'XOM']].pct_change().iloc[1:].corr()  # dj already lacks 1990-12-31
wv = spx.values; pk6 = np.maximum.accumulate(wv); dd6 = wv / pk6 - 1; i6 = int(dd6.argmin()); j6 = int(wv[:i6 + 1].argmax())
out['py_oracle'] = {
    '1': {'n': int(len(ra)), 'first': ra.index[0], 'last': ra.index[-1], 'alpha': float(m1.params['const']), 'beta': float(m1.params['SPX']),
          'se_alpha': float(m1.bse['const']), 'se_beta': float(m1.bse['SPX']), 'r2': float(m1.rsquared)},
    '2': {'n': int(len(ex)), 'params': fl(m2.params.values), 'bse': fl(m2.bse.values), 'r2': float(m2.rsquared), 'adj_r2': float(m2.rsquared_adj)},
    '3': {'ann_ret': float(np.prod(1 + h) ** (12 / nh) - 1), 'ann_sd': float(h.std(ddof=1) * np.sqrt(12)),
          'sharpe': float((np.prod(1 + (h - rf3)) ** (12 / nh) - 1) / (h.std(ddof=1) * np.sqrt(12))),
          'max_dd': float(-(wh / pkh - 1).min())},
    '4': {'names': list(c4.columns), 'corr': fl(c4.values)},
    '6': {'max_dd': float(-dd6[i6]), 'peak': spx.index[j6], 'trough': spx.index[i6]},
}

OUT.write_text(json.dumps(out, indent=1) + '\n')
print(f'wrote {OUT}')
