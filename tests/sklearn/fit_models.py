"""Fits the scikit-learn models of the exporter's parity suite (run by export_sklearn_test.ts).

stdin: {"dir": str, "datasets": {name: Dataset}, "cases": [{"name", "data", "numpy", "test"}]}
stdout: [{"name", "path", "classes", "predict", "proba"}], predictions for each case's test rows.

Each case name maps to the estimator built below; pickles alternate between
pickle.dump and joblib.dump so the exporter loads both.
"""

import json
import os
import pickle
import sys
import warnings

import joblib
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer, make_column_selector
from sklearn.decomposition import PCA
from sklearn.ensemble import (
    ExtraTreesClassifier,
    ExtraTreesRegressor,
    GradientBoostingClassifier,
    GradientBoostingRegressor,
    RandomForestClassifier,
    RandomForestRegressor,
)
from sklearn.impute import SimpleImputer
from sklearn.linear_model import ElasticNet, Lasso, LinearRegression, LogisticRegression, LogisticRegressionCV, Ridge
from sklearn.naive_bayes import GaussianNB
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MinMaxScaler, OneHotEncoder, PolynomialFeatures, StandardScaler
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

NUM = ["age", "income", "score"]
CAT = ["plan", "region", "member"]


def _num(scaler):
    return Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", scaler)])


def _cat(**encoder):
    return Pipeline([("impute", SimpleImputer(strategy="most_frequent")), ("encode", OneHotEncoder(**encoder))])


def _mixed(model, num, cat, **ct):
    return Pipeline([("prep", ColumnTransformer([("num", num, NUM), ("cat", cat, CAT)], **ct)), ("model", model)])


