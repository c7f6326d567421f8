"""Ridge on standardized regressors, shared by the oracles of the factor exposures and of the portfolio
refresh: rows with a missing value dropped, regressors standardized with the population sd over the
rows used, y centred, b = (Z'Z + lambda I)^-1 Z'y, beta = b / sd (back on the original scale)."""
import numpy as np


def ridge(y, xs, lam):
    """{"beta": array, "r2": float, "n": rows used}."""
    X = np.column_stack(xs)
    keep = ~np.isnan(y) & ~np.isnan(X).any(axis=1)
    X, y = X[keep], y[keep]
    mu, sd = X.mean(axis=0), X.std(axis=0)  # population sd (ddof 0)
    Z = (X - mu) / sd
    yc = y - y.mean()
    b = np.linalg.solve(Z.T @ Z + lam * np.eye(Z.shape[1]), Z.T @ yc)
    resid = yc - Z @ b
    return {"beta": b / sd, "r2": 1 - (resid @ resid) / (yc @ yc), "n": int(len(y))}
