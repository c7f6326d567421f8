"""Factor exposure oracle for the symbol batch (src/batch/symbol/factor-exposures.ts).

Reads test/golden/factor-prices.csv (factor ETFs) and test/golden/symbol-prices.csv (four stocks,
XOM with a three-day gap) and prints, for 2024-12-31 and a window of 252 daily returns on the ETFs'
last 253 common dates, every regression the batch stores, computed with numpy only:
- ols_single: market on SPY, interest_rate on TLT, oil on USO;
- ols_multifactor: the style model (SPY, MTUM, VTV, VUG, QUAL, IWM, SPLV) together;
- ridge: the same regressors standardized (population sd over the rows used), y centred,
  b = (Z'Z + lambda I)^-1 Z'y with lambda = 25, beta = b / sd;
- spread_ols: VUG-VTV, MTUM-SPY, IWM-SPY, QUAL-SPY one at a time.
All with an intercept; a return is missing when the price is missing at either end, and a fit drops
rows with a missing value. OLS standard errors are classical: s^2 (X'X)^-1 with s^2 = SSR / (n - p).

    python3 test/golden/oracles/factor_exposures_oracle.py > test/golden/factor-exposures.json
"""
import csv
import json
import sys

import numpy as np

from ridge import ridge  # the script's folder is on sys.path

DATE = "2024-12-31"
WINDOW = 252
LAMBDA = 25.0

with open("test/golden/factor-prices.csv", newline="") as f:
    rows = list(csv.reader(f))
etfs = rows[0][1:]
dates = [r[0] for r in rows[1:]]
prices = {e: np.array([float(r[j + 1]) for r in rows[1:]]) for j, e in enumerate(etfs)}
end = dates.index(DATE)
calendar = dates[end - WINDOW : end + 1]


def returns_on_calendar(by_date):
    p = np.array([by_date.get(d, np.nan) for d in calendar])
    return p[1:] / p[:-1] - 1.0


etf_returns = {e: returns_on_calendar(dict(zip(dates, prices[e]))) for e in etfs}
stocks = {}
with open("test/golden/symbol-prices.csv", newline="") as f:
    for r in list(csv.reader(f))[1:]:
        stocks.setdefault(r[0], {})[r[1]] = float(r[2])


def ols(y, xs):
    X = np.column_stack([np.ones(len(y))] + xs)
    keep = ~np.isnan(y) & ~np.isnan(X).any(axis=1)
    X, y = X[keep], y[keep]
    n, p = X.shape
    coef, *_ = np.linalg.lstsq(X, y, rcond=None)
    resid = y - X @ coef
    ssr = resid @ resid
    sst = ((y - y.mean()) ** 2).sum()
    cov = ssr / (n - p) * np.linalg.inv(X.T @ X)
    se = np.sqrt(np.diag(cov))
    return {"beta": coef[1:].tolist(), "se": se[1:].tolist(), "t": (coef[1:] / se[1:]).tolist(), "r2": 1 - ssr / sst, "n": int(n)}


STYLE = [("market", "SPY"), ("momentum", "MTUM"), ("value", "VTV"), ("growth", "VUG"), ("quality", "QUAL"), ("size", "IWM"), ("low_volatility", "SPLV")]
SINGLE = [("market", "SPY"), ("interest_rate", "TLT"), ("oil", "USO")]
SPREADS = [("growth_value_spread", "VUG", "VTV"), ("momentum_spread", "MTUM", "SPY"), ("size_spread", "IWM", "SPY"), ("quality_spread", "QUAL", "SPY")]

out = {"source": "numpy %s, python %s" % (np.__version__, sys.version.split()[0]), "date": DATE, "window": WINDOW, "ridge_lambda": LAMBDA,
       "window_start": calendar[1], "symbols": {}}
for s, by_date in sorted(stocks.items()):
    y = returns_on_calendar(by_date)
    fits = []
    for name, etf in SINGLE:
        f = ols(y, [etf_returns[etf]])
        fits.append({"method": "ols_single", "factor": name, "beta": f["beta"][0], "se": f["se"][0], "t": f["t"][0], "r2": f["r2"], "n": f["n"]})
    f = ols(y, [etf_returns[e] for _, e in STYLE])
    fits += [{"method": "ols_multifactor", "factor": name, "beta": f["beta"][j], "se": f["se"][j], "t": f["t"][j], "r2": f["r2"], "n": f["n"]} for j, (name, _) in enumerate(STYLE)]
    f = ridge(y, [etf_returns[e] for _, e in STYLE], LAMBDA)
    f["beta"] = f["beta"].tolist()
    fits += [{"method": "ridge", "factor": name, "beta": f["beta"][j], "se": None, "t": None, "r2": f["r2"], "n": f["n"]} for j, (name, _) in enumerate(STYLE)]
    for name, long, short in SPREADS:
        f = ols(y, [etf_returns[long] - etf_returns[short]])
        fits.append({"method": "spread_ols", "factor": name, "beta": f["beta"][0], "se": f["se"][0], "t": f["t"][0], "r2": f["r2"], "n": f["n"]})
    out["symbols"][s] = fits
json.dump(out, sys.stdout, indent=1)
print()
