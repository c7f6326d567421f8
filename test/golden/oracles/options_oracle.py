"""QuantLib reference values for SigmaSight's Black-Scholes-Merton prices, Greeks and implied volatilities.

Run from the repository root with Debian's python3 (quantlib-python 1.29):
    PY=$(dpkg -L python3-minimal | grep -m1 -E '/bin/python3$')
    $PY test/golden/oracles/options_oracle.py > test/golden/options.json

Engine: ql.AnalyticEuropeanEngine on a BlackScholesMertonProcess with flat continuous r and q curves and flat
vol, Actual365Fixed, evaluation date 2024-01-02, expiry = evaluation date + `days` (so T = days / 365).
Greeks are QuantLib's: delta, gamma (per unit of spot), vega and rho per 1.00, theta per year and thetaPerDay.
Implied vols: ql.VanillaOption.impliedVolatility(target, process, accuracy=1e-12, maxEvaluations=1000,
minVol=1e-4, maxVol=10) for target prices built from a second volatility (so the answer is known) and for
quoted prices between the no-arbitrage bounds.
"""
import json
import QuantLib as ql

TODAY = ql.Date(2, 1, 2024)
ql.Settings.instance().evaluationDate = TODAY
DC = ql.Actual365Fixed()


def make(S, r, q, vol):
    spot = ql.QuoteHandle(ql.SimpleQuote(S))
    rts = ql.YieldTermStructureHandle(ql.FlatForward(TODAY, r, DC, ql.Continuous))
    qts = ql.YieldTermStructureHandle(ql.FlatForward(TODAY, q, DC, ql.Continuous))
    vts = ql.BlackVolTermStructureHandle(ql.BlackConstantVol(TODAY, ql.NullCalendar(), vol, DC))
    return ql.BlackScholesMertonProcess(spot, qts, rts, vts)


def option(right, K, days, proc):
    typ = ql.Option.Call if right == 'call' else ql.Option.Put
    opt = ql.EuropeanOption(ql.PlainVanillaPayoff(typ, K), ql.EuropeanExercise(TODAY + days))
    opt.setPricingEngine(ql.AnalyticEuropeanEngine(proc))
    return opt


cases = []
# A deterministic spread of combinations: deep ITM / OTM strikes, expiries from 1 day to 5 years,
# zero / negative / positive rates, dividends, low to very high vol.
spots = [100.0, 42.5, 1530.0]
moneyness = [0.5, 0.8, 0.95, 1.0, 1.05, 1.25, 2.0]
days_list = [1, 7, 30, 91, 365, 1826]
rates = [(0.05, 0.0), (0.0, 0.0), (0.03, 0.02), (-0.005, 0.01), (0.045, 0.065)]
vols = [0.05, 0.2, 0.45, 1.2]
i = 0
for S in spots:
    for m in moneyness:
        for days in days_list:
            r, q = rates[i % len(rates)]
            vol = vols[(i // 2) % len(vols)]
            right = 'call' if i % 3 != 1 else 'put'
            i += 1
            K = round(S * m, 2)
            proc = make(S, r, q, vol)
            opt = option(right, K, days, proc)
            cases.append(dict(right=right, spot=S, strike=K, days=days, rate=r, dividendYield=q, volatility=vol,
                              price=opt.NPV(), delta=opt.delta(), gamma=opt.gamma(), vega=opt.vega(),
                              thetaPerYear=opt.theta(), thetaPerDay=opt.thetaPerDay(), rho=opt.rho()))
# Both rights for the oracle README case and a dividend case, so put-call pairs are pinned too.
for (S, K, days, r, q, vol) in [(100.0, 100.0, 365, 0.05, 0.0, 0.2), (100.0, 110.0, 182, 0.04, 0.03, 0.35)]:
    for right in ('call', 'put'):
        proc = make(S, r, q, vol)
        opt = option(right, K, days, proc)
        cases.append(dict(right=right, spot=S, strike=K, days=days, rate=r, dividendYield=q, volatility=vol,
                          price=opt.NPV(), delta=opt.delta(), gamma=opt.gamma(), vega=opt.vega(),
                          thetaPerYear=opt.theta(), thetaPerDay=opt.thetaPerDay(), rho=opt.rho()))

implied = []
# (right, S, K, days, r, q, true vol): price at the true vol, then QuantLib's implied vol of that price.
iv_specs = [
    ('call', 100.0, 100.0, 365, 0.05, 0.0, 0.2411168937), ('put', 100.0, 100.0, 365, 0.05, 0.0, 0.2378643119),
    ('call', 100.0, 130.0, 30, 0.03, 0.01, 0.65), ('put', 100.0, 70.0, 30, 0.03, 0.01, 0.8),
    ('call', 100.0, 60.0, 365, 0.04, 0.02, 0.3), ('put', 100.0, 160.0, 730, 0.04, 0.02, 0.25),
    ('call', 250.0, 240.0, 7, 0.05, 0.0, 0.15), ('put', 250.0, 255.0, 2, 0.05, 0.0, 0.35),
    ('call', 42.5, 45.0, 1826, -0.005, 0.01, 0.18), ('put', 42.5, 40.0, 91, 0.0, 0.0, 1.5),
    ('call', 1530.0, 1600.0, 182, 0.045, 0.065, 0.22), ('put', 1530.0, 1400.0, 182, 0.045, 0.065, 0.05),
]
for right, S, K, days, r, q, vol in iv_specs:
    target = option(right, K, days, make(S, r, q, vol)).NPV()
    opt = option(right, K, days, make(S, r, q, 0.3))
    iv = opt.impliedVolatility(target, make(S, r, q, 0.3), 1e-12, 1000, 1e-4, 10.0)
    implied.append(dict(right=right, spot=S, strike=K, days=days, rate=r, dividendYield=q, price=target,
                        impliedVolatility=iv, trueVolatility=vol))
# Quoted prices given directly (the oracle's own [5] cases).
for right, price in (('call', 12.0), ('put', 7.0)):
    opt = option(right, 100.0, 365, make(100.0, 0.05, 0.0, 0.2))
    iv = opt.impliedVolatility(price, make(100.0, 0.05, 0.0, 0.2), 1e-12, 1000, 1e-4, 4.0)
    implied.append(dict(right=right, spot=100.0, strike=100.0, days=365, rate=0.05, dividendYield=0.0, price=price,
                        impliedVolatility=iv, trueVolatility=None))

print(json.dumps(dict(
    generator='test/golden/oracles/options_oracle.py',
    library='QuantLib ' + ql.__version__ + ' (AnalyticEuropeanEngine, Actual365Fixed, continuous rates)',
    valuationDate='2024-01-02',
    cases=cases, impliedVolatilities=implied), indent=1))
