/**
 * Parity with scikit-learn 1.2's forests: RandomForest* and ExtraTrees*
 * models converted to the `random_forest` format (in the Python script, as
 * the exporter does) predict what scikit-learn predicts.
 */
import { sklearnTest } from "../../core/testing/mod.ts";
import { checkSklearnPredictions, type SklearnCase } from "../decision_tree/test_data.ts";
import randomForest from "./mod.ts";

const SCRIPT = `
import json, sys
import numpy as np
from sklearn import ensemble

def tree(est, classifier):
    t = est.tree_
    value = t.value[:, 0, :]
    if classifier:
        # Each tree's predict_proba divides the leaf's counts by their sum.
        value = value / value.sum(axis=1, keepdims=True)
    return {"left": t.children_left.tolist(), "right": t.children_right.tolist(), "feature": t.feature.tolist(),
            "threshold": t.threshold.tolist(), "value": value.tolist()}

out = []
for c in json.load(sys.stdin):
    classifier = c["task"] != "regression"
    est = getattr(ensemble, c["estimator"])(n_estimators=25, random_state=0, **c["params"])
    est.fit(np.array(c["X"]), np.array(c["y"]))
    X_test = np.array(c["X_test"])
    pred = est.predict_proba(X_test).T if classifier else est.predict(X_test)[None, :]
    out.append({"coefficients": {"trees": [tree(e, classifier) for e in est.estimators_]}, "pred": pred.tolist()})
print(json.dumps(out))
`;

const CASES: SklearnCase[] = [
  { estimator: "RandomForestClassifier", task: "binary", classes: 2, params: {} },
  {
    estimator: "RandomForestClassifier",
    task: "multiclass",
    classes: 4,
    params: { criterion: "entropy", max_depth: 7 },
  },
  {
    estimator: "RandomForestRegressor",
    task: "regression",
    classes: 1,
    params: { min_samples_leaf: 2 },
  },
  { estimator: "ExtraTreesClassifier", task: "multiclass", classes: 3, params: {} },
  {
    estimator: "ExtraTreesRegressor",
    task: "regression",
    classes: 1,
    params: { bootstrap: true },
  },
];

Deno.test({
  name: "random_forest: scikit-learn forests predict the same (within 1e-12)",
  ...sklearnTest(),
  fn: (t) => checkSklearnPredictions(t, randomForest, SCRIPT, CASES, { p: 6, seed: 40 }),
});
