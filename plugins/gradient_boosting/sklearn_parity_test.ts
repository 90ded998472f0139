/**
 * Parity with scikit-learn 1.2's GradientBoostingRegressor/Classifier:
 * models converted to the `gradient_boosting` format (in the Python script,
 * as the exporter does) predict what scikit-learn predicts.
 */
import assert from "node:assert/strict";
import type { Task } from "../../core/contract/mod.ts";
import { runPython, sklearnTest } from "../../core/testing/mod.ts";
import { testProblem } from "../decision_tree/test_data.ts";
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

const CASES: { estimator: string; task: Task; classes: number; params: Record<string, unknown> }[] =
  [
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
  fn: async (t) => {
    const p = 5;
    const data = CASES.map((c, k) => ({
      train: testProblem(70 + k, 400, p, c.task, c.classes),
      test: testProblem(80 + k, 300, p, c.task, c.classes),
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
        const predictor = gradientBoosting.compile(
          gradientBoosting.parse(r.coefficients, test.shape),
          test.shape,
        );
        const batch = predictor.predictBatch(test.columns, test.n);
        const row = new Float64Array(predictor.width);
        r.pred.forEach((column, q) => {
          for (let i = 0; i < test.n; i++) {
            const b = batch[q * test.n + i]!;
            assert.ok(
              Math.abs(b - column[i]!) <= 1e-12,
              `row ${i}, output ${q}: ${b} vs ${column[i]}`,
            );
            predictor.predictRow(test.rows[i]!, row);
            assert.equal(row[q], b);
          }
        });
      });
    }
  },
});
