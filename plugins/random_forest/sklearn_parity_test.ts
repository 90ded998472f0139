/**
 * Parity with scikit-learn 1.2's forests: RandomForest* and ExtraTrees*
 * models converted to the `random_forest` format (in the Python script, as
 * the exporter does) predict what scikit-learn predicts.
 */
import assert from "node:assert/strict";
import type { Task } from "../../core/contract/mod.ts";
import { runPython, sklearnTest } from "../../core/testing/mod.ts";
import { testProblem } from "../decision_tree/test_data.ts";
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

const CASES: { estimator: string; task: Task; classes: number; params: Record<string, unknown> }[] =
  [
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
  fn: async (t) => {
    const p = 6;
    const data = CASES.map((c, k) => ({
      train: testProblem(40 + k, 400, p, c.task, c.classes),
      test: testProblem(60 + k, 300, p, c.task, c.classes),
    }));
    const results = await runPython<{ coefficients: unknown; pred: number[][] }[]>(
      SCRIPT,
      CASES.map((c, k) => ({
        ...c,
        X: data[k]!.train.rows,
        y: Array.from(data[k]!.train.target),
        X_test: data[k]!.test.rows,
      })),
    );
    for (const [k, c] of CASES.entries()) {
      await t.step(`${c.estimator} ${JSON.stringify(c.params)}`, () => {
        const { test } = data[k]!;
        const r = results[k]!;
        const predictor = randomForest.compile(
          randomForest.parse(r.coefficients, test.shape),
          test.shape,
        );
        const batch = predictor.predictBatch(test.columns, test.n);
        const row = new Float64Array(predictor.width);
        r.pred.forEach((column, q) => {
          for (let i = 0; i < test.n; i++) {
            assert.ok(
              Math.abs(batch[q * test.n + i]! - column[i]!) <= 1e-12,
              `row ${i}, output ${q}: ${batch[q * test.n + i]} vs ${column[i]}`,
            );
            predictor.predictRow(test.rows[i]!, row);
            assert.equal(row[q], batch[q * test.n + i]);
          }
        });
      });
    }
  },
});
