"""Portfolio refresh oracle (docs/portfolio-risk.md; src/analytics/portfolio-risk.ts, the batch's portfolio phase).

Reads test/golden/portfolio.json (a long/short book with a quoted long call, an unquoted short put and a
closed position), test/golden/factor-prices.csv (factor ETFs) and test/golden/symbol-prices.csv (AAPL, JPM,
NFLX, XOM; XOM has a gap), and prints, for the portfolio's previousDate (2024-12-30, the first snapshot) and
date (2024-12-31), every number the portfolio refresh stores, recomputed from the specification with numpy
and the Python standard library only (math.erfc for the normal CDF, statistics.NormalDist for its inverse):

- history: the factor ETFs' last 253 dates on or before the date; simple returns of each underlying on that
  calendar (missing when either price is missing); complete cases = dates where every held underlying has one;
- betas exactly as factor_exposures_oracle.py (ols_single on SPY / TLT / USO, ridge on the standardized style
  ETFs, population sd, lambda 25, rows with a missing value dropped); factor covariance exactly as
  factor_covariance_oracle.py (numpy.cov ddof 1 of the last 252 factor returns);
- valuation and P&L: Black-Scholes-Merton (r 0.04 continuous, q 0, Act/365); the quoted call at its implied
  volatility (bisection to a bracket, then Newton, repricing to ~1e-14), the unquoted put at JPM's realized
  volatility (ddof 1 x sqrt 252, estimated); total / daily P&L, equity roll-forward, time-weighted return;
- per-share and dollar Greeks; exposures (long / short / gross / net by market value and delta dollars, by
  sector, industry, tag, position type and underlying); concentration (HHI, effective N, top 3 / 5 / 10);
- factor exposures (delta dollars x beta) and style-factor variance contributions b_k (S b)_k;
- lookback P&L of the holdings (options fully revalued at base vol, same T) / equity: volatility, Sharpe
  (PerformanceAnalytics SharpeRatio.annualized, geometric), Sortino (MAR r/252, "full" downside deviation, x sqrt(252)),
  maximum drawdown (positive fraction, wealth index starting at 1); VaR / ES historical (type 7 quantile;
  10 days on overlapping compounded returns), Gaussian (mean, POPULATION sd: value-at-risk.ts gaussianVar),
  modified Cornish-Fisher (population moments; PerformanceAnalytics operational ES), Monte Carlo (a port of
  random.ts xoshiro128** / splitmix32 / polar normals and value-at-risk.ts monteCarloVar's scenario loop on the
  underlyings' sample covariance, delta-gamma P&L, 10,000 draws, seed 1);
- Euler component VaR (Gaussian delta, mean 0, sample covariance by position), pairwise correlations and the
  diversification score; the 12 seeded stress scenarios direct and correlated; short-squeeze levels.
Inputs the refresh reads back from the tables are used at their columns' precision, as it sees them: betas
NUMERIC(14, 8), factor covariance NUMERIC(24, 14), scenario shocks NUMERIC(12, 8) (see `stored`).
Every float is written with repr precision. When scipy is importable (Debian's python3-scipy) the script also
cross-checks the normal functions, the option prices and the Gaussian VaR against it.

    python3 test/golden/oracles/portfolio_risk_oracle.py > test/golden/portfolio-risk.json   # from the repository root
"""
import csv
import json
from decimal import ROUND_HALF_UP, Decimal
import math
import statistics
import sys
from datetime import date as Date

import numpy as np

from ridge import ridge  # the script's folder is on sys.path

try:  # optional cross-checks only; the numbers never come from scipy
    import scipy
    from scipy.stats import norm as _sp_norm
except ImportError:  # pragma: no cover
    scipy = None

WINDOW = 252
LAMBDA = 25.0
MIN_HISTORY = 60
CONFIDENCES = [0.95, 0.99]
HORIZONS = [1, 10]
SIMULATIONS = 10_000
SEED = 1
TLT_DURATION = 16.5  # src/db/migrations/0003_factors.sql, factor_definitions.proxy_duration_years of interest_rate

STYLE = [("market", "SPY"), ("momentum", "MTUM"), ("value", "VTV"), ("growth", "VUG"), ("quality", "QUAL"), ("size", "IWM"), ("low_volatility", "SPLV")]
SINGLE = [("market", "SPY"), ("interest_rate", "TLT"), ("oil", "USO")]
STRESS_FACTORS = [name for name, _ in SINGLE]
# src/db/migrations/0004_results.sql, by display_order: (name, shock kind, factor, value).
SCENARIOS = [
    ("Market Up 10%", "factor_return", "market", 0.10),
    ("Market Down 10%", "factor_return", "market", -0.10),
    ("Rates Up 0.25%", "yield_change", "interest_rate", 0.0025),
    ("Rates Down 0.25%", "yield_change", "interest_rate", -0.0025),
    ("Oil Up 5%", "factor_return", "oil", 0.05),
    ("Oil Down 5%", "factor_return", "oil", -0.05),
    ("2008 Financial Crisis", "factor_return", "market", -0.2816010177),
    ("COVID-19 Crash", "factor_return", "market", -0.3392496001),
    ("Black Monday 1987", "factor_return", "market", -0.1917300320),
    ("Dot-com Bust", "factor_return", "market", -0.4914694789),
    ("2011 US Downgrade", "factor_return", "market", -0.1677001499),
    ("2018 Q4 Selloff", "factor_return", "market", -0.1977821042),
]

# ---------------------------------------------------------------------------------------------- inputs
with open("test/golden/portfolio.json") as f:
    PORTFOLIO = json.load(f)
RATE = PORTFOLIO["riskFreeRate"]

with open("test/golden/factor-prices.csv", newline="") as f:
    rows = list(csv.reader(f))
