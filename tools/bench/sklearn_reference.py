"""The scikit-learn side of `deno task bench`.

stdin: {"dir": str, "rows": int, "features": int, "train_rows": int, "seed": int, "cases": [name, ...]}
Writes, in dir: X.f64 (the benchmark matrix, column-major float64), and per case
<case>.pkl. stdout: {"cases": [{"case", "pickle", "batch_s", "row_s", "sample": [[...]]}]}
with the best of several timed runs of predict / predict_proba on the same
matrix, single-threaded as scikit-learn's predict is by default.
"""

import json
import pickle
import sys
import time

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.naive_bayes import GaussianNB
from sklearn.tree import DecisionTreeClassifier

BUILDERS = {
    "linear": lambda: LinearRegression(),
    "logistic_binary": lambda: LogisticRegression(max_iter=1000),
    "logistic_multinomial": lambda: LogisticRegression(max_iter=1000),
    "decision_tree": lambda: DecisionTreeClassifier(max_depth=12, random_state=0),
    "random_forest": lambda: RandomForestClassifier(n_estimators=100, max_depth=12, random_state=0),
    "gradient_boosting": lambda: GradientBoostingClassifier(n_estimators=100, max_depth=3, random_state=0),
    "gaussian_nb": lambda: GaussianNB(),
}


def _best(fn, repeat):
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main():
    spec = json.load(sys.stdin)
    rng = np.random.default_rng(spec["seed"])
    n, p = spec["rows"], spec["features"]
    X = rng.normal(size=(n, p))
    beta = rng.normal(size=p)
    score = X @ beta + rng.normal(scale=0.5, size=n)
    X.T.astype(np.float64).tofile(f"{spec['dir']}/X.f64")  # column-major: one feature after another
    targets = {
        "regression": score,
        "binary": (score > 0).astype(int),
        "multiclass": np.digitize(score, np.quantile(score, [0.25, 0.5, 0.75])),
    }
    out = []
    m = spec["train_rows"]
    for case in spec["cases"]:
        est = BUILDERS[case]()
        y = targets["regression" if case == "linear" else "multiclass" if case == "logistic_multinomial" else "binary"]
        est.fit(X[:m], y[:m])
        path = f"{spec['dir']}/{case}.pkl"
        with open(path, "wb") as f:
            pickle.dump(est, f)
        predict = est.predict if case == "linear" else est.predict_proba
        repeat = 2 if case in ("random_forest", "gradient_boosting") else 5
        batch = _best(lambda: predict(X), repeat)
        rows = X[:200]
        t0 = time.perf_counter()
        for i in range(200):
            predict(rows[i : i + 1])
        row = (time.perf_counter() - t0) / 200
        sample = predict(X[:1000])
        out.append({"case": case, "pickle": path, "batch_s": batch, "row_s": row, "sample": np.asarray(sample).tolist()})
    json.dump({"cases": out}, sys.stdout)


if __name__ == "__main__":
    main()
