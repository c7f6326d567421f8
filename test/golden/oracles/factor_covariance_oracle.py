"""Factor covariance oracle for the symbol batch (src/batch/symbol/factor-covariance.ts).

Reads test/golden/factor-prices.csv (the factor ETFs' stored adjusted closes) and prints, for each
date in DATES and lookback 252: the sample covariance (numpy.cov, ddof=1) and the RiskMetrics EWMA
covariance (lambda 0.94, zero mean, seeded with r_0 r_0', written out as a plain loop) of the last
252 simple daily returns ending on that date, with correlations. Daily units.

    python3 test/golden/oracles/factor_covariance_oracle.py > test/golden/factor-covariance.json
"""
import csv
import json
import sys

import numpy as np

DATES = ["2024-10-31", "2024-12-31"]
LOOKBACK = 252
LAMBDA = 0.94

with open("test/golden/factor-prices.csv", newline="") as f:
    rows = list(csv.reader(f))
header, body = rows[0], rows[1:]
symbols = header[1:]
dates = [r[0] for r in body]
prices = np.array([[float(x) for x in r[1:]] for r in body])

out = {"source": "numpy %s, python %s" % (np.__version__, sys.version.split()[0]), "symbols": symbols, "lookback": LOOKBACK, "lambda": LAMBDA, "dates": {}}
for d in DATES:
    end = dates.index(d)
    p = prices[end - LOOKBACK : end + 1]
    r = p[1:] / p[:-1] - 1.0
    sample = np.cov(r, rowvar=False, ddof=1)
    s = np.outer(r[0], r[0])
    for t in range(1, r.shape[0]):
        s = LAMBDA * s + (1.0 - LAMBDA) * np.outer(r[t], r[t])
    corr = lambda m: m / np.sqrt(np.outer(np.diag(m), np.diag(m)))
    out["dates"][d] = {
        "first_return_date": dates[end - LOOKBACK + 1],
        "observations": int(r.shape[0]),
        "sample": sample.tolist(),
        "sample_correlation": corr(sample).tolist(),
        "ewma": s.tolist(),
        "ewma_correlation": corr(s).tolist(),
    }
json.dump(out, sys.stdout, indent=1)
print()
