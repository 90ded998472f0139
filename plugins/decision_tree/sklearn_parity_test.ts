/**
 * Parity with scikit-learn 1.2's DecisionTreeClassifier/Regressor: our fit
 * grows the same tree, node for node and bit for bit, and our predictor
 * gives the same outputs, also on rows placed exactly on and around the
 * split thresholds, where only float32 comparisons agree.
 */
import assert from "node:assert/strict";
import { type ModelShape, normalizeParams, type Task } from "../../core/contract/mod.ts";
import { runPython, sklearnTest } from "../../core/testing/mod.ts";
import decisionTree from "./mod.ts";
import { testProblem } from "./test_data.ts";
import type { TreeCoefficients } from "./tree_coefficients.ts";

const SCRIPT = `
import json, sys
import numpy as np
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

def export(est, classifier):
    t = est.tree_
    value = t.value[:, 0, :]
    if classifier:
        value = value / value.sum(axis=1, keepdims=True)
    return {"left": t.children_left.tolist(), "right": t.children_right.tolist(), "feature": t.feature.tolist(),
            "threshold": t.threshold.tolist(), "value": value.tolist()}

def edge_rows(t, base):
    rows = []
    for node in np.flatnonzero(t.children_left != -1):
        thr = t.threshold[node]
        f32 = np.float32(thr)
        for x in [thr, np.nextafter(thr, -np.inf), np.nextafter(thr, np.inf), float(f32),
                  float(np.nextafter(f32, np.float32(-np.inf))), float(np.nextafter(f32, np.float32(np.inf)))]:
            row = base[node % len(base)].copy()
            row[t.feature[node]] = x
            rows.append(row)
    return np.array(rows)

out = []
for c in json.load(sys.stdin):
    classifier = c["task"] != "regression"
    X, y = np.array(c["X"]), np.array(c["y"])
    est = (DecisionTreeClassifier if classifier else DecisionTreeRegressor)(random_state=c["random_state"], **c["params"])
    est.fit(X, y)
    rows = np.vstack([np.array(c["X_test"]), edge_rows(est.tree_, np.array(c["X_test"]))])
    pred = est.predict_proba(rows).T if classifier else est.predict(rows)[None, :]
    out.append({"tree": export(est, classifier), "rows": rows.tolist(), "pred": pred.tolist()})
print(json.dumps(out))
`;

interface _Case {
  task: Task;
  classes: number;
  ours: Record<string, unknown>;
  sklearn: Record<string, unknown>;
}

const CASES: _Case[] = [
  { task: "binary", classes: 2, ours: {}, sklearn: {} },
  { task: "binary", classes: 2, ours: { criterion: "entropy" }, sklearn: { criterion: "entropy" } },
  {
    task: "multiclass",
    classes: 3,
    ours: { criterion: "log_loss", max_depth: 6, min_samples_leaf: 3 },
    sklearn: { criterion: "log_loss", max_depth: 6, min_samples_leaf: 3 },
  },
  {
    task: "multiclass",
    classes: 4,
    ours: { max_features: "sqrt" },
    sklearn: { max_features: "sqrt" },
  },
  {
    task: "binary",
    classes: 2,
    ours: { max_features_fraction: 0.5, min_samples_split: 7 },
    sklearn: { max_features: 0.5, min_samples_split: 7 },
  },
  { task: "regression", classes: 1, ours: {}, sklearn: {} },
  {
    task: "regression",
    classes: 1,
    ours: { max_depth: 8, min_samples_split: 10, min_impurity_decrease: 0.01 },
    sklearn: { max_depth: 8, min_samples_split: 10, min_impurity_decrease: 0.01 },
  },
  {
    task: "regression",
    classes: 1,
    ours: { criterion: "friedman_mse", min_samples_leaf: 4 },
    sklearn: { criterion: "friedman_mse", min_samples_leaf: 4 },
  },
  {
    task: "regression",
    classes: 1,
    ours: { max_features: "log2", min_weight_fraction_leaf: 0.01 },
    sklearn: { max_features: "log2", min_weight_fraction_leaf: 0.01 },
  },
];

interface _Result {
  tree: TreeCoefficients;
  rows: number[][];
  pred: number[][];
}

Deno.test({
  name: "decision_tree: fit grows scikit-learn's tree exactly; predictions are identical",
  ...sklearnTest(),
  fn: async (t) => {
    const p = 8;
    const data = CASES.map((c, k) => ({
      train: testProblem(100 + k, 600, p, c.task, c.classes),
      test: testProblem(900 + k, 200, p, c.task, c.classes),
    }));
    const results = await runPython<_Result[]>(
      SCRIPT,
      CASES.map((c, k) => ({
        task: c.task,
        params: c.sklearn,
        random_state: _randomState(k),
        X: data[k]!.train.rows,
        y: Array.from(data[k]!.train.target),
        X_test: data[k]!.test.rows,
      })),
    );
    for (const [k, c] of CASES.entries()) {
      await t.step(`${c.task} ${JSON.stringify(c.ours)}`, () => {
        const r = results[k]!;
        const { train } = data[k]!;
        const params = normalizeParams(
          decisionTree.params!,
          { ...c.ours, seed: _randomState(k) },
          "decision_tree",
        );
        const ours = decisionTree.fit!(train, params) as TreeCoefficients;
        _assertSameTree(ours, r.tree);
        const columns = Array.from(
          { length: p },
          (_, j) => Float64Array.from(r.rows, (row) => row[j]!),
        );
        for (const tree of [ours, decisionTree.parse(r.tree, train.shape)]) {
          _assertPredictions(tree, train.shape, columns, r.pred);
        }
      });
    }
  },
});

/** Various seeds, up to numpy's largest. */
function _randomState(k: number): number {
  return k === 0 ? 2 ** 32 - 1 : 3 + 7 * k;
}

function _assertSameTree(ours: TreeCoefficients, theirs: TreeCoefficients): void {
  assert.equal(ours.left.length, theirs.left.length, "node count");
  for (let i = 0; i < ours.left.length; i++) {
    const leaf = theirs.left[i] === -1;
    const node = (t: TreeCoefficients) => ({
      left: t.left[i],
      right: t.right[i],
      feature: leaf ? null : t.feature[i],
      threshold: leaf ? null : t.threshold[i],
      value: t.value[i],
    });
    assert.deepEqual(node(ours), node(theirs), `node ${i}`);
  }
}

function _assertPredictions(
  tree: TreeCoefficients,
  shape: ModelShape,
  columns: Float64Array[],
  expected: number[][],
): void {
  const n = columns[0]!.length;
  const predictor = decisionTree.compile(tree, shape);
  const batch = predictor.predictBatch(columns, n);
  expected.forEach((column, k) => {
    for (let i = 0; i < n; i++) {
      assert.equal(batch[k * n + i], column[i], `row ${i}, output ${k}`);
    }
  });
  assert.ok(n > 250, "edge rows were added");
}
