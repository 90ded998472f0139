import assert from "node:assert/strict";
import { normalizeParams, type Params } from "../../core/contract/mod.ts";
import { checkPlugin, sklearnTest } from "../../core/testing/mod.ts";
import decisionTree, { type TreeCoefficients } from "../decision_tree/mod.ts";
import { testProblem } from "../decision_tree/test_data.ts";
import { evaluateSQL } from "../../core/testing/evaluate_sql.ts";
import type { RandomForestCoefficients } from "./forest_coefficients.ts";
import randomForest from "./mod.ts";

const params = (given: Record<string, unknown>): Params =>
  normalizeParams(randomForest.params!, given, "random_forest");
const fitted = (
  seed: number,
  p: number,
  task: "regression" | "binary" | "multiclass",
  classes: number,
) => {
  const d = testProblem(seed, 150, p, task, classes);
  const coefficients = randomForest.fit!(
    d,
    params({ n_estimators: 4, max_depth: 4 }),
  ) as RandomForestCoefficients;
  return { shape: d.shape, coefficients };
};
const regression = fitted(1, 3, "regression", 1);
const binary = fitted(2, 5, "binary", 2);
const multiclass = fitted(3, 10, "multiclass", 3);
const leaf = { left: [-1], right: [-1], feature: [-2], threshold: [-2], value: [[1]] };

Deno.test("random_forest: predictor contract", (t) =>
  checkPlugin(t, randomForest, {
    examples: [regression, binary, multiclass],
    bad: [
      {
        name: "no tree",
        shape: regression.shape,
        coefficients: { trees: [] },
        path: "$.coefficients.trees",
      },
      {
        name: "a tree with a bad child",
        shape: regression.shape,
        coefficients: { trees: [leaf, { ...leaf, left: [0], right: [0], feature: [0] }] },
        path: "$.coefficients.trees[1].left[0]",
      },
      {
        name: "regression values in a classifier",
        shape: binary.shape,
        coefficients: { trees: [leaf] },
        path: "$.coefficients.trees[0].value[0]",
      },
    ],
    fitParams: { n_estimators: 10 },
  }));

Deno.test("random_forest: beats a single tree out of sample on a noisy problem", () => {
  for (const [task, classes] of [["regression", 1], ["binary", 2]] as const) {
    const train = testProblem(21, 400, 6, task, classes, 1.5);
    const test = testProblem(22, 2000, 6, task, classes, 1.5);
    const forest = randomForest.compile(
      randomForest.fit!(train, params({ n_estimators: 60 })) as RandomForestCoefficients,
      train.shape,
    );
    const single = decisionTree.fit!(
      train,
      normalizeParams(decisionTree.params!, {}, "decision_tree"),
    ) as TreeCoefficients;
    const tree = decisionTree.compile(single, train.shape);
    const loss = (out: Float64Array) => {
      let sum = 0;
      for (let i = 0; i < test.n; i++) {
        // Squared error of the value, or of the probability of class 1 (Brier score).
        const y = test.target[i]!, f = task === "regression" ? out[i]! : out[test.n + i]!;
        sum += (f - y) ** 2;
      }
      return sum / test.n;
    };
    const forestLoss = loss(forest.predictBatch(test.columns, test.n));
    const treeLoss = loss(tree.predictBatch(test.columns, test.n));
    assert.ok(forestLoss < 0.75 * treeLoss, `${task}: forest ${forestLoss} vs tree ${treeLoss}`);
  }
});

Deno.test("random_forest: the seed decides the forest", () => {
  const d = testProblem(5, 120, 4, "multiclass", 3);
  const fit = (given: Record<string, unknown>) =>
    JSON.stringify(randomForest.fit!(d, params({ n_estimators: 5, ...given })));
  assert.equal(fit({ seed: 7 }), fit({ seed: 7 }));
  assert.notEqual(fit({ seed: 7 }), fit({ seed: 8 }));
  // Without bootstrap and with every feature drawn, the seed only breaks ties: the trees predict alike.
  const all = randomForest.fit!(
    d,
    params({ n_estimators: 3, bootstrap: false, max_features: null }),
  ) as RandomForestCoefficients;
  const [a, b] = all.trees.map((t) =>
    decisionTree.compile(t, d.shape).predictBatch(d.columns, d.n)
  );
  assert.deepEqual(a, b);
});

Deno.test({
  name: "random_forest: toSQL computes the predictions in a SQL engine",
  ...sklearnTest(),
  fn: async () => {
    for (const ex of [regression, multiclass]) {
      const forest = randomForest.parse(ex.coefficients, ex.shape);
      const d = testProblem(11, 60, ex.shape.inputs.length, ex.shape.task, ex.shape.classes);
      const sql = randomForest.toSQL!(forest, ex.shape, ex.shape.inputs.map((_, j) => `"x${j}"`));
      const got = await evaluateSQL(sql, d.columns, d.n);
      const want = randomForest.compile(forest, ex.shape).predictBatch(d.columns, d.n);
      got.forEach((col, k) =>
        assert.deepEqual([...col], [...want.subarray(k * d.n, (k + 1) * d.n)])
      );
    }
  },
});
