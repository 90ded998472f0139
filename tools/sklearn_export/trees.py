"""Decision trees, forests and gradient boosting as ratchet's tree blocks."""

import numpy as np
from sklearn.dummy import DummyClassifier, DummyRegressor

from .errors import ExportError
from .values import floats, ints

_LEAF = -1  # scikit-learn's TREE_LEAF: a leaf's children


def tree_block(tree, classifier, who):
    """One fitted tree as ``{left, right, feature, threshold, value}``."""
    t = tree.tree_
    if t.n_outputs != 1:
        raise ExportError(f"{who} predicts {t.n_outputs} targets (multi-output); fit one model per target")
    left, right = t.children_left, t.children_right
    leaf = left == _LEAF
    feature = np.where(leaf, -1, t.feature)
    if classifier:
        # Exactly DecisionTreeClassifier.predict_proba's normalisation (on the same contiguous rows).
        value = np.ascontiguousarray(t.value[:, 0, :], dtype=np.float64)
        normalizer = value.sum(axis=1)[:, np.newaxis]
        normalizer[normalizer == 0.0] = 1.0
        value = value / normalizer
    else:
        value = t.value[:, 0, :1]
    return {
        "left": ints(left),
        "right": ints(right),
        "feature": ints(feature),
        "threshold": floats(t.threshold, f"{who} thresholds"),
        "value": floats(value, f"{who} node values"),
    }


def _is_classifier(model):
    return hasattr(model, "classes_")


def decision_tree(model, who):
    """DecisionTreeClassifier/Regressor → ``decision_tree``."""
    return "decision_tree", tree_block(model, _is_classifier(model), who)


def random_forest(model, who):
    """RandomForest* and ExtraTrees* → ``random_forest``: the mean of the trees' outputs."""
    if model.n_outputs_ != 1:
        raise ExportError(f"{who} predicts {model.n_outputs_} targets (multi-output); fit one model per target")
    classifier = _is_classifier(model)
    trees = [tree_block(t, classifier, f"{who} tree {i}") for i, t in enumerate(model.estimators_)]
    return "random_forest", {"trees": trees}


def gradient_boosting(model, who):
    """GradientBoostingClassifier/Regressor → ``gradient_boosting``."""
    _check_constant_init(model, who)
    stages = model.estimators_
    # The init estimator is constant, so one row gives every row's starting raw score.
    init = model._raw_predict_init(np.zeros((1, model.n_features_in_), dtype=np.float32))[0]
    coefficients = {
        "link": _link(model, who),
        "init": floats(init, f"{who} initial raw prediction"),
        "learning_rate": float(model.learning_rate),
        "stages": [
            [tree_block(tree, False, f"{who} stage {i} tree {k}") for k, tree in enumerate(stage)]
            for i, stage in enumerate(stages)
        ],
    }
    return "gradient_boosting", coefficients


def _link(model, who):
    if not _is_classifier(model):
        return "identity"
    loss = type(model._loss).__name__
    links = {"BinomialDeviance": "logistic", "MultinomialDeviance": "softmax", "ExponentialLoss": "exponential"}
    if loss not in links:
        raise ExportError(f"{who} uses the loss {loss}, which ratchet's gradient_boosting plugin does not know")
    return links[loss]


def _check_constant_init(model, who):
    init = model.init_
    if isinstance(init, str) and init == "zero":
        return
    constant = (isinstance(init, DummyRegressor)) or (
        isinstance(init, DummyClassifier) and init.strategy in ("prior", "most_frequent", "uniform", "constant")
    )
    if not constant:
        name = type(init).__name__
        detail = f"{name}(strategy={init.strategy!r})" if isinstance(init, DummyClassifier) else name
        raise ExportError(
            f"{who} starts from init={detail}, whose prediction depends on the row; ratchet replays only a "
            "constant start: refit with init=None (the default) or init='zero'"
        )