BUILDERS = {
    "linear_regression": lambda: LinearRegression(),
    "ridge_numpy": lambda: Ridge(alpha=0.7),
    "lasso": lambda: Lasso(alpha=0.05),
    "elastic_net": lambda: ElasticNet(alpha=0.05, l1_ratio=0.3),
    "logistic_binary": lambda: LogisticRegression(C=0.8),
    "logistic_binary_multinomial": lambda: LogisticRegression(multi_class="multinomial"),
    "logistic_multinomial": lambda: LogisticRegression(),
    "logistic_ovr": lambda: LogisticRegression(multi_class="ovr"),
    "logistic_liblinear_auto_ovr": lambda: LogisticRegression(solver="liblinear"),
    "decision_tree_regressor": lambda: DecisionTreeRegressor(max_depth=6, random_state=1),
    "decision_tree_binary": lambda: DecisionTreeClassifier(max_depth=6, random_state=1),
    "decision_tree_multiclass": lambda: DecisionTreeClassifier(min_samples_leaf=3, random_state=1),
    "random_forest_regressor": lambda: RandomForestRegressor(n_estimators=15, max_depth=6, random_state=2),
    "random_forest_binary": lambda: RandomForestClassifier(n_estimators=15, max_depth=5, random_state=2),
    "random_forest_multiclass_numpy": lambda: RandomForestClassifier(
        n_estimators=12, class_weight="balanced", random_state=3
    ),
    "extra_trees_regressor": lambda: ExtraTreesRegressor(n_estimators=10, max_depth=6, random_state=4),
    "extra_trees_binary": lambda: ExtraTreesClassifier(n_estimators=10, max_depth=6, random_state=4),
    "extra_trees_multiclass": lambda: ExtraTreesClassifier(n_estimators=10, random_state=4),
    "gradient_boosting_regressor": lambda: GradientBoostingRegressor(n_estimators=30, max_depth=3, random_state=5),
    "gradient_boosting_regressor_huber": lambda: GradientBoostingRegressor(
        loss="huber", n_estimators=20, subsample=0.8, random_state=5
    ),
    "gradient_boosting_binary": lambda: GradientBoostingClassifier(n_estimators=25, learning_rate=0.2, random_state=5),
    "gradient_boosting_binary_exponential": lambda: GradientBoostingClassifier(
        loss="exponential", n_estimators=20, random_state=5
    ),
    "gradient_boosting_binary_zero_init": lambda: GradientBoostingClassifier(
        init="zero", n_estimators=15, random_state=5
    ),
    "gradient_boosting_multiclass": lambda: GradientBoostingClassifier(n_estimators=15, max_depth=2, random_state=5),
    "gaussian_nb_binary": lambda: GaussianNB(),
    "gaussian_nb_multiclass": lambda: GaussianNB(var_smoothing=1e-6),
    "pipe_ridge_impute_scale_onehot_ignore": lambda: _mixed(
        Ridge(alpha=1.5), _num(StandardScaler()), _cat(handle_unknown="ignore")
    ),
    "pipe_logistic_minmax_onehot_drop_first": lambda: _mixed(
        LogisticRegression(C=2.0),
        Pipeline([("impute", SimpleImputer(strategy="mean")), ("scale", MinMaxScaler())]),
        Pipeline(
            [
                ("impute", SimpleImputer(strategy="constant", fill_value="missing")),
                ("encode", OneHotEncoder(drop="first")),
            ]
        ),
    ),
    "pipe_logistic_multinomial_if_binary": lambda: _mixed(
        LogisticRegression(multi_class="multinomial", C=0.5),
        _num(StandardScaler(with_mean=False)),
        _cat(handle_unknown="ignore", drop="if_binary"),
    ),
    "pipe_lasso_scale_after_onehot": lambda: Pipeline(
        [
            (
                "prep",
                ColumnTransformer(
                    [("num", SimpleImputer(), NUM), ("cat", _cat(sparse_output=False), CAT)], remainder="drop"
                ),
            ),
            ("scale", StandardScaler()),
            ("model", Lasso(alpha=0.01)),
        ]
    ),
    "pipe_decision_tree_regressor_passthrough": lambda: Pipeline(
        [
            (
                "prep",
                ColumnTransformer(
                    [("cat", _cat(handle_unknown="ignore"), CAT), ("fill", SimpleImputer(), ["age", "score", "tier"])],
                    remainder="passthrough",
                ),
            ),
            ("model", DecisionTreeRegressor(max_depth=7, random_state=6)),
        ]
    ),
    "pipe_random_forest_binary": lambda: Pipeline(
        [
            (
                "prep",
                ColumnTransformer(
                    [
                        ("fill", SimpleImputer(strategy="constant", fill_value=-1.0), ["age", "score"]),
                        ("income", "passthrough", ["income"]),
                        ("cat", _cat(handle_unknown="ignore"), CAT),
                    ]
                ),
            ),
            ("model", RandomForestClassifier(n_estimators=12, max_depth=6, random_state=7)),
        ]
    ),
    "pipe_extra_trees_multiclass_minmax_clip": lambda: _mixed(
        ExtraTreesClassifier(n_estimators=8, max_depth=8, random_state=8),
        _num(MinMaxScaler(feature_range=(-1, 1), clip=True)),
        _cat(handle_unknown="ignore"),
    ),
    "pipe_gradient_boosting_multiclass": lambda: Pipeline(
        [
            (
                "prep",
                ColumnTransformer([("num", _num(StandardScaler()), NUM), ("cat", _cat(drop="first"), CAT + ["tier"])]),
            ),
            ("model", GradientBoostingClassifier(n_estimators=10, max_depth=3, random_state=9)),
        ]
    ),
    "pipe_gradient_boosting_regressor_sparse": lambda: _mixed(
        GradientBoostingRegressor(loss="absolute_error", n_estimators=20, random_state=9),
        SimpleImputer(strategy="mean"),
        _cat(handle_unknown="ignore", sparse_output=True),
        sparse_threshold=1.0,
    ),
    "pipe_gaussian_nb_binary": lambda: _mixed(
        GaussianNB(), _num(StandardScaler()), _cat(handle_unknown="error", sparse_output=False)
    ),
    "pipe_numpy_impute_scale_logistic": lambda: Pipeline(
        [("impute", SimpleImputer()), ("scale", StandardScaler()), ("model", LogisticRegression())]
    ),
    # Models the exporter must refuse.
    "refuse_svc": lambda: SVC(),
    "refuse_positive": lambda: LogisticRegression(),
    "refuse_positive_multiclass": lambda: LogisticRegression(),
    "refuse_no_features": lambda: LinearRegression(),
    "refuse_wrong_feature_count": lambda: LinearRegression(),
    "refuse_polynomial_features": lambda: Pipeline([("poly", PolynomialFeatures()), ("model", LinearRegression())]),
    "refuse_pca_in_column_transformer": lambda: _mixed(
        LinearRegression(), Pipeline([("impute", SimpleImputer()), ("pca", PCA(2))]), _cat()
    ),
    "refuse_callable_selector": lambda: Pipeline(
        [
            (
                "prep",
                ColumnTransformer(
                    [("num", SimpleImputer(), NUM), ("cat", _cat(), make_column_selector(dtype_include=object))]
                ),
            ),
            ("model", LinearRegression()),
        ]
    ),
    "refuse_column_twice": lambda: Pipeline(
        [
            (
                "prep",
                ColumnTransformer(
                    [("num", SimpleImputer(), NUM), ("income", StandardScaler(), ["income"]), ("cat", _cat(), CAT)]
                ),
            ),
            ("model", LinearRegression()),
        ]
    ),
    "refuse_add_indicator": lambda: _mixed(LinearRegression(), SimpleImputer(add_indicator=True), _cat()),
    "refuse_infrequent": lambda: _mixed(
        LogisticRegression(), _num(StandardScaler()), _cat(min_frequency=0.3, handle_unknown="infrequent_if_exist")
    ),
    "refuse_multi_output": lambda: DecisionTreeRegressor(max_depth=3),
    "refuse_gradient_boosting_init": lambda: GradientBoostingRegressor(init=LinearRegression(), n_estimators=5),
    "refuse_logistic_cv": lambda: LogisticRegressionCV(cv=3),
}


