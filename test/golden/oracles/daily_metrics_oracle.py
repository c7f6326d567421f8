"""Daily metrics oracle for the symbol batch (src/batch/symbol/daily-metrics.ts).

From test/golden/symbol-prices.csv (adjusted closes = closes there) prints, for each symbol and each
date in DATES: the price, the 1-day, month-to-date and year-to-date returns (over the last close
before the month / year), the returns over 21, 63 and 252 of the symbol's own sessions, and the
annualized realized volatility (sample sd, ddof 1, x sqrt(252)) of its last 21, 63 and 252 daily
returns; null where the history is too short. numpy only.

    python3 test/golden/oracles/daily_metrics_oracle.py > test/golden/daily-metrics.json
"""
import csv
import json
import sys

import numpy as np

DATES = ["2024-06-28", "2024-12-31"]
series = {}
with open("test/golden/symbol-prices.csv", newline="") as f:
    for s, d, p in list(csv.reader(f))[1:]:
        series.setdefault(s, []).append((d, float(p)))

out = {"source": "numpy %s, python %s" % (np.__version__, sys.version.split()[0]), "dates": {}}
for date in DATES:
    rows = {}
    for s, pts in sorted(series.items()):
        pts = [x for x in pts if x[0] <= date]
        assert pts[-1][0] == date
        d = [x[0] for x in pts]
        p = np.array([x[1] for x in pts])
        last = p[-1]
        ago = lambda k: float(last / p[-1 - k] - 1) if len(p) > k else None
        def before(boundary):
            idx = [i for i, x in enumerate(d) if x < boundary]
            return float(last / p[idx[-1]] - 1) if idx else None
        r = p[1:] / p[:-1] - 1
        vol = lambda w: float(np.std(r[-w:], ddof=1) * np.sqrt(252)) if len(r) >= w else None
        rows[s] = {
            "price": float(last), "return_1d": ago(1), "return_mtd": before(date[:7] + "-01"), "return_ytd": before(date[:4] + "-01-01"),
            "return_1m": ago(21), "return_3m": ago(63), "return_1y": ago(252),
            "volatility_21d": vol(21), "volatility_63d": vol(63), "volatility_252d": vol(252),
        }
    out["dates"][date] = rows
json.dump(out, sys.stdout, indent=1)
print()
