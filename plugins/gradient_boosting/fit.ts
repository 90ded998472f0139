/**
 * Fitting gradient boosting as scikit-learn 1.2's GradientBoosting*.
 *
 * @module
 */
import type { Params, ParamSpace, TrainingData } from "../../core/contract/mod.ts";
import {
  buildTree,
  float32TrainingColumns,
  NumpyRandomState,
  RAND_R_MAX,
  TREE_PARAMS,
  type TreeCoefficients,
  treeOptions,
} from "../decision_tree/mod.ts";
import type { GradientBoostingCoefficients } from "./boosting_coefficients.ts";
import { boostingLoss } from "./boosting_loss.ts";

/** The hyperparameters of `gradient_boosting`, named and defaulted as scikit-learn 1.2's. */
export const GRADIENT_BOOSTING_PARAMS = {
  n_estimators: {
    type: "int",
    default: 100,
    min: 1,
    search: { min: 20, max: 1000, log: true },
    description: "number of boosting stages",
  },
  learning_rate: {
    type: "float",
    default: 0.1,
    min: 0,
    exclusiveMin: true,
    search: { min: 0.01, max: 1, log: true },
    description: "shrinks each tree's contribution",
  },
  subsample: {
    type: "float",
    default: 1,
    min: 0,
    exclusiveMin: true,
    max: 1,
    description:
      "share of the rows each stage is fitted on, drawn without replacement (stochastic boosting)",
  },
  criterion: {
    type: "choice",
    values: ["friedman_mse", "squared_error"],
    default: "friedman_mse",
    description: "split quality of the regression trees",
  },
  max_depth: { ...TREE_PARAMS.max_depth, default: 3, search: { min: 1, max: 8 } },
  min_samples_split: TREE_PARAMS.min_samples_split,
  min_samples_leaf: TREE_PARAMS.min_samples_leaf,
  min_weight_fraction_leaf: TREE_PARAMS.min_weight_fraction_leaf,
  min_impurity_decrease: TREE_PARAMS.min_impurity_decrease,
  max_features: TREE_PARAMS.max_features,
  max_features_fraction: TREE_PARAMS.max_features_fraction,
  seed: TREE_PARAMS.seed,
} as const satisfies ParamSpace;

/**
 * Boosts regression trees on the negative gradient of the loss: least
 * squares for regression (trees keep their mean residuals), log loss for
 * classification (one tree per stage for binary, one per class for
 * multiclass; leaves take scikit-learn's Newton step). Raw scores start at
 * the initial estimator's and grow by `learning_rate × tree` per stage.
 *
 * @example
 * ```ts
 * import { normalizeParams } from "../../core/contract/mod.ts";
 * import { fitGradientBoosting, GRADIENT_BOOSTING_PARAMS } from "./fit.ts";
 * const shape = { task: "regression", inputs: ["x"], classes: 1 } as const;
 * const data = { shape, columns: [Float64Array.of(1, 2, 3, 4)], n: 4, target: Float64Array.of(1, 1, 5, 5) };
 * const c = fitGradientBoosting(data, normalizeParams(GRADIENT_BOOSTING_PARAMS, { n_estimators: 5 }, "gradient_boosting"));
 * if (c.init[0] !== 3 || c.stages.length !== 5 || c.link !== "identity") throw new Error();
 * ```
 */
export function fitGradientBoosting(
  data: TrainingData,
  params: Params,
): GradientBoostingCoefficients {
  const x = float32TrainingColumns(data, "gradient_boosting");
  const n = data.n;
  const y = data.target.subarray(0, n);
  const loss = boostingLoss(data.shape);
  const m = loss.trees;
  const learningRate = params.learning_rate as number;
  const options = treeOptions(params, { ...data.shape, task: "regression", classes: 1 }, n);
  // One generator for the whole fit, as scikit-learn's: subsamples and each tree's splitter state.
  const random = new NumpyRandomState(params.seed as number);
  const inBag = Math.max(1, Math.trunc((params.subsample as number) * n));

  const init = loss.init(y);
  const raw = new Float64Array(m * n);
  for (let k = 0; k < m; k++) raw.fill(init[k]!, k * n, (k + 1) * n);
  const residual = new Float64Array(n);
  const stages: TreeCoefficients[][] = [];
  for (let s = 0; s < (params.n_estimators as number); s++) {
    const weights = inBag < n ? _subsample(random, n, inBag) : null;
    // Every tree of a stage sees the raw scores as they were before the stage.
    const before = m > 1 ? raw.slice() : raw;
    const stage: TreeCoefficients[] = [];
    for (let k = 0; k < m; k++) {
      loss.negativeGradient(y, before, k, residual);
      const tree = buildTree(
        x,
        residual,
        { ...options, seed: random.randint(RAND_R_MAX) },
        weights,
      );
      const leaves = _leaves(tree, x, n);
      if (loss.leafValue) {
        const members = new Map<number, number[]>();
        for (let i = 0; i < n; i++) {
          if (weights !== null && weights[i] === 0) continue;
          const list = members.get(leaves[i]!);
          if (list) list.push(i);
          else members.set(leaves[i]!, [i]);
        }
        for (const [leaf, samples] of members) {
          tree.value[leaf] = [loss.leafValue(y, residual, k, samples)];
        }
      }
      for (let i = 0; i < n; i++) raw[k * n + i]! += learningRate * tree.value[leaves[i]!]![0]!;
      stage.push(tree);
    }
    stages.push(stage);
  }
  return { link: loss.link, init, learning_rate: learningRate, stages };
}

/** scikit-learn's `_random_sample_mask` (selection sampling): exactly `inBag` rows of weight 1, the rest 0. */
function _subsample(random: NumpyRandomState, n: number, inBag: number): Float64Array {
  const uniform = Float64Array.from({ length: n }, () => random.uniform());
  const mask = new Float64Array(n);
  let taken = 0;
  for (let i = 0; i < n; i++) {
    if (uniform[i]! * (n - i) < inBag - taken) {
      mask[i] = 1;
      taken++;
    }
  }
  return mask;
}

/** The leaf each training row reaches (inputs already float32). */
function _leaves(tree: TreeCoefficients, x: readonly Float32Array[], n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let j = 0;
    while (tree.left[j] !== -1) {
      j = x[tree.feature[j]!]![i]! <= tree.threshold[j]! ? tree.left[j]! : tree.right[j]!;
    }
    out[i] = j;
  }
  return out;
}
