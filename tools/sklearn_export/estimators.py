"""Which scikit-learn estimators ratchet imports, and the plugin each becomes."""

from sklearn.ensemble import (
    ExtraTreesClassifier,
    ExtraTreesRegressor,
    GradientBoostingClassifier,
    GradientBoostingRegressor,
    RandomForestClassifier,
    RandomForestRegressor,
)
from sklearn.linear_model import ElasticNet, Lasso, LinearRegression, LogisticRegression, Ridge
from sklearn.naive_bayes import GaussianNB
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

from . import linear, trees
from .errors import ExportError
from .values import label

# Exact classes only: a subclass (e.g. a *CV variant) may predict differently.
_CONVERTERS = {
    LinearRegression: linear.linear,
    Ridge: linear.linear,
    Lasso: linear.linear,
    ElasticNet: linear.linear,
    LogisticRegression: linear.logistic,
    DecisionTreeClassifier: trees.decision_tree,
    DecisionTreeRegressor: trees.decision_tree,
    RandomForestClassifier: trees.random_forest,
    RandomForestRegressor: trees.random_forest,
    ExtraTreesClassifier: trees.random_forest,
    ExtraTreesRegressor: trees.random_forest,
    GradientBoostingClassifier: trees.gradient_boosting,
    GradientBoostingRegressor: trees.gradient_boosting,
    GaussianNB: linear.gaussian_nb,
}

SUPPORTED_ESTIMATORS = ", ".join(cls.__name__ for cls in _CONVERTERS)


def convert_estimator(model):
    """``(plugin id, task, class labels or None, coefficient block)`` for a fitted estimator."""
    name = type(model).__name__
    convert = _CONVERTERS.get(type(model))
    if convert is None:
        raise ExportError(
            f"Unsupported estimator {name}: ratchet imports {SUPPORTED_ESTIMATORS} "
            "(alone or at the end of a Pipeline). Other models need a ratchet plugin of their own"
        )
    if not hasattr(model, "n_features_in_"):
        raise ExportError(f"{name} is not fitted: fit it before pickling")
    plugin, coefficients = convert(model, name)
    if not hasattr(model, "classes_"):
        return plugin, "regression", None, coefficients
    labels = [label(c, f"{name} classes_") for c in model.classes_]
    if len(labels) < 2:
        raise ExportError(f"{name} saw a single class ({labels[0]!r}) in training; a classifier needs at least two")
    return plugin, "binary" if len(labels) == 2 else "multiclass", labels, coefficients
