/**
 * Parity with scikit-learn 1.2's GradientBoostingRegressor/Classifier:
 * models converted to the `gradient_boosting` format (in the Python script,
 * as the exporter does) predict what scikit-learn predicts.
 */
import { sklearnTest } from "../../core/testing/mod.ts";
import { checkSklearnPredictions, type SklearnCase } from "../decision_tree/test_data.ts";
import gradientBoosting from "./mod.ts";

const SCRIPT = `
import json, sys
import numpy as np
from sklearn import ensemble

def tree(est):
    t = est.tree_
    return {"left": t.children_left.tolist(), "right": t.children_right.tolist(), "feature": t.feature.tolist(),
            "threshold": t.threshold.tolist(), "value": t.value[:, 0, :].tolist()}

out = []
for c in json.load(sys.stdin):
    classifier = c["task"] != "regression"
    X = np.array(c["X"])
    est = getattr(ensemble, c["estimator"])(random_state=0, **c["params"]).fit(X, np.array(c["y"]))
    if not classifier:
        link = "identity"
    elif c["params"].get("loss") == "exponential":
        link = "exponential"
    else:
        link = "logistic" if est.n_classes_ == 2 else "softmax"
    coefficients = {
        "link": link,
        "init": est._raw_predict_init(X[:1])[0].tolist(),
        "learning_rate": est.learning_rate,
        "stages": [[tree(e) for e in stage] for stage in est.estimators_],
    }
    X_test = np.array(c["X_test"])
    pred = est.predict_proba(X_test).T if classifier else est.predict(X_test)[None, :]
    out.append({"coefficients": coefficients, "pred": pred.tolist()})
print(json.dumps(out))
`;

const CASES: SklearnCase[] = [
  {
    estimator: "GradientBoostingRegressor",
    task: "regression",
    classes: 1,
    params: { n_estimators: 60 },
  },
  {
    estimator: "GradientBoostingRegressor",
    task: "regression",
    classes: 1,
    params: { loss: "huber", max_depth: 4, subsample: 0.8 },
  },
  {
    estimator: "GradientBoostingClassifier",
    task: "binary",
    classes: 2,
    params: { n_estimators: 80, learning_rate: 0.3 },
  },
  {
    estimator: "GradientBoostingClassifier",
    task: "binary",
    classes: 2,
    params: { loss: "exponential", max_depth: 2 },
  },
  {
    estimator: "GradientBoostingClassifier",
    task: "multiclass",
    classes: 4,
    params: { n_estimators: 40 },
  },
];

Deno.test({
  name: "gradient_boosting: scikit-learn models predict the same (within 1e-12)",
  ...sklearnTest(),
  fn: (t) => checkSklearnPredictions(t, gradientBoosting, SCRIPT, CASES, { p: 5, seed: 70 }),
});
