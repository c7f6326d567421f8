"""numpy/scipy reference values for SigmaSight's VaR / ES, component VaR, factor risk decomposition and
conditional-expectation stress shocks, on the real series in data/real/ and test/fixtures/market/.

Run from the repository root (the data paths are relative to this file), with Debian's python3:
    PY=$(dpkg -L python3-minimal | grep -m1 -E '/bin/python3$')
    $PY test/golden/oracles/risk_oracle.py > test/golden/risk.json

Conventions (PerformanceAnalytics 2.0.x, written out independently with numpy/scipy; VaR/ES are
return quantiles / tail means, negative = loss, i.e. PA's default invert=TRUE):
- historical: numpy quantile 'linear' (= R type 7) of returns at alpha = 1 - p; ES = mean of returns <= VaR.
- gaussian: VaR = mean + z * sd_pop, ES = mean - sd_pop * phi(z) / alpha, z = norm.ppf(alpha), sd_pop ddof=0.
- modified: population central moments m2..m4, skew = m3/m2^1.5, exkurt = m4/m2^2 - 3,
  z_cf = z + (z^2-1)s/6 + (z^3-3z)k/24 - (2z^3-5z)s^2/36, VaR = mean + z_cf sqrt(m2);
  ES (PA operES.CornishFisher): E = phi(z_cf)(1 + z_cf^3 s/6 + (z_cf^6 - 9z_cf^4 + 9z_cf^2 + 3)s^2/72
  + (z_cf^4 - 2z_cf^2 - 1)k/24)/alpha, ES = mean + sqrt(m2) min(-E, z_cf). The closed form is
  cross-checked here against PA's older Ipower() series form and against numerical integration.
- horizon h > 1 (SigmaSight's documented convention): historical on overlapping compounded h-period
  returns; gaussian/modified with mean*h, sd*sqrt(h), skew/sqrt(h), exkurt/h.
- component VaR (PA VaR.Gaussian.portfolio, Euler): sigma_p = sqrt(h w'Sw), VaR = h w'mu + z sigma_p,
  component_i = w_i (h mu_i + z h (Sw)_i / sigma_p); covariance = numpy cov (ddof=1).
- stress: E[f_o | f_s = s] = S_os S_ss^-1 s with S the sample factor covariance (ddof=1).
"""
import json

import numpy as np
import pandas as pd
from scipy.stats import norm
from scipy.integrate import quad
from market_files import data_file  # the script's folder is on sys.path




def moments(r):
    m = r.mean(); c = r - m
    m2 = (c ** 2).mean(); m3 = (c ** 3).mean(); m4 = (c ** 4).mean()
    return m, m2, m3 / m2 ** 1.5, m4 / m2 ** 2 - 3


def ipower(power, h):
    # PerformanceAnalytics' original series for integral of z^power phi(z) up to h (kept as a cross-check).
    full = 1.0
    if power % 2 == 0:
        pstar = power // 2
        for j in range(1, pstar + 1):
            full *= 2 * j
        I = full * norm.pdf(h)
        for i in range(1, pstar + 1):
            prod = 1.0
            for j in range(1, i + 1):
                prod *= 2 * j
            I += (full / prod) * h ** (2 * i) * norm.pdf(h)
    else:
        pstar = (power - 1) // 2
        for j in range(0, pstar + 1):
            full *= 2 * j + 1
        I = -full * norm.cdf(h)
        for i in range(0, pstar + 1):
            prod = 1.0
            for j in range(0, i + 1):
                prod *= 2 * j + 1
            I += (full / prod) * h ** (2 * i + 1) * norm.pdf(h)
    return I


def var_es(r, p, h=1):
    r = np.asarray(r, dtype=float)
    alpha = 1 - p
    z = norm.ppf(alpha)
    if h == 1:
        rh = r
    else:
        rh = np.array([np.prod(1 + r[t:t + h]) - 1 for t in range(len(r) - h + 1)])
    vh = np.quantile(rh, alpha)
    esh = rh[rh <= vh].mean()
    m, m2, s, k = moments(r)
    m, sd, s, k = m * h, np.sqrt(m2 * h), s / np.sqrt(h), k / h
    vg = m + z * sd
    eg = m - sd * norm.pdf(z) / alpha
    zc = z + (z * z - 1) * s / 6 + (z ** 3 - 3 * z) * k / 24 - (2 * z ** 3 - 5 * z) * s * s / 36
    vm = m + zc * sd
    E = norm.pdf(zc) * (1 + zc ** 3 * s / 6 + (zc ** 6 - 9 * zc ** 4 + 9 * zc ** 2 + 3) * s * s / 72
                        + (zc ** 4 - 2 * zc ** 2 - 1) * k / 24) / alpha
    # Cross-checks of the tail integral: PA's Ipower series, and quad of z times the Edgeworth density.
    E_ip = (norm.pdf(zc) + (ipower(4, zc) - 6 * ipower(2, zc) + 3 * norm.pdf(zc)) * k / 24
            + (ipower(3, zc) - 3 * ipower(1, zc)) * s / 6
            + (ipower(6, zc) - 15 * ipower(4, zc) + 45 * ipower(2, zc) - 15 * norm.pdf(zc)) * s * s / 72) / alpha
    he = lambda n, x: np.polynomial.hermite_e.hermeval(x, [0] * n + [1])
    dens = lambda x: norm.pdf(x) * (1 + s / 6 * he(3, x) + k / 24 * he(4, x) + s * s / 72 * he(6, x))
    E_q = -quad(lambda x: x * dens(x), -np.inf, zc, epsabs=1e-14, epsrel=1e-13)[0] / alpha
    assert abs(E - E_ip) < 1e-10 * abs(E) and abs(E - E_q) < 1e-8 * abs(E), (E, E_ip, E_q)
    em = m + sd * min(-E, zc)
    return dict(confidence=p, horizon=h, n=len(r), historicalVar=vh, historicalEs=esh, gaussianVar=vg, gaussianEs=eg,
                modifiedVar=vm, modifiedEs=em)