etfs = rows[0][1:]
factor_dates = [r[0] for r in rows[1:]]
factor_prices = {e: {r[0]: float(r[j + 1]) for r in rows[1:] if r[j + 1] != ""} for j, e in enumerate(etfs)}
assert all(len(v) == len(factor_dates) for v in factor_prices.values())  # every ETF on every date: the calendar is the file's dates

stock_prices = {}
with open("test/golden/symbol-prices.csv", newline="") as f:
    for s, d, p in list(csv.reader(f))[1:]:
        stock_prices.setdefault(s, {})[d] = float(p)


def close_on_or_before(by_date, d):
    ds = [x for x in by_date if x <= d]
    last = max(ds)
    return by_date[last], last


# --------------------------------------------------------------------------------------- normal, BSM
SQRT2 = math.sqrt(2.0)
INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)


def ncdf(x):
    return 0.5 * math.erfc(-x / SQRT2)


def npdf(x):
    return INV_SQRT_2PI * math.exp(-0.5 * x * x)


def ninv(p):
    return statistics.NormalDist().inv_cdf(p)


def year_fraction(start, end):
    return (Date.fromisoformat(end) - Date.fromisoformat(start)).days / 365.0


def bsm(right, S, K, T, r, v):
    """Price and per-share Greeks, q = 0: delta, gamma, vega and rho per 1.00, theta per year = -dV/dT."""
    if T <= 0:
        intrinsic = max(S - K, 0.0) if right == "CALL" else max(K - S, 0.0)
        return {"price": intrinsic}
    sq = math.sqrt(T)
    d1 = (math.log(S / K) + (r + 0.5 * v * v) * T) / (v * sq)
    d2 = d1 - v * sq
    df = math.exp(-r * T)
    pdf1 = npdf(d1)
    gamma = pdf1 / (S * v * sq)
    vega = S * pdf1 * sq
    if right == "CALL":
        price = S * ncdf(d1) - K * df * ncdf(d2)
        delta = ncdf(d1)
        theta = -S * pdf1 * v / (2 * sq) - r * K * df * ncdf(d2)
        rho = K * T * df * ncdf(d2)
    else:
        price = K * df * ncdf(-d2) - S * ncdf(-d1)
        delta = -ncdf(-d1)
        theta = -S * pdf1 * v / (2 * sq) + r * K * df * ncdf(-d2)
        rho = -K * T * df * ncdf(-d2)
    return {"price": price, "delta": delta, "gamma": gamma, "vega": vega, "theta_per_year": theta, "theta_per_day": theta / 365.0, "rho": rho,
            "d1": d1, "d2": d2}


def implied_vol(right, quote, S, K, T, r):
    """Bisection on [1e-6, hi] down to a 1e-6 wide bracket, then Newton; asserts the quote is repriced."""
    lo, hi = 1e-6, 1.0
    while bsm(right, S, K, T, r, hi)["price"] < quote:
        hi *= 2
    assert bsm(right, S, K, T, r, lo)["price"] < quote
    while hi - lo > 1e-6:
        mid = 0.5 * (lo + hi)
        if bsm(right, S, K, T, r, mid)["price"] < quote:
            lo = mid
        else:
            hi = mid
    v = 0.5 * (lo + hi)
    for _ in range(50):
        g = bsm(right, S, K, T, r, v)
        step = (g["price"] - quote) / g["vega"]
        v -= step
        if abs(step) < 1e-16 * v:
            break
    err = bsm(right, S, K, T, r, v)["price"] - quote
    assert abs(err) <= 1e-14 * quote * 10, err  # a few ulps of the quote
    return v, err


