"""Linear models, logistic regression and Gaussian naive Bayes: coefficients straight from the fitted attributes."""

import numpy as np

from .errors import ExportError
from .values import floats


def linear(model, who):
    """LinearRegression, Ridge, Lasso, ElasticNet → ``linear``: ``y = intercept + Σ w_j x_j``."""
    coef = np.asarray(model.coef_, dtype=np.float64)
    intercept = np.asarray(model.intercept_, dtype=np.float64).reshape(-1)
    if coef.ndim == 2 and coef.shape[0] == 1:
        coef = coef[0]
    if coef.ndim != 1 or intercept.size != 1:
        raise ExportError(
            f"{who} was fitted on {coef.shape[0]} targets at once (multi-output); ratchet models predict one "
            "target: fit one model per target"
        )
    coefficients = {"intercept": floats(intercept, f"{who} intercept_")[0], "weights": floats(coef, f"{who} coef_")}
    return "linear", coefficients


def logistic(model, who):
    """LogisticRegression → ``logistic``, with the link its predict_proba uses in scikit-learn 1.2."""
    # The same test as LogisticRegression.predict_proba in scikit-learn 1.2.
    ovr = model.multi_class in ("ovr", "warn") or (
        model.multi_class == "auto"
        and (model.classes_.size <= 2 or model.solver in ("liblinear", "newton-cholesky"))
    )
    coef = np.asarray(model.coef_, dtype=np.float64)
    intercept = np.asarray(model.intercept_, dtype=np.float64).reshape(-1)
    coefficients = {
        "link": "ovr" if ovr else "multinomial",
        "intercepts": floats(intercept, f"{who} intercept_"),
        "weights": floats(coef, f"{who} coef_"),
    }
    return "logistic", coefficients


def gaussian_nb(model, who):
    """GaussianNB → ``gaussian_nb``: class priors, per-class means and variances."""
    coefficients = {
        "class_prior": floats(model.class_prior_, f"{who} class_prior_"),
        "theta": floats(model.theta_, f"{who} theta_"),
        "var": floats(model.var_, f"{who} var_"),
    }
    return "gaussian_nb", coefficients
