/**
 * Our gradient boosting fit against scikit-learn 1.2's on the same data,
 * hyperparameters and seed (= random_state: the same subsamples and feature
 * orders). Least squares gives the same model bit for bit. Log loss goes
 * through exp and log, whose last bits may differ between V8 and libm; that
 * is harmless except where two features split a small node into the very
 * same halves, a tie those last bits then break: the classification cases
 * keep leaves of 10 samples or more, where such ties do not occur.
 */
import assert from "node:assert/strict";
import { normalizeParams, type Task } from "../../core/contract/mod.ts";
import { runPython, sklearnTest } from "../../core/testing/mod.ts";
import { testProblem } from "../decision_tree/test_data.ts";
import type { GradientBoostingCoefficients } from "./boosting_coefficients.ts";
import gradientBoosting from "./mod.ts";

const SCRIPT = `
import json, sys
import numpy as np
from sklearn import ensemble
out = []
for c in json.load(sys.stdin):
    classifier = c["task"] != "regression"
    cls = ensemble.GradientBoostingClassifier if classifier else ensemble.GradientBoostingRegressor
    est = cls(random_state=c["seed"], **c["params"]).fit(np.array(c["X"]), np.array(c["y"]))
    X_test = np.array(c["X_test"])
    out.append((est.predict_proba(X_test).T if classifier else est.predict(X_test)[None, :]).tolist())
print(json.dumps(out))
`;

const CASES: {
  task: Task;
  classes: number;
  seed: number;
  params: Record<string, unknown>;
  tolerance: number;
}[] = [
  { task: "regression", classes: 1, seed: 0, params: {}, tolerance: 0 },
  {
    task: "regression",
    classes: 1,
    seed: 3,
    params: { subsample: 0.7, max_features: "sqrt" },
    tolerance: 0,
  },
  {
    task: "regression",
    classes: 1,
    seed: 4,
    params: { criterion: "squared_error", max_depth: 5, min_samples_leaf: 5, learning_rate: 0.3 },
    tolerance: 0,
  },
  {
    task: "binary",
    classes: 2,
    seed: 0,
    params: { n_estimators: 60, min_samples_leaf: 10 },
    tolerance: 1e-12,
  },
  { task: "binary", classes: 2, seed: 7, params: { subsample: 0.5 }, tolerance: 1e-12 },
  {
    task: "multiclass",
    classes: 3,
    seed: 1,
    params: { n_estimators: 30, min_samples_leaf: 10 },
    tolerance: 1e-12,
  },
];

Deno.test({
  name: "gradient_boosting: fit predicts what scikit-learn's fit predicts",
  ...sklearnTest(),
  fn: async (t) => {
    const p = 5;
    const data = CASES.map((c, k) => ({
      train: testProblem(30 + k, 300, p, c.task, c.classes),
      test: testProblem(50 + k, 200, p, c.task, c.classes),
    }));
    const results = await runPython<number[][][]>(
      SCRIPT,
      CASES.map((c, k) => ({
        task: c.task,
        seed: c.seed,
        params: c.params,
        X: data[k]!.train.rows,
        y: Array.from(data[k]!.train.target),
        X_test: data[k]!.test.rows,
      })),
    );
    for (const [k, c] of CASES.entries()) {
      await t.step(`${c.task} ${JSON.stringify(c.params)}`, () => {
        const { train, test } = data[k]!;
        const params = normalizeParams(
          gradientBoosting.params!,
          { ...c.params, seed: c.seed },
          "gradient_boosting",
        );
        const fitted = gradientBoosting.fit!(train, params) as GradientBoostingCoefficients;
        const out = gradientBoosting.compile(fitted, train.shape).predictBatch(
          test.columns,
          test.n,
        );
        let worst = 0;
        results[k]!.forEach((column, q) => {
          for (let i = 0; i < test.n; i++) {
            worst = Math.max(worst, Math.abs(out[q * test.n + i]! - column[i]!));
          }
        });
        assert.ok(worst <= c.tolerance, `largest difference ${worst}`);
      });
    }
  },
});
