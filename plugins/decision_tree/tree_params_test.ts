import assert from "node:assert/strict";
import { type ModelShape, normalizeParams } from "../../core/contract/mod.ts";
import { RatchetError } from "../../core/errors/mod.ts";
import { TREE_PARAMS, treeOptions } from "./tree_params.ts";

const shape = (task: ModelShape["task"], p: number): ModelShape => ({
  task,
  inputs: Array.from({ length: p }, (_, j) => `x${j}`),
  classes: task === "regression" ? 1 : task === "binary" ? 2 : 3,
});
const resolve = (given: Record<string, unknown>, s: ModelShape, weight = 100) =>
  treeOptions(normalizeParams(TREE_PARAMS, given, "decision_tree"), s, weight);

Deno.test("treeOptions: max_features as scikit-learn resolves it", () => {
  // scikit-learn: None → p; sqrt → max(1, int(sqrt p)); log2 → max(1, int(log2 p)); float f → max(1, int(f·p)).
  const cases: [Record<string, unknown>, number, number][] = [
    [{}, 10, 10],
    [{ max_features: "sqrt" }, 10, 3],
    [{ max_features: "sqrt" }, 16, 4],
    [{ max_features: "log2" }, 10, 3],
    [{ max_features: "log2" }, 1, 1],
    [{ max_features_fraction: 0.35 }, 10, 3],
    [{ max_features_fraction: 0.01 }, 10, 1],
    [{ max_features: "sqrt", max_features_fraction: 1 }, 10, 10],
    [{ max_features: "auto" }, 9, 3],
  ];
  for (const [given, p, want] of cases) {
    const space = {
      ...TREE_PARAMS,
      max_features: { ...TREE_PARAMS.max_features, values: [null, "sqrt", "log2", "auto"] },
    };
    const options = treeOptions(normalizeParams(space, given, "t"), shape("binary", p), 100);
    assert.equal(options.maxFeatures, want, JSON.stringify(given));
  }
});

Deno.test("treeOptions: criteria, depth and leaf weight", () => {
  assert.equal(resolve({}, shape("regression", 2)).criterion, "squared_error");
  assert.equal(resolve({}, shape("multiclass", 2)).criterion, "gini");
  assert.equal(resolve({ criterion: "log_loss" }, shape("binary", 2)).criterion, "entropy");
  assert.throws(() => resolve({ criterion: "gini" }, shape("regression", 2)), RatchetError);
  assert.throws(() => resolve({ criterion: "squared_error" }, shape("binary", 2)), RatchetError);
  assert.equal(resolve({}, shape("binary", 2)).maxDepth, Infinity);
  assert.equal(resolve({ max_depth: 3 }, shape("binary", 2)).maxDepth, 3);
  assert.equal(
    resolve({ min_weight_fraction_leaf: 0.25 }, shape("binary", 2), 40).minWeightLeaf,
    10,
  );
  assert.throws(
    () => normalizeParams(TREE_PARAMS, { max_features_fraction: 0 }, "decision_tree"),
    RatchetError,
  );
});