def _frame(dataset, rows, numpy):
    columns = dataset["columns"]
    if numpy:
        return np.array([[np.nan if r[c] is None else r[c] for c in columns] for r in rows], dtype=np.float64)
    frame = pd.DataFrame.from_records(rows, columns=columns)
    for c in dataset["categorical"]:
        # scikit-learn's imputers look for NaN, which pandas keeps as None in text columns.
        frame[c] = frame[c].astype(object).where(frame[c].notna(), np.nan)
    return frame


def _native(values):
    return [v.item() if hasattr(v, "item") else v for v in values]


def _fit(case, dataset, directory, k):
    numpy = bool(case.get("numpy"))
    X = _frame(dataset, dataset["train"], numpy)
    y = np.array(dataset["y"])
    if case["name"] == "refuse_multi_output":
        y = np.column_stack([y, 2 * y])
    model = BUILDERS[case["name"]]().fit(X, y)
    path = os.path.join(directory, case["name"] + (".joblib" if k % 2 else ".pkl"))
    if k % 2:
        joblib.dump(model, path)
    else:
        with open(path, "wb") as f:
            pickle.dump(model, f)
    result = {"name": case["name"], "path": path, "classes": None, "predict": None, "proba": None}
    test = case.get("test")
    if test:
        X_test = _frame(dataset, test, numpy)
        result["predict"] = _native(model.predict(X_test))
        if hasattr(model, "classes_"):
            result["classes"] = _native(model.classes_)
            result["proba"] = model.predict_proba(X_test).tolist()
    return result


def main():
    spec = json.load(sys.stdin)
    with warnings.catch_warnings():
        # Convergence and "unknown category" warnings say nothing about parity.
        warnings.simplefilter("ignore")
        out = [_fit(c, spec["datasets"][c["data"]], spec["dir"], k) for k, c in enumerate(spec["cases"])]
    json.dump(out, sys.stdout)


main()