out = dict(generator='test/golden/oracles/risk_oracle.py', numpy=np.__version__, var=[], componentVar=[],
           stress=[], factorRisk=[])

g = pd.read_csv(data_file('managers_monthly_returns_1996_2006.csv'), index_col='date')
ed = pd.read_csv(data_file('edhec_monthly_returns_1997_2021.csv'), index_col='date')
spx = pd.read_csv(data_file('sp500_daily_ohlcv_2000_2020.csv'), index_col='date')['adj_close'].pct_change().dropna()

series = [
    ('managers_monthly_returns_1996_2006.csv', 'HAM1', g['HAM1'].values),
    ('managers_monthly_returns_1996_2006.csv', 'SP500_TR', g['SP500_TR'].values),
    ('edhec_monthly_returns_1997_2021.csv', 'Convertible_Arbitrage', ed['Convertible_Arbitrage'].values),
    ('edhec_monthly_returns_1997_2021.csv', 'CTA_Global', ed['CTA_Global'].values),
    ('edhec_monthly_returns_1997_2021.csv', 'Equity_Market_Neutral', ed['Equity_Market_Neutral'].values),
    ('edhec_monthly_returns_1997_2021.csv', 'Short_Selling', ed['Short_Selling'].values),
    ('sp500_daily_ohlcv_2000_2020.csv', 'adj_close simple returns', spx.values),
]
for file, col, r in series:
    for p in (0.95, 0.99):
        horizons = (1, 10) if file.startswith('sp500') else (1, 3)
        for h in horizons:
            out['var'].append(dict(file=file, column=col, **var_es(r, p, h)))

# Component VaR: DJ30 daily simple returns, 1991-01-03..2001-01-02 (1990-12-31 copy row dropped).
dj = pd.read_csv(data_file('dj30_daily_close_1990_2001.csv')).pivot(index='date', columns='symbol', values='close')
names = ['AA', 'GE', 'IBM', 'MSFT', 'XOM']
R = dj[names].pct_change().iloc[2:]
mu = R.mean().values; S = np.cov(R.values, rowvar=False, ddof=1)
for w, label in (([0.3, 0.25, 0.2, 0.15, 0.1], 'long-only weights'),
                 ([2.0e6, 1.5e6, -1.0e6, 0.8e6, -0.5e6], 'long/short dollar exposures')):
    w = np.array(w)
    for p in (0.95, 0.99):
        for h in (1, 10):
            alpha = 1 - p; z = norm.ppf(alpha)
            Sw = S @ w; sig = np.sqrt(h * w @ Sw); loc = h * w @ mu
            V = loc + z * sig; ES = loc - sig * norm.pdf(z) / alpha
            marg = h * mu + z * h * Sw / sig
            comp = w * marg
            compEs = w * (h * mu - norm.pdf(z) / alpha * h * Sw / sig)
            out['componentVar'].append(dict(label=label, symbols=names, exposures=w.tolist(), means=mu.tolist(),
                                            covariance=S.tolist(), confidence=p, horizon=h, valueAtRisk=V,
                                            expectedShortfall=ES, standardDeviation=sig, marginalVar=marg.tolist(),
                                            componentVar=comp.tolist(), componentEs=compEs.tolist()))

# Factor covariance and conditional-expectation stress: managers monthly factor returns on common dates.
fac = ['SP500_TR', 'US_10Y_TR', 'EDHEC_LS_EQ', 'US_3m_TR']
F = g[fac].dropna()
SF = np.cov(F.values, rowvar=False, ddof=1)
for shocks in ({'SP500_TR': -0.10}, {'SP500_TR': -0.10, 'US_10Y_TR': 0.02}, {'US_10Y_TR': -0.04}):
    si = [fac.index(k) for k in shocks]; oi = [i for i in range(len(fac)) if i not in si]
    s = np.array(list(shocks.values()))
    cond = SF[np.ix_(oi, si)] @ np.linalg.solve(SF[np.ix_(si, si)], s)
    full = dict(zip(fac, [0.0] * len(fac)))
    full.update(shocks)
    for j, i in enumerate(oi):
        full[fac[i]] = cond[j]
    out['stress'].append(dict(factors=fac, covariance=SF.tolist(), n=len(F), firstDate=F.index[0], lastDate=F.index[-1],
                              shocks=shocks, conditionalShocks=full))

# Factor variance decomposition: dollar factor exposures b, factor covariance SF, specific variance.
for b, spec in (([1.2e6, -3.0e5, 4.0e5, 0.0], 2.5e9), ([-5.0e5, 8.0e5, 1.0e5, 2.0e6], 0.0)):
    b = np.array(b); Sb = SF @ b
    contrib = b * Sb; fv = b @ Sb; total = fv + spec
    out['factorRisk'].append(dict(factors=fac, covariance=SF.tolist(), exposures=b.tolist(), specificVariance=spec,
                                  factorVariance=fv, totalVariance=total, contributions=contrib.tolist(),
                                  marginal=(Sb / np.sqrt(total)).tolist()))

print(json.dumps(out, indent=1))