# ---------------------------------------------------------------------------- regressions (as oracle)
def stored(x, decimals):
    """x as a NUMERIC(p, decimals) column keeps it: the driver sends the shortest repr, PostgreSQL rounds
    half away from zero. The refresh reads betas (NUMERIC(14, 8)) and the factor covariance (NUMERIC(24, 14))
    back from the tables, so the oracle uses them at that precision too."""
    return float(Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def ols(y, xs):
    X = np.column_stack([np.ones(len(y))] + xs)
    keep = ~np.isnan(y) & ~np.isnan(X).any(axis=1)
    X, y = X[keep], y[keep]
    coef, *_ = np.linalg.lstsq(X, y, rcond=None)
    return coef[1:], int(len(y))


# ------------------------------------------------------------------------------- RNG (random.ts port)
M32 = 0xFFFFFFFF


def _rotl(x, k):
    return ((x << k) | (x >> (32 - k))) & M32


class Rng:
    """xoshiro128** seeded by splitmix32; 53-bit uniforms from two outputs; polar Marsaglia normals with the spare kept."""

    def __init__(self, seed):
        s = seed & M32

        def split():
            nonlocal s
            s = (s + 0x9E3779B9) & M32
            z = s
            z = ((z ^ (z >> 16)) * 0x85EBCA6B) & M32
            z = ((z ^ (z >> 13)) * 0xC2B2AE35) & M32
            return (z ^ (z >> 16)) & M32

        self.a, self.b, self.c, self.d = split(), split(), split(), split()
        if (self.a | self.b | self.c | self.d) == 0:
            self.a = 1
        self.spare = None

    def next32(self):
        a, b, c, d = self.a, self.b, self.c, self.d
        result = (_rotl((b * 5) & M32, 7) * 9) & M32
        t = (b << 9) & M32
        c ^= a
        d ^= b
        b ^= c
        a ^= d
        c ^= t
        d = _rotl(d, 11)
        self.a, self.b, self.c, self.d = a, b, c, d
        return result

    def uniform(self):
        hi = self.next32() >> 5
        lo = self.next32() >> 6
        return (hi * 67108864 + lo) / 9007199254740992.0

    def normal(self):
        if self.spare is not None:
            v, self.spare = self.spare, None
            return v
        while True:
            u = 2 * self.uniform() - 1
            v = 2 * self.uniform() - 1
            s = u * u + v * v
            if not (s >= 1 or s == 0):
                break
        m = math.sqrt(-2 * math.log(s) / s)
        self.spare = v * m
        return u * m


# ------------------------------------------------------------------------------------- risk helpers
def q7(sorted_x, p):
    return float(np.quantile(sorted_x, p, method="linear"))


def tail(x, alpha):
    xs = np.sort(x)
    v = q7(xs, alpha)
    return v, float(xs[xs <= v].mean())


def pop_moments(r):
    m = r.mean()
    c = r - m
    m2, m3, m4 = (c ** 2).mean(), (c ** 3).mean(), (c ** 4).mean()
    return m, m2, m3 / m2 ** 1.5, m4 / m2 ** 2 - 3


def var_block(var_return, es_return, equity, n):
    return {"var": -var_return * equity, "es": -es_return * equity, "var_return": var_return, "es_return": es_return, "sample_size": int(n)}


def f(x):
    return None if x is None else float(x)


# the port reproduces random.ts: createRng(1) from `npx tsx` gave these first 3 uniforms and 7 normals
_rng = Rng(1)
assert [_rng.uniform() for _ in range(3)] == [0.5686059948349658, 0.8893939367683266, 0.4705824180198359]
assert all(abs(_rng.normal() - x) <= 1e-15 * abs(x) for x in
           [-1.2118435377053631, -1.3479043448261878, 0.0690630242231805, 2.4539104752801646, -1.2045406749187935, 0.8746734046628993, 1.3032724789934267])


# -------------------------------------------------------------------------------------- one date
def compute(D, prev=None):
    end = factor_dates.index(D)
    calendar = factor_dates[end - WINDOW: end + 1]
    assert len(calendar) == WINDOW + 1

    def returns_on_calendar(by_date):
        p = np.array([by_date.get(d, np.nan) for d in calendar])
        return p[1:] / p[:-1] - 1.0

    etf_r = {e: returns_on_calendar(factor_prices[e]) for e in etfs}

    # positions included / open
    included = [p for p in PORTFOLIO["positions"] if p["entryDate"] <= D]
    open_pos = [p for p in included if not (p.get("exitDate") and p["exitDate"] <= D)]
    closed_pos = [p for p in included if p.get("exitDate") and p["exitDate"] <= D]
    und_of = lambda p: p.get("underlying", p["symbol"])
    held = sorted({und_of(p) for p in open_pos})

    # underlyings: spot, returns, realized vol, betas
    und = {}
    R = {}
    for u in held:
        S, sd_ = close_on_or_before(stock_prices[u], D)
        assert sd_ == D  # no stale price in the golden data
        r = returns_on_calendar(stock_prices[u])
        R[u] = r
        ok = r[~np.isnan(r)]
        single = {name: ols(r, [etf_r[e]]) for name, e in SINGLE}
        fit = ridge(r, [etf_r[e] for _, e in STYLE], LAMBDA)
        rb, rn = fit["beta"], fit["n"]
        und[u] = {
            "spot": S,
            "price_date": sd_,
            "returns_available": int(len(ok)),
            "realized_volatility": float(np.std(ok, ddof=1) * math.sqrt(252)),
            "betas_single": {name: float(b[0]) for name, (b, n) in single.items()},
            "betas_ridge": {name: float(rb[j]) for j, (name, _) in enumerate(STYLE)},
            "betas_single_stored": {name: stored(b[0], 8) for name, (b, n) in single.items()},
            "betas_ridge_stored": {name: stored(rb[j], 8) for j, (name, _) in enumerate(STYLE)},
            "regression_rows": {"ols_single": {name: n for name, (b, n) in single.items()}, "ridge": rn},
        }

    # valuation
    T_of = lambda p: year_fraction(D, p["expiry"])
    pos = {}
    for p in included:
        key = p["key"]
        is_opt = "optionType" in p
        mult = 100 if is_opt else 1
        q = p["quantity"]
        cost = q * p["entryPrice"] * mult
        row = {"symbol": p["symbol"], "underlying": und_of(p), "type": p["type"], "quantity": q, "multiplier": mult}
        if p in closed_pos:
            row.update({"open": False, "realized_pnl": q * (p["exitPrice"] - p["entryPrice"]) * mult, "cost": cost})
            pos[key] = row
            continue
        u = und_of(p)
        S = und[u]["spot"]
        row["open"] = True
        if is_opt:
            T = T_of(p)
            quote = PORTFOLIO["optionCloses"].get(p["symbol"], {}).get(D)
            if quote is not None:
                vol, err = implied_vol(p["optionType"], quote, S, p["strike"], T, RATE)
                src, est = "implied", False
            else:
                vol, err, src, est = und[u]["realized_volatility"], None, "realized", True
            g = bsm(p["optionType"], S, p["strike"], T, RATE, vol)
            price = quote if quote is not None else g["price"]
            row["option"] = {
                "right": p["optionType"], "strike": p["strike"], "expiry": p["expiry"], "days_to_expiry": (Date.fromisoformat(p["expiry"]) - Date.fromisoformat(D)).days,
                "time_to_expiry": T, "quote": quote, "volatility": vol, "volatility_source": src, "estimated": est,
                "model_price": g["price"], "implied_repricing_error": err, "quote_date": D if quote is not None else None,
                "delta": g["delta"], "gamma": g["gamma"], "vega": g["vega"], "theta_per_year": g["theta_per_year"], "theta_per_day": g["theta_per_day"], "rho": g["rho"],
            }
            dd = g["delta"] * q * mult * S
            gd = g["gamma"] * (0.01 * S) * q * mult * S
            th = g["theta_per_day"] * q * mult
            ve = g["vega"] / 100 * q * mult
            rh = g["rho"] / 100 * q * mult
        else:
            price = S
            dd, gd, th, ve, rh = q * S, 0.0, 0.0, 0.0, 0.0
        mv = q * price * mult
        row.update({
            "spot": S, "price": price, "market_value": mv, "cost": cost, "unrealized_pnl": mv - cost, "unrealized_pct": (mv - cost) / abs(cost),
            "delta_dollars": dd, "gamma_dollars_per_1pct": gd, "theta_per_day": th, "vega_per_vol_point": ve, "rho_per_rate_point": rh,
        })
        pos[key] = row
    open_keys = [p["key"] for p in open_pos]
    closed_keys = [p["key"] for p in closed_pos]

    # P&L, equity
    total_unreal = sum(pos[k]["unrealized_pnl"] for k in open_keys)
    total_real = sum(pos[k]["realized_pnl"] for k in closed_keys)
    total_pnl = total_unreal + total_real
    flows = sum(cf["amount"] for cf in PORTFOLIO["cashFlows"] if cf["date"] == D)
    if prev is None:
        daily_pnl, prev_equity, daily_return, twr = None, None, None, 0.0
        equity = PORTFOLIO["equityBalance"] + flows
    else:
        prev_equity = prev["snapshot"]["equity"]
        daily_pnl = total_pnl - prev["snapshot"]["total_pnl"]
        equity = prev_equity + daily_pnl + flows
        daily_return = daily_pnl / prev_equity
        twr = (1 + prev["snapshot"]["time_weighted_return"]) * (1 + daily_return) - 1
    mvs = [pos[k]["market_value"] for k in open_keys]
    dds = np.array([pos[k]["delta_dollars"] for k in open_keys])
    net_mv = sum(mvs)

    # exposures
    def summary(keys):
        mv = [pos[k]["market_value"] for k in keys]
        d = [pos[k]["delta_dollars"] for k in keys]
        lo, sh = sum(x for x in mv if x > 0), sum(x for x in mv if x < 0)
        dl, ds = sum(x for x in d if x > 0), sum(x for x in d if x < 0)
        return {"long": float(lo), "short": float(sh), "gross": float(lo - sh), "net": float(lo + sh),
                "delta_long": float(dl), "delta_short": float(ds), "delta_gross": float(dl - ds), "delta_net": float(dl + ds), "positions": len(keys)}

    def grouped(keyfn):
        groups = {}
        for k in open_keys:
            for g in keyfn(k):
                groups.setdefault(g, []).append(k)
        out = {g: summary(ks) for g, ks in groups.items()}
        return dict(sorted(out.items(), key=lambda kv: (-kv[1]["delta_gross"], kv[0])))

    spec = {p["key"]: p for p in PORTFOLIO["positions"]}
    uni = PORTFOLIO["universe"]
    total_summary = summary(open_keys)
    total_summary["gross_leverage"] = total_summary["gross"] / equity
    total_summary["net_leverage"] = total_summary["net"] / equity
    net_by_u = {}
    for k in open_keys:
        net_by_u[pos[k]["underlying"]] = net_by_u.get(pos[k]["underlying"], 0.0) + pos[k]["delta_dollars"]
    absx = {u: abs(x) for u, x in net_by_u.items()}
    tot_abs = sum(absx.values())
    w = sorted(((u, a / tot_abs) for u, a in absx.items()), key=lambda t: (-t[1], t[0]))
    hhi = sum(x * x for _, x in w)
    exposures = {
        "summary": total_summary,
        "by_sector": grouped(lambda k: [uni[pos[k]["underlying"]].get("sector") or "(unclassified)"]),
        "by_industry": grouped(lambda k: [uni[pos[k]["underlying"]].get("industry") or "(unclassified)"]),
        "by_tag": grouped(lambda k: list(dict.fromkeys(spec[k]["tags"])) or ["(untagged)"]),
        "by_position_type": grouped(lambda k: [pos[k]["type"]]),
        "by_underlying": grouped(lambda k: [pos[k]["underlying"]]),
        "concentration": {
            "net_delta_dollars": {u: float(x) for u, x in sorted(net_by_u.items())},
            "weights": {u: float(x) for u, x in w},
            "hhi": float(hhi), "effective_n": float(1 / hhi),
            "top3": float(sum(x for _, x in w[:3])), "top5": float(sum(x for _, x in w[:5])), "top10": float(sum(x for _, x in w[:10])),
        },
    }

    # Greek totals
    greeks = {name: float(sum(pos[k][name] for k in open_keys)) for name in ["delta_dollars", "gamma_dollars_per_1pct", "theta_per_day", "vega_per_vol_point", "rho_per_rate_point"]}

    # factor exposures and risk contributions
    factors_all = [n for n, _ in STYLE] + ["interest_rate", "oil"]

    def beta_of(u, fac):
        return und[u]["betas_ridge_stored"][fac] if fac in dict(STYLE) else und[u]["betas_single_stored"][fac]

    pos_fx = {k: {fac: pos[k]["delta_dollars"] * beta_of(pos[k]["underlying"], fac) for fac in factors_all} for k in open_keys}
    port_fx = {}
    for fac in factors_all:
        dollars = sum(pos_fx[k][fac] for k in open_keys)
        port_fx[fac] = {"dollars": float(dollars), "beta": float(dollars / equity)}
    mkt_single_dollars = sum(pos[k]["delta_dollars"] * und[pos[k]["underlying"]]["betas_single_stored"]["market"] for k in open_keys)
    style_r = np.column_stack([etf_r[e] for _, e in STYLE])
    S7 = np.vectorize(lambda v: stored(v, 14))(np.cov(style_r, rowvar=False, ddof=1))
    b = np.array([port_fx[n]["dollars"] for n, _ in STYLE])
    Sb = S7 @ b
    contrib = b * Sb
    factor_exposures = {
        "positions": {k: {fac: float(v) for fac, v in pos_fx[k].items()} for k in open_keys},
        "portfolio": port_fx,
        "portfolio_beta_market_single": float(mkt_single_dollars / equity),
        "portfolio_market_dollars_single": float(mkt_single_dollars),
        "style_variance_contributions": {n: float(contrib[j]) for j, (n, _) in enumerate(STYLE)},
        "style_factor_variance": float(b @ Sb),
    }

    # lookback P&L on complete cases
    Rm = np.column_stack([R[u] for u in held])
    cc = ~np.isnan(Rm).any(axis=1)
    Rc = Rm[cc]
    n_cc = int(cc.sum())
    assert n_cc >= MIN_HISTORY
    col = {u: j for j, u in enumerate(held)}
    pnl = np.zeros(n_cc)
    for k in open_keys:
        p, row = spec[k], pos[k]
        r = Rc[:, col[row["underlying"]]]
        S = row["spot"]
        if "option" in row:
            o = row["option"]
            base = o["model_price"]
            shocked = np.array([bsm(o["right"], S * (1 + x), o["strike"], o["time_to_expiry"], RATE, o["volatility"])["price"] for x in r])
            pnl += p["quantity"] * 100 * (shocked - base)
        else:
            pnl += p["quantity"] * S * r
    ret = pnl / equity
    mean_r, m2, skew, exkurt = pop_moments(ret)
    sd1 = float(np.std(ret, ddof=1))
    rf = RATE / 252
    excess = ret - rf
    ann_excess = float(np.prod(1 + excess) ** (252 / n_cc) - 1)
    dd = math.sqrt(float(np.sum(np.minimum(excess, 0.0) ** 2)) / n_cc)
    wealth = np.concatenate([[1.0], np.cumprod(1 + ret)])
    peak = np.maximum.accumulate(wealth)
    mdd = float(np.max(1 - wealth / peak))
    lookback = {
        "first_return_date": calendar[1], "last_return_date": calendar[-1], "history_returns": WINDOW, "complete_cases": n_cc,
        "underlyings": held,
        "mean_daily": float(mean_r), "volatility_daily": sd1, "volatility_annualized": sd1 * math.sqrt(252),
        "population_sd_daily": math.sqrt(m2), "skewness": float(skew), "excess_kurtosis": float(exkurt),
        "sharpe_ratio": ann_excess / (sd1 * math.sqrt(252)), "annualized_excess_return": ann_excess,
        "sortino_ratio": float(excess.mean()) / dd * math.sqrt(252), "downside_deviation": dd,
        "max_drawdown": mdd, "pnl_sum": float(pnl.sum()), "pnl_min": float(pnl.min()), "pnl_max": float(pnl.max()),
    }

    # VaR
    var = {"historical": {}, "gaussian": {}, "modified": {}, "monte_carlo": {}}
    covU = np.cov(Rc, rowvar=False, ddof=1)
    und_delta = np.array([sum(pos[k]["delta_dollars"] for k in open_keys if pos[k]["underlying"] == u) for u in held])
    und_gamma = np.array([sum(pos[k]["gamma_dollars_per_1pct"] for k in open_keys if pos[k]["underlying"] == u) for u in held])
    for c in CONFIDENCES:
        alpha = 1 - c
        z = ninv(alpha)
        ck = "%.2f" % c
        for name in var:
            var[name][ck] = {}
        for h in HORIZONS:
            hk = str(h)
            sample = ret if h == 1 else np.array([np.prod(1 + ret[t: t + h]) - 1 for t in range(n_cc - h + 1)])
            v, es = tail(sample, alpha)
            var["historical"][ck][hk] = var_block(v, es, equity, len(sample))
            mu_h, sig_h = mean_r * h, math.sqrt(m2) * math.sqrt(h)
            var["gaussian"][ck][hk] = var_block(mu_h + z * sig_h, mu_h - sig_h * npdf(z) / alpha, equity, n_cc)
            s_h, k_h = skew / math.sqrt(h), exkurt / h
            zc = z + (z * z - 1) * s_h / 6 + (z ** 3 - 3 * z) * k_h / 24 - (2 * z ** 3 - 5 * z) * s_h * s_h / 36
            E = npdf(zc) * (1 + zc ** 3 * s_h / 6 + (zc ** 6 - 9 * zc ** 4 + 9 * zc ** 2 + 3) * s_h * s_h / 72 + (zc ** 4 - 2 * zc ** 2 - 1) * k_h / 24) / alpha
            var["modified"][ck][hk] = var_block(mu_h + zc * sig_h, mu_h + sig_h * min(-E, zc), equity, n_cc)
            # Monte Carlo: fresh generator per (confidence, horizon)
            L = np.linalg.cholesky(covU * h)
            rng = Rng(SEED)
            k_ = len(held)
            sims = np.empty(SIMULATIONS)
            for s in range(SIMULATIONS):
                zz = [rng.normal() for _ in range(k_)]
                fvec = [sum(L[i][j] * zz[j] for j in range(i + 1)) for i in range(k_)]
                tot = 0.0
                for u in range(k_):
                    tot += und_delta[u] * fvec[u] + 50 * und_gamma[u] * fvec[u] * fvec[u]
                sims[s] = tot / equity
            v, es = tail(sims, alpha)
            blk = var_block(v, es, equity, SIMULATIONS)
            blk["simulated_mean_return"] = float(sims.mean())
            var["monte_carlo"][ck][hk] = blk

    # component VaR (Gaussian delta, mean 0, by position)
    U = [pos[k]["underlying"] for k in open_keys]
    RP = np.column_stack([Rc[:, col[u]] for u in U])
    SP = np.cov(RP, rowvar=False, ddof=1)
    x = dds
    Sx = SP @ x
    comp_var = {}
    for c in CONFIDENCES:
        alpha = 1 - c
        z = ninv(alpha)
        ck = "%.2f" % c
        comp_var[ck] = {}
        for h in HORIZONS:
            sig = math.sqrt(h * float(x @ Sx))
            vv = z * sig
            es = -sig * npdf(z) / alpha
            comp = x * (z * h * Sx / sig)
            comp_es = x * (-npdf(z) / alpha * h * Sx / sig)
            assert abs(comp.sum() - vv) <= 1e-9 * abs(vv)
            comp_var[ck][str(h)] = {
                "total": -vv, "total_es": -es, "sigma_dollars": sig,
                "positions": {k: float(-comp[i]) for i, k in enumerate(open_keys)},
                "positions_es": {k: float(-comp_es[i]) for i, k in enumerate(open_keys)},
                "marginal": {k: float(-z * h * Sx[i] / sig) for i, k in enumerate(open_keys)},  # dollars of VaR (loss) per dollar of exposure
                "percent": {k: float(comp[i] / vv) for i, k in enumerate(open_keys)},
            }

    # correlations, diversification
    # Pearson correlation of the underlyings (cov_uv / sqrt(cov_uu cov_vv)); exactly 1 on the same underlying
    corrU = covU / np.sqrt(np.outer(np.diag(covU), np.diag(covU)))
    assert np.allclose(corrU, np.corrcoef(Rc, rowvar=False), rtol=0, atol=1e-14)
    pairs = []
    for i in range(len(open_keys)):
        for j in range(i + 1, len(open_keys)):
            cu, cv = col[U[i]], col[U[j]]
            pairs.append({"a": open_keys[i], "b": open_keys[j], "correlation": 1.0 if cu == cv else float(corrU[cu, cv])})
    mean_corr = float(np.mean([pp["correlation"] for pp in pairs]))
    port_sd = math.sqrt(float(x @ Sx))
    weighted = float(np.sum(np.abs(x) * np.sqrt(np.diag(SP))))
    diversification = {"score": 1 - port_sd / weighted, "ratio": weighted / port_sd, "portfolio_volatility_dollars": port_sd, "weighted_volatility_dollars": weighted}

    # stress
    S3 = np.vectorize(lambda v: stored(v, 14))(np.cov(np.column_stack([etf_r[e] for _, e in SINGLE]), rowvar=False, ddof=1))

    def pnl_under(fs):
        imp = {fac: 0.0 for fac in STRESS_FACTORS}
        total, linear, prow = 0.0, 0.0, {}
        for k in open_keys:
            row = pos[k]
            u = row["underlying"]
            bet = und[u]["betas_single_stored"]
            r = 0.0
            for fac in STRESS_FACTORS:
                cst = row["delta_dollars"] * bet[fac] * fs[fac]
                imp[fac] += cst
                linear += cst
                r += bet[fac] * fs[fac]
            if "option" in row:
                o = row["option"]
                shocked = bsm(o["right"], max(row["spot"] * (1 + r), row["spot"] * 1e-12), o["strike"], o["time_to_expiry"], RATE, o["volatility"])["price"]
                pl = row["quantity"] * 100 * (shocked - o["model_price"])
            else:
                pl = row["quantity"] * row["spot"] * r
            total += pl
            prow[k] = {"underlying_return": r, "pnl": pl}
        return {"factor_shocks": {k_: float(v_) for k_, v_ in fs.items()}, "total_pnl": total, "total_return": total / equity,
                "factor_impacts": imp, "nonlinear_pnl": total - linear, "positions": prow}

    stress = {}
    for order, (name, kind, fac, val) in enumerate(SCENARIOS, start=1):
        val = stored(val, 8)  # stress_scenario_shocks.shock_value is NUMERIC(12, 8)
        shock = val if kind == "factor_return" else -TLT_DURATION * val
        direct = {fc: 0.0 for fc in STRESS_FACTORS}
        direct[fac] = shock
        si = STRESS_FACTORS.index(fac)
        oth = [i for i in range(3) if i != si]
        cond = S3[np.ix_(oth, [si])] @ np.linalg.solve(S3[np.ix_([si], [si])], np.array([shock]))
        corr_f = dict(direct)
        for a, i in enumerate(oth):
            corr_f[STRESS_FACTORS[i]] = float(cond[a])
        stress[name] = {"display_order": order, "shock_kind": kind, "factor": fac, "shock_value": val, "factor_return": shock,
                        "direct": pnl_under(direct), "correlated": pnl_under(corr_f)}

    # short squeeze: the latest metrics row on or before D (portfolio.json holds one row per symbol, dated
    # 2024-12-31, so on 2024-12-30 the shorts have no metrics and are listed as missing, not guessed)
    squeeze = {"positions": {}, "missing_metrics": []}
    for k in open_keys:
        if "option" in pos[k] or pos[k]["quantity"] >= 0:
            continue
        mrec = PORTFOLIO["shortSelling"].get(pos[k]["symbol"])
        if mrec is None or mrec["date"] > D:
            squeeze["missing_metrics"].append(k)
            continue
        cb, dtc = mrec["costToBorrowRate"], mrec["daysToCover"]  # borrow rate in percent a year (short-squeeze.ts)
        level = "HIGH" if (cb > 10 or dtc > 5) else "MEDIUM" if (cb > 5 or dtc > 3) else "LOW"
        squeeze["positions"][k] = {"symbol": pos[k]["symbol"], "quantity": pos[k]["quantity"], "metrics_date": mrec["date"],
                                   "cost_to_borrow_rate": cb, "days_to_cover": dtc, "level": level}

    snapshot = {
        "equity": float(equity), "previous_equity": f(prev_equity), "cash_flows": float(flows), "daily_pnl": f(daily_pnl), "daily_return": f(daily_return),
        "time_weighted_return": float(twr), "total_pnl": float(total_pnl), "total_unrealized_pnl": float(total_unreal), "total_realized_pnl": float(total_real),
        "net_market_value": float(net_mv), "gross_market_value": float(sum(abs(m) for m in mvs)), "cash": float(equity - net_mv),
        "portfolio_beta": float(mkt_single_dollars / equity), "position_correlation": mean_corr, "diversification_score": diversification["score"],
        "greeks": greeks, "open_positions": open_keys, "closed_positions": closed_keys,
    }
    history = {"calendar_start": calendar[0], "first_return_date": calendar[1], "last_return_date": calendar[-1], "returns": WINDOW, "complete_cases": n_cc}
    return {
        "history": history,
        "snapshot": snapshot,
        "underlyings": und,
        "positions": pos,
        "exposures": exposures,
        "factor_exposures": factor_exposures,
        "factor_covariance": {"style_factors": [n for n, _ in STYLE], "style": S7.tolist(), "stress_factors": STRESS_FACTORS, "stress": S3.tolist()},
        "lookback": lookback,
        "var": var,
        "component_var": comp_var,
        "correlations": {"pairs": pairs, "mean": mean_corr, "diversification": diversification, "underlying_covariance": {"underlyings": held, "matrix": covU.tolist()}},
        "stress": stress,
        "short_squeeze": squeeze,
    }, {"ret": ret, "covU": covU, "S3": S3, "etf_r": etf_r, "R": R, "x": x, "SP": SP}


# ---------------------------------------------------------------------------------------- run
PREV, DATE = PORTFOLIO["previousDate"], PORTFOLIO["date"]
res_prev, aux_prev = compute(PREV)
res_date, aux_date = compute(DATE, res_prev)


# ---------------------------------------------------------------------------------- self-checks
def close(a, b, rel=1e-12, abs_=0.0):
    return abs(a - b) <= abs_ + rel * max(abs(a), abs(b))


# 1. the 2024-12-31 betas and factor covariance equal the committed symbol-batch goldens
with open("test/golden/factor-exposures.json") as fh:
    fe = json.load(fh)
for s, fits in fe["symbols"].items():
    for fit in fits:
        if fit["method"] == "ols_single":
            assert close(res_date["underlyings"][s]["betas_single"][fit["factor"]], fit["beta"], 1e-10), (s, fit)
        if fit["method"] == "ridge":
            assert close(res_date["underlyings"][s]["betas_ridge"][fit["factor"]], fit["beta"], 1e-10), (s, fit)
with open("test/golden/factor-covariance.json") as fh:
    fc = json.load(fh)
full = np.array(fc["dates"][DATE]["sample"])
idx = {e: i for i, e in enumerate(fc["symbols"])}
st = [idx[e] for _, e in STYLE]
assert np.allclose(np.array(res_date["factor_covariance"]["style"]), full[np.ix_(st, st)], rtol=0, atol=1e-14)  # stored at 14 decimals
# 2. implied volatility reprices the quote; Greeks against central finite differences
for res, D in ((res_prev, PREV), (res_date, DATE)):
    for k, row in res["positions"].items():
        o = row.get("option")
        if not o:
            continue
        S, K, T, v = row["spot"], o["strike"], o["time_to_expiry"], o["volatility"]
        if o["quote"] is not None:
            assert abs(o["model_price"] - o["quote"]) <= 1e-13 * o["quote"]
        P = lambda S_=S, T_=T, v_=v, r_=RATE: bsm(o["right"], S_, K, T_, r_, v_)["price"]
        hS, hv, hT, hr = 1e-4 * S, 1e-5, 1e-5, 1e-5  # errors fall as h^2; observed ~4e-7 (delta, gamma), ~1e-9 (others)
        assert close((P(S + hS) - P(S - hS)) / (2 * hS), o["delta"], 2e-6)
        assert close((P(S + hS) - 2 * P() + P(S - hS)) / hS ** 2, o["gamma"], 2e-6)
        assert close((P(v_=v + hv) - P(v_=v - hv)) / (2 * hv), o["vega"], 1e-8)
        assert close(-(P(T_=T + hT) - P(T_=T - hT)) / (2 * hT), o["theta_per_year"], 1e-8)
        assert close((P(r_=RATE + hr) - P(r_=RATE - hr)) / (2 * hr), o["rho"], 1e-8)
        # put-call parity on the model
        other = "PUT" if o["right"] == "CALL" else "CALL"
        c_, p_ = (P(), bsm(other, S, K, T, RATE, v)["price"]) if o["right"] == "CALL" else (bsm(other, S, K, T, RATE, v)["price"], P())
        assert close(c_ - p_, S - K * math.exp(-RATE * T), 1e-12, 1e-11)
# 3. component VaR sums to the Gaussian delta VaR of the book (also asserted per block inside compute)
for res in (res_prev, res_date):
    for ck, byh in res["component_var"].items():
        for hk, blk in byh.items():
            assert close(sum(blk["positions"].values()), blk["total"], 1e-12)
            assert close(sum(blk["positions_es"].values()), blk["total_es"], 1e-12)
# 4. equity roll-forward, TWR and cash
s0, s1 = res_prev["snapshot"], res_date["snapshot"]
assert s0["equity"] == PORTFOLIO["equityBalance"] and s0["daily_pnl"] is None
assert close(s1["equity"], s0["equity"] + s1["daily_pnl"] + 50000, 1e-15)
assert close(s1["time_weighted_return"], s1["daily_pnl"] / s0["equity"], 1e-12)
# 5. stress: direct factor impacts plus the nonlinear part add up; the correlated shock of a single
#    shocked factor is its regression on it
for res, aux in ((res_prev, aux_prev), (res_date, aux_date)):
    S3 = aux["S3"]
    for name, sc in res["stress"].items():
        for leg in ("direct", "correlated"):
            blk = sc[leg]
            assert close(sum(blk["factor_impacts"].values()) + blk["nonlinear_pnl"], blk["total_pnl"], 1e-12, 1e-9)
            assert close(sum(p["pnl"] for p in blk["positions"].values()), blk["total_pnl"], 1e-12, 1e-9)
        i = STRESS_FACTORS.index(sc["factor"])
        for j, fac in enumerate(STRESS_FACTORS):
            assert close(sc["correlated"]["factor_shocks"][fac], S3[j, i] / S3[i, i] * sc["factor_return"], 1e-12)
# 6. Monte Carlo within a few standard errors of the analytic delta-normal VaR of the same covariance (loose)
for res in (res_prev, res_date):
    for ck in ("0.95", "0.99"):
        for hk in ("1", "10"):
            mc, an = res["var"]["monte_carlo"][ck][hk]["var"], res["component_var"][ck][hk]["total"]
            assert abs(mc / an - 1) < 0.1, (ck, hk, mc, an)
# 7. scipy cross-checks (optional)
checks = "numpy-only self-checks"
if scipy is not None:
    from scipy.stats import kurtosis, skew as sp_skew
    for x_ in (-7.5, -3.2, -1.6448536269514722, -0.3, 0.0, 0.7, 2.5, 6.0):
        assert close(ncdf(x_), float(_sp_norm.cdf(x_)), 1e-13)  # scipy ndtr loses ~x^2 ulp in the tail
        assert close(npdf(x_), float(_sp_norm.pdf(x_)), 1e-14)
    for p_ in (0.05, 0.01):
        assert close(ninv(p_), float(_sp_norm.ppf(p_)), 1e-14)
    for res in (res_prev, res_date):
        for k, row in res["positions"].items():
            o = row.get("option")
            if not o:
                continue
            S, K, T, v = row["spot"], o["strike"], o["time_to_expiry"], o["volatility"]
            d1 = (math.log(S / K) + (RATE + v * v / 2) * T) / (v * math.sqrt(T)); d2 = d1 - v * math.sqrt(T)
            ref = (S * _sp_norm.cdf(d1) - K * math.exp(-RATE * T) * _sp_norm.cdf(d2)) if o["right"] == "CALL" else (K * math.exp(-RATE * T) * _sp_norm.cdf(-d2) - S * _sp_norm.cdf(-d1))
            assert close(o["model_price"], float(ref), 1e-13)
    for res, aux in ((res_prev, aux_prev), (res_date, aux_date)):
        r_ = aux["ret"]
        assert close(res["lookback"]["skewness"], float(sp_skew(r_, bias=True)), 1e-10)
        assert close(res["lookback"]["excess_kurtosis"], float(kurtosis(r_, bias=True)), 1e-10)
        for c in CONFIDENCES:
            for h in HORIZONS:
                g = res["var"]["gaussian"]["%.2f" % c][str(h)]
                ref = -(r_.mean() * h + _sp_norm.ppf(1 - c) * r_.std(ddof=0) * math.sqrt(h)) * res["snapshot"]["equity"]
                assert close(g["var"], float(ref), 1e-12)
                ref_es = -(r_.mean() * h - r_.std(ddof=0) * math.sqrt(h) * _sp_norm.pdf(_sp_norm.ppf(1 - c)) / (1 - c)) * res["snapshot"]["equity"]
                assert close(g["es"], float(ref_es), 1e-12)
                cv = res["component_var"]["%.2f" % c][str(h)]
                ref_cv = -_sp_norm.ppf(1 - c) * math.sqrt(h * aux["x"] @ aux["SP"] @ aux["x"])
                assert close(cv["total"], float(ref_cv), 1e-12)
    checks = "numpy-only self-checks plus scipy %s cross-checks (normal cdf/pdf/ppf, BSM prices, skew/kurtosis, Gaussian and component VaR)" % scipy.__version__

out = {
    "source": "test/golden/oracles/portfolio_risk_oracle.py; numpy %s, python %s; %s" % (np.__version__, sys.version.split()[0], checks),
    "portfolio": "test/golden/portfolio.json",
    "date": DATE,
    "previous_date": PREV,
    "conventions": {
        "risk_free_rate": RATE, "window": WINDOW, "ridge_lambda": LAMBDA, "tlt_duration": TLT_DURATION, "simulations": SIMULATIONS, "seed": SEED,
        "confidences": ["0.95", "0.99"], "horizons": ["1", "10"],
        "var_sign": "var / es are positive dollar losses = -return quantile (tail mean) x equity; var_return / es_return are the return figures (negative = loss)",
        "gaussian": "mean x h + z x population sd (ddof 0) x sqrt(h); es = mean x h - sd_h phi(z) / alpha",
        "component_var": "Gaussian delta, mean 0, sample covariance (ddof 1) of the positions' underlying complete-case returns; total, positions, positions_es in positive dollar losses; marginal = -z h (S x)_i / sigma_p (loss per dollar of exposure); percent = component / total",
        "max_drawdown": "positive fraction, wealth index starting at 1 before the first complete-case return",
        "sortino": "mean(r - 0.04/252) / sqrt(sum(min(r - 0.04/252, 0)^2) / n) x sqrt(252), annualized like the Sharpe ratio beside it",
        "leverage": "exposures.summary gross_leverage / net_leverage = market-value gross / net over equity",
    },
    "dates": {PREV: res_prev, DATE: res_date},
}


def dump(x, ind=0):
    """JSON with one key per line; lists of numbers / strings (and matrices) kept on one line; floats as repr."""
    pad = " " * ind
    if isinstance(x, dict):
        if not x:
            return "{}"
        items = [pad + " " + json.dumps(k) + ": " + dump(v, ind + 1) for k, v in x.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(x, list) and any(isinstance(v, dict) for v in x):
        return "[\n" + ",\n".join(pad + " " + dump(v, ind + 1) for v in x) + "\n" + pad + "]"
    return json.dumps(x, separators=(", ", ": "), allow_nan=False)


assert json.loads(dump(out)) == out
sys.stdout.write(dump(out) + "\n")
