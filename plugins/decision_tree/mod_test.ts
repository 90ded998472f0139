import assert from "node:assert/strict";
import { normalizeParams } from "../../core/contract/mod.ts";
import { RatchetError } from "../../core/errors/mod.ts";
import { checkPlugin, sklearnTest } from "../../core/testing/mod.ts";
import { evaluateSQL } from "../../core/testing/evaluate_sql.ts";
import decisionTree from "./mod.ts";
import { testProblem } from "./test_data.ts";
import type { TreeCoefficients } from "./tree_coefficients.ts";

const fitted = (
  seed: number,
  p: number,
  task: "regression" | "binary" | "multiclass",
  classes: number,
  params = {},
) => {
  const d = testProblem(seed, 200, p, task, classes);
  return {
    shape: d.shape,
    coefficients: decisionTree.fit!(
      d,
      normalizeParams(decisionTree.params!, params, "decision_tree"),
    ) as TreeCoefficients,
  };
};
const regression = fitted(1, 3, "regression", 1, { max_depth: 4 });
const binary = fitted(2, 4, "binary", 2, { max_depth: 5 });
const multiclass = fitted(3, 12, "multiclass", 4, { min_samples_leaf: 5 });
const stump = (): TreeCoefficients => ({
  left: [1, -1, -1],
  right: [2, -1, -1],
  feature: [0, -2, -2],
  threshold: [0.5, -2, -2],
  value: [[0.5, 0.5], [1, 0], [0.25, 0.75]],
});
const binaryShape = { task: "binary", inputs: ["a", "b"], classes: 2 } as const;

Deno.test("decision_tree: predictor contract", (t) =>
  checkPlugin(t, decisionTree, {
    examples: [regression, binary, multiclass, {
      name: "stump",
      shape: binaryShape,
      coefficients: stump(),
    }],
    bad: [
      {
        name: "cycle",
        shape: binaryShape,
        coefficients: { ...stump(), left: [1, 0, -1], right: [2, 2, -1], feature: [0, 1, -2] },
        path: "$.coefficients.left[1]",
      },
      {
        name: "shared child",
        shape: binaryShape,
        coefficients: { ...stump(), left: [2, -1, -1] },
        path: "$.coefficients.right[0]",
      },
      {
        name: "orphan",
        shape: binaryShape,
        coefficients: { ...stump(), left: [-1, -1, -1], right: [-1, -1, -1] },
        path: "$.coefficients.left[1]",
      },
      {
        name: "one child",
        shape: binaryShape,
        coefficients: { ...stump(), right: [-1, -1, -1] },
        path: "$.coefficients.left[0]",
      },
      {
        name: "child out of range",
        shape: binaryShape,
        coefficients: { ...stump(), right: [3, -1, -1] },
        path: "$.coefficients.right[0]",
      },
      {
        name: "feature ≥ inputs",
        shape: binaryShape,
        coefficients: { ...stump(), feature: [2, -2, -2] },
        path: "$.coefficients.feature[0]",
      },
      {
        name: "internal feature -1",
        shape: binaryShape,
        coefficients: { ...stump(), feature: [-1, -2, -2] },
        path: "$.coefficients.feature[0]",
      },
      {
        name: "lengths differ",
        shape: binaryShape,
        coefficients: { ...stump(), threshold: [0.5, -2] },
        path: "$.coefficients.threshold",
      },
      {
        name: "no node",
        shape: binaryShape,
        coefficients: { ...stump(), left: [], right: [], feature: [], threshold: [], value: [] },
        path: "$.coefficients.left",
      },
      {
        name: "value length",
        shape: binaryShape,
        coefficients: { ...stump(), value: [[0.5, 0.5], [1], [0.25, 0.75]] },
        path: "$.coefficients.value[1]",
      },
      {
        name: "probabilities not summing to 1",
        shape: binaryShape,
        coefficients: { ...stump(), value: [[0.5, 0.5], [1, 0], [0.25, 0.7]] },
        path: "$.coefficients.value[2]",
      },
      {
        name: "negative probability",
        shape: binaryShape,
        coefficients: { ...stump(), value: [[0.5, 0.5], [1.5, -0.5], [0.25, 0.75]] },
        path: "$.coefficients.value[1]",
      },
      {
        name: "unknown key",
        shape: binaryShape,
        coefficients: { ...stump(), depth: 1 },
        path: "$.coefficients",
      },
    ],
  }));

Deno.test("decision_tree: inputs are compared as float32, like scikit-learn", () => {
  const predictor = decisionTree.compile(decisionTree.parse(stump(), binaryShape), binaryShape);
  // 0.5 + 1e-9 is above the threshold 0.5 in double, but rounds to 0.5 in float32: it goes left.
  const x = 0.5 + 1e-9;
  assert.ok(x > 0.5 && Math.fround(x) === 0.5);
  assert.deepEqual([...predictor.predictRow([x, 0])], [1, 0]);
  assert.deepEqual([
    ...predictor.predictBatch([Float64Array.of(x, 0.5000001), Float64Array.of(0, 0)], 2),
  ], [1, 0.25, 0, 0.75]);
});

Deno.test("decision_tree: a fully grown tree reproduces its training data", () => {
  const d = testProblem(7, 150, 3, "regression");
  const tree = decisionTree.fit!(
    d,
    normalizeParams(decisionTree.params!, {}, "decision_tree"),
  ) as TreeCoefficients;
  const out = decisionTree.compile(tree, d.shape).predictBatch(d.columns, d.n);
  assert.deepEqual([...out], [...d.target]);
});

Deno.test("decision_tree: fit refuses a criterion of the other task and non-finite inputs", () => {
  const d = testProblem(8, 20, 2, "regression");
  assert.throws(
    () =>
      decisionTree.fit!(
        d,
        normalizeParams(decisionTree.params!, { criterion: "gini" }, "decision_tree"),
      ),
    RatchetError,
  );
  const bad = {
    ...d,
    columns: [Float64Array.of(NaN, ...d.columns[0]!.subarray(1)), d.columns[1]!],
  };
  assert.throws(
    () => decisionTree.fit!(bad, normalizeParams(decisionTree.params!, {}, "decision_tree")),
    (e: unknown) => e instanceof RatchetError && e.message.includes("x0 is NaN"),
  );
});

Deno.test({
  name: "decision_tree: toSQL computes the predictions in a SQL engine",
  ...sklearnTest(),
  fn: async () => {
    for (const ex of [regression, multiclass]) {
      const tree = decisionTree.parse(ex.coefficients, ex.shape);
      const d = testProblem(11, 60, ex.shape.inputs.length, ex.shape.task, ex.shape.classes);
      const sql = decisionTree.toSQL!(tree, ex.shape, ex.shape.inputs.map((_, j) => `"x${j}"`));
      const got = await evaluateSQL(sql, d.columns, d.n);
      const want = decisionTree.compile(tree, ex.shape).predictBatch(d.columns, d.n);
      got.forEach((col, k) =>
        assert.deepEqual([...col], [...want.subarray(k * d.n, (k + 1) * d.n)])
      );
    }
  },
});
